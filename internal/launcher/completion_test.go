package launcher

import (
	"slices"
	"testing"

	"github.com/pylauncher/py/internal/discover"
	"github.com/pylauncher/py/internal/pyver"
	"github.com/pylauncher/py/internal/resolve"
)

func TestCompletionTags(t *testing.T) {
	v := func(s string) pyver.Version {
		ver, ok := pyver.ParseVersion(s)
		if !ok {
			t.Fatalf("bad version %q", s)
		}
		return ver
	}
	cp := func(s string) pyver.Build { return pyver.Build{Impl: "cpython", Version: v(s)} }
	ft := cp("3.13.1")
	ft.FreeThreaded = true
	named := func(path string) *discover.Interpreter {
		// What discovery knows from a name alone: X.Y, or X.
		b, _ := pyver.ParseExeName(path)
		return &discover.Interpreter{Path: "/bin/" + path, Source: discover.Path, Build: b}
	}
	settled := func(path string, src discover.Source, b pyver.Build) *discover.Interpreter {
		return &discover.Interpreter{Path: path, Source: src, Build: b, Settled: true}
	}
	cached := map[string]resolve.Learned{
		"/bin/python3":    {Build: cp("3.11.4")},
		"/bin/python3.10": {Broken: "exit status 1"},
		"/venv/python3":   {Build: cp("3.9.1"), Venv: true},
	}
	tests := []struct {
		name  string
		found []*discover.Interpreter
		want  []string
	}{
		{"none", nil, nil},
		{"by name", []*discover.Interpreter{named("python3.12"), named("python3.13t")}, []string{"3.13t", "3.12"}},
		{"unversioned, not cached: its major version", []*discover.Interpreter{named("python"), named("python2")}, []string{"2"}},
		{"cached", []*discover.Interpreter{named("python3"), named("python3.12")}, []string{"3.12", "3.11"}},
		{"broken and venv skipped", []*discover.Interpreter{named("python3.10"), {Path: "/venv/python3", Source: discover.Path, Build: cp("3")}}, nil},
		{"once each", []*discover.Interpreter{named("python3.12"), settled("/opt/python3.12", discover.System, cp("3.12.1"))}, []string{"3.12"}},
		{"registry: COMPANY/TAG too", []*discover.Interpreter{settled(`C:\Py312\python.exe`, discover.Registry, cp("3.12.1"))}, []string{"3.12", "PythonCore/3.12"}},
		{"other companies", []*discover.Interpreter{settled("/pypy/bin/pypy3.10", discover.Pyenv, pyver.Build{Impl: "pypy", Version: v("3.10.14")}), settled("/x", discover.Path, ft)}, []string{"3.13t", "PyPy/3.10"}},
		{"untrusted skipped", []*discover.Interpreter{{Path: "/tmp/python3.12", Source: discover.Path, Build: cp("3.12"), Untrusted: "world-writable"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var asked []string
			known := func(it *discover.Interpreter) (resolve.Learned, bool) {
				asked = append(asked, it.Path)
				l, ok := cached[it.Path]
				return l, ok
			}
			got := completionTags(&discover.Found{Installs: tt.found}, known)
			if !slices.Equal(got, tt.want) {
				t.Errorf("completionTags() = %q, want %q", got, tt.want)
			}
			for _, p := range asked {
				for _, it := range tt.found {
					if it.Path == p && it.Settled {
						t.Errorf("completionTags looked up the settled %s", p)
					}
				}
			}
		})
	}
}
