package pyver

import (
	"errors"
	"strings"
	"testing"
)

func TestParseTag(t *testing.T) {
	tests := []struct {
		in   string
		want Request
	}{
		{"3", Request{Version: v(3, -1, -1, "")}},
		{"2", Request{Version: v(2, -1, -1, "")}},
		{"3.12", Request{Version: v(3, 12, -1, "")}},
		{"3.12-32", Request{Version: v(3, 12, -1, ""), Bits: 32}},
		{"3.12-64", Request{Version: v(3, 12, -1, ""), Not32: true}},
		{"3.11-arm64", Request{Version: v(3, 11, -1, ""), Machine: "arm64"}},
		{"3.13t", Request{Version: v(3, 13, -1, ""), FreeThreaded: true}},
		{"3.12d", Request{Version: v(3, 12, -1, ""), Debug: true}},
		{"3.13td", Request{Version: v(3, 13, -1, ""), FreeThreaded: true, Debug: true}},
		{"3.13t-64", Request{Version: v(3, 13, -1, ""), FreeThreaded: true, Not32: true}},
		{"3.12.1", Request{Version: v(3, 12, 1, "")}},
		{"3.14.0rc1", Request{Version: v(3, 14, 0, "rc1")}},
		{"3.14.0a1", Request{Version: v(3, 14, 0, "a1")}},
		{"3.14.0b2t", Request{Version: v(3, 14, 0, "b2"), FreeThreaded: true}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseTag(tt.in)
			tt.want.Text = tt.in
			if err != nil || got != tt.want {
				t.Errorf("ParseTag(%q) = %+v, %v, want %+v, nil", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestParseTagErrors(t *testing.T) {
	for _, in := range []string{
		"", "3junk", "3.12-48", "3t", "3d", "3.12-", "-32", "3.12-32-64", "3.12-ARM64",
		"3.14rc1", "3.12a", "3.12.1.2", "x", "3.13tt", "3.13dt", "3.12 ",
	} {
		t.Run(in, func(t *testing.T) {
			got, err := ParseTag(in)
			var bre *BadRequestError
			if !errors.As(err, &bre) {
				t.Fatalf("ParseTag(%q) = %+v, %v, want a *BadRequestError", in, got, err)
			}
			if bre.Text != in || !strings.Contains(err.Error(), "invalid version request") {
				t.Errorf("ParseTag(%q) error = %q (Text %q), want one naming the request", in, err, bre.Text)
			}
		})
	}
}

func TestParseSelector(t *testing.T) {
	tests := []struct {
		in   string
		want Request
	}{
		{"3", Request{Version: v(3, -1, -1, "")}},
		{"3.12", Request{Version: v(3, 12, -1, "")}},
		{"3.12.1", Request{Version: v(3, 12, 1, "")}},
		{"PythonCore/3.12", Request{Company: "PythonCore", Version: v(3, 12, -1, "")}},
		{"pythoncore/3.12", Request{Company: "pythoncore", Version: v(3, 12, -1, "")}},
		{"PyPy/3.9", Request{Company: "PyPy", Version: v(3, 9, -1, "")}},
		{"pypy3.9", Request{Impl: PyPy, Version: v(3, 9, -1, "")}},
		{"PyPy3.9", Request{Impl: PyPy, Version: v(3, 9, -1, "")}},
		{"pypy", Request{Impl: PyPy, Version: Unknown}},
		{"cpython@3.12", Request{Impl: CPython, Version: v(3, 12, -1, "")}},
		{"cpython3.12", Request{Impl: CPython, Version: v(3, 12, -1, "")}},
		{"cpython3.13t", Request{Impl: CPython, Version: v(3, 13, -1, ""), FreeThreaded: true}},
		{"graalpy", Request{Impl: GraalPy, Version: Unknown}},
		{"3.13t", Request{Version: v(3, 13, -1, ""), FreeThreaded: true}},
		{"3.12-32", Request{Version: v(3, 12, -1, ""), Bits: 32}},
		{"PythonCore/3.12-64", Request{Company: "PythonCore", Version: v(3, 12, -1, ""), Not32: true}},
		{"Company/", Request{Company: "Company", Version: Unknown}},
		{"/3.12", Request{Version: v(3, 12, -1, "")}},
		{"foo", Request{Tag: "foo", Version: Unknown}},
		{"Astral/3.13", Request{Company: "Astral", Version: v(3, 13, -1, "")}},
		{"ContinuumAnalytics/Anaconda39-64", Request{Company: "ContinuumAnalytics", Tag: "Anaconda39-64", Version: Unknown}},
		{"3.12-foo", Request{Tag: "3.12-foo", Version: Unknown}},
		{"3junk", Request{Tag: "3junk", Version: Unknown}},
		{"", Request{Version: Unknown}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseSelector(tt.in)
			tt.want.Text = tt.in
			if err != nil || got != tt.want {
				t.Errorf("ParseSelector(%q) = %+v, %v, want %+v, nil", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestParseSelectorErrors(t *testing.T) {
	for _, in := range []string{"cpythonfoo", "pypy3junk", "cpython@x", "PyPy/pypy3.9x"} {
		t.Run(in, func(t *testing.T) {
			got, err := ParseSelector(in)
			var bre *BadRequestError
			if !errors.As(err, &bre) {
				t.Errorf("ParseSelector(%q) = %+v, %v, want a *BadRequestError", in, got, err)
			}
		})
	}
}

func mustTag(t testing.TB, s string) Request {
	t.Helper()
	r, err := ParseTag(s)
	if err != nil {
		t.Fatalf("ParseTag(%q): %v", s, err)
	}
	return r
}

func mustSelector(t testing.TB, s string) Request {
	t.Helper()
	r, err := ParseSelector(s)
	if err != nil {
		t.Fatalf("ParseSelector(%q): %v", s, err)
	}
	return r
}

func matchName(m Match) string {
	switch m {
	case No:
		return "No"
	case Yes:
		return "Yes"
	case Maybe:
		return "Maybe"
	}
	return "Match(?)"
}

func TestMatch(t *testing.T) {
	cp := func(s string) Build {
		return Build{Impl: CPython, Version: mustVersion(t, s)}
	}
	cp312 := cp("3.12.1")
	cp313t := cp("3.13.0")
	cp313t.FreeThreaded = true
	cp312d := cp("3.12.1")
	cp312d.Debug = true
	cp312x64 := cp("3.12.1")
	cp312x64.Bits, cp312x64.Machine = 64, "x86_64"
	cp312x86 := cp("3.12.1")
	cp312x86.Bits, cp312x86.Machine = 32, "x86"
	cp311arm := cp("3.11.7")
	cp311arm.Bits, cp311arm.Machine = 64, "arm64"
	pypy39 := Build{Impl: PyPy, Version: mustVersion(t, "3.9.16")}
	unversioned := Build{Impl: CPython, Version: Unknown}
	python3 := Build{Impl: CPython, Version: v(3, -1, -1, "")}
	python312 := Build{Impl: CPython, Version: v(3, 12, -1, "")}

	tests := []struct {
		name string
		req  Request
		b    Build
		want Match
	}{
		{"3 matches 3.12.1", mustTag(t, "3"), cp312, Yes},
		{"2 does not match 3.12.1", mustTag(t, "2"), cp312, No},
		{"3.12 matches 3.12.1", mustTag(t, "3.12"), cp312, Yes},
		{"3.1 does not match 3.10", mustTag(t, "3.1"), cp("3.10.13"), No},
		{"3.1 matches 3.1.4", mustTag(t, "3.1"), cp("3.1.4"), Yes},
		{"3.13 matches 3.13t only as a fallback", mustTag(t, "3.13"), cp313t, Yes},
		{"3.13t matches 3.13t", mustTag(t, "3.13t"), cp313t, Yes},
		{"3.13t does not match 3.13", mustTag(t, "3.13t"), cp("3.13.0"), No},
		{"3.12t does not match 3.13t", mustTag(t, "3.12t"), cp313t, No},
		{"3.12d matches debug", mustTag(t, "3.12d"), cp312d, Yes},
		{"3.12d does not match standard", mustTag(t, "3.12d"), cp312, No},
		{"3.12.1 matches 3.12.1", mustTag(t, "3.12.1"), cp312, Yes},
		{"3.12.2 does not match 3.12.1", mustTag(t, "3.12.2"), cp312, No},
		{"3.12.1 on python3.12 is Maybe", mustTag(t, "3.12.1"), python312, Maybe},
		{"3.14.0rc1 matches 3.14.0rc1", mustTag(t, "3.14.0rc1"), cp("3.14.0rc1"), Yes},
		{"3.14.0rc1 does not match 3.14.0", mustTag(t, "3.14.0rc1"), cp("3.14.0"), No},
		{"3.14.0 does not match 3.14.0rc1", mustTag(t, "3.14.0"), cp("3.14.0rc1"), No},
		{"3.14 matches 3.14.0rc1 as a fallback", mustTag(t, "3.14"), cp("3.14.0rc1"), Yes},
		{"3.12-32 on unknown bits is Maybe", mustTag(t, "3.12-32"), cp312, Maybe},
		{"3.12-32 on 64-bit is No", mustTag(t, "3.12-32"), cp312x64, No},
		{"3.12-32 on 32-bit is Yes", mustTag(t, "3.12-32"), cp312x86, Yes},
		{"3.12-64 on unknown bits is Yes", mustTag(t, "3.12-64"), cp312, Yes},
		{"3.12-64 on 64-bit is Yes", mustTag(t, "3.12-64"), cp312x64, Yes},
		{"3.12-64 on 32-bit is No", mustTag(t, "3.12-64"), cp312x86, No},
		{"3.11-arm64 on arm64", mustTag(t, "3.11-arm64"), cp311arm, Yes},
		{"3.11-arm64 on unknown machine", mustTag(t, "3.11-arm64"), cp("3.11.7"), Maybe},
		{"3.12-arm64 on x86_64", mustTag(t, "3.12-arm64"), cp312x64, No},
		{"3.12 on unversioned python is Maybe", mustTag(t, "3.12"), unversioned, Maybe},
		{"3.12 on python3 is Maybe", mustTag(t, "3.12"), python3, Maybe},
		{"2 on python3 is No", mustTag(t, "2"), python3, No},
		{"3 on python3 is Yes", mustTag(t, "3"), python3, Yes},
		{"3.12 on python3.12 is Yes", mustTag(t, "3.12"), python312, Yes},
		{"3.11 on python3.12 is No", mustTag(t, "3.11"), python312, No},
		{"3.12-32 on python3 is Maybe", mustTag(t, "3.12-32"), python3, Maybe},

		{"selector 3.9 matches pypy 3.9", mustSelector(t, "3.9"), pypy39, Yes},
		{"PythonCore/3.12", mustSelector(t, "PythonCore/3.12"), cp312, Yes},
		{"pythoncore/3.12 ignores case", mustSelector(t, "pythoncore/3.12"), cp312, Yes},
		{"PYPY/3.9 ignores case", mustSelector(t, "PYPY/3.9"), pypy39, Yes},
		{"PythonCore/3.9 does not match PyPy", mustSelector(t, "PythonCore/3.9"), pypy39, No},
		{"PyPy/3.9 does not match CPython", mustSelector(t, "PyPy/3.9"), cp("3.9.18"), No},
		{"pypy3.9 matches pypy", mustSelector(t, "pypy3.9"), pypy39, Yes},
		{"pypy3.9 does not match cpython", mustSelector(t, "pypy3.9"), cp("3.9.18"), No},
		{"pypy matches any pypy", mustSelector(t, "pypy"), pypy39, Yes},
		{"cpython@3.12", mustSelector(t, "cpython@3.12"), cp312, Yes},
		{"cpython3.12 on pypy", mustSelector(t, "cpython3.12"), Build{Impl: PyPy, Version: cp312.Version}, No},
		{"Company/ matches its builds", mustSelector(t, "PythonCore/"), cp312, Yes},
		{"Company/ does not match others", mustSelector(t, "Astral/"), cp312, No},
		{"/3.12", mustSelector(t, "/3.12"), cp312, Yes},
		{"tag 3.1 text does not match 3.10", Request{Tag: "3.1", Version: Unknown}, cp("3.10.13"), No},
		{"tag 3.12 text matches 3.12.1", Request{Tag: "3.12", Version: Unknown}, cp312, Yes},
		{"tag 3.13t text matches 3.13t", Request{Tag: "3.13T", Version: Unknown}, cp313t, Yes},
		{"tag 3.13 text matches 3.13t by its version", Request{Tag: "3.13", Version: Unknown}, cp313t, Yes},
		{"foo matches nothing", mustSelector(t, "foo"), cp312, No},
		{"foo matches nothing unversioned", mustSelector(t, "foo"), unversioned, No},
		{"empty request matches anything", Request{Version: Unknown}, unversioned, Yes},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.req.Match(tt.b); got != tt.want {
				t.Errorf("Request(%q).Match(%+v) = %s, want %s", tt.req.Text, tt.b, matchName(got), matchName(tt.want))
			}
		})
	}
}

func TestPreferred(t *testing.T) {
	cp := func(s string) Build { return Build{Impl: CPython, Version: mustVersion(t, s)} }
	ft := cp("3.13.0")
	ft.FreeThreaded = true
	dbg := cp("3.12.1")
	dbg.Debug = true
	pypy := Build{Impl: PyPy, Version: mustVersion(t, "3.9.16")}
	tests := []struct {
		name     string
		req      Request
		b        Build
		allowPre bool
		want     bool
	}{
		{"standard for 3.12", mustTag(t, "3.12"), cp("3.12.1"), false, true},
		{"free-threaded for 3.13", mustTag(t, "3.13"), ft, false, false},
		{"free-threaded for 3.13t", mustTag(t, "3.13t"), ft, false, true},
		{"debug for 3.12", mustTag(t, "3.12"), dbg, false, false},
		{"debug for 3.12d", mustTag(t, "3.12d"), dbg, false, true},
		{"pre-release for 3.14", mustTag(t, "3.14"), cp("3.14.0a1"), false, false},
		{"pre-release allowed", mustTag(t, "3.14"), cp("3.14.0a1"), true, true},
		{"pre-release for 3.14.0a1", mustTag(t, "3.14.0a1"), cp("3.14.0a1"), false, true},
		{"pypy for 3", mustTag(t, "3"), pypy, false, false},
		{"pypy for pypy3.9", mustSelector(t, "pypy3.9"), pypy, false, true},
		{"pypy for PyPy/3.9", mustSelector(t, "PyPy/3.9"), pypy, false, true},
		{"pypy for PythonCore/3.9", mustSelector(t, "PythonCore/3.9"), pypy, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.req.Preferred(tt.b, tt.allowPre); got != tt.want {
				t.Errorf("Request(%q).Preferred(%+v, %v) = %v, want %v", tt.req.Text, tt.b, tt.allowPre, got, tt.want)
			}
		})
	}
}

func TestAny(t *testing.T) {
	tests := []struct {
		req  Request
		want bool
	}{
		{Request{Version: Unknown}, true},
		{mustSelector(t, ""), true},
		{mustTag(t, "3"), false},
		{mustSelector(t, "PyPy/"), false},
		{mustSelector(t, "pypy"), false},
		{mustSelector(t, "foo"), false},
	}
	for _, tt := range tests {
		if got := tt.req.Any(); got != tt.want {
			t.Errorf("Request(%q).Any() = %v, want %v", tt.req.Text, got, tt.want)
		}
	}
}

// sampleBuilds are builds as discovery finds them, from fully known to
// barely known.
func sampleBuilds() []Build {
	return []Build{
		{Impl: CPython, Version: Unknown},
		{Impl: CPython, Version: Version{3, -1, -1, ""}},
		{Impl: CPython, Version: Version{3, 12, -1, ""}},
		{Impl: CPython, Version: Version{3, 12, 1, ""}, Bits: 64, Machine: "x86_64"},
		{Impl: CPython, Version: Version{3, 13, 0, ""}, FreeThreaded: true},
		{Impl: CPython, Version: Version{3, 14, 0, "rc1"}, Debug: true, Bits: 32, Machine: "x86"},
		{Impl: PyPy, Version: Version{3, 9, 16, ""}},
		{Impl: GraalPy, Version: Unknown},
		{Impl: "", Version: Version{}},
	}
}

func sampleRequests(t testing.TB) []Request {
	var rs []Request
	for _, s := range []string{"3", "3.12", "3.12-32", "3.13t", "3.14.0rc1", "3.11-arm64"} {
		rs = append(rs, mustTag(t, s))
	}
	for _, s := range []string{"PyPy/3.9", "pypy3.9", "cpython@3.12", "foo", "Company/", "/3.12"} {
		rs = append(rs, mustSelector(t, s))
	}
	return rs
}

// describedBuild returns a build with exactly the details r asks for.
func describedBuild(r Request) (Build, bool) {
	if r.Tag != "" {
		return Build{}, false
	}
	b := Build{Impl: r.Impl, Version: r.Version, FreeThreaded: r.FreeThreaded, Debug: r.Debug,
		Bits: r.Bits, Machine: r.Machine}
	if b.Impl == "" {
		switch strings.ToLower(r.Company) {
		case "", "pythoncore":
			b.Impl = CPython
		case "pypy":
			b.Impl = PyPy
		case "graalpy":
			b.Impl = GraalPy
		default:
			b.Impl = r.Company
		}
	}
	if r.Company != "" && !strings.EqualFold(b.Company(), r.Company) {
		return Build{}, false // PyPy/cpython3.12 asks for the impossible
	}
	if b.Bits == 0 && r.Machine == "" {
		b.Bits = 64
	}
	return b, true
}

func checkRequest(t *testing.T, fn string, s string, r Request) {
	if r.Text != s {
		t.Errorf("%s(%q).Text = %q, want the input", fn, s, r.Text)
	}
	if (r.FreeThreaded || r.Debug) && r.Version.Minor < 0 {
		t.Errorf("%s(%q) = %+v: flags without a minor version", fn, s, r)
	}
	for _, b := range sampleBuilds() {
		if m := r.Match(b); m != No && m != Yes && m != Maybe {
			t.Errorf("%s(%q).Match(%+v) = %d", fn, s, b, m)
		}
		r.Preferred(b, false)
	}
	if b, ok := describedBuild(r); ok {
		if m := r.Match(b); m != Yes {
			t.Errorf("%s(%q) = %+v; Match(%+v) = %s, want Yes for the build it describes", fn, s, r, b, matchName(m))
		}
	}
}

func FuzzParseTag(f *testing.F) {
	for _, s := range []string{
		"3", "3.12", "3.12-32", "3.12-64", "3.11-arm64", "3.13t", "3.12.1", "3.14.0rc1",
		"3junk", "3.12-48", "3t", "3.13td-64", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseTag(s)
		if err != nil {
			var bre *BadRequestError
			if !errors.As(err, &bre) {
				t.Errorf("ParseTag(%q) error %v is not a *BadRequestError", s, err)
			}
			return
		}
		if r.Company != "" || r.Impl != "" || r.Tag != "" {
			t.Errorf("ParseTag(%q) = %+v: a tag names no company or implementation", s, r)
		}
		if !r.Version.Known() {
			t.Errorf("ParseTag(%q) = %+v: no version", s, r)
		}
		checkRequest(t, "ParseTag", s, r)
		// A valid tag is a valid selector asking for the same.
		sel, err := ParseSelector(s)
		if err != nil || sel != r {
			t.Errorf("ParseSelector(%q) = %+v, %v, want %+v like ParseTag", s, sel, err, r)
		}
	})
}

func FuzzParseSelector(f *testing.F) {
	for _, s := range []string{
		"3.12", "PythonCore/3.12", "PyPy/3.9", "pypy3.9", "cpython@3.12", "cpython3.12",
		"3.13t", "Company/", "/3.12", "foo", "Astral/3.13-64", "graalpy", "a/b/c",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseSelector(s)
		if err != nil {
			var bre *BadRequestError
			if !errors.As(err, &bre) {
				t.Fatalf("ParseSelector(%q) error %v is not a *BadRequestError", s, err)
			}
			if bre.Text != s {
				t.Errorf("ParseSelector(%q) error names %q", s, bre.Text)
			}
			return
		}
		checkRequest(t, "ParseSelector", s, r)
	})
}
