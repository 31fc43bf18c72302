package request

import (
	"strings"

	"github.com/pylauncher/py/internal/pyver"
)

// TagMatch is how an install's PEP 514 tag matches a selector's.
type TagMatch int

const (
	NoTag     TagMatch = iota // it does not
	PrefixTag                 // the selector's tag is a prefix of it, ending at "." or "-"
	ExactTag                  // equal (or the selector names a company alone)
)

// MatchTag applies launcher2's reading of a selector (HasTag) to build
// b: the company, when given, equal to b's (any case); the tag equal to
// b's, or a prefix of it followed by "." or "-" (so -V:3.1 matches 3.1
// and 3.1-32, not 3.10). An exact tag is chosen before a prefix. Without
// HasTag it answers NoTag.
func (r *Request) MatchTag(b pyver.Build) TagMatch {
	if !r.HasTag {
		return NoTag
	}
	if r.Company != "" && !strings.EqualFold(r.Company, b.Company()) {
		return NoTag
	}
	if r.Tag == "" {
		return ExactTag
	}
	have := b.Tag()
	switch {
	case strings.EqualFold(have, r.Tag):
		return ExactTag
	case len(have) > len(r.Tag) && strings.EqualFold(have[:len(r.Tag)], r.Tag) && (have[len(r.Tag)] == '.' || have[len(r.Tag)] == '-'):
		return PrefixTag
	}
	return NoTag
}

// Match reports whether build b satisfies the request's version reading
// (for a selector, uv's reading; see MatchTag for launcher2's). It
// answers Maybe when b's known details are not enough to tell (a file
// named python3 for a 3.12 request, an unknown pointer size for -32), and
// No for requests that name no build (Tag, Path, Name, System).
func (r *Request) Match(b pyver.Build) pyver.Match {
	switch r.Kind {
	case Any, Default:
		return pyver.Yes
	case Version:
	default:
		return pyver.No
	}
	if r.Impl != "" && r.Impl != b.Impl {
		return pyver.No
	}
	if r.FreeThreaded && !b.FreeThreaded || r.Debug && !b.Debug || r.GIL && b.FreeThreaded {
		return pyver.No
	}
	m := matchVersion(r.Version, b.Version)
	if m == pyver.No {
		return pyver.No
	}
	if r.Spec != nil {
		switch r.Spec.MatchVersion(b.Version, false) {
		case pyver.No:
			return pyver.No
		case pyver.Maybe:
			m = pyver.Maybe
		}
	}
	return and(m, matchArch(r, b))
}

// matchVersion compares the numbers asked for with a build's, as far as
// each is known. A pre-release asked for is that one exactly; a version
// without one matches the pre-releases of that version too (which come
// last, see Preferred).
func matchVersion(want, have pyver.Version) pyver.Match {
	if !want.Known() {
		return pyver.Yes
	}
	if !have.Known() {
		return pyver.Maybe
	}
	for _, p := range [][2]int{{want.Major, have.Major}, {want.Minor, have.Minor}, {want.Micro, have.Micro}} {
		switch {
		case p[0] < 0:
			return pyver.Yes
		case p[1] < 0:
			return pyver.Maybe
		case p[0] != p[1]:
			return pyver.No
		}
	}
	if want.Pre != "" && want.Pre != have.Pre || want.Pre == "" && have.Pre != "" && want.Micro >= 0 && have.Pre != "dev" {
		// 3.14.0 is not 3.14.0rc1, nor the reverse.
		return pyver.No
	}
	return pyver.Yes
}

// matchArch applies -32, -64 and -arm64 (and an install key's machine).
func matchArch(r *Request, b pyver.Build) pyver.Match {
	m := pyver.Yes
	if r.Bits != 0 {
		if b.Bits == 0 {
			m = pyver.Maybe
		} else if b.Bits != r.Bits {
			return pyver.No
		}
	}
	if r.Not32 && b.Bits == 32 {
		return pyver.No
	}
	if r.Machine != "" {
		if b.Machine == "" {
			m = pyver.Maybe
		} else if b.Machine != r.Machine {
			return pyver.No
		}
	}
	return m
}

func and(a, b pyver.Match) pyver.Match {
	switch {
	case a == pyver.No || b == pyver.No:
		return pyver.No
	case a == pyver.Maybe || b == pyver.Maybe:
		return pyver.Maybe
	}
	return pyver.Yes
}

// Preferred reports whether b is the kind of build chosen for r before any
// other: a stable standard CPython, unless r asks for a pre-release, a
// free-threaded or debug build, or another implementation (or allowPre
// lets pre-releases compete). Builds that are not preferred are chosen
// only when no preferred build satisfies r.
func (r *Request) Preferred(b pyver.Build, allowPre bool) bool {
	if b.FreeThreaded && !r.FreeThreaded || b.Debug && !r.Debug {
		return false
	}
	if b.Version.Prerelease() && r.Version.Pre == "" && !allowPre && !r.Spec.NamesPrerelease() {
		return false
	}
	if b.Impl != pyver.CPython && r.Impl == "" && (r.Company == "" || strings.EqualFold(r.Company, "PythonCore")) {
		return false
	}
	return true
}

// Chains reports whether r is a bare major version ("3", "2") that
// PY_PYTHON3 or PY_PYTHON2 (or py.ini's python3, python2) may replace.
func (r *Request) Chains() bool {
	return r.Kind == Version && !r.HasTag && r.Impl == "" && r.Spec == nil && !r.FreeThreaded && !r.Debug && !r.GIL &&
		r.Bits == 0 && !r.Not32 && r.Machine == "" && r.Version.Minor < 0 && (r.Version.Major == 3 || r.Version.Major == 2)
}

// Set is several requests a build must all satisfy: a script's and a
// project's.
type Set []*Request

// Match is Yes when every request is, No when one is No, else Maybe.
func (s Set) Match(b pyver.Build) pyver.Match {
	m := pyver.Yes
	for _, r := range s {
		m = and(m, r.Match(b))
		if m == pyver.No {
			return m
		}
	}
	return m
}

// Preferred reports whether b is preferred for every request.
func (s Set) Preferred(b pyver.Build, allowPre bool) bool {
	for _, r := range s {
		if !r.Preferred(b, allowPre) {
			return false
		}
	}
	return true
}

// String joins the requests' texts with " and ".
func (s Set) String() string {
	var parts []string
	for _, r := range s {
		parts = append(parts, r.Display())
	}
	return strings.Join(parts, " and ")
}

// Display is the request as written, or "any version".
func (r *Request) Display() string {
	if r.Text == "" {
		return "any version"
	}
	return r.Text
}
