package launcher

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/pylauncher/py/internal/exitcode"
	"github.com/pylauncher/py/internal/version"
)

func TestMainRun(t *testing.T) {
	w := newWorld(t)
	py312 := w.python("bin/python3.12", "3.12.4")
	py311 := w.python("bin/python3.11", "3.11.9")
	w.python("bin/python2.7", "2.7.18")

	w.py().ok(t, py312+"\n")
	w.py("-c", "pass").ok(t, py312+" -c pass\n")
	// Python's arguments pass through in order, quoted for the shell.
	w.py("-3.11", "-c", `print("a b")`, "", "it's", "-3", "--list").
		ok(t, py311+` -c 'print("a b")' '' 'it'\''s' -3 --list`+"\n")
	w.py("-V:3.11", "x.py").ok(t, py311+" x.py\n")
	w.py("-3").ok(t, py312+"\n")
	w.py("-V:"+py311, "-c", "pass").ok(t, py311+" -c pass\n")
	// The launcher's own name is a request.
	w.run("/somewhere/python3.11", "-c", "pass").ok(t, py311+" -c pass\n")
	w.run("python3", "-c", "pass").ok(t, py312+" -c pass\n")
	// Interpreters whose names say what they are are never asked.
	if n := w.queries(py312) + w.queries(py311); n != 0 {
		t.Errorf("%d queries, want none", n)
	}

	// PYLAUNCHER_DEBUG traces the launch, as CPython's launcher does.
	w.setenv("PYLAUNCHER_DEBUG", "1")
	r := w.py("-3.11", "-c", "pass")
	if r.code != 0 || r.stdout != py311+" -c pass\n" {
		t.Errorf("debug run: exit %d, stdout %q", r.code, r.stdout)
	}
	for _, want := range []string{"argv0: py\n", "version: " + version.String() + "\n", "SearchInfo.originalCmdLine: py -3.11 -c pass\n",
		"SearchInfo.restOfCmdLine:  -c pass\n", "SearchInfo.tag: 3.11\n", "SearchInfo.oldStyleTag: True\n", "SearchInfo.lowPriorityTag: False\n",
		"env.company: PythonCore\n", "env.tag: 3.11\n", "LaunchCommand: " + py311 + " -c pass\n"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("debug trace lacks %q:\n%s", want, r.stderr)
		}
	}
	if strings.Contains(r.stderr, "py: ") {
		t.Errorf("debug run printed a message:\n%s", r.stderr)
	}
}

func TestMainHelp(t *testing.T) {
	w := newWorld(t)
	py312 := w.python("bin/python3.12", "3.12.4")
	r := w.py("-h")
	usage := "Python launcher " + version.String() + "\n\nusage: py [launcher-option] "
	if r.code != 0 || !strings.HasPrefix(r.stdout, usage) || r.stderr != "" {
		t.Fatalf("py -h: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	// Python's help follows: -h reaches the interpreter.
	if !strings.HasSuffix(r.stdout, "The following help text is from Python:\n"+py312+" -h\n") {
		t.Errorf("py -h does not end with the run of Python's help:\n%s", r.stdout)
	}
	if !strings.Contains(r.stdout, "Configuration: "+w.path("config/py/py.ini")+", then ") {
		t.Errorf("py -h does not name the user's py.ini:\n%s", r.stdout)
	}
	// Help under the launcher's name runs that version.
	w.python("bin/python3.11", "3.11.9")
	r = w.run("python3.11", "--help", "-x")
	if !strings.HasPrefix(r.stdout, "Python launcher ") || !strings.Contains(r.stdout, "\nusage: python3.11 ") ||
		!strings.HasSuffix(r.stdout, w.path("bin/python3.11")+" --help -x\n") {
		t.Errorf("python3.11 --help -x:\n%s", r.stdout)
	}
	// When nothing can run, the help is printed all the same, then the
	// error.
	r = w.py("-h", "-3.99")
	if r.code != 0 {
		t.Errorf("py -h -3.99: exit %d (the -3.99 is Python's)", r.code)
	}
	w.setPath("nothing")
	r = w.py("--help")
	if r.code != exitcode.NoPythonAtAll || !strings.HasPrefix(r.stdout, usage) ||
		!strings.HasPrefix(r.stderr, "py: error: no Python installation was found\n") {
		t.Errorf("py --help without Python: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

func TestMainErrors(t *testing.T) {
	w := newWorld(t)
	w.python("bin/python3.12", "3.12.4")
	w.py("-3.99", "-c", "pass").fails(t, exitcode.NoPython,
		`py: error: no installed Python matches "3.99" (from the command line "-3.99")`,
		`py: hint: run "py install 3.99" to install it, or "py --list" to see the installed versions`)
	w.py("--which", "-3.99").fails(t, exitcode.NoPython,
		`py: error: no installed Python matches "3.99" (from the command line "-3.99")`,
		`py: hint: run "py install 3.99" to install it, or "py --list" to see the installed versions`)
	w.py("-3junk").fails(t, exitcode.NoPython,
		`py: error: invalid request "3junk": expected a version such as 3, 3.12, 3.12.1 or 3.13t (from the command line "-3junk")`,
		`py: hint: a request looks like 3, 3.12, 3.12.1, 3.13t, 3.12-32, cp312, pypy3.10, >=3.11,<3.13, PythonCore/3.12 or a path`)
	w.run("python3junk").fails(t, exitcode.NoPython,
		`py: error: invalid request "3junk": expected a version such as 3, 3.12, 3.12.1 or 3.13t (from the launcher's name "python3junk")`,
		`py: hint: a request looks like 3, 3.12, 3.12.1, 3.13t, 3.12-32, cp312, pypy3.10, >=3.11,<3.13, PythonCore/3.12 or a path`)
	w.py("--list", "-3").fails(t, exitcode.Usage,
		`py: error: unexpected argument "-3" after the list option`,
		`py: hint: run "py --help" for usage`)
	w.py("-0", "--format=xml").fails(t, exitcode.Usage,
		`py: error: unknown list format "xml" (use table or json)`,
		`py: hint: run "py --help" for usage`)

	w.setenv("PY_PYTHON", "3.98")
	w.py("-c", "pass").fails(t, exitcode.NoPython,
		`py: error: no installed Python matches "3.98" (from PY_PYTHON)`,
		`py: hint: run "py install 3.98" to install it, or "py --list" to see the installed versions`)
	w.setenv("PY_PYTHON", "3junk")
	w.py("-c", "pass").fails(t, exitcode.NoPython,
		`py: error: invalid request "3junk": expected a version such as 3, 3.12, 3.12.1 or 3.13t (from PY_PYTHON)`,
		`py: hint: a request looks like 3, 3.12, 3.12.1, 3.13t, 3.12-32, cp312, pypy3.10, >=3.11,<3.13, PythonCore/3.12 or a path`)
	w.setenv("PY_PYTHON", "")

	// No Python at all: 112, for a request too; a listing says so.
	w.setPath("nothing")
	const noPython = "py: error: no Python installation was found"
	const install = `py: hint: install one with "py install 3", or from python.org, your package manager, pyenv or uv`
	w.py("-c", "pass").fails(t, exitcode.NoPythonAtAll, noPython, install)
	w.py("-3.12").fails(t, exitcode.NoPythonAtAll, noPython, `py: hint: run "py install 3.12" to install it`)
	r := w.py("-0")
	if r.code != 0 || r.stdout != "No installed Pythons found!\n" ||
		r.stderr != "py: warning: no interpreter is the default: no Python installation was found\n" {
		t.Errorf("py -0 without Python: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	r = w.py("-0", "--format=json")
	if r.code != 0 || !strings.Contains(r.stdout, `"interpreters": []`) {
		t.Errorf("py -0 --format=json without Python: exit %d, %s", r.code, r.stdout)
	}
}

// A usage error needs no interpreter: it is the same on every system.
func TestMainUsageEverywhere(t *testing.T) {
	var stdout, stderr strings.Builder
	code := Main([]string{"pyw", "--list", "extra"}, []string{"PYLAUNCHER_NO_MESSAGEBOX=1"}, &stdout, &stderr)
	want := "py: error: unexpected argument \"extra\" after the list option\npy: hint: run \"py --help\" for usage\n"
	if code != exitcode.Usage || stdout.String() != "" || stderr.String() != want {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
	}
}

// A panic anywhere is an internal error (109) with a hint, never a Go
// trace: here, a nil standard output.
func TestMainPanic(t *testing.T) {
	w := newWorld(t)
	w.python("bin/python3.12", "3.12.4")
	var stderr strings.Builder
	code := Main([]string{"py", "-c", "pass"}, w.environ(), nil, &stderr)
	lines := strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n")
	if code != exitcode.Internal || len(lines) != 2 || !strings.HasPrefix(lines[0], "py: error: internal error: ") ||
		lines[1] != "py: hint: please report this, with the output of PYLAUNCHER_DEBUG=1" {
		t.Errorf("exit %d, stderr:\n%s", code, stderr.String())
	}
}

// py's own output is checked: what cannot be written is an error (exit
// 1), said once.
func TestMainOutputFails(t *testing.T) {
	w := newWorld(t)
	w.python("bin/python3.12", "3.12.4")
	full := errors.New("no space left on device")
	for _, args := range [][]string{{"--list"}, {"-0p", "--format=json"}, {"--which"}, {"-c", "pass"}, {"-h"}} {
		out := &failingWriter{n: 3, err: full}
		var stderr strings.Builder
		code := Main(append([]string{"py"}, args...), w.environ(), out, &stderr)
		if want := "py: error: cannot write the output: no space left on device\n"; code != exitcode.Output || stderr.String() != want {
			t.Errorf("py %q: exit %d, stderr %q; want exit 1, %q", args, code, stderr.String(), want)
		}
	}
	// A short write, without an error from the writer.
	var stderr strings.Builder
	code := Main([]string{"py", "-c", "pass"}, w.environ(), &failingWriter{n: 3}, &stderr)
	if want := "py: error: cannot write the output: short write\n"; code != exitcode.Output || stderr.String() != want {
		t.Errorf("short write: exit %d, stderr %q", code, stderr.String())
	}
}

func TestMainShebang(t *testing.T) {
	w := newWorld(t)
	py312 := w.python("bin/python3.12", "3.12.4")
	py311 := w.python("bin/python3.11", "3.11.9")
	w.write("s311.py", "#!/usr/bin/python3.11 -O\nprint(1)\n", 0o644)
	w.write("sbare.py", "#!/usr/bin/python\n", 0o644)
	w.write("nosb.py", "print(1)\n", 0o644)

	w.py("s311.py", "a", "b c").ok(t, py311+" -O s311.py a 'b c'\n")
	w.py("sbare.py").ok(t, py312+" sbare.py\n")
	w.py("nosb.py").ok(t, py312+" nosb.py\n")
	w.py("missing.py", "x").ok(t, py312+" missing.py x\n")
	// An explicit request beats the shebang; an option before the
	// script means no shebang is read.
	w.py("-3.12", "s311.py").ok(t, py312+" s311.py\n")
	w.py("-u", "s311.py").ok(t, py312+" -u s311.py\n")
	w.setenv("PY_PYTHON", "3.11")
	w.py("sbare.py").ok(t, py311+" sbare.py\n")
	w.setenv("PY_PYTHON", "")

	// /usr/bin/env NAME: the program found on PATH, with the shebang's
	// arguments, unless PYLAUNCHER_NO_SEARCH_PATH is set.
	py3 := w.python("bin/python3", "3.10.2")
	w.write("senv.py", "#!/usr/bin/env python3 -X dev\n", 0o644)
	w.py("senv.py", "x").ok(t, py3+" -X dev senv.py x\n")
	w.setenv("PYLAUNCHER_NO_SEARCH_PATH", "1")
	w.py("senv.py").ok(t, py312+" -X dev senv.py\n")
	w.setenv("PYLAUNCHER_NO_SEARCH_PATH", "")
	tool := w.write("tools/mytool", "#!/bin/sh\n", 0o755)
	w.setPath("bin", "tools")
	w.write("tool.sh", "#!/usr/bin/env -S A=1 mytool -x 'a b'\n", 0o644)
	w.py("tool.sh", "y").ok(t, tool+" -x 'a b' tool.sh y\n")
	// A relative program is taken from the script's directory.
	rel := w.write("sub/bin/run", "#!/bin/sh\n", 0o755)
	w.write("sub/rel.sh", "#!bin/run -q\n", 0o644)
	w.py("sub/rel.sh").ok(t, rel+" -q sub/rel.sh\n")

	// A shebang naming py takes its request, or is ignored.
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(self, w.path("tools/py")); err != nil {
		t.Fatal(err)
	}
	w.write("spy.py", "#!/usr/bin/env py\n", 0o644)
	w.write("spy311.py", "#!/usr/bin/env py -3.11 -E\n", 0o644)
	w.py("spy.py").ok(t, py312+" spy.py\n")
	w.py("spy311.py", "arg").ok(t, py311+" -E spy311.py arg\n")

	// Unusable shebangs: 102, one line.
	w.write("envonly.py", "#!/usr/bin/env\n", 0o644)
	w.write("envflag.py", "#!/usr/bin/env -i python3\n", 0o644)
	w.write("missingprog.sh", "#!/usr/bin/env no-such-program\n", 0o644)
	w.write("badutf8.py", "#!/usr/bin/pyth\xff\xfeon3\n", 0o644)
	w.write("spybad.py", "#!/usr/bin/env py -3junk\n", 0o644)
	w.py("envonly.py").fails(t, exitcode.BadVirtualPath, `py: error: cannot use the shebang of "envonly.py": /usr/bin/env names no command`)
	w.py("envflag.py").fails(t, exitcode.BadVirtualPath,
		`py: error: cannot use the shebang of "envflag.py": /usr/bin/env option not supported (only -S and VAR=value are)`)
	w.py("missingprog.sh").fails(t, exitcode.BadVirtualPath, `py: error: cannot use the shebang of "missingprog.sh": "no-such-program" is not on PATH`)
	w.py("--which", "missingprog.sh").fails(t, exitcode.BadVirtualPath, `py: error: cannot use the shebang of "missingprog.sh": "no-such-program" is not on PATH`)
	w.py("badutf8.py").fails(t, exitcode.BadVirtualPath, `py: error: cannot use the shebang of "badutf8.py": the shebang line is not UTF-8`)
	// A malformed request in it is one as on the command line: 103.
	w.py("spybad.py").fails(t, exitcode.NoPython,
		`py: error: invalid request "3junk": expected a version such as 3, 3.12, 3.12.1 or 3.13t (from the shebang of "spybad.py")`,
		`py: hint: a request looks like 3, 3.12, 3.12.1, 3.13t, 3.12-32, cp312, pypy3.10, >=3.11,<3.13, PythonCore/3.12 or a path`)
	// A version nothing satisfies: 103, naming the shebang.
	w.write("s399.py", "#!/usr/bin/python3.99\n", 0o644)
	w.py("s399.py").fails(t, exitcode.NoPython,
		`py: error: no installed Python matches "3.99" (from the shebang of "s399.py")`,
		`py: hint: run "py install 3.99" to install it, or "py --list" to see the installed versions`)
	for _, r := range []result{w.py("envonly.py"), w.py("spybad.py")} {
		if r.stdout != "" {
			t.Errorf("a failed launch printed %q", r.stdout)
		}
	}
}

// decide's action carries the shebang's variables, for the program's
// environment, and its arguments before the script.
func TestDecideShebangEnv(t *testing.T) {
	w := newWorld(t)
	py312 := w.python("bin/python3.12", "3.12.4")
	tool := w.write("bin/mytool", "#!/bin/sh\n", 0o755)
	w.write("tool.sh", "#!/usr/bin/env A=1 B=x=y mytool -q\n", 0o644)
	w.write("v.py", "#!/usr/bin/env -S C=3 python3.12 -X dev\n", 0o644)
	for _, tt := range []struct {
		script, program string
		pre, env        []string
	}{
		{"tool.sh", tool, []string{"-q"}, []string{"A=1", "B=x=y"}},
		{"v.py", py312, []string{"-X", "dev"}, []string{"C=3"}},
	} {
		var stderr strings.Builder
		a := &app{ui: &ui{prog: "py", stderr: &stderr}, env: NewEnv(w.environ()), environ: w.environ(), stdout: &strings.Builder{}}
		inv, err := readInvocation([]string{"py", tt.script, "arg"})
		if err != nil {
			t.Fatal(err)
		}
		act := a.decide(inv, a.loadSettings(""))
		if act.program != tt.program || !slices.Equal(act.pre, tt.pre) || !slices.Equal(act.env, tt.env) ||
			!slices.Equal(act.args, []string{tt.script, "arg"}) || act.nargs != 3 || stderr.Len() != 0 {
			t.Errorf("%s: action %+v, stderr %q", tt.script, act, stderr.String())
		}
	}
}

func TestMainCommands(t *testing.T) {
	w := newWorld(t)
	py312 := w.python("bin/python3.12", "3.12.4")
	mypy := w.python("config/py/tools/mypy", "3.10.2")
	w.write("config/py/py.ini", "[commands]\npython3 = python3.12\nmypython = tools/mypy -E\ngone = nothing/here\npython3.9 = python3.9\n", 0o644)
	w.write("s3.py", "#!/usr/bin/python3\n", 0o644)
	w.write("smy.py", "#!mypython\n", 0o644)
	w.write("sgone.py", "#!gone\n", 0o644)
	w.write("s39.py", "#!/usr/bin/python3.9\n", 0o644)
	ini := w.path("config/py/py.ini")

	w.py("s3.py").ok(t, py312+" s3.py\n")
	w.py("smy.py", "a").ok(t, mypy+" -E smy.py a\n")
	w.py("--which", "s3.py").ok(t, py312+"\n"+
		`  - the shebang of "s3.py" is "#!/usr/bin/python3"`+"\n"+
		`  - [commands] python3 in "`+ini+`" names "python3.12": `+py312+"\n")
	w.py("sgone.py").fails(t, exitcode.CreateProcess,
		`py: error: [commands] gone in "`+ini+`" names "nothing/here", which is not a program (looked for "`+w.path("config/py/nothing/here")+`")`)
	w.py("s39.py").fails(t, exitcode.CreateProcess,
		`py: error: [commands] python3.9 in "`+ini+`" names "python3.9", which is not a program (looked for "`+w.path("config/py/python3.9")+`" and "python3.9" on PATH)`)
}

// Without PYLAUNCHER_DRYRUN py runs the interpreter (on Unix, it becomes
// it); one that cannot be started is exit 101. (The interpreter here
// names an interpreter that is not there, so the test goes on.)
func TestMainCannotRun(t *testing.T) {
	w := newWorld(t)
	w.python("bin/python3.12", "3.12.4")
	bad := w.write("bin/python3.98", "#!/nonexistent/interpreter\n", 0o755)
	w.setenv("PYLAUNCHER_DRYRUN", "")
	w.setenv("__PYVENV_LAUNCHER__", "/some/venv/bin/python")
	w.py("-3.98", "-c", "pass").fails(t, exitcode.CreateProcess, `py: error: cannot run "`+bad+`": no such file or directory`)
	w.setenv("PYLAUNCHER_DEBUG", "1")
	r := w.py("-3.98")
	if r.code != exitcode.CreateProcess || !strings.Contains(r.stderr, "\n# exec "+bad+"\n") {
		t.Errorf("exit %d, stderr\n%s", r.code, r.stderr)
	}
}

// A request by name or path names an interpreter found there.
func TestMainNamed(t *testing.T) {
	w := newWorld(t)
	w.python("bin/python3.12", "3.12.4")
	mine := w.python("bin/mypython", "3.9.1")
	other := w.python("opt/bin/python3", "3.8.10")
	w.py("-V:mypython", "-c", "pass").ok(t, mine+" -c pass\n")
	w.py("-V:"+other).ok(t, other+"\n")
	w.py("-V:"+w.path("opt")).ok(t, other+"\n")
	w.py("--which", "-V:"+other).ok(t, other+"\n"+
		`  - the command line "-V:`+other+`" names `+other+"\n"+
		"  = Python 3.8.10, found in path\n") // --which asks it what it is (a launch does not)
	w.py("-V:"+w.path("nowhere")).fails(t, exitcode.NoPython,
		`py: error: no installed Python matches "`+w.path("nowhere")+`" (from the command line "-V:`+w.path("nowhere")+`")`,
		`py: hint: run "py --list" to see the installed versions`)
	// A .python-version line may name one by its path.
	w.write(".python-version", other+"\n", 0o644)
	w.py("-c", "pass").ok(t, other+" -c pass\n")
	w.write(".python-version", "./opt/bin/python3\n", 0o644)
	w.py("-c", "pass").ok(t, other+" -c pass\n")
	w.write(".python-version", "./opt/nothing\n3.12\n", 0o644)
	r := w.py("-c", "pass")
	if want := `py: warning: ignoring line 1 of "` + w.path(".python-version") + `": "./opt/nothing" is neither a version nor a pyenv environment` + "\n"; r.stdout != w.path("bin/python3.12")+" -c pass\n" || r.stderr != want {
		t.Errorf("a path to nothing: stdout %q, stderr %q; want %q", r.stdout, r.stderr, want)
	}
}
