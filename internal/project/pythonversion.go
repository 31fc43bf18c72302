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

	"github.com/pylauncher/py/internal/readfile"
)

// Line is one request line of a .python-version file: what package
// request reads with request.FromLine.
type Line struct {
	// Num is the 1-based line number.
	Num int
	// Text is the request as written, without comment or white space.
	Text string
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

// ParsePythonVersion splits a .python-version file, as pyenv and uv
// write it, into its request lines (the first satisfiable one to be
// used). Blank lines and "#" comments (whole lines, or after white space)
// are skipped; a UTF-8 or UTF-16 byte order mark and CRLF line ends are
// allowed. A line that cannot hold a request (not UTF-8, control
// characters, more than one word, too long) is a Problem; what a line
// means is package request's business.
func ParsePythonVersion(data []byte) ([]Line, []Problem) {
	text := decodeText(data)
	var lines []Line
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
		if reason := lineProblem(req); reason != "" {
			problems = append(problems, Problem{n, req, reason})
			continue
		}
		lines = append(lines, Line{Num: n, Text: req})
	}
	return lines, problems
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

// lineProblem says why text cannot be a request, or "".
func lineProblem(text string) string {
	if !utf8.ValidString(text) {
		return "not valid UTF-8"
	}
	for _, r := range text {
		if unicode.IsControl(r) && r != '\t' {
			return "a control character " + strconv.QuoteRune(r)
		}
	}
	if strings.ContainsFunc(text, unicode.IsSpace) && strings.IndexByte("<>=!~", text[0]) < 0 {
		return "more than one word; write one version per line"
	}
	return ""
}

// maxPythonVersionSize is the most of a .python-version file read.
const maxPythonVersionSize = 64 << 10

// ReadPythonVersion reads and parses the .python-version file at path.
// err is about reading it (a missing file, one over 64 KiB); problems
// with its lines are in the Problems.
func ReadPythonVersion(path string) ([]Line, []Problem, error) {
	data, err := readfile.Read(path, maxPythonVersionSize)
	if err != nil {
		return nil, nil, err
	}
	lines, problems := ParsePythonVersion(data)
	return lines, problems, nil
}

// PyenvVersionDir returns $PYENV_ROOT/versions/NAME for a pyenv name from
// a .python-version file, if that directory exists. Names that would
// leave the versions directory are refused (CVE-2022-35861).
func PyenvVersionDir(root, name string) (string, bool) {
	if root == "" || name == "" || !safeName(name) {
		return "", false
	}
	dir := filepath.Join(root, "versions", filepath.FromSlash(name))
	fi, err := os.Stat(dir)
	if err != nil || !fi.IsDir() {
		return "", false
	}
	return dir, true
}

// safeName reports whether a pyenv name stays below the versions
// directory: parts separated by "/", none empty, "." or "..", no "\\".
func safeName(name string) bool {
	if strings.ContainsRune(name, '\\') || filepath.IsAbs(name) {
		return false
	}
	for part := range strings.SplitSeq(name, "/") {
		if part == "" || part == "." || part == ".." {
			return false
		}
	}
	return true
}
