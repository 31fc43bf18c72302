package project

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/pylauncher/py/internal/pep440"
	"github.com/pylauncher/py/internal/pyver"
	"github.com/pylauncher/py/internal/readfile"
)

// Pin is one request from a .python-version file.
type Pin struct {
	// Line is the 1-based line the pin is on.
	Line int
	// Text is the request as written, without comment or white space.
	Text string
	// IsVersion marks a request for a version (3.12, 3.13t, pypy3.9,
	// cpython@3.12, >=3.11): Request, and Spec when set, say which. When
	// it is false, Text is a pyenv name (an install directory such as
	// 3.12-dev or miniconda3-latest, or a pyenv-virtualenv environment
	// such as myenv or 3.11.7/envs/myenv) to look up as
	// $PYENV_ROOT/versions/TEXT, or pyenv's "system" when System is set.
	IsVersion bool
	Request   pyver.Request
	// Spec is set when the pin is a PEP 440 specifier, as uv allows
	// (">=3.11,<3.13", "cpython>=3.12"); Request then says only the
	// implementation, if any.
	Spec pep440.SpecifierSet
	// GIL asks for a build with the GIL (uv's "3.13+gil").
	GIL bool
	// System is pyenv's "system": the Python found outside pyenv.
	System bool
}

// Match reports whether build b satisfies a version pin, like
// pyver.Request.Match, with Spec and GIL applied; a pre-release satisfies
// Spec only when Spec names one. A system pin matches every build; a name
// matches none (resolve it through pyenv first).
func (p Pin) Match(b pyver.Build) pyver.Match {
	if p.System {
		return pyver.Yes
	}
	if !p.IsVersion {
		return pyver.No
	}
	m := p.Request.Match(b)
	if m == pyver.No || p.GIL && b.FreeThreaded {
		return pyver.No
	}
	if p.Spec != nil {
		switch p.Spec.MatchVersion(b.Version, false) {
		case pyver.No:
			return pyver.No
		case pyver.Maybe:
			m = pyver.Maybe
		}
	}
	return m
}

// Problem is a line of a .python-version file that was skipped.
type Problem struct {
	Line int
	// Text is the line's request as written.
	Text   string
	Reason string
}

func (p Problem) Error() string {
	return "line " + strconv.Itoa(p.Line) + ": " + strconv.Quote(p.Text) + ": " + p.Reason
}

// maxLineLength is the longest request read from a .python-version line;
// pyenv reads at most 1024 bytes of a line.
const maxLineLength = 1024

// ParsePythonVersion parses a .python-version file as pyenv and uv write
// it: one request per line, the first satisfiable one to be used. Blank
// lines and "#" comments (whole lines, or after white space) are skipped;
// a UTF-8 or UTF-16 byte order mark and CRLF line ends are allowed. A
// line is a version request (3.12, 3.12.1, 3.13t, 3.14.0rc1, pypy3.9,
// cpython@3.12, cpython3.12, 3.13+freethreaded, >=3.11,<3.13, uv's
// cpython-3.12.1-linux-x86_64-gnu, pyenv's python-3.12), pyenv's
// "system", or a pyenv name. Other lines are reported as Problems.
func ParsePythonVersion(data []byte) ([]Pin, []Problem) {
	text := decodeText(data)
	var pins []Pin
	var problems []Problem
	for n := 1; text != ""; n++ {
		line, rest, _ := strings.Cut(text, "\n")
		text = rest
		req := strings.Trim(stripComment(line), asciiSpace)
		if req == "" {
			continue
		}
		if len(req) > maxLineLength {
			problems = append(problems, Problem{n, req[:32] + "…", "longer than " + strconv.Itoa(maxLineLength) + " bytes"})
			continue
		}
		p, reason := parsePin(req)
		if reason != "" {
			problems = append(problems, Problem{n, req, reason})
			continue
		}
		p.Line = n
		pins = append(pins, p)
	}
	return pins, problems
}

const asciiSpace = " \t\r\v\f"

// decodeText returns data as text: without a UTF-8 byte order mark, or
// decoded from UTF-16 with one (what Windows PowerShell's "echo 3.12 >
// .python-version" writes).
func decodeText(data []byte) string {
	var order func([]byte) uint16
	switch {
	case bytes.HasPrefix(data, bom):
		return string(data[len(bom):])
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}):
		order = func(b []byte) uint16 { return uint16(b[0]) | uint16(b[1])<<8 }
	case bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		order = func(b []byte) uint16 { return uint16(b[0])<<8 | uint16(b[1]) }
	default:
		return string(data)
	}
	units := make([]uint16, 0, len(data)/2)
	for b := data[2:]; len(b) >= 2; b = b[2:] {
		units = append(units, order(b))
	}
	return string(utf16.Decode(units))
}

// stripComment removes a comment: a line starting with "#", or "#" after
// white space.
func stripComment(line string) string {
	for i := 0; i < len(line); i++ {
		if line[i] == '#' && (i == 0 || strings.IndexByte(asciiSpace, line[i-1]) >= 0) {
			return line[:i]
		}
	}
	return line
}

// parsePin classifies one request; reason says why it is none.
func parsePin(text string) (Pin, string) {
	p := Pin{Text: text, Request: pyver.Request{Text: text, Version: pyver.Unknown}}
	if !utf8.ValidString(text) {
		return p, "not valid UTF-8"
	}
	for _, r := range text {
		if unicode.IsControl(r) && r != '\t' {
			return p, "a control character " + strconv.QuoteRune(r)
		}
	}
	if text == "system" {
		p.System = true
		return p, ""
	}
	if strings.IndexByte("<>=!~", text[0]) >= 0 {
		set, err := pep440.Parse(text)
		if err != nil {
			return p, err.Error()
		}
		p.Spec, p.IsVersion = set, true
		return p, ""
	}
	if strings.ContainsFunc(text, unicode.IsSpace) {
		return p, "more than one word; write one version per line"
	}
	body := text
	// pyenv strips "python-" (pyenv#3054).
	if rest, ok := strings.CutPrefix(body, "python-"); ok && rest != "" && isDigit(rest[0]) {
		body = rest
	}
	if r, set, gil, ok := parseRequest(body); ok {
		r.Text = text
		p.Request, p.Spec, p.GIL, p.IsVersion = r, set, gil, true
		return p, ""
	}
	if impl, rest := cutImpl(body); impl != "" && strings.HasPrefix(rest, "@") {
		// uv's implementation@version with something wrong after the @.
		if _, err := pyver.ParseSelector(body); err != nil {
			return p, err.Error()
		}
	}
	if reason := checkName(text); reason != "" {
		return p, reason
	}
	return p, ""
}

// parseRequest parses a version request as uv writes them.
func parseRequest(s string) (r pyver.Request, set pep440.SpecifierSet, gil, ok bool) {
	r.Version = pyver.Unknown
	// uv's install keys: cpython-3.12.1-linux-x86_64-gnu.
	if strings.Count(s, "-") >= 3 {
		b, uvok := pyver.ParseUVName(s)
		if !uvok {
			return r, nil, false, false
		}
		r.Impl, r.Version, r.FreeThreaded, r.Debug, r.Machine = b.Impl, b.Version, b.FreeThreaded, b.Debug, b.Machine
		return r, nil, false, true
	}
	// uv's variants: 3.13+freethreaded, 3.12+debug, 3.13+gil.
	base, variants, hasVariants := strings.Cut(s, "+")
	ft, debug := false, false
	if hasVariants {
		for v := range strings.SplitSeq(strings.ToLower(variants), "+") {
			switch v {
			case "freethreaded":
				ft = true
			case "debug":
				debug = true
			case "gil":
				gil = true
			default:
				return r, nil, false, false
			}
		}
		if ft && gil {
			return r, nil, false, false
		}
	}
	switch {
	case base == "":
		return r, nil, false, false
	case isDigit(base[0]):
		req, err := pyver.ParseTag(base)
		if err != nil {
			return r, nil, false, false
		}
		r = req
	default:
		impl, rest := cutImpl(base)
		if impl != "" && rest != "" && strings.IndexByte("<>=!~", rest[0]) >= 0 {
			// An implementation and a specifier: cpython>=3.12.
			spec, err := pep440.Parse(rest)
			if err != nil {
				return r, nil, false, false
			}
			r.Impl, set = impl, spec
			break
		}
		if impl != "" && (impl == "cp" || impl == "pp") {
			// uv's short forms: cp312, pp39.
			if len(rest) < 2 || !allDigits(rest) {
				return r, nil, false, false
			}
			base = map[string]string{"cp": pyver.CPython, "pp": pyver.PyPy}[impl] + "@" + rest[:1] + "." + rest[1:]
		}
		req, err := pyver.ParseSelector(base)
		if err != nil || req.Impl == "" || req.Company != "" || req.Tag != "" {
			return r, nil, false, false
		}
		r = req
	}
	if hasVariants && set == nil && r.Version.Minor < 0 {
		return r, nil, false, false
	}
	r.FreeThreaded = r.FreeThreaded || ft
	r.Debug = r.Debug || debug
	if gil && r.FreeThreaded {
		return r, nil, false, false
	}
	return r, set, gil, true
}

// cutImpl splits an implementation name off the front of s: cpython,
// pypy, graalpy (any case), or uv's short cp and pp.
func cutImpl(s string) (impl, rest string) {
	lower := strings.ToLower(s)
	for _, name := range []string{pyver.CPython, pyver.PyPy, pyver.GraalPy, "cp", "pp"} {
		if strings.HasPrefix(lower, name) {
			return name, s[len(name):]
		}
	}
	return "", s
}

// checkName reports why text cannot be a pyenv version name, or "". A
// name is a path below $PYENV_ROOT/versions: letters, digits and ._+@-,
// with "/" between parts (3.11.7/envs/myenv), never "." or "..".
func checkName(text string) string {
	if text[0] == '-' {
		if _, err := pyver.ParseTag(text[1:]); err == nil {
			return "not a version; write " + strconv.Quote(text[1:]) + ", without the dash"
		}
		return "not a Python version or a pyenv name"
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		if !isDigit(c) && !('a' <= c && c <= 'z') && !('A' <= c && c <= 'Z') && strings.IndexByte("._+@-/", c) < 0 {
			return "not a Python version or a pyenv name"
		}
	}
	for part := range strings.SplitSeq(text, "/") {
		if part == "" || part == "." || part == ".." {
			return "not a Python version or a pyenv name"
		}
	}
	return ""
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

// maxPythonVersionSize is the most of a .python-version file read.
const maxPythonVersionSize = 64 << 10

// ReadPythonVersion reads and parses the .python-version file at path.
// err is about reading it (a missing file, one over 64 KiB); problems
// with its lines are in the Problems.
func ReadPythonVersion(path string) ([]Pin, []Problem, error) {
	data, err := readfile.Read(path, maxPythonVersionSize)
	if err != nil {
		return nil, nil, err
	}
	pins, problems := ParsePythonVersion(data)
	return pins, problems, nil
}

// PyenvVersionDir returns $PYENV_ROOT/versions/NAME for a pyenv name from
// a .python-version file, if that directory exists. Names that would
// leave the versions directory are refused (CVE-2022-35861).
func PyenvVersionDir(root, name string) (string, bool) {
	if root == "" || name == "" || checkName(name) != "" {
		return "", false
	}
	dir := filepath.Join(root, "versions", filepath.FromSlash(name))
	fi, err := os.Stat(dir)
	if err != nil || !fi.IsDir() {
		return "", false
	}
	return dir, true
}
