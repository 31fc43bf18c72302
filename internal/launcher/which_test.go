package launcher

import (
	"strings"
	"testing"

	"github.com/pylauncher/py/internal/exitcode"
)

func TestMainWhich(t *testing.T) {
	w := newWorld(t)
	py312 := w.python("bin/python3.12", "3.12.4")
	py311 := w.python("bin/python3.11", "3.11.9")
	w.py("--which").ok(t, py312+"\n"+
		"  - no version was requested on the command line\n"+
		"  - no virtual environment is active (VIRTUAL_ENV and CONDA_PREFIX are not set)\n"+
		"  - no .venv was found in the current directory or its parents\n"+
		"  - no default is configured (PY_PYTHON, [defaults] python in py.ini)\n"+
		"  - chose the newest stable CPython 3\n"+
		"  = Python 3.12, found in PATH\n")
	r := w.py("--which", "-3.11", "-c", "pass")
	if r.code != 0 || !strings.HasPrefix(r.stdout, py311+"\n") ||
		!strings.Contains(r.stdout, `  - Python 3.11 (from the command line "-3.11") is satisfied by cpython 3.11`) ||
		!strings.HasSuffix(r.stdout, "  = Python 3.11, found in PATH\n") {
		t.Errorf("py --which -3.11: exit %d\n%s", r.code, r.stdout)
	}
	// Defaults chain, and --which says so.
	w.setenv("PY_PYTHON", "3")
	w.setenv("PY_PYTHON3", "3.11")
	r = w.py("--which")
	if !strings.HasPrefix(r.stdout, py311+"\n") || !strings.Contains(r.stdout, `PY_PYTHON names Python 3; PY_PYTHON3 names "3.11"`) {
		t.Errorf("py --which with PY_PYTHON=3, PY_PYTHON3=3.11:\n%s", r.stdout)
	}
	w.setenv("PY_PYTHON", "")
	w.setenv("PY_PYTHON3", "")

	// A shebang: its reasons first.
	w.write("s311.py", "#!/usr/bin/python3.11\n", 0o644)
	r = w.py("--which", "s311.py")
	if !strings.HasPrefix(r.stdout, py311+"\n"+`  - the shebang of "s311.py" is "#!/usr/bin/python3.11"`+"\n") ||
		!strings.Contains(r.stdout, `the script asks for Python 3.11 (the shebang of "s311.py")`) {
		t.Errorf("py --which s311.py:\n%s", r.stdout)
	}
	// A shebang naming a program: the program and why, nothing else.
	tool := w.write("bin/mytool", "#!/bin/sh\n", 0o755)
	w.write("tool.sh", "#!/usr/bin/env mytool\n", 0o644)
	w.py("--which", "tool.sh").ok(t, tool+"\n"+
		`  - the shebang of "tool.sh" is "#!/usr/bin/env mytool"`+"\n"+
		`  - found "mytool" on PATH: `+tool+"\n")

	// Nothing would run: the reasons, then the error, and the same exit
	// code as a launch.
	w.write("s399.py", "#!/usr/bin/python3.99\n", 0o644)
	r = w.py("--which", "s399.py")
	if r.code != exitcode.NoPython || !strings.HasPrefix(r.stdout, `  - the shebang of "s399.py" is "#!/usr/bin/python3.99"`+"\n") ||
		strings.Contains(r.stdout, "  = ") ||
		r.stderr != `py: error: no installed Python matches "3.99" (from the shebang of "s399.py")`+"\n"+
			`py: hint: run "py install 3.99" to install it, or "py --list" to see the installed versions`+"\n" {
		t.Errorf("py --which s399.py: exit %d, stdout\n%s\nstderr\n%s", r.code, r.stdout, r.stderr)
	}
	// Nothing was asked anything.
	if n := w.queries(py312) + w.queries(py311); n != 0 {
		t.Errorf("--which asked %d times", n)
	}
}

func TestWhichProgram(t *testing.T) {
	p := &scriptPlan{program: "/p/tool\x1b", reasons: []string{"one", "two\nlines"}}
	if got, want := whichProgram(p), "/p/tool\\x1b\n  - one\n  - two\\nlines\n"; got != want {
		t.Errorf("whichProgram = %q, want %q", got, want)
	}
}
