// Package launcher is py: it reads the command line, the environment and
// py.ini, finds the interpreters, chooses one and runs it. It owns every
// message and exit code; the packages below it return typed errors.
package launcher

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/pylauncher/py/internal/cli"
	"github.com/pylauncher/py/internal/config"
	"github.com/pylauncher/py/internal/discover"
	"github.com/pylauncher/py/internal/environ"
	"github.com/pylauncher/py/internal/probe"
	"github.com/pylauncher/py/internal/pyver"
	"github.com/pylauncher/py/internal/readfile"
	"github.com/pylauncher/py/internal/resolve"
	"github.com/pylauncher/py/internal/run"
	"github.com/pylauncher/py/internal/trust"
)

// Version is py's version; set with -ldflags "-X …launcher.Version=v1.2.3".
var Version = ""

func version() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

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
			code = ExitInternal
		}
	}()
	e := NewEnv(env)
	u.debug = e.Get("PYLAUNCHER_DEBUG") != ""
	out := &outWriter{w: stdout}
	l := &launch{ui: u, env: e, environ: env, stdout: out}
	code = l.main(args)
	if out.err != nil {
		u.errorf("cannot write the output: %v", out.err)
		code = ExitOutput
	}
	// pyw has no console: its errors go to a message box too, as with
	// CPython's launcher (PYLAUNCHER_NO_MESSAGEBOX turns it off, for
	// automation).
	if l.windowed && len(u.shown) > 0 && e.Get("PYLAUNCHER_NO_MESSAGEBOX") == "" {
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

type launch struct {
	*ui
	env      *Env
	environ  []string
	stdout   io.Writer
	cfg      *config.Config
	iniPaths []string
	cache    *probe.Cache
	listings *discover.Listings
	// trust decides what others could have planted (package trust).
	trust *trust.Checker
	// noProject turns the .venv search off ([settings] project_venv).
	noProject bool
	// nargs is the number of arguments py got, argv[0] included.
	nargs int
	// rawPre is text put verbatim before pre on a Windows command line.
	rawPre  string
	timeout time.Duration
	// windowed is pyw's mode: the GUI interpreters (pythonw.exe).
	windowed bool
	// The project files found by walkProject.
	walked                                    bool
	projectVenv, pythonVersionFile, pyproject string
}

func (l *launch) main(args []string) int {
	l.nargs = len(args)
	argv0 := ""
	if len(args) > 0 {
		argv0 = args[0]
		args = args[1:]
	}
	if l.debug {
		l.tracef("argv0: %s", argv0)
		l.tracef("version: %s", version())
	}

	// The program's own name sets its mode, as in CPython's launcher:
	// pyw runs the windowed pythonw; python3.12 (a copy or link of py
	// under that name) means -3.12.
	name := strings.ToLower(strings.TrimSuffix(filepath.Base(argv0), filepath.Ext(argv0)))
	l.windowed = strings.HasPrefix(name, "pyw")
	nameTag := ""
	if rest, ok := strings.CutPrefix(name, "pythonw"); ok && strings.HasPrefix(rest, "3") {
		nameTag, l.windowed = rest, true
	} else if rest, ok := strings.CutPrefix(name, "python"); ok && strings.HasPrefix(rest, "3") {
		nameTag = rest
	}

	inv, err := cli.Parse(args)
	if err == nil && nameTag != "" && inv.Kind == cli.NoRequest && (inv.Mode == cli.Run || inv.Mode == cli.Help) {
		inv.Kind, inv.Request, inv.RequestArg = cli.TagRequest, nameTag, filepath.Base(argv0)
	}
	if err != nil {
		var ue *cli.UsageError
		if errors.As(err, &ue) {
			l.errorf("%s", ue.Reason)
			l.hintf("run %q for usage", "py --help")
			return ExitUsage
		}
		l.errorf("%v", err)
		return ExitUsage
	}

	self, _ := os.Executable()
	l.loadConfig(self)
	l.trust = l.trustChecker()
	allowPre := l.setting("allow_prereleases", false)
	noProject := !l.setting("project_venv", true)
	l.timeout = defaultQueryTimeout
	if t := l.env.Get("PYLAUNCHER_QUERY_TIMEOUT"); t != "" {
		if d, err := time.ParseDuration(t); err == nil && d > 0 {
			l.timeout = d
		} else {
			l.warnf("PYLAUNCHER_QUERY_TIMEOUT=%q is not a duration such as \"2s\"; using %s", t, defaultQueryTimeout)
		}
	}

	var explicit *resolve.Request
	if inv.Kind != cli.NoRequest {
		origin := "the command line " + strconv.Quote(inv.RequestArg)
		if nameTag != "" && inv.RequestArg == filepath.Base(argv0) {
			origin = "the launcher's name " + strconv.Quote(inv.RequestArg)
		}
		kind := "tag"
		if inv.Kind == cli.SelectorRequest {
			kind = "selector"
		}
		ext, perr := parseExplicit(kind, inv.Request)
		if ext == nil && perr == nil {
			var r pyver.Request
			r, perr = parseRequest(inv)
			ext = &resolve.Request{Request: r}
		}
		if perr != nil {
			l.errorf("%v (from the command line %q)", perr, inv.RequestArg)
			l.hintf("run %q to see the installed versions", "py --list")
			return ExitNoMatch
		}
		ext.Origin = origin
		explicit = ext
	}
	if l.debug {
		l.tracef("SearchInfo.request: %s", orNull(inv.Request))
	}

	cwd := l.workingDir()
	l.noProject = noProject
	cacheDir := probe.Dir(runtime.GOOS, l.env.Get)
	if cacheDir != "" {
		l.listings = discover.OpenListings(filepath.Join(cacheDir, discover.ListingsFile))
	}

	// A script's shebang (only without an explicit request).
	var plan *scriptPlan
	if inv.Mode == cli.Run || inv.Mode == cli.Which {
		if script := scriptOf(inv); script != "" {
			var err error
			if plan, err = l.planScript(script, self, cwd); err != nil {
				l.saveCache()
				return l.fail(err)
			}
		}
	}
	if plan != nil && plan.explicit != nil {
		explicit = plan.explicit
	}
	if plan != nil && plan.program != "" {
		l.saveCache()
		if inv.Mode == cli.Which {
			return l.whichProgram(plan)
		}
		return l.run(plan.program, plan.args, inv.Args, plan.env)
	}

	// One walk up from the current directory finds the project's .venv
	// and, when no version was asked for, its .python-version and
	// pyproject.toml.
	l.walkProject(cwd, explicit == nil)
	opts := l.discoverOptions(self, cwd)
	opts.ProjectLookedUp, opts.ProjectVenv = l.walked, l.projectVenv
	if e := explicit; e != nil && e.Path == "" && !e.Chains() && inv.Mode == cli.Run && !l.debug {
		// A launch for a given version need not look closer at
		// interpreters whose names say they are another one.
		opts.Unwanted = func(b pyver.Build) bool { return e.Match(b) == pyver.No }
	}
	found := discover.Find(opts)

	in := resolve.Inputs{
		Explicit: explicit,
		Script:   plan.scriptRequests(),
		Found:    found,
		Getenv:   l.env.Get,
		Config:   l.cfg,
		AllowPre: allowPre,
		Details:  l.details,
		Warn:     l.warn,
		Trace:    l.traceFunc(),
		Explain:  inv.Mode == cli.Which || l.debug,
	}

	if explicit == nil {
		if script := scriptOf(inv); script != "" && (inv.Mode == cli.Run || inv.Mode == cli.Which) {
			if r := l.scriptMetadata(script); r != nil {
				in.Script = append(in.Script, r)
			}
		}
		if err := l.projectRequests(cwd, &in); err != nil {
			l.saveCache()
			return l.fail(err)
		}
	}

	switch inv.Mode {
	case cli.List, cli.ListPaths:
		return l.list(inv, in)
	case cli.Which:
		return l.which(in, plan)
	case cli.Help:
		l.help(argv0)
	}

	ch, err := resolve.Choose(in)
	if err != nil && opts.Unwanted != nil {
		// The shortcut passed over interpreters unseen: errors are
		// worked out from everything, so that they say what py
		// without the shortcut says.
		opts.Unwanted = nil
		in.Found = discover.Find(opts)
		ch, err = resolve.Choose(in)
	}
	l.saveCache()
	for _, r := range ch.Reasons {
		l.tracef("# why: %s", r)
	}
	if err != nil {
		return l.fail(err)
	}
	if l.debug {
		l.tracef("env.company: %s", ch.Interp.Company())
		l.tracef("env.tag: %s", ch.Interp.Tag())
	}
	if plan != nil {
		return l.runInterp(ch.Interp, plan.args, inv.Args, plan.env)
	}
	return l.runInterp(ch.Interp, nil, inv.Args, nil)
}

// runInterp runs an interpreter; on Windows its registered arguments
// (ExecutableArguments) come first, verbatim, as CPython's launcher puts
// them.
func (l *launch) runInterp(in *discover.Interpreter, pre, args, extraEnv []string) int {
	l.rawPre = in.Args
	return l.run(in.Path, pre, args, extraEnv)
}

// discoverOptions are the options of every search for interpreters.
func (l *launch) discoverOptions(self, cwd string) discover.Options {
	return discover.Options{
		GOOS:      runtime.GOOS,
		Getenv:    l.env.Get,
		Cwd:       cwd,
		NoProject: l.noProject,
		Self:      self,
		Trace:     l.traceFunc(),
		Listings:  l.listings,

		Trust:       l.trust,
		Windowed:    l.windowed,
		Root:        testOnlyRoot,
		RegistryKey: testOnlyRegistryKey,
	}
}

func orNull(s string) string {
	if s == "" {
		return "(null)"
	}
	return s
}

func (l *launch) traceFunc() func(string) {
	if !l.debug {
		return nil
	}
	return l.trace
}

// fail reports an error from resolve and returns its exit code.
func (l *launch) fail(err error) int {
	var nm *resolve.NoMatchError
	var br *resolve.BadRequestError
	var se *shebangError
	var pe *projectError
	var ce *commandError
	switch {
	case errors.As(err, &se):
		l.errorf("%v", err)
		return ExitBadShebang
	case errors.As(err, &ce):
		l.errorf("%v", err)
		return ExitCannotStart
	case errors.As(err, &pe):
		l.errorf("%v", err)
		l.hintf("fix the file, or run py with an explicit version (py -3.12)")
		return ExitNoMatch
	case errors.As(err, &nm):
		l.errorf("%v", err)
		for _, u := range nm.Untrusted {
			l.hintf("%s might, but %s: py runs it only when named by its path (py -V:%s)", quote(u.Path), u.Untrusted, u.Path)
		}
		l.hintf("run %q to see the installed versions", "py --list")
		return ExitNoMatch
	case errors.As(err, &br):
		l.errorf("%v", err)
		l.hintf("a version looks like 3, 3.12, 3.12-32 or 3.13t; a PEP 514 selector like PythonCore/3.12")
		return ExitNoMatch
	case errors.As(err, new(resolve.NoPythonError)):
		l.errorf("no Python installation was found")
		l.hintf("install Python (python.org, your package manager, pyenv or uv), or put one on PATH")
		return ExitNoPython
	}
	l.errorf("%v", err)
	return ExitInternal
}

// loadConfig reads py.ini and warns about lines it ignores.
func (l *launch) loadConfig(self string) {
	exeDir := ""
	if self != "" {
		exeDir = filepath.Dir(self)
	}
	paths := config.Paths(runtime.GOOS, l.env.Get, exeDir)
	l.iniPaths = paths
	l.cfg = config.Load(paths)
	if l.debug {
		for _, p := range paths {
			l.tracef("# py.ini: %q", p)
		}
	}
	for _, s := range l.cfg.Sources {
		if s.Err != nil {
			l.warnf("ignoring %s: %s", quote(s.Path), readfile.Reason(s.Err))
			continue
		}
		if pr := s.INI.Problems; len(pr) > 0 {
			l.warnLines(s.Path, len(pr), pr[0].Line, pr[0].Reason)
		}
	}
}

// warnLines reports the n lines of a file that are ignored in one
// warning, naming the first: a file of garbage gives one line, not one
// per line of garbage.
func (l *launch) warnLines(path string, n, first int, reason string) {
	if n == 1 {
		l.warnf("ignoring line %d of %s: %s", first, quote(path), reason)
		return
	}
	l.warnf("ignoring %d lines of %s; the first, line %d: %s", n, quote(path), first, reason)
}

// trustChecker reads [settings] trusted_dirs: the directories whose
// project files, environments and programs py uses whoever owns them.
func (l *launch) trustChecker() *trust.Checker {
	var dirs []string
	if v, ok := l.cfg.Lookup("settings", "trusted_dirs"); ok {
		var bad []string
		dirs, bad = trust.ParseDirs(v.Value)
		for _, b := range bad {
			l.warnf("%s: %q is not an absolute path; ignored", v.Origin(), b)
		}
	}
	return trust.New(trust.Me(), dirs)
}

// workingDir returns the current directory, where the search for the
// project's files starts, or "" (with one warning) when it cannot be
// known: deleted, or a path longer than the system accepts.
func (l *launch) workingDir() string {
	cwd, err := os.Getwd()
	if err == nil && len(cwd) >= 1024 {
		// Go finds long paths, but the system refuses them.
		if _, serr := os.Stat(cwd); serr != nil {
			err = serr
		}
	}
	if err != nil {
		if u := errors.Unwrap(err); u != nil {
			err = u // "no such file or directory", not "getwd: …" or "stat …: …"
		}
		l.warnf("cannot tell the current directory (%v): the project's files and .venv were not searched", err)
		return ""
	}
	return cwd
}

// setting reads a boolean from py.ini's [settings] section.
func (l *launch) setting(key string, def bool) bool {
	v, ok := l.cfg.Lookup("settings", key)
	if !ok {
		return def
	}
	b, ok := config.ParseBool(v.Value)
	if !ok {
		l.warnf("%s is %q, not true or false; using %v", v.Origin(), v.Value, def)
		return def
	}
	return b
}

// details fills in an interpreter's description from the cache, or, if
// query is set, by asking it (sharing the work with other py processes:
// probe.Cache.Ask). It reports false, and says why in in.Broken, when
// the interpreter does not work.
func (l *launch) details(in *discover.Interpreter, query bool) bool {
	if l.cache == nil {
		l.cache = probe.OpenCache(probe.Dir(runtime.GOOS, l.env.Get))
		l.tracef("# interpreter cache: %s", l.cache)
	}
	e, ok := l.cache.Get(in.Path, in.ID)
	if ok && e.Info == nil {
		l.tracef("# %q does not work (remembered: %s)", in.Path, e.Error)
	}
	if !ok {
		if !query {
			return true
		}
		l.tracef("# asking %q what it is", in.Path)
		var err error
		e, err = l.cache.Ask(in.Path, in.ID, l.timeout+2*time.Second, func() (probe.Info, error) {
			return probe.Query(in.Path, l.environ, l.timeout)
		})
		if err != nil {
			// A failure of the moment: skipped this time, not remembered.
			reason := err.Error()
			var qe *probe.QueryError
			if errors.As(err, &qe) {
				reason = qe.Err.Error()
			}
			in.Broken = reason + " (this time)"
			if errors.Is(err, probe.ErrTimeout) {
				l.warnf("%q did not say what it is within %s; skipping it", in.Path, l.timeout)
			} else {
				l.warnf("%q did not say what it is (%s); skipping it this time", in.Path, reason)
			}
			return false
		}
		if e.Info == nil {
			l.tracef("# %q does not work: %s", in.Path, e.Error)
		}
	}
	if e.Info == nil {
		in.Broken = e.Error
		return false
	}
	return l.apply(in, *e.Info)
}

func (l *launch) apply(in *discover.Interpreter, info probe.Info) bool {
	b, err := info.Build()
	if err != nil {
		in.Broken = err.Error()
		return false
	}
	in.Build, in.Settled = b, true
	if info.Venv() && !in.Venv {
		in.Venv, in.Prefix = true, info.Prefix
	}
	return true
}

// saveCache writes what this run learned, before py becomes Python.
func (l *launch) saveCache() {
	if l.cache != nil {
		if err := l.cache.Save(); err != nil {
			l.tracef("# cannot save the interpreter cache: %v", err)
		}
	}
	if err := l.listings.Save(); err != nil {
		l.tracef("# cannot save the directory listings: %v", err)
	}
}

// run starts program with pre (arguments from a shebang), then args, in
// py's environment plus extraEnv. On Unix it returns only on failure.
func (l *launch) run(program string, pre, args, extraEnv []string) int {
	argv := make([]string, 0, 1+len(pre)+len(args))
	argv = append(append(append(argv, program), pre...), args...)
	// bpo-35811: a __PYVENV_LAUNCHER__ left by a venv redirector would
	// pin this unrelated interpreter into that venv (CPython 3.11+
	// honours it on every platform).
	env := run.WithoutVar(l.environ, "__PYVENV_LAUNCHER__")
	for _, kv := range extraEnv {
		name, _, _ := strings.Cut(kv, "=")
		env = append(run.WithoutVar(env, name), kv)
	}
	// On Windows the rest of py's own command line goes on verbatim.
	tail, windows := run.RawArgs(l.nargs - 1 - len(args))
	if windows {
		head := ""
		if l.rawPre != "" {
			head = " " + l.rawPre
		}
		for _, p := range pre {
			head += " " + run.QuoteArg(p)
		}
		tail = head + tail
	}
	// The command as text, for the dry run and the trace only.
	cmd := func() string {
		if windows {
			return run.QuoteArg(program) + tail
		}
		return quoteArgs(argv)
	}
	if l.env.Get("PYLAUNCHER_DRYRUN") != "" {
		c := cmd()
		l.tracef("LaunchCommand: %s", c)
		fmt.Fprintln(l.stdout, c)
		return ExitOK
	}
	if l.debug {
		l.tracef("# exec %s", cmd())
	}
	var code int
	var err error
	if windows {
		code, err = run.ExecTail(program, []string{program}, tail, env)
	} else {
		code, err = run.Exec(program, argv, env)
	}
	if err != nil {
		l.errorf("cannot run %q: %v", program, err)
		return ExitCannotStart
	}
	return code
}

// quoteArgs formats argv as a POSIX shell would need it.
func quoteArgs(argv []string) string {
	var b strings.Builder
	for i, a := range argv {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(shellQuote(a))
	}
	return b.String()
}

func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./=:,+@%", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
