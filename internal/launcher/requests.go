package launcher

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/pylauncher/py/internal/cli"
	"github.com/pylauncher/py/internal/config"
	"github.com/pylauncher/py/internal/project"
	"github.com/pylauncher/py/internal/quote"
	"github.com/pylauncher/py/internal/readfile"
	"github.com/pylauncher/py/internal/request"
	"github.com/pylauncher/py/internal/resolve"
	"github.com/pylauncher/py/internal/trust"
	"github.com/pylauncher/py/internal/venv"
)

// requests are everything a launch was asked for, each with its origin.
type requests struct {
	// explicit is the command line's request (or the launcher's name's,
	// or py's in a shebang), nil when there is none.
	explicit *request.Request
	// script holds the shebang's virtual command and PEP 723's
	// requires-python.
	script request.Set
	// pins are the .python-version lines that read as requests, in
	// order, from pinsFile; requiresPython is pyproject.toml's.
	pins           []pin
	pinsFile       string
	requiresPython *request.Request
	defaults       resolve.Defaults
}

// pin is a .python-version line read as a request.
type pin struct {
	req  request.Request
	line int
}

// requestError is a request that cannot be read (exit 103).
type requestError struct{ err error }

func (e *requestError) Error() string { return e.err.Error() }
func (e *requestError) Unwrap() error { return e.err }

// projectError is a project file py cannot use (exit 103: py does not
// fall back to another interpreter silently).
type projectError struct{ err error }

func (e *projectError) Error() string { return e.err.Error() }

// explicitRequest reads a launcher option's request: the text after "-"
// (an old-style tag) or after -V: (a selector).
func explicitRequest(kind cli.RequestKind, text, origin string) (request.Request, error) {
	if kind == cli.SelectorRequest {
		return request.FromSelector(text, origin)
	}
	return request.FromOption(text, origin)
}

// explicitOf returns the invocation's request, nil when there is none.
func explicitOf(inv invocation) (*request.Request, error) {
	if inv.Kind == cli.NoRequest {
		return nil, nil
	}
	var r request.Request
	var err error
	if inv.NameTag != "" {
		r, err = request.FromLauncherName(inv.NameTag, inv.RequestArg)
	} else {
		r, err = explicitRequest(inv.Kind, inv.Request, "the command line "+quote.String(inv.RequestArg))
	}
	if err != nil {
		origin := "the command line " + quote.String(inv.RequestArg)
		if inv.NameTag != "" {
			origin = "the launcher's name " + quote.String(inv.RequestArg)
		}
		return nil, &requestError{fmt.Errorf("%v (from %s)", err, origin)}
	}
	return &r, nil
}

// readDefaults reads PY_PYTHON, PY_PYTHON3, PY_PYTHON2 and py.ini's
// [defaults]: each variable first, then its key.
func readDefaults(getenv func(string) string, cfg *config.Config) resolve.Defaults {
	one := func(envName, iniKey string) resolve.Default {
		origin, text := "", ""
		if v := strings.TrimSpace(getenv(envName)); v != "" {
			origin, text = envName, v
		} else if v, ok := cfg.Lookup("defaults", iniKey); ok && strings.TrimSpace(v.Value) != "" {
			origin, text = v.Origin(), strings.TrimSpace(v.Value)
		} else {
			return resolve.Default{}
		}
		r, err := request.FromDefault(text, origin)
		if err != nil {
			return resolve.Default{Err: &resolve.BadRequestError{Origin: origin, Err: err}}
		}
		return resolve.Default{Request: &r}
	}
	return resolve.Defaults{
		Python:  one("PY_PYTHON", "python"),
		Python3: one("PY_PYTHON3", "python3"),
		Python2: one("PY_PYTHON2", "python2"),
	}
}

// projectFiles are the project's files, each the nearest walking up
// from the current directory: "" when there is none.
type projectFiles struct {
	venv, pythonVersion, pyproject string
}

// venvCfg is the file that makes a .venv directory a project environment.
var venvCfg = filepath.Join(".venv", venv.CfgName)

// findProject walks up from cwd once, for the project's .venv and, if
// files is set, its .python-version and pyproject.toml.
func (a *app) findProject(cwd string, st settings, files bool) projectFiles {
	var pf projectFiles
	if cwd == "" {
		return pf
	}
	files = files && st.projectFiles
	var names []string
	if st.projectVenv {
		names = append(names, venvCfg)
	}
	if files {
		names = append(names, project.PythonVersionFile, project.PyprojectFile)
	}
	found := project.FindUpEachFunc(cwd, names, 0, func(path string) bool { return a.owned(path, st) })
	if st.projectVenv {
		if found[0] != "" {
			pf.venv = filepath.Dir(found[0])
		}
		found = found[1:]
	}
	if files {
		pf.pythonVersion, pf.pyproject = found[0], found[1]
	}
	return pf
}

// owned reports whether a project file found walking up (for a .venv,
// its pyvenv.cfg) may be used: it, and the .venv, must be yours or
// root's, unless trusted_dirs says otherwise (git's safe.directory rule).
// Otherwise it warns once and the walk goes on up.
func (a *app) owned(path string, st settings) bool {
	check := []string{path}
	if filepath.Base(path) == venv.CfgName {
		check = []string{filepath.Dir(path), path}
	}
	for _, p := range check {
		s, ls, err := trust.Of(p)
		if err != nil {
			return false
		}
		if err := st.trust.Owned(p, s, ls); err != nil {
			setting := "trusted_dirs under [settings] in py.ini"
			if len(st.iniPaths) > 0 {
				setting = "trusted_dirs under [settings] in " + quote.String(st.iniPaths[0])
			}
			a.warnf("ignoring %s: %v; to trust it, add %s to %s", quote.String(p), err, quote.String(filepath.Dir(p)), setting)
			return false
		}
	}
	return true
}

// projectRequests reads the project's .python-version and pyproject.toml.
// A line that is no request is warned about and skipped; a pyproject.toml
// py cannot read is an error.
func (a *app) projectRequests(pf projectFiles, reqs *requests) error {
	if pv := pf.pythonVersion; pv != "" {
		lines, problems, err := project.ReadPythonVersion(pv)
		if err != nil {
			a.warnf("ignoring %s: %s", quote.String(pv), readfile.Reason(err))
		}
		var bad []project.Problem
		for _, l := range lines {
			origin := fmt.Sprintf(".python-version in %s, line %d", filepath.Dir(pv), l.Num)
			r, err := request.FromLine(l.Text, origin)
			if err != nil {
				reason := err.Error()
				if e, ok := err.(*request.Error); ok {
					reason = quote.String(e.Text) + ": " + e.Reason
				}
				bad = append(bad, project.Problem{Line: l.Num, Text: l.Text, Reason: reason})
				continue
			}
			reqs.pins = append(reqs.pins, pin{req: r, line: l.Num})
		}
		if problems = append(problems, bad...); len(problems) > 0 {
			first := problems[0]
			for _, p := range problems {
				if p.Line < first.Line {
					first = p
				}
			}
			a.warnLines(pv, len(problems), first.Line, first.Reason)
		}
		reqs.pinsFile = pv
	}
	if pp := pf.pyproject; pp != "" {
		req, ok, err := project.ReadRequiresPython(pp)
		if err != nil {
			return &projectError{err}
		}
		if ok {
			r, err := request.FromSpecifier(req.Text, "requires-python in "+pp)
			if err != nil {
				return &projectError{err}
			}
			reqs.requiresPython = &r
		}
	}
	return nil
}

// maxScript bounds how much of a script is read for its PEP 723 block.
const maxScript = 1 << 20

// scriptMetadata reads a script's PEP 723 block for requires-python. A
// malformed block is warned about and ignored; a script that is not a
// regular file (a pipe) is not read at all.
func (a *app) scriptMetadata(script string) *request.Request {
	data, err := readfile.Head(script, maxScript)
	if err != nil {
		return nil
	}
	req, ok, err := project.ScriptRequiresPython(data, script)
	if err != nil {
		a.warnf("ignoring the inline metadata of %s: %v", quote.String(script), err)
		return nil
	}
	if !ok {
		return nil
	}
	r, err := request.FromSpecifier(req.Text, "requires-python in the script "+quote.String(script))
	if err != nil {
		a.warnf("ignoring the inline metadata of %s: %v", quote.String(script), err)
		return nil
	}
	return &r
}
