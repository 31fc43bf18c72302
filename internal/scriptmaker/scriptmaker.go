// Package scriptmaker writes console-script launchers in distlib's format
// (template executable, "#!" line, zip archive with __main__.py), as pip's
// ScriptMaker does, with py's entrypoint program as the template.
package scriptmaker

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/pylauncher/py/internal/atomicfile"
	"github.com/pylauncher/py/internal/trampoline"
)

// Options describe a launcher.
type Options struct {
	// Template is the launcher template (the entrypoint program).
	Template []byte
	// Interpreter is the Python to run: an absolute path,
	// "<launcher_dir>/python" (relative to the launcher), or
	// "/usr/bin/env python3".
	Interpreter string
	// Args are interpreter options placed before the launcher's path.
	Args []string
	// Entry is "module:function" or "module:object.attr"; or Script is
	// the __main__.py to run.
	Entry  string
	Script []byte
}

var entryRE = regexp.MustCompile(`^([A-Za-z_][\w.]*)\s*:\s*([A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*)$`)

// MainPy returns the __main__.py distlib writes for an entry point
// "module:function".
func MainPy(entry string) ([]byte, error) {
	m := entryRE.FindStringSubmatch(strings.TrimSpace(entry))
	if m == nil {
		return nil, fmt.Errorf("entry point %q is not module:function", entry)
	}
	module, attr := m[1], m[2]
	importName, _, _ := strings.Cut(attr, ".")
	return []byte(fmt.Sprintf(`# -*- coding: utf-8 -*-
import re
import sys
from %s import %s
if __name__ == '__main__':
    sys.argv[0] = re.sub(r'(-script\.pyw|\.exe)?$', '', sys.argv[0])
    sys.exit(%s())
`, module, importName, attr)), nil
}

// Errors of Shebang and Build, besides *ShebangError.
var (
	ErrNoInterpreter = errors.New("no interpreter given")
	ErrLongShebang   = errors.New("the #! line would be longer than 4096 bytes")
	// ErrTemplateTail is a template whose last bytes would run into the
	// #! line ("…#!x" before it), so that the launcher reads another.
	ErrTemplateTail = errors.New("the template ends in bytes that run into the #! line")
)

// ShebangError is an interpreter or interpreter argument that a launcher
// could not read back from its #! line as it was given.
type ShebangError struct {
	Value  string // the interpreter or the argument
	Arg    bool   // an interpreter argument, not the interpreter
	Reason string // "holds a double quote"
}

func (e *ShebangError) Error() string {
	what := "the interpreter"
	if e.Arg {
		what += " argument"
	}
	switch {
	case e.Value == "" && e.Arg:
		what = "an interpreter argument"
	case printable(e.Value):
		what += ` "` + e.Value + `"`
	}
	return what + " " + e.Reason
}

// printable reports whether s can be shown as it is in a one-line message.
func printable(s string) bool {
	return s != "" && utf8.ValidString(s) && !strings.ContainsFunc(s, unicode.IsControl)
}

// Shebang returns the "#!" line for interpreter and args (without the
// line end): a path holding white space is quoted, as distlib does, and
// the words after "/usr/bin/env " are separated by one space. It refuses
// (with a *ShebangError) what the launcher could not read back exactly:
// text that is not UTF-8, NUL bytes, line ends and other control
// characters (tabs aside), double quotes, an empty argument or one
// holding white space, white space other than spaces and tabs after
// /usr/bin/env, and /usr/bin/env or <launcher_dir> with nothing after it.
func Shebang(interpreter string, args []string) (string, error) {
	if interpreter == "" {
		return "", ErrNoInterpreter
	}
	bad := func(reason string) error { return &ShebangError{Value: interpreter, Reason: reason} }
	if reason := badText(interpreter); reason != "" {
		return "", bad(reason)
	}
	if strings.Contains(interpreter, `"`) {
		return "", bad("holds a double quote")
	}
	s := interpreter
	if rest, ok := strings.CutPrefix(interpreter, "/usr/bin/env"); ok && (rest == "" || rest[0] == ' ') {
		words := strings.FieldsFunc(rest, func(r rune) bool { return r == ' ' || r == '\t' })
		if len(words) == 0 {
			return "", bad("names no program after /usr/bin/env")
		}
		for _, w := range words {
			if strings.ContainsFunc(w, unicode.IsSpace) {
				return "", bad("holds white space other than spaces and tabs")
			}
		}
		s = "/usr/bin/env " + strings.Join(words, " ")
	} else if rest, ok := strings.CutPrefix(interpreter, trampoline.LauncherDir); ok {
		rel := strings.TrimLeft(rest, `\/`)
		if rel == "" {
			return "", bad("names no file after " + trampoline.LauncherDir)
		}
		if strings.ContainsFunc(rel, unicode.IsSpace) {
			s = trampoline.LauncherDir + `"` + rel + `"`
		}
	} else if !trampoline.IsAbs(interpreter) {
		return "", bad("is not an absolute path")
	} else if strings.ContainsFunc(interpreter, unicode.IsSpace) {
		s = `"` + interpreter + `"`
	}
	for _, a := range args {
		bad := func(reason string) error { return &ShebangError{Value: a, Arg: true, Reason: reason} }
		if a == "" {
			return "", bad("is empty")
		}
		if reason := badText(a); reason != "" {
			return "", bad(reason)
		}
		if strings.ContainsFunc(a, unicode.IsSpace) {
			return "", bad("holds white space")
		}
		s += " " + a
	}
	if len(s) > trampoline.MaxShebang {
		return "", ErrLongShebang
	}
	return s, nil
}

// badText says what in s a #! line cannot hold, or "".
func badText(s string) string {
	switch {
	case !utf8.ValidString(s):
		return "is not UTF-8"
	case strings.IndexByte(s, 0) >= 0:
		return "holds a NUL byte"
	case strings.ContainsAny(s, "\r\n"):
		return "holds a line end"
	case strings.ContainsFunc(s, func(r rune) bool { return unicode.IsControl(r) && r != '\t' }):
		return "holds a control character"
	}
	return ""
}

// Absolute returns interpreter with a relative path made absolute against
// the current directory, as Shebang needs it; "/usr/bin/env NAME",
// "<launcher_dir>…" and absolute paths (Unix or Windows, wherever this
// runs: a launcher may be made for another system) are left as they are.
func Absolute(interpreter string) (string, error) {
	if interpreter == "" || trampoline.IsAbs(interpreter) || strings.HasPrefix(interpreter, trampoline.LauncherDir) {
		return interpreter, nil
	}
	return filepath.Abs(interpreter)
}

// Build returns the bytes of a launcher.
func Build(o Options) ([]byte, error) {
	if len(o.Template) == 0 {
		return nil, errors.New("no template")
	}
	if _, err := trampoline.Parse(bytes.NewReader(o.Template), int64(len(o.Template))); err == nil {
		return nil, errors.New("the template is already a launcher (it has an archive attached)")
	}
	main := o.Script
	if main == nil {
		var err error
		if main, err = MainPy(o.Entry); err != nil {
			return nil, err
		}
	}
	line, err := Shebang(o.Interpreter, o.Args)
	if err != nil {
		return nil, err
	}
	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: "__main__.py", Method: zip.Deflate, Modified: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(main); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(o.Template)+len(line)+3+zbuf.Len())
	out = append(out, o.Template...)
	out = append(out, "#!"+line+"\n"...)
	out = append(out, zbuf.Bytes()...)
	// The launcher must find this line, where it was put.
	tr, err := trampoline.Parse(bytes.NewReader(out), int64(len(out)))
	if err != nil {
		return nil, fmt.Errorf("the launcher would not read back: %w", err)
	}
	if tr.Shebang != line || tr.ShebangOffset != int64(len(o.Template)) {
		return nil, ErrTemplateTail
	}
	return out, nil
}

// Write writes data to path atomically (a temporary file in the same
// directory, renamed into place) with mode 0755.
func Write(path string, data []byte) error {
	if _, err := os.Stat(filepath.Dir(path)); err != nil {
		return err
	}
	return atomicfile.Write(path, data, 0o755)
}
