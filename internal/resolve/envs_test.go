package resolve

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/pylauncher/py/internal/discover"
	"github.com/pylauncher/py/internal/request"
)

// TestChooseEnvironments covers the active environments (VIRTUAL_ENV,
// then CONDA_PREFIX; conda's base environment is an install) and the
// explicit requests that name an interpreter.
func TestChooseEnvironments(t *testing.T) {
	const (
		py312  = "/usr/bin/python3.12"
		py311  = "/usr/bin/python3.11"
		active = "/active/bin/python"
		condaE = "/conda/envs/ml/bin/python"
		base   = "/conda/bin/python"
		given  = "/opt/py/bin/python3"
	)
	tests := []struct {
		name     string
		installs []string // descriptions for interp, at /usr/bin/pythonX.Y (pypy at /usr/bin/pypy3)
		venv     string   // VIRTUAL_ENV's version; "none" for an environment without an interpreter
		conda    string   // CONDA_PREFIX's version (an activated environment)
		base     string   // CONDA_PREFIX's version (conda's base environment)
		request  string
		given    bool // ExplicitInterp is the interpreter the request names
		shebang  string
		env      map[string]string
		want     string // a path, or "error: " and the start of the message
		reason   string
		warning  string
	}{
		{name: "VIRTUAL_ENV", venv: "3.10.1", want: active, reason: "VIRTUAL_ENV is set: running its interpreter"},
		{name: "CONDA_PREFIX", conda: "3.10.1", want: condaE, reason: "CONDA_PREFIX is set: running its interpreter"},
		{name: "VIRTUAL_ENV before CONDA_PREFIX", venv: "3.10.1", conda: "3.11.1", want: active},
		{name: "an empty VIRTUAL_ENV, then CONDA_PREFIX", venv: "none", conda: "3.11.1", want: condaE,
			warning: `VIRTUAL_ENV="/active" is ignored: it holds no interpreter`},
		{name: "VIRTUAL_ENV not what the script asks", venv: "3.10.1", conda: "3.12.1", shebang: "3.12", want: condaE,
			reason: "VIRTUAL_ENV is Python 3.10.1, not the 3.12 the script asks for"},
		{name: "no environment is active", want: py312, reason: "no virtual environment is active (VIRTUAL_ENV and CONDA_PREFIX are not set)"},
		{name: "conda base is no active environment", base: "3.9.7", want: py312,
			reason: "CONDA_PREFIX=/conda is conda's base environment: an install, not an activated environment"},
		{name: "conda base is an install", base: "3.13.2", want: base},
		{name: "conda base by version", base: "3.9.7", request: "3.9", want: base},
		{name: "conda base alone", installs: []string{}, base: "3.9.7", want: base},
		{name: "an explicit request passes over the active environment", venv: "3.12.1", request: "3.12", want: py312},
		{name: "an explicit request never runs the active environment", venv: "3.12.1", installs: []string{}, request: "3.12",
			want: `error: no installed Python matches "3.12" (from the command line)`},
		{name: "a path", request: "V:" + given, given: true, want: given, reason: "the command line names " + given},
		{name: "a path to nothing", request: "V:" + given, want: `error: no installed Python matches "` + given + `"`},
		{name: "a path to the active environment", venv: "3.10.1", request: "V:/active", given: true, want: given},
		{name: "a name on PATH", request: "V:mypython3", given: true, want: given},
		{name: "a name given as an option", request: "mypython3", given: true, want: given, reason: "the command line names " + given},
		{name: "a name on PATH that is not there", request: "V:mypython3", want: `error: no installed Python matches "mypython3"`},
		{name: "a name in PY_PYTHON", env: map[string]string{"PY_PYTHON": "mypython3"}, want: `error: no installed Python matches "mypython3" (from PY_PYTHON)`},
		{name: "-V:default without a default", request: "V:default", want: py312, reason: "the command line asks for the default Python"},
		{name: "-V:default chains", request: "V:default", env: map[string]string{"PY_PYTHON": "3", "PY_PYTHON3": "3.11"}, want: py311,
			reason: `PY_PYTHON names Python 3; PY_PYTHON3 names "3.11"`},
		{name: "-V:default with a bad default", request: "V:default", env: map[string]string{"PY_PYTHON": "3z"}, want: `error: invalid request "3z"`},
		{name: "-V:default passes over the active environment", venv: "3.10.1", request: "V:default", want: py312},
		{name: "-V:any prefers stable CPython", installs: []string{"3.14.0rc1", "pypy:3.13.1", "3.12.1"}, request: "V:any", want: py312},
		{name: "-V:any takes what there is", installs: []string{"pypy:3.13.1"}, request: "V:any", want: "/usr/bin/pypy3"},
		{name: "-V:any with nothing", installs: []string{}, request: "V:any", want: "error: no Python installation was found"},
		{name: "no stable CPython 3", installs: []string{"pypy:3.10.1", "3.14.0rc1", "2.7.18"}, want: "/usr/bin/python3.14",
			reason: "chose the newest Python 3 (no stable CPython 3 was found)"},
		{name: "the best match", request: "3.12", want: py312, reason: "Python 3.12 (from the command line) is satisfied by cpython 3.12.1, the best match"},
		{name: "the only match", installs: []string{"3.14.0rc1", "3.12.1"}, request: "3.14", want: "/usr/bin/python3.14",
			reason: "Python 3.14 (from the command line) is satisfied by cpython 3.14.0rc1, the only match"},
		{name: "the newest stable CPython 3", installs: []string{"3.11.1", "3.12.1", "2.7.18"}, want: py312, reason: "chose the newest stable CPython 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			descs := tt.installs
			if descs == nil {
				descs = []string{"3.11.1", "3.12.1"}
			}
			found := &discover.Found{}
			for _, d := range descs {
				path := "/usr/bin/python" + d[:strings.LastIndex(d, ".")]
				if strings.HasPrefix(d, "pypy:") {
					path = "/usr/bin/pypy3"
				}
				found.Installs = append(found.Installs, interp(d, path, discover.Path, 0))
			}
			switch tt.venv {
			case "":
			case "none":
				found.VirtualEnv = &discover.Env{Source: discover.VirtualEnv, Dir: "/active", Problem: "it holds no interpreter"}
			default:
				found.VirtualEnv = &discover.Env{Source: discover.VirtualEnv, Dir: "/active", Interp: venvInterp(tt.venv, "/active", discover.VirtualEnv)}
			}
			if tt.conda != "" {
				found.Conda = &discover.Env{Source: discover.Conda, Dir: "/conda/envs/ml", Interp: venvInterp(tt.conda, "/conda/envs/ml", discover.Conda)}
			}
			if tt.base != "" {
				found.Conda = &discover.Env{Source: discover.Conda, Dir: "/conda", Base: true, Interp: interp(tt.base, base, discover.Conda, discover.NotOnPath)}
			}
			in := Inputs{Found: found, Defaults: defaults(tt.env, ""), Explain: true}
			if tt.request != "" {
				in.Explicit = explicit(t, tt.request)
			}
			if tt.given {
				in.ExplicitInterp = interp("3.13.1", given, discover.Given, discover.NotOnPath)
			}
			if tt.shebang != "" {
				in.Script = request.Set{mustRequest(t, request.FromShebang, tt.shebang, "the shebang")}
			}
			ch, err := Choose(in)
			if got := outcome(ch, err); !strings.HasPrefix(got, tt.want) {
				t.Errorf("Choose = %q, want %q\nreasons: %q", got, tt.want, ch.Reasons)
			}
			if tt.reason != "" && !contains(ch.Reasons, tt.reason) {
				t.Errorf("reasons %q lack %q", ch.Reasons, tt.reason)
			}
			if tt.warning == "" && len(ch.Warnings) > 0 || tt.warning != "" && !contains(ch.Warnings, tt.warning) {
				t.Errorf("warnings = %q, want %q", ch.Warnings, tt.warning)
			}
		})
	}
}

// A conda base environment without an interpreter is neither an active
// environment nor an install.
func TestChooseCondaBaseWithoutInterpreter(t *testing.T) {
	found := &discover.Found{Conda: &discover.Env{Source: discover.Conda, Dir: "/conda", Base: true, Problem: "it holds no interpreter"}}
	if got := Pool(found); len(got) != 0 {
		t.Errorf("Pool = %v, want none", got)
	}
	_, err := Choose(Inputs{Found: found})
	if !errors.As(err, new(NoPythonError)) {
		t.Errorf("Choose = %v, want NoPythonError", err)
	}
}

func TestPool(t *testing.T) {
	inst := interp("3.12.1", "/usr/bin/python3.12", discover.Path, 0)
	venv := venvInterp("3.13.1", "/pyenv/versions/env", discover.Pyenv)
	untrusted := interp("3.13.1", "/tmp/python3.13", discover.Path, 1)
	untrusted.Untrusted = "writable by others"
	base := interp("3.11.1", "/conda/bin/python", discover.Conda, discover.NotOnPath)
	active := venvInterp("3.13.1", "/active", discover.VirtualEnv)
	found := &discover.Found{
		Installs:   []*discover.Interpreter{inst, venv, untrusted},
		Conda:      &discover.Env{Source: discover.Conda, Dir: "/conda", Base: true, Interp: base},
		VirtualEnv: &discover.Env{Source: discover.VirtualEnv, Dir: "/active", Interp: active},
	}
	if got := Pool(found); !slices.Equal(got, []*discover.Interpreter{inst, base}) {
		t.Errorf("Pool = %v, want the install and conda's base", got)
	}
	found.Conda.Base = false
	if got := Pool(found); !slices.Equal(got, []*discover.Interpreter{inst}) {
		t.Errorf("Pool with an activated conda environment = %v, want the install alone", got)
	}
}

// Pick is what one request alone would choose among the installs, for
// --list's marks.
func TestPick(t *testing.T) {
	suite := registered("PythonTestSuite", "3.100", "/suite/3.100/python.exe", 64, "")
	suite32 := registered("PythonTestSuite", "3.100-32", "/suite/3.100-32/python.exe", 32, "")
	py312 := interp("3.12.1", "/usr/bin/python3.12", discover.Path, 0)
	py313 := interp("3.13.1", "/usr/bin/python3.13", discover.Path, 0)
	rc := interp("3.14.0rc1", "/usr/bin/python3.14", discover.Path, 0)
	venv := venvInterp("3.11.1", "/pyenv/versions/env", discover.Pyenv)
	untrusted := interp("3.10.1", "/tmp/python3.10", discover.Path, 1)
	untrusted.Untrusted = "writable by others"
	base := interp("3.9.7", "/conda/bin/python", discover.Conda, discover.NotOnPath)
	found := &discover.Found{
		Installs: []*discover.Interpreter{suite32, suite, py312, py313, rc, venv, untrusted},
		Conda:    &discover.Env{Source: discover.Conda, Dir: "/conda", Base: true, Interp: base},
	}
	in := Inputs{Found: found}
	line := func(s string) *request.Request { return mustRequest(t, request.FromLine, s, ".python-version") }
	tests := []struct {
		req  *request.Request
		want *discover.Interpreter
	}{
		{explicit(t, "3"), suite}, // 3.100 is newer than 3.13
		{explicit(t, "3.13"), py313},
		{explicit(t, "3.12"), py312},
		{explicit(t, "3.14"), rc},
		{explicit(t, "3.99"), nil},
		{explicit(t, "3.11"), nil}, // a virtual environment only
		{explicit(t, "3.10"), nil}, // untrusted only
		{explicit(t, "3.9"), base},
		{explicit(t, "V:PythonTestSuite/3.100"), suite},
		{explicit(t, "V:3.100-32"), suite32},
		{explicit(t, "V:Contoso/"), nil},    // a tag alone: no version reading
		{explicit(t, "V:313"), py313},       // no tag 313: uv's reading
		{explicit(t, "V:3.12"), py312},      // the tag
		{explicit(t, "V:"+py312.Path), nil}, // a path names, not describes
		{line("myenv"), nil},                // a pyenv name
		{line("system"), nil},               // pyenv's system
		{line(">=3.12,<3.13"), py312},       // a range
		{mustRequest(t, request.FromSpecifier, ">=3.13,<3.15", "requires-python"), py313},
	}
	for _, tt := range tests {
		if got := Pick(in, tt.req); got != tt.want {
			t.Errorf("Pick(%q) = %v, want %v", tt.req.Text, got, tt.want)
		}
	}
}

func TestInputsRequests(t *testing.T) {
	if rs := (Inputs{}).Requests(); len(rs) != 0 {
		t.Errorf("Requests of nothing = %v", rs)
	}
	ex := explicit(t, "3.12")
	sh := mustRequest(t, request.FromShebang, "3", "the shebang")
	pep := mustRequest(t, request.FromSpecifier, ">=3.10", "PEP 723")
	rp := mustRequest(t, request.FromSpecifier, "<3.14", "requires-python")
	ps := pins(t, []string{"3.11", "myenv"}, nil)
	in := Inputs{Explicit: ex, Script: request.Set{sh, pep}, Pins: ps, RequiresPython: rp}
	want := []*request.Request{ex, sh, pep, ps[0].Request, ps[1].Request, rp}
	if got := in.Requests(); !slices.Equal(got, want) {
		var texts []string
		for _, r := range got {
			texts = append(texts, r.Text)
		}
		t.Errorf("Requests = %q, want 3.12, 3, >=3.10, 3.11, myenv, <3.14", texts)
	}
	in.Explicit = nil
	if got := in.Requests(); !slices.Equal(got, want[1:]) {
		t.Errorf("Requests without an explicit one: %d, want %d", len(got), len(want)-1)
	}
}

func TestErrorMessages(t *testing.T) {
	if got, want := (NoPythonError{}).Error(), "no Python installation was found"; got != want {
		t.Errorf("NoPythonError = %q, want %q", got, want)
	}
	r := mustRequest(t, request.FromDefault, "3.98", "PY_PYTHON")
	if got, want := (&NoMatchError{Request: r}).Error(), `no installed Python matches "3.98" (from PY_PYTHON)`; got != want {
		t.Errorf("NoMatchError = %q, want %q", got, want)
	}
}
