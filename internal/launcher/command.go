package launcher

import (
	"errors"
	"os/exec"
	"path/filepath"
	"runtime"

	"github.com/pylauncher/py/internal/discover"
	"github.com/pylauncher/py/internal/exitcode"
	"github.com/pylauncher/py/internal/quote"
	"github.com/pylauncher/py/internal/resolve"
	"github.com/pylauncher/py/internal/run"
	"github.com/pylauncher/py/internal/store"
)

// installerName is the program that runs py's commands (install,
// uninstall, list --online, help COMMAND): a program of its own, so that
// nothing of the installer (HTTP, TLS, archives) is linked into py or
// starts with a launch.
const installerName = "py-install"

// installerError is a command when py-install cannot be found.
type installerError struct {
	beside string
}

func (e *installerError) Error() string {
	where := "beside py"
	if e.beside != "" {
		where += " (in " + quote.String(e.beside) + ")"
	}
	return "py's commands need the program " + installerName + ", which is neither " + where + " nor on PATH"
}

// command returns the action for a command word: py help alone prints
// py's help; the others run py-install with the word and the arguments
// after it, and py's own path in store.LauncherVar.
func (a *app) command(inv invocation, st settings) action {
	if inv.Command == "help" && len(inv.Args) == 0 {
		return action{output: a.help(inv.Argv0, st)}
	}
	prog, err := a.installer(st)
	if err != nil {
		return action{code: a.fail(err)}
	}
	a.tracef("# %s: running %s", inv.Command, quote.String(prog))
	return action{
		program: prog,
		pre:     []string{inv.Command},
		args:    inv.Args,
		env:     []string{store.LauncherVar + "=" + st.self},
		nargs:   inv.Nargs,
	}
}

// installer finds py-install: beside py's own executable, then on PATH
// (absolute entries only, as for every program py runs).
func (a *app) installer(st settings) (string, error) {
	name := installerName
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	beside := ""
	if st.self != "" {
		beside = filepath.Dir(st.self)
		p := filepath.Join(beside, name)
		if discover.IsProgram(p) {
			return p, nil
		}
	}
	opts := a.discoverOptions(st, "")
	if p, _, _ := discover.LookPath(installerName, opts); p != "" {
		return p, nil
	}
	return "", &installerError{beside: beside}
}

// autoInstallable returns what to install when a launch found no Python
// for its request and installing is allowed (PYLAUNCHER_ALLOW_INSTALL,
// or [install] auto in py.ini): the request, when a download could
// satisfy it.
func (a *app) autoInstallable(err error, st settings) (string, bool) {
	var nm *resolve.NoMatchError
	np := new(resolve.NoPythonError)
	switch {
	case !st.autoInstall:
		return "", false
	case errors.As(err, &nm):
		return installable(nm.Request)
	case errors.As(err, np):
		return installable(np.Request)
	}
	return "", false
}

// installFirst runs py install for a launch, never silently: it says
// what it installs and why, and returns py-install's exit code.
func (a *app) installFirst(text string, st settings) int {
	why := "PYLAUNCHER_ALLOW_INSTALL is set"
	if a.env.Get("PYLAUNCHER_ALLOW_INSTALL") == "" {
		why = "[install] auto is true in py.ini"
	}
	a.warnf("no installed Python matches %s: installing it first, as %s", quote.String(text), why)
	prog, err := a.installer(st)
	if err != nil {
		return a.fail(err)
	}
	cmd := exec.Command(prog, "install", text)
	cmd.Env = append(run.WithoutVar(a.environ, store.LauncherVar), store.LauncherVar+"="+st.self)
	cmd.Stdout, cmd.Stderr = a.stderr, a.stderr
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) && ee.ExitCode() > 0 {
			return ee.ExitCode()
		}
		a.errorf("cannot run %s: %v", quote.String(prog), err)
		return exitcode.CreateProcess
	}
	return exitcode.OK
}
