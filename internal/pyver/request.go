package pyver

import (
	"strconv"
	"strings"
)

// Request is what a user asked for: an old-style launcher tag (-3.12,
// -3.13t, -3.12-32), a PEP 514 selector (-V:PythonCore/3.12), or an
// implementation with a version (-V:pypy3.9, -V:cpython@3.12).
type Request struct {
	// Text is the request as written, for messages.
	Text string
	// Company is the PEP 514 company asked for, "" for any.
	Company string
	// Tag is the PEP 514 tag when it is not a version (compared as text).
	Tag string
	// Impl is the implementation asked for, "" for any.
	Impl string
	// Version holds the numbers asked for; unknown parts match anything.
	Version Version
	// FreeThreaded and Debug ask for those builds ("3.13t", "3.12d").
	FreeThreaded bool
	Debug        bool
	// Bits is 32 for "-32"; Not32 is set by "-64" (anything not provably
	// 32-bit, as launcher2 does).
	Bits  int
	Not32 bool
	// Machine is set by "-arm64".
	Machine string
}

// Any reports whether r places no constraint at all.
func (r Request) Any() bool {
	return r.Company == "" && r.Tag == "" && r.Impl == "" && !r.Version.Known() &&
		!r.FreeThreaded && !r.Debug && r.Bits == 0 && !r.Not32 && r.Machine == ""
}

// BadRequestError reports a request that cannot be parsed.
type BadRequestError struct {
	Text   string
	Reason string
}

func (e *BadRequestError) Error() string {
	return "invalid version request " + strconv.Quote(e.Text) + ": " + e.Reason
}

// ParseTag parses an old-style launcher tag, the part after the dash in
// -3, -3.12, -3.12-64, -3.12-32, -3.11-arm64, -3.13t, -3.12.1: a version,
// optional "t" and "d" flags, and an optional architecture suffix.
func ParseTag(s string) (Request, error) {
	r := Request{Text: s, Version: Unknown}
	body := s
	if i := strings.IndexByte(s, '-'); i >= 0 {
		body = s[:i]
		switch s[i+1:] {
		case "64":
			r.Not32 = true
		case "32":
			r.Bits = 32
		case "arm64":
			r.Machine = "arm64"
		default:
			return r, &BadRequestError{s, "the suffix after \"-\" must be 32, 64 or arm64"}
		}
	}
	if err := r.parseVersionFlags(body); err != nil {
		return r, err
	}
	return r, nil
}

// parseVersionFlags parses "3.12", "3.13t", "3.12.1", "3.14.0rc1", "3.13td".
func (r *Request) parseVersionFlags(body string) error {
	i := strings.IndexFunc(body, func(c rune) bool { return (c < '0' || c > '9') && c != '.' })
	num, rest := body, ""
	if i >= 0 {
		num, rest = body[:i], body[i:]
	}
	pre := ""
	for _, k := range []string{"rc", "a", "b"} {
		if strings.HasPrefix(rest, k) {
			j := len(k)
			for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
				j++
			}
			pre, rest = rest[:j], rest[j:]
			break
		}
	}
	switch rest {
	case "":
	case "t":
		r.FreeThreaded = true
	case "d":
		r.Debug = true
	case "td":
		r.FreeThreaded, r.Debug = true, true
	default:
		return &BadRequestError{r.Text, "expected a version such as 3, 3.12, 3.12.1 or 3.13t"}
	}
	v, ok := ParseVersion(num + pre)
	if !ok {
		return &BadRequestError{r.Text, "expected a version such as 3, 3.12, 3.12.1 or 3.13t"}
	}
	if (r.FreeThreaded || r.Debug) && v.Minor < 0 {
		return &BadRequestError{r.Text, "a free-threaded or debug request needs a minor version (3.13t)"}
	}
	r.Version = v
	return nil
}

// ParseSelector parses the value of -V: / --version:. A "Company/Tag" pair
// selects by PEP 514 company (PythonCore, PyPy, GraalPy; any case) and tag;
// a tag alone matches every company. Beyond PEP 514, the tag may name an
// implementation, as uv does: cpython3.12, cpython@3.12, pypy3.9, pypy.
// A tag that is not a version is compared as text, so it can still name a
// registry entry on Windows; on Unix it matches nothing.
func ParseSelector(s string) (Request, error) {
	r := Request{Text: s, Version: Unknown}
	company, tag, hasCompany := strings.Cut(s, "/")
	if hasCompany {
		r.Company = company
	} else {
		tag = s
	}
	if tag == "" {
		return r, nil
	}
	body := tag
	lower := strings.ToLower(tag)
	for _, impl := range []string{CPython, PyPy, GraalPy} {
		if rest, ok := strings.CutPrefix(lower, impl); ok {
			r.Impl = impl
			body = strings.TrimPrefix(rest, "@")
			break
		}
	}
	if body == "" && r.Impl != "" {
		return r, nil
	}
	if body != "" && body[0] >= '0' && body[0] <= '9' {
		if strings.Contains(body, "-") {
			arch, err := ParseTag(body)
			if err == nil {
				arch.Text, arch.Company, arch.Impl = s, r.Company, r.Impl
				return arch, nil
			}
		} else if err := r.parseVersionFlags(body); err == nil {
			return r, nil
		}
	}
	if r.Impl != "" {
		return r, &BadRequestError{s, "expected a version after " + strconv.Quote(r.Impl)}
	}
	r.Version, r.FreeThreaded, r.Debug = Unknown, false, false
	r.Tag = tag
	return r, nil
}

// Match is the answer of Request.Match.
type Match int

const (
	No    Match = iota // b cannot satisfy the request
	Yes                // b satisfies the request
	Maybe              // b lacks a detail the request constrains; ask the interpreter
)

// Match reports whether build b satisfies r. It answers Maybe when b's
// known details are not enough to tell (a file named python3 for a 3.12
// request, an unknown pointer size for -3.12-32).
func (r Request) Match(b Build) Match {
	if r.Company != "" && !strings.EqualFold(r.Company, b.Company()) {
		return No
	}
	if r.Impl != "" && r.Impl != b.Impl {
		return No
	}
	if r.Tag != "" {
		if tagMatches(b.Tag(), r.Tag) || tagMatches(b.Version.String(), r.Tag) {
			return Yes
		}
		return No
	}
	if r.FreeThreaded && !b.FreeThreaded || r.Debug && !b.Debug {
		return No
	}
	maybe := false
	if r.Version.Known() {
		switch {
		case !b.Version.Known():
			maybe = true
		case b.Version.Major != r.Version.Major:
			return No
		case r.Version.Minor < 0:
		case b.Version.Minor < 0:
			maybe = true
		case b.Version.Minor != r.Version.Minor:
			return No
		case r.Version.Micro < 0:
		case b.Version.Micro < 0:
			maybe = true
		case b.Version.Micro != r.Version.Micro:
			return No
		case b.Version.Pre != r.Version.Pre:
			// An exact release: 3.14.0 is not 3.14.0rc1, nor the reverse.
			return No
		}
	}
	if r.Bits != 0 {
		if b.Bits == 0 {
			maybe = true
		} else if b.Bits != r.Bits {
			return No
		}
	}
	if r.Not32 && b.Bits == 32 {
		return No
	}
	if r.Machine != "" {
		if b.Machine == "" {
			maybe = true
		} else if b.Machine != r.Machine {
			return No
		}
	}
	if maybe {
		return Maybe
	}
	return Yes
}

// tagMatches applies PEP 514's rule as launcher2 does: equal, or a prefix
// followed by "." or "-" (so 3.1 matches 3.1-32 but not 3.10), ignoring case.
func tagMatches(have, want string) bool {
	if len(have) < len(want) || !strings.EqualFold(have[:len(want)], want) {
		return false
	}
	return len(have) == len(want) || have[len(want)] == '.' || have[len(want)] == '-'
}

// Preferred reports whether b is the kind of build chosen for r before any
// other: a stable standard CPython, unless r asks for a pre-release, a
// free-threaded or debug build, or another implementation. Builds that are
// not preferred are chosen only when no preferred build satisfies r.
func (r Request) Preferred(b Build, allowPre bool) bool {
	if b.FreeThreaded && !r.FreeThreaded || b.Debug && !r.Debug {
		return false
	}
	if b.Version.Prerelease() && r.Version.Pre == "" && !allowPre {
		return false
	}
	if b.Impl != CPython && r.Impl == "" && (r.Company == "" || strings.EqualFold(r.Company, "PythonCore")) {
		return false
	}
	return true
}
