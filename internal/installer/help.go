package installer

import (
	"context"
	"fmt"

	"github.com/pylauncher/py/internal/quote"
	"github.com/pylauncher/py/internal/version"
)

// helps are the commands' usage texts, for py help COMMAND.
var helps = map[string]string{
	"install": `usage: py install [options] [REQUEST...]

Installs, for each request, the best download for this machine from the
index: 3.14, 3.13t (free-threaded), cpython@3.12.8, ">=3.12", pypy3.10.
Without a request: what the project asks for (its .python-version lines,
else its requires-python), or with --script FILE what the script's PEP 723
block asks for.

Options:
  -f, --force          install again what is installed already
  -u, --upgrade        move each installed minor version (or those the
                       requests name) to its newest patch release
  -s, --source INDEX   read this index (a URL, a file, or a directory
                       holding index.json) instead of the default
  -d, --download DIR   write the archives and an index.json into DIR, for
                       machines without network (py install --source DIR)
  --script FILE        install what FILE's PEP 723 block asks for
  --no-bin             make no python3.X command on PATH
  --dry-run            print what would be downloaded and where it would go
  -q, --quiet          print only warnings and errors

Settings (the variable first, then py.ini's [install] section):
  PY_INSTALL_SOURCE, source   the index (default: uv's download-metadata.json)
  PY_INSTALL_MIRROR, mirror   replaces python-build-standalone's download URL
  PY_INSTALL_BIN, bin         where python3.X commands go ("none": nowhere)
`,
	"uninstall": `usage: py uninstall [-y] [--dry-run] [-q] REQUEST...

Removes the Pythons py install made that the requests match (3.14 removes
every 3.14 of py's; a key such as cpython-3.14.6-linux-x86_64-gnu removes
that one), with their python3.X commands and registrations. Pythons py did
not install are never touched. It asks first, unless -y.
`,
	"help": `usage: py help [COMMAND]

Prints py's help, or a command's: install, uninstall, list.
`,
	"list": `usage: py list [--only-installed] [--online [REQUEST...]] [--format=table|json]

py list is py --list: the Pythons py can run. --only-installed keeps those
py install made; --online lists the downloads for this machine instead,
newest first, marking those installed (requests filter them).
`,
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
