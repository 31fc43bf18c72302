// Command entrypoint is a console-script launcher template, in distlib's
// format: the template, then "#!<interpreter> [args]\n", then a zip
// archive with __main__.py. Run, a launcher starts its interpreter on
// itself. mkentrypoint writes launchers.
//
// Its messages and exit codes are made here, from package trampoline's
// errors: one line on stderr, `<launcher name>: error: "<path>": …`, and
// the error's code (see package exitcode). The template must stay small:
// no fmt, strconv or Unicode tables (see internal/deps).
package main

import (
	"io"

	"github.com/pylauncher/py/internal/exitcode"
	"github.com/pylauncher/py/internal/trampoline"
)

// launch runs the launcher at self, started with args and env, and
// returns the interpreter's exit code; or it writes why it cannot to
// stderr, one line, and returns the code that says so. With
// PYLAUNCHER_DEBUG set it first writes its version and path to stderr.
func launch(args, env []string, self string, stderr io.Writer) int {
	trace(env, self, stderr)
	code, err := trampoline.Run(args, env, self)
	if err == nil {
		return code
	}
	io.WriteString(stderr, trampoline.Name(self)+": error: "+err.Error()+"\n")
	if e, ok := err.(*trampoline.Error); ok {
		return e.Code
	}
	return exitcode.CreateProcess
}
