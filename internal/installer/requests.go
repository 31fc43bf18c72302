package installer

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/pylauncher/py/internal/project"
	"github.com/pylauncher/py/internal/quote"
	"github.com/pylauncher/py/internal/readfile"
	"github.com/pylauncher/py/internal/request"
	"github.com/pylauncher/py/internal/trust"
)

// maxScript bounds how much of a script is read for its PEP 723 block.
const maxScript = 1 << 20

// parseRequests reads requests given on the command line: uv's request
// language, as on a .python-version line (3.14, 3.13t, cpython@3.12.8,
// >=3.12, pypy3.10, an install key). Paths and names are not something a
// download can be.
func parseRequests(texts []string) ([]request.Request, error) {
	var out []request.Request
	for _, t := range texts {
		r, err := request.FromLine(t, "the command line")
		if err != nil {
			return nil, &badRequestError{t, err.Error()}
		}
		if err := installable(r); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// installable refuses a request no download can satisfy.
func installable(r request.Request) error {
	switch r.Kind {
	case request.Version:
		return nil
	case request.Any, request.Default:
		return &badRequestError{r.Text, "name a version (py install 3.14)"}
	}
	return &badRequestError{r.Text, "it names a " + r.Kind.String() + ", not a version (py install 3.14, cpython@3.12, pypy3.10)"}
}

// projectRequests returns what the project in cwd (or above) asks for:
// the .python-version lines that name versions, in order; else
// pyproject.toml's requires-python. Files other users own are ignored,
// as py ignores them (see package trust).
func (a *app) projectRequests(cwd string) ([]request.Request, error) {
	tc := trust.New(trust.Me(), nil)
	owned := func(path string) bool {
		s, ls, err := trust.Of(path)
		if err != nil {
			return false
		}
		if err := tc.Owned(path, s, ls); err != nil {
			a.warnf("ignoring %s: %v", quote.String(path), err)
			return false
		}
		return true
	}
	found := project.FindUpEachFunc(cwd, []string{project.PythonVersionFile, project.PyprojectFile}, 0, owned)
	if pv := found[0]; pv != "" {
		lines, problems, err := project.ReadPythonVersion(pv)
		if err != nil {
			return nil, fmt.Errorf("cannot read %s: %s", quote.String(pv), readfile.Reason(err))
		}
		for _, p := range problems {
			a.warnf("ignoring line %d of %s: %s", p.Line, quote.String(pv), p.Reason)
		}
		var out []request.Request
		for _, l := range lines {
			origin := fmt.Sprintf(".python-version in %s, line %d", filepath.Dir(pv), l.Num)
			r, err := request.FromLine(l.Text, origin)
			if err == nil {
				err = installable(r)
			}
			if err != nil {
				a.infof("Skipping line %d of %s (%s): not a version to install", l.Num, quote.String(pv), quote.String(l.Text))
				continue
			}
			out = append(out, r)
		}
		if len(out) > 0 {
			return out, nil
		}
	}
	if pp := found[1]; pp != "" {
		req, ok, err := project.ReadRequiresPython(pp)
		if err != nil {
			return nil, err
		}
		if ok {
			r, err := request.FromSpecifier(req.Text, "requires-python in "+quote.String(pp))
			if err != nil {
				return nil, &badRequestError{req.Text, err.Error()}
			}
			return []request.Request{r}, nil
		}
	}
	return nil, &nothingAskedError{"no .python-version or requires-python was found in " + quote.String(cwd) + " or above"}
}

// scriptRequests returns what a script's PEP 723 block asks for
// (py install --script FILE).
func scriptRequests(script string) ([]request.Request, error) {
	data, err := readfile.Head(script, maxScript)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %s", quote.String(script), readfile.Reason(err))
	}
	req, ok, err := project.ScriptRequiresPython(data, script)
	if err != nil {
		return nil, &badRequestError{script, err.Error()}
	}
	if !ok {
		return nil, &nothingAskedError{"the script " + quote.String(script) + " has no requires-python in a PEP 723 block"}
	}
	r, err := request.FromSpecifier(req.Text, "requires-python in the script "+quote.String(script))
	if err != nil {
		return nil, &badRequestError{req.Text, err.Error()}
	}
	return []request.Request{r}, nil
}

// wanted returns what py install is asked to install: the requests on
// the command line, else the script's (--script), else the project's.
// fromProject is set when they were not given, so that py says where
// they came from.
func (a *app) wanted(c command) (reqs []request.Request, fromProject bool, err error) {
	switch {
	case len(c.requests) > 0:
		reqs, err = parseRequests(c.requests)
		return reqs, false, err
	case c.script != "":
		reqs, err = scriptRequests(c.script)
		return reqs, true, err
	}
	cwd, err := os.Getwd()
	if err != nil {
		return nil, false, &nothingAskedError{"the current directory is unknown"}
	}
	reqs, err = a.projectRequests(cwd)
	return reqs, true, err
}
