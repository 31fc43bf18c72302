package installer

// Every message py-install prints is formatted here, as py's are (see
// package launcher): "py: error: …", "py: warning: …", "py: hint: …",
// one line each, on stderr, lower case, paths quoted. What it reports
// doing ("Installed Python 3.14.6 …") goes to stderr too, unprefixed,
// unless -q; listings go to stdout.

import (
	"fmt"
	"io"
	"os"

	"golang.org/x/term"

	"github.com/pylauncher/py/internal/quote"
)

type ui struct {
	stderr io.Writer
	// term is set when stderr is a terminal: progress is a bar.
	term    bool
	quiet   bool
	noColor bool
	warned  map[string]bool
}

func (u *ui) line(kind, msg string) {
	fmt.Fprintf(u.stderr, "py: %s: %s\n", kind, quote.Visible(msg))
}

func (u *ui) errorf(format string, args ...any) { u.line("error", fmt.Sprintf(format, args...)) }
func (u *ui) hintf(format string, args ...any)  { u.line("hint", fmt.Sprintf(format, args...)) }

// warnf prints a warning once per run, even with -q.
func (u *ui) warnf(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if u.warned[msg] {
		return
	}
	if u.warned == nil {
		u.warned = map[string]bool{}
	}
	u.warned[msg] = true
	u.line("warning", msg)
}

// infof reports what py-install does, unless -q.
func (u *ui) infof(format string, args ...any) {
	if !u.quiet {
		fmt.Fprintf(u.stderr, "%s\n", quote.Visible(fmt.Sprintf(format, args...)))
	}
}

// isTerminal reports whether f (an io.Reader or io.Writer) is a
// terminal.
func isTerminal(x any) bool {
	f, ok := x.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
