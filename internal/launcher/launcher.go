// Package launcher is py: it reads the command line, the environment and
// py.ini, finds the interpreters, chooses one and runs it. It owns every
// message and exit code; the packages below it return typed errors.
//
// A launch is a pipeline of phases, each a function returning a value:
//
//	invocation  the command line and the program's own name (readInvocation)
//	settings    py.ini, [settings], the trust rules (loadSettings)
//	script      the script's shebang: a program to run, or requests (planScript)
//	requests    explicit, script, project, defaults (gatherRequests)
//	discovery   the interpreters on this machine (discovery)
//	choice      resolve.Choose: pure, from the values above
//	action      what to do: run a program, print a listing (decide), or
//	            install the Python asked for first (PYLAUNCHER_ALLOW_INSTALL)
//
// and one exit: the caches are saved once, then the action is performed
// (on Unix a launch ends in execve).
package launcher

import (
	"github.com/pylauncher/py/internal/output"
	"io"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/pylauncher/py/internal/discover"
	"github.com/pylauncher/py/internal/environ"
	"github.com/pylauncher/py/internal/exitcode"
	"github.com/pylauncher/py/internal/probe"
	"github.com/pylauncher/py/internal/run"
	"github.com/pylauncher/py/internal/version"
)

// defaultQueryTimeout bounds how long an interpreter may take to say what
// it is; PYLAUNCHER_QUERY_TIMEOUT (a Go duration, "2s") changes it.
const defaultQueryTimeout = 5 * time.Second

// testOnlyRoot is where discovery looks up the fixed places (/usr/bin,
// Homebrew…): end-to-end tests give an empty directory, so that they see
// only the interpreters they made.
var testOnlyRoot string

// TestOnlyRoot is called by py's end-to-end tests, never by py.
func TestOnlyRoot(dir string) { testOnlyRoot = dir }

// testOnlyRegistryKey replaces Software\Python for the Windows tests,
// which write their own registrations.
var testOnlyRegistryKey string

// TestOnlyRegistryKey is called by py's end-to-end tests, never by py.
func TestOnlyRegistryKey(key string) { testOnlyRegistryKey = key }

// Env is the process environment as a value: see environ.Env.
type Env = environ.Env

// NewEnv wraps an environment list ("KEY=value"). Names are compared
// case-insensitively on Windows.
func NewEnv(list []string) *Env { return environ.New(list) }

// Main runs py with args (args[0] is the program name) and the
// environment env, and returns the exit code. On Unix, a successful
// launch never returns: py becomes the interpreter.
func Main(args []string, env []string, stdout, stderr io.Writer) (code int) {
	growStack()
	u := &ui{prog: "py", stderr: stderr}
	defer func() {
		if r := recover(); r != nil {
			u.errorf("internal error: %v", r)
			u.hintf("please report this, with the output of PYLAUNCHER_DEBUG=1")
			code = exitcode.Internal
		}
	}()
	e := NewEnv(env)
	u.debug = e.Get("PYLAUNCHER_DEBUG") != ""
	out := output.New(stdout)
	a := &app{ui: u, env: e, environ: env, stdout: out}
	inv, err := readInvocation(args)
	if err == nil {
		a.windowed = inv.Windowed
	}
	code = a.launch(inv, err)
	if err := out.Err(); err != nil {
		u.errorf("cannot write the output: %v", err)
		code = exitcode.Output
	}
	// pyw has no console: its errors go to a message box too, as with
	// CPython's launcher (PYLAUNCHER_NO_MESSAGEBOX turns it off, for
	// automation).
	if a.windowed && len(u.shown) > 0 && e.Get("PYLAUNCHER_NO_MESSAGEBOX") == "" {
		messageBox("Python Launcher is sorry to say ...", strings.Join(u.shown, "\n"))
	}
	return code
}

// growStack grows the goroutine's stack to what a launch needs, at once.
// Goroutines start with a few KiB of stack, and the runtime doubles it on
// demand by copying it, which walks every frame's metadata: deep in py's
// decision that walk is long, and most of that metadata is not yet paged
// in. Growing here, where the stack is three frames deep, costs less
// (measured in bench/README.md).
//
//go:noinline
func growStack() byte {
	var pad [6 << 10]byte
	return lastByte(pad[:])
}

//go:noinline
func lastByte(b []byte) byte { return b[len(b)-1] }

// app is what every phase may use: the process's inputs and outputs and
// the caches, which are saved once, at the one exit.
type app struct {
	*ui
	env     *Env
	environ []string
	stdout  io.Writer
	// windowed is pyw's mode: the GUI interpreters, message boxes.
	windowed bool
	// The caches: loaded when first needed, saved by saveCaches.
	cache    *probe.Cache
	listings *discover.Listings
}

// launch runs the phases and performs the action they decide.
func (a *app) launch(inv invocation, invErr error) int {
	if a.debug {
		// argv[0] as the command line has it (on Windows, its own
		// text: a Go program may be given another os.Args[0]).
		argv0 := inv.Argv0
		if line, ok := run.CommandLine(); ok {
			argv0 = run.Argv0(line)
		}
		a.tracef("argv0: %s", argv0)
		a.tracef("version: %s", version.String())
	}
	if invErr != nil {
		return a.fail(invErr)
	}
	self, _ := os.Executable()
	st := a.loadSettings(self)
	if dir := probe.Dir(runtime.GOOS, a.env.Get); dir != "" {
		a.listings = discover.OpenListings(dir + string(os.PathSeparator) + discover.ListingsFile)
	}
	act := a.decide(inv, st)
	if act.install != "" {
		if code := a.installFirst(act.install, st); code != exitcode.OK {
			a.saveCaches()
			return code
		}
		st.autoInstall = false
		act = a.decide(inv, st)
	}
	a.saveCaches()
	return a.perform(act)
}

// saveCaches writes what this run learned, before py becomes Python: the
// one place the caches are saved.
func (a *app) saveCaches() {
	if a.cache != nil {
		if err := a.cache.Save(); err != nil {
			a.tracef("# cannot save the interpreter cache: %v", err)
		}
	}
	if err := a.listings.Save(); err != nil {
		a.tracef("# cannot save the directory listings: %v", err)
	}
}

func orNull(s string) string {
	if s == "" {
		return "(null)"
	}
	return s
}

func (a *app) traceFunc() func(string) {
	if !a.debug {
		return nil
	}
	return a.trace
}
