package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pylauncher/py/internal/launcher"
	"github.com/pylauncher/py/internal/probe"
	"github.com/pylauncher/py/internal/pyver"
	"github.com/pylauncher/py/internal/redirector"
	"github.com/pylauncher/py/internal/trampoline"
	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	// A copy of this binary with a description beside it is a fake
	// interpreter (the Windows tests' python.exe; see mkpython).
	if self, err := os.Executable(); err == nil {
		if desc, err := os.ReadFile(self + ".fake"); err == nil {
			for _, line := range strings.Split(string(desc), "\n") {
				if k, v, ok := strings.Cut(line, "="); ok {
					os.Setenv(k, v)
				}
			}
			os.Args = append([]string{"fakepython", self}, os.Args[1:]...)
			fakePython()
			os.Exit(0)
		}
		// A copy with a launcher trailer is a console-script launcher
		// (the Windows tests' entrypoint).
		if isLauncher(self) {
			code, err := trampoline.Run(os.Args, os.Environ(), self)
			if e := (*trampoline.Error)(nil); errors.As(err, &e) {
				fmt.Fprintf(os.Stderr, "%s: error: %s\n", trampoline.Name(self), e)
				code = e.Code
			}
			os.Exit(code)
		}
	}
	cmds := map[string]func(){
		"py": func() {
			if root := os.Getenv("PYTEST_HERMETIC"); root != "" {
				launcher.TestOnlyRoot(root)
			}
			if key := os.Getenv("PYTEST_REGISTRY_KEY"); key != "" {
				launcher.TestOnlyRegistryKey(key)
			}
			main()
		},
		"fakepython": fakePython,
	}
	// py under a name that asks for a version it cannot read (a
	// launcher named python3.12 means -3.12): not an interpreter's name,
	// so discovery never takes it for one.
	cmds["python3junk"] = cmds["py"]
	if runtime.GOOS == "windows" {
		// The venv redirector, under its own name and as a venv's
		// Scripts\python.exe. Only on Windows, where no real interpreter
		// is tested: on Unix these would shadow the real venvlauncher
		// and pythons on PATH.
		cmds["venvlauncher"] = redirectorMain
		cmds["python"] = redirectorMain
		cmds["pythonw"] = redirectorMain
		cmds["pyw"] = cmds["py"]
	}
	testscript.Main(m, cmds)
}

// redirectorMain is cmd/venvlauncher (see its main.go), in short.
func redirectorMain() {
	self, _ := os.Executable()
	name, args, code, n := redirector.Name(self), os.Args, 0, 0
	var t redirector.Target
	var err error
	switch {
	case !redirector.IsInstaller(name):
		if t, err = redirector.Find(self, name, runtime.GOOS); err == nil {
			code, err = redirector.Exec(t, self, args, os.Environ())
		}
	case len(args) != 3 || args[1] != "install":
		fmt.Fprint(os.Stderr, redirector.InstallUsage)
		os.Exit(2)
	default:
		if n, err = redirector.Install(args[2], self, runtime.GOOS); err == nil {
			fmt.Printf("venvlauncher: installed in %d file(s) of \"%s\"\n", n, args[2])
		}
	}
	if e := (*redirector.Error)(nil); errors.As(err, &e) {
		fmt.Fprintf(os.Stderr, "venvlauncher: error: %s\n", e.Msg)
		code = e.Code
	}
	os.Exit(code)
}

// isLauncher reports whether the file at path carries a launcher trailer.
func isLauncher(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return false
	}
	_, err = trampoline.Parse(f, st.Size())
	return err == nil
}

// TestScript runs the end-to-end tests in testdata/script with fake
// interpreters (see fakePython and the mkpython command).
func TestScript(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the fake interpreters are shell scripts; Windows has its own suite")
	}
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("testdata", "script"),
		RequireExplicitExec: true,
		Setup:               setupHermetic,
		Cmds:                commands,
		Condition:           condition,
	})
}

// condition adds [root]: the test runs as root, who can give files to
// other users (chown).
func condition(cond string) (bool, error) {
	if cond == "root" {
		return os.Geteuid() == 0, nil
	}
	return false, fmt.Errorf("unknown condition %q", cond)
}

// setupHermetic gives each script a private world: no real interpreter,
// no pyenv, a private HOME and cache.
func setupHermetic(e *testscript.Env) error {
	fake, err := exec.LookPath("fakepython")
	if err != nil {
		return err
	}
	work := e.WorkDir
	e.Setenv("FAKEPYTHON", fake)
	// The fixed places (/usr/bin, Homebrew…) under an empty root.
	root := filepath.Join(work, "root")
	if err := os.Mkdir(root, 0o755); err != nil {
		return err
	}
	e.Setenv("PYTEST_HERMETIC", root)
	e.Setenv("HOME", filepath.Join(work, "home"))
	e.Setenv("XDG_CACHE_HOME", filepath.Join(work, "cache"))
	e.Setenv("XDG_CONFIG_HOME", filepath.Join(work, "config"))
	e.Setenv("XDG_DATA_HOME", filepath.Join(work, "data"))
	e.Setenv("PYENV_ROOT", filepath.Join(work, "pyenv"))
	e.Setenv("PYTEST_BIN", filepath.Dir(fake))
	// Only the directory holding py itself: scripts add their own.
	e.Setenv("PATH", filepath.Dir(fake))
	for _, v := range []string{"VIRTUAL_ENV", "CONDA_PREFIX", "CONDA_DEFAULT_ENV", "PY_PYTHON", "PY_PYTHON2", "PY_PYTHON3",
		"PYLAUNCHER_DEBUG", "PYLAUNCHER_DRYRUN", "PYLAUNCHER_QUERY_TIMEOUT", "UV_PYTHON_INSTALL_DIR", "MISE_DATA_DIR",
		"ASDF_DATA_DIR", "__PYVENV_LAUNCHER__"} {
		e.Setenv(v, "")
	}
	return nil
}

var commands = map[string]func(ts *testscript.TestScript, neg bool, args []string){
	"mkpython": cmdMkpython,
	"mkvenv":   cmdMkvenv,
	"cppy":     cmdCppy,
	"symlink2": cmdSymlink,
	"chmod":    cmdChmod,
	"chown":    cmdChown,
	"setmode":  cmdSetmode,
	"writeutf16": func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 2 {
			ts.Fatalf("usage: writeutf16 file text")
		}
		text := strings.NewReplacer(`\n`, "\n", `\r`, "\r").Replace(args[1])
		b := []byte{0xFF, 0xFE}
		for _, r := range text {
			b = append(b, byte(r), byte(r>>8))
		}
		ts.Check(os.WriteFile(ts.MkAbs(args[0]), b, 0o644))
	},
	"envsubst": func(ts *testscript.TestScript, neg bool, args []string) {
		// envsubst SRC DST: copy SRC to DST, expanding $VARS.
		if len(args) != 2 {
			ts.Fatalf("usage: envsubst src dst")
		}
		data, err := os.ReadFile(ts.MkAbs(args[0]))
		ts.Check(err)
		ts.Check(os.MkdirAll(filepath.Dir(ts.MkAbs(args[1])), 0o755))
		ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte(os.Expand(string(data), ts.Getenv)), 0o644))
	},
	"countlines": func(ts *testscript.TestScript, neg bool, args []string) {
		// countlines file substring n: the file has n lines containing substring.
		if len(args) != 3 {
			ts.Fatalf("usage: countlines file substring n")
		}
		data, err := os.ReadFile(ts.MkAbs(args[0]))
		if err != nil && !os.IsNotExist(err) {
			ts.Fatalf("%v", err)
		}
		n := 0
		for _, l := range strings.Split(string(data), "\n") {
			if strings.Contains(l, args[1]) {
				n++
			}
		}
		if want, _ := strconv.Atoi(args[2]); n != want {
			ts.Fatalf("%s has %d lines with %q, want %s", args[0], n, args[1], args[2])
		}
	},
}

// cmdMkpython writes a fake interpreter:
//
//	mkpython [-impl pypy] [-bits 32] [-broken] [-hang] [-exit N] [-signal] [-answer JSON] PATH VERSION
//
// When asked what it is, -broken exits 1, -exit N exits N, -signal kills
// itself with SIGKILL, -hang sleeps a minute, and -answer prints JSON as
// its answer.
// VERSION is what the interpreter reports ("3.12.1", "3.14.0rc1",
// "3.13.0t" for free-threaded, "3.12.1d" for debug). The fake is a small
// shell script that runs the fakepython command.
func cmdMkpython(ts *testscript.TestScript, neg bool, args []string) {
	vars := map[string]string{"FAKE_IMPL": "cpython", "FAKE_BITS": "64"}
	for len(args) > 0 && strings.HasPrefix(args[0], "-") {
		switch args[0] {
		case "-impl":
			vars["FAKE_IMPL"], args = args[1], args[1:]
		case "-bits":
			vars["FAKE_BITS"], args = args[1], args[1:]
		case "-broken":
			vars["FAKE_BROKEN"] = "1"
		case "-hang":
			vars["FAKE_HANG"] = "1"
		case "-exit":
			vars["FAKE_QUERY_EXIT"], args = args[1], args[1:]
		case "-signal":
			vars["FAKE_QUERY_SIGNAL"] = "1"
		case "-answer":
			vars["FAKE_ANSWER"], args = args[1], args[1:]
		default:
			ts.Fatalf("mkpython: unknown option %s", args[0])
		}
		args = args[1:]
	}
	if len(args) != 2 {
		ts.Fatalf("usage: mkpython [options] PATH VERSION")
	}
	path, ver := ts.MkAbs(args[0]), args[1]
	if strings.HasSuffix(ver, "d") {
		vars["FAKE_DEBUG"], ver = "1", strings.TrimSuffix(ver, "d")
	}
	if strings.HasSuffix(ver, "t") {
		vars["FAKE_FT"], ver = "1", strings.TrimSuffix(ver, "t")
	}
	vars["FAKE_VERSION"] = ver
	if runtime.GOOS == "windows" {
		ts.Check(writeFakeExe(path, ts.Getenv("FAKEPYTHON"), vars))
		return
	}
	var b strings.Builder
	b.WriteString("#!/bin/sh\n")
	for _, k := range sortedKeys(vars) {
		fmt.Fprintf(&b, "export %s='%s'\n", k, vars[k])
	}
	fmt.Fprintf(&b, "exec '%s' \"$0\" \"$@\"\n", ts.Getenv("FAKEPYTHON"))
	script := b.String()
	ts.Check(os.MkdirAll(filepath.Dir(path), 0o755))
	ts.Check(os.WriteFile(path, []byte(script), 0o755))
}

// writeFakeExe writes a Windows fake interpreter at path: a copy of the
// test binary fake, described by a file beside it (vars, the FAKE_*
// settings; see fakePython).
func writeFakeExe(path, fake string, vars map[string]string) error {
	var desc strings.Builder
	for _, k := range sortedKeys(vars) {
		fmt.Fprintf(&desc, "%s=%s\n", k, vars[k])
	}
	data, err := os.ReadFile(fake)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(path, data, 0o755); err != nil {
		return err
	}
	return os.WriteFile(path+".fake", []byte(desc.String()), 0o644)
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// cmdMkvenv makes a virtual environment as python -m venv does on Unix:
//
//	mkvenv DIR BASE VERSION
//
// DIR/pyvenv.cfg names BASE's directory as home; DIR/bin/python,
// python3 and pythonX.Y are symlinks to BASE.
func cmdMkvenv(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 3 {
		ts.Fatalf("usage: mkvenv DIR BASE VERSION")
	}
	dir, base, ver := ts.MkAbs(args[0]), ts.MkAbs(args[1]), args[2]
	ts.Check(os.MkdirAll(filepath.Join(dir, "bin"), 0o755))
	cfg := fmt.Sprintf("home = %s\ninclude-system-site-packages = false\nversion = %s\nexecutable = %s\n", filepath.Dir(base), ver, base)
	ts.Check(os.WriteFile(filepath.Join(dir, "pyvenv.cfg"), []byte(cfg), 0o644))
	v, _ := pyver.ParseVersion(ver)
	for _, n := range []string{"python", "python3", "python" + v.Feature()} {
		ts.Check(os.Symlink(base, filepath.Join(dir, "bin", n)))
	}
}

// cmdCppy copies the py binary to PATH (for py.ini beside the executable).
func cmdCppy(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: cppy PATH")
	}
	src, err := exec.LookPath("py")
	ts.Check(err)
	dst := ts.MkAbs(args[0])
	ts.Check(os.MkdirAll(filepath.Dir(dst), 0o755))
	// A hard link, not a copy: a copy just written can fail to start
	// with "text file busy" while another test forks (the child holds
	// the write descriptor until it execs).
	if os.Link(src, dst) == nil {
		return
	}
	data, err := os.ReadFile(src)
	ts.Check(err)
	ts.Check(os.WriteFile(dst, data, 0o755))
	time.Sleep(200 * time.Millisecond)
}

// cmdSymlink is ln -s TARGET LINK, with TARGET taken as written.
func cmdSymlink(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: symlink2 TARGET LINK")
	}
	link := ts.MkAbs(args[1])
	ts.Check(os.MkdirAll(filepath.Dir(link), 0o755))
	ts.Check(os.Symlink(args[0], link))
}

func cmdChmod(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: chmod MODE FILE")
	}
	mode, err := strconv.ParseUint(args[0], 8, 32)
	ts.Check(err)
	ts.Check(os.Chmod(ts.MkAbs(args[1]), os.FileMode(mode)))
}

// fakePython behaves like an interpreter for py's tests. os.Args[1] is the
// path it was run as (the script's $0), the rest its arguments. Its
// description comes from FAKE_* variables set by the script mkpython
// wrote. It answers py's query like a real Python; otherwise it prints
// what it was run with and exits 0, or N for "-c 'exit N'".
func fakePython() {
	self, args := os.Args[1], os.Args[2:]
	if log := os.Getenv("FAKE_LOG"); log != "" {
		kind := "run"
		if probe.IsQuery(args) {
			kind = "query"
		}
		f, err := os.OpenFile(log, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err == nil {
			cwd, _ := os.Getwd()
			fmt.Fprintf(f, "%s %s pid=%d cwd=%s\n", kind, self, os.Getpid(), cwd)
			f.Close()
		}
	}
	ver := os.Getenv("FAKE_VERSION")
	if probe.IsQuery(args) {
		if os.Getenv("FAKE_HANG") != "" {
			time.Sleep(time.Minute)
		}
		if os.Getenv("FAKE_BROKEN") != "" {
			fmt.Fprintln(os.Stderr, "fakepython: broken")
			os.Exit(1)
		}
		if code := os.Getenv("FAKE_QUERY_EXIT"); code != "" {
			n, _ := strconv.Atoi(code)
			fmt.Fprintf(os.Stderr, "fakepython: exit %d\n", n)
			os.Exit(n)
		}
		if os.Getenv("FAKE_QUERY_SIGNAL") != "" {
			if p, err := os.FindProcess(os.Getpid()); err == nil {
				p.Kill()
			}
			time.Sleep(time.Minute)
		}
		if a := os.Getenv("FAKE_ANSWER"); a != "" {
			fmt.Printf("%s%s\n", probe.Marker, a)
			return
		}
		v, ok := pyver.ParseVersion(ver)
		if !ok || v.Micro < 0 {
			fmt.Fprintf(os.Stderr, "fakepython: bad FAKE_VERSION %q\n", ver)
			os.Exit(1)
		}
		level, serial := "final", 0
		if v.Pre != "" {
			kinds := map[string]string{"a": "alpha", "b": "beta", "rc": "candidate"}
			i := strings.IndexAny(v.Pre, "0123456789")
			level = kinds[v.Pre[:i]]
			serial, _ = strconv.Atoi(v.Pre[i:])
		}
		bits, _ := strconv.Atoi(os.Getenv("FAKE_BITS"))
		prefix := filepath.Dir(filepath.Dir(self))
		base := prefix
		if resolved, err := filepath.EvalSymlinks(self); err == nil {
			base = filepath.Dir(filepath.Dir(resolved))
		}
		info := probe.Info{
			Impl:         os.Getenv("FAKE_IMPL"),
			Version:      fmt.Sprintf("%d.%d.%d.%s.%d", v.Major, v.Minor, v.Micro, level, serial),
			FreeThreaded: os.Getenv("FAKE_FT") != "",
			Debug:        os.Getenv("FAKE_DEBUG") != "",
			Bits:         bits,
			Machine:      "x86_64",
			Prefix:       prefix,
			BasePrefix:   base,
			Executable:   self,
		}
		if _, err := os.Stat(filepath.Join(prefix, "pyvenv.cfg")); err != nil {
			info.Prefix = base
		}
		data, _ := json.Marshal(info)
		fmt.Println("some noise a .pth file printed")
		fmt.Printf("%s%s\n", probe.Marker, data)
		return
	}
	flags := ""
	if os.Getenv("FAKE_FT") != "" {
		flags += "t"
	}
	if os.Getenv("FAKE_DEBUG") != "" {
		flags += "d"
	}
	fmt.Printf("fakepython %s%s %s %s\n", ver, flags, os.Getenv("FAKE_IMPL"), self)
	fmt.Printf("argv: %q\n", args)
	if v, ok := os.LookupEnv("__PYVENV_LAUNCHER__"); ok {
		fmt.Printf("__PYVENV_LAUNCHER__=%q\n", v)
	} else {
		fmt.Println("__PYVENV_LAUNCHER__ unset")
	}
	if len(args) == 2 && args[0] == "-c" && strings.HasPrefix(args[1], "exit ") {
		code, _ := strconv.Atoi(strings.TrimPrefix(args[1], "exit "))
		os.Exit(code)
	}
}
