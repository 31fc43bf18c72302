package launcher

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/pylauncher/py/internal/version"
)

const usage = `Python launcher %[1]s

usage: %[2]s [launcher-option] [python-option...] [script [argument...]]

Launcher options (only as the first argument; everything else goes to Python):
  -3, -2             the newest Python 3 (2), or the one PY_PYTHON3 (PY_PYTHON2) names
  -3.12              Python 3.12; -3.13t free-threaded; -3.12-32, -3.12-64 by pointer size
  -V:TAG             a PEP 514 tag, else a request: -V:3.12, -V:3.13t, -V:cp312,
                     -V:pypy3.10, -V:">=3.11,<3.13", -V:/path/to/python, -V:mypython3
  -V:COMPANY/TAG     a PEP 514 company and tag: -V:PythonCore/3.12, -V:PyPy/3.9
  -0, --list         list the interpreters found; * marks the one py would run
  -0p, --list-paths  the same with their paths; add --format=json for JSON
  --which [option]   print the interpreter py would run, and why; run nothing
  -h, --help         print this help, then Python's own
  --completion SHELL print a completion script: bash, zsh, fish or powershell

Commands (only as the first argument; a script of that name runs as py ./NAME):
  install REQUEST...    install Pythons: py install 3.14, py install 3.13t pypy3.10
  uninstall REQUEST...  remove Pythons that py install made
  list                  the same as -0; --only-installed, --online, --format=json
  help [COMMAND]        this help, or a command's

Without an option, py runs the first of: the active virtual environment
(VIRTUAL_ENV, then CONDA_PREFIX), the project's .venv (searched upwards from
the current directory), the default named by PY_PYTHON or py.ini, and the
newest stable CPython 3.

Environment: PY_PYTHON, PY_PYTHON3, PY_PYTHON2, PYLAUNCHER_DEBUG,
PYLAUNCHER_DRYRUN, PYLAUNCHER_QUERY_TIMEOUT, PYLAUNCHER_ALLOW_INSTALL
Configuration: %[3]s
`

// pythonHelp introduces the interpreter's own help, which follows py's
// for -h.
const pythonHelp = `
The following help text is from Python:
`

// help returns py's usage (py help prints it alone; with -h the
// interpreter's own help follows, because -h stays among the arguments
// Python gets).
func (a *app) help(argv0 string, st settings) string {
	name := strings.TrimSuffix(filepath.Base(argv0), ".exe")
	if name == "" || name == "." {
		name = "py"
	}
	ini := "py.ini ([defaults], [settings], [install])"
	if len(st.iniPaths) > 0 {
		ini = strings.Join(st.iniPaths, ", then ") + " ([defaults], [settings], [install])"
	}
	return fmt.Sprintf(usage, version.String(), name, ini)
}
