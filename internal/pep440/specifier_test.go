package pep440

import (
	"errors"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{">=3.9", ">=3.9"},
		{">=3.9,<3.12", ">=3.9,<3.12"},
		{" >= 3.9 , < 3.12 ", ">=3.9,<3.12"},
		{"~=3.10", "~=3.10"},
		{"~= 2.2.post3", "~=2.2.post3"},
		{"~=1.4.5a4", "~=1.4.5a4"},
		{"==3.11.*", "==3.11.*"},
		{"== 3.11.*", "==3.11.*"},
		{"!=3.10.*", "!=3.10.*"},
		{"==1!3.*", "==1!3.*"},
		{"==v3.11.*", "==3.11.*"},
		{"!=3.10.2", "!=3.10.2"},
		{"==1.0+Local-1", "==1.0+local.1"},
		{"!=1.0+local", "!=1.0+local"},
		{"<=3.12", "<=3.12"},
		{"<3.12", "<3.12"},
		{">3.7", ">3.7"},
		{">3.7.post2", ">3.7.post2"},
		{"<3.14.0RC1", "<3.14.0rc1"},
		{"===foobar", "===foobar"},
		{"=== 1.0", "===1.0"},
		{"===1.0+Weird_Thing!", "===1.0+Weird_Thing!"},
		{">=3.9,", ">=3.9"},
		{",,>=3.9,,", ">=3.9"},
		{"", ""},
		{"  ", ""},
		{">=3.9,>=3.9", ">=3.9,>=3.9"},
		{">=3.9,<4,!=3.9.1,!=3.10.*", ">=3.9,<4,!=3.9.1,!=3.10.*"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			set, err := Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse(%q) = %v, want %q", tt.in, err, tt.want)
			}
			if got := set.String(); got != tt.want {
				t.Errorf("Parse(%q).String() = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in     string
		clause string
		reason string
	}{
		{"3.9", "3.9", "expected an operator"},
		{"python>=3.9", "python>=3.9", "expected an operator"},
		{"=3.9", "=3.9", "expected an operator"},
		{"=>3.9", "=>3.9", "expected an operator"},
		{">=", ">=", `expected a version after ">="`},
		{">=3.9,<", "<", `expected a version after "<"`},
		{">= ,<3", ">=", `expected a version after ">="`},
		{"~=3", "~=3", "at least two release numbers"},
		{"~=1!3", "~=1!3", "at least two release numbers"},
		{"~=3.10.*", "~=3.10.*", "only with == and !="},
		{">=3.10.*", ">=3.10.*", "only with == and !="},
		{"<3.*", "<3.*", "only with == and !="},
		{"==3.10a1.*", "==3.10a1.*", "follows only release numbers"},
		{"==3.10.post1.*", "==3.10.post1.*", "follows only release numbers"},
		{"==3.10+local.*", "==3.10+local.*", "follows only release numbers"},
		{"==3.*.1", "==3.*.1", `unexpected ".*.1"`},
		{"==3.10.**", "==3.10.**", `unexpected ".**"`},
		{">=3.9+local", ">=3.9+local", "local version label (+local)"},
		{"~=3.9.1+local", "~=3.9.1+local", "local version label"},
		{"<=3.9+local", "<=3.9+local", "local version label"},
		{">=3.9 <3.12", ">=3.9 <3.12", `unexpected " <3.12"`},
		{">=3.9;python_version>'3'", ">=3.9;python_version>'3'", `unexpected ";python_version>'3'"`},
		{"===", "===", `expected a version after "==="`},
		{"=== a b", "=== a b", `unexpected " b"`},
		{"===a;b", "===a;b", `unexpected ";b"`},
		{">=3.9.x", ">=3.9.x", `unexpected ".x"`},
		{">=99999999999999999999", ">=99999999999999999999", "too large"},
		{">=3.9,~=3", "~=3", "at least two"},
		{"==français", "==français", "non-ASCII"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			set, err := Parse(tt.in)
			var se *SpecifierError
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q) = %v, %v, want a *SpecifierError", tt.in, set, err)
			}
			if se.Text != tt.in || se.Clause != tt.clause || !strings.Contains(se.Reason, tt.reason) {
				t.Errorf("Parse(%q) error = %+v, want clause %q and a reason containing %q", tt.in, se, tt.clause, tt.reason)
			}
			if !strings.HasPrefix(err.Error(), `invalid version specifier "`) {
				t.Errorf("Parse(%q) error %q: want it to start with `invalid version specifier \"`", tt.in, err)
			}
		})
	}
}

func TestSpecifierErrorMessage(t *testing.T) {
	_, err := Parse(">=3.9,<")
	want := `invalid version specifier ">=3.9,<" (in "<"): expected a version after "<"`
	if err == nil || err.Error() != want {
		t.Errorf("Parse(%q) = %v, want %q", ">=3.9,<", err, want)
	}
	_, err = Parse(" ~=3 ")
	want = `invalid version specifier " ~=3 ": ~= needs at least two release numbers, as in ~=3.10`
	if err == nil || err.Error() != want {
		t.Errorf("Parse(%q) = %v, want %q", " ~=3 ", err, want)
	}
	_, err = ParseSpecifier("3.9")
	if err == nil || !strings.Contains(err.Error(), "expected an operator") {
		t.Errorf("ParseSpecifier(%q) = %v, want an error about the operator", "3.9", err)
	}
}

func TestContains(t *testing.T) {
	tests := []struct {
		spec    string
		version string
		pre     bool // the caller allows pre-releases
		want    bool
	}{
		// PEP 440, "Compatible release": ~=2.2 is >=2.2,==2.*.
		{"~=2.2", "2.2", false, true},
		{"~=2.2", "2.3", false, true},
		{"~=2.2", "2.2.1", false, true},
		{"~=2.2", "2.9.9.post1", false, true},
		{"~=2.2", "2.1", false, false},
		{"~=2.2", "3.0", false, false},
		{"~=2.2", "3.0.dev0", true, false},
		{"~=2.2", "2.2.post3", false, true},
		// ~=1.4.5 is >=1.4.5,==1.4.*.
		{"~=1.4.5", "1.4.5", false, true},
		{"~=1.4.5", "1.4.6", false, true},
		{"~=1.4.5", "1.4.4", false, false},
		{"~=1.4.5", "1.5.0", false, false},
		// ~=2.2.post3 is >=2.2.post3,==2.*.
		{"~=2.2.post3", "2.2.post3", false, true},
		{"~=2.2.post3", "2.2.post4", false, true},
		{"~=2.2.post3", "2.2.post2", false, false},
		{"~=2.2.post3", "2.2", false, false},
		{"~=2.2.post3", "2.3", false, true},
		{"~=2.2.post3", "3.0", false, false},
		// ~=1.4.5a4 is >=1.4.5a4,==1.4.*, and names a pre-release.
		{"~=1.4.5a4", "1.4.5a4", false, true},
		{"~=1.4.5a4", "1.4.5b1", false, true},
		{"~=1.4.5a4", "1.4.5a3", false, false},
		{"~=1.4.5a4", "1.4.5", false, true},
		{"~=1.4.5a4", "1.4.9", false, true},
		{"~=1.4.5a4", "1.5.0", false, false},
		// ~=2.2.0 is >=2.2.0,==2.2.*; ~=1.4.5.0 is >=1.4.5.0,==1.4.5.*.
		{"~=2.2.0", "2.2.0", false, true},
		{"~=2.2.0", "2.2.9", false, true},
		{"~=2.2.0", "2.3", false, false},
		{"~=1.4.5.0", "1.4.5.0", false, true},
		{"~=1.4.5.0", "1.4.5.7", false, true},
		{"~=1.4.5.0", "1.4.6", false, false},

		// PEP 440, "Version matching", given 1.1.post1.
		{"==1.1", "1.1.post1", false, false},
		{"==1.1.post1", "1.1.post1", false, true},
		{"==1.1.*", "1.1.post1", false, true},
		// Given 1.1a1: the prefix match needs pre-releases requested.
		{"==1.1", "1.1a1", true, false},
		{"==1.1a1", "1.1a1", false, true},
		{"==1.1.*", "1.1a1", false, false},
		{"==1.1.*", "1.1a1", true, true},
		// Given 1.1: zero padding; an exact match is a prefix match.
		{"==1.1", "1.1", false, true},
		{"==1.1.0", "1.1", false, true},
		{"==1.1.dev1", "1.1", false, false},
		{"==1.1a1", "1.1", false, false},
		{"==1.1.post1", "1.1", false, false},
		{"==1.1.*", "1.1", false, true},
		{"==1.1", "1.1.0.0", false, true},
		{"==1.1.*", "1.10", false, false},
		{"==1.1.*", "1", false, false},
		{"==1.0.*", "1", false, true},
		{"==1.*", "1.99.post1", false, true},
		{"==1.*", "2.0.dev0", true, false},

		// PEP 440, "Version exclusion", given 1.1.post1.
		{"!=1.1", "1.1.post1", false, true},
		{"!=1.1.post1", "1.1.post1", false, false},
		{"!=1.1.*", "1.1.post1", false, false},
		{"!=3.10.2", "3.10.2", false, false},
		{"!=3.10.2", "3.10.3", false, true},
		{"!=3.10.2", "3.10.2.0", false, false},
		{"!=3.10.*", "3.10.0rc1", true, false},
		{"!=3.10.*", "3.11.0", false, true},

		// Local versions: ignored unless the clause has one.
		{"==1.0", "1.0+ubuntu.1", false, true},
		{"==1.0+ubuntu.1", "1.0+ubuntu.1", false, true},
		{"==1.0+ubuntu.1", "1.0+UBUNTU-01", false, true},
		{"==1.0+ubuntu.1", "1.0", false, false},
		{"==1.0+ubuntu.1", "1.0+ubuntu.2", false, false},
		{"!=1.0", "1.0+ubuntu.1", false, false},
		{"!=1.0+ubuntu.1", "1.0+ubuntu.2", false, true},
		{"==1.0.*", "1.0+local", false, true},
		{"<=1.0", "1.0+local", false, true},
		{">=1.0", "1.0+local", false, true},
		{"<1.0", "0.9+local", false, true},
		{"<1.0", "1.0+local", false, false},

		// Inclusive ordered comparison.
		{">=3.9", "3.9", false, true},
		{">=3.9", "3.9.0", false, true},
		{">=3.9", "3.8.18", false, false},
		{">=3.9", "3.9.post1", false, true},
		{">=3.9", "3.9rc1", true, false},
		{"<=3.9", "3.9.0", false, true},
		{"<=3.9", "3.9.1", false, false},
		{"<=3.9", "3.9.post1", false, false},

		// Exclusive ordered comparison: >V excludes V's post-releases and
		// local versions unless V is a post-release (PEP 440's examples).
		{">1.7", "1.7.1", false, true},
		{">1.7", "1.7.0.post1", false, false},
		{">1.7", "1.7", false, false},
		{">1.7", "1.7+local", false, false},
		{">1.7", "1.7.post1+local", false, false},
		{">1.7", "1.8", false, true},
		{">1.7", "1.7.1.dev0", true, true},
		{">1.7.post2", "1.7.1", false, true},
		{">1.7.post2", "1.7.0.post3", false, true},
		{">1.7.post2", "1.7.0", false, false},
		{">1.7.post2", "1.7.post2", false, false},
		{">1.7.post2", "1.7.post2+local", false, false},
		{">1.7a1", "1.7a1.post1", false, false},
		{">1.7a1", "1.7a2", false, true},
		{">1.7a1", "1.7", false, true},
		{">1.7a1", "1.7.post1", false, true},
		{">1.0.dev1", "1.0.dev2", false, true},
		{">1.0.dev1", "1.0.dev1+local", false, false},
		{">1.0.dev1", "1.0", false, true},
		// <V excludes V's pre-releases unless V is one.
		{"<1.7", "1.6.9", false, true},
		{"<1.7", "1.7.0rc1", true, false},
		{"<1.7", "1.7.dev0", true, false},
		{"<1.7", "1.7.0a1.dev1", true, false},
		{"<1.7", "1.6.9a1", true, true},
		{"<1.7", "1.6.9a1", false, false},
		{"<1.7", "1.6.post1", false, true},
		{"<1.7", "1.7", false, false},
		{"<1.7rc1", "1.7b1", false, true},
		{"<1.7rc1", "1.7rc1", false, false},
		{"<1.7.post1", "1.7", false, true},
		{"<1.7.post1", "1.7.post1.dev0", true, false},
		{"<0", "0.dev0", true, false},
		{"<0.0.0", "0a0", true, false},

		// Arbitrary equality compares text.
		{"===1.0", "1.0", false, true},
		{"===1.0", "1.0.0", false, false},
		{"===1.0RC1", "1.0rc1", false, true},
		{"===1.0rc1", "1.0rc1", false, true},
		{"===foobar", "1.0", true, false},

		// Epochs.
		{">=1.0", "1!0.5", false, true},
		{"<2.0", "1!0.5", false, false},
		{"==1!1.*", "1!1.2", false, true},
		{"==1!1.*", "1.2", false, false},

		// requires-python as projects write it.
		{">=3.9,<3.12", "3.11.7", false, true},
		{">=3.9,<3.12", "3.12.0", false, false},
		{">=3.9,<3.12", "3.12.0rc1", true, false},
		{">=3.9,<3.12", "3.9.0", false, true},
		{">=3.9,<3.12", "3.8.18", false, false},
		{"==3.11.*", "3.11.0", false, true},
		{"==3.11.*", "3.11", false, true},
		{"==3.11.*", "3.12.0", false, false},
		{"==3.11.*", "3.11.0rc1", false, false},
		{"==3.11.*", "3.11.0rc1", true, true},
		{"==3.11", "3.11.0", false, true},
		{"~=3.10", "3.13.1", false, true},
		{"~=3.10", "4.0", false, false},
		{">=3.14.0rc1", "3.14.0rc2", false, true},
		{">=3.14.0rc1", "3.14.0b1", false, false},
		{">=3.14.0rc1", "3.15.0a1", false, true},
		{">=3.9,!=3.14.0rc1", "3.14.0rc2", false, false},
		{">=3.9,<3.15.0a1", "3.14.0b1", false, true},

		// The empty set allows everything but unasked-for pre-releases.
		{"", "3.12", false, true},
		{"", "3.13.0a1", false, false},
		{"", "3.13.0a1", true, true},
	}
	for _, tt := range tests {
		t.Run(tt.spec+"/"+tt.version, func(t *testing.T) {
			set, err := Parse(tt.spec)
			if err != nil {
				t.Fatal(err)
			}
			v := mustVersion(t, tt.version)
			if got := set.Contains(v, tt.pre); got != tt.want {
				t.Errorf("Parse(%q).Contains(%q, %v) = %v, want %v", tt.spec, tt.version, tt.pre, got, tt.want)
			}
			if len(set) == 1 {
				if got := set[0].Contains(v, tt.pre); got != tt.want {
					t.Errorf("ParseSpecifier(%q).Contains(%q, %v) = %v, want %v", tt.spec, tt.version, tt.pre, got, tt.want)
				}
			}
		})
	}
}

// TestCompatibleEquivalence checks PEP 440's statement that ~=V.N is
// >=V.N,==V.* on a grid of versions.
func TestCompatibleEquivalence(t *testing.T) {
	pairs := [][2]string{
		{"~=2.2", ">=2.2,==2.*"},
		{"~=1.4.5", ">=1.4.5,==1.4.*"},
		{"~=2.2.post3", ">=2.2.post3,==2.*"},
		{"~=1.4.5a4", ">=1.4.5a4,==1.4.*"},
		{"~=2.2.0", ">=2.2.0,==2.2.*"},
		{"~=1.4.5.0", ">=1.4.5.0,==1.4.5.*"},
	}
	var grid []string
	for _, r := range []string{"1.4", "1.4.4", "1.4.5", "1.4.5.0", "1.4.5.1", "1.4.6", "1.5", "2", "2.1", "2.2", "2.2.0", "2.2.1", "2.3", "3", "3.0"} {
		for _, suffix := range []string{"", "a4", "a3", "b1", "rc1", ".post2", ".post3", ".post4", ".dev0", "+local"} {
			grid = append(grid, r+suffix)
		}
	}
	for _, p := range pairs {
		a, err := Parse(p[0])
		if err != nil {
			t.Fatal(err)
		}
		b, err := Parse(p[1])
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range grid {
			v := mustVersion(t, s)
			for _, pre := range []bool{false, true} {
				// The pre-release policy differs (only ~= names the
				// pre-release of ~=1.4.5a4), so compare with it granted.
				if !pre && (a.NamesPrerelease() != b.NamesPrerelease()) {
					continue
				}
				if got, want := a.Contains(v, pre), b.Contains(v, pre); got != want {
					t.Errorf("Parse(%q).Contains(%q, %v) = %v, want %v as %q", p[0], s, pre, got, want, p[1])
				}
			}
		}
	}
}

func TestNamesPrerelease(t *testing.T) {
	tests := []struct {
		spec string
		want bool
	}{
		{">=3.9", false},
		{">=3.14.0b1", true},
		{"<3.14.0rc1", true},
		{">3.14.0.dev0", true},
		{"~=3.14.0a1", true},
		{"==3.14.0rc1", true},
		{"<=3.14.0rc1", true},
		{"!=3.14.0rc1", false},
		{"==3.14.*", false},
		{"===3.14.0rc1", true},
		{"===3.14.0", false},
		{"===foobar", false},
		{">=3.9,<3.14.0rc1", true},
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			set, err := Parse(tt.spec)
			if err != nil {
				t.Fatal(err)
			}
			if got := set.NamesPrerelease(); got != tt.want {
				t.Errorf("Parse(%q).NamesPrerelease() = %v, want %v", tt.spec, got, tt.want)
			}
		})
	}
}

// TestHandBuilt checks that values not made by Parse do not panic.
func TestHandBuilt(t *testing.T) {
	v := mustVersion(t, "1.0")
	specs := []Specifier{
		{Op: "~="},
		{Op: "~=", Version: Version{Release: []int{1}}},
		{Op: "==", Wildcard: true},
		{Op: "!=", Wildcard: true},
		{Op: "<"},
		{Op: ">"},
		{Op: "?"},
		{},
	}
	for _, s := range specs {
		s.Contains(v, true)
		s.Contains(Version{}, true)
		_ = s.String()
		_ = s.NamesPrerelease()
	}
	if SpecifierSet(specs).Contains(Version{}, true) {
		t.Errorf("Contains(Version{}) = true, want false")
	}
	_ = Compare(Version{}, v)
	_ = Version{}.String()
}

func FuzzParseSpecifier(f *testing.F) {
	for _, s := range []string{
		">=3.9", ">=3.9,<3.12", "~=3.10", "==3.11.*", "!=3.10.2", "===foobar", "==1.0+local",
		"~=2.2.post3", "~=1.4.5a4", ">1.7.post2", "<1.7rc1", "", ",,", ">=", "~=3", "==3.*.1",
	} {
		f.Add(s, "3.11.7")
		f.Add(s, "1.0a1.post2.dev3+local")
	}
	f.Fuzz(func(t *testing.T, spec, version string) {
		set, err := Parse(spec)
		if err != nil {
			var se *SpecifierError
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q) error %v is not a *SpecifierError", spec, err)
			}
			return
		}
		// The normal form parses to itself.
		norm := set.String()
		set2, err := Parse(norm)
		if err != nil {
			t.Fatalf("Parse(%q) = %v (normal form of %q)", norm, err, spec)
		}
		if got := set2.String(); got != norm {
			t.Errorf("Parse(%q).String() = %q, want %q", norm, got, norm)
		}
		v, err := ParseVersion(version)
		if err != nil {
			return
		}
		for _, pre := range []bool{false, true} {
			got := set.Contains(v, pre)
			if got != set2.Contains(v, pre) {
				t.Errorf("Parse(%q) and Parse(%q) disagree on %q", spec, norm, version)
			}
			if got && !pre && v.IsPrerelease() && !set.NamesPrerelease() {
				t.Errorf("Parse(%q).Contains(%q, false) = true for an unasked-for pre-release", spec, version)
			}
		}
		// == and != are each other's complement.
		for _, s := range set {
			if s.Op != "==" && s.Op != "!=" {
				continue
			}
			n := s
			n.Op = map[string]string{"==": "!=", "!=": "=="}[s.Op]
			if s.match(v) == n.match(v) {
				t.Errorf("%q and %q agree on %q", s, n, version)
			}
		}
	})
}
