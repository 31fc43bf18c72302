// Package cli decides which of py's arguments belong to the launcher.
//
// As in CPython's launcher, only the first argument can be a launcher
// option; everything else belongs to Python and passes through untouched,
// in order, byte for byte. Parse is pure: it never prints or exits.
package cli

import (
	"slices"
	"strconv"
	"strings"
)

// Mode is what py was asked to do.
type Mode int

const (
	// Run chooses an interpreter and runs it with Args.
	Run Mode = iota
	// Help prints py's help, then runs the chosen Python with Args (which
	// still hold -h or --help, so Python prints its own help too).
	Help
	// List prints the interpreters found (-0, --list).
	List
	// ListPaths prints them with their paths (-0p, --list-paths).
	ListPaths
	// Which prints the interpreter that would run, and why (--which).
	Which
	// Command is one of the installer's commands (py install,
	// uninstall, help, list --online), run by the py-install program:
	// Command names it, Args are its arguments.
	Command
	// Completion prints a shell's completion script (--completion
	// SHELL), or the tags -V: takes (--completion tags, which the
	// scripts run): Shell names which.
	Completion
)

// Shells are the shells --completion writes a script for.
var Shells = []string{"bash", "zsh", "fish", "powershell"}

// Tags is --completion's hidden word that lists the tags -V: takes, one
// a line, for the completion scripts.
const Tags = "tags"

// Commands are the words that are commands as py's first argument, as
// in pymanager (PEP 773): py install 3.14. A script of that name runs as
// py ./install.
var Commands = []string{"install", "uninstall", "list", "help"}

// RequestKind says how a request was written.
type RequestKind int

const (
	NoRequest RequestKind = iota
	// TagRequest is an old-style tag: -3, -3.12, -3.12-32, -3.13t.
	TagRequest
	// SelectorRequest is -V:[COMPANY/]TAG or --version:[COMPANY/]TAG.
	SelectorRequest
)

// Format is the output format of a listing.
type Format int

const (
	Table Format = iota
	JSON
)

// Invocation is the result of Parse.
type Invocation struct {
	Mode Mode
	// Kind and Request are the interpreter request, if one was given
	// (Request is the text after "-", "-V:" or "--version:").
	Kind    RequestKind
	Request string
	// RequestArg is the argument the request came from ("-3.12").
	RequestArg string
	// Format is the listing format (--list --format=json).
	Format Format
	// OnlyInstalled lists only the Pythons py install made (py list
	// --only-installed).
	OnlyInstalled bool
	// Command is the command word of Mode Command.
	Command string
	// Shell is --completion's argument: one of Shells, or Tags.
	Shell string
	// Args are the arguments for Python: a suffix of the input.
	Args []string
}

// UsageError reports launcher options that cannot be honoured.
type UsageError struct {
	Arg    string
	Reason string
}

func (e *UsageError) Error() string { return e.Reason }

// Parse splits args (without argv[0]) into the launcher's part and
// Python's part.
func Parse(args []string) (Invocation, error) {
	if len(args) == 0 {
		return Invocation{Mode: Run, Args: args}, nil
	}
	switch a := args[0]; a {
	case "-0", "--list":
		return parseList(List, args[1:])
	case "-0p", "--list-paths":
		return parseList(ListPaths, args[1:])
	case "-h", "--help":
		return Invocation{Mode: Help, Args: args}, nil
	case "--which":
		inv, err := parseRun(args[1:])
		inv.Mode = Which
		return inv, err
	case "--completion":
		return parseCompletion(args[1:])
	case "list":
		return parseListCommand(args[1:])
	case "install", "uninstall", "help":
		return Invocation{Mode: Command, Command: args[0], Args: args[1:]}, nil
	}
	return parseRun(args)
}

// parseRun recognises an interpreter request in args[0].
func parseRun(args []string) (Invocation, error) {
	inv := Invocation{Mode: Run, Args: args}
	if len(args) == 0 {
		return inv, nil
	}
	a := args[0]
	switch {
	case strings.HasPrefix(a, "-V:"):
		inv.Kind, inv.Request = SelectorRequest, a[len("-V:"):]
	case strings.HasPrefix(a, "--version:"):
		inv.Kind, inv.Request = SelectorRequest, a[len("--version:"):]
	case len(a) >= 2 && a[0] == '-' && a[1] >= '1' && a[1] <= '9':
		inv.Kind, inv.Request = TagRequest, a[1:]
	default:
		return inv, nil
	}
	inv.RequestArg = a
	inv.Args = args[1:]
	return inv, nil
}

func parseList(mode Mode, rest []string) (Invocation, error) {
	inv := Invocation{Mode: mode, Args: rest[len(rest):]}
	for _, a := range rest {
		switch a {
		case "--format=json":
			inv.Format = JSON
		case "--format=table":
			inv.Format = Table
		case "--only-installed":
			inv.OnlyInstalled = true
		default:
			if strings.HasPrefix(a, "--format=") {
				return inv, &UsageError{a, "unknown list format " + strconv.Quote(strings.TrimPrefix(a, "--format=")) + " (use table or json)"}
			}
			return inv, &UsageError{a, "unexpected argument " + strconv.Quote(a) + " after the list option"}
		}
	}
	return inv, nil
}

// parseListCommand reads py list's arguments: those of --list, and
// --online, which makes it the installer's command.
func parseListCommand(rest []string) (Invocation, error) {
	if slices.Contains(rest, "--online") {
		return Invocation{Mode: Command, Command: "list", Args: rest}, nil
	}
	return parseList(List, rest)
}

// parseCompletion reads --completion's one argument: a shell, or Tags.
func parseCompletion(rest []string) (Invocation, error) {
	inv := Invocation{Mode: Completion, Args: rest[len(rest):]}
	if len(rest) == 0 {
		return inv, &UsageError{"--completion", "--completion needs a shell: " + shellList()}
	}
	if inv.Shell = rest[0]; inv.Shell != Tags && !slices.Contains(Shells, inv.Shell) {
		return inv, &UsageError{rest[0], "unknown shell " + strconv.Quote(rest[0]) + " for --completion (use " + shellList() + ")"}
	}
	if len(rest) > 1 {
		return inv, &UsageError{rest[1], "unexpected argument " + strconv.Quote(rest[1]) + " after --completion " + rest[0]}
	}
	return inv, nil
}

// shellList is Shells for a message: "bash, zsh, fish or powershell".
func shellList() string {
	return strings.Join(Shells[:len(Shells)-1], ", ") + " or " + Shells[len(Shells)-1]
}
