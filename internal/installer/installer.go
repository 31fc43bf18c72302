// Package installer is py-install: the program behind py's commands
// py install, py uninstall and py list --online. py runs it when its
// first argument is one of those words (see package launcher), so that
// nothing of the installer — HTTP, TLS, archives — is linked into py or
// starts with a launch.
//
// An install is a pipeline of values, as a launch is:
//
//	command    the command line (parseArgs)
//	settings   the environment and py.ini's [install] (loadSettings)
//	requests   what to install: the arguments, or the project's (wanted)
//	catalog    the index, fetched or cached (loadCatalog)
//	plan       a download per request, or why none (plan: pure)
//	action     download, verify and extract each, atomically (installOne)
//
// Installs live in a store (package store); the downloads come through
// package fetch, verified by their sha256 while they stream, and are
// extracted by package unpack, which lets nothing escape the install.
package installer

import (
	"context"
	"errors"
	"fmt"
	"github.com/pylauncher/py/internal/output"
	"io"

	"github.com/pylauncher/py/internal/catalog"
	"github.com/pylauncher/py/internal/environ"
	"github.com/pylauncher/py/internal/exitcode"
	"github.com/pylauncher/py/internal/fetch"
	"github.com/pylauncher/py/internal/quote"
	"github.com/pylauncher/py/internal/store"
	"github.com/pylauncher/py/internal/unpack"
)

// IO is what py-install reads and writes: standard input (uninstall's
// question), output (listings) and error (messages, progress).
type IO struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
}

// Main runs py-install with args (args[0] is its name) in the
// environment env, and returns the exit code. ctx is cancelled by Ctrl-C:
// whatever was under way is undone.
func Main(ctx context.Context, args, env []string, stdio IO) (code int) {
	u := &ui{stderr: stdio.Stderr, term: isTerminal(stdio.Stderr)}
	defer func() {
		if r := recover(); r != nil {
			u.errorf("internal error: %v", r)
			u.hintf("please report this")
			code = exitcode.Internal
		}
	}()
	out := output.New(stdio.Stdout)
	code = run(ctx, args, environ.New(env), stdio.Stdin, out, u)
	if err := out.Err(); err != nil {
		u.errorf("cannot write the output: %v", err)
		code = exitcode.Output
	}
	return code
}

func run(ctx context.Context, args []string, env *environ.Env, stdin io.Reader, stdout io.Writer, u *ui) int {
	if len(args) > 0 {
		args = args[1:]
	}
	c, err := parseArgs(args)
	if err != nil {
		return u.fail(ctx, err)
	}
	u.quiet = c.quiet
	u.noColor = env.Get("NO_COLOR") != ""
	st, err := loadSettings(env, u)
	if err != nil {
		return u.fail(ctx, err)
	}
	a := &app{ui: u, st: st, stdout: stdout, stdin: stdin}
	a.client = st.client(func(err error) { a.indexErr = err })
	switch c.name {
	case "help":
		return a.help(c.topic)
	case "list":
		return u.fail(ctx, a.listOnline(ctx, c))
	case "uninstall":
		return u.fail(ctx, a.uninstall(ctx, c))
	}
	return u.fail(ctx, a.install(ctx, c))
}

// app is what every command may use.
type app struct {
	*ui
	st     settings
	stdout io.Writer
	stdin  io.Reader
	client *fetch.Client
	// indexErr is why the index came from py's cache, not the network.
	indexErr error
}

// The errors the commands return, besides those of the packages below.
type (
	// noDownloadError is a request no download satisfies here.
	noDownloadError struct {
		request  string
		platform catalog.Platform
	}
	// notInstalledError is a request that no install of py's matches
	// (py uninstall).
	notInstalledError struct{ request string }
	// nothingAskedError is py install with no request and no project
	// that asks for one.
	nothingAskedError struct{ where string }
	// badRequestError is a request that is not one, or not one a
	// download can satisfy (a path, a name).
	badRequestError struct{ request, reason string }
	// installError is an install that failed: its key, and why.
	installError struct {
		key string
		err error
	}
	// declinedError is py uninstall's question not answered (stdin
	// closed).
	declinedError struct{}
)

func (e *noDownloadError) Error() string {
	return fmt.Sprintf("no download matches %s for this machine (%s %s%s)", quote.String(e.request), e.platform.OS, e.platform.Arch, libcText(e.platform))
}

func libcText(p catalog.Platform) string {
	if p.OS == "linux" {
		return " " + p.Libc
	}
	return ""
}

func (e *notInstalledError) Error() string {
	return "no Python that py installed matches " + quote.String(e.request)
}

func (e *nothingAskedError) Error() string {
	return "nothing to install: no request was given, and " + e.where
}

func (e *badRequestError) Error() string {
	return "cannot install " + quote.String(e.request) + ": " + e.reason
}

func (e *installError) Error() string { return "cannot install " + e.key + ": " + e.err.Error() }
func (e *installError) Unwrap() error { return e.err }

func (e *declinedError) Error() string {
	return "nothing was removed: there was no answer to the question"
}

// fail reports err with its hints and returns its exit code: the one
// place the installer's errors become messages and codes.
func (u *ui) fail(ctx context.Context, err error) int {
	if err == nil {
		return exitcode.OK
	}
	var (
		ue *usageError
		nd *noDownloadError
		ni *notInstalledError
		na *nothingAskedError
		br *badRequestError
		de *declinedError
		he *fetch.HashError
		ne *fetch.Error
		ae *unpack.Error
		le *unpack.LayoutError
		ce *catalog.Error
		se *store.Error
		te *settingError
	)
	switch {
	case errors.As(err, &ue):
		u.errorf("%s", ue.reason)
		topic := "py help"
		if ue.command != "" {
			topic += " " + ue.command
		}
		u.hintf("run %s for usage", quote.String(topic))
		return exitcode.Usage
	case ctx.Err() != nil || errors.Is(err, context.Canceled):
		u.errorf("interrupted: nothing was left half done")
		return exitcode.Interrupted
	case errors.As(err, &nd):
		u.errorf("%v", err)
		u.hintf("run %s to see what can be installed", quote.String("py list --online"))
		return exitcode.NoPython
	case errors.As(err, &ni):
		u.errorf("%v", err)
		u.hintf("run %s to see them", quote.String("py list --only-installed"))
		return exitcode.NoPython
	case errors.As(err, &te):
		u.errorf("%v", err)
		return exitcode.Usage
	case errors.As(err, &na):
		u.errorf("%v", err)
		u.hintf("name a version: py install 3.14")
		return exitcode.Usage
	case errors.As(err, &br):
		u.errorf("%v", err)
		return exitcode.Usage
	case errors.As(err, &de):
		u.errorf("%v", err)
		u.hintf("pass -y to remove without asking")
		return exitcode.Usage
	case errors.As(err, &he), errors.Is(err, fetch.ErrNoHash), errors.Is(err, fetch.ErrBadHash):
		u.errorf("%v", err)
		u.hintf("nothing was installed")
		return exitcode.Integrity
	case errors.As(err, &ne):
		u.errorf("%v", err)
		u.hintf("check the network or the proxy (HTTPS_PROXY), or use a mirror (PY_INSTALL_MIRROR), another index (--source) or an offline bundle (py install --download DIR)")
		return exitcode.Network
	case errors.As(err, &ae), errors.As(err, &le), errors.As(err, &ce):
		u.errorf("%v", err)
		u.hintf("nothing was installed")
		return exitcode.Integrity
	case errors.As(err, &se):
		u.errorf("%v", err)
		return exitcode.Install
	}
	u.errorf("%v", err)
	if errors.As(err, new(*installError)) {
		u.hintf("nothing was installed")
	}
	return exitcode.Install
}
