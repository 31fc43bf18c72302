package resolve

import (
	"errors"
	"strings"
	"testing"

	"github.com/pylauncher/py/internal/discover"
	"github.com/pylauncher/py/internal/pyver"
	"github.com/pylauncher/py/internal/request"
)

// outcome is what a test compares: the chosen path, or "error: " and
// the error's message.
func outcome(ch Choice, err error) string {
	if err != nil {
		return "error: " + err.Error()
	}
	if ch.Interp == nil {
		return "<nil>"
	}
	return ch.Interp.Path
}

// registered builds a PEP 514 registration with a company and a tag of
// its own (as launcher2's test suite registers them).
func registered(company, tag, path string, bits int, machine string) *discover.Interpreter {
	v, ok := pyver.ParseVersion(strings.SplitN(tag, "-", 2)[0])
	if !ok {
		panic(tag)
	}
	return &discover.Interpreter{
		Path: path, Source: discover.Registry, Rank: discover.NotOnPath, Settled: true,
		Build: pyver.Build{Impl: pyver.CPython, Version: v, Bits: bits, Machine: machine, CompanyName: company, TagName: tag},
	}
}

// permutations returns every order of the indices 0..n-1.
func permutations(n int) [][]int {
	if n == 0 {
		return [][]int{{}}
	}
	var all [][]int
	for _, p := range permutations(n - 1) {
		for i := 0; i <= len(p); i++ {
			q := append(append(append([]int{}, p[:i]...), n-1), p[i:]...)
			all = append(all, q)
		}
	}
	return all
}

// TestChooseLauncher2Tags checks launcher2's reading of PEP 514
// selectors against the registrations of CPython's
// Lib/test/test_launcher.py: company PythonTestSuite, tags 3.100,
// 3.100-32 (32-bit) and 3.100-arm64 (ARM64).
func TestChooseLauncher2Tags(t *testing.T) {
	const (
		suite   = "/suite/3.100/python.exe"
		suite32 = "/suite/3.100-32/python.exe"
		suiteA  = "/suite/3.100-arm64/python.exe"
	)
	fixture := func() []*discover.Interpreter {
		return []*discover.Interpreter{
			registered("PythonTestSuite", "3.100", suite, 64, "x86_64"),
			registered("PythonTestSuite", "3.100-32", suite32, 32, "x86"),
			registered("PythonTestSuite", "3.100-arm64", suiteA, 64, "arm64"),
			interp("3.10.11", "/core/3.10/python.exe", discover.Registry, discover.NotOnPath),
			interp("3.12.8", "/core/3.12/python.exe", discover.Registry, discover.NotOnPath),
		}
	}
	tests := []struct {
		name    string
		request string // as explicit() reads it
		script  string // a shebang's virtual command's version
		env     map[string]string
		want    string // a path, or "error: " and the start of the message
		reason  string // a reason that must be given, if any
	}{
		{name: "company and exact tag", request: "V:PythonTestSuite/3.100", want: suite},
		{name: "company in any case", request: "V:pythontestsuite/3.100", want: suite},
		{name: "tag -32", request: "V:3.100-32", want: suite32},
		{name: "tag -arm64", request: "V:3.100-arm64", want: suiteA},
		{name: "company and tag -32", request: "V:PythonTestSuite/3.100-32", want: suite32},
		{name: "company alone", request: "V:PythonTestSuite/", want: suite},
		{name: "tag alone", request: "V:3.100", want: suite},
		{name: "tag prefix ends at a dot or dash", request: "V:PythonTestSuite/3.1", want: `error: no installed Python matches "PythonTestSuite/3.1"`},
		{name: "3.1 is not 3.10", request: "V:3.1", want: `error: no installed Python matches "3.1" (from the command line)`},
		{name: "3.10 is a tag", request: "V:3.10", want: "/core/3.10/python.exe"},
		{name: "company and tag, no uv fallback", request: "V:PythonCore/3.100", want: `error: no installed Python matches "PythonCore/3.100"`},
		{name: "unknown company", request: "V:Contoso/", want: `error: no installed Python matches "Contoso/"`},
		{name: "312 falls back to uv", request: "V:312", want: "/core/3.12/python.exe",
			reason: `no install's PEP 514 tag matches "312"; reading it as a version request`},
		{name: "old-style -3.100-32 filters by bits", request: "3.100-32", want: suite32},
		{name: "old-style -3.100-arm64 filters by machine", request: "3.100-arm64", want: suiteA},
		{name: "old-style -3.100-64 is not 32-bit", request: "3.100-64", want: suite},
		{name: "PY_PYTHON selector", env: map[string]string{"PY_PYTHON": "PythonTestSuite/3.100"}, want: suite},
		{name: "-2 with any tag in PY_PYTHON2", request: "2", env: map[string]string{"PY_PYTHON2": "PythonTestSuite/3.100-32"}, want: suite32},
		{name: "-3 with a tag in PY_PYTHON3", request: "3", env: map[string]string{"PY_PYTHON3": "PythonTestSuite/3.100-arm64"}, want: suiteA,
			reason: `the command line asks for Python 3; PY_PYTHON3 names "PythonTestSuite/3.100-arm64"`},
		{name: "-3 with 2.7 in PY_PYTHON3", request: "3", env: map[string]string{"PY_PYTHON3": "2.7"}, want: `error: "2.7" is not a Python 3 version (from PY_PYTHON3)`},
		{name: "-2 with 3.12 in PY_PYTHON2", request: "2", env: map[string]string{"PY_PYTHON2": "3.12"}, want: `error: "3.12" is not a Python 2 version (from PY_PYTHON2)`},
		{name: "-2 with a malformed PY_PYTHON2", request: "2", env: map[string]string{"PY_PYTHON2": "2x"}, want: `error: invalid request "2x"`},
		// A shebang's python2 and python3 take the defaults as -2 and -3
		// do (CPython's test_py2_shebang, test_py3_shebang).
		{name: "#!python2 with a tag in PY_PYTHON2", script: "2", env: map[string]string{"PY_PYTHON2": "PythonTestSuite/3.100-32"}, want: suite32},
		{name: "#!python3 with a tag in PY_PYTHON3", script: "3", env: map[string]string{"PY_PYTHON3": "PythonTestSuite/3.100-arm64"}, want: suiteA},
		{name: "#!python3 with 3.100-32 in PY_PYTHON3", script: "3", env: map[string]string{"PY_PYTHON3": "3.100-32"}, want: suite32},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Whatever the order discovery found them in.
			for _, perm := range permutations(3) {
				all := fixture()
				installs := []*discover.Interpreter{all[perm[0]], all[perm[1]], all[perm[2]], all[3], all[4]}
				in := Inputs{Found: &discover.Found{Installs: installs}, Defaults: defaults(tt.env, ""), Explain: true}
				if tt.request != "" {
					in.Explicit = explicit(t, tt.request)
				}
				if tt.script != "" {
					r, err := request.FromShebang(tt.script, "the shebang")
					if err != nil {
						t.Fatal(err)
					}
					in.Script = request.Set{&r}
				}
				ch, err := Choose(in)
				if got := outcome(ch, err); !strings.HasPrefix(got, tt.want) {
					t.Fatalf("order %v: Choose = %q, want %q\nreasons: %q", perm, got, tt.want, ch.Reasons)
				}
				if tt.reason != "" && !contains(ch.Reasons, tt.reason) {
					t.Errorf("reasons %q lack %q", ch.Reasons, tt.reason)
				}
			}
		})
	}
}

// Two companies with the same tag: PythonCore first, then the others by
// name, as in CPython's launcher (test_filter_to_tag: -V:3.100 is
// PythonTestSuite's, not PythonTestSuite1's).
func TestChooseCompanyOrder(t *testing.T) {
	for _, perm := range permutations(3) {
		all := []*discover.Interpreter{
			registered("PythonTestSuite1", "3.100", "/a/python.exe", 64, ""),
			registered("PythonTestSuite", "3.100", "/b/python.exe", 64, ""),
			registered("pythontestsuite0", "3.100", "/c/python.exe", 64, ""),
		}
		for _, it := range all {
			it.Impl = strings.ToLower(it.CompanyName)
		}
		found := &discover.Found{Installs: []*discover.Interpreter{all[perm[0]], all[perm[1]], all[perm[2]]}}
		ch, err := Choose(Inputs{Found: found, Explicit: explicit(t, "V:3.100")})
		if got := outcome(ch, err); got != "/b/python.exe" {
			t.Errorf("order %v: -V:3.100 = %q, want PythonTestSuite's", perm, got)
		}
		core := registered("PythonCore", "3.100", "/d/python.exe", 64, "")
		found.Installs = append(found.Installs, core)
		ch, err = Choose(Inputs{Found: found, Explicit: explicit(t, "V:3.100")})
		if got := outcome(ch, err); got != "/d/python.exe" {
			t.Errorf("order %v: -V:3.100 = %q, want PythonCore's", perm, got)
		}
	}
}

// An exact tag comes before a prefix even when the prefix's install
// comes first in every other order (earlier on PATH, older source).
func TestChooseExactTagBeforePrefix(t *testing.T) {
	for _, ranks := range permutations(3) {
		a := registered("PythonTestSuite", "3.100", "/c/python.exe", 64, "")
		b := registered("PythonTestSuite", "3.100-32", "/a/python.exe", 32, "")
		c := registered("PythonTestSuite", "3.100-arm64", "/b/python.exe", 64, "arm64")
		a.Rank, b.Rank, c.Rank = ranks[0], ranks[1], ranks[2]
		c.Source = discover.Path
		found := &discover.Found{Installs: []*discover.Interpreter{b, c, a}}
		for req, want := range map[string]string{"V:PythonTestSuite/3.100": "/c/python.exe", "V:3.100": "/c/python.exe", "V:3.100-32": "/a/python.exe"} {
			ch, err := Choose(Inputs{Found: found, Explicit: explicit(t, req)})
			if got := outcome(ch, err); got != want {
				t.Errorf("ranks %v: -%s = %q, want %q", ranks, req, got, want)
			}
		}
		// A prefix alone: the one first in order wins among equals.
		ch, err := Choose(Inputs{Found: found, Explicit: explicit(t, "V:PythonTestSuite/3")})
		if err != nil || ch.Interp == b {
			t.Errorf("ranks %v: -V:PythonTestSuite/3 = %q, want a 64-bit one", ranks, outcome(ch, err))
		}
	}
}

// Among the installs a selector matches equally well, a stable
// standard build comes first, even when a newer one is a pre-release.
func TestChooseTagPrefersStable(t *testing.T) {
	found := &discover.Found{Installs: []*discover.Interpreter{
		interp("3.14.0rc1", "/p/python3.14", discover.Pyenv, 0),
		interp("3.13.1", "/p/python3.13", discover.Pyenv, 0),
		interp("pypy:3.13.1", "/p/pypy3.13", discover.Pyenv, 0),
	}}
	for req, want := range map[string]string{
		"V:3":           "/p/python3.13", // a prefix of 3.14 and 3.13
		"V:PythonCore/": "/p/python3.13", // the company alone
		"V:3.14":        "/p/python3.14", // the only one
		"V:PyPy/":       "/p/pypy3.13",
	} {
		ch, err := Choose(Inputs{Found: found, Explicit: explicit(t, req)})
		if got := outcome(ch, err); got != want {
			t.Errorf("-%s = %q, want %q", req, got, want)
		}
		ch, err = Choose(Inputs{Found: found, Explicit: explicit(t, req), AllowPre: true})
		if want == "/p/python3.13" {
			want = "/p/python3.14" // pre-releases compete as equals
		}
		if got := outcome(ch, err); got != want {
			t.Errorf("-%s with pre-releases allowed = %q, want %q", req, got, want)
		}
	}
}

// A default that cannot be used is a *BadRequestError that names its
// origin and unwraps to the reason.
func TestBadRequestError(t *testing.T) {
	found := &discover.Found{Installs: []*discover.Interpreter{interp("3.12.1", "/a/python3.12", discover.Path, 0)}}
	_, err := Choose(Inputs{Found: found, Explicit: explicit(t, "3"), Defaults: defaults(map[string]string{"PY_PYTHON3": "2.7"}, "")})
	var bad *BadRequestError
	if !errors.As(err, &bad) || bad.Origin != "PY_PYTHON3" {
		t.Fatalf("-3 with PY_PYTHON3=2.7: %v, want a *BadRequestError from PY_PYTHON3", err)
	}
	if errors.Unwrap(err) == nil || !strings.Contains(errors.Unwrap(err).Error(), "not a Python 3 version") {
		t.Errorf("Unwrap = %v", errors.Unwrap(err))
	}
	_, err = Choose(Inputs{Found: found, Defaults: defaults(map[string]string{"PY_PYTHON": "3x"}, "")})
	var rerr *request.Error
	if !errors.As(err, &bad) || !errors.As(err, &rerr) || rerr.Text != "3x" {
		t.Errorf("PY_PYTHON=3x: %v, want a *BadRequestError wrapping a *request.Error", err)
	}
}

func contains(lines []string, sub string) bool {
	for _, l := range lines {
		if strings.Contains(l, sub) {
			return true
		}
	}
	return false
}
