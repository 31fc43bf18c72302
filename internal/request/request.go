// Package request is py's one request language: what a user writes to
// name a Python, wherever they write it — the launcher options -3.12 and
// -V:…, the launcher's own name (python3.12), PY_PYTHON*, py.ini's
// [defaults], a .python-version line, a shebang's virtual command, and
// (as a specifier set) requires-python and PEP 723. One Request type, one
// parser; a constructor per source says which reading applies there.
//
// Two languages meet here:
//
//   - CPython's launcher (launcher2, PEP 514): -V:Company/Tag compares the
//     tag as text — equal, or a prefix ending at "." or "-" (-V:3.1 is not
//     3.10), an exact tag before a prefix; and the old-style -3.12-32,
//     -3.12-64, -3.11-arm64, -3.13t, which filter by version and
//     architecture.
//   - uv's request language: 3, 3.12, 3.12.1, 312, 3.14rc1, 3.13t, 313t,
//     3.13+freethreaded, +debug, +gil, PEP 440 specifier sets (>=3.12,<3.13,
//     also >=3.13t), implementations (cpython, cp, cp312, cpython@3.12,
//     cpython>=3.12, python3.12, pypy3.10, pp310, graalpy, gp310), any,
//     default, install keys (cpython-3.12.1-linux-x86_64-gnu), paths to an
//     interpreter or an environment, and executable names on PATH.
//
// Where they disagree about a string, launcher2 wins for -V: (and for a
// default holding "/"): its reading is tried first, and uv's applies only
// when no interpreter matches it (see Request.HasTag).
//
// The package is pure: nothing here touches the file system.
package request

import (
	"strconv"
	"strings"

	"github.com/pylauncher/py/internal/pep440"
	"github.com/pylauncher/py/internal/pyver"
	"github.com/pylauncher/py/internal/quote"
)

// Kind says what a request names.
type Kind int

const (
	// Any is any Python ("any", and an empty -V:).
	Any Kind = iota
	// Default is what py runs when nothing is asked ("default").
	Default
	// Version is a version, an implementation, a build variant, an
	// architecture or a specifier set, as far as they are given.
	Version
	// Tag is a PEP 514 selector with no other reading
	// (-V:Company/ignored-name, -V:3.12-32): see HasTag.
	Tag
	// Path is an interpreter or an environment named by its path.
	Path
	// Name is an executable searched on PATH (uv's mypython3), or, on a
	// .python-version line, a pyenv name ($PYENV_ROOT/versions/NAME).
	Name
	// System is pyenv's "system" on a .python-version line: the Python
	// found outside pyenv.
	System
)

var kindNames = [...]string{"any", "default", "version", "tag", "path", "name", "system"}

func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind" + strconv.Itoa(int(k))
}

// Syntax says which reading a source's text gets.
type Syntax int

const (
	// Option is the text after the dash of an old-style launcher option
	// (-3.12-32), the launcher's name after "python" (python3.12), and a
	// default without "/": launcher2's old-style tag, whose -32, -64 and
	// -arm64 filter by architecture; then uv's language.
	Option Syntax = iota
	// Selector is -V:/--version: and a default with "/": a PEP 514
	// Company/Tag compared as text first (HasTag); then uv's language.
	Selector
	// Line is a .python-version line: uv's language, then pyenv's
	// "system" and names.
	Line
	// Specifier is requires-python or a PEP 723 script's: a PEP 440
	// specifier set and nothing else.
	Specifier
)

// Request is what someone asked for, and where.
type Request struct {
	// Text is the request as written; Origin where it was written, for
	// messages: "the command line \"-3.12\"", "PY_PYTHON",
	// ".python-version in /src/app, line 2".
	Text   string
	Origin string
	// Syntax is the reading Text got.
	Syntax Syntax
	Kind   Kind

	// HasTag marks launcher2's reading of a selector: Company and Tag,
	// compared as text with the install's PEP 514 company and tag (see
	// MatchTag). When it is set and Kind is not Tag, the fields below
	// hold uv's reading of the same text, which applies when no
	// interpreter matches the tag.
	HasTag  bool
	Company string
	Tag     string

	// Impl is the implementation asked for ("cpython", "pypy",
	// "graalpy"), "" for any.
	Impl string
	// Version holds the numbers asked for; unknown parts match anything.
	// A pre-release ("3.14rc1") has Micro 0 unless written.
	Version pyver.Version
	// Spec, when set, is a PEP 440 specifier set the version satisfies.
	Spec pep440.SpecifierSet
	// FreeThreaded, Debug and GIL ask for those builds (3.13t, 3.12d,
	// 3.13+gil: not free-threaded).
	FreeThreaded, Debug, GIL bool
	// Bits is 32 for "-32"; Not32 is set by "-64" (anything not
	// provably 32-bit, as launcher2 does); Machine by "-arm64" or an
	// install key's architecture.
	Bits    int
	Not32   bool
	Machine string

	// Path is the interpreter or environment of a Path request (as
	// written, possibly relative); Name the executable or pyenv name of
	// a Name request.
	Path string
	Name string
}

// Error reports text that is not a request.
type Error struct {
	Text   string
	Reason string
}

func (e *Error) Error() string {
	return "invalid request " + quote.String(e.Text) + ": " + e.Reason
}

// Hint says what a request looks like, for the line after an Error.
const Hint = "a request looks like 3, 3.12, 3.12.1, 3.13t, 3.12-32, cp312, pypy3.10, >=3.11,<3.13, PythonCore/3.12 or a path"

// versionSyntax is the reason for text that reads as nothing.
const versionSyntax = "expected a version such as 3, 3.12, 3.12.1 or 3.13t"

// FromOption reads the text after the dash of a launcher option: "3",
// "3.12", "3.12-32", "3.13t", also uv's "cp312" (-cp312 is not an
// option launcher2 knows; the command line only passes text starting
// with a digit here). origin is "the command line \"-3.12\"".
func FromOption(text, origin string) (Request, error) {
	return parse(text, Option, origin)
}

// FromSelector reads the text after -V: or --version:.
func FromSelector(text, origin string) (Request, error) {
	return parse(text, Selector, origin)
}

// FromLauncherName reads the version in the launcher's own name:
// python3.12 means -3.12, pythonw3 means -3. tail is what follows
// "python" or "pythonw".
func FromLauncherName(tail, name string) (Request, error) {
	return parse(tail, Option, "the launcher's name "+quote.String(name))
}

// FromDefault reads PY_PYTHON, PY_PYTHON3, PY_PYTHON2 or a py.ini
// [defaults] value: with a "/" a PEP 514 selector, otherwise an old-style
// tag (as launcher2 reads them), and uv's language.
func FromDefault(text, origin string) (Request, error) {
	if strings.Contains(text, "/") && !isAbs(text) {
		return parse(text, Selector, origin)
	}
	return parse(text, Option, origin)
}

// FromLine reads a .python-version line.
func FromLine(text, origin string) (Request, error) {
	return parse(text, Line, origin)
}

// FromShebang reads the version of a shebang's virtual command: the text
// after "python" in #!/usr/bin/python3.12 or #!/usr/bin/env python3.13t.
func FromShebang(version, origin string) (Request, error) {
	return parse(version, Option, origin)
}

// FromSpecifier reads requires-python or a PEP 723 script's.
func FromSpecifier(text, origin string) (Request, error) {
	return parse(text, Specifier, origin)
}

// Parse reads text with the given syntax; origin is kept for messages.
func Parse(text string, syntax Syntax, origin string) (Request, error) {
	return parse(text, syntax, origin)
}

func parse(text string, syntax Syntax, origin string) (Request, error) {
	r := Request{Text: text, Origin: origin, Syntax: syntax, Kind: Version, Version: pyver.Unknown}
	switch syntax {
	case Specifier:
		spec, err := pep440.Parse(text)
		if err != nil {
			return r, &Error{text, err.Error()}
		}
		r.Spec = spec
		return r, nil
	case Option:
		if ok := r.oldStyle(text); ok {
			return r, nil
		}
		if body, suffix, ok := strings.Cut(text, "-"); ok && body != "" && isDigit(body[0]) && !strings.Contains(suffix, "-") {
			if _, _, _, ok := versionWithFlags(body, true); ok {
				return r, &Error{text, `the suffix after "-" must be 32, 64 or arm64`}
			}
		}
	case Selector:
		if isPath(text, Line) {
			// An absolute path, or one starting with ./, ../ or ~/:
			// no PEP 514 company is called ".", ".." or "~".
			r.Kind, r.Path = Path, text
			return r, nil
		}
		r.HasTag = true
		r.Company, r.Tag, _ = cut(text)
		if r.Tag == "" {
			r.Kind = Tag
			if r.Company == "" {
				r.Kind, r.HasTag = Any, false
			}
			return r, nil
		}
	case Line:
		if text == "system" {
			r.Kind = System
			return r, nil
		}
	}
	body := text
	if rest, ok := strings.CutPrefix(body, "python-"); ok && syntax == Line && rest != "" && isDigit(rest[0]) {
		// pyenv writes python-3.12 for 3.12 (pyenv#3054).
		body = rest
	}
	if syntax == Selector && r.Company != "" {
		// Company/Tag: only launcher2 reads it.
		r.Kind = Tag
		return r, nil
	}
	if err := r.uv(body, syntax); err != nil {
		if syntax == Selector && !looksLikeUV(body) {
			// launcher2's reading alone: a tag that is not a version
			// still names a registration.
			r.clearUV()
			r.Kind = Tag
			return r, nil
		}
		return r, err
	}
	return r, nil
}

// looksLikeUV reports a selector that can only be meant in uv's
// language (a specifier set, implementation@version): an error there is
// reported, not taken for a PEP 514 tag that matches nothing.
func looksLikeUV(s string) bool {
	return s != "" && strings.IndexByte("<>=!~", s[0]) >= 0 || strings.Contains(s, "@")
}

// cut splits a selector at its first "/": Company/Tag, or Tag alone.
func cut(s string) (company, tag string, ok bool) {
	company, tag, ok = strings.Cut(s, "/")
	if !ok {
		return "", s, false
	}
	return company, tag, true
}

// clearUV forgets what uv's reading set.
func (r *Request) clearUV() {
	r.Impl, r.Version, r.Spec = "", pyver.Unknown, nil
	r.FreeThreaded, r.Debug, r.GIL = false, false, false
	r.Bits, r.Not32, r.Machine = 0, false, ""
	r.Path, r.Name = "", ""
}

// oldStyle reads launcher2's old-style tag: a version with optional "t"
// and "d" and an optional -32, -64 or -arm64 suffix. It reports false,
// leaving r as it was, for anything else.
func (r *Request) oldStyle(text string) bool {
	body, suffix, hasSuffix := strings.Cut(text, "-")
	if body == "" || !isDigit(body[0]) {
		return false
	}
	var bits int
	var not32 bool
	var machine string
	if hasSuffix {
		switch suffix {
		case "32":
			bits = 32
		case "64":
			not32 = true
		case "arm64":
			machine = "arm64"
		default:
			return false
		}
	}
	v, ft, debug, ok := versionWithFlags(body, false)
	if !ok {
		return false
	}
	r.Version, r.FreeThreaded, r.Debug = v, ft, debug
	r.Bits, r.Not32, r.Machine = bits, not32, machine
	return true
}

// uv reads text in uv's request language (with pyenv's names on a
// .python-version line).
func (r *Request) uv(text string, syntax Syntax) error {
	switch {
	case text == "":
		return &Error{text, versionSyntax}
	case strings.EqualFold(text, "any"):
		r.Kind = Any
		return nil
	case strings.EqualFold(text, "default"):
		r.Kind = Default
		return nil
	case isPath(text, syntax):
		r.Kind, r.Path = Path, text
		return nil
	case strings.IndexByte("<>=!~", text[0]) >= 0:
		return r.specifier(text)
	}
	if r.installKey(text) {
		return nil
	}
	lower := asciiLower(text) // the same length as text, whatever it holds
	impl, rest := cutImpl(lower)
	if impl != "" {
		if ok, err := r.implementation(impl, text[len(text)-len(rest):], rest); ok || err != nil {
			return err
		}
	} else if isDigit(text[0]) {
		v, ft, debug, gil, ok := uvVersion(text)
		if ok {
			r.Version, r.FreeThreaded, r.Debug, r.GIL = v, ft, debug, gil
			return nil
		}
		if syntax != Line {
			return &Error{text, versionSyntax}
		}
	}
	return r.name(text, syntax)
}

// name takes text as an executable name (uv) or, on a .python-version
// line, a pyenv name.
func (r *Request) name(text string, syntax Syntax) error {
	if reason := checkName(text, syntax == Line); reason != "" {
		return &Error{text, reason}
	}
	r.Kind, r.Name = Name, text
	return nil
}

// specifier reads a PEP 440 specifier set, with uv's "t" after its last
// version for a free-threaded build (>=3.13t).
func (r *Request) specifier(text string) error {
	set := text
	if t, ok := strings.CutSuffix(text, "t"); ok && t != "" && isDigit(t[len(t)-1]) {
		set, r.FreeThreaded = t, true
	}
	spec, err := pep440.Parse(set)
	if err != nil {
		return &Error{text, err.Error()}
	}
	r.Spec = spec
	// uv reads a lone ==X.Y[.Z] as that version.
	if v, ok := exactVersion(spec); ok {
		r.Spec, r.Version = nil, v
	}
	return nil
}

// exactVersion returns the version of a set that is a single "==X.Y" or
// "==X.Y.Z" clause, as uv reads it.
func exactVersion(spec pep440.SpecifierSet) (pyver.Version, bool) {
	if len(spec) != 1 {
		return pyver.Unknown, false
	}
	s := spec[0].String()
	num, ok := strings.CutPrefix(s, "==")
	if !ok || strings.ContainsAny(num, "*+!abcdefghijklmnopqrstuvwxyz") || strings.Count(num, ".") < 1 || strings.Count(num, ".") > 2 {
		return pyver.Unknown, false
	}
	// The numbers a version request may have (at most 4 digits each,
	// as uv reads them), so that the version reads back as itself.
	v, _, _, ok := versionWithFlags(num, false)
	return v, ok
}

// installKey reads uv's install keys: cpython-3.12.1-linux-x86_64-gnu,
// cpython-3.13.2, any-3.13.2.
func (r *Request) installKey(text string) bool {
	if strings.Count(text, "-") < 1 || isDigit(text[0]) {
		return false
	}
	lower := asciiLower(text)
	impl, rest, _ := strings.Cut(lower, "-")
	switch impl {
	case "any", pyver.CPython, pyver.PyPy, pyver.GraalPy:
	default:
		return false
	}
	if strings.Count(text, "-") >= 3 {
		b, ok := pyver.ParseUVName(lower)
		if !ok {
			return false
		}
		r.Impl, r.Version, r.FreeThreaded, r.Debug, r.Machine = b.Impl, b.Version, b.FreeThreaded, b.Debug, b.Machine
		if impl == "any" {
			r.Impl = ""
		}
		return true
	}
	ver, _, _ := strings.Cut(rest, "-")
	v, ft, debug, gil, ok := uvVersion(ver)
	if !ok || gil || v.Major != 2 && v.Major != 3 {
		// (pyenv's graalpy-24.1.0 names GraalPy's own version: a name)
		return false
	}
	if impl != "any" {
		r.Impl = impl
	}
	r.Version, r.FreeThreaded, r.Debug = v, ft, debug
	return true
}

// implementation reads an implementation with what follows it: nothing,
// a version (cpython3.12, cpython@3.12, cp312, pp310), or a specifier
// set (cpython>=3.12, cpython@>=3.12,<3.13). raw is rest as written. ok
// is false when this is no implementation request (cpythonic).
func (r *Request) implementation(impl, raw, rest string) (ok bool, err error) {
	full := map[string]string{"cp": pyver.CPython, "pp": pyver.PyPy, "gp": pyver.GraalPy, "python": pyver.CPython}[impl]
	if full == "" {
		full = impl
	}
	at := strings.HasPrefix(rest, "@")
	if at {
		rest, raw = rest[1:], raw[1:]
	}
	switch {
	case rest == "" && !at:
		if impl == "python" {
			// "python" alone: any Python, as uv reads it.
			r.Kind = Any
			return true, nil
		}
		r.Impl = full
		return true, nil
	case rest == "":
		return false, &Error{r.Text, "expected a version after " + strconv.Quote(impl+"@")}
	case strings.IndexByte("<>=!~", rest[0]) >= 0:
		if err := r.specifier(raw); err != nil {
			return false, err
		}
		if impl != "python" {
			r.Impl = full
		}
		return true, nil
	}
	// cp312 and pp310 run the numbers together; so may cpython312.
	v, ft, debug, gil, vok := uvVersion(rest)
	if !vok {
		if at {
			return false, &Error{r.Text, versionSyntax + " after " + strconv.Quote(impl+"@")}
		}
		return false, nil
	}
	if impl != "python" {
		r.Impl = full
	}
	r.Version, r.FreeThreaded, r.Debug, r.GIL = v, ft, debug, gil
	return true, nil
}

// cutImpl splits an implementation name off the front of lower-case s:
// cpython, pypy, graalpy, python, or uv's short cp, pp and gp.
func cutImpl(s string) (impl, rest string) {
	for _, name := range []string{pyver.CPython, pyver.PyPy, pyver.GraalPy, "python", "cp", "pp", "gp"} {
		if rest, ok := strings.CutPrefix(s, name); ok {
			return name, rest
		}
	}
	return "", s
}

// uvVersion reads a version in uv's language: 3, 3.12, 3.12.1, 312,
// 3100, 3.14rc1, 3.14.0rc1, 313rc4, with "t", "d" or "td", or
// "+freethreaded", "+debug", "+gil" variants.
func uvVersion(s string) (v pyver.Version, ft, debug, gil, ok bool) {
	base, variants, hasVariants := strings.Cut(s, "+")
	if hasVariants {
		for part := range strings.SplitSeq(asciiLower(variants), "+") {
			switch part {
			case "freethreaded":
				ft = true
			case "debug":
				debug = true
			case "gil":
				gil = true
			default:
				return v, false, false, false, false
			}
		}
		if ft && gil {
			return v, false, false, false, false
		}
	}
	v, vft, vdebug, ok := versionWithFlags(base, true)
	if !ok || hasVariants && (vft || vdebug) || gil && vft {
		return v, false, false, false, false
	}
	return v, ft || vft, debug || vdebug, gil, true
}

// versionWithFlags reads a version with optional "t", "d" or "td": 3,
// 3.12, 3.12.1, 3.13t, 3.14rc1, 3.14.0rc1 and, when joined is set, uv's
// run-together 312, 3100, 313t, 313rc1.
func versionWithFlags(s string, joined bool) (v pyver.Version, ft, debug, ok bool) {
	v = pyver.Unknown
	switch {
	case strings.HasSuffix(s, "td"):
		s, ft, debug = s[:len(s)-2], true, true
	case strings.HasSuffix(s, "t"):
		s, ft = s[:len(s)-1], true
	case strings.HasSuffix(s, "d"):
		s, debug = s[:len(s)-1], true
	}
	num, pre := s, ""
	if i := strings.IndexFunc(s, func(c rune) bool { return c != '.' && (c < '0' || c > '9') }); i >= 0 {
		num, pre = s[:i], s[i:]
		if !validPre(pre) {
			return v, false, false, false
		}
	}
	parts := strings.Split(num, ".")
	if len(parts) > 3 || num == "" {
		return v, false, false, false
	}
	nums := [3]int{-1, -1, -1}
	for i, p := range parts {
		n, ok := atoi(p)
		if !ok {
			return v, false, false, false
		}
		nums[i] = n
	}
	if len(parts) == 1 && len(num) > 1 {
		// uv's 312, 38, 3100: the first digit is the major version.
		if !joined || len(num) > 4 {
			return v, false, false, false
		}
		nums[0], nums[1] = int(num[0]-'0'), mustAtoi(num[1:])
	}
	if pre != "" {
		if nums[1] < 0 {
			return v, false, false, false // "3rc1": a pre-release needs a minor version
		}
		if nums[2] < 0 {
			nums[2] = 0
		}
	}
	if (ft || debug) && nums[1] < 0 && !joined {
		return v, false, false, false // -3t is no old-style tag
	}
	return pyver.Version{Major: nums[0], Minor: nums[1], Micro: nums[2], Pre: pre}, ft, debug, true
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

// atoi parses a non-negative decimal number of at most 4 digits, without
// leading zeros (uv refuses 3.012).
func atoi(s string) (int, bool) {
	if s == "" || len(s) > 4 || len(s) > 1 && s[0] == '0' {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

func mustAtoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// asciiLower lower-cases ASCII letters and leaves every other byte as it
// is, so that offsets into the result are offsets into s.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// isAbs reports an absolute path on Unix or Windows: /x, C:\x, C:/x, \\server\x.
func isAbs(s string) bool {
	return strings.HasPrefix(s, "/") || strings.HasPrefix(s, `\\`) ||
		len(s) >= 3 && s[1] == ':' && (s[2] == '\\' || s[2] == '/') && (s[0]|0x20 >= 'a' && s[0]|0x20 <= 'z')
}

// isPath reports text uv takes for a path: absolute, or holding a path
// separator, or starting with "." or "~". On a .python-version line a
// name with "/" is pyenv's (3.11.7/envs/myenv): only an absolute path, or
// one starting with "./", "../" or "~", is a path there.
func isPath(s string, syntax Syntax) bool {
	if isAbs(s) || s == "." || s == ".." || s == "~" || strings.HasPrefix(s, "~/") || strings.HasPrefix(s, `~\`) ||
		strings.HasPrefix(s, "./") || strings.HasPrefix(s, "../") || strings.HasPrefix(s, `.\`) || strings.HasPrefix(s, `..\`) {
		return true
	}
	return syntax != Line && strings.ContainsAny(s, `/\`)
}

// checkName reports why text cannot be an executable name (or, on a
// .python-version line, a pyenv name: a path below $PYENV_ROOT/versions,
// 3.11.7/envs/myenv), or "".
func checkName(text string, pyenv bool) string {
	if text == "" {
		return "not a Python version or a program name"
	}
	if text[0] == '-' {
		var r Request
		if r.oldStyle(text[1:]) {
			return "not a request; write " + strconv.Quote(text[1:]) + ", without the dash"
		}
		return "not a Python version or a program name"
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		if !isDigit(c) && !('a' <= c && c <= 'z') && !('A' <= c && c <= 'Z') && strings.IndexByte("._+@-", c) < 0 && !(pyenv && c == '/') {
			return "not a Python version or a program name"
		}
	}
	for part := range strings.SplitSeq(text, "/") {
		if part == "" || part == "." || part == ".." {
			return "not a Python version or a program name"
		}
	}
	return ""
}
