package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// realVersions are the interpreters the real-interpreter tests need: the
// pyenv builds this project's machines have, by feature version.
var realVersions = []string{"2.7", "3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13"}

// requireReal turns a missing interpreter into a failure instead of a
// skip; CI sets it, so the real tests always run there.
const requireReal = "PY_TEST_REQUIRE_REAL"

// realPythons finds $PYENV_ROOT/versions/X.Y.* for each realVersions
// entry and Debian's /usr/bin/python3. It skips (or fails, when
// PY_TEST_REQUIRE_REAL is set) when any is missing.
func realPythons(t *testing.T) (root string, exes map[string]string) {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("the real-interpreter tests run on Linux")
	}
	root = os.Getenv("PYENV_ROOT")
	if root == "" {
		if h, err := os.UserHomeDir(); err == nil {
			root = filepath.Join(h, ".pyenv")
		}
	}
	exes = map[string]string{}
	var missing []string
	for _, v := range realVersions {
		dirs, _ := filepath.Glob(filepath.Join(root, "versions", v+".*"))
		sort.Strings(dirs)
		found := ""
		for _, d := range dirs {
			exe := filepath.Join(d, "bin", "python"+v)
			if fi, err := os.Stat(exe); err == nil && !fi.IsDir() && !strings.HasSuffix(d, "t") {
				found = exe
			}
		}
		if found == "" {
			missing = append(missing, "pyenv "+v)
			continue
		}
		exes[v] = found
	}
	if _, err := os.Stat("/usr/bin/python3"); err != nil {
		missing = append(missing, "/usr/bin/python3")
	}
	if _, err := exec.LookPath("virtualenv"); err != nil {
		missing = append(missing, "virtualenv (Debian's python3-virtualenv)")
	}
	if len(missing) > 0 {
		msg := "real interpreters missing (" + strings.Join(missing, ", ") + ") under PYENV_ROOT=" + root
		if os.Getenv(requireReal) != "" {
			t.Fatalf("%s; %s is set, so this is a failure", msg, requireReal)
		}
		t.Skipf("SKIPPED: %s; set %s=1 to make this a failure", msg, requireReal)
	}
	return root, exes
}

// TestReal runs testdata/real with the machine's real interpreters, PATH
// (pyenv shims included) and PYENV_ROOT; only HOME and the caches are
// private.
func TestReal(t *testing.T) {
	root, exes := realPythons(t)
	tools := t.TempDir()
	if out, err := exec.Command("go", "build", "-o", tools, "../venvlauncher", "../entrypoint", "../mkentrypoint").CombinedOutput(); err != nil {
		t.Fatalf("building venvlauncher, entrypoint, mkentrypoint: %v\n%s", err, out)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("testdata", "real"),
		RequireExplicitExec: true,
		Setup: func(e *testscript.Env) error {
			bin := filepath.Dir(must(exec.LookPath("py")))
			e.Setenv("PATH", bin+string(os.PathListSeparator)+tools+string(os.PathListSeparator)+os.Getenv("PATH"))
			e.Setenv("PYENV_ROOT", root)
			e.Setenv("HOME", filepath.Join(e.WorkDir, "home"))
			e.Setenv("XDG_CACHE_HOME", filepath.Join(e.WorkDir, "cache"))
			e.Setenv("XDG_CONFIG_HOME", filepath.Join(e.WorkDir, "config"))
			e.Setenv("PYTEST_BIN", bin)
			for v, exe := range exes {
				e.Setenv("PY"+strings.ReplaceAll(v, ".", ""), exe)
			}
			for _, v := range []string{"VIRTUAL_ENV", "CONDA_PREFIX", "PY_PYTHON", "PY_PYTHON2", "PY_PYTHON3", "PYLAUNCHER_DEBUG", "PYLAUNCHER_DRYRUN", "__PYVENV_LAUNCHER__", "PYENV_VERSION"} {
				e.Setenv(v, "")
			}
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exitcode": cmdExitcode,
			"chmod":    cmdChmod,
			"chown":    cmdChown,
			"setmode":  cmdSetmode,
		},
		Condition: condition,
	})
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// cmdExitcode runs a program and checks its exit code: exitcode N prog args…
func cmdExitcode(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 {
		ts.Fatalf("usage: exitcode N prog [args...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	path := args[1]
	if !strings.Contains(path, "/") {
		for _, d := range filepath.SplitList(ts.Getenv("PATH")) {
			if fi, err := os.Stat(filepath.Join(d, path)); err == nil && !fi.IsDir() {
				path = filepath.Join(d, path)
				break
			}
		}
	}
	cmd := exec.Command(path, args[2:]...)
	cmd.Dir = ts.Getenv("PWD")
	cmd.Env = environ(ts)
	out, err := cmd.CombinedOutput()
	got := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		got = ee.ExitCode()
	} else if err != nil {
		ts.Fatalf("%v", err)
	}
	if got != want {
		ts.Fatalf("exit code %d, want %d; output:\n%s", got, want, out)
	}
}

func environ(ts *testscript.TestScript) []string {
	var env []string
	for _, k := range []string{"PATH", "PYENV_ROOT", "HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "VIRTUAL_ENV", "PY_PYTHON"} {
		env = append(env, k+"="+ts.Getenv(k))
	}
	return env
}

// TestRealSignal checks that py becomes the interpreter: a Python killed by
// a signal is seen as killed by that signal by py's parent, and stdin
// reaches it.
func TestRealSignal(t *testing.T) {
	_, exes := realPythons(t)
	py := buildPy(t)
	cmd := exec.Command(py, "-3.12", "-c", "import os, signal, sys; print(os.getpid()); sys.stdout.flush(); os.kill(os.getpid(), signal.SIGTERM)")
	cmd.Env = append(os.Environ(), "XDG_CACHE_HOME="+t.TempDir())
	out, err := cmd.Output()
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		t.Fatalf("py -3.12 (killing itself): err = %v, want a signal exit", err)
	}
	ws := ee.Sys().(syscall.WaitStatus)
	if !ws.Signaled() || ws.Signal() != syscall.SIGTERM {
		t.Fatalf("wait status %v, want killed by SIGTERM", ws)
	}
	// The pid Python printed is py's: py was replaced, not a parent.
	if got := strings.TrimSpace(string(out)); got != strconv.Itoa(cmd.Process.Pid) {
		t.Errorf("python's pid = %s, py's pid = %d: py did not exec", got, cmd.Process.Pid)
	}
	_ = exes
}

func buildPy(t *testing.T) string {
	t.Helper()
	exe := filepath.Join(t.TempDir(), "py")
	out, err := exec.Command("go", "build", "-o", exe, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return exe
}
