package launcher

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/pylauncher/py/internal/cli"
	"github.com/pylauncher/py/internal/discover"
	"github.com/pylauncher/py/internal/exitcode"
	"github.com/pylauncher/py/internal/resolve"
	"github.com/pylauncher/py/internal/run"
)

// action is what a launch ends with: output to print, then an exit code
// or a program to run.
type action struct {
	// output goes to standard output first (a listing, --which, help).
	output string
	// program, when set, is run with pre (a shebang's or the registry's
	// arguments), then args (py's arguments for Python), in py's
	// environment plus env; code is the exit code otherwise.
	program   string
	pre, args []string
	env       []string
	// rawPre is text put verbatim before pre on a Windows command line
	// (the registry's ExecutableArguments); rawShebang, when set, is
	// pre as the shebang has them, put there verbatim instead.
	rawPre, rawShebang string
	// runErr, when set, is why program cannot run: the launch fails
	// with it, after a dry run has shown the command.
	runErr error
	// nargs is the number of arguments py got, for Windows' verbatim
	// command-line tail.
	nargs int
	code  int
	// install, when set, is a request to install before deciding again
	// (PYLAUNCHER_ALLOW_INSTALL).
	install string
}

// decide runs the phases after the settings and returns the action.
func (a *app) decide(inv invocation, st settings) action {
	switch inv.Mode {
	case cli.Command:
		return a.command(inv, st)
	case cli.Completion:
		return a.completion(inv, st)
	}
	explicit, err := explicitOf(inv)
	if err != nil {
		return action{code: a.fail(err)}
	}
	cwd := a.workingDir()
	var plan *scriptPlan
	if script := inv.script(); script != "" {
		if plan, err = a.planScript(script, st, cwd); err != nil {
			return action{code: a.fail(err)}
		}
	}
	if plan != nil && plan.explicit != nil {
		explicit = plan.explicit
	}
	reqs := requests{explicit: explicit, script: plan.scriptRequests(), defaults: readDefaults(a.env.Get, st.cfg)}
	a.traceSearchInfo(inv, explicit, plan, reqs)
	if plan != nil && plan.program != "" {
		return a.programAction(inv, plan)
	}

	pf := a.findProject(cwd, st, explicit == nil)
	if explicit == nil {
		if script := inv.script(); script != "" {
			if r := a.scriptMetadata(script); r != nil {
				reqs.script = append(reqs.script, r)
			}
		}
		if err := a.projectRequests(pf, &reqs); err != nil {
			return action{code: a.fail(err)}
		}
	}

	switch inv.Mode {
	case cli.List, cli.ListPaths:
		f := a.discovery(st, cwd, pf, reqs, false)
		return a.list(inv, a.inputs(st, reqs, f, false), st)
	case cli.Which:
		f := a.discovery(st, cwd, pf, reqs, false)
		return a.which(a.inputs(st, reqs, f, true), plan)
	}
	var help string
	if inv.Mode == cli.Help {
		help = a.help(inv.Argv0, st) + pythonHelp
	}
	// A launch looks closer only at interpreters that could be the one
	// asked for; if that fails, it looks again at everything, so that
	// the error says what py says without the shortcut.
	f := a.discovery(st, cwd, pf, reqs, !a.debug)
	ch, err := resolve.Choose(a.inputs(st, reqs, f, false))
	if err != nil && f.opts.Unwanted != nil {
		f = a.discovery(st, cwd, pf, reqs, false)
		ch, err = resolve.Choose(a.inputs(st, reqs, f, false))
	}
	a.report(ch, true)
	if text, ok := a.autoInstallable(err, st); ok {
		return action{install: text}
	}
	if err != nil {
		return action{output: help, code: a.fail(err)}
	}
	if a.debug {
		// An environment has no company or tag, as in CPython's
		// launcher.
		company, tag := ch.Build.Company(), ch.Build.Tag()
		if ch.Venv || ch.Interp.Source < discover.Path {
			company, tag = "", ""
		}
		a.tracef("env.company: %s", orNull(company))
		a.tracef("env.tag: %s", orNull(tag))
	}
	act := action{output: help, program: ch.Interp.Path, args: inv.Args, rawPre: ch.Interp.Args, nargs: inv.Nargs}
	if plan != nil {
		act.pre, act.env, act.rawShebang = plan.args, plan.env, plan.raw
	}
	return act
}

// programAction is the action for a script whose shebang names a
// program: run it, or say so (--which).
func (a *app) programAction(inv invocation, plan *scriptPlan) action {
	if inv.Mode != cli.Which {
		return action{program: plan.program, pre: plan.args, rawShebang: plan.raw, args: inv.Args, env: plan.env, nargs: inv.Nargs, runErr: plan.programErr}
	}
	if plan.programErr != nil {
		return action{output: whichProgram(plan), code: a.fail(plan.programErr)}
	}
	return action{output: whichProgram(plan)}
}

// inputs are resolve's inputs for what the phases found.
func (a *app) inputs(st settings, reqs requests, f found, explain bool) resolve.Inputs {
	return resolve.Inputs{
		Explicit:       reqs.explicit,
		ExplicitInterp: f.explicit,
		Script:         reqs.script,
		Pins:           f.pins,
		PinsFile:       reqs.pinsFile,
		RequiresPython: reqs.requiresPython,
		Defaults:       reqs.defaults,
		Found:          f.Found,
		AllowPre:       st.allowPre,
		Learn:          a.learner(st),
		Explain:        explain || a.debug,
		Debug:          a.debug,
	}
}

// report shows what a choice says on the side: its warnings (unless
// warn is off: a listing shows what is ignored), the trace and the
// reasons (PYLAUNCHER_DEBUG).
func (a *app) report(ch resolve.Choice, warn bool) {
	if warn {
		for _, w := range ch.Warnings {
			a.warn(w)
		}
	}
	for _, t := range ch.Trace {
		a.trace(t)
	}
	if a.debug {
		for _, r := range ch.Reasons {
			a.tracef("# why: %s", r)
		}
	}
}

// perform does what act says, after the caches are saved. On Unix a run
// returns only on failure.
func (a *app) perform(act action) int {
	if act.output != "" {
		a.stdout.Write([]byte(act.output))
	}
	if act.program == "" {
		return act.code
	}
	return a.run(act)
}

// run starts the program with act.pre (arguments from a shebang), then
// act.args, in py's environment plus act.env.
func (a *app) run(act action) int {
	program := act.program
	argv := make([]string, 0, 1+len(act.pre)+len(act.args))
	argv = append(append(append(argv, program), act.pre...), act.args...)
	// bpo-35811: a __PYVENV_LAUNCHER__ left by a venv redirector would
	// pin this unrelated interpreter into that venv (CPython 3.11+
	// honours it on every platform).
	env := run.WithoutVar(a.environ, "__PYVENV_LAUNCHER__")
	for _, kv := range act.env {
		name, _, _ := strings.Cut(kv, "=")
		env = append(run.WithoutVar(env, name), kv)
	}
	// On Windows the rest of py's own command line goes on verbatim.
	tail, windows := run.RawArgs(act.nargs - 1 - len(act.args))
	if windows {
		head := ""
		if act.rawPre != "" {
			head = " " + act.rawPre
		}
		if act.rawShebang != "" {
			head += " " + act.rawShebang
		} else {
			for _, p := range act.pre {
				head += " " + run.QuoteArg(p)
			}
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
	if a.env.Get("PYLAUNCHER_DRYRUN") != "" {
		c := cmd()
		a.tracef("LaunchCommand: %s", c)
		fmt.Fprintln(a.stdout, c)
		return exitcode.OK
	}
	if a.debug {
		a.tracef("# exec %s", cmd())
	}
	if act.runErr != nil {
		return a.fail(act.runErr)
	}
	if !filepath.IsAbs(program) {
		// A registration's relative ExecutablePath (CPython's launcher
		// would search for it, the current directory first): py never
		// runs a program through the current directory.
		return a.fail(&programError{program, errors.New("it is not an absolute path")})
	}
	if windows {
		program = withExeSuffix(program)
	}
	var code int
	var err error
	if windows {
		code, err = run.ExecTail(program, []string{program}, tail, env)
	} else {
		code, err = run.Exec(program, argv, env)
	}
	if err != nil {
		return a.fail(&programError{program, err})
	}
	return code
}

// quoteArgs formats argv as a POSIX shell would need it.
func quoteArgs(argv []string) string {
	var b strings.Builder
	for i, s := range argv {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(shellQuote(s))
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
