package pep440

import (
	"strconv"
	"strings"
	"unicode"
)

// Specifier is one clause of a version specifier: an operator and a
// version (">=3.9", "==3.11.*", "~=3.10").
type Specifier struct {
	// Op is one of "~=", "==", "!=", "<=", ">=", "<", ">", "===".
	Op string
	// Version is the version compared with; for a wildcard clause it holds
	// the prefix ("3.11" in "==3.11.*"). Unset for "===".
	Version Version
	// Wildcard marks a prefix match, "==V.*" or "!=V.*".
	Wildcard bool
	// Arbitrary is the text compared with by "===".
	Arbitrary string
}

// SpecifierSet is a comma-separated list of clauses, all of which must
// hold. The empty set allows every version.
type SpecifierSet []Specifier

// SpecifierError reports text that is not a PEP 440 version specifier.
type SpecifierError struct {
	// Text is the whole specifier; Clause the clause at fault.
	Text   string
	Clause string
	Reason string
}

func (e *SpecifierError) Error() string {
	msg := "invalid version specifier " + strconv.Quote(e.Text)
	if e.Clause != strings.TrimSpace(e.Text) {
		msg += " (in " + strconv.Quote(e.Clause) + ")"
	}
	return msg + ": " + e.Reason
}

// operators, longer first so that "===" is not read as "==".
var operators = []string{"===", "~=", "==", "!=", "<=", ">=", "<", ">"}

// Parse parses a version specifier such as ">=3.9,<3.12". White space
// around clauses and operators is allowed; empty clauses are ignored, as
// pypa/packaging does, so "" is the set that allows everything.
func Parse(s string) (SpecifierSet, error) {
	var set SpecifierSet
	for clause := range strings.SplitSeq(s, ",") {
		clause = strings.TrimSpace(clause)
		if clause == "" {
			continue
		}
		spec, reason := parseSpecifier(clause)
		if reason != "" {
			return nil, &SpecifierError{Text: s, Clause: clause, Reason: reason}
		}
		set = append(set, spec)
	}
	return set, nil
}

// ParseSpecifier parses a single clause such as "~=3.10".
func ParseSpecifier(s string) (Specifier, error) {
	clause := strings.TrimSpace(s)
	spec, reason := parseSpecifier(clause)
	if reason != "" {
		return Specifier{}, &SpecifierError{Text: s, Clause: clause, Reason: reason}
	}
	return spec, nil
}

func parseSpecifier(clause string) (Specifier, string) {
	var spec Specifier
	for _, op := range operators {
		if strings.HasPrefix(clause, op) {
			spec.Op = op
			break
		}
	}
	if spec.Op == "" {
		return spec, "expected an operator (~=, ==, !=, <=, >=, <, >, ===) before the version"
	}
	text := strings.TrimSpace(clause[len(spec.Op):])
	if text == "" {
		return spec, "expected a version after " + strconv.Quote(spec.Op)
	}
	if spec.Op == "===" {
		if i := strings.IndexFunc(text, func(r rune) bool { return unicode.IsSpace(r) || r == ';' || r == ')' }); i >= 0 {
			return spec, "unexpected " + strconv.Quote(text[i:])
		}
		spec.Arbitrary = text
		return spec, ""
	}
	v, rest, reason := parseVersion(text, true)
	if reason != "" {
		return spec, reason
	}
	spec.Version = v
	eq := spec.Op == "==" || spec.Op == "!="
	switch {
	case rest == ".*" && !eq:
		return spec, "a wildcard (.*) is allowed only with == and !="
	case rest == ".*" && (v.Pre != "" || v.Post >= 0 || v.Dev >= 0 || v.Local != ""):
		return spec, "a wildcard (.*) follows only release numbers, as in ==3.11.*"
	case rest == ".*":
		spec.Wildcard = true
	case rest != "":
		return spec, "unexpected " + strconv.Quote(rest)
	}
	if v.Local != "" && spec.Op != "==" && spec.Op != "!=" {
		return spec, "a local version label (+" + v.Local + ") is allowed only with == and !="
	}
	if spec.Op == "~=" && len(v.Release) < 2 {
		return spec, "~= needs at least two release numbers, as in ~=3.10"
	}
	return spec, ""
}

// String returns the clause in normal form (">=3.9", "==3.11.*").
func (s Specifier) String() string {
	if s.Op == "===" {
		return s.Op + s.Arbitrary
	}
	if s.Wildcard {
		return s.Op + s.Version.String() + ".*"
	}
	return s.Op + s.Version.String()
}

// String returns the set in normal form, its clauses joined by ",".
func (set SpecifierSet) String() string {
	parts := make([]string, len(set))
	for i, s := range set {
		parts[i] = s.String()
	}
	return strings.Join(parts, ",")
}

// NamesPrerelease reports whether the clause asks for pre-releases by
// naming one (">=3.14.0b1"). As in pypa/packaging, "!=" and wildcard
// clauses never do.
func (s Specifier) NamesPrerelease() bool {
	switch {
	case s.Op == "!=", s.Wildcard:
		return false
	case s.Op == "===":
		v, err := ParseVersion(s.Arbitrary)
		return err == nil && v.IsPrerelease()
	}
	return s.Version.IsPrerelease()
}

// NamesPrerelease reports whether any clause of the set names a
// pre-release, which lets the whole set match pre-releases.
func (set SpecifierSet) NamesPrerelease() bool {
	for _, s := range set {
		if s.NamesPrerelease() {
			return true
		}
	}
	return false
}

// Contains reports whether v satisfies the clause. A pre-release v
// satisfies it only when prereleases is set or the clause names a
// pre-release (PEP 440: pre-releases are excluded unless asked for).
func (s Specifier) Contains(v Version, prereleases bool) bool {
	if v.IsPrerelease() && !prereleases && !s.NamesPrerelease() {
		return false
	}
	return s.match(v)
}

// Contains reports whether v satisfies every clause of the set. A
// pre-release v satisfies the set only when prereleases is set or a
// clause names a pre-release.
func (set SpecifierSet) Contains(v Version, prereleases bool) bool {
	if len(v.Release) == 0 {
		return false
	}
	if v.IsPrerelease() && !prereleases && !set.NamesPrerelease() {
		return false
	}
	for _, s := range set {
		if !s.match(v) {
			return false
		}
	}
	return true
}

// match applies the clause's operator, leaving pre-release policy aside.
// The rules are PEP 440's, in the form pypa/packaging gives them.
func (s Specifier) match(v Version) bool {
	if len(v.Release) == 0 {
		return false
	}
	w := s.Version
	switch s.Op {
	case "===":
		return strings.EqualFold(v.String(), s.Arbitrary)
	case "==":
		return s.equal(v)
	case "!=":
		return !s.equal(v)
	case ">=":
		return Compare(v, w) >= 0
	case "<=":
		// The candidate's local label is ignored.
		return Compare(v.Public(), w) <= 0
	case "<":
		// <V excludes the pre-releases of V unless V is one: compare
		// against V.dev0, the earliest of them.
		if !w.IsPrerelease() {
			w.Dev, w.Local = 0, ""
		}
		return Compare(v, w) < 0
	case ">":
		switch {
		case w.Dev >= 0:
			// >V.devN: the next version is V.dev(N+1).
			w.Dev++
			return Compare(v, w) >= 0
		case w.Post >= 0:
			// >V.postN: the next version is V.post(N+1).dev0.
			w.Post, w.Dev = w.Post+1, 0
			return Compare(v, w) >= 0
		}
		// >V excludes V's local versions and post-releases.
		if Compare(v, w) <= 0 {
			return false
		}
		family := v.Epoch == w.Epoch && compareRelease(v.Release, w.Release) == 0 &&
			v.Pre == w.Pre && (v.Pre == "" || v.PreN == w.PreN) && (v.Dev < 0 || v.Post >= 0)
		return !family
	case "~=":
		// ~=V.N means >=V.N, ==V.*.
		if len(w.Release) < 2 {
			return false
		}
		prefix := w.Release[:len(w.Release)-1]
		return Compare(v, w) >= 0 && Compare(v, nextPrefix(w.Epoch, prefix)) < 0
	}
	return false
}

// equal implements ==: a prefix match for V.*, zero padding of the
// release, and the candidate's local label ignored unless V has one.
func (s Specifier) equal(v Version) bool {
	w := s.Version
	if s.Wildcard {
		if len(w.Release) == 0 {
			return false
		}
		// ==1.2.* is 1.2.dev0 <= v < 1.3.dev0.
		low := Version{Epoch: w.Epoch, Release: w.Release, Post: -1, Dev: 0}
		return Compare(v, low) >= 0 && Compare(v, nextPrefix(w.Epoch, w.Release)) < 0
	}
	if w.Local == "" {
		v = v.Public()
	}
	return Compare(v, w) == 0
}

// nextPrefix returns the first version after every version starting with
// prefix: 1.2 gives 1.3.dev0.
func nextPrefix(epoch int, prefix []int) Version {
	r := append([]int(nil), prefix...)
	r[len(r)-1]++
	return Version{Epoch: epoch, Release: r, Post: -1, Dev: 0}
}
