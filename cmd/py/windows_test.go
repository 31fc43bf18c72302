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
)

var regSeq atomic.Int64

// TestWindows runs testdata/windows: the real py.exe against PEP 514
// registrations it writes (under a private key, as CPython's
// test_launcher does with its own company) and fake python.exe programs.
func TestWindows(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("testdata", "windows"),
		RequireExplicitExec: true,
		Setup: func(e *testscript.Env) error {
			fake, err := exec.LookPath("fakepython")
			if err != nil {
				return err
			}
			work := e.WorkDir
			key := `Software\PyLauncherTest\` + strconv.FormatInt(time.Now().UnixNano(), 36) + strconv.FormatInt(regSeq.Add(1), 10)
			e.Defer(func() {
				deleteTree(registry.CURRENT_USER, key)
				deleteTree(registry.LOCAL_MACHINE, key)
			})
			e.Setenv("PYTEST_REGISTRY_KEY", key)
			e.Setenv("FAKEPYTHON", fake)
			e.Setenv("PYTEST_HERMETIC", "1")
			e.Setenv("PYLAUNCHER_NO_MESSAGEBOX", "1")
			e.Setenv("LOCALAPPDATA", filepath.Join(work, "local"))
			e.Setenv("USERPROFILE", filepath.Join(work, "home"))
			e.Setenv("PATH", filepath.Dir(fake))
			for _, v := range []string{"VIRTUAL_ENV", "CONDA_PREFIX", "PY_PYTHON", "PY_PYTHON2", "PY_PYTHON3", "PYLAUNCHER_DEBUG", "PYLAUNCHER_DRYRUN", "__PYVENV_LAUNCHER__"} {
				e.Setenv(v, "")
			}
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"mkpython":     cmdMkpython,
			"regadd":       cmdRegadd,
			"mkentrypoint": cmdMkentrypoint,
			"envsubst":     commands["envsubst"],
		},
	})
}

// cmdRegadd writes a registration under the script's private key:
//
//	regadd [-lm] Company\Tag[\Sub] name=value…   ("" names the default value)
func cmdRegadd(ts *testscript.TestScript, neg bool, args []string) {
	root := registry.CURRENT_USER
	if len(args) > 0 && args[0] == "-lm" {
		root, args = registry.LOCAL_MACHINE, args[1:]
	}
	if len(args) < 1 {
		ts.Fatalf("usage: regadd [-lm] KEY name=value...")
	}
	k, _, err := registry.CreateKey(root, ts.Getenv("PYTEST_REGISTRY_KEY")+`\`+args[0], registry.ALL_ACCESS)
	ts.Check(err)
	defer k.Close()
	for _, nv := range args[1:] {
		name, value, _ := strings.Cut(nv, "=")
		ts.Check(k.SetStringValue(name, os.Expand(value, ts.Getenv)))
	}
}

func deleteTree(root registry.Key, path string) {
	if k, err := registry.OpenKey(root, path, registry.ENUMERATE_SUB_KEYS); err == nil {
		subs, _ := k.ReadSubKeyNames(-1)
		k.Close()
		for _, s := range subs {
			deleteTree(root, path+`\`+s)
		}
	}
	registry.DeleteKey(root, path)
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
