package launcher

import (
	"path/filepath"
	"runtime"

	"github.com/pylauncher/py/internal/discover"
	"github.com/pylauncher/py/internal/project"
	"github.com/pylauncher/py/internal/pyver"
	"github.com/pylauncher/py/internal/quote"
	"github.com/pylauncher/py/internal/request"
	"github.com/pylauncher/py/internal/resolve"
	"github.com/pylauncher/py/internal/tooldirs"
)

// discoverOptions are the options of every search for interpreters.
func (a *app) discoverOptions(st settings, cwd string) discover.Options {
	return discover.Options{
		GOOS:      runtime.GOOS,
		Getenv:    a.env.Get,
		Cwd:       cwd,
		NoProject: !st.projectVenv,
		Self:      st.self,
		Trace:     a.traceFunc(),
		Listings:  a.listings,
		Trust:     st.trust,

		Windowed:       a.windowed,
		Root:           testOnlyRoot,
		RegistryKey:    testOnlyRegistryKey,
		LimitToCompany: a.env.Get("PYLAUNCHER_LIMIT_TO_COMPANY"),
	}
}

// testOnlyDiscovered, when set (by tests), is told of each search for
// interpreters: its options and what it found.
var testOnlyDiscovered func(discover.Options, *discover.Found)

// found is what discovery found, with the interpreters the requests name.
type found struct {
	*discover.Found
	// explicit is the interpreter an explicit request names by path or
	// name, nil when none (or nothing is there).
	explicit *discover.Interpreter
	// pins are the .python-version lines, with the interpreters the
	// named ones name.
	pins []resolve.Pin
	opts discover.Options
}

// discovery finds the interpreters, then the ones the requests name by a
// path or a name (labelled with their real source when found already).
// With unwanted, interpreters whose names say they cannot satisfy the
// explicit request are passed over unseen (a launch's shortcut).
func (a *app) discovery(st settings, cwd string, pf projectFiles, reqs requests, unwanted bool) found {
	opts := a.discoverOptions(st, cwd)
	opts.ProjectLookedUp, opts.ProjectVenv = true, pf.venv
	if e := reqs.explicit; unwanted && e != nil && !e.Chains() && (e.Kind == request.Version || e.Kind == request.Tag) {
		// A launch for a given version need not look closer at
		// interpreters whose names say they are another one.
		opts.Unwanted = func(b pyver.Build) bool {
			return e.MatchTag(b) == request.NoTag && (e.Kind == request.Tag || e.Match(b) == pyver.No)
		}
	}
	f := found{Found: discover.Find(opts), opts: opts}
	if testOnlyDiscovered != nil {
		testOnlyDiscovered(opts, f.Found)
	}
	if e := reqs.explicit; e != nil {
		f.explicit = a.lookupNamed(f, e, cwd)
	}
	var unknown []pin
	for _, p := range reqs.pins {
		rp := resolve.Pin{Request: &p.req}
		switch p.req.Kind {
		case request.Name, request.Path:
			rp.Interp = a.lookupPin(f, &p.req, filepath.Dir(reqs.pinsFile))
			if rp.Interp == nil {
				unknown = append(unknown, p)
				continue
			}
		case request.System:
			a.tracef("# .python-version line %d: pyenv's \"system\" is not a request; skipped", p.line)
			continue
		}
		f.pins = append(f.pins, rp)
	}
	if len(unknown) > 0 {
		a.warnLines(reqs.pinsFile, len(unknown), unknown[0].line, quote.String(unknown[0].req.Text)+" is neither a version nor a pyenv environment")
	}
	return f
}

// lookupNamed finds the interpreter an explicit request names: a path
// (relative to the current directory), or a program name on PATH.
func (a *app) lookupNamed(f found, r *request.Request, cwd string) *discover.Interpreter {
	switch r.Kind {
	case request.Path:
		return discover.LookupPath(f.opts, f.Found, r.Path, cwd)
	case request.Name:
		return discover.LookupName(f.opts, f.Found, r.Name)
	}
	return nil
}

// lookupPin finds the interpreter a .python-version line names: a pyenv
// name ($PYENV_ROOT/versions/NAME), a program on PATH, or a path
// relative to the file's directory.
func (a *app) lookupPin(f found, r *request.Request, dir string) *discover.Interpreter {
	if r.Kind == request.Path {
		return discover.LookupPath(f.opts, f.Found, r.Path, dir)
	}
	if d, ok := project.PyenvVersionDir(a.pyenvRoot(), r.Name); ok {
		return discover.LookupPath(f.opts, f.Found, d, "")
	}
	return nil
}

func (a *app) pyenvRoot() string { return tooldirs.Pyenv(runtime.GOOS, a.env.Get) }
