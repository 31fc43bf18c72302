package request

import (
	"testing"

	"github.com/pylauncher/py/internal/pyver"
)

// launcher2's tag rules (its documentation and Lib/test/test_launcher.py):
// equal, or a prefix ending at "." or "-", any case; the company equal.
func TestMatchTag(t *testing.T) {
	suite := func(tag string) pyver.Build {
		return pyver.Build{Impl: "pythontestsuite", Version: v(3, 100, -1, ""), CompanyName: "PythonTestSuite", TagName: tag}
	}
	core := func(tag string) pyver.Build {
		return pyver.Build{Impl: pyver.CPython, Version: v(3, 12, 1, ""), TagName: tag}
	}
	tests := []struct {
		selector string
		b        pyver.Build
		want     TagMatch
	}{
		{"PythonTestSuite/3.100", suite("3.100"), ExactTag},
		{"PythonTestSuite/3.100", suite("3.100-32"), PrefixTag},
		{"PythonTestSuite/3.100", suite("3.100-arm64"), PrefixTag},
		{"PythonTestSuite/3.100-32", suite("3.100-32"), ExactTag},
		{"PythonTestSuite/3.100-32", suite("3.100"), NoTag},
		{"3.100-32", suite("3.100-32"), ExactTag},
		{"pythontestsuite/3.100", suite("3.100"), ExactTag},
		{"PythonTestSuite1/3.100", suite("3.100"), NoTag},
		{"PythonTestSuite/", suite("3.100-arm64"), ExactTag},
		{"PythonTestSuite/3.1", suite("3.100"), NoTag},
		{"3.1", core("3.1-32"), PrefixTag},
		{"3.1", core("3.10"), NoTag},
		{"3", core("3.12"), PrefixTag},
		{"3.12", core("3.12"), ExactTag},
		{"3.12", core("3.12t"), NoTag},
		{"PythonCore/3.12", core("3.12"), ExactTag},
		{"PyPy/3.12", core("3.12"), NoTag},
		{"Company/ignored-name", pyver.Build{Impl: "company", CompanyName: "Company", TagName: "ignored-name"}, ExactTag},
		// Unix builds have the tags CPython's installer would register.
		{"3.13t", pyver.Build{Impl: pyver.CPython, Version: v(3, 13, 0, ""), FreeThreaded: true}, ExactTag},
		{"PyPy/3.10", pyver.Build{Impl: pyver.PyPy, Version: v(3, 10, 14, "")}, ExactTag},
	}
	for _, tt := range tests {
		r, err := FromSelector(tt.selector, "test")
		if err != nil {
			t.Fatal(err)
		}
		if got := r.MatchTag(tt.b); got != tt.want {
			t.Errorf("-V:%s against %s/%s: %v, want %v", tt.selector, tt.b.Company(), tt.b.Tag(), got, tt.want)
		}
	}
	old, _ := FromOption("3.12", "test")
	if old.MatchTag(core("3.12")) != NoTag {
		t.Errorf("an old-style tag has no tag reading")
	}
}

func TestMatch(t *testing.T) {
	b := func(s string) pyver.Build {
		bld, ok := pyver.ParseExeName(s)
		if !ok {
			t.Fatalf("bad exe name %q", s)
		}
		return bld
	}
	cp := func(major, minor, micro int, pre string) pyver.Build {
		return pyver.Build{Impl: pyver.CPython, Version: v(major, minor, micro, pre), Bits: 64, Machine: "x86_64"}
	}
	tests := []struct {
		req    string
		syntax Syntax
		b      pyver.Build
		want   pyver.Match
	}{
		{"3.12", Option, cp(3, 12, 1, ""), pyver.Yes},
		{"3.12", Option, cp(3, 13, 0, ""), pyver.No},
		{"3.12", Option, b("python3"), pyver.Maybe},
		{"3.12.1", Option, b("python3.12"), pyver.Maybe},
		{"3.12.1", Option, cp(3, 12, 2, ""), pyver.No},
		{"3", Option, cp(3, 12, 1, ""), pyver.Yes},
		{"2", Option, cp(3, 12, 1, ""), pyver.No},
		{"3.14", Option, cp(3, 14, 0, "rc1"), pyver.Yes},
		{"3.14.0", Option, cp(3, 14, 0, "rc1"), pyver.No},
		{"3.14rc1", Option, cp(3, 14, 0, "rc1"), pyver.Yes},
		{"3.14rc1", Option, cp(3, 14, 0, ""), pyver.No},
		{"3.14rc2", Option, cp(3, 14, 0, "rc1"), pyver.No},
		{"3.13t", Option, cp(3, 13, 1, ""), pyver.No},
		{"3.13t", Option, pyver.Build{Impl: pyver.CPython, Version: v(3, 13, 1, ""), FreeThreaded: true}, pyver.Yes},
		{"3.13+gil", Option, pyver.Build{Impl: pyver.CPython, Version: v(3, 13, 1, ""), FreeThreaded: true}, pyver.No},
		{"3.13+gil", Option, cp(3, 13, 1, ""), pyver.Yes},
		{"3.12-32", Option, cp(3, 12, 1, ""), pyver.No},
		{"3.12-32", Option, b("python3.12"), pyver.Maybe},
		{"3.12-64", Option, b("python3.12"), pyver.Yes},
		{"3.12-64", Option, pyver.Build{Impl: pyver.CPython, Version: v(3, 12, 1, ""), Bits: 32}, pyver.No},
		{"3.11-arm64", Option, cp(3, 11, 1, ""), pyver.No},
		{"cp312", Option, cp(3, 12, 1, ""), pyver.Yes},
		{"pypy3.10", Option, cp(3, 10, 1, ""), pyver.No},
		{"pypy3.10", Option, pyver.Build{Impl: pyver.PyPy, Version: v(3, 10, 14, "")}, pyver.Yes},
		{">=3.11,<3.13", Option, cp(3, 12, 1, ""), pyver.Yes},
		{">=3.11,<3.13", Option, cp(3, 13, 0, ""), pyver.No},
		{">=3.11,<3.13", Option, b("python3"), pyver.Maybe},
		{">=3.11", Option, cp(3, 14, 0, "rc1"), pyver.No},
		{">=3.14.0rc1", Option, cp(3, 14, 0, "rc1"), pyver.Yes},
		{"cpython>=3.12", Option, pyver.Build{Impl: pyver.PyPy, Version: v(3, 12, 1, "")}, pyver.No},
		{"any", Option, b("python"), pyver.Yes},
		{"mypython3", Option, cp(3, 12, 1, ""), pyver.No},
		{"PythonCore/3.12", Selector, cp(3, 12, 1, ""), pyver.No}, // launcher2's reading only: see MatchTag
		{"cpython-3.12.1-linux-x86_64-gnu", Option, cp(3, 12, 1, ""), pyver.Yes},
		{"cpython-3.12.1-linux-aarch64-gnu", Option, cp(3, 12, 1, ""), pyver.No},
		{">=3.9,<3.12", Specifier, cp(3, 11, 7, ""), pyver.Yes},
	}
	for _, tt := range tests {
		r, err := Parse(tt.req, tt.syntax, "test")
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.req, err)
		}
		if got := r.Match(tt.b); got != tt.want {
			t.Errorf("%q against %+v: %v, want %v", tt.req, tt.b, got, tt.want)
		}
	}
}

func TestPreferred(t *testing.T) {
	ft := pyver.Build{Impl: pyver.CPython, Version: v(3, 13, 1, ""), FreeThreaded: true}
	pre := pyver.Build{Impl: pyver.CPython, Version: v(3, 14, 0, "rc1")}
	pypy := pyver.Build{Impl: pyver.PyPy, Version: v(3, 10, 14, "")}
	std := pyver.Build{Impl: pyver.CPython, Version: v(3, 12, 1, "")}
	for _, tt := range []struct {
		req      string
		b        pyver.Build
		allowPre bool
		want     bool
	}{
		{"3", std, false, true},
		{"3", ft, false, false},
		{"3.13t", ft, false, true},
		{"3", pre, false, false},
		{"3", pre, true, true},
		{"3.14rc1", pre, false, true},
		{">=3.14.0rc1", pre, false, true},
		{"3", pypy, false, false},
		{"pypy", pypy, false, true},
		{"PyPy/3.10", pypy, false, true},
	} {
		r, _ := Parse(tt.req, Selector, "test")
		if tt.req[0] >= '0' && tt.req[0] <= '9' || tt.req[0] == '>' {
			r, _ = Parse(tt.req, Option, "test")
		}
		if got := r.Preferred(tt.b, tt.allowPre); got != tt.want {
			t.Errorf("%q preferred for %+v (allowPre %v) = %v, want %v", tt.req, tt.b, tt.allowPre, got, tt.want)
		}
	}
}

func TestChainsAndSet(t *testing.T) {
	for text, want := range map[string]bool{"3": true, "2": true, "3.12": false, "3t": false, "3-64": false, "cp3": false, "4": false} {
		r, _ := FromOption(text, "test")
		if got := r.Chains(); got != want {
			t.Errorf("%q.Chains() = %v, want %v", text, got, want)
		}
	}
	a, _ := FromShebang("3", "the shebang")
	b, _ := FromSpecifier(">=3.11", "requires-python")
	set := Set{&a, &b}
	if got := set.Match(pyver.Build{Impl: pyver.CPython, Version: v(3, 10, 1, "")}); got != pyver.No {
		t.Errorf("Set.Match(3.10) = %v", got)
	}
	if got := set.Match(pyver.Build{Impl: pyver.CPython, Version: v(3, -1, -1, "")}); got != pyver.Maybe {
		t.Errorf("Set.Match(3) = %v", got)
	}
	if got := set.String(); got != "3 and >=3.11" {
		t.Errorf("Set.String() = %q", got)
	}
}
