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

// Shebang returns the "#!" line for interpreter and args (without the
// line end): a path with spaces is quoted, as distlib does.
func Shebang(interpreter string, args []string) (string, error) {
	if interpreter == "" {
		return "", errors.New("no interpreter given")
	}
	if strings.ContainsAny(interpreter, "\r\n") {
		return "", errors.New("the interpreter path holds a line end")
	}
	s := interpreter
	if strings.ContainsAny(s, " \t") && !strings.HasPrefix(s, "/usr/bin/env ") {
		if rest, ok := strings.CutPrefix(s, trampoline.LauncherDir); ok {
			s = trampoline.LauncherDir + `"` + strings.TrimLeft(rest, `\/`) + `"`
		} else {
			s = `"` + s + `"`
		}
	}
	for _, a := range args {
		if strings.ContainsAny(a, " \t\r\n") {
			return "", fmt.Errorf("interpreter argument %q holds white space", a)
		}
		s += " " + a
	}
	if len(s) > trampoline.MaxShebang {
		return "", errors.New("the #! line would be longer than 4096 bytes")
	}
	return s, nil
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
	return append(out, zbuf.Bytes()...), nil
}

// Write writes data to path atomically (a temporary file in the same
// directory, renamed into place) with mode 0755.
func Write(path string, data []byte) error {
	if _, err := os.Stat(filepath.Dir(path)); err != nil {
		return err
	}
	return atomicfile.Write(path, data, 0o755)
}
