package installer

import (
	"strings"

	"github.com/pylauncher/py/internal/quote"
)

// command is what py-install was asked to do: a command word, its
// requests and its options. parseArgs makes it; it is pure.
type command struct {
	// name is "install", "uninstall", "list" or "help".
	name string
	// requests are the requests as written (install, uninstall, list
	// --online filters); topic the command help asks about.
	requests []string
	topic    string

	force, upgrade, dryRun, quiet, yes, noBin bool
	online, onlyInstalled                     bool
	// download is the directory of an offline bundle (install
	// --download DIR); source an index (--source); script a script
	// whose PEP 723 block says what to install (--script).
	download, source, script string
	// json is list --format=json.
	json bool
}

// usageError is a command line py-install cannot honour (exit 2).
type usageError struct {
	command string
	reason  string
}

func (e *usageError) Error() string { return e.reason }

// option is one option of a command: its spellings and what it sets.
type option struct {
	names []string
	// flag sets a boolean; value a string (the option takes a value).
	flag  func(*command) *bool
	value func(*command) *string
}

func flag(f func(*command) *bool, names ...string) option { return option{names: names, flag: f} }
func valued(f func(*command) *string, names ...string) option {
	return option{names: names, value: f}
}

// options lists each command's options.
var options = map[string][]option{
	"install": {
		flag(func(c *command) *bool { return &c.force }, "-f", "--force"),
		flag(func(c *command) *bool { return &c.upgrade }, "-u", "--upgrade", "--update"),
		flag(func(c *command) *bool { return &c.dryRun }, "--dry-run"),
		flag(func(c *command) *bool { return &c.quiet }, "-q", "--quiet"),
		flag(func(c *command) *bool { return &c.noBin }, "--no-bin"),
		valued(func(c *command) *string { return &c.source }, "-s", "--source"),
		valued(func(c *command) *string { return &c.download }, "-d", "--download"),
		valued(func(c *command) *string { return &c.script }, "--script"),
	},
	"uninstall": {
		flag(func(c *command) *bool { return &c.yes }, "-y", "--yes"),
		flag(func(c *command) *bool { return &c.dryRun }, "--dry-run"),
		flag(func(c *command) *bool { return &c.quiet }, "-q", "--quiet"),
	},
	"list": {
		flag(func(c *command) *bool { return &c.online }, "--online"),
		flag(func(c *command) *bool { return &c.onlyInstalled }, "--only-installed"),
		valued(func(c *command) *string { return &c.source }, "-s", "--source"),
		// --format is read apart: its values are checked.
	},
	"help": {},
}

// parseArgs reads py-install's arguments (without its own name): the
// command word, then options and requests in any order; "--" ends the
// options.
func parseArgs(args []string) (command, error) {
	if len(args) == 0 {
		return command{}, &usageError{reason: "no command given (install, uninstall, list --online or help)"}
	}
	c := command{name: args[0]}
	opts, ok := options[c.name]
	if !ok {
		return c, &usageError{reason: "unknown command " + quote.String(c.name) + " (install, uninstall, list --online or help)"}
	}
	rest := args[1:]
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		if a == "--" {
			c.requests = append(c.requests, rest[i+1:]...)
			break
		}
		if a == "" || a[0] != '-' || a == "-" {
			c.requests = append(c.requests, a)
			continue
		}
		if a == "-h" || a == "--help" {
			return command{name: "help", topic: c.name}, nil
		}
		if c.name == "list" && strings.HasPrefix(a, "--format") {
			f, err := formatValue(a, rest, &i)
			if err != nil {
				return c, &usageError{c.name, err.Error()}
			}
			c.json = f == "json"
			continue
		}
		name, val, hasVal := strings.Cut(a, "=")
		o, found := lookup(opts, name)
		switch {
		case !found:
			return c, &usageError{c.name, "unknown option " + quote.String(a) + " for py " + c.name}
		case o.flag != nil && hasVal:
			return c, &usageError{c.name, "the option " + quote.String(name) + " takes no value"}
		case o.flag != nil:
			*o.flag(&c) = true
		case !hasVal && i+1 >= len(rest):
			return c, &usageError{c.name, "the option " + quote.String(name) + " needs a value"}
		case !hasVal:
			i++
			val = rest[i]
			fallthrough
		default:
			if val == "" {
				return c, &usageError{c.name, "the option " + quote.String(name) + " needs a value"}
			}
			*o.value(&c) = val
		}
	}
	return c, c.check()
}

// formatValue reads --format=F or --format F.
func formatValue(a string, rest []string, i *int) (string, error) {
	v, ok := strings.CutPrefix(a, "--format=")
	if !ok {
		if a != "--format" || *i+1 >= len(rest) {
			return "", &usageError{reason: "the option \"--format\" needs a value (table or json)"}
		}
		*i++
		v = rest[*i]
	}
	if v != "table" && v != "json" {
		return "", &usageError{reason: "unknown list format " + quote.String(v) + " (use table or json)"}
	}
	return v, nil
}

func lookup(opts []option, name string) (option, bool) {
	for _, o := range opts {
		for _, n := range o.names {
			if n == name {
				return o, true
			}
		}
	}
	return option{}, false
}

// check refuses what cannot go together.
func (c *command) check() error {
	bad := func(reason string) error { return &usageError{c.name, reason} }
	switch c.name {
	case "help":
		if len(c.requests) > 1 {
			return bad("py help takes one command at most")
		}
		if len(c.requests) == 1 {
			c.topic, c.requests = c.requests[0], nil
		}
	case "install":
		switch {
		case c.script != "" && len(c.requests) > 0:
			return bad("give requests or --script, not both")
		case c.download != "" && c.upgrade:
			return bad("--download writes a bundle; it cannot --upgrade")
		case c.download != "" && len(c.requests) == 0:
			return bad("--download needs the requests to put in the bundle")
		}
	case "uninstall":
		if len(c.requests) == 0 {
			return bad("py uninstall needs the Pythons to remove (py uninstall 3.12)")
		}
	case "list":
		if !c.online {
			return bad("py-install lists only what can be downloaded (py list --online); py list does the rest")
		}
	}
	return nil
}
