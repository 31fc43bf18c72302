package request

import (
	"reflect"
	"strings"
	"testing"

	"github.com/pylauncher/py/internal/pep440"
	"github.com/pylauncher/py/internal/pyver"
)

func v(major, minor, micro int, pre string) pyver.Version {
	return pyver.Version{Major: major, Minor: minor, Micro: micro, Pre: pre}
}

var unknown = pyver.Unknown

func spec(t *testing.T, s string) pep440.SpecifierSet {
	t.Helper()
	set, err := pep440.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// want is what a parse gives, field by field (Text, Origin and Syntax
// aside).
type want struct {
	kind                Kind
	hasTag              bool
	company, tag        string
	impl                string
	version             pyver.Version
	spec                string
	ft, debug, gil      bool
	bits                int
	not32               bool
	machine, path, name string
}

func check(t *testing.T, text string, syntax Syntax, w want) {
	t.Helper()
	r, err := Parse(text, syntax, "test")
	if err != nil {
		t.Errorf("Parse(%q, %v): %v", text, syntax, err)
		return
	}
	if w.version == (pyver.Version{}) {
		w.version = unknown
	}
	got := want{r.Kind, r.HasTag, r.Company, r.Tag, r.Impl, r.Version, "", r.FreeThreaded, r.Debug, r.GIL, r.Bits, r.Not32, r.Machine, r.Path, r.Name}
	if r.Spec != nil {
		got.spec = r.Spec.String()
	}
	if w.spec != "" {
		w.spec = spec(t, w.spec).String()
	}
	if got != w {
		t.Errorf("Parse(%q, %v) = %+v\n want %+v", text, syntax, got, w)
	}
}

// uv's own table (crates/uv-python/src/discovery.rs, the PythonRequest
// and VersionRequest parse tests), in every syntax that takes uv's
// language.
func TestParseUV(t *testing.T) {
	tests := []struct {
		text string
		w    want
	}{
		{"any", want{kind: Any}},
		{"default", want{kind: Default}},
		{"3", want{kind: Version, version: v(3, -1, -1, "")}},
		{"3.12", want{kind: Version, version: v(3, 12, -1, "")}},
		{"3.12.1", want{kind: Version, version: v(3, 12, 1, "")}},
		{"38", want{kind: Version, version: v(3, 8, -1, "")}},
		{"312", want{kind: Version, version: v(3, 12, -1, "")}},
		{"3100", want{kind: Version, version: v(3, 100, -1, "")}},
		{">=3.12", want{kind: Version, spec: ">=3.12"}},
		{">=3.12,<3.13", want{kind: Version, spec: ">=3.12,<3.13"}},
		{"==3.12", want{kind: Version, version: v(3, 12, -1, "")}},
		{"==3.12.1", want{kind: Version, version: v(3, 12, 1, "")}},
		{"==3.12.*", want{kind: Version, spec: "==3.12.*"}},
		{"~=3.10.0", want{kind: Version, spec: "~=3.10.0"}},
		{"3.13.0a1", want{kind: Version, version: v(3, 13, 0, "a1")}},
		{"3.13.0b5", want{kind: Version, version: v(3, 13, 0, "b5")}},
		{"3.13.0rc1", want{kind: Version, version: v(3, 13, 0, "rc1")}},
		{"3.13a1", want{kind: Version, version: v(3, 13, 0, "a1")}},
		{"313b1", want{kind: Version, version: v(3, 13, 0, "b1")}},
		{"313rc4", want{kind: Version, version: v(3, 13, 0, "rc4")}},
		{"3.14rc1", want{kind: Version, version: v(3, 14, 0, "rc1")}},
		{"3.14.5rc1", want{kind: Version, version: v(3, 14, 5, "rc1")}},
		{"3t", want{kind: Version, version: v(3, -1, -1, ""), ft: true}},
		{"313t", want{kind: Version, version: v(3, 13, -1, ""), ft: true}},
		{"3.13t", want{kind: Version, version: v(3, 13, -1, ""), ft: true}},
		{"3.13+freethreaded", want{kind: Version, version: v(3, 13, -1, ""), ft: true}},
		{"3.13+debug", want{kind: Version, version: v(3, 13, -1, ""), debug: true}},
		{"3.13+gil", want{kind: Version, version: v(3, 13, -1, ""), gil: true}},
		{">=3.13t", want{kind: Version, spec: ">=3.13", ft: true}},
		{">=3.12,<3.14t", want{kind: Version, spec: ">=3.12,<3.14", ft: true}},
		{"cpython", want{kind: Version, impl: pyver.CPython}},
		{"cp", want{kind: Version, impl: pyver.CPython}},
		{"cp38", want{kind: Version, impl: pyver.CPython, version: v(3, 8, -1, "")}},
		{"cp312", want{kind: Version, impl: pyver.CPython, version: v(3, 12, -1, "")}},
		{"cp3.12", want{kind: Version, impl: pyver.CPython, version: v(3, 12, -1, "")}},
		{"cpython3.12", want{kind: Version, impl: pyver.CPython, version: v(3, 12, -1, "")}},
		{"cpython3.12.2", want{kind: Version, impl: pyver.CPython, version: v(3, 12, 2, "")}},
		{"cpython@3.12", want{kind: Version, impl: pyver.CPython, version: v(3, 12, -1, "")}},
		{"cpython@>=3.12,<3.13", want{kind: Version, impl: pyver.CPython, spec: ">=3.12,<3.13"}},
		{"cpython>=3.12,<3.13", want{kind: Version, impl: pyver.CPython, spec: ">=3.12,<3.13"}},
		{"python3.12", want{kind: Version, version: v(3, 12, -1, "")}},
		{"python@3.12", want{kind: Version, version: v(3, 12, -1, "")}},
		{"pypy", want{kind: Version, impl: pyver.PyPy}},
		{"pp", want{kind: Version, impl: pyver.PyPy}},
		{"pp310", want{kind: Version, impl: pyver.PyPy, version: v(3, 10, -1, "")}},
		{"pypy3.10", want{kind: Version, impl: pyver.PyPy, version: v(3, 10, -1, "")}},
		{"pypy310", want{kind: Version, impl: pyver.PyPy, version: v(3, 10, -1, "")}},
		{"pypy@3.10", want{kind: Version, impl: pyver.PyPy, version: v(3, 10, -1, "")}},
		{"graalpy", want{kind: Version, impl: pyver.GraalPy}},
		{"gp", want{kind: Version, impl: pyver.GraalPy}},
		{"gp310", want{kind: Version, impl: pyver.GraalPy, version: v(3, 10, -1, "")}},
		{"graalpy@3.10", want{kind: Version, impl: pyver.GraalPy, version: v(3, 10, -1, "")}},
		{"graalpy310", want{kind: Version, impl: pyver.GraalPy, version: v(3, 10, -1, "")}},
		{"CPython3.12", want{kind: Version, impl: pyver.CPython, version: v(3, 12, -1, "")}},
		{"cpython-3.13.2", want{kind: Version, impl: pyver.CPython, version: v(3, 13, 2, "")}},
		{"any-3.13.2", want{kind: Version, version: v(3, 13, 2, "")}},
		{"cpython-3.12.1-linux-x86_64-gnu", want{kind: Version, impl: pyver.CPython, version: v(3, 12, 1, ""), machine: "x86_64"}},
		{"cpython-3.13.0+freethreaded-linux-x86_64-gnu", want{kind: Version, impl: pyver.CPython, version: v(3, 13, 0, ""), ft: true, machine: "x86_64"}},
		{"mypython3", want{kind: Name, name: "mypython3"}},
		{"cpythonic", want{kind: Name, name: "cpythonic"}},
		{"./foo", want{kind: Path, path: "./foo"}},
		{"/opt/py/bin/python3", want{kind: Path, path: "/opt/py/bin/python3"}},
		{`C:\Python312\python.exe`, want{kind: Path, path: `C:\Python312\python.exe`}},
		{".venv/bin/python", want{kind: Path, path: ".venv/bin/python"}},
		{"~/py/bin/python", want{kind: Path, path: "~/py/bin/python"}},
	}
	for _, tt := range tests {
		check(t, tt.text, Option, tt.w)
		if tt.w.kind != Path || !strings.HasPrefix(tt.text, ".venv") {
			check(t, tt.text, Line, tt.w)
		}
	}
}

// Strings uv refuses are errors (or program names), never versions.
func TestParseErrors(t *testing.T) {
	for _, text := range []string{"", "3rc1", "3.12-dev+x", "3.13tt", "3.12²t", "31000", "1.foo.1", "3.012", "3.13+freethreaded+gil",
		"cpython@", "cpython@3x", "-3.12", "3.12 3.13", "3.12.1.2", "3.12.post0", "3.13t+freethreaded", "3.12-33"} {
		r, err := Parse(text, Option, "test")
		if err == nil && r.Kind != Name {
			t.Errorf("Parse(%q, Option) = %+v, want an error", text, r)
		}
		if err == nil && (text == "" || strings.ContainsAny(text, " ²")) {
			t.Errorf("Parse(%q, Option) = %+v, want an error", text, r)
		}
	}
	for _, text := range []string{"<3.x", "3.12", "cpython>=3"} {
		if r, err := Parse(text, Specifier, "test"); err == nil {
			t.Errorf("Parse(%q, Specifier) = %+v, want an error", text, r)
		}
	}
	if _, err := Parse("3x", Option, "PY_PYTHON"); err == nil || !strings.Contains(err.Error(), `invalid request "3x": expected a version`) {
		t.Errorf("Parse(3x) error = %v", err)
	}
}

// launcher2's old-style tags (Lib/test/test_launcher.py and the
// launcher's documentation): -32, -64 and -arm64 filter by architecture.
func TestParseOldStyle(t *testing.T) {
	tests := []struct {
		text string
		w    want
	}{
		{"3", want{kind: Version, version: v(3, -1, -1, "")}},
		{"2", want{kind: Version, version: v(2, -1, -1, "")}},
		{"3.12", want{kind: Version, version: v(3, 12, -1, "")}},
		{"3.12-32", want{kind: Version, version: v(3, 12, -1, ""), bits: 32}},
		{"3.12-64", want{kind: Version, version: v(3, 12, -1, ""), not32: true}},
		{"3-64", want{kind: Version, version: v(3, -1, -1, ""), not32: true}},
		{"3.11-arm64", want{kind: Version, version: v(3, 11, -1, ""), machine: "arm64"}},
		{"3.13t", want{kind: Version, version: v(3, 13, -1, ""), ft: true}},
		{"3.12d", want{kind: Version, version: v(3, 12, -1, ""), debug: true}},
		{"3.13td", want{kind: Version, version: v(3, 13, -1, ""), ft: true, debug: true}},
		{"3.100", want{kind: Version, version: v(3, 100, -1, "")}},
		// uv's, where no old-style tag reads
		{"312", want{kind: Version, version: v(3, 12, -1, "")}},
		{"3t", want{kind: Version, version: v(3, -1, -1, ""), ft: true}},
	}
	for _, tt := range tests {
		check(t, tt.text, Option, tt.w)
	}
}

// -V: (and a default with "/"): launcher2's Company/Tag, as text, first;
// uv's reading of the same text kept for when no tag matches.
func TestParseSelector(t *testing.T) {
	tests := []struct {
		text string
		w    want
	}{
		{"", want{kind: Any}},
		{"3.12", want{kind: Version, hasTag: true, tag: "3.12", version: v(3, 12, -1, "")}},
		{"3", want{kind: Version, hasTag: true, tag: "3", version: v(3, -1, -1, "")}},
		{"3.13t", want{kind: Version, hasTag: true, tag: "3.13t", version: v(3, 13, -1, ""), ft: true}},
		{"312", want{kind: Version, hasTag: true, tag: "312", version: v(3, 12, -1, "")}},
		{"cp312", want{kind: Version, hasTag: true, tag: "cp312", impl: pyver.CPython, version: v(3, 12, -1, "")}},
		{"3.13+freethreaded", want{kind: Version, hasTag: true, tag: "3.13+freethreaded", version: v(3, 13, -1, ""), ft: true}},
		{"cpython>=3.12,<3.13", want{kind: Version, hasTag: true, tag: "cpython>=3.12,<3.13", impl: pyver.CPython, spec: ">=3.12,<3.13"}},
		{"pypy3.9", want{kind: Version, hasTag: true, tag: "pypy3.9", impl: pyver.PyPy, version: v(3, 9, -1, "")}},
		{"mypython3", want{kind: Name, hasTag: true, tag: "mypython3", name: "mypython3"}},
		// -32 inside a -V: tag is text (launcher2)
		{"3.12-32", want{kind: Tag, hasTag: true, tag: "3.12-32"}},
		{"3.100-arm64", want{kind: Tag, hasTag: true, tag: "3.100-arm64"}},
		{"PythonCore/3.12", want{kind: Tag, hasTag: true, company: "PythonCore", tag: "3.12"}},
		{"PythonTestSuite/3.100-32", want{kind: Tag, hasTag: true, company: "PythonTestSuite", tag: "3.100-32"}},
		{"Company/ignored-name", want{kind: Tag, hasTag: true, company: "Company", tag: "ignored-name"}},
		{"PyPy/", want{kind: Tag, hasTag: true, company: "PyPy"}},
		{"ignored name", want{kind: Tag, hasTag: true, tag: "ignored name"}},
		{"/opt/py/bin/python3", want{kind: Path, path: "/opt/py/bin/python3"}},
		{`C:\Py\python.exe`, want{kind: Path, path: `C:\Py\python.exe`}},
		{"./venv", want{kind: Path, path: "./venv"}},
		{"../x/python3", want{kind: Path, path: "../x/python3"}},
		{"~/py/bin/python3", want{kind: Path, path: "~/py/bin/python3"}},
		{"venv/bin", want{kind: Tag, hasTag: true, company: "venv", tag: "bin"}},
	}
	for _, tt := range tests {
		check(t, tt.text, Selector, tt.w)
	}
}

// A .python-version line: uv's language, pyenv's system and names.
func TestParseLine(t *testing.T) {
	check(t, "system", Line, want{kind: System})
	check(t, "3.11.7/envs/myenv", Line, want{kind: Name, name: "3.11.7/envs/myenv"})
	check(t, "miniconda3-latest", Line, want{kind: Name, name: "miniconda3-latest"})
	check(t, "3.12-dev", Line, want{kind: Name, name: "3.12-dev"})
	check(t, "./venv", Line, want{kind: Path, path: "./venv"})
	check(t, "312", Line, want{kind: Version, version: v(3, 12, -1, "")})
	for _, bad := range []string{"a b", "x;y", "-3.12"} {
		if r, err := Parse(bad, Line, "test"); err == nil {
			t.Errorf("Parse(%q, Line) = %+v, want an error", bad, r)
		}
	}
}

func TestDefaultsAndSources(t *testing.T) {
	r, err := FromDefault("PythonTestSuite/3.100-32", "PY_PYTHON2")
	if err != nil || r.Kind != Tag || r.Company != "PythonTestSuite" || r.Tag != "3.100-32" || r.Origin != "PY_PYTHON2" {
		t.Errorf("FromDefault(Company/Tag) = %+v, %v", r, err)
	}
	r, err = FromDefault("3.12-32", "PY_PYTHON")
	if err != nil || r.HasTag || r.Bits != 32 {
		t.Errorf("FromDefault(3.12-32) = %+v, %v; want an old-style tag", r, err)
	}
	r, err = FromDefault("cp312", "PY_PYTHON")
	if err != nil || r.Impl != pyver.CPython || r.Version != v(3, 12, -1, "") {
		t.Errorf("FromDefault(cp312) = %+v, %v", r, err)
	}
	r, err = FromLauncherName("3.12", "python3.12")
	if err != nil || r.Version != v(3, 12, -1, "") || r.Origin != `the launcher's name "python3.12"` {
		t.Errorf("FromLauncherName = %+v, %v", r, err)
	}
	if _, err := FromLauncherName("3junk", "python3junk"); err == nil {
		t.Errorf("FromLauncherName(3junk) succeeded")
	}
	r, err = FromSpecifier(">=3.9,<3.12", "requires-python in x")
	if err != nil || r.Kind != Version || r.Spec == nil || r.Version.Known() {
		t.Errorf("FromSpecifier = %+v, %v", r, err)
	}
	r, _ = FromShebang("3.13t", "the shebang of x")
	if !r.FreeThreaded || r.Version != v(3, 13, -1, "") {
		t.Errorf("FromShebang(3.13t) = %+v", r)
	}
	if got := r.Describe(); got != `"3.13t" (from the shebang of x)` {
		t.Errorf("Describe = %q", got)
	}
	r, _ = FromSelector(`C:\Py 3\python.exe`, "the command line")
	if got := r.Describe(); got != `"C:\Py 3\python.exe" (from the command line)` {
		t.Errorf("Describe of a Windows path = %q, want single backslashes", got)
	}
}

// Every request prints back to a string that parses to the same request.
func TestStringRoundTrip(t *testing.T) {
	for _, syntax := range []Syntax{Option, Selector, Line} {
		for _, text := range []string{"3", "3.12", "3.12.1", "312", "cp312", "cp3.12", "3.14rc1", "313t", "3.13+freethreaded", "3.13+gil", "3.12d",
			"3.12-32", "3.12-64", "3.11-arm64", ">=3.12,<3.13", ">=3.13t", "cpython@>=3.12", "pypy3.10", "pp310", "graalpy", "any", "default",
			"mypython3", "/opt/x/python3", "PythonCore/3.12", "PyPy/", "Company/ignored-name", "cpython-3.12.1-linux-x86_64-gnu", "system", "3.11.7/envs/myenv", "==3.12"} {
			roundTrip(t, text, syntax)
		}
	}
	roundTrip(t, ">=3.9,<3.12", Specifier)
}

func roundTrip(t *testing.T, text string, syntax Syntax) {
	t.Helper()
	r, err := Parse(text, syntax, "x")
	if err != nil {
		return
	}
	s := r.String()
	r2, err := Parse(s, syntax, "x")
	if err != nil {
		t.Errorf("Parse(%q).String() = %q, which does not parse: %v", text, s, err)
		return
	}
	if !Same(&r, &r2) {
		t.Errorf("Parse(%q) = %+v\nParse(String() = %q) = %+v", text, r, s, r2)
	}
}

// Same reports whether a and b are the same request, wherever and
// however they were written.
func Same(a, b *Request) bool {
	x, y := *a, *b
	x.Text, y.Text, x.Origin, y.Origin = "", "", "", ""
	xs, ys := x.Spec.String(), y.Spec.String()
	x.Spec, y.Spec = nil, nil
	return xs == ys && reflect.DeepEqual(x, y)
}

func FuzzRequestRoundTrip(f *testing.F) {
	for _, s := range []string{"3.12", "cp312", "3.14rc1", "PythonCore/3.12", ">=3.12,<3.13t", "cpython-3.12.1-linux-x86_64-gnu", "3.12-32", "pypy@3.10", "any", "./x", "3.11.7/envs/a"} {
		for syntax := range 4 {
			f.Add(s, syntax)
		}
	}
	f.Fuzz(func(t *testing.T, text string, syntax int) {
		sx := Syntax(syntax & 3)
		r, err := Parse(text, sx, "fuzz")
		if err != nil {
			var e *Error
			if !asError(err, &e) || e.Text == "" && text != "" {
				t.Fatalf("Parse(%q) error %#v is not an *Error naming the text", text, err)
			}
			return
		}
		if r.Text != text || r.Syntax != sx {
			t.Fatalf("Parse(%q) kept Text %q, Syntax %v", text, r.Text, r.Syntax)
		}
		s := r.String()
		r2, err := Parse(s, sx, "fuzz")
		if err != nil {
			t.Fatalf("Parse(%q, %v).String() = %q, which does not parse: %v", text, sx, s, err)
		}
		if !Same(&r, &r2) {
			t.Fatalf("Parse(%q, %v) = %+v\nParse(%q) = %+v", text, sx, r, s, r2)
		}
		// Matching never panics, and a request that names no build
		// matches none.
		for _, b := range []pyver.Build{{Impl: pyver.CPython, Version: v(3, 12, 1, "")}, {Impl: pyver.PyPy, Version: unknown, Bits: 32}} {
			m := r.Match(b)
			if (r.Kind == Path || r.Kind == Name || r.Kind == System || r.Kind == Tag) && m != pyver.No {
				t.Fatalf("%+v matches %+v", r, b)
			}
			r.MatchTag(b)
			r.Preferred(b, false)
		}
	})
}

func asError(err error, target **Error) bool {
	e, ok := err.(*Error)
	if ok {
		*target = e
	}
	return ok
}
