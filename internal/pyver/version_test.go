package pyver

import (
	"slices"
	"testing"
)

func v(major, minor, micro int, pre string) Version {
	return Version{Major: major, Minor: minor, Micro: micro, Pre: pre}
}

func TestParseVersion(t *testing.T) {
	tests := []struct {
		in   string
		want Version
		ok   bool
	}{
		{"3", v(3, -1, -1, ""), true},
		{"3.12", v(3, 12, -1, ""), true},
		{"3.12.1", v(3, 12, 1, ""), true},
		{"2.7.18", v(2, 7, 18, ""), true},
		{"3.13.0rc2", v(3, 13, 0, "rc2"), true},
		{"3.14.0a1", v(3, 14, 0, "a1"), true},
		{"3.14.0b3", v(3, 14, 0, "b3"), true},
		{"3.14.0a1+", v(3, 14, 0, "a1"), true},
		{"3.12.1+", v(3, 12, 1, ""), true},
		{"3.12.1.final.0", v(3, 12, 1, ""), true},
		{"3.13.0.candidate.2", v(3, 13, 0, "rc2"), true},
		{"3.14.0.alpha.1", v(3, 14, 0, "a1"), true},
		{"3.14.0.beta.4", v(3, 14, 0, "b4"), true},
		{"10.0.0", v(10, 0, 0, ""), true},
		{"03.012.001", v(3, 12, 1, ""), true},
		{"3.14-dev", v(3, 14, -1, "dev"), true},
		{"3-dev", v(3, -1, -1, "dev"), true},

		{"", Unknown, false},
		{"+", Unknown, false},
		{"3.", Unknown, false},
		{".3", Unknown, false},
		{"3..1", Unknown, false},
		{"3.12.1.2", Unknown, false},
		{"3.12.1.2.3.4", Unknown, false},
		{"3.13a1", Unknown, false},
		{"3a1", Unknown, false},
		{"3.12.1rc", Unknown, false},
		{"3.12.1a", Unknown, false},
		{"3.12.1x1", Unknown, false},
		{"3.12.1r1", Unknown, false},
		{"3.12.1a1b2", Unknown, false},
		{"3.12.1.final", Unknown, false},
		{"3.12.1.bogus.0", Unknown, false},
		{"3.12.1.final.x", Unknown, false},
		{"3.12.x.final.0", Unknown, false},
		{"1234567890", Unknown, false},
		{"-3", Unknown, false},
		{" 3.12", Unknown, false},
		{"3.12 ", Unknown, false},
		{"x", Unknown, false},
		{"3.12.1++", Unknown, false},
		{"3.14dev", Unknown, false},
		{"3.14.0-dev", Unknown, false},
		{"3.14.0a1-dev", Unknown, false},
		{"3.14-dev-dev", Unknown, false},
		{"3.14+-dev", Unknown, false},
		{"-dev", Unknown, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := ParseVersion(tt.in)
			if ok != tt.ok || (ok && got != tt.want) {
				t.Errorf("ParseVersion(%q) = %+v, %v, want %+v, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestVersionString(t *testing.T) {
	tests := []struct {
		in          Version
		str, feat   string
		known, prer bool
	}{
		{Unknown, "?", "?", false, false},
		{v(3, -1, -1, ""), "3", "3", true, false},
		{v(3, 12, -1, ""), "3.12", "3.12", true, false},
		{v(3, 12, 1, ""), "3.12.1", "3.12", true, false},
		{v(3, 14, 0, "a1"), "3.14.0a1", "3.14", true, true},
		{v(3, 13, 0, "rc2"), "3.13.0rc2", "3.13", true, true},
		{v(3, 14, -1, "dev"), "3.14-dev", "3.14", true, true},
	}
	for _, tt := range tests {
		t.Run(tt.str, func(t *testing.T) {
			if got := tt.in.String(); got != tt.str {
				t.Errorf("%+v.String() = %q, want %q", tt.in, got, tt.str)
			}
			if got := tt.in.Feature(); got != tt.feat {
				t.Errorf("%+v.Feature() = %q, want %q", tt.in, got, tt.feat)
			}
			if got := tt.in.Known(); got != tt.known {
				t.Errorf("%+v.Known() = %v, want %v", tt.in, got, tt.known)
			}
			if got := tt.in.Prerelease(); got != tt.prer {
				t.Errorf("%+v.Prerelease() = %v, want %v", tt.in, got, tt.prer)
			}
		})
	}
}

func mustVersion(t testing.TB, s string) Version {
	t.Helper()
	v, ok := ParseVersion(s)
	if !ok {
		t.Fatalf("ParseVersion(%q) failed", s)
	}
	return v
}

func TestCompare(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"3.12.1", "3.12.1", 0},
		{"3.12.1", "3.12.1.final.0", 0},
		{"3.12.1", "3.12.2", -1},
		{"3.12.10", "3.12.9", +1},
		{"3.9", "3.10", -1},
		{"3.10", "3.9.18", +1},
		{"2.7.18", "3.6.15", -1},
		{"3", "3.12", -1},
		{"3.12", "3.12.0", -1},
		{"3.14.0a1", "3.14.0b1", -1},
		{"3.14.0b1", "3.14.0rc1", -1},
		{"3.14.0rc1", "3.14.0", -1},
		{"3.14.0a1", "3.14.0a2", -1},
		{"3.14.0a10", "3.14.0a9", +1},
		{"3.14.0rc2", "3.13.0.candidate.2", +1},
		{"3.13.0.candidate.2", "3.13.0rc2", 0},
		{"3.13.0.candidate.2", "3.13.0", -1},
		{"3.13.1a1", "3.13.0", +1},
		{"3.14-dev", "3.14", -1},
		{"3.14-dev", "3.14.0a1", -1},
		{"3.14-dev", "3.13.9", +1},
		{"3.14-dev", "3.14-dev", 0},
	}
	for _, tt := range tests {
		t.Run(tt.a+"_vs_"+tt.b, func(t *testing.T) {
			a, b := mustVersion(t, tt.a), mustVersion(t, tt.b)
			if got := Compare(a, b); got != tt.want {
				t.Errorf("Compare(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
			}
			if got := Compare(b, a); got != -tt.want {
				t.Errorf("Compare(%q, %q) = %d, want %d", tt.b, tt.a, got, -tt.want)
			}
		})
	}
}

func TestCompareUnknownSortsFirst(t *testing.T) {
	if got := Compare(Unknown, v(2, 0, 0, "")); got != -1 {
		t.Errorf("Compare(Unknown, 2.0.0) = %d, want -1", got)
	}
	if got := Compare(Unknown, Unknown); got != 0 {
		t.Errorf("Compare(Unknown, Unknown) = %d, want 0", got)
	}
}

func TestCompareSorts(t *testing.T) {
	want := []string{"2.7.18", "3", "3.12", "3.12.1", "3.14.0a1", "3.14.0a2", "3.14.0b1", "3.14.0rc1", "3.14.0", "3.14.1"}
	var vs []Version
	for _, s := range want {
		vs = append(vs, mustVersion(t, s))
	}
	shuffled := slices.Clone(vs)
	slices.Reverse(shuffled)
	shuffled[0], shuffled[4] = shuffled[4], shuffled[0]
	slices.SortFunc(shuffled, Compare)
	var got []string
	for _, v := range shuffled {
		got = append(got, v.String())
	}
	if !slices.Equal(got, want) {
		t.Errorf("sorted = %q, want %q", got, want)
	}
}

func FuzzParseVersion(f *testing.F) {
	for _, s := range []string{
		"3", "3.12", "3.12.1", "3.13.0rc2", "3.14.0a1", "3.14.0b1+", "3.12.1.final.0",
		"3.13.0.candidate.2", "3.14.0.alpha.1", "2.7.18", "3.12.1x", "", "3..", "pypy", "3.14-dev",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := ParseVersion(s)
		if !ok {
			if got != Unknown {
				t.Errorf("ParseVersion(%q) = %+v, false; want Unknown on failure", s, got)
			}
			return
		}
		if !got.Known() {
			t.Fatalf("ParseVersion(%q) = %+v, true; want a known major version", s, got)
		}
		if got.Pre != "" && got.Pre != "dev" && got.Micro < 0 {
			t.Errorf("ParseVersion(%q) = %+v: a pre-release without a micro version", s, got)
		}
		if got.Pre == "dev" && got.Micro >= 0 {
			t.Errorf("ParseVersion(%q) = %+v: a branch head with a micro version", s, got)
		}
		str := got.String()
		again, ok := ParseVersion(str)
		if !ok || again != got {
			t.Errorf("ParseVersion(%q) = %+v; its String() %q re-parses to %+v, %v", s, got, str, again, ok)
		}
		if c := Compare(got, again); c != 0 {
			t.Errorf("Compare(%+v, %+v) = %d, want 0", got, again, c)
		}
		// A pre-release sorts before the final release of the same number.
		if got.Prerelease() {
			final := got
			final.Pre = ""
			if c := Compare(got, final); c != -1 {
				t.Errorf("Compare(%q, %q) = %d, want -1", str, final.String(), c)
			}
		}
	})
}

// fuzzVersion makes a version of s as py meets them: a version number
// (ParseVersion), else an install directory name (ParseInstallName:
// pyenv's 3.14-dev).
func fuzzVersion(s string) (Version, bool) {
	if v, ok := ParseVersion(s); ok {
		return v, true
	}
	if b, known, ok := ParseInstallName(s); ok && known {
		return b.Version, true
	}
	return Unknown, false
}

func FuzzCompare(f *testing.F) {
	f.Add("3.12.1", "3.12.1.final.0", "3.12")
	f.Add("3.14.0a1", "3.14.0rc1", "3.14.0")
	f.Add("3", "3.12", "3.12.0")
	f.Add("3.13.0.candidate.2", "3.13.0", "3.13.0rc2")
	f.Add("3.14-dev", "3.14.0a1", "3.14")
	f.Add("pypy3.10-7.3.17", "3.13.0t", "3.14.0a01")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		va, oka := fuzzVersion(a)
		vb, okb := fuzzVersion(b)
		vc, okc := fuzzVersion(c)
		if !oka || !okb || !okc {
			return
		}
		cmp := func(x, y Version) int {
			n := Compare(x, y)
			if n < -1 || n > 1 {
				t.Fatalf("Compare(%q, %q) = %d, want -1, 0 or +1", x, y, n)
			}
			return n
		}
		vs := []Version{va, vb, vc}
		for _, x := range vs {
			// Reflexive, and String() parses back to an equal version.
			if n := cmp(x, x); n != 0 {
				t.Fatalf("Compare(%q, itself) = %d", x, n)
			}
			y, ok := ParseVersion(x.String())
			if !ok || cmp(x, y) != 0 {
				t.Fatalf("%+v.String() = %q parses to %+v, %v: not an equal version", x, x.String(), y, ok)
			}
			for _, y := range vs {
				// Antisymmetric.
				if xy, yx := cmp(x, y), cmp(y, x); xy != -yx {
					t.Fatalf("Compare(%q, %q) = %d but Compare(%q, %q) = %d", x, y, xy, y, x, yx)
				}
				for _, z := range vs {
					// Transitive; equal versions compare alike.
					if cmp(x, y) <= 0 && cmp(y, z) <= 0 && cmp(x, z) > 0 {
						t.Fatalf("%q <= %q <= %q but %q > %q", x, y, z, x, z)
					}
					if cmp(x, y) == 0 && cmp(x, z) != cmp(y, z) {
						t.Fatalf("%q == %q but they compare differently with %q", x, y, z)
					}
				}
			}
		}
	})
}
