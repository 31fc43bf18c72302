package installer

import (
	"context"
	"fmt"

	"github.com/pylauncher/py/internal/manual"
	"github.com/pylauncher/py/internal/quote"
	"github.com/pylauncher/py/internal/version"
)

// helps are the commands' usage texts, for py help COMMAND, made from
// manual.Py as py's man page is.
var helps = commandHelps()

func commandHelps() map[string]string {
	m := make(map[string]string, len(manual.Py.Commands))
	for i := range manual.Py.Commands {
		c := &manual.Py.Commands[i]
		m[c.Name] = manual.CommandHelp(&manual.Py, c)
	}
	return m
}

// overview is py-install's own help (py-install help), with its version.
const overview = `py-install %s

usage: py-install COMMAND [ARGUMENT...]

py runs py-install for its commands install, uninstall and list --online
(py install 3.14 runs py-install install 3.14). "py help COMMAND" (or
"py-install help COMMAND") describes each: install, uninstall, list.
`

// help prints the usage of a command, or py-install's own without one;
// a command's ends with py-install's version.
func (a *app) help(topic string) int {
	if topic == "" {
		fmt.Fprintf(a.stdout, overview, version.String())
		return 0
	}
	text, ok := helps[topic]
	if !ok {
		return a.fail(context.Background(), &usageError{reason: "no help for " + quote.String(topic) + " (install, uninstall, list)"})
	}
	fmt.Fprintf(a.stdout, "%s\n(py-install %s)\n", text, version.String())
	return 0
}
