package launcher

// Every message py prints to a user is formatted here.
//
// Rules: one line each, on stderr; "py: error: …", "py: warning: …",
// "py: hint: …"; lower case, no final period; paths and values quoted.
// The debug trace (PYLAUNCHER_DEBUG) follows CPython's launcher: "key:
// value" lines and "# comment" lines.

import (
	"errors"
	"fmt"
	"io"

	"github.com/pylauncher/py/internal/cli"
	"github.com/pylauncher/py/internal/exitcode"
	"github.com/pylauncher/py/internal/quote"
	"github.com/pylauncher/py/internal/request"
	"github.com/pylauncher/py/internal/resolve"
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
	msg = quote.Visible(msg)
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

// installable returns the text py install takes for r, when r asks for
// something a download could be: a version, not a path, a name or a PEP
// 514 tag.
func installable(r *request.Request) (string, bool) {
	if r == nil || r.Kind != request.Version {
		return "", false
	}
	text := r.String()
	again, err := request.FromLine(text, "")
	if err != nil || again.Kind != request.Version || again.String() != text {
		return "", false
	}
	return text, true
}

// otherBOMWarning is the warning for a script whose shebang follows a
// byte order mark that is not UTF-8's: py, as CPython's launcher, reads
// none (its debug trace says "Invalid BOM").
func otherBOMWarning(script string) string {
	return "ignoring the shebang of " + quote.String(script) + ": its byte order mark is not UTF-8's"
}

// programError is a program py cannot start (exit 101).
type programError struct {
	program string
	err     error
}

func (e *programError) Error() string {
	return "cannot run " + quote.String(e.program) + ": " + e.err.Error()
}

func (e *programError) Unwrap() error { return e.err }

// fail reports err, with its hints, and returns its exit code: the one
// place errors become messages and codes.
func (u *ui) fail(err error) int {
	var (
		ue *cli.UsageError
		re *requestError
		se *shebangError
		ce *commandError
		ge *programError
		pe *projectError
		nm *resolve.NoMatchError
		br *resolve.BadRequestError
		ie *installerError
		np = new(resolve.NoPythonError)
	)
	switch {
	case errors.As(err, &ue):
		u.errorf("%s", ue.Reason)
		u.hintf("run %q for usage", "py --help")
		return exitcode.Usage
	case errors.As(err, &re):
		u.errorf("%v", err)
		u.hintf("%s", request.Hint)
		return exitcode.NoPython
	case errors.As(err, &se):
		u.errorf("%v", err)
		return exitcode.BadVirtualPath
	case errors.As(err, &ce), errors.As(err, &ge):
		u.errorf("%v", err)
		return exitcode.CreateProcess
	case errors.As(err, &pe):
		u.errorf("%v", err)
		u.hintf("fix the file, or run py with an explicit version (py -3.12)")
		return exitcode.NoPython
	case errors.As(err, &nm):
		u.errorf("%v", err)
		for _, it := range nm.Untrusted {
			u.hintf("%s might, but %s: py runs it only when named by its path (py -V:%s)", quote.String(it.Path), it.Untrusted, it.Path)
		}
		if text, ok := installable(nm.Request); ok {
			u.hintf("run %s to install it, or %q to see the installed versions", quote.String("py install "+shellQuote(text)), "py --list")
		} else {
			u.hintf("run %q to see the installed versions", "py --list")
		}
		return exitcode.NoPython
	case errors.As(err, &br):
		u.errorf("%v", err)
		u.hintf("%s", request.Hint)
		return exitcode.NoPython
	case errors.As(err, &ie):
		u.errorf("%v", err)
		u.hintf("put it beside py: it comes with py in every release archive and the .deb; from py's source, %q", "go install ./cmd/"+installerName)
		return exitcode.CreateProcess
	case errors.As(err, np):
		u.errorf("no Python installation was found")
		if text, ok := installable(np.Request); ok {
			u.hintf("run %s to install it", quote.String("py install "+shellQuote(text)))
		} else {
			u.hintf("install one with %s, or from python.org, your package manager, pyenv or uv", quote.String("py install 3"))
		}
		return exitcode.NoPythonAtAll
	}
	u.errorf("%v", err)
	return exitcode.Internal
}
