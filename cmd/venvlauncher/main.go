// Command venvlauncher is the venv redirector: copied into a virtual
// environment as its python, it runs the base interpreter named by
// pyvenv.cfg as the venv's python. Run as "venvlauncher install VENV", it
// puts copies of itself into VENV.
//
// Its messages and exit codes are made here, from package redirector's
// errors: one line on stderr, "venvlauncher: error: …", and the error's
// code (see package exitcode).
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"

	"github.com/pylauncher/py/internal/exitcode"
	"github.com/pylauncher/py/internal/redirector"
	"github.com/pylauncher/py/internal/version"
)

func main() {
	self, err := os.Executable()
	if err != nil {
		self = os.Args[0]
	}
	os.Exit(venvlauncher(os.Args, os.Environ(), self, os.Stdout, os.Stderr))
}

// venvlauncher is the program at self, started with args and env; it
// returns the exit code. Under its own name it installs itself; as a
// venv's python it runs the base interpreter, tracing what it runs (and
// its own version) on stderr when PYLAUNCHER_DEBUG is set.
func venvlauncher(args, env []string, self string, stdout, stderr io.Writer) int {
	name := redirector.Name(self)
	if redirector.IsInstaller(name) {
		return install(args, self, stdout, stderr)
	}
	t, err := redirector.Find(self, name, runtime.GOOS)
	if err != nil {
		return fail(stderr, err)
	}
	if getenv(env, "PYLAUNCHER_DEBUG") != "" {
		fmt.Fprintf(stderr, "# venvlauncher %s: %s runs %s (from %s)\n", version.String(), self, t.Base, t.Cfg)
	}
	code, err := redirector.Exec(t, self, args, env)
	if err != nil {
		return fail(stderr, err)
	}
	return code
}

// install is "venvlauncher install VENV".
func install(args []string, self string, stdout, stderr io.Writer) int {
	if len(args) != 3 || args[1] != "install" {
		fmt.Fprint(stderr, redirector.InstallUsage)
		return exitcode.Usage
	}
	n, err := redirector.Install(args[2], self, runtime.GOOS)
	if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "venvlauncher: installed in %d file(s) of %s\n", n, quote(args[2]))
	return exitcode.OK
}

// fail prints err as one line and returns its exit code: a
// *redirector.Error's, else CreateProcess.
func fail(stderr io.Writer, err error) int {
	code := exitcode.CreateProcess
	var e *redirector.Error
	if errors.As(err, &e) {
		code = e.Code
	}
	fmt.Fprintf(stderr, "venvlauncher: error: %s\n", strings.ReplaceAll(err.Error(), "\n", `\n`))
	return code
}

// getenv returns the value of the variable name in env, "" when unset:
// its first setting, as os.Getenv does on Unix; on Windows names match
// whatever their case.
func getenv(env []string, name string) string {
	for _, kv := range env {
		k, v, ok := strings.Cut(kv, "=")
		if ok && k != "" && (k == name || runtime.GOOS == "windows" && strings.EqualFold(k, name)) {
			return v
		}
	}
	return ""
}

// quote sets a path apart in a message, for people: "C:\venv" keeps its
// single backslashes, unlike %q.
func quote(s string) string { return `"` + s + `"` }
