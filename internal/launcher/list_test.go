package launcher

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/pylauncher/py/internal/discover"
	"github.com/pylauncher/py/internal/pyver"
)

// listWorld has installs on PATH and in pyenv, one that does not work,
// and one in a directory every user can write.
func listWorld(t *testing.T) (w *world, paths map[string]string) {
	w = newWorld(t)
	paths = map[string]string{
		"3.13": w.python("pyenv/versions/3.13.1/bin/python3.13", "3.13.1"),
		"3.12": w.python("bin/python3", "3.12.4"),
		"3.11": w.python("bin/python3.11", "3.11.9"),
		"2.7":  w.python("pyenv/versions/2.7.18/bin/python2.7", "2.7.18"),
		"bad":  w.broken("b/python3", 1),
		"ww":   w.python("ww/python3.99", "3.99.0"),
	}
	if err := os.Chmod(w.path("ww"), 0o777); err != nil {
		t.Fatal(err)
	}
	w.setPath("bin", "b", "ww")
	return w, paths
}

func TestMainList(t *testing.T) {
	w, p := listWorld(t)
	ww := w.path("ww")
	warning := `py: warning: "` + p["ww"] + `" runs only when named by its path (py -V:` + p["ww"] + `): "` + ww + `" is writable by other users` + "\n"
	passed := "" +
		" (not working)    " + p["bad"] + "  PATH: exit status 1: it broke\n" +
		" (untrusted)      " + p["ww"] + `  PATH: "` + ww + `" is writable by other users` + "\n"
	table := "" +
		" -V:3.13 *        Python 3.13.1  pyenv\n" +
		" -V:3.12          Python 3.12.4  PATH\n" +
		" -V:3.11          Python 3.11.9  PATH\n" +
		" -V:2.7           Python 2.7.18  pyenv\n" + passed
	for _, args := range [][]string{{"--list"}, {"-0"}, {"-0", "--format=table"}} {
		r := w.py(args...)
		if r.code != 0 || r.stdout != table || r.stderr != warning {
			t.Errorf("py %q: exit %d, stdout\n%s\nstderr\n%s\nwant stdout\n%s\nstderr\n%s", args, r.code, r.stdout, r.stderr, table, warning)
		}
	}
	paths := "" +
		" -V:3.13 *        " + p["3.13"] + "\n" +
		" -V:3.12          " + p["3.12"] + "\n" +
		" -V:3.11          " + p["3.11"] + "\n" +
		" -V:2.7           " + p["2.7"] + "\n" + passed
	for _, args := range [][]string{{"-0p"}, {"--list-paths"}} {
		if r := w.py(args...); r.code != 0 || r.stdout != paths {
			t.Errorf("py %q: exit %d, stdout\n%s\nwant\n%s", args, r.code, r.stdout, paths)
		}
	}
	// Each interpreter was asked once, the cache answering after (the
	// pyenv install's directory says enough); the untrusted one never.
	for _, k := range []string{"3.12", "3.11"} {
		if n := w.queries(p[k]); n != 1 {
			t.Errorf("%s asked %d times, want once", p[k], n)
		}
	}
	if n := w.queries(p["ww"]) + w.queries(p["3.13"]); n != 0 {
		t.Errorf("the untrusted interpreter or pyenv's was asked %d times", n)
	}

	// The * follows the default.
	w.setenv("PY_PYTHON", "3.11")
	r := w.py("-0")
	if !strings.Contains(r.stdout, "\n -V:3.11 *        Python 3.11.9  PATH\n") || strings.Contains(r.stdout, "3.13 *") {
		t.Errorf("with PY_PYTHON=3.11:\n%s", r.stdout)
	}
	// A default that matches nothing: a warning, and no *.
	w.setenv("PY_PYTHON", "3.98")
	r = w.py("-0")
	if r.code != 0 || strings.Contains(r.stdout, "*") ||
		!strings.Contains(r.stderr, `py: warning: no interpreter is the default: no installed Python matches "3.98" (from PY_PYTHON)`+"\n") {
		t.Errorf("with PY_PYTHON=3.98: exit %d, stdout\n%s\nstderr\n%s", r.code, r.stdout, r.stderr)
	}
}

func TestMainListJSON(t *testing.T) {
	w, p := listWorld(t)
	// A request marks what it would pick.
	w.write(".python-version", "3.11\n", 0o644)
	r := w.py("--list", "--format=json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var doc JSONList
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r.stdout)
	}
	if doc.Schema != 1 || len(doc.Interpreters) != 4 {
		t.Fatalf("schema %d, %d interpreters:\n%s", doc.Schema, len(doc.Interpreters), r.stdout)
	}
	want := JSONInterpreter{Path: p["3.11"], Version: "3.11.9", Implementation: "cpython", Company: "PythonCore", Tag: "3.11",
		Source: "PATH", Architecture: "x86_64", Bits: 64, Default: true, RequestedBy: []string{"3.11 (.python-version in " + w.dir + ", line 1)"}}
	if got := doc.Interpreters[2]; !reflect.DeepEqual(got, want) {
		t.Errorf("third interpreter %+v, want %+v", got, want)
	}
	for i, k := range []string{"3.13", "3.12", "3.11", "2.7"} {
		if it := doc.Interpreters[i]; it.Path != p[k] || it.Default != (k == "3.11") {
			t.Errorf("interpreter %d: %s (default %v), want %s", i, it.Path, it.Default, p[k])
		}
	}
	if doc.Interpreters[0].Source != "pyenv" {
		t.Errorf("first interpreter from %s, want pyenv", doc.Interpreters[0].Source)
	}
	wantBad := JSONPassedOver{Path: p["bad"], Source: "PATH", Reason: "exit status 1: it broke"}
	if len(doc.NotWorking) != 1 || doc.NotWorking[0] != wantBad {
		t.Errorf("not_working = %+v, want %+v", doc.NotWorking, wantBad)
	}
	wantWW := JSONPassedOver{Path: p["ww"], Source: "PATH", Reason: `"` + w.path("ww") + `" is writable by other users`}
	if len(doc.Untrusted) != 1 || doc.Untrusted[0] != wantWW {
		t.Errorf("untrusted = %+v, want %+v", doc.Untrusted, wantWW)
	}
	// -0p takes the format too; JSON lists have paths anyway.
	if r2 := w.py("-0p", "--format=json"); r2.stdout != r.stdout {
		t.Errorf("-0p --format=json differs from --list --format=json:\n%s", r2.stdout)
	}
}

func TestMainListVenv(t *testing.T) {
	w := newWorld(t)
	w.python("bin/python3.12", "3.12.4")
	w.python("bin/python3.11", "3.11.9")
	env := w.venv("env1", "bin/python3.11", "3.11.9")
	w.setenv("VIRTUAL_ENV", env)
	want := "" +
		" (venv) *         Python 3.11.9  VIRTUAL_ENV\n" +
		" -V:3.12          Python 3.12.4  PATH\n" +
		" -V:3.11          Python 3.11.9  PATH\n"
	w.py("-0").ok(t, want)
	w.py("-c", "pass").ok(t, env+"/bin/python -c pass\n")
	r := w.py("--which")
	if !strings.HasPrefix(r.stdout, env+"/bin/python\n") ||
		!strings.Contains(r.stdout, "  - VIRTUAL_ENV is set: running its interpreter\n") ||
		!strings.HasSuffix(r.stdout, "  = Python 3.11.9, found in VIRTUAL_ENV, virtual environment "+env+"\n") {
		t.Errorf("py --which in a venv:\n%s", r.stdout)
	}
	r = w.py("-0", "--format=json")
	var doc JSONList
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil || len(doc.Interpreters) != 3 {
		t.Fatalf("%v:\n%s", err, r.stdout)
	}
	if it := doc.Interpreters[0]; !it.Venv || it.Prefix != env || !it.Default || it.Source != "VIRTUAL_ENV" {
		t.Errorf("the venv in JSON: %+v", it)
	}

	// A venv whose interpreter does not work is listed as such.
	w.broken("env1/bin/python", 1)
	w.setenv("XDG_CACHE_HOME", w.path("cache2"))
	r = w.py("-0")
	if !strings.Contains(r.stdout, " (not working)    "+env+"/bin/python  VIRTUAL_ENV: exit status 1: it broke\n") {
		t.Errorf("a broken venv:\n%s", r.stdout)
	}
}

// What the queries say is remembered or not, as package probe decides:
// a failure that depends on the file until it changes, a failure of the
// moment not at all.
func TestMainQueries(t *testing.T) {
	w := newWorld(t)
	good := w.python("a/python3", "3.13.2")
	bad := w.broken("b/python3", 1)
	w.setPath("b", "a")
	w.py("-c", "pass").ok(t, good+" -c pass\n")
	w.setenv("PYLAUNCHER_DEBUG", "1")
	r := w.py("-c", "pass")
	if want := `# "` + bad + `" does not work (remembered: exit status 1: it broke)`; !strings.Contains(r.stderr, want+"\n") {
		t.Errorf("the trace lacks %q:\n%s", want, r.stderr)
	}
	w.setenv("PYLAUNCHER_DEBUG", "")
	r = w.py("--which")
	if want := "  - passed over " + bad + ": it does not work: exit status 1: it broke\n"; !strings.Contains(r.stdout, want) {
		t.Errorf("--which lacks %q:\n%s", want, r.stdout)
	}

	// exit 127: skipped this time, with a warning; asked again.
	moment := w.broken("c/python3", 127)
	w.setPath("c", "a")
	warn := `py: warning: "` + moment + `" did not say what it is (exit status 127: it broke); skipping it this time` + "\n"
	for range 2 {
		r = w.py("-c", "pass")
		if r.code != 0 || r.stdout != good+" -c pass\n" || r.stderr != warn {
			t.Errorf("exit %d, stdout %q, stderr %q; want the warning %q", r.code, r.stdout, r.stderr, warn)
		}
	}
	r = w.py("-0")
	if want := " (not working)    " + moment + "  PATH: exit status 127: it broke (this time)\n"; !strings.Contains(r.stdout, want) {
		t.Errorf("py -0 lacks %q:\n%s", want, r.stdout)
	}

	// A query that does not answer in time.
	w.write("d/python3", "#!/bin/sh\nexec /bin/sleep 10\n", 0o755)
	w.setPath("d", "a")
	w.setenv("PYLAUNCHER_QUERY_TIMEOUT", "100ms")
	r = w.py("-c", "pass")
	if want := `py: warning: "` + w.path("d/python3") + `" did not say what it is within 100ms; skipping it` + "\n"; r.stdout != good+" -c pass\n" || r.stderr != want {
		t.Errorf("timeout: stdout %q, stderr %q; want %q", r.stdout, r.stderr, want)
	}
	// A timeout that is no duration: the default, and a warning.
	w.setPath("a")
	for _, v := range []string{"soon", "-1s"} {
		w.setenv("PYLAUNCHER_QUERY_TIMEOUT", v)
		r = w.py("-c", "pass")
		if want := `py: warning: PYLAUNCHER_QUERY_TIMEOUT="` + v + `" is not a duration such as "2s"; using 5s` + "\n"; r.stderr != want {
			t.Errorf("PYLAUNCHER_QUERY_TIMEOUT=%s: stderr %q, want %q", v, r.stderr, want)
		}
	}
}

func TestDisplayName(t *testing.T) {
	v := func(s string) pyver.Version {
		ver, ok := pyver.ParseVersion(s)
		if !ok {
			t.Fatalf("version %q", s)
		}
		return ver
	}
	for _, tt := range []struct {
		it   discover.Interpreter
		b    pyver.Build
		want string
	}{
		{discover.Interpreter{}, pyver.Build{Impl: "cpython", Version: v("3.12.4")}, "Python 3.12.4"},
		{discover.Interpreter{}, pyver.Build{Impl: "cpython", Version: v("3.14.0rc1")}, "Python 3.14.0rc1"},
		{discover.Interpreter{}, pyver.Build{Impl: "cpython", Version: v("3.13.1"), FreeThreaded: true}, "Python 3.13.1 free-threaded"},
		{discover.Interpreter{}, pyver.Build{Impl: "cpython", Version: v("3.13.1"), FreeThreaded: true, Debug: true}, "Python 3.13.1 free-threaded debug"},
		{discover.Interpreter{}, pyver.Build{Impl: "pypy", Version: v("3.10.14")}, "PyPy 3.10.14"},
		{discover.Interpreter{}, pyver.Build{Impl: "graalpy", Version: v("3.11.7")}, "GraalPy 3.11.7"},
		{discover.Interpreter{}, pyver.Build{Impl: "micropython", Version: v("3.4.0")}, "micropython 3.4.0"},
		{discover.Interpreter{}, pyver.Build{Impl: "cpython", Version: v("3.12"), CompanyName: "Astral"}, "Python 3.12"},
		{discover.Interpreter{Display: "Python 3.12 (64-bit)"}, pyver.Build{Impl: "cpython", Version: v("3.12.4")}, "Python 3.12 (64-bit)"},
	} {
		if got := displayName(&tt.it, tt.b); got != tt.want {
			t.Errorf("displayName(%+v) = %q, want %q", tt.b, got, tt.want)
		}
	}
}

// A cache that cannot be saved is no error: the trace says so.
func TestMainCacheNotSaved(t *testing.T) {
	w := newWorld(t)
	py3 := w.python("bin/python3", "3.12.4")
	w.write("cachefile", "not a directory\n", 0o644)
	w.setenv("XDG_CACHE_HOME", w.path("cachefile"))
	w.py("-0p").ok(t, " -V:3.12 *        "+py3+"\n")
	w.setenv("PYLAUNCHER_DEBUG", "1")
	r := w.py("-c", "pass")
	if r.code != 0 || r.stdout != py3+" -c pass\n" || !strings.Contains(r.stderr, "# cannot save the interpreter cache: ") {
		t.Errorf("exit %d, stdout %q, stderr\n%s", r.code, r.stdout, r.stderr)
	}
	// Nothing was remembered: each run asks again.
	if n := w.queries(py3); n != 2 {
		t.Errorf("asked %d times, want 2", n)
	}
}
