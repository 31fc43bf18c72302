// Package pyver parses, compares and matches Python versions and the
// requests users write for them: launcher tags (-3.12, -3.13t, -3.12-32),
// PEP 514 selectors (-V:PythonCore/3.12) and the names interpreters are
// installed under (python3.12, pypy3.9, pyenv's 3.13.0t, uv's
// cpython-3.12.1-linux-x86_64-gnu).
//
// The package is pure: nothing here touches the file system.
package pyver

import (
	"strconv"
	"strings"
)

// Version is a Python language version, as far as it is known. Minor and
// Micro are -1 when unknown (a file named python3 says only "3").
type Version struct {
	Major int
	Minor int
	Micro int
	// Pre is the pre-release part as Python spells it in sys.version
	// ("a1", "b2", "rc1"), "dev" for a branch head whose micro version is
	// unknown (pyenv's 3.14-dev), or "" for a final release.
	Pre string
}

// dev is the Pre of a branch head.
const dev = "dev"

// Unknown is the zero knowledge version.
var Unknown = Version{Major: -1, Minor: -1, Micro: -1}

// Known reports whether at least the major version is known.
func (v Version) Known() bool { return v.Major >= 0 }

// Prerelease reports whether v is an alpha, beta or release candidate.
func (v Version) Prerelease() bool { return v.Pre != "" }

// String formats v as Python does in platform.python_version(), leaving
// out the parts that are unknown; a branch head is "3.14-dev".
func (v Version) String() string {
	if v.Major < 0 {
		return "?"
	}
	var b strings.Builder
	b.WriteString(strconv.Itoa(v.Major))
	if v.Minor >= 0 {
		b.WriteByte('.')
		b.WriteString(strconv.Itoa(v.Minor))
		if v.Micro >= 0 {
			b.WriteByte('.')
			b.WriteString(strconv.Itoa(v.Micro))
		}
	}
	if v.Pre == dev {
		b.WriteByte('-')
	}
	b.WriteString(v.Pre)
	return b.String()
}

// Feature returns the "X.Y" part of v ("3" when the minor is unknown).
func (v Version) Feature() string {
	return Version{Major: v.Major, Minor: v.Minor, Micro: -1}.String()
}

// Compare orders versions: it returns -1, 0 or +1 when a is older than,
// the same as, or newer than b. Unknown parts sort before known ones, and a
// pre-release sorts before the final release of the same number.
func Compare(a, b Version) int {
	if c := cmpInt(a.Major, b.Major); c != 0 {
		return c
	}
	if c := cmpInt(a.Minor, b.Minor); c != 0 {
		return c
	}
	if c := cmpInt(a.Micro, b.Micro); c != 0 {
		return c
	}
	return comparePre(a.Pre, b.Pre)
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return +1
	}
	return 0
}

// comparePre orders "a1" < "a2" < "b1" < "rc1" < "" (final).
func comparePre(a, b string) int {
	if a == b {
		return 0
	}
	if a == "" {
		return +1
	}
	if b == "" {
		return -1
	}
	ka, na := splitPre(a)
	kb, nb := splitPre(b)
	if ka != kb {
		return cmpInt(preRank(ka), preRank(kb))
	}
	return cmpInt(na, nb)
}

func splitPre(s string) (kind string, n int) {
	i := strings.IndexAny(s, "0123456789")
	if i < 0 {
		return s, 0
	}
	n, _ = strconv.Atoi(s[i:])
	return s[:i], n
}

func preRank(kind string) int {
	switch kind {
	case "a":
		return 0
	case "b":
		return 1
	case "rc":
		return 2
	}
	return -1
}

// ParseVersion parses a version number as Python and installers write it:
// "3", "3.12", "3.12.1", "3.13.0rc2", "3.14.0a1", and the
// sys.version_info form "3.12.1.final.0" or "3.13.0.candidate.2" that
// virtualenv writes into pyvenv.cfg. A trailing "+" (CPython's development
// builds, "3.14.0a1+") is accepted and ignored. "3.14-dev" and "3-dev",
// as String writes a branch head, are versions with Pre "dev".
func ParseVersion(s string) (Version, bool) {
	if num, ok := strings.CutSuffix(s, "-"+dev); ok {
		v, ok := parseVersion(num)
		if !ok || v.Micro >= 0 || v.Pre != "" || strings.HasSuffix(num, "+") {
			return Unknown, false
		}
		v.Pre = dev
		return v, true
	}
	return parseVersion(s)
}

func parseVersion(s string) (Version, bool) {
	v := Unknown
	s = strings.TrimSuffix(s, "+")
	if s == "" {
		return v, false
	}
	// version_info form: X.Y.Z.level.serial (strings.Cut, unlike Split,
	// allocates nothing: this runs for every install on every launch)
	if strings.Count(s, ".") == 4 {
		xs, rest, _ := strings.Cut(s, ".")
		ys, rest, _ := strings.Cut(rest, ".")
		zs, rest, _ := strings.Cut(rest, ".")
		level, serials, _ := strings.Cut(rest, ".")
		x, ok1 := atoi(xs)
		y, ok2 := atoi(ys)
		z, ok3 := atoi(zs)
		serial, ok4 := atoi(serials)
		if !ok1 || !ok2 || !ok3 || !ok4 {
			return v, false
		}
		pre := ""
		switch level {
		case "final":
		case "alpha":
			pre = "a" + strconv.Itoa(serial)
		case "beta":
			pre = "b" + strconv.Itoa(serial)
		case "candidate":
			pre = "rc" + strconv.Itoa(serial)
		default:
			return v, false
		}
		return Version{Major: x, Minor: y, Micro: z, Pre: pre}, true
	}
	num, pre := s, ""
	if i := strings.IndexAny(s, "abr"); i >= 0 {
		num, pre = s[:i], s[i:]
		if !validPre(pre) {
			return v, false
		}
	}
	if strings.Count(num, ".") > 2 {
		return v, false
	}
	nums := [3]int{-1, -1, -1}
	for i := 0; ; i++ {
		p, rest, more := strings.Cut(num, ".")
		n, ok := atoi(p)
		if !ok {
			return v, false
		}
		nums[i] = n
		if !more {
			break
		}
		num = rest
	}
	if pre != "" && nums[2] < 0 {
		// "3.13a1" is not a version Python ever reports.
		return v, false
	}
	return Version{Major: nums[0], Minor: nums[1], Micro: nums[2], Pre: pre}, true
}

func validPre(s string) bool {
	for _, k := range []string{"rc", "a", "b"} {
		if rest, ok := strings.CutPrefix(s, k); ok {
			_, ok := atoi(rest)
			return ok
		}
	}
	return false
}

// atoi parses a non-negative decimal number of at most 9 digits.
func atoi(s string) (int, bool) {
	if s == "" || len(s) > 9 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
