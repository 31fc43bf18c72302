package resolve

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/pylauncher/py/internal/discover"
	"github.com/pylauncher/py/internal/fileid"
	"github.com/pylauncher/py/internal/pyver"
	"github.com/pylauncher/py/internal/request"
)

// mustRequest returns what parse reads, failing the test on an error.
func mustRequest(t *testing.T, parse func(text, origin string) (request.Request, error), text, origin string) *request.Request {
	t.Helper()
	r, err := parse(text, origin)
	if err != nil {
		t.Fatal(err)
	}
	return &r
}

// pins reads .python-version lines, as /src/app/.python-version.
func pins(t *testing.T, lines []string, interps map[string]*discover.Interpreter) []Pin {
	t.Helper()
	var ps []Pin
	for i, l := range lines {
		r := mustRequest(t, request.FromLine, l, fmt.Sprintf(".python-version in /src/app, line %d", i+1))
		ps = append(ps, Pin{Request: r, Interp: interps[l]})
	}
	return ps
}

// venvInterp is a virtual environment's interpreter; version "" is one
// whose pyvenv.cfg says nothing.
func venvInterp(version, dir string, src discover.Source) *discover.Interpreter {
	it := &discover.Interpreter{Path: dir + "/bin/python", Source: src, Rank: discover.NotOnPath, Venv: true, Prefix: dir,
		Build: pyver.Build{Impl: pyver.CPython, Version: pyver.Unknown}}
	if version != "" {
		it.Build = interp(version, "", src, 0).Build
		it.Settled = true
	}
	return it
}

func TestChooseProject(t *testing.T) {
	machine := func() []*discover.Interpreter {
		return []*discover.Interpreter{
			interp("3.10.14", "/pyenv/3.10.14/bin/python3.10", discover.Pyenv, 4),
			interp("3.11.9", "/pyenv/3.11.9/bin/python3.11", discover.Pyenv, 4),
			interp("3.12.8", "/pyenv/3.12.8/bin/python3.12", discover.Pyenv, 4),
			interp("3.13.1", "/pyenv/3.13.1/bin/python3.13", discover.Pyenv, 4),
			interp("pypy:3.10.14", "/usr/bin/pypy3", discover.Path, 9),
		}
	}
	const (
		py310 = "/pyenv/3.10.14/bin/python3.10"
		py311 = "/pyenv/3.11.9/bin/python3.11"
		py312 = "/pyenv/3.12.8/bin/python3.12"
		py313 = "/pyenv/3.13.1/bin/python3.13"
		dotv  = "/src/app/.venv/bin/python"
		myenv = "/pyenv/versions/myenv/bin/python"
		other = "/pyenv/versions/other/bin/python"
	)
	tests := []struct {
		name     string
		pins     []string
		named    []string // pins that name an interpreter discovery found: myenv (3.11), other (3.12)
		requires string   // requires-python
		shebang  string   // the version in the shebang's virtual command
		pep723   string   // the script's requires-python
		venv     string   // the project .venv's version; "?" when unknown
		active   string   // VIRTUAL_ENV's version
		env      map[string]string
		learn    map[string]string // what Learn says of a path: its version
		want     string            // a path, or "error: " and the start of the message
		warning  string            // "" for none
		reason   string
	}{
		{name: "a pin", pins: []string{"3.11"}, want: py311, reason: `the project asks for Python 3.11 (.python-version in /src/app, line 1)`},
		{name: "first satisfiable pin wins", pins: []string{"3.99", "3.11", "3.12"}, want: py311, reason: `nothing installed satisfies 3.99 (.python-version in /src/app, line 1)`},
		{name: "first pin wins over a newer one", pins: []string{"3.10", "3.13"}, want: py310},
		{name: "a pin for an implementation", pins: []string{"pypy3.10"}, want: "/usr/bin/pypy3"},
		{name: "a pin nothing satisfies", pins: []string{"3.99"}, want: `error: no installed Python matches "3.99" (from .python-version in /src/app, line 1)`},
		{name: "no pin satisfiable names the first", pins: []string{"3.99", "3.98"}, want: `error: no installed Python matches "3.99" (from .python-version in /src/app, line 1)`},
		{name: "a named pin runs its interpreter", pins: []string{"myenv", "3.13"}, named: []string{"myenv"}, want: myenv,
			reason: `.python-version in /src/app, line 1 names the interpreter ` + myenv},
		{name: "a named pin that is not there is skipped", pins: []string{"myenv", "3.12"}, want: py312,
			reason: `.python-version in /src/app, line 1: "myenv" names no interpreter; skipped`},
		{name: "a named pin that does not satisfy the script", pins: []string{"myenv", "3.12"}, named: []string{"myenv"}, shebang: "3.12", want: py312,
			reason: `names ` + myenv + `, which does not satisfy the script`},
		{name: "a named pin that satisfies the script", pins: []string{"myenv"}, named: []string{"myenv"}, shebang: "3.11", want: myenv},
		{name: "pyenv system is skipped", pins: []string{"system", "3.12"}, want: py312, reason: `pyenv's "system" is not a request; skipped`},
		{name: "requires-python", requires: ">=3.11,<3.13", want: py312, reason: `the project asks for Python >=3.11,<3.13 (pyproject.toml in /src/app)`},
		{name: "requires-python filters the pins", pins: []string{"3.10", "3.11"}, requires: ">=3.11", want: py311},
		{name: "requires-python filters a pin by a range", pins: []string{">=3.10"}, requires: "<3.12", want: py311},
		{name: "requires-python nothing satisfies", requires: ">=3.99", want: `error: no installed Python matches ">=3.99" (from pyproject.toml in /src/app)`},
		{name: "pin and requires-python disagree: the pin is named", pins: []string{"3.11"}, requires: ">=3.12", want: `error: no installed Python matches "3.11" (from .python-version in /src/app, line 1)`},
		{name: "the project .venv", pins: []string{"3.12"}, venv: "3.12.3", want: dotv, reason: "found the project environment /src/app/.venv"},
		{name: "the project .venv with requires-python", requires: ">=3.12", venv: "3.12.3", want: dotv},
		{name: "a .venv of any version without project requests", venv: "3.10.2", want: dotv},
		{name: "a .venv satisfying a later pin", pins: []string{"3.13", "3.12"}, venv: "3.12.3", want: dotv},
		{name: "a stale .venv for a pin", pins: []string{"3.13"}, venv: "3.12.3", want: py313,
			warning: `the project environment "/src/app/.venv" is stale: it is Python 3.12.3, and the project asks for 3.13 (.python-version)`},
		{name: "a stale .venv for requires-python", pins: []string{"3.12", "3.13"}, requires: ">=3.13", venv: "3.12.3", want: py313,
			warning: `and the project asks for 3.12 or 3.13 (.python-version) and >=3.13 (requires-python)`},
		{name: "the .venv named by a pin", pins: []string{"3.13", "./.venv"}, named: []string{"./.venv"}, venv: "3.11.2", want: dotv},
		{name: "a .venv another named pin names is stale", pins: []string{"other"}, named: []string{"other"}, venv: "3.12.3", want: other, warning: "is stale"},
		{name: "a .venv whose version must be asked", pins: []string{"3.12"}, venv: "?", learn: map[string]string{dotv: "3.12.4"}, want: dotv},
		{name: "a .venv whose version must be asked, stale", pins: []string{"3.12"}, venv: "?", learn: map[string]string{dotv: "3.11.4"}, want: py312, warning: "stale: it is Python 3.11.4"},
		{name: "a .venv that does not satisfy the script is passed over quietly", venv: "3.12.3", shebang: "3.13", want: py313,
			reason: "the project environment /src/app/.venv is Python 3.12.3, not the 3.13 the script asks for"},
		{name: "the shebang", shebang: "3.11", want: py311, reason: `the script asks for Python 3.11 (the shebang of /src/app/s.py)`},
		{name: "PEP 723", pep723: ">=3.11,<3.12", want: py311},
		{name: "the shebang and PEP 723 together", shebang: "3", pep723: "<3.13", want: py312},
		{name: "the script and the project agree on a later pin", pins: []string{"3.11", "3.13"}, pep723: ">=3.12", want: py313},
		{name: "the script and the project contradict: the script wins", pins: []string{"3.11"}, shebang: "3.12", want: py312,
			warning: `the script's request (3.12) and the project's (3.11 (.python-version)) contradict each other; the project's are dropped`},
		{name: "the script and requires-python contradict", requires: ">=3.12", pep723: "<3.11", want: py310,
			warning: `the script's request (<3.11) and the project's (>=3.12 (requires-python)) contradict each other`},
		{name: "the script's request nothing satisfies, with a project", pins: []string{"3.11"}, shebang: "3.99", want: `error: no installed Python matches "3.99" (from the shebang of /src/app/s.py)`},
		{name: "the script's request nothing satisfies", pep723: ">=3.99", want: `error: no installed Python matches ">=3.99" (from /src/app/s.py)`},
		{name: "a python3 shebang follows PY_PYTHON3", shebang: "3", env: map[string]string{"PY_PYTHON3": "3.11"}, want: py311, reason: `PY_PYTHON3 names "3.11"`},
		{name: "a python3 shebang with a bad PY_PYTHON3", shebang: "3", env: map[string]string{"PY_PYTHON3": "2.7"}, want: `error: "2.7" is not a Python 3 version (from PY_PYTHON3)`},
		{name: "the project beats the default", pins: []string{"3.11"}, env: map[string]string{"PY_PYTHON": "3.12"}, want: py311},
		{name: "the active environment beats the project", pins: []string{"3.12"}, venv: "3.12.3", active: "3.10.1", want: "/active/bin/python"},
		{name: "the active environment must satisfy the script", active: "3.10.1", shebang: "3.12", want: py312,
			reason: "VIRTUAL_ENV is Python 3.10.1, not the 3.12 the script asks for"},
		{name: "the active environment satisfying the script", active: "3.12.1", shebang: "3.12", pins: []string{"3.11"}, want: "/active/bin/python"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			interps := map[string]*discover.Interpreter{
				"myenv": venvInterp("3.11.2", "/pyenv/versions/myenv", discover.Given),
				"other": venvInterp("3.12.2", "/pyenv/versions/other", discover.Given),
				// The .venv itself, found by the path the pin gives.
				"./.venv": venvInterp("3.11.2", "/src/app/.venv", discover.Given),
			}
			interps["other"].ID = fileid.ID{Inode: 8, Dev: 1}
			interps["./.venv"].ID = fileid.ID{Inode: 7, Dev: 1}
			named := map[string]*discover.Interpreter{}
			for _, n := range tt.named {
				named[n] = interps[n]
			}
			found := &discover.Found{Installs: machine(), ProjectSearched: true}
			if tt.venv != "" {
				v := tt.venv
				if v == "?" {
					v = ""
				}
				found.Project = &discover.Env{Source: discover.Project, Dir: "/src/app/.venv", Interp: venvInterp(v, "/src/app/.venv", discover.Project)}
				found.Project.Interp.ID = fileid.ID{Inode: 7, Dev: 1}
			}
			if tt.active != "" {
				found.VirtualEnv = &discover.Env{Source: discover.VirtualEnv, Dir: "/active", Interp: venvInterp(tt.active, "/active", discover.VirtualEnv)}
			}
			in := Inputs{Found: found, Pins: pins(t, tt.pins, named), PinsFile: "/src/app/.python-version", Defaults: defaults(tt.env, ""), Explain: true}
			if tt.requires != "" {
				in.RequiresPython = mustRequest(t, request.FromSpecifier, tt.requires, "pyproject.toml in /src/app")
			}
			if tt.shebang != "" {
				in.Script = append(in.Script, mustRequest(t, request.FromShebang, tt.shebang, "the shebang of /src/app/s.py"))
			}
			if tt.pep723 != "" {
				in.Script = append(in.Script, mustRequest(t, request.FromSpecifier, tt.pep723, "/src/app/s.py"))
			}
			if tt.learn != nil {
				in.Learn = func(it *discover.Interpreter, query bool) (Learned, bool) {
					v, ok := tt.learn[it.Path]
					if !ok || !query {
						return Learned{}, false
					}
					return Learned{Build: interp(v, "", 0, 0).Build, Venv: it.Venv, Prefix: it.Prefix}, true
				}
			}
			ch, err := Choose(in)
			if got := outcome(ch, err); !strings.HasPrefix(got, tt.want) {
				t.Errorf("Choose = %q, want %q\nwarnings: %q\nreasons: %q", got, tt.want, ch.Warnings, ch.Reasons)
			}
			switch {
			case tt.warning == "" && len(ch.Warnings) > 0:
				t.Errorf("warnings = %q, want none", ch.Warnings)
			case tt.warning != "" && (len(ch.Warnings) != 1 || !strings.Contains(ch.Warnings[0], tt.warning)):
				t.Errorf("warnings = %q, want one with %q", ch.Warnings, tt.warning)
			}
			if tt.reason != "" && !contains(ch.Reasons, tt.reason) {
				t.Errorf("reasons %q lack %q", ch.Reasons, tt.reason)
			}
			var nm *NoMatchError
			if errors.As(err, &nm) && !strings.Contains(tt.want, nm.Request.Origin) {
				t.Errorf("NoMatchError.Request from %q, want the one in %q", nm.Request.Origin, tt.want)
			}
		})
	}
}

// Where the .venv search stood, and what the reasons say of it.
func TestChooseProjectSearch(t *testing.T) {
	installs := []*discover.Interpreter{interp("3.12.1", "/a/python3.12", discover.Path, 0)}
	for _, tt := range []struct {
		name  string
		found discover.Found
		want  string
	}{
		{"searched", discover.Found{ProjectSearched: true}, "no .venv was found in the current directory or its parents"},
		{"skipped", discover.Found{ProjectSkipped: "the current directory is unknown"}, "no .venv was searched for: the current directory is unknown"},
		{"turned off", discover.Found{}, "the .venv search is turned off ([settings] project_venv in py.ini)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := tt.found
			f.Installs = installs
			ch, err := Choose(Inputs{Found: &f, Explain: true})
			if err != nil || ch.Interp != installs[0] {
				t.Fatalf("Choose = %q", outcome(ch, err))
			}
			if !contains(ch.Reasons, tt.want) {
				t.Errorf("reasons %q lack %q", ch.Reasons, tt.want)
			}
			for _, other := range []string{"no .venv was found", "no .venv was searched for", "the .venv search is turned off"} {
				if !strings.HasPrefix(tt.want, other) && contains(ch.Reasons, other) {
					t.Errorf("reasons %q say %q", ch.Reasons, other)
				}
			}
		})
	}
	// Without Explain, no reasons are collected.
	ch, _ := Choose(Inputs{Found: &discover.Found{ProjectSearched: true, Installs: installs}})
	if len(ch.Reasons) != 0 {
		t.Errorf("reasons without Explain: %q", ch.Reasons)
	}
}
