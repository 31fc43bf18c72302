package launcher

import (
	"path/filepath"
	"strings"

	"github.com/pylauncher/py/internal/manual"
	"github.com/pylauncher/py/internal/version"
)

// pythonHelp introduces the interpreter's own help, which follows py's
// for -h.
const pythonHelp = `
The following help text is from Python:
`

// help returns py's usage, made from manual.Py as the man page is (py
// help prints it alone; with -h the interpreter's own help follows,
// because -h stays among the arguments Python gets).
func (a *app) help(argv0 string, st settings) string {
	name := strings.TrimSuffix(filepath.Base(argv0), ".exe")
	if name == "" || name == "." {
		name = "py"
	}
	ini := "py.ini ([defaults], [settings], [install])"
	if len(st.iniPaths) > 0 {
		ini = strings.Join(st.iniPaths, ", then ") + " ([defaults], [settings], [install])"
	}
	return manual.Help(&manual.Py, name, version.String(), ini)
}
