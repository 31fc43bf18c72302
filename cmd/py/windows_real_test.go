//go:build windows

package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pylauncher/py/internal/quote"
	"github.com/pylauncher/py/internal/scriptmaker"
	"github.com/rogpeppe/go-internal/testscript"
	"golang.org/x/sys/windows"
	"golang.org/x/sys/windows/registry"
)

// The real-CPython suite: testdata/winreal runs py, venvlauncher and
// entrypoint against real Windows CPython builds (python-build-standalone,
// unpacked by .ci/embedpy), under wine in CI.
//
//	PYTEST_WINDOWS_CPYTHON   the directory .ci/embedpy wrote (manifest.json, "Python X.Y.Z", "pip X.Y.Z")
//	PYTEST_WINDOWS_BIN       venvlauncher.exe, venvwlauncher.exe and entrypoint.exe, built as released
//	PY_TEST_REQUIRE_WINDOWS_CPYTHON   a missing one is a failure, not a skip (CI)
const (
	winrealTrees   = "PYTEST_WINDOWS_CPYTHON"
	winrealBin     = "PYTEST_WINDOWS_BIN"
	winrealRequire = "PY_TEST_REQUIRE_WINDOWS_CPYTHON"
)

// winrealVersions are the feature versions the scripts use.
var winrealVersions = []string{"3.14", "3.11", "3.10"}

type winrealTree struct {
	Version string `json:"version"` // X.Y.Z
	Python  string `json:"python"`  // directory, relative to the manifest
	Pip     string `json:"pip"`
}

// winrealSetup finds the trees and the programs, or skips (fails when
// PY_TEST_REQUIRE_WINDOWS_CPYTHON is set).
func winrealSetup(t *testing.T) (root string, trees map[string]winrealTree, bin string) {
	t.Helper()
	missing := func(format string, args ...any) {
		t.Helper()
		msg := fmt.Sprintf(format, args...)
		if os.Getenv(winrealRequire) != "" {
			t.Fatalf("%s; %s is set, so this is a failure", msg, winrealRequire)
		}
		t.Skipf("SKIPPED: %s; see .ci/run's real-CPython step", msg)
	}
	if os.Getenv(winrealTrees) == "" || os.Getenv(winrealBin) == "" {
		missing("no real Windows CPython: %s and %s are not both set", winrealTrees, winrealBin)
	}
	root = must(filepath.Abs(os.Getenv(winrealTrees)))
	bin = must(filepath.Abs(os.Getenv(winrealBin)))
	b, err := os.ReadFile(filepath.Join(root, "manifest.json"))
	if err != nil {
		missing("%v", err)
	}
	var list []winrealTree
	if err := json.Unmarshal(b, &list); err != nil {
		t.Fatalf("%s: %v", quote.String(filepath.Join(root, "manifest.json")), err)
	}
	trees = map[string]winrealTree{}
	for _, tr := range list {
		parts := strings.Split(tr.Version, ".")
		if len(parts) == 3 {
			trees[parts[0]+"."+parts[1]] = tr
		}
	}
	for _, v := range winrealVersions {
		tr, ok := trees[v]
		if !ok {
			missing("no CPython %s in %s", v, quote.String(root))
			continue
		}
		if _, err := os.Stat(filepath.Join(root, tr.Python, "python.exe")); err != nil {
			missing("%v", err)
		}
	}
	for _, name := range []string{"venvlauncher.exe", "venvwlauncher.exe", "entrypoint.exe"} {
		if _, err := os.Stat(filepath.Join(bin, name)); err != nil {
			missing("%v", err)
		}
	}
	return root, trees, bin
}

// TestWindowsCPython runs testdata/winreal. Each script gets the three
// CPython builds registered as their installer registers them (PEP 514,
// PythonCore\X.Y), under a private key that py reads instead of
// Software\Python (as TestWindows does): the test never touches a real
// machine's registrations.
func TestWindowsCPython(t *testing.T) {
	root, trees, bin := winrealSetup(t)
	// py alone in a directory of its own: the directory testscript
	// makes for this binary's commands also holds the fake python.exe
	// TestWindows uses, which py would find on PATH.
	pyDir := t.TempDir()
	if err := winrealCopy(must(exec.LookPath("py")), filepath.Join(pyDir, "py.exe")); err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("testdata", "winreal"),
		RequireExplicitExec: true,
		Setup: func(e *testscript.Env) error {
			key := `Software\PyLauncherTest\real` + strconv.FormatInt(time.Now().UnixNano(), 36) + strconv.FormatInt(winrealSeq.Add(1), 10)
			e.Defer(func() { winrealDeleteTree(registry.CURRENT_USER, key) })
			for _, v := range winrealVersions {
				tr := trees[v]
				home := filepath.Join(root, tr.Python)
				if err := winrealRegister(key, v, tr.Version, home); err != nil {
					return err
				}
				short := strings.ReplaceAll(v, ".", "")
				e.Setenv("PY"+short, filepath.Join(home, "python.exe"))
				e.Setenv("HOME"+short, home)
				e.Setenv("PIP"+short, filepath.Join(root, tr.Pip))
			}
			e.Setenv("CPYVENVLAUNCHER", filepath.Join(root, trees["3.14"].Python, `Lib\venv\scripts\nt\venvlauncher.exe`))
			e.Setenv("VENVLAUNCHER", filepath.Join(bin, "venvlauncher.exe"))
			e.Setenv("VENVWLAUNCHER", filepath.Join(bin, "venvwlauncher.exe"))
			e.Setenv("ENTRYPOINT", filepath.Join(bin, "entrypoint.exe"))
			e.Setenv("PYTEST_REGISTRY_KEY", key)
			e.Setenv("PYLAUNCHER_NO_MESSAGEBOX", "1")
			e.Setenv("LOCALAPPDATA", filepath.Join(e.WorkDir, "local"))
			e.Setenv("APPDATA", filepath.Join(e.WorkDir, "roaming"))
			e.Setenv("USERPROFILE", filepath.Join(e.WorkDir, "home"))
			e.Setenv("TEMP", e.Getenv("TMP"))
			// What a Windows process expects to find; PATH has py
			// (this test binary) and the system directories only.
			sys := os.Getenv("SYSTEMROOT")
			for _, k := range []string{"SYSTEMROOT", "WINDIR", "COMSPEC", "PROCESSOR_ARCHITECTURE", "NUMBER_OF_PROCESSORS", "SYSTEMDRIVE"} {
				e.Setenv(k, os.Getenv(k))
			}
			e.Setenv("PATH", strings.Join([]string{pyDir, filepath.Join(sys, "system32"), sys}, string(os.PathListSeparator)))
			for _, v := range []string{"VIRTUAL_ENV", "CONDA_PREFIX", "PY_PYTHON", "PY_PYTHON2", "PY_PYTHON3", "PYLAUNCHER_DEBUG", "PYLAUNCHER_DRYRUN", "__PYVENV_LAUNCHER__",
				"PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED", "PYTHONPATH", "PYTHONHOME"} {
				e.Setenv(v, "")
			}
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"cptree":     cmdCptree,
			"exitcode":   cmdWinrealExitcode,
			"launcher":   cmdWinrealLauncher,
			"waitfile":   cmdWaitfile,
			"pidgone":    cmdPidgone,
			"unregister": cmdUnregister,
		},
	})
}

var winrealSeq atomic.Int64

// winrealDeleteTree deletes a registry key and everything below it.
func winrealDeleteTree(root registry.Key, path string) {
	if k, err := registry.OpenKey(root, path, registry.ENUMERATE_SUB_KEYS); err == nil {
		subs, _ := k.ReadSubKeyNames(-1)
		k.Close()
		for _, s := range subs {
			winrealDeleteTree(root, path+`\`+s)
		}
	}
	registry.DeleteKey(root, path)
}

// cmdUnregister removes a registration Setup wrote: unregister TAG
func cmdUnregister(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: unregister TAG")
	}
	key := ts.Getenv("PYTEST_REGISTRY_KEY") + `\PythonCore\` + args[0]
	k, err := registry.OpenKey(registry.CURRENT_USER, key, registry.QUERY_VALUE)
	ts.Check(err)
	k.Close()
	winrealDeleteTree(registry.CURRENT_USER, key)
}

// winrealRegister writes what CPython's installer writes for tag (PEP 514).
func winrealRegister(key, tag, version, home string) error {
	k, _, err := registry.CreateKey(registry.CURRENT_USER, key+`\PythonCore\`+tag, registry.ALL_ACCESS)
	if err != nil {
		return err
	}
	defer k.Close()
	for name, value := range map[string]string{
		"DisplayName":     "Python " + tag + " (64-bit)",
		"SupportUrl":      "https://www.python.org/",
		"Version":         version,
		"SysVersion":      tag,
		"SysArchitecture": "64bit",
	} {
		if err := k.SetStringValue(name, value); err != nil {
			return err
		}
	}
	ik, _, err := registry.CreateKey(k, "InstallPath", registry.ALL_ACCESS)
	if err != nil {
		return err
	}
	defer ik.Close()
	for name, value := range map[string]string{
		"":                       home + `\`,
		"ExecutablePath":         filepath.Join(home, "python.exe"),
		"WindowedExecutablePath": filepath.Join(home, "pythonw.exe"),
	} {
		if err := ik.SetStringValue(name, value); err != nil {
			return err
		}
	}
	return nil
}

// cmdCptree copies a directory tree: cptree SRC DST (DST/<entries of SRC>).
func cmdCptree(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: cptree SRC DST")
	}
	src, dst := ts.MkAbs(args[0]), ts.MkAbs(args[1])
	ts.Check(filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		return winrealCopy(path, target)
	}))
}

func winrealCopy(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// winrealEnv is the script's environment, for the commands that start
// programs themselves.
func winrealEnv(ts *testscript.TestScript) []string {
	var env []string
	for _, k := range []string{"PATH", "SYSTEMROOT", "WINDIR", "COMSPEC", "PROCESSOR_ARCHITECTURE", "NUMBER_OF_PROCESSORS", "SYSTEMDRIVE",
		"TMP", "TEMP", "USERPROFILE", "LOCALAPPDATA", "APPDATA", "PYTEST_REGISTRY_KEY", "PYLAUNCHER_NO_MESSAGEBOX",
		"VIRTUAL_ENV", "PY_PYTHON", "__PYVENV_LAUNCHER__"} {
		if v := ts.Getenv(k); v != "" {
			env = append(env, k+"="+v)
		}
	}
	return env
}

// cmdWinrealExitcode runs a program and checks its exit code, with
// standard input from a file (or nothing): exitcode N [<FILE] prog args…
// Its output becomes the script's stdout and stderr.
func cmdWinrealExitcode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exitcode N [<FILE] prog [args...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	args = args[1:]
	var stdin io.Reader
	if f, ok := strings.CutPrefix(args[0], "<"); ok {
		data, err := os.ReadFile(ts.MkAbs(f))
		ts.Check(err)
		stdin, args = strings.NewReader(string(data)), args[1:]
	}
	prog := args[0]
	if !filepath.IsAbs(prog) {
		prog, err = winrealLook(ts, prog)
		ts.Check(err)
	}
	cmd := exec.Command(prog, args[1:]...)
	cmd.Dir = ts.Getenv("PWD")
	cmd.Env = winrealEnv(ts)
	cmd.Stdin = stdin
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	got := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		got = ee.ExitCode()
	} else if err != nil {
		ts.Fatalf("%v", err)
	}
	ts.Logf("[stdout]\n%s[stderr]\n%s", out.String(), errOut.String())
	if got != want {
		ts.Fatalf("exit code %d, want %d", got, want)
	}
	// Later stdout/stderr checks see this output: run it again through
	// exec would start it twice, so the command writes the files.
	ts.Check(os.WriteFile(ts.MkAbs("exitcode.stdout"), []byte(out.String()), 0o666))
	ts.Check(os.WriteFile(ts.MkAbs("exitcode.stderr"), []byte(errOut.String()), 0o666))
}

func winrealLook(ts *testscript.TestScript, name string) (string, error) {
	for _, d := range filepath.SplitList(ts.Getenv("PATH")) {
		p := filepath.Join(d, name+".exe")
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p, nil
		}
	}
	return "", fmt.Errorf("%s: not on PATH", name)
}

// cmdWinrealLauncher writes a console-script launcher made from the
// entrypoint.exe built as released (PYTEST_WINDOWS_BIN), running a
// script: launcher OUTPUT INTERPRETER SCRIPT
func cmdWinrealLauncher(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: launcher OUTPUT INTERPRETER SCRIPT")
	}
	tmpl, err := os.ReadFile(ts.Getenv("ENTRYPOINT"))
	ts.Check(err)
	script, err := os.ReadFile(ts.MkAbs(args[2]))
	ts.Check(err)
	data, err := scriptmaker.Build(scriptmaker.Options{Template: tmpl, Interpreter: args[1], Script: script})
	ts.Check(err)
	ts.Check(scriptmaker.Write(ts.MkAbs(args[0]), data))
}

// cmdWaitfile waits (up to a minute) for a file to exist and hold a line.
func cmdWaitfile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: waitfile FILE")
	}
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if b, err := os.ReadFile(ts.MkAbs(args[0])); err == nil && strings.HasSuffix(string(b), "\n") {
			return
		}
	}
	ts.Fatalf("%s: not written within a minute", quote.String(args[0]))
}

// cmdPidgone checks that the process whose id FILE holds ends within 20
// seconds (pidgone FILE), or, negated, that it is still running after 2
// seconds; a process found running is then killed either way, so that a
// failure leaves nothing behind.
func cmdPidgone(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: [!] pidgone FILE")
	}
	b, err := os.ReadFile(ts.MkAbs(args[0]))
	ts.Check(err)
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	ts.Check(err)
	h, err := windows.OpenProcess(windows.SYNCHRONIZE|windows.PROCESS_TERMINATE, false, uint32(pid))
	if err != nil {
		// No such process (any more).
		if neg {
			ts.Fatalf("process %d is gone (%v), want it running", pid, err)
		}
		return
	}
	defer windows.CloseHandle(h)
	wait := 20 * time.Second
	if neg {
		wait = 2 * time.Second
	}
	ev, err := windows.WaitForSingleObject(h, uint32(wait/time.Millisecond))
	ts.Check(err)
	if ev == windows.WAIT_OBJECT_0 {
		if neg {
			ts.Fatalf("process %d ended, want it running", pid)
		}
		return
	}
	windows.TerminateProcess(h, 1)
	if !neg {
		ts.Fatalf("process %d still runs %s after its launcher was killed", pid, wait)
	}
}
