//go:build windows

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pylauncher/py/internal/scriptmaker"
	"github.com/rogpeppe/go-internal/testscript"
	"golang.org/x/sys/windows/registry"

	"github.com/pylauncher/py/internal/regtest"
)

var regSeq atomic.Int64

// TestWindows runs testdata/windows: the real py.exe against PEP 514
// registrations it writes (under a private key, as CPython's
// test_launcher does with its own company) and fake python.exe programs.
func TestWindows(t *testing.T) {
	testscript.Run(t, windowsParams(filepath.Join("testdata", "windows"), nil))
}

// windowsParams are the parameters of the Windows suites: each script
// gets a private registry key, %LOCALAPPDATA%, PATH and no launcher
// variables, and $PY_EXE, py.exe's path; setup, when set, adds to that.
func windowsParams(dir string, setup func(*testscript.Env) error) testscript.Params {
	return testscript.Params{
		Dir:                 dir,
		RequireExplicitExec: true,
		Setup: func(e *testscript.Env) error {
			fake, err := exec.LookPath("fakepython")
			if err != nil {
				return err
			}
			work := e.WorkDir
			key := `Software\PyLauncherTest\` + strconv.FormatInt(time.Now().UnixNano(), 36) + strconv.FormatInt(regSeq.Add(1), 10)
			e.Defer(func() {
				regtest.DeleteTree(registry.CURRENT_USER, key)
				regtest.DeleteTree(registry.LOCAL_MACHINE, key)
				deleteTree32(key)
			})
			e.Setenv("PYTEST_REGISTRY_KEY", key)
			e.Setenv("FAKEPYTHON", fake)
			e.Setenv("PYTEST_HERMETIC", "1")
			e.Setenv("PYLAUNCHER_NO_MESSAGEBOX", "1")
			e.Setenv("LOCALAPPDATA", filepath.Join(work, "local"))
			e.Setenv("USERPROFILE", filepath.Join(work, "home"))
			e.Setenv("PATH", filepath.Dir(fake))
			if py, err := exec.LookPath("py"); err == nil {
				e.Setenv("PY_EXE", py)
			}
			for _, v := range resetVars {
				e.Setenv(v, "")
			}
			if setup != nil {
				return setup(e)
			}
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"mkpython":     cmdMkpython,
			"regadd":       cmdRegadd,
			"mkentrypoint": cmdMkentrypoint,
			"envsubst":     commands["envsubst"],
			"writeutf16":   commands["writeutf16"],
			"runpy":        cmdRunpy,
			"writebytes":   cmdWritebytes,
		},
	}
}

// resetVars are the variables that change what py does: unset in every
// script.
var resetVars = []string{"VIRTUAL_ENV", "CONDA_PREFIX", "PY_PYTHON", "PY_PYTHON2", "PY_PYTHON3", "PYLAUNCHER_DEBUG", "PYLAUNCHER_DRYRUN",
	"PYLAUNCHER_LIMIT_TO_COMPANY", "PYLAUNCHER_NO_SEARCH_PATH", "__PYVENV_LAUNCHER__"}

// cmdRegadd writes a registration under the script's private key:
//
//	regadd [-lm|-lm32] Company\Tag[\Sub] name=value…   ("" names the default value)
//
// -lm writes to HKEY_LOCAL_MACHINE (its 64-bit view), -lm32 to its
// 32-bit view (Wow6432Node); the default is HKEY_CURRENT_USER.
func cmdRegadd(ts *testscript.TestScript, neg bool, args []string) {
	root, access := registry.CURRENT_USER, uint32(0)
	if len(args) > 0 && args[0] == "-lm" {
		root, args = registry.LOCAL_MACHINE, args[1:]
	} else if len(args) > 0 && args[0] == "-lm32" {
		root, access, args = registry.LOCAL_MACHINE, registry.WOW64_32KEY, args[1:]
	}
	if len(args) < 1 {
		ts.Fatalf("usage: regadd [-lm|-lm32] KEY name=value...")
	}
	values := map[string]string{}
	var names []string
	for _, nv := range args[1:] {
		name, value, _ := strings.Cut(nv, "=")
		names = append(names, name)
		values[name] = os.Expand(value, ts.Getenv)
	}
	ts.Check(regWrite(root, access, ts.Getenv("PYTEST_REGISTRY_KEY")+`\`+args[0], names, values))
}

// regWrite creates the key path (in root's view access) and sets the
// string values names (from values).
func regWrite(root registry.Key, access uint32, path string, names []string, values map[string]string) error {
	k, _, err := registry.CreateKey(root, path, registry.ALL_ACCESS|access)
	if err != nil {
		return err
	}
	defer k.Close()
	for _, name := range names {
		if err := k.SetStringValue(name, values[name]); err != nil {
			return err
		}
	}
	return nil
}

// deleteTree32 deletes path from HKEY_LOCAL_MACHINE's 32-bit view.
func deleteTree32(path string) {
	if k, err := registry.OpenKey(registry.LOCAL_MACHINE, path, registry.ENUMERATE_SUB_KEYS|registry.WOW64_32KEY); err == nil {
		subs, _ := k.ReadSubKeyNames(-1)
		k.Close()
		for _, s := range subs {
			deleteTree32(path + `\` + s)
		}
	}
	if k, err := registry.OpenKey(registry.LOCAL_MACHINE, filepath.Dir(path), registry.ALL_ACCESS|registry.WOW64_32KEY); err == nil {
		registry.DeleteKey(k, filepath.Base(path))
		k.Close()
	}
}

// cmdMkentrypoint writes a console-script launcher whose template is this
// test binary: mkentrypoint OUTPUT INTERPRETER module:function
func cmdMkentrypoint(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 3 {
		ts.Fatalf("usage: mkentrypoint OUTPUT INTERPRETER module:function")
	}
	// The real Windows template when CI built one (it does without
	// package os); else this test binary, which dispatches to the same
	// code (TestMain).
	src := ts.Getenv("FAKEPYTHON")
	if real := os.Getenv("PYTEST_ENTRYPOINT_EXE"); real != "" {
		src = real
	}
	tmpl, err := os.ReadFile(src)
	ts.Check(err)
	data, err := scriptmaker.Build(scriptmaker.Options{Template: tmpl, Interpreter: args[1], Entry: args[2]})
	ts.Check(err)
	ts.Check(scriptmaker.Write(ts.MkAbs(args[0]), data))
}
