//go:build windows

package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
	"golang.org/x/sys/windows/registry"

	"github.com/pylauncher/py/internal/regtest"
)

var regSeq atomic.Int64

var windowsBuilds = buildPlatform{"windows-amd64", "windows", "none", "windows-x86_64-none", "x86_64-pc-windows-msvc"}

// The variables a Windows script's code command passes on, besides
// those of the Linux scripts.
func init() {
	scriptVars = append(scriptVars, "LOCALAPPDATA", "APPDATA", "USERPROFILE", "PYTEST_REGISTRY_KEY", "PYLAUNCHER_NO_MESSAGEBOX",
		"SYSTEMROOT", "WINDIR", "COMSPEC", "PROCESSOR_ARCHITECTURE", "NUMBER_OF_PROCESSORS", "SYSTEMDRIVE", "TMP", "TEMP")
}

// TestInstallWindows runs the end-to-end scripts of testdata/windows
// against the test server, serving the real Windows build of 3.14.6
// (python-build-standalone's, from pbstest): py install, the installed
// python.exe run by py, its PEP 514 registration and its commands,
// py uninstall. Each script gets its own %LOCALAPPDATA% and its own
// registry key, which py and py-install use instead of Software\Python.
// Under wine 8, a real CPython needs pipes for its standard output and
// error: the scripts' exec and code give it those.
func TestInstallWindows(t *testing.T) {
	if runtime.GOARCH != "amd64" {
		t.Skip("the build served is windows-amd64's")
	}
	s := testServer(t, windowsBuilds)
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("testdata", "windows"),
		RequireExplicitExec: true,
		Setup: func(e *testscript.Env) error {
			work := e.WorkDir
			key := `Software\PyLauncherTest\install` + strconv.FormatInt(time.Now().UnixNano(), 36) + strconv.FormatInt(regSeq.Add(1), 10)
			e.Defer(func() { regtest.DeleteTree(registry.CURRENT_USER, key) })
			e.Setenv("PYTEST_REGISTRY_KEY", key)
			e.Setenv("PYTEST_HERMETIC", filepath.Join(work, "root"))
			server := s.URL + "/" + filepath.Base(work)
			e.Setenv("SERVER", server)
			e.Setenv("PY_INSTALL_SOURCE", server+"/main/index.json")
			e.Setenv("PY_INSTALL_TIMEOUT", "5s")
			e.Setenv("WORKURL", "file:///"+filepath.ToSlash(work))
			local := filepath.Join(work, "local")
			e.Setenv("LOCALAPPDATA", local)
			e.Setenv("APPDATA", filepath.Join(work, "roaming"))
			e.Setenv("USERPROFILE", filepath.Join(work, "home"))
			e.Setenv("INSTALLS", filepath.Join(local, "py", "installs"))
			e.Setenv("BIN", filepath.Join(local, "py", "bin"))
			e.Setenv("CACHE", filepath.Join(local, "py", "cache"))
			e.Setenv("PYLAUNCHER_NO_MESSAGEBOX", "1")
			// What a Windows process expects to find; PATH has the
			// programs (py, py-install) and the system's directories.
			sys := os.Getenv("SYSTEMROOT")
			for _, k := range []string{"SYSTEMROOT", "WINDIR", "COMSPEC", "PROCESSOR_ARCHITECTURE", "NUMBER_OF_PROCESSORS", "SYSTEMDRIVE"} {
				e.Setenv(k, os.Getenv(k))
			}
			bin := strings.Split(e.Getenv("PATH"), string(os.PathListSeparator))[0]
			e.Setenv("PATH", strings.Join([]string{bin, filepath.Join(sys, "system32"), sys}, string(os.PathListSeparator)))
			for _, v := range []string{"VIRTUAL_ENV", "CONDA_PREFIX", "PY_PYTHON", "PY_PYTHON3", "PYLAUNCHER_DEBUG", "PYLAUNCHER_DRYRUN",
				"PYLAUNCHER_ALLOW_INSTALL", "PYLAUNCHER_LIMIT_TO_COMPANY", "PY_INSTALL_MIRROR", "PY_INSTALL_BIN", "__PYVENV_LAUNCHER__",
				"PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED", "PYTHONPATH", "PYTHONHOME", "NO_COLOR"} {
				e.Setenv(v, "")
			}
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"code":     cmdCode,
			"listdir":  cmdListdir,
			"regvalue": cmdRegvalue,
			"regkey":   cmdRegkey,
			"waitfile": cmdWaitfile,
			"served":   cmdServed(s),
		},
	})
}

// cmdRegvalue: regvalue KEY NAME VALUE fails unless the string value NAME
// (empty for the default value) of KEY, under the script's registry key in
// HKEY_CURRENT_USER, is VALUE (as Windows compares paths: in any case).
func cmdRegvalue(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 3 || neg {
		ts.Fatalf("usage: regvalue KEY NAME VALUE")
	}
	k, err := registry.OpenKey(registry.CURRENT_USER, ts.Getenv("PYTEST_REGISTRY_KEY")+`\`+args[0], registry.QUERY_VALUE)
	ts.Check(err)
	defer k.Close()
	got, _, err := k.GetStringValue(args[1])
	ts.Check(err)
	if !strings.EqualFold(got, args[2]) {
		ts.Fatalf("%s %q is %q, want %q", args[0], args[1], got, args[2])
	}
}

// cmdRegkey: [!] regkey KEY fails unless KEY exists (or, negated, does
// not) under the script's registry key in HKEY_CURRENT_USER.
func cmdRegkey(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: [!] regkey KEY")
	}
	k, err := registry.OpenKey(registry.CURRENT_USER, ts.Getenv("PYTEST_REGISTRY_KEY")+`\`+args[0], registry.QUERY_VALUE)
	if err == nil {
		k.Close()
	}
	switch {
	case err != nil && !neg:
		ts.Fatalf("%s: %v", args[0], err)
	case err == nil && neg:
		ts.Fatalf("%s exists", args[0])
	}
}

// cmdWaitfile: waitfile FILE waits, a minute at most, for FILE to exist
// and end a line.
func cmdWaitfile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: waitfile FILE")
	}
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if b, err := os.ReadFile(ts.MkAbs(args[0])); err == nil && strings.HasSuffix(string(b), "\n") {
			return
		}
	}
	ts.Fatalf("%s: not written within a minute", args[0])
}
