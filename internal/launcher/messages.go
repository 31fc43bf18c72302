package launcher

// Every message py prints to a user is formatted here.
//
// Rules: one line each, on stderr; "py: error: …", "py: warning: …",
// "py: hint: …"; lower case, no final period; paths and values quoted.
// The debug trace (PYLAUNCHER_DEBUG) follows CPython's launcher: "key:
// value" lines and "# comment" lines.

import (
	"fmt"
	"io"
	"strings"
)

// Exit codes. Those from 101 up are CPython's launcher's; everything else
// py exits with is the interpreter's own code.
const (
	ExitOK          = 0
	ExitUsage       = 2   // bad launcher options
	ExitCannotStart = 101 // the interpreter could not be started
	ExitBadShebang  = 102 // a shebang py cannot use
	ExitNoMatch     = 103 // no installed Python satisfies the request
	ExitNoVenvCfg   = 106 // no pyvenv.cfg (venvlauncher)
	ExitBadVenvCfg  = 107 // unusable pyvenv.cfg (venvlauncher)
	ExitInternal    = 109 // a bug in py
	ExitNoPython    = 112 // no Python installed at all
)

type ui struct {
	prog   string
	stderr io.Writer
	debug  bool
	warned map[string]bool
	// shown collects the errors and hints, for pyw's message box.
	shown []string
}

func (u *ui) line(kind, msg string) {
	// One line, whatever the message holds.
	msg = strings.ReplaceAll(msg, "\n", `\n`)
	fmt.Fprintf(u.stderr, "%s: %s: %s\n", u.prog, kind, msg)
	if kind != "warning" {
		u.shown = append(u.shown, kind+": "+msg)
	}
}

func (u *ui) errorf(format string, args ...any) { u.line("error", fmt.Sprintf(format, args...)) }

func (u *ui) hintf(format string, args ...any) { u.line("hint", fmt.Sprintf(format, args...)) }

// warn prints a warning once per run.
func (u *ui) warn(msg string) {
	if u.warned[msg] {
		return
	}
	if u.warned == nil {
		u.warned = map[string]bool{}
	}
	u.warned[msg] = true
	u.line("warning", msg)
}

func (u *ui) warnf(format string, args ...any) { u.warn(fmt.Sprintf(format, args...)) }

// trace writes a debug line when PYLAUNCHER_DEBUG is set.
func (u *ui) trace(s string) {
	if u.debug {
		fmt.Fprintln(u.stderr, s)
	}
}

func (u *ui) tracef(format string, args ...any) {
	if u.debug {
		fmt.Fprintf(u.stderr, format+"\n", args...)
	}
}
