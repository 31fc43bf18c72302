package resolve

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/pylauncher/py/internal/discover"
	"github.com/pylauncher/py/internal/pyver"
)

// nameOnly builds an install that only its file name spoke for: version
// "3.12" for python3.12, "3" for python3, "" for python.
func nameOnly(version, path string, rank int) *discover.Interpreter {
	v := pyver.Unknown
	if version != "" {
		var ok bool
		if v, ok = pyver.ParseVersion(version); !ok {
			panic(version)
		}
	}
	return &discover.Interpreter{Path: path, Source: discover.Path, Rank: rank, Build: pyver.Build{Impl: pyver.CPython, Version: v}}
}

// brokenInterp is an install on PATH that discovery found not to work.
func brokenInterp(desc, path, why string) *discover.Interpreter {
	it := interp(desc, path, discover.Path, 0)
	it.Broken = why
	return it
}

// answer is what a test's Learn says of one path: a description as
// interp reads it ("3.13.2", "pypy:3.10.1"; "-32" after it for a 32-bit
// build; "venv " before it for a virtual environment), "broken: why",
// or "" for nothing known.
type answer struct{ cache, query string }

func learner(answers map[string]answer, asked *[]string) func(*discover.Interpreter, bool) (Learned, bool) {
	return func(it *discover.Interpreter, query bool) (Learned, bool) {
		a := answers[it.Path]
		s := a.cache
		if query {
			*asked = append(*asked, it.Path+" query")
			if a.query != "" {
				s = a.query
			}
		} else {
			*asked = append(*asked, it.Path+" cache")
		}
		switch {
		case s == "":
			return Learned{}, false
		case strings.HasPrefix(s, "broken: "):
			return Learned{Broken: strings.TrimPrefix(s, "broken: ")}, true
		}
		var l Learned
		if rest, ok := strings.CutPrefix(s, "venv "); ok {
			s, l.Venv, l.Prefix = rest, true, "/venvs/"+rest
		}
		bits := 64
		if rest, ok := strings.CutSuffix(s, "-32"); ok {
			s, bits = rest, 32
		}
		l.Build = interp(s, "", 0, 0).Build
		l.Build.Bits = bits
		return l, true
	}
}

func TestChooseLearnTable(t *testing.T) {
	tests := []struct {
		name     string
		installs []*discover.Interpreter
		answers  map[string]answer
		request  string
		want     string   // a path, or "error: " and the start of the message
		build    string   // the chosen build's version, if checked
		asked    []string // Learn's calls, in order; nil: not checked
		broken   []string // Choice.Broken's paths
		reasons  []string
	}{
		{
			name:     "an unversioned python3 is queried before ordering",
			installs: []*discover.Interpreter{nameOnly("3", "/a/python3", 0), interp("3.12.1", "/p/python3.12", discover.Pyenv, 1)},
			answers:  map[string]answer{"/a/python3": {query: "3.13.1"}},
			want:     "/a/python3", build: "3.13.1",
			asked: []string{"/a/python3 query"},
		},
		{
			name:     "an unversioned python3 that is older",
			installs: []*discover.Interpreter{nameOnly("3", "/a/python3", 0), interp("3.12.1", "/p/python3.12", discover.Pyenv, 1)},
			answers:  map[string]answer{"/a/python3": {query: "3.11.1"}},
			want:     "/p/python3.12",
			asked:    []string{"/a/python3 query"},
		},
		{
			// Asked once: not again for the second reading (any Python).
			name:     "a python that cannot tell is asked once",
			installs: []*discover.Interpreter{nameOnly("", "/a/python", 0)},
			want:     "/a/python",
			asked:    []string{"/a/python query"},
			reasons:  []string{"chose the newest Python (no Python 3 was found)"},
		},
		{
			name:     "a name is looked up in the cache only",
			installs: []*discover.Interpreter{nameOnly("3.13", "/a/python3.13", 0), interp("3.12.1", "/p/python3.12", discover.Pyenv, 1)},
			want:     "/a/python3.13",
			asked:    []string{"/a/python3.13 cache"},
		},
		{
			name:     "the cache says a name is a pre-release",
			installs: []*discover.Interpreter{nameOnly("3.15", "/a/python3.15", 0), interp("3.12.1", "/p/python3.12", discover.Pyenv, 1)},
			answers:  map[string]answer{"/a/python3.15": {cache: "3.15.0a2"}},
			want:     "/p/python3.12",
			asked:    []string{"/a/python3.15 cache"},
			reasons:  []string{"chose the newest stable CPython 3"},
		},
		{
			name:     "a settled install is not asked",
			installs: []*discover.Interpreter{interp("3.12.1", "/p/python3.12", discover.Pyenv, 1)},
			request:  "3.12",
			want:     "/p/python3.12",
			asked:    []string{},
		},
		{
			name:     "a detail the name lacks is queried (Maybe)",
			installs: []*discover.Interpreter{nameOnly("3.12", "/a/python3.12", 0)},
			answers:  map[string]answer{"/a/python3.12": {query: "3.12.4-32"}},
			request:  "3.12-32",
			want:     "/a/python3.12", build: "3.12.4",
			asked: []string{"/a/python3.12 cache", "/a/python3.12 query"},
		},
		{
			name:     "a queried detail that does not match",
			installs: []*discover.Interpreter{nameOnly("3.12", "/a/python3.12", 0)},
			answers:  map[string]answer{"/a/python3.12": {query: "3.12.4"}},
			request:  "3.12-32",
			want:     `error: no installed Python matches "3.12-32"`,
			asked:    []string{"/a/python3.12 cache", "/a/python3.12 query"},
		},
		{
			name:     "a detail nobody can tell",
			installs: []*discover.Interpreter{nameOnly("3.12", "/a/python3.12", 0)},
			request:  "3.12-32",
			want:     `error: no installed Python matches "3.12-32"`,
			asked:    []string{"/a/python3.12 cache", "/a/python3.12 query"},
		},
		{
			name:     "the micro version asked for is queried",
			installs: []*discover.Interpreter{nameOnly("3.12", "/a/python3.12", 0), interp("3.12.1", "/p/python3.12", discover.Pyenv, 1)},
			answers:  map[string]answer{"/a/python3.12": {query: "3.12.4"}},
			request:  "V:3.12.4",
			want:     "/a/python3.12",
		},
		{
			name:     "a broken interpreter is passed over",
			installs: []*discover.Interpreter{nameOnly("3", "/a/python3", 0), interp("3.12.1", "/p/python3.12", discover.Pyenv, 1)},
			answers:  map[string]answer{"/a/python3": {query: "broken: exit status 1"}},
			want:     "/p/python3.12",
			broken:   []string{"/a/python3"},
			reasons:  []string{"passed over /a/python3: it does not work: exit status 1"},
		},
		{
			name:     "broken in the cache",
			installs: []*discover.Interpreter{nameOnly("3.13", "/a/python3.13", 0), interp("3.12.1", "/p/python3.12", discover.Pyenv, 1)},
			answers:  map[string]answer{"/a/python3.13": {cache: "broken: not a program"}},
			request:  "3",
			want:     "/p/python3.12",
			asked:    []string{"/a/python3.13 cache"},
			broken:   []string{"/a/python3.13"},
			reasons:  []string{"passed over /a/python3.13: it does not work: not a program"},
		},
		{
			name:     "broken by discovery",
			installs: []*discover.Interpreter{brokenInterp("3.13.1", "/a/python3.13", "killed"), interp("3.12.1", "/p/python3.12", discover.Pyenv, 1)},
			want:     "/p/python3.12",
			asked:    []string{},
			broken:   []string{"/a/python3.13"},
		},
		{
			name:     "everything broken",
			installs: []*discover.Interpreter{nameOnly("3.13", "/a/python3.13", 0)},
			answers:  map[string]answer{"/a/python3.13": {cache: "broken: exit status 2"}},
			request:  "3.13",
			want:     `error: no installed Python matches "3.13"`,
			broken:   []string{"/a/python3.13"},
		},
		{
			name:     "the cache has the answer, the query is not needed",
			installs: []*discover.Interpreter{nameOnly("3.12", "/a/python3.12", 0)},
			answers:  map[string]answer{"/a/python3.12": {cache: "3.12.4-32"}},
			request:  "3.12-32",
			want:     "/a/python3.12",
			asked:    []string{"/a/python3.12 cache"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			asked := []string{}
			in := Inputs{Found: &discover.Found{Installs: tt.installs}, Learn: learner(tt.answers, &asked), Explain: true}
			if tt.request != "" {
				in.Explicit = explicit(t, tt.request)
			}
			ch, err := Choose(in)
			if got := outcome(ch, err); !strings.HasPrefix(got, tt.want) {
				t.Errorf("Choose = %q, want %q\nasked %q\nreasons: %q", got, tt.want, asked, ch.Reasons)
			}
			if tt.build != "" && (err != nil || ch.Build.Version.String() != tt.build) {
				t.Errorf("Choice.Build = %+v, want %s", ch.Build, tt.build)
			}
			if tt.asked != nil && !slices.Equal(asked, tt.asked) {
				t.Errorf("asked %q, want %q", asked, tt.asked)
			}
			var broken []string
			for it, why := range ch.Broken {
				if why == "" {
					t.Errorf("Broken[%s] is empty", it.Path)
				}
				broken = append(broken, it.Path)
			}
			slices.Sort(broken)
			if !slices.Equal(broken, tt.broken) {
				t.Errorf("Broken = %q, want %q", broken, tt.broken)
			}
			for _, r := range tt.reasons {
				if !contains(ch.Reasons, r) {
					t.Errorf("reasons %q lack %q", ch.Reasons, r)
				}
			}
		})
	}
}

// Choose works without Learn: a name is taken at its word.
func TestChooseWithoutLearn(t *testing.T) {
	a := nameOnly("3.12", "/a/python3.12", 0)
	found := &discover.Found{Installs: []*discover.Interpreter{nameOnly("3", "/a/python3", 0), a}}
	ch, err := Choose(Inputs{Found: found})
	if err != nil || ch.Interp != a {
		t.Errorf("Choose = %q, want /a/python3.12", outcome(ch, err))
	}
	// A detail that cannot be learned is no match.
	_, err = Choose(Inputs{Found: found, Explicit: explicit(t, "3.12-32")})
	if !errors.As(err, new(*NoMatchError)) {
		t.Errorf("-3.12-32 = %v, want a *NoMatchError", err)
	}
}

// Interpreters other users could have put there are never in the pool,
// never asked, and named when a request is not satisfied.
func TestChooseUntrusted(t *testing.T) {
	untrusted := interp("3.13.1", "/tmp/bin/python3.13", discover.Path, 0)
	untrusted.Untrusted = "its directory is writable by others"
	unknown := nameOnly("3", "/tmp/bin/python3", 0)
	unknown.Untrusted = "its directory is writable by others"
	old := interp("2.7.18", "/tmp/bin/python2.7", discover.Path, 0)
	old.Untrusted = "its directory is writable by others"
	trusted := interp("3.12.1", "/usr/bin/python3.12", discover.Path, 1)
	found := &discover.Found{Installs: []*discover.Interpreter{untrusted, unknown, old, trusted}}
	asked := []string{}
	learn := learner(nil, &asked)

	ch, err := Choose(Inputs{Found: found, Learn: learn, Explain: true})
	if err != nil || ch.Interp != trusted {
		t.Fatalf("Choose = %q, want %s", outcome(ch, err), trusted.Path)
	}
	for _, a := range asked {
		if strings.HasPrefix(a, "/tmp/") {
			t.Errorf("Learn asked about %s", a)
		}
	}
	want := "passed over /tmp/bin/python3.13: it runs only when named by its path, as its directory is writable by others"
	if !contains(ch.Reasons, want) {
		t.Errorf("reasons %q lack %q", ch.Reasons, want)
	}

	_, err = Choose(Inputs{Found: found, Learn: learn, Explicit: explicit(t, "3.13")})
	var nm *NoMatchError
	if !errors.As(err, &nm) {
		t.Fatalf("-3.13 = %v, want a *NoMatchError", err)
	}
	var got []string
	for _, u := range nm.Untrusted {
		got = append(got, u.Path)
	}
	// The 3.13 and the python3 that might be one; not the 2.7.
	if !slices.Equal(got, []string{"/tmp/bin/python3.13", "/tmp/bin/python3"}) {
		t.Errorf("NoMatchError.Untrusted = %q", got)
	}

	// Named by its path, it runs.
	ch, err = Choose(Inputs{Found: found, Explicit: explicit(t, "V:/tmp/bin/python3.13"), ExplicitInterp: untrusted})
	if err != nil || ch.Interp != untrusted {
		t.Errorf("-V:/tmp/bin/python3.13 = %q", outcome(ch, err))
	}
}

// Debug gives a trace line for every candidate with its verdict.
func TestChooseTrace(t *testing.T) {
	broken := brokenInterp("3.13.2", "/x/python3.13", "exit status 1")
	installs := []*discover.Interpreter{
		interp("3.13.0", "/p/3.13.0/python3.13", discover.Pyenv, 2),
		interp("3.12.1", "/p/3.12.1/python3.12", discover.Pyenv, 2),
		interp("3.14.0rc1", "/p/3.14.0rc1/python3.14", discover.Pyenv, 2),
		interp("3.13.1t", "/p/3.13.1t/python3.13t", discover.Pyenv, 2),
		interp("3.13.0d", "/p/3.13.0d/python3.13d", discover.Pyenv, 2),
		interp("pypy:3.13.0", "/p/pypy/pypy3.13", discover.Pyenv, 2),
		interp("2.7.18", "/p/2.7.18/python2.7", discover.Pyenv, 2),
		broken,
	}
	tests := []struct {
		name    string
		request string
		pins    []string
		shebang string
		want    map[string]string // path: verdict
	}{
		{
			name: "default",
			want: map[string]string{
				"/p/3.13.0/python3.13":    `(cpython 3.13.0, pyenv): chosen for "3"`,
				"/p/3.12.1/python3.12":    `passed over: /p/3.13.0/python3.13 comes first`,
				"/p/3.14.0rc1/python3.14": `passed over: a pre-release, and not asked for`,
				"/p/3.13.1t/python3.13t":  `passed over: free-threaded, and not asked for`,
				"/p/3.13.0d/python3.13d":  `passed over: a debug build, and not asked for`,
				"/p/pypy/pypy3.13":        `(pypy 3.13.0, pyenv): passed over: not CPython, and not asked for`,
				"/p/2.7.18/python2.7":     `passed over: does not match "3"`,
				"/x/python3.13":           `(cpython 3.13.2, PATH): passed over: it does not work: exit status 1`,
			},
		},
		{
			name:    "a tag",
			request: "V:PythonCore/3.13",
			want: map[string]string{
				"/p/3.13.0/python3.13": `chosen for "PythonCore/3.13"`,
				"/p/3.12.1/python3.12": `passed over: does not match "PythonCore/3.13"`,
				"/p/pypy/pypy3.13":     `passed over: does not match "PythonCore/3.13"`,
			},
		},
		{
			name:    "nothing matches",
			request: "3.11",
			want: map[string]string{
				"/p/3.13.0/python3.13": `passed over: does not match "3.11"`,
				"/p/2.7.18/python2.7":  `passed over: does not match "3.11"`,
			},
		},
		{
			name:    "the project's and the script's requests",
			pins:    []string{"3.12"},
			shebang: "3",
			want: map[string]string{
				"/p/3.12.1/python3.12": `chosen for "3.12 and 3"`,
				"/p/3.13.0/python3.13": `passed over: does not match "3.12 and 3"`,
			},
		},
		{
			// -V:any is read as a tag first, then as any version.
			name:    "any",
			request: "V:any",
			want: map[string]string{
				"/p/3.13.0/python3.13": `chosen for "any"`,
				"/p/pypy/pypy3.13":     `passed over: not CPython, and not asked for`,
			},
		},
		{
			name:    "an empty selector",
			request: "V:",
			want: map[string]string{
				"/p/3.13.0/python3.13": `chosen for "any version"`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := Inputs{Found: &discover.Found{Installs: installs}, Debug: true, Pins: pins(t, tt.pins, nil)}
			if tt.request != "" {
				in.Explicit = explicit(t, tt.request)
			}
			if tt.shebang != "" {
				in.Script = append(in.Script, explicit(t, tt.shebang))
			}
			ch, _ := Choose(in)
			for path, verdict := range tt.want {
				// The last pick's line counts.
				prefix := fmt.Sprintf("# candidate %q (", path)
				last := ""
				for _, l := range ch.Trace {
					if strings.HasPrefix(l, prefix) {
						last = l
					}
				}
				if !strings.HasSuffix(last, verdict) {
					t.Errorf("trace line %q, want it to end with %q\ntrace: %q", last, verdict, ch.Trace)
				}
			}
		})
	}
	// A candidate passed over because nothing could tell.
	unsure := nameOnly("3.12", "/u/python3.12", 0)
	ch, _ := Choose(Inputs{Found: &discover.Found{Installs: []*discover.Interpreter{unsure}}, Explicit: explicit(t, "3.12-32"), Debug: true})
	if want := `# candidate "/u/python3.12" (cpython 3.12, PATH): passed over: it cannot tell whether it matches`; !slices.Contains(ch.Trace, want) {
		t.Errorf("trace %q lacks %q", ch.Trace, want)
	}
	// Without Debug, no trace.
	ch, _ = Choose(Inputs{Found: &discover.Found{Installs: installs}})
	if len(ch.Trace) != 0 {
		t.Errorf("trace without Debug: %q", ch.Trace)
	}
}

// An interpreter learned to be a virtual environment is no install:
// version requests do not choose it.
func TestChooseLearnedVenv(t *testing.T) {
	for _, lines := range [][]string{nil, {"3"}, {"3.99", "3"}} {
		t.Run(strings.Join(lines, ","), func(t *testing.T) {
			installs := []*discover.Interpreter{nameOnly("3", "/home/u/bin/python3", 0), interp("3.12.1", "/usr/bin/python3.12", discover.Path, 1)}
			asked := []string{}
			in := Inputs{
				Found: &discover.Found{Installs: installs},
				Learn: learner(map[string]answer{"/home/u/bin/python3": {query: "venv 3.13.1"}}, &asked),
				Pins:  pins(t, lines, nil),
				Debug: true,
			}
			ch, err := Choose(in)
			if got := outcome(ch, err); got != "/usr/bin/python3.12" {
				t.Errorf("Choose = %q, want /usr/bin/python3.12 (asked %q)", got, asked)
			}
			want := `# candidate "/home/u/bin/python3" (cpython 3.13.1, PATH): passed over: it runs the virtual environment /venvs/3.13.1`
			if !slices.Contains(ch.Trace, want) {
				t.Errorf("trace %q lacks %q", ch.Trace, want)
			}
			if p := Pick(in, explicit(t, "3")); p == nil || p.Path != "/usr/bin/python3.12" {
				t.Errorf("Pick(3) = %v, want /usr/bin/python3.12", p)
			}
		})
	}
}
