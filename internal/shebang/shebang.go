// Package shebang reads and parses the "#!" line of a script: the virtual
// commands of CPython's launcher (/usr/bin/env python3, /usr/bin/python3.9,
// python), /usr/bin/env NAME with -S and VAR=value, and plain program
// paths. It is pure except for Read, which reads at most MaxRead+1 bytes.
package shebang

import (
	"bytes"
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/pylauncher/py/internal/readfile"
	"github.com/pylauncher/py/internal/request"
)

// MaxRead is how much of a script is read looking for a shebang, as in
// CPython's launcher.
const MaxRead = 4096

// Kind says what a shebang names.
type Kind int

const (
	// Virtual is one of the launcher's virtual commands: /usr/bin/env
	// python…, /usr/bin/python…, /usr/local/bin/python…, python….
	// Version holds the text after "python" ("", "3", "3.9", "3.13t").
	Virtual Kind = iota + 1
	// Env is /usr/bin/env NAME, NAME not (necessarily) a virtual command:
	// NAME is searched on PATH. A Virtual shebang written with
	// /usr/bin/env is also searched on PATH first.
	Env
	// Program is a program path (absolute or relative) or a bare name
	// that is not a virtual command.
	Program
)

// Shebang is a parsed "#!" line.
type Shebang struct {
	// Line is the text after "#!", without the line end.
	Line string
	Kind Kind
	// Command is the program as written: "/usr/bin/perl", "python3.9",
	// "mypython"; for Env, the NAME searched on PATH.
	Command string
	// ViaEnv is set when the command came through /usr/bin/env.
	ViaEnv bool
	// Version is the text after "python" for a virtual command.
	Version string
	// Args are the arguments after the command, split at white space
	// (with -S: split as env -S does, honouring quotes and backslashes).
	Args []string
	// Env holds VAR=value assignments given to /usr/bin/env.
	Env []string
	// Alias is the py.ini [commands] key the shebang looks up: for a
	// virtual command "python" and the text after it as written
	// (python3, python3.12.exe), otherwise Command.
	Alias string
	// Raw, from ParseWindows, holds the arguments as written (after the
	// command and its white space), to go on a command line verbatim;
	// empty when Args come from an -S string or follow VAR=value.
	Raw string
}

// Errors of Read and Parse. All mean "this shebang cannot be used".
var (
	ErrNotUTF8  = errors.New("the shebang line is not UTF-8")
	ErrEmptyEnv = errors.New("/usr/bin/env names no command")
	ErrEnvFlag  = errors.New("/usr/bin/env option not supported (only -S and VAR=value are)")
	ErrQuote    = errors.New("unterminated quote in the -S string")
)

// NoShebang reasons, for the debug trace.
const (
	reasonNone    = "no #! at the start"
	reasonTooLong = "the first line is longer than 4096 bytes"
	reasonBlank   = "#! is followed by nothing"
	// reasonInvalidBOM is a first byte 0xEF not followed by the rest of
	// UTF-8's byte order mark (CPython's launcher's "Invalid BOM").
	reasonInvalidBOM = "invalid byte order mark"
	// ReasonOtherBOM is a shebang after a byte order mark that is not
	// UTF-8's (0xEF not followed by BB BF, UTF-16's, UTF-32's): CPython's
	// launcher reads none, and neither does py, but there is a shebang
	// to ignore, worth a warning.
	ReasonOtherBOM = "a shebang after a byte order mark that is not UTF-8's"
)

// BadBOM reports whether a reason of Read or Extract is a byte order
// mark that is not UTF-8's (CPython's launcher's "Invalid BOM").
func BadBOM(reason string) bool { return reason == reasonInvalidBOM || reason == ReasonOtherBOM }

// Read reads the shebang line of the script at path. It returns found =
// false, with a reason, when there is none: the file cannot be read, does
// not start with "#!" (after an optional UTF-8 BOM), or its first MaxRead
// bytes hold no line end and the file goes on past them. A script that
// is only a shebang, without a line end, has one. Read returns an error
// only for a line that is there but unusable (not UTF-8).
func Read(path string) (line string, found bool, reason string, err error) {
	// One byte more than MaxRead says whether the file goes on.
	data, rerr := readfile.Head(path, MaxRead+1)
	if rerr != nil {
		return "", false, rerr.Error(), nil
	}
	return Extract(data)
}

// Extract finds the shebang line in the first bytes of a script (see
// Read). Only the first MaxRead bytes are looked at; data longer than
// that says that the file goes on past them, so a first line without a
// line end is too long rather than the whole file.
func Extract(data []byte) (line string, found bool, reason string, err error) {
	more := len(data) > MaxRead
	if more {
		data = data[:MaxRead]
	}
	if r := otherBOM(data); r != "" {
		return "", false, r, nil
	}
	data = trimBOM(data)
	if len(data) < 2 || data[0] != '#' || data[1] != '!' {
		return "", false, reasonNone, nil
	}
	data = data[2:]
	end := bytes.IndexAny(data, "\r\n")
	if end < 0 {
		if more {
			return "", false, reasonTooLong, nil
		}
		end = len(data)
	}
	data = data[:end]
	if !utf8.Valid(data) {
		return "", false, "", ErrNotUTF8
	}
	line = strings.TrimSpace(string(data))
	if line == "" {
		return "", false, reasonBlank, nil
	}
	return line, true, "", nil
}

// otherBOMs are the byte order marks that are not UTF-8's, each with
// "#!" as it would follow in that encoding.
var otherBOMs = [][2]string{
	{"\x00\x00\xFE\xFF", "\x00\x00\x00#\x00\x00\x00!"},
	{"\xFF\xFE\x00\x00", "#\x00\x00\x00!\x00\x00\x00"},
	{"\xFE\xFF", "\x00#\x00!"},
	{"\xFF\xFE", "#\x00!\x00"},
}

// otherBOM says why data has no shebang when it starts with a byte
// order mark that is not UTF-8's (see ReasonOtherBOM), or "".
func otherBOM(data []byte) string {
	if len(data) > 0 && data[0] == 0xEF && !(len(data) >= 3 && data[1] == 0xBB && data[2] == 0xBF) {
		if len(data) >= 5 && data[3] == '#' && data[4] == '!' {
			return ReasonOtherBOM
		}
		return reasonInvalidBOM
	}
	for _, b := range otherBOMs {
		if rest, ok := bytes.CutPrefix(data, []byte(b[0])); ok && bytes.HasPrefix(rest, []byte(b[1])) {
			return ReasonOtherBOM
		}
	}
	return ""
}

func trimBOM(b []byte) []byte {
	if len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		return b[3:]
	}
	return b
}

// virtualPrefixes are the launcher's virtual commands, without /usr/bin/env
// (handled separately), longest first.
var virtualPrefixes = []string{"/usr/local/bin/python", "/usr/bin/python", "python"}

// Parse parses the text after "#!" (as returned by Read).
func Parse(line string) (Shebang, error) {
	sb := Shebang{Line: line}
	fields := strings.Fields(line)
	if len(fields) == 0 {
		return sb, ErrEmptyEnv
	}
	cmd, rest := fields[0], fields[1:]
	if cmd == "/usr/bin/env" || cmd == "/bin/env" {
		sb.ViaEnv = true
		var err error
		if cmd, rest, err = parseEnv(sb.Line, rest, &sb); err != nil {
			return sb, err
		}
	}
	sb.Command, sb.Alias = cmd, cmd
	if len(rest) > 0 {
		sb.Args = rest
	}
	if v, ok := virtualVersion(cmd, sb.ViaEnv); ok {
		sb.Kind, sb.Version, sb.Alias = Virtual, v, "python"+v
		return sb, nil
	}
	if sb.ViaEnv {
		sb.Kind = Env
	} else {
		sb.Kind = Program
	}
	return sb, nil
}

// parseEnv handles the arguments of /usr/bin/env: -S STRING (split),
// VAR=value assignments, then the command.
func parseEnv(line string, rest []string, sb *Shebang) (string, []string, error) {
	if len(rest) > 0 && strings.HasPrefix(rest[0], "-S") {
		// Everything after -S is one string, split as env -S does.
		_, after, _ := strings.Cut(line, "-S")
		split, err := splitS(after)
		if err != nil {
			return "", nil, err
		}
		rest = split
	}
	for len(rest) > 0 && isAssignment(rest[0]) {
		sb.Env = append(sb.Env, rest[0])
		rest = rest[1:]
	}
	// -S "" and -S '  ' name a command that is empty or white space.
	if len(rest) == 0 || strings.TrimSpace(rest[0]) == "" {
		return "", nil, ErrEmptyEnv
	}
	if strings.HasPrefix(rest[0], "-") {
		return "", nil, ErrEnvFlag
	}
	return rest[0], rest[1:], nil
}

func isAssignment(s string) bool {
	name, _, ok := strings.Cut(s, "=")
	if !ok || name == "" {
		return false
	}
	for i, c := range name {
		if !(c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// splitS splits an env -S string: white space separates words; single
// quotes keep everything; double quotes keep white space and allow \" and
// \\; a backslash outside quotes escapes the next character.
func splitS(s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case c == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return nil, ErrQuote
			}
			cur.WriteString(s[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case c == '"':
			i++
			for ; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) && (s[i+1] == '"' || s[i+1] == '\\') {
					i++
				}
				cur.WriteByte(s[i])
			}
			if i >= len(s) {
				return nil, ErrQuote
			}
			inWord = true
		case c == '\\' && i+1 < len(s):
			i++
			cur.WriteByte(s[i])
			inWord = true
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}

// ParseWindows parses the text after "#!" as CPython's launcher does on
// Windows (launcher2), where that differs from Parse:
//
//   - "/usr/bin/env" followed by two spaces names no command
//     (ErrEmptyEnv: the name is what follows the first space);
//   - a command that starts like a virtual command (/usr/bin/python,
//     /usr/local/bin/python, python; /usr/bin/env python) is one,
//     whatever follows: a final ".exe", then "_d" (a debug build's
//     name) are dropped from the version, and a leading "w" (py's
//     reading: pythonw3.12 is 3.12, the windowed interpreter that pyw
//     runs); what is left may be no version (python-config), which the
//     caller reports;
//   - a program's name may hold double quotes, which are dropped and
//     keep white space ("some random app", some" random "app); a
//     backslash escapes nothing;
//   - Raw holds the arguments as written.
func ParseWindows(line string) (Shebang, error) {
	if rest, ok := strings.CutPrefix(line, "/usr/bin/env "); ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t') {
		return Shebang{Line: line}, ErrEmptyEnv
	}
	first := line
	if i := strings.IndexAny(line, " \t"); i >= 0 {
		first = line[:i]
	}
	if first == "/usr/bin/env" || first == "/bin/env" {
		sb, err := Parse(line)
		if err != nil {
			return sb, err
		}
		if rest, ok := strings.CutPrefix(sb.Command, "python"); ok {
			sb.Kind, sb.Version, sb.Alias = Virtual, windowsVersion(rest), sb.Command
		}
		if len(sb.Env) == 0 && !strings.HasPrefix(strings.TrimLeft(line[len(first):], " \t"), "-S") {
			_, sb.Raw = cutToken(strings.TrimLeft(line[len(first):], " \t"))
		}
		return sb, nil
	}
	sb := Shebang{Line: line, Kind: Program}
	for _, p := range virtualPrefixes {
		if rest, ok := strings.CutPrefix(first, p); ok {
			sb.Kind, sb.Command, sb.Version, sb.Alias = Virtual, first, windowsVersion(rest), "python"+rest
			_, sb.Raw = cutToken(line)
			break
		}
	}
	if sb.Kind == Program {
		sb.Command, sb.Raw = cutToken(line)
		sb.Alias = first
	}
	if f := strings.Fields(sb.Raw); len(f) > 0 {
		sb.Args = f
	}
	return sb, nil
}

// cutToken splits off the first word of s as CPython's launcher reads a
// shebang's program on Windows: it ends at white space outside double
// quotes; quotes are dropped. rest is what follows its white space.
func cutToken(s string) (word, rest string) {
	var b strings.Builder
	quoted := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case (c == ' ' || c == '\t') && !quoted:
			return b.String(), strings.TrimLeft(s[i:], " \t")
		case c == '"':
			quoted = !quoted
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), ""
}

// windowsVersion is the version in a virtual command on Windows: the
// text after "python" without a final ".exe", then "_d", then a leading
// "w" (see ParseWindows).
func windowsVersion(rest string) string {
	if len(rest) >= 4 && strings.EqualFold(rest[len(rest)-4:], ".exe") {
		rest = rest[:len(rest)-4]
	}
	if len(rest) >= 2 && strings.EqualFold(rest[len(rest)-2:], "_d") {
		rest = rest[:len(rest)-2]
	}
	return strings.TrimPrefix(rest, "w")
}

// virtualVersion reports whether cmd is a virtual command and returns the
// text after "python". Through /usr/bin/env, the command is a bare name.
func virtualVersion(cmd string, viaEnv bool) (string, bool) {
	var rest string
	switch {
	case viaEnv:
		r, ok := strings.CutPrefix(cmd, "python")
		if !ok {
			return "", false
		}
		rest = r
	default:
		found := false
		for _, p := range virtualPrefixes {
			if r, ok := strings.CutPrefix(cmd, p); ok {
				rest, found = r, true
				break
			}
		}
		if !found {
			return "", false
		}
	}
	if len(rest) > 4 && strings.EqualFold(rest[len(rest)-4:], ".exe") {
		rest = rest[:len(rest)-4]
	}
	// Only a version may follow: python3.9 and python3.13t are virtual;
	// python3-config and pythonw are not.
	if rest != "" && !IsVersion(rest) {
		return "", false
	}
	return rest, true
}

// IsVersion reports whether s, the text after "python" in a command, is
// a version request (3, 3.12, 3.13t, 3.12-32): what makes the command a
// virtual one.
func IsVersion(s string) bool {
	r, err := request.FromShebang(s, "")
	return err == nil && r.Kind == request.Version && r.Version.Known() && s[0] >= '0' && s[0] <= '9'
}
