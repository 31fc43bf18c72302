package launcher

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"github.com/pylauncher/py/internal/pep440"
	"github.com/pylauncher/py/internal/project"
	"github.com/pylauncher/py/internal/pyver"
	"github.com/pylauncher/py/internal/readfile"
	"github.com/pylauncher/py/internal/resolve"
	"github.com/pylauncher/py/internal/tooldirs"
	"github.com/pylauncher/py/internal/trust"
	"github.com/pylauncher/py/internal/venv"
)

// maxScript bounds how much of a script is read for its PEP 723 block.
const maxScript = 1 << 20

// projectError is a project file py cannot use (exit 103: py does not
// fall back to another interpreter silently).
type projectError struct{ err error }

func (e *projectError) Error() string { return e.err.Error() }

// projectRequests reads the nearest .python-version and pyproject.toml,
// walking up from cwd.
func (l *launch) projectRequests(cwd string, in *resolve.Inputs) error {
	if cwd == "" || !l.setting("project_files", true) {
		return nil
	}
	if !l.walked {
		l.walkProject(cwd, true)
	}
	if pv := l.pythonVersionFile; pv != "" {
		pins, problems, err := project.ReadPythonVersion(pv)
		if err != nil {
			l.warnf("ignoring %s: %s", quote(pv), readfile.Reason(err))
		}
		if len(problems) > 0 {
			l.warnLines(pv, len(problems), problems[0].Line, problems[0].Reason)
		}
		dir := filepath.Dir(pv)
		var unknown []project.Pin
		defer func() {
			if len(unknown) > 0 {
				l.warnLines(pv, len(unknown), unknown[0].Line, quote(unknown[0].Text)+" is neither a version nor a pyenv environment")
			}
		}()
		for i := range pins {
			p := pins[i]
			origin := fmt.Sprintf(".python-version in %s, line %d", dir, p.Line)
			switch {
			case p.System:
				l.tracef("# %s: pyenv's \"system\" is not a request; skipped", origin)
			case p.IsVersion:
				r := &resolve.Request{Request: p.Request, Pin: &pins[i], Origin: origin}
				r.Text = p.Text
				in.Pins = append(in.Pins, r)
			default:
				if d, ok := project.PyenvVersionDir(l.pyenvRoot(), p.Text); ok {
					in.Pins = append(in.Pins, &resolve.Request{Request: pyver.Request{Text: p.Text, Version: pyver.Unknown}, Path: d, Origin: origin})
				} else {
					unknown = append(unknown, p)
				}
			}
		}
		in.PinsFile = pv
	}
	if pp := l.pyproject; pp != "" {
		req, ok, err := project.ReadRequiresPython(pp)
		if err != nil {
			return &projectError{err}
		}
		if ok {
			in.RequiresPython = specRequest(req.Text, req.Spec, fmt.Sprintf("requires-python in %s", pp))
		}
	}
	return nil
}

// venvCfg is the file that makes a .venv directory a project environment.
var venvCfg = filepath.Join(".venv", venv.CfgName)

// walkProject walks up from cwd once, for the project's .venv and, if
// files is set, its .python-version and pyproject.toml (each the nearest).
func (l *launch) walkProject(cwd string, files bool) {
	if cwd == "" {
		return
	}
	files = files && l.setting("project_files", true)
	var names []string
	if !l.noProject {
		names = append(names, venvCfg)
	}
	if files {
		names = append(names, project.PythonVersionFile, project.PyprojectFile)
	}
	found := project.FindUpEachFunc(cwd, names, 0, l.owned)
	i := 0
	if !l.noProject {
		if found[0] != "" {
			l.projectVenv = filepath.Dir(found[0])
		}
		i = 1
	}
	if files {
		l.pythonVersionFile, l.pyproject = found[i], found[i+1]
	}
	l.walked = true
}

// owned reports whether a project file found walking up (for a .venv,
// its pyvenv.cfg) may be used: it, and the .venv, must be yours or
// root's, unless trusted_dirs says otherwise (git's safe.directory rule).
// Otherwise it warns once and the walk goes on up.
func (l *launch) owned(path string) bool {
	check := []string{path}
	if filepath.Base(path) == venv.CfgName {
		check = []string{filepath.Dir(path), path}
	}
	for _, p := range check {
		st, lst, err := trust.Of(p)
		if err != nil {
			return false
		}
		if err := l.trust.Owned(p, st, lst); err != nil {
			setting := "trusted_dirs under [settings] in py.ini"
			if len(l.iniPaths) > 0 {
				setting = "trusted_dirs under [settings] in " + quote(l.iniPaths[0])
			}
			l.warnf("ignoring %s: %v; to trust it, add %s to %s", quote(p), err, quote(filepath.Dir(p)), setting)
			return false
		}
	}
	return true
}

// scriptMetadata reads a script's PEP 723 block for requires-python. A
// malformed block is warned about and ignored.
func (l *launch) scriptMetadata(script string) *resolve.Request {
	data, err := readfile.Head(script, maxScript)
	if err != nil {
		return nil
	}
	req, ok, err := project.ScriptRequiresPython(data, script)
	if err != nil {
		l.warnf("ignoring the inline metadata of %q: %v", script, err)
		return nil
	}
	if !ok {
		return nil
	}
	return specRequest(req.Text, req.Spec, fmt.Sprintf("requires-python in the script %s", strconv.Quote(script)))
}

func specRequest(text string, spec pep440.SpecifierSet, origin string) *resolve.Request {
	return &resolve.Request{Request: pyver.Request{Text: text, Version: pyver.Unknown}, Spec: spec, Origin: origin}
}

func (l *launch) pyenvRoot() string { return tooldirs.Pyenv(runtime.GOOS, l.env.Get) }

// parseExplicit parses a launcher request: a tag (-3.12), or for -V: a
// PEP 514 selector, an implementation (pypy3.9, cpython@3.12), a PEP 440
// specifier set (">=3.11,<3.13"), or an absolute path to an interpreter
// or a virtual environment.
func parseExplicit(kind, text string) (*resolve.Request, error) {
	if kind == "selector" {
		switch {
		case filepath.IsAbs(text) || strings.HasPrefix(text, "/"):
			return &resolve.Request{Request: pyver.Request{Text: text, Version: pyver.Unknown}, Path: filepath.Clean(text)}, nil
		case text != "" && strings.ContainsRune("<>=!~", rune(text[0])):
			spec, err := pep440.Parse(text)
			if err != nil {
				return nil, err
			}
			return specRequest(text, spec, ""), nil
		}
	}
	return nil, nil
}
