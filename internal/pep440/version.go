// Package pep440 parses, orders and matches Python version numbers and
// version specifiers as PEP 440 defines them: the language of
// requires-python in pyproject.toml and in PEP 723 script metadata
// (">=3.9,<3.12", "~=3.10", "==3.11.*", "!=3.10.2").
//
// Where PEP 440 leaves room, the package does what pypa/packaging 26 does:
//
//   - >V excludes V's post-releases and local versions, and <V the
//     pre-releases of V, only for V itself: >1.7a1 allows 1.7.post1, and
//     <1.7.post2 allows 1.7rc1 (older releases, such as the packaging 24.1
//     that pip 24 vendors, refuse both).
//   - A clause names a pre-release, when its version is one, except for
//     != and wildcard clauses.
//   - Empty clauses are ignored (">=3.9,"); the empty set allows every
//     version.
//
// A pre-release satisfies a set only when the caller allows pre-releases
// or a clause names one; PEP 440's last resort — a pre-release when
// nothing else satisfies the set — is for the caller, by asking again
// with pre-releases allowed. Beyond packaging, "===" needs a version after
// it (PEP 508's grammar), and numbers have at most 18 digits.
//
// The package is pure: nothing here touches the file system.
package pep440

import (
	"strconv"
	"strings"
)

// Version is a PEP 440 version: [N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local].
// The zero Version is not valid; get one from ParseVersion.
type Version struct {
	// Epoch is the number before "!", 0 when absent.
	Epoch int
	// Release holds the release numbers, at least one ("3.12.1" is 3, 12, 1).
	Release []int
	// Pre is the pre-release kind in normal form, "a", "b" or "rc"; "" for
	// none. PreN is its number.
	Pre  string
	PreN int
	// Post and Dev are the post- and development-release numbers, -1 when
	// absent.
	Post int
	Dev  int
	// Local is the local label in normal form ("ubuntu.1"), "" for none.
	Local string
}

// maxDigits bounds every number in a version, so that arithmetic on them
// (the next release, the next post-release) cannot overflow.
const maxDigits = 18

// VersionError reports text that is not a PEP 440 version.
type VersionError struct {
	Text   string
	Reason string
}

func (e *VersionError) Error() string {
	return "invalid version " + strconv.Quote(e.Text) + ": " + e.Reason
}

// IsPrerelease reports whether v is a pre-release or a development
// release, as PEP 440 counts them (1.0a1, 1.0.dev0, 1.0.post1.dev0).
func (v Version) IsPrerelease() bool { return v.Pre != "" || v.Dev >= 0 }

// IsPostrelease reports whether v has a post-release segment.
func (v Version) IsPostrelease() bool { return v.Post >= 0 }

// Public returns v without its local label.
func (v Version) Public() Version {
	v.Local = ""
	return v
}

// String returns v in PEP 440's normal form: "1.0a1", "2!1.0.post2.dev3",
// "1.0+ubuntu.1". Parsing it gives back an equal version.
func (v Version) String() string {
	var b strings.Builder
	if v.Epoch != 0 {
		b.WriteString(strconv.Itoa(v.Epoch))
		b.WriteByte('!')
	}
	for i, n := range v.Release {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(strconv.Itoa(n))
	}
	if v.Pre != "" {
		b.WriteString(v.Pre)
		b.WriteString(strconv.Itoa(v.PreN))
	}
	if v.Post >= 0 {
		b.WriteString(".post")
		b.WriteString(strconv.Itoa(v.Post))
	}
	if v.Dev >= 0 {
		b.WriteString(".dev")
		b.WriteString(strconv.Itoa(v.Dev))
	}
	if v.Local != "" {
		b.WriteByte('+')
		b.WriteString(v.Local)
	}
	return b.String()
}

// ParseVersion parses a PEP 440 version, accepting every spelling PEP 440
// normalises: any case, a leading "v", surrounding white space, "alpha",
// "beta", "c", "pre" and "preview" for pre-releases, "rev" and "r" for
// post-releases, "-", "_" and "." as separators, implicit numbers
// ("1.0a" is 1.0a0) and implicit post-releases ("1.0-1" is 1.0.post1).
func ParseVersion(s string) (Version, error) {
	v, rest, reason := parseVersion(strings.TrimSpace(s), false)
	if reason == "" && rest != "" {
		reason = "unexpected " + strconv.Quote(rest)
	}
	if reason != "" {
		return Version{}, &VersionError{Text: s, Reason: reason}
	}
	return v, nil
}

// parseVersion parses a version at the start of s. It returns what follows
// the version, and a reason when s does not start with one. With wildcard,
// it stops before a ".*" that follows the release.
func parseVersion(s string, wildcard bool) (v Version, rest, reason string) {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return v, s, "non-ASCII character"
		}
	}
	p := scanner{s: strings.ToLower(s)}
	v.Post, v.Dev = -1, -1
	p.skip('v')
	n, ok := p.number()
	if !ok {
		return v, s, p.reason("expected a release number such as 1.0")
	}
	if p.skip('!') {
		v.Epoch = n
		if n, ok = p.number(); !ok {
			return v, s, p.reason("expected a release number after the epoch")
		}
	}
	v.Release = append(v.Release, n)
	for p.peek() == '.' && isDigit(p.at(1)) {
		p.i++
		n, ok = p.number()
		if !ok {
			return v, s, p.reason("")
		}
		v.Release = append(v.Release, n)
	}
	if p.err != "" {
		return v, s, p.err
	}
	if wildcard && p.s[p.i:] == ".*" {
		return v, s[p.i:], ""
	}
	// Pre-release: [-_.]?(alpha|a|beta|b|preview|pre|c|rc)[-_.]?N?
	if label, ok := p.label(preLabels); ok {
		v.Pre = normalPre[label]
		v.PreN = p.optionalNumber()
	}
	// Post-release: -N, or [-_.]?(post|rev|r)[-_.]?N?
	if p.peek() == '-' && isDigit(p.at(1)) {
		p.i++
		v.Post, _ = p.number()
	} else if _, ok := p.label(postLabels); ok {
		v.Post = p.optionalNumber()
	}
	// Development release: [-_.]?dev[-_.]?N?
	if _, ok := p.label(devLabels); ok {
		v.Dev = p.optionalNumber()
	}
	if p.err != "" {
		return v, s, p.err
	}
	// Local label: +[a-z0-9]+([-_.][a-z0-9]+)*
	if p.skip('+') {
		local, ok := p.local()
		if !ok {
			return v, s, "invalid local version label " + strconv.Quote(s[p.i:])
		}
		v.Local = local
	}
	return v, s[p.i:], ""
}

var (
	// Longer labels first, as PEP 440's regular expression tries them.
	preLabels  = []string{"alpha", "a", "beta", "b", "preview", "pre", "c", "rc"}
	postLabels = []string{"post", "rev", "r"}
	devLabels  = []string{"dev"}
	normalPre  = map[string]string{
		"alpha": "a", "a": "a", "beta": "b", "b": "b",
		"preview": "rc", "pre": "rc", "c": "rc", "rc": "rc",
	}
)

// scanner walks a lower-cased version string.
type scanner struct {
	s   string
	i   int
	err string // a number too large
}

func (p *scanner) peek() byte { return p.at(0) }

func (p *scanner) at(k int) byte {
	if p.i+k < len(p.s) {
		return p.s[p.i+k]
	}
	return 0
}

func (p *scanner) skip(c byte) bool {
	if p.peek() == c {
		p.i++
		return true
	}
	return false
}

func (p *scanner) reason(fallback string) string {
	if p.err != "" {
		return p.err
	}
	return fallback
}

// number reads a decimal number; leading zeros are allowed and dropped.
func (p *scanner) number() (int, bool) {
	j := p.i
	for j < len(p.s) && isDigit(p.s[j]) {
		j++
	}
	if j == p.i {
		return 0, false
	}
	digits := strings.TrimLeft(p.s[p.i:j], "0")
	p.i = j
	if len(digits) > maxDigits {
		p.err = "number " + strconv.Quote(digits) + " is too large"
		return 0, false
	}
	n := 0
	for k := 0; k < len(digits); k++ {
		n = n*10 + int(digits[k]-'0')
	}
	return n, true
}

// optionalNumber reads [-_.]?N? after a label: the implicit number is 0.
// A separator with no number after it is consumed, as PEP 440's regular
// expression does ("1.0a." is 1.0a0).
func (p *scanner) optionalNumber() int {
	if isSep(p.peek()) {
		p.i++
	}
	if n, ok := p.number(); ok {
		return n
	}
	return 0
}

// label reads [-_.]?LABEL for one of labels.
func (p *scanner) label(labels []string) (string, bool) {
	j := p.i
	if isSep(p.peek()) {
		j++
	}
	for _, l := range labels {
		if strings.HasPrefix(p.s[j:], l) {
			p.i = j + len(l)
			return l, true
		}
	}
	return "", false
}

// local reads a local label and returns its normal form: segments joined
// by ".", numeric segments without leading zeros.
func (p *scanner) local() (string, bool) {
	var b strings.Builder
	for {
		j := p.i
		for j < len(p.s) && isAlnum(p.s[j]) {
			j++
		}
		if j == p.i {
			return "", false
		}
		seg := p.s[p.i:j]
		if allDigits(seg) {
			if seg = strings.TrimLeft(seg, "0"); seg == "" {
				seg = "0"
			}
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(seg)
		p.i = j
		if !isSep(p.peek()) || !isAlnum(p.at(1)) {
			return b.String(), true
		}
		p.i++
	}
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
func isAlnum(c byte) bool { return isDigit(c) || 'a' <= c && c <= 'z' }
func isSep(c byte) bool   { return c == '.' || c == '-' || c == '_' }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

// Compare orders versions as PEP 440 does: it returns -1, 0 or +1 when a
// is older than, the same as, or newer than b. Trailing zeros of the
// release do not count (1.0 equals 1.0.0); 1.0.dev0 < 1.0a1 < 1.0b1 <
// 1.0rc1 < 1.0 < 1.0+local < 1.0.post1.
func Compare(a, b Version) int {
	if c := cmpInt(a.Epoch, b.Epoch); c != 0 {
		return c
	}
	if c := compareRelease(a.Release, b.Release); c != 0 {
		return c
	}
	if c := cmpInt(preKey(a), preKey(b)); c != 0 {
		return c
	}
	if a.Pre != "" {
		if c := cmpInt(a.PreN, b.PreN); c != 0 {
			return c
		}
	}
	// Absent post sorts first (-1), absent dev sorts last.
	if c := cmpInt(a.Post, b.Post); c != 0 {
		return c
	}
	if c := cmpInt(devKey(a.Dev), devKey(b.Dev)); c != 0 {
		return c
	}
	return compareLocal(a.Local, b.Local)
}

// preKey ranks the pre-release part: a development release of a final
// (1.0.dev0) before any pre-release, then a, b, rc, then no pre-release.
func preKey(v Version) int {
	switch v.Pre {
	case "a":
		return 1
	case "b":
		return 2
	case "rc":
		return 3
	}
	if v.Post < 0 && v.Dev >= 0 {
		return 0
	}
	return 4
}

func devKey(dev int) int {
	if dev < 0 {
		return int(^uint(0) >> 1)
	}
	return dev
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

// compareRelease compares release numbers as if padded with zeros.
func compareRelease(a, b []int) int {
	for i := 0; i < len(a) || i < len(b); i++ {
		x, y := 0, 0
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if c := cmpInt(x, y); c != 0 {
			return c
		}
	}
	return 0
}

// compareLocal orders local labels: none first; then segment by segment,
// a numeric segment after an alphanumeric one, numbers by value, others
// as text; a label that is a prefix of another sorts first.
func compareLocal(a, b string) int {
	if a == b {
		return 0
	}
	if a == "" {
		return -1
	}
	if b == "" {
		return +1
	}
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(as) && i < len(bs); i++ {
		x, y := as[i], bs[i]
		xn, yn := allDigits(x), allDigits(y)
		var c int
		switch {
		case xn && yn:
			// Normal form has no leading zeros: longer is larger.
			if c = cmpInt(len(x), len(y)); c == 0 {
				c = strings.Compare(x, y)
			}
		case xn:
			c = +1
		case yn:
			c = -1
		default:
			c = strings.Compare(x, y)
		}
		if c != 0 {
			return c
		}
	}
	return cmpInt(len(as), len(bs))
}
