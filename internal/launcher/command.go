package launcher

import (
	"path/filepath"
	"runtime"

	"github.com/pylauncher/py/internal/discover"
	"github.com/pylauncher/py/internal/quote"
	"github.com/pylauncher/py/internal/store"
)

// installerName is the program that runs py's commands (install,
// uninstall, list --online, help COMMAND): a program of its own, so that
// nothing of the installer (HTTP, TLS, archives) is linked into py or
// starts with a launch.
const installerName = "py-install"

// modulePath is py's Go module, for the hint that installs py-install.
const modulePath = "github.com/pylauncher/py"

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
