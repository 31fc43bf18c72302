package pep440

import (
	"errors"
	"strings"
	"testing"
)

func TestParseVersion(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		// Normal forms are kept.
		{"1.0", "1.0"},
		{"1", "1"},
		{"3.12.1", "3.12.1"},
		{"1.0a1", "1.0a1"},
		{"1.0b2", "1.0b2"},
		{"1.0rc1", "1.0rc1"},
		{"1.0.post1", "1.0.post1"},
		{"1.0.dev1", "1.0.dev1"},
		{"1.0a1.post2.dev3", "1.0a1.post2.dev3"},
		{"1!2.0", "1!2.0"},
		{"1.0+ubuntu.1", "1.0+ubuntu.1"},
		{"2012.10", "2012.10"},
		// PEP 440, "Normalization": case.
		{"1.1RC1", "1.1rc1"},
		{"1.0POST1", "1.0.post1"},
		{"1.0.DEV1", "1.0.dev1"},
		{"1.0+UBUNTU.1", "1.0+ubuntu.1"},
		// Integer normalization.
		{"00", "0"},
		{"09000", "9000"},
		{"1.0001", "1.1"},
		{"1.0+ubuntu.001", "1.0+ubuntu.1"},
		{"1.0+00", "1.0+0"},
		// Pre-release separators and spelling.
		{"1.1.a1", "1.1a1"},
		{"1.1-a1", "1.1a1"},
		{"1.1_a1", "1.1a1"},
		{"1.0a.1", "1.0a1"},
		{"1.0a-1", "1.0a1"},
		{"1.0a_1", "1.0a1"},
		{"1.0alpha1", "1.0a1"},
		{"1.0beta1", "1.0b1"},
		{"1.0c1", "1.0rc1"},
		{"1.0pre1", "1.0rc1"},
		{"1.0preview1", "1.0rc1"},
		{"1.0-preview-1", "1.0rc1"},
		// Implicit pre-release number.
		{"1.2a", "1.2a0"},
		{"1.2.beta", "1.2b0"},
		{"1.0a.", "1.0a0"},
		// Post-release separators and spelling.
		{"1.0-post1", "1.0.post1"},
		{"1.0post1", "1.0.post1"},
		{"1.0_post1", "1.0.post1"},
		{"1.0.post-1", "1.0.post1"},
		{"1.0.post.1", "1.0.post1"},
		{"1.0-r4", "1.0.post4"},
		{"1.0-rev4", "1.0.post4"},
		{"1.0r4", "1.0.post4"},
		// Implicit post-release number, implicit post-releases.
		{"1.2.post", "1.2.post0"},
		{"1.2-r", "1.2.post0"},
		{"1.0-1", "1.0.post1"},
		{"1.0a1-1", "1.0a1.post1"},
		// Development release separators, implicit number.
		{"1.2-dev2", "1.2.dev2"},
		{"1.2dev2", "1.2.dev2"},
		{"1.2_dev_2", "1.2.dev2"},
		{"1.2.dev", "1.2.dev0"},
		{"1.0-dev", "1.0.dev0"},
		// Local version segments.
		{"1.0+ubuntu-1", "1.0+ubuntu.1"},
		{"1.0+ubuntu_1", "1.0+ubuntu.1"},
		{"1.0+abc.5", "1.0+abc.5"},
		// Preceding v, white space, epochs.
		{"v1.0", "1.0"},
		{"V1.0", "1.0"},
		{"  1.0\n", "1.0"},
		{"\t1.0a1 ", "1.0a1"},
		{"0!1.0", "1.0"},
		{"01!1.0", "1!1.0"},
		// Separators PEP 440's expression allows in odd places.
		{"1.0a.post1", "1.0a0.post1"},
		{"1.0a..post1", "1.0a0.post1"},
		{"1.0a--1", "1.0a0.post1"},
		{"1.0.post.dev", "1.0.post0.dev0"},
		{"1.0cdev1", "1.0rc0.dev1"},
		// Large numbers within bounds.
		{"999999999999999999", "999999999999999999"},
		{"0000000000000000000000001", "1"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			v, err := ParseVersion(tt.in)
			if err != nil {
				t.Fatalf("ParseVersion(%q) = %v, want %q", tt.in, err, tt.want)
			}
			if got := v.String(); got != tt.want {
				t.Errorf("ParseVersion(%q).String() = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseVersionFields(t *testing.T) {
	v, err := ParseVersion("2!1.02.3rc4.post5.dev6+Local-7")
	if err != nil {
		t.Fatal(err)
	}
	want := Version{Epoch: 2, Release: []int{1, 2, 3}, Pre: "rc", PreN: 4, Post: 5, Dev: 6, Local: "local.7"}
	if v.String() != want.String() || v.Epoch != 2 || v.Pre != "rc" || v.PreN != 4 || v.Post != 5 || v.Dev != 6 || v.Local != "local.7" {
		t.Errorf("ParseVersion = %+v, want %+v", v, want)
	}
	v, _ = ParseVersion("1.0")
	if v.Post != -1 || v.Dev != -1 || v.Pre != "" || v.Local != "" {
		t.Errorf("ParseVersion(\"1.0\") = %+v, want Post and Dev -1, no Pre or Local", v)
	}
}

func TestParseVersionErrors(t *testing.T) {
	tests := []struct {
		in     string
		reason string
	}{
		{"", "expected a release number"},
		{"   ", "expected a release number"},
		{"v", "expected a release number"},
		{"a1.0", "expected a release number"},
		{".1", "expected a release number"},
		{"1.", `unexpected "."`},
		{"1..0", `unexpected "..0"`},
		{"1.0-", `unexpected "-"`},
		{"1.0+", "invalid local version label"},
		{"1.0+a..b", `unexpected "..b"`},
		{"1.0+a-", `unexpected "-"`},
		{"1.0+_a", "invalid local version label"},
		{"1.0 a1", `unexpected " a1"`},
		{"1.0x", `unexpected "x"`},
		{"1.0a1a2", `unexpected "a2"`},
		{"1.0.dev1.post1", `unexpected ".post1"`},
		{"1.0.dev1a1", `unexpected "a1"`},
		{"1.0.post1a1", `unexpected "a1"`},
		{"1.0.*", `unexpected ".*"`},
		{"1!", "after the epoch"},
		{"1!v1.0", "after the epoch"},
		{"1!2!3", `unexpected "!3"`},
		{"français", "non-ASCII"},
		{"1.0\u00e9", "non-ASCII"},
		{"3.12\x00", `unexpected "\x00"`},
		{"9999999999999999999", "too large"},
		{"1.0a99999999999999999999", "too large"},
		{"1.0.post99999999999999999999", "too large"},
		{"1.0-99999999999999999999", "too large"},
		{"1.0.dev99999999999999999999", "too large"},
		{"1.99999999999999999999", "too large"},
		{"99999999999999999999!1", "too large"},
		{"1.0.final", `unexpected ".final"`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			v, err := ParseVersion(tt.in)
			var ve *VersionError
			if !errors.As(err, &ve) {
				t.Fatalf("ParseVersion(%q) = %v, %v, want a *VersionError", tt.in, v, err)
			}
			if ve.Text != tt.in || !strings.Contains(ve.Reason, tt.reason) {
				t.Errorf("ParseVersion(%q) error = %+v, want text %q and a reason containing %q", tt.in, ve, tt.in, tt.reason)
			}
			if !strings.HasPrefix(err.Error(), "invalid version \"") {
				t.Errorf("ParseVersion(%q) error %q: want it to start with `invalid version \"`", tt.in, err)
			}
		})
	}
}

func mustVersion(t testing.TB, s string) Version {
	t.Helper()
	v, err := ParseVersion(s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestCompareOrdering checks the order PEP 440 gives in "Summary of
// permitted suffixes and relative ordering", with local versions added
// from "Local version identifiers".
func TestCompareOrdering(t *testing.T) {
	order := []string{
		"1.dev0",
		"1.0.dev456",
		"1.0a1",
		"1.0a2.dev456",
		"1.0a12.dev456",
		"1.0a12",
		"1.0b1.dev456",
		"1.0b2",
		"1.0b2.post345.dev456",
		"1.0b2.post345",
		"1.0rc1.dev456",
		"1.0rc1",
		"1.0",
		"1.0+abc.5",
		"1.0+abc.7",
		"1.0+5",
		"1.0.post456.dev34",
		"1.0.post456",
		"1.0.15",
		"1.1.dev1",
		"1.1",
		"2012.10",
		"1!0.1",
	}
	for i := range order {
		for j := range order {
			a, b := mustVersion(t, order[i]), mustVersion(t, order[j])
			want := cmpInt(i, j)
			if got := Compare(a, b); got != want {
				t.Errorf("Compare(%q, %q) = %d, want %d", order[i], order[j], got, want)
			}
		}
	}
}

func TestCompareEqual(t *testing.T) {
	tests := [][2]string{
		{"1.0", "1.0.0"},
		{"1", "1.0.0.0"},
		{"1.0", "v1.0"},
		{"1.0a1", "1.0.alpha.1"},
		{"1.0rc1", "1.0c1"},
		{"1.0.post0", "1.0.post"},
		{"1.0.post1", "1.0-1"},
		{"1.0+ubuntu.1", "1.0+UBUNTU-01"},
		{"0!1.0", "1.0"},
		{"1.0.0a1", "1.0a1"},
	}
	for _, tt := range tests {
		t.Run(tt[0]+"="+tt[1], func(t *testing.T) {
			if got := Compare(mustVersion(t, tt[0]), mustVersion(t, tt[1])); got != 0 {
				t.Errorf("Compare(%q, %q) = %d, want 0", tt[0], tt[1], got)
			}
		})
	}
}

func TestCompareLocal(t *testing.T) {
	// Each label sorts before the next.
	order := []string{"1.0", "1.0+a", "1.0+a.b", "1.0+a.1", "1.0+a.2", "1.0+a.10", "1.0+b", "1.0+z.z", "1.0+0", "1.0+9", "1.0+10", "1.0+10.a", "1.0+99999999999999999999999"}
	for i := 0; i+1 < len(order); i++ {
		a, b := mustVersion(t, order[i]), mustVersion(t, order[i+1])
		if got := Compare(a, b); got != -1 {
			t.Errorf("Compare(%q, %q) = %d, want -1", order[i], order[i+1], got)
		}
		if got := Compare(b, a); got != +1 {
			t.Errorf("Compare(%q, %q) = %d, want +1", order[i+1], order[i], got)
		}
	}
}

func TestPrereleasePostrelease(t *testing.T) {
	tests := []struct {
		in        string
		pre, post bool
	}{
		{"1.0", false, false},
		{"1.0a1", true, false},
		{"1.0rc1", true, false},
		{"1.0.dev0", true, false},
		{"1.0.post1", false, true},
		{"1.0.post1.dev0", true, true},
		{"1.0a1.post1", true, true},
		{"1.0+local", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			v := mustVersion(t, tt.in)
			if got := v.IsPrerelease(); got != tt.pre {
				t.Errorf("ParseVersion(%q).IsPrerelease() = %v, want %v", tt.in, got, tt.pre)
			}
			if got := v.IsPostrelease(); got != tt.post {
				t.Errorf("ParseVersion(%q).IsPostrelease() = %v, want %v", tt.in, got, tt.post)
			}
		})
	}
}

func FuzzParseVersion(f *testing.F) {
	for _, s := range []string{
		"1.0", "1!2.0", "1.0a1", "1.0.post1.dev2+abc.5", "v1.0", "1.0-1", "1.0a.1",
		"1.2.beta", "1.0+ubuntu-1", "1.0.dev", "1.0c1", "1.0-r4", "3.14.0rc1", "0!0.dev0",
		"1.0a..post1", "1..0", "", "1.0+", "9999999999999999999", "1.0+00.A",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseVersion(s)
		if err != nil {
			var ve *VersionError
			if !errors.As(err, &ve) {
				t.Fatalf("ParseVersion(%q) error %v is not a *VersionError", s, err)
			}
			return
		}
		if len(v.Release) == 0 {
			t.Fatalf("ParseVersion(%q) = %+v: no release", s, v)
		}
		norm := v.String()
		v2, err := ParseVersion(norm)
		if err != nil {
			t.Fatalf("ParseVersion(%q) = %v (normal form of %q)", norm, err, s)
		}
		if got := v2.String(); got != norm {
			t.Errorf("ParseVersion(%q).String() = %q, want %q (from %q)", norm, got, norm, s)
		}
		if Compare(v, v2) != 0 || Compare(v2, v) != 0 {
			t.Errorf("Compare(%q, %q) != 0 (from %q)", v, v2, s)
		}
		// Ordering is consistent with the public version and the base.
		if c := Compare(v.Public(), v); c > 0 {
			t.Errorf("Compare(%q, %q) = %d: a public version after its local one", v.Public(), v, c)
		}
	})
}
