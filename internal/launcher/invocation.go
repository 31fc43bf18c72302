package launcher

import (
	"path/filepath"
	"slices"
	"strings"

	"github.com/pylauncher/py/internal/cli"
)

// invocation is how py was started: its own name and its arguments.
type invocation struct {
	cli.Invocation
	// Argv0 is the program name as given; Name its base name, lower
	// case, without ".exe" (only that: the dots of python3.12 are the
	// version's).
	Argv0, Name string
	// Windowed is pyw's mode (pyw, pythonw3.12): the GUI interpreters.
	Windowed bool
	// NameTag is the version in the program's own name: python3.12 (a
	// copy or link of py under that name) means -3.12.
	NameTag string
	// Nargs is the number of arguments py got, argv[0] included; All
	// are they, without argv[0].
	Nargs int
	All   []string
}

// readInvocation reads the command line (args[0] is the program name).
// The program's own name sets its mode, as in CPython's launcher: pyw
// runs the windowed pythonw; python3.12 means -3.12. It is pure.
func readInvocation(args []string) (invocation, error) {
	inv := invocation{Nargs: len(args)}
	if len(args) > 0 {
		inv.Argv0, args = args[0], args[1:]
	}
	inv.All = args
	inv.Name = strings.TrimSuffix(strings.ToLower(filepath.Base(inv.Argv0)), ".exe")
	inv.Windowed = strings.HasPrefix(inv.Name, "pyw")
	if rest, ok := strings.CutPrefix(inv.Name, "pythonw"); ok && strings.HasPrefix(rest, "3") {
		inv.NameTag, inv.Windowed = rest, true
	} else if rest, ok := strings.CutPrefix(inv.Name, "python"); ok && strings.HasPrefix(rest, "3") {
		inv.NameTag = rest
	}
	c, err := cli.Parse(args)
	if strings.HasPrefix(inv.Name, "python") && len(args) > 0 && slices.Contains(cli.Commands, args[0]) {
		// python3.14 install runs the script "install", as Python would.
		c, err = cli.Invocation{Mode: cli.Run, Args: args}, nil
	}
	inv.Invocation = c
	if err != nil {
		return inv, err
	}
	if inv.NameTag != "" && c.Kind == cli.NoRequest && (c.Mode == cli.Run || c.Mode == cli.Help) {
		inv.Kind, inv.Request, inv.RequestArg = cli.TagRequest, inv.NameTag, filepath.Base(inv.Argv0)
	} else {
		inv.NameTag = ""
	}
	return inv, nil
}

// script returns the script py is asked to run, if any: the first
// argument for Python when there is no explicit request and it does not
// start with "-" (so "py -u x.py" reads no shebang, as in CPython's
// launcher).
func (inv invocation) script() string {
	if inv.Mode != cli.Run && inv.Mode != cli.Which || inv.Kind != cli.NoRequest || len(inv.Args) == 0 {
		return ""
	}
	a := inv.Args[0]
	if a == "" || a[0] == '-' {
		return ""
	}
	return a
}
