package resolve

import (
	"errors"
	"strings"
	"testing"

	"github.com/pylauncher/py/internal/discover"
	"github.com/pylauncher/py/internal/pyver"
	"github.com/pylauncher/py/internal/request"
)

// interp builds a settled install from a compact description:
// "3.12.1", "3.13.0t", "3.14.0rc1", "3.12.1d", "pypy:3.10.14".
func interp(desc, path string, src discover.Source, rank int) *discover.Interpreter {
	b := pyver.Build{Impl: pyver.CPython, Bits: 64}
	if impl, rest, ok := strings.Cut(desc, ":"); ok {
		b.Impl, desc = impl, rest
	}
	if s, ok := strings.CutSuffix(desc, "d"); ok {
		b.Debug, desc = true, s
	}
	if s, ok := strings.CutSuffix(desc, "t"); ok {
		b.FreeThreaded, desc = true, s
	}
	v, ok := pyver.ParseVersion(desc)
	if !ok {
		panic(desc)
	}
	b.Version = v
	return &discover.Interpreter{Path: path, Source: src, Rank: rank, Build: b, Settled: true}
}

func TestChoose(t *testing.T) {
	machine := func() []*discover.Interpreter {
		return []*discover.Interpreter{
			interp("3.11.2", "/usr/bin/python3.11", discover.Path, 9),
			interp("3.11.7", "/pyenv/3.11.7/bin/python3.11", discover.Pyenv, 4),
			interp("3.12.1", "/pyenv/3.12.1/bin/python3.12", discover.Pyenv, 4),
			interp("3.12.8", "/pyenv/3.12.8/bin/python3.12", discover.Pyenv, 4),
			interp("3.13.0", "/pyenv/3.13.0/bin/python3.13", discover.Pyenv, 4),
			interp("3.13.1t", "/pyenv/3.13.1t/bin/python3.13t", discover.Pyenv, 4),
			interp("3.14.0rc1", "/pyenv/3.14.0rc1/bin/python3.14", discover.Pyenv, 4),
			interp("pypy:3.10.14", "/usr/bin/pypy3", discover.Path, 9),
			interp("2.7.18", "/pyenv/2.7.18/bin/python2.7", discover.Pyenv, 4),
		}
	}
	venvPy := interp("3.10.4", "/work/.venv/bin/python", discover.Project, discover.NotOnPath)
	venvPy.Venv = true
	activePy := interp("3.11.2", "/active/bin/python", discover.VirtualEnv, discover.NotOnPath)
	activePy.Venv = true

	tests := []struct {
		name     string
		request  string // an old-style tag, or "V:" + a selector
		env      map[string]string
		ini      string
		active   bool
		project  bool
		allowPre bool
		want     string // path, or "error: ..." substring
	}{
		{name: "newest stable", want: "/pyenv/3.13.0/bin/python3.13"},
		{name: "-3 not free-threaded, not rc", request: "3", want: "/pyenv/3.13.0/bin/python3.13"},
		{name: "-3.13 not 3.13t", request: "3.13", want: "/pyenv/3.13.0/bin/python3.13"},
		{name: "-3.13t", request: "3.13t", want: "/pyenv/3.13.1t/bin/python3.13t"},
		{name: "-3.14 only an rc", request: "3.14", want: "/pyenv/3.14.0rc1/bin/python3.14"},
		{name: "allow pre-releases", allowPre: true, want: "/pyenv/3.14.0rc1/bin/python3.14"},
		{name: "newest micro at one rank", request: "3.12", want: "/pyenv/3.12.8/bin/python3.12"},
		{name: "exact micro", request: "3.12.1", want: "/pyenv/3.12.1/bin/python3.12"},
		{name: "earlier on PATH wins at a version", request: "3.11", want: "/pyenv/3.11.7/bin/python3.11"},
		{name: "-2", request: "2", want: "/pyenv/2.7.18/bin/python2.7"},
		{name: "3.10 only PyPy", request: "3.10", want: "/usr/bin/pypy3"},
		{name: "V:PyPy/3.10", request: "V:PyPy/3.10", want: "/usr/bin/pypy3"},
		{name: "V:pypy", request: "V:pypy", want: "/usr/bin/pypy3"},
		{name: "V:PythonCore/3.10 no match", request: "V:PythonCore/3.10", want: "error: no installed Python matches \"PythonCore/3.10\" (from the command line)"},
		{name: "V:3.1 is not 3.10", request: "V:3.1", want: "error: no installed Python matches"},
		{name: "no match", request: "3.99", want: "error: no installed Python matches \"3.99\""},
		{name: "32-bit not available", request: "3.12-32", want: "error: no installed Python matches"},
		{name: "64-bit", request: "3.12-64", want: "/pyenv/3.12.8/bin/python3.12"},
		{name: "active venv", active: true, want: "/active/bin/python"},
		{name: "active venv beats default", active: true, env: map[string]string{"PY_PYTHON": "3.12"}, want: "/active/bin/python"},
		{name: "explicit beats active venv", active: true, request: "3.11", want: "/pyenv/3.11.7/bin/python3.11"},
		{name: "active beats project", active: true, project: true, want: "/active/bin/python"},
		{name: "project", project: true, want: "/work/.venv/bin/python"},
		{name: "PY_PYTHON", env: map[string]string{"PY_PYTHON": "3.11"}, want: "/pyenv/3.11.7/bin/python3.11"},
		{name: "PY_PYTHON chains", env: map[string]string{"PY_PYTHON": "3", "PY_PYTHON3": "3.12.1"}, want: "/pyenv/3.12.1/bin/python3.12"},
		{name: "-3 uses PY_PYTHON3", request: "3", env: map[string]string{"PY_PYTHON3": "3.11"}, want: "/pyenv/3.11.7/bin/python3.11"},
		{name: "-3.12 ignores PY_PYTHON3", request: "3.12", env: map[string]string{"PY_PYTHON3": "3.11"}, want: "/pyenv/3.12.8/bin/python3.12"},
		{name: "PY_PYTHON2 chains", env: map[string]string{"PY_PYTHON": "2", "PY_PYTHON2": "2.7"}, want: "/pyenv/2.7.18/bin/python2.7"},
		{name: "PY_PYTHON3 wrong major", env: map[string]string{"PY_PYTHON": "3", "PY_PYTHON3": "2.7"}, want: "error: \"2.7\" is not a Python 3 version (from PY_PYTHON3)"},
		{name: "PY_PYTHON missing version", env: map[string]string{"PY_PYTHON": "3.99"}, want: "error: no installed Python matches \"3.99\" (from PY_PYTHON)"},
		{name: "PY_PYTHON malformed", env: map[string]string{"PY_PYTHON": "3junk"}, want: "error: invalid request \"3junk\""},
		{name: "PY_PYTHON company", env: map[string]string{"PY_PYTHON": "PyPy/3.10"}, want: "/usr/bin/pypy3"},
		{name: "PY_PYTHON impl", env: map[string]string{"PY_PYTHON": "pypy3.10"}, want: "/usr/bin/pypy3"},
		{name: "ini default", ini: "python=3.12.1\n", want: "/pyenv/3.12.1/bin/python3.12"},
		{name: "env beats ini", ini: "python=3.12.1\n", env: map[string]string{"PY_PYTHON": "3.11"}, want: "/pyenv/3.11.7/bin/python3.11"},
		{name: "ini chain", ini: "python=3\npython3=3.11\n", want: "/pyenv/3.11.7/bin/python3.11"},
		{name: "ini error names the file", ini: "python=3.98\n", want: "error: no installed Python matches \"3.98\" (from [defaults] python in \"/cfg/py.ini\")"},
		{name: "uv request", request: "V:cp312", want: "/pyenv/3.12.8/bin/python3.12"},
		{name: "uv joined version", request: "V:312", want: "/pyenv/3.12.8/bin/python3.12"},
		{name: "specifier", request: "V:>=3.11,<3.13", want: "/pyenv/3.12.8/bin/python3.12"},
		{name: "tag exact", request: "V:3.12", want: "/pyenv/3.12.8/bin/python3.12"},
		{name: "any", request: "V:any", want: "/pyenv/3.13.0/bin/python3.13"},
		{name: "default", request: "V:default", env: map[string]string{"PY_PYTHON": "3.11"}, want: "/pyenv/3.11.7/bin/python3.11"},
		{name: "PY_PYTHON uv", env: map[string]string{"PY_PYTHON": "cp311"}, want: "/pyenv/3.11.7/bin/python3.11"},
		{name: "-3 with a tag default", request: "3", env: map[string]string{"PY_PYTHON3": "PyPy/3.10"}, want: "/usr/bin/pypy3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			found := &discover.Found{Installs: machine()}
			if tt.active {
				found.VirtualEnv = &discover.Env{Source: discover.VirtualEnv, Dir: "/active", Interp: activePy}
			}
			if tt.project {
				found.Project = &discover.Env{Source: discover.Project, Dir: "/work/.venv", Interp: venvPy}
			}
			in := Inputs{Found: found, Defaults: defaults(tt.env, tt.ini), AllowPre: tt.allowPre, Explain: true}
			if tt.request != "" {
				in.Explicit = explicit(t, tt.request)
			}
			ch, err := Choose(in)
			got := ""
			if err != nil {
				got = "error: " + err.Error()
			} else {
				got = ch.Interp.Path
			}
			if !strings.HasPrefix(got, tt.want) {
				t.Errorf("Choose = %q, want %q\nreasons: %q", got, tt.want, ch.Reasons)
			}
		})
	}
}

// explicit reads a command-line request: an old-style tag, or "V:" and
// a selector.
func explicit(t *testing.T, text string) *request.Request {
	t.Helper()
	var r request.Request
	var err error
	if sel, ok := strings.CutPrefix(text, "V:"); ok {
		r, err = request.FromSelector(sel, "the command line")
	} else {
		r, err = request.FromOption(text, "the command line")
	}
	if err != nil {
		t.Fatal(err)
	}
	return &r
}

// defaults reads PY_PYTHON* from env, then "key=value" lines of ini,
// as the launcher does.
func defaults(env map[string]string, ini string) Defaults {
	keys := map[string]string{}
	for _, l := range strings.Split(ini, "\n") {
		if k, v, ok := strings.Cut(l, "="); ok {
			keys[k] = v
		}
	}
	one := func(name, key string) Default {
		origin, text := name, env[name]
		if text == "" {
			origin, text = `[defaults] `+key+` in "/cfg/py.ini"`, keys[key]
		}
		if text == "" {
			return Default{}
		}
		r, err := request.FromDefault(text, origin)
		if err != nil {
			return Default{Err: &BadRequestError{Origin: origin, Err: err}}
		}
		return Default{Request: &r}
	}
	return Defaults{Python: one("PY_PYTHON", "python"), Python3: one("PY_PYTHON3", "python3"), Python2: one("PY_PYTHON2", "python2")}
}

func TestChooseBrokenEnvironments(t *testing.T) {
	var warnings []string
	found := &discover.Found{
		VirtualEnv: &discover.Env{Source: discover.VirtualEnv, Dir: "/gone", Problem: "it holds no interpreter"},
		Project:    &discover.Env{Source: discover.Project, Dir: "/p/.venv", Problem: "it holds no interpreter"},
		Installs:   []*discover.Interpreter{interp("3.12.1", "/a/python3.12", discover.Path, 0)},
	}
	ch, err := Choose(Inputs{Found: found})
	warnings = ch.Warnings
	if err != nil || ch.Interp.Path != "/a/python3.12" {
		t.Fatalf("Choose = %v, %v; want /a/python3.12", ch.Interp, err)
	}
	if len(warnings) != 2 || !strings.Contains(warnings[0], `VIRTUAL_ENV="/gone" is ignored`) || !strings.Contains(warnings[1], `"/p/.venv" is ignored`) {
		t.Errorf("warnings = %q", warnings)
	}
}

func TestChooseNothing(t *testing.T) {
	_, err := Choose(Inputs{Found: &discover.Found{}})
	if !errors.As(err, new(NoPythonError)) {
		t.Errorf("Choose with nothing = %v, want NoPythonError", err)
	}
	_, err = Choose(Inputs{Found: &discover.Found{}, Explicit: explicit(t, "3.12")})
	if np := new(NoPythonError); !errors.As(err, np) || np.Request == nil || np.Request.Text != "3.12" {
		t.Errorf("Choose -3.12 with nothing = %#v, want NoPythonError for 3.12", err)
	}
	// Only Python 2: plain py still runs it.
	found := &discover.Found{Installs: []*discover.Interpreter{interp("2.7.18", "/p/python2.7", discover.Path, 0)}}
	ch, err := Choose(Inputs{Found: found})
	if err != nil || ch.Interp.Path != "/p/python2.7" {
		t.Errorf("Choose with only 2.7 = %v, %v", ch.Interp, err)
	}
}

// Without Found, nothing was found: Choose says so, whatever it is
// asked, rather than failing.
func TestChooseNilFound(t *testing.T) {
	_, err := Choose(Inputs{Explain: true})
	if !errors.As(err, new(NoPythonError)) {
		t.Errorf("Choose with Explain = %v, want NoPythonError", err)
	}
	_, err = Choose(Inputs{Explicit: explicit(t, "V:/opt/py/bin/python3")})
	var nm *NoMatchError
	if !errors.As(err, &nm) || len(nm.Untrusted) != 0 {
		t.Errorf("Choose -V:/opt/py/bin/python3 = %v, want a *NoMatchError", err)
	}
	if got := Pick(Inputs{}, explicit(t, "3")); got != nil {
		t.Errorf("Pick = %v, want nil", got)
	}
}

// Learn is asked only where names do not settle the question, and only
// queries when the request needs it; what it says is used, and the
// interpreters Choose was given are left as they were.
func TestChooseLearn(t *testing.T) {
	unversioned := &discover.Interpreter{Path: "/x/python3", Source: discover.Path, Rank: 0, Build: pyver.Build{Impl: pyver.CPython, Version: pyver.Unknown}}
	named := &discover.Interpreter{Path: "/y/python3.15", Source: discover.Path, Rank: 1, Build: pyver.Build{Impl: pyver.CPython, Version: pyver.Version{Major: 3, Minor: 15, Micro: -1}}}
	settled := interp("3.12.1", "/z/python3.12", discover.Pyenv, 2)
	var asked []string
	learn := func(c *discover.Interpreter, query bool) (Learned, bool) {
		asked = append(asked, c.Path+map[bool]string{true: " query", false: " cache"}[query])
		switch c.Path {
		case "/x/python3":
			return Learned{Build: pyver.Build{Impl: pyver.CPython, Version: pyver.Version{Major: 3, Minor: 13, Micro: 2}}}, true
		case "/y/python3.15":
			return Learned{Build: pyver.Build{Impl: pyver.CPython, Version: pyver.Version{Major: 3, Minor: 15, Micro: 0, Pre: "a2"}}}, true
		}
		return Learned{}, false
	}
	found := &discover.Found{Installs: []*discover.Interpreter{unversioned, named, settled}}
	ch, err := Choose(Inputs{Found: found, Learn: learn})
	if err != nil || ch.Interp != unversioned || ch.Build.Version.Minor != 13 {
		t.Fatalf("Choose = %v (%+v), %v; want /x/python3 (3.13.2)", ch.Interp, ch.Build, err)
	}
	want := []string{"/x/python3 query", "/y/python3.15 cache"}
	if strings.Join(asked, ",") != strings.Join(want, ",") {
		t.Errorf("asked %q, want %q", asked, want)
	}
	if unversioned.Version.Known() || named.Version.Micro >= 0 || unversioned.Settled {
		t.Errorf("Choose changed the interpreters it was given: %+v, %+v", unversioned, named)
	}
}

func TestSort(t *testing.T) {
	pool := []*discover.Interpreter{
		interp("pypy:3.12.1", "f", discover.Path, 0),
		interp("3.12.1d", "e", discover.Path, 0),
		interp("3.12.1t", "d", discover.Path, 0),
		interp("3.12.0rc1", "c", discover.Path, 0),
		interp("3.12.1", "b2", discover.Pyenv, 3),
		interp("3.12.1", "b", discover.Path, 3),
		interp("3.12.9", "a", discover.Path, 1),
		interp("3.13.0", "z", discover.System, discover.NotOnPath),
	}
	Sort(pool)
	var got []string
	for _, c := range pool {
		got = append(got, c.Path)
	}
	want := "z a b b2 c d e f"
	if strings.Join(got, " ") != want {
		t.Errorf("Sort = %q, want %q", strings.Join(got, " "), want)
	}
}
