// Package redirector is the venv redirector: a small program copied into a
// virtual environment as its python (bin/python, python3, python3.12 on
// Unix; Scripts\python.exe on Windows) that reads pyvenv.cfg and runs the
// base interpreter as the venv's python, the way CPython's
// PC/venvlauncher.c does on Windows — on every platform.
//
// On Linux it execs the base interpreter with its own path as argv[0]:
// CPython (3.8–3.13 tested) then finds pyvenv.cfg from argv[0] and reports
// the venv as sys.prefix and the redirector as sys.executable. On macOS and
// Windows it also sets __PYVENV_LAUNCHER__ to its own path, which those
// builds use for the same purpose.
package redirector

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/pylauncher/py/internal/exitcode"
	"github.com/pylauncher/py/internal/readfile"
	"github.com/pylauncher/py/internal/run"
	"github.com/pylauncher/py/internal/venv"
)

// maxCfg bounds how much of pyvenv.cfg is read (CPython's redirector reads
// 8 KiB; real files are a few hundred bytes).
const maxCfg = 64 << 10

// Error is a failure of the redirector or of its installer.
type Error struct {
	// Code is the exit code that says what failed, from package
	// exitcode: NoVenvCfg, BadVenvCfg, NoPython or CreateProcess.
	Code int
	// Msg says what failed, for people: one line, lower case, paths in
	// double quotes.
	Msg string
}

func (e *Error) Error() string { return e.Msg }

// Target is what the redirector runs.
type Target struct {
	// Cfg is the pyvenv.cfg that was read.
	Cfg string
	// Base is the base interpreter.
	Base string
}

// Find locates pyvenv.cfg beside self or one directory up and the base
// interpreter for a redirector named name (its file name without .exe:
// "python", "python3.12", "python3.13t", "pythonw").
//
// A pyvenv.cfg in either place that is not a regular file (a directory,
// a FIFO, a device) is reported, exit code 107, and never opened for
// reading: not skipped, since CPython (3.11–3.13 checked) reads the one
// up first and, when there is none, the one beside, and blocks on a FIFO.
//
// The base is home/<name> when it exists (so python3.12 runs python3.12,
// pythonw runs pythonw.exe, python3.13t the free-threaded build); then
// virtualenv's base-executable and venv's executable when they are in
// home; then home/python3 and home/python.
func Find(self, name, goos string) (Target, error) {
	dir := filepath.Dir(self)
	cfgPath := ""
	var data []byte
	for _, d := range []string{dir, filepath.Dir(dir)} {
		p := filepath.Join(d, venv.CfgName)
		if cfgPath != "" {
			// Not used, but CPython reads it, and first: refused as the
			// one beside would be (on a FIFO there, CPython blocks).
			if st, err := os.Stat(p); err == nil && !st.Mode().IsRegular() {
				return Target{}, &Error{exitcode.BadVenvCfg, "cannot read " + quote(p) + ": not a regular file (" + kind(st.Mode()) + ")"}
			}
			break
		}
		b, err := readfile.Head(p, maxCfg+1)
		if readfile.IsNotExist(err) {
			continue
		}
		if err != nil {
			return Target{}, &Error{exitcode.BadVenvCfg, "cannot read " + quote(p) + ": " + readfile.Reason(err)}
		}
		cfgPath, data = p, b
	}
	if cfgPath == "" {
		return Target{}, &Error{exitcode.NoVenvCfg, "no " + venv.CfgName + " in " + quote(dir) + " or " + quote(filepath.Dir(dir))}
	}
	cfg, err := venv.ParseCfg(venv.WholeLines(data, maxCfg))
	if err != nil {
		return Target{}, &Error{exitcode.BadVenvCfg, "cannot decode " + quote(cfgPath) + ": " + err.Error()}
	}
	home := cfg.Home
	if home == "" {
		return Target{}, &Error{exitcode.BadVenvCfg, "no home = in " + quote(cfgPath)}
	}
	if !filepath.IsAbs(home) {
		// A relative home is taken from pyvenv.cfg's directory.
		home = filepath.Join(filepath.Dir(cfgPath), home)
	}
	exe := func(n string) string {
		if goos == "windows" && !strings.HasSuffix(strings.ToLower(n), ".exe") {
			n += ".exe"
		}
		return filepath.Join(home, n)
	}
	cands := []string{exe(name)}
	for _, p := range []string{cfg.BaseExecutable, cfg.Executable} {
		if p != "" && filepath.Dir(p) == filepath.Clean(home) {
			cands = append(cands, p)
		}
	}
	if !strings.HasPrefix(name, "pythonw") {
		cands = append(cands, exe("python3"), exe("python"))
	}
	for _, c := range cands {
		if st, err := os.Stat(c); err == nil && st.Mode().IsRegular() {
			return Target{Cfg: cfgPath, Base: c}, nil
		}
	}
	return Target{}, &Error{exitcode.NoPython, "no base interpreter at " + quote(cands[0]) + " (home in " + quote(cfgPath) + ")"}
}

// kind names a file type other than a regular file or a symbolic link,
// as readfile does.
func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "a special file"
}

// quote sets a path apart in a message, for people: "C:\Python\python.exe"
// keeps its single backslashes, unlike %q.
func quote(s string) string { return `"` + s + `"` }

// Name returns the redirector's name as Find wants it: the base name of
// its path, without .exe.
func Name(self string) string {
	n := filepath.Base(self)
	if len(n) > 4 && strings.EqualFold(n[len(n)-4:], ".exe") {
		n = n[:len(n)-4]
	}
	return n
}

// IsInstaller reports whether name (see Name) is the redirector's own
// name, venvlauncher or venvwlauncher: run under it, the redirector
// installs itself into a venv (see Install) instead of running an
// interpreter.
func IsInstaller(name string) bool {
	return strings.HasPrefix(name, "venvlauncher") || strings.HasPrefix(name, "venvwlauncher")
}

// Exec runs t.Base, found by Find, as the venv's python for the
// redirector at self, started with args (its os.Args) and env (its
// environment). The interpreter gets self as argv[0] and then args[1:]
// (on Windows, the redirector's own command line, unchanged), and env
// without __PYVENV_LAUNCHER__, which is set to self on macOS and Windows.
//
// Exec returns the interpreter's exit code, or an *Error (CreateProcess)
// when it cannot start. On Unix it returns only then: the interpreter
// replaces the redirector.
func Exec(t Target, self string, args, env []string) (int, error) {
	argv := []string{self}
	if len(args) > 1 {
		argv = append(argv, args[1:]...)
	}
	env = run.WithoutVar(env, "__PYVENV_LAUNCHER__")
	if runtime.GOOS != "linux" {
		env = append(env, "__PYVENV_LAUNCHER__="+self)
	}
	var code int
	var err error
	if tail, ok := run.RawArgs(0); ok {
		// Windows: the redirector's own command line goes on unchanged.
		code, err = run.ExecTail(t.Base, []string{self}, tail, env)
	} else {
		code, err = run.Exec(t.Base, argv, env)
	}
	if err != nil {
		return 0, &Error{exitcode.CreateProcess, "cannot run " + quote(t.Base) + ": " + reason(err)}
	}
	return code, nil
}

// reason is the cause of a file system error, without the operation and
// paths the message names anyway.
func reason(err error) string {
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err.Error()
	}
	var se *os.SyscallError
	if errors.As(err, &se) {
		return se.Err.Error()
	}
	return readfile.Reason(err)
}
