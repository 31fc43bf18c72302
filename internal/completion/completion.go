// Package completion writes py's shell completion scripts (bash, zsh,
// fish, PowerShell) from its manual, so that an option added to
// manual.Py is completed in every shell.
//
// What the scripts complete follows py's command line (package cli):
//
//   - the first argument: the launcher options and the command words,
//     or (for a word that does not start with "-") the command words and
//     files, since it may be the script; -V: followed by the tags of the interpreters found, which the
//     script asks py for ("py --completion tags", one a line: py starts
//     no interpreter to answer);
//   - after a launcher option that takes the next argument (--completion
//     SHELL), its values;
//   - after a command word: the command's options, their values
//     (--format=json), files for an option's FILE, DIR or INDEX, and
//     command words after help;
//   - anything else belongs to Python: files.
//
// The package is pure: Script returns text and reads nothing.
package completion

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pylauncher/py/internal/manual"
)

// Script returns shell's completion script for py (shell is one of
// cli.Shells).
func Script(shell string) (string, error) {
	return script(shell, manual.Py)
}

// script returns shell's completion script for the program p describes.
func script(shell string, p manual.Page) (string, error) {
	m := build(p)
	switch shell {
	case "bash":
		return bash(m), nil
	case "zsh":
		return zsh(m), nil
	case "fish":
		return fish(m), nil
	case "powershell":
		return powershell(m), nil
	}
	return "", fmt.Errorf("no completion script for the shell %q", shell)
}

// model is what the scripts complete, in a shell's terms.
type model struct {
	prog string
	// first are the first argument's candidates: the launcher options,
	// then the command words.
	first []word
	// tags are the launcher options followed by an interpreter's tag
	// in the same argument ("-V:").
	tags []string
	// next are the launcher options whose value is the next argument.
	next []valued
	// commands are the command words' completions.
	commands []command
	// dashVersions is set when "-" and a version tag is a launcher
	// option (the manual's example -3.12): "-3" completes to the
	// version tags, "-3.12", "-3.13t".
	dashVersions bool
}

// word is a candidate, with what it does.
type word struct{ name, help string }

// valued is an option that takes a value: the next argument, or the
// rest of its own ("--format="). values nil means files.
type valued struct {
	name   string
	values []string
}

// command is what follows a command word.
type command struct {
	name string
	// options are its options' names, eq those that end in "=" (their
	// value follows in the same argument) and next those whose value
	// is the next argument.
	options []word
	eq      []valued
	next    []valued
	// words are the candidates for its arguments that are not options
	// (py help COMMAND); files, when nil and args is set.
	words []string
	// args is set when it takes arguments that are not options: then
	// its options are offered only for a word that starts with "-".
	args bool
}

// build reads the manual page into a model.
func build(p manual.Page) model {
	m := model{prog: p.Name}
	seen := map[string]bool{}
	for _, o := range p.Options {
		if o.Example {
			// -3.12: a form, not a word to type as it is; its words
			// are "-" and the tags that are versions.
			m.dashVersions = m.dashVersions || len(o.Names[0]) > 1 && o.Names[0][0] == '-' && '0' <= o.Names[0][1] && o.Names[0][1] <= '9'
			continue
		}
		for _, n := range o.Names {
			if !seen[n] {
				seen[n] = true
				m.first = append(m.first, word{n, o.Help})
			}
			switch {
			case strings.HasSuffix(n, ":") && strings.Contains(o.Arg, "TAG"):
				if !slices.Contains(m.tags, n) {
					m.tags = append(m.tags, n)
				}
			case o.Arg != "" && !strings.HasSuffix(n, "=") && !strings.HasSuffix(n, ":"):
				m.next = append(m.next, valued{n, o.Values})
			}
		}
	}
	var names []string
	for _, c := range p.Commands {
		names = append(names, c.Name)
	}
	for _, c := range p.Commands {
		m.first = append(m.first, word{c.Name, c.Help})
		cmd := command{name: c.Name, args: c.Args != ""}
		if strings.Contains(c.Args, "COMMAND") {
			cmd.words = names
		}
		for _, o := range c.Options {
			for _, n := range o.Names {
				cmd.options = append(cmd.options, word{n, o.Help})
				switch {
				case strings.HasSuffix(n, "="):
					cmd.eq = append(cmd.eq, valued{n, o.Values})
				case o.Arg != "":
					cmd.next = append(cmd.next, valued{n, o.Values})
				}
			}
		}
		m.commands = append(m.commands, cmd)
	}
	return m
}

// commandNames returns the command words.
func commandNames(m model) []string {
	out := make([]string, len(m.commands))
	for i, c := range m.commands {
		out[i] = c.name
	}
	return out
}

// names returns the words' names.
func names(ws []word) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.name
	}
	return out
}

// joined returns the candidates of an "=" option: its name followed by
// each value.
func (v valued) joined() []string {
	out := make([]string, len(v.values))
	for i, s := range v.values {
		out[i] = v.name + s
	}
	return out
}

// header is the comment every script starts with: shell is
// --completion's word for it, name how people write it.
func header(m model, shell, name string) string {
	return fmt.Sprintf("# %s completion for %s, written by %q.\n# It runs \"%s --completion tags\" for the tags -V: takes.\n",
		name, m.prog, m.prog+" --completion "+shell, m.prog)
}
