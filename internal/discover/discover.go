// Package discover finds the Python interpreters on this machine without
// running them: on PATH, in pyenv, uv, mise and asdf installs, in Homebrew
// and python.org framework builds on macOS, and the environments named by
// VIRTUAL_ENV, CONDA_PREFIX and the project's .venv.
//
// What an interpreter is, is read from its file name or its install
// directory's name; when neither says, the interpreter is left Unsettled
// for the caller to ask (package probe). Shims (pyenv, asdf, mise) are
// recognised and never listed: the installs they front are found directly.
package discover

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/pylauncher/py/internal/fileid"
	"github.com/pylauncher/py/internal/pyver"
	"github.com/pylauncher/py/internal/quote"
	"github.com/pylauncher/py/internal/trust"
	"github.com/pylauncher/py/internal/venv"
)

// Source says where an interpreter was found.
type Source int

// Sources, in the order they are searched. Between two copies of the same
// version at the same PATH position, the earlier source wins.
const (
	VirtualEnv Source = iota // $VIRTUAL_ENV
	Conda                    // $CONDA_PREFIX
	Project                  // the nearest .venv
	Path                     // a PATH directory
	Pyenv                    // $PYENV_ROOT/versions
	UV                       // uv-managed installs
	Managed                  // installs py install made
	Mise                     // mise installs
	Asdf                     // asdf installs
	Homebrew                 // Homebrew (macOS)
	Framework                // python.org framework builds (macOS)
	System                   // /usr/bin, /usr/local/bin when not on PATH
	Registry                 // the PEP 514 registry (Windows)
	Store                    // Microsoft Store packages (Windows)
	Given                    // named by its path in a request, and found nowhere else
)

var sourceNames = [...]string{"VIRTUAL_ENV", "CONDA_PREFIX", ".venv", "PATH", "pyenv", "uv", "py", "mise", "asdf", "homebrew", "python.org", "system", "registry", "store", "path"}

// Generic marks a shim directory of an unknown tool; it is never an
// interpreter's source.
const Generic Source = -1

// String names the source as listings and traces show it ("PATH",
// "pyenv"); Generic is "version-manager", and a value that is no source
// "source" and its number.
func (s Source) String() string {
	switch {
	case s == Generic:
		return "version-manager"
	case s >= 0 && int(s) < len(sourceNames):
		return sourceNames[s]
	}
	return "source" + strconv.Itoa(int(s))
}

// NotOnPath is the Rank of interpreters that no PATH entry makes visible.
const NotOnPath = 1 << 30

// Interpreter is one interpreter found.
type Interpreter struct {
	// Path is the executable py runs (not resolved through symlinks: a
	// venv's bin/python is a symlink whose path matters).
	Path   string
	Source Source
	// Rank is the index of the PATH entry that makes the interpreter
	// visible (directly, or through a shim directory), or NotOnPath.
	Rank int
	pyver.Build
	// Settled is set when Build comes from the interpreter itself or from
	// an install record; otherwise only the file name spoke, and a
	// pre-release or a different implementation cannot be ruled out.
	Settled bool
	// Venv is set for an interpreter inside a virtual environment, whose
	// directory is then Prefix.
	Venv   bool
	Prefix string
	// ID is the identity of the executable file (after symlinks).
	ID fileid.ID
	// Args are arguments the install asks to put before the user's
	// (the registry's ExecutableArguments), as a raw command-line string.
	Args string
	// Where says more about the source, for listings ("HKCU", "HKLM-32").
	Where string
	// Display is the install's own name for itself (the registry's
	// DisplayName), when it has one.
	Display string
	// Broken, when set, says why the interpreter does not work: what it
	// did when asked what it is (set by the caller that asked).
	Broken string
	// Untrusted, when set, says why the interpreter is never chosen
	// unless named by its path: it is in a directory other users can
	// write (see package trust). It is never asked what it is.
	Untrusted string
}

// Env is an environment named by VIRTUAL_ENV, CONDA_PREFIX or found as the
// project's .venv.
type Env struct {
	Source Source
	Dir    string
	// Interp is the environment's interpreter, nil when there is none.
	Interp *Interpreter
	// Problem says why Interp is nil.
	Problem string
	// Base is set for a conda base environment, which is an install
	// rather than an activated environment.
	Base bool
}

// Found is the result of Find.
type Found struct {
	VirtualEnv *Env
	Conda      *Env
	Project    *Env
	// ProjectSearched is set when the .venv search ran (it can be
	// turned off in py.ini).
	ProjectSearched bool
	// ProjectSkipped says why the .venv search could not run although
	// it is on (the current directory is unknown).
	ProjectSkipped string
	// Installs are the interpreters found in PATH directories and install
	// locations, each file once, in no particular order.
	Installs []*Interpreter
}

// All returns the interpreters of the environments found (those that
// hold one), then the installs.
func (f *Found) All() []*Interpreter {
	var all []*Interpreter
	for _, e := range []*Env{f.VirtualEnv, f.Conda, f.Project} {
		if e != nil && e.Interp != nil {
			all = append(all, e.Interp)
		}
	}
	return append(all, f.Installs...)
}

// Options control Find. Nothing in this package reads the process
// environment; everything comes in here.
type Options struct {
	// GOOS selects the platform's layout rules ("linux", "darwin",
	// "windows"): which fixed places there are, bin or Scripts, .exe
	// names. Only system calls (stat, the registry) depend on the
	// platform the program is built for.
	GOOS string
	// Getenv reads an environment variable.
	Getenv func(string) string
	// Cwd is the absolute current directory, where the .venv search starts.
	Cwd string
	// NoProject turns the .venv search off.
	NoProject bool
	// ProjectLookedUp says the caller has already searched for the
	// project's .venv (in one walk with other project files): ProjectVenv
	// is its directory, or "" when there is none.
	ProjectLookedUp bool
	ProjectVenv     string
	// Self is the path of the running py; it is never an interpreter.
	Self string
	// Trace, if set, receives one line per decision.
	Trace func(string)
	// Listings, if set, remembers directory listings between runs.
	Listings *Listings
	// Now is the time of the run (zero: the clock's), for the listings'
	// racy-timestamp rule.
	Now time.Time
	// Windowed selects the GUI interpreters (pythonw.exe): pyw's mode.
	Windowed bool
	// RegistryKey is the key under HKCU and HKLM holding PEP 514
	// registrations; "" means Software\Python. Tests point it elsewhere.
	RegistryKey string
	// LimitToCompany, when set, limits the registry to that company (any
	// case) and leaves the Store out: CPython's launcher's
	// PYLAUNCHER_LIMIT_TO_COMPANY, a test and debugging aid.
	LimitToCompany string
	// Unwanted, if set, reports builds the caller has no use for: py
	// -3.12 sets it to what cannot be 3.12. An interpreter whose file or
	// install directory names such a build is passed over before it is
	// stat'ed. Listings and traces leave it unset: they show everything.
	Unwanted func(pyver.Build) bool
	// Trust, if set, marks the interpreters in directories other users
	// can write as Untrusted.
	Trust *trust.Checker
	// Root is the directory the fixed places are looked up under: those
	// searched whatever PATH says, /usr/local/bin and /usr/bin, and on
	// macOS /opt/homebrew/bin and /Library/Frameworks/Python{,T}.framework.
	// "" is the file system's root. Tests point it at a directory of
	// their own (with GOOS "darwin", a Linux test runs the macOS
	// layout); a relative Root hides the fixed places. Windows has none.
	Root string
}

// tracef traces a decision. Its arguments are boxed even when nobody
// traces: sites run for every interpreter or directory check tracing()
// first, so that a launch does not pay for them.
func (o *Options) tracef(format string, args ...any) {
	if o.Trace != nil {
		o.Trace(fmt.Sprintf(format, args...))
	}
}

// tracing reports whether decisions are traced.
func (o *Options) tracing() bool { return o.Trace != nil }

// Find looks for interpreters everywhere py knows.
func Find(o Options) *Found {
	f := &Found{}
	s := newScan(&o)
	f.VirtualEnv = s.env(VirtualEnv, o.Getenv("VIRTUAL_ENV"))
	if dir := o.Getenv("CONDA_PREFIX"); dir != "" {
		f.Conda = s.env(Conda, dir)
		if f.Conda != nil && o.Getenv("CONDA_DEFAULT_ENV") == "base" {
			f.Conda.Base = true
		}
	}
	if !o.NoProject && o.Cwd == "" {
		f.ProjectSkipped = "the current directory is unknown"
	}
	if !o.NoProject && o.Cwd != "" {
		f.ProjectSearched = true
		dir := o.ProjectVenv
		if !o.ProjectLookedUp {
			dir = venv.FindProject(o.Cwd)
		}
		if dir != "" {
			f.Project = s.env(Project, dir)
		} else {
			o.tracef("# no .venv with a pyvenv.cfg in %s or its parents", quote.String(o.Cwd))
		}
	}
	s.installs()
	f.Installs = s.found
	return f
}

// exeFile checks that path is an executable regular file and describes
// it (after symlinks); otherwise problem says why not.
func exeFile(path string) (fi fileInfo, problem string) {
	fi, err := statFile(path)
	switch {
	case err != nil:
		if lstatExists(path) {
			return fi, "dangling symlink"
		}
		return fi, "missing"
	case !fi.regular:
		return fi, "not a regular file"
	case !fi.exec:
		return fi, "not executable"
	}
	return fi, ""
}

// join is filepath.Join for a directory that is already clean.
func join(dir, name string) string {
	if strings.HasSuffix(dir, string(filepath.Separator)) {
		return dir + name
	}
	return dir + string(filepath.Separator) + name
}
