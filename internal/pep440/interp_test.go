package pep440

import (
	"testing"

	"github.com/pylauncher/py/internal/pyver"
)

func pv(major, minor, micro int, pre string) pyver.Version {
	return pyver.Version{Major: major, Minor: minor, Micro: micro, Pre: pre}
}

func TestFromInterpreter(t *testing.T) {
	tests := []struct {
		in   pyver.Version
		want string
		ok   bool
	}{
		{pv(3, 12, 1, ""), "3.12.1", true},
		{pv(3, 14, 0, "rc1"), "3.14.0rc1", true},
		{pv(3, 14, 0, "a7"), "3.14.0a7", true},
		{pv(3, 14, 0, "b2"), "3.14.0b2", true},
		{pv(3, 14, 0, "dev"), "3.14.0.dev0", true},
		{pv(2, 7, 18, ""), "2.7.18", true},
		{pv(3, 12, -1, ""), "", false},
		{pv(3, -1, -1, ""), "", false},
		{pyver.Unknown, "", false},
		{pv(3, 14, 0, "x1"), "", false},
		{pv(3, 14, 0, "rc"), "", false},
		{pv(3, 14, 0, "a-1"), "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in.String(), func(t *testing.T) {
			got, ok := FromInterpreter(tt.in)
			if ok != tt.ok || ok && got.String() != tt.want {
				t.Errorf("FromInterpreter(%+v) = %q, %v, want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestMatchVersion(t *testing.T) {
	tests := []struct {
		spec string
		v    pyver.Version
		pre  bool
		want pyver.Match
	}{
		// Complete versions.
		{">=3.9", pv(3, 12, 1, ""), false, pyver.Yes},
		{">=3.9", pv(3, 8, 18, ""), false, pyver.No},
		{">=3.9,<3.12", pv(3, 11, 7, ""), false, pyver.Yes},
		{">=3.9,<3.12", pv(3, 12, 0, ""), false, pyver.No},
		{"==3.11.*", pv(3, 11, 9, ""), false, pyver.Yes},
		{"~=3.10", pv(3, 13, 0, ""), false, pyver.Yes},
		{"!=3.10.2", pv(3, 10, 2, ""), false, pyver.No},
		// A pre-release interpreter matches only when a clause names a
		// pre-release, or the caller allows them.
		{">=3.9", pv(3, 14, 0, "rc1"), false, pyver.No},
		{">=3.9", pv(3, 14, 0, "rc1"), true, pyver.Yes},
		{">=3.14.0a1", pv(3, 14, 0, "rc1"), false, pyver.Yes},
		{">=3.14.0rc2", pv(3, 14, 0, "rc1"), false, pyver.No},
		{"!=3.14.0rc1", pv(3, 14, 0, "b1"), false, pyver.No},
		{"<3.14", pv(3, 14, 0, "rc1"), true, pyver.No},
		{"", pv(3, 14, 0, "rc1"), false, pyver.No},
		{"", pv(3, 14, 0, ""), false, pyver.Yes},
		// No micro version (python3.12): decided when every 3.12.x agrees.
		{">=3.9", pv(3, 12, -1, ""), false, pyver.Yes},
		{"<3.12", pv(3, 12, -1, ""), false, pyver.No},
		{"<=3.12", pv(3, 12, -1, ""), false, pyver.Maybe},
		{">=3.12.2", pv(3, 12, -1, ""), false, pyver.Maybe},
		{"!=3.12.1", pv(3, 12, -1, ""), false, pyver.Maybe},
		{"!=3.11.1", pv(3, 12, -1, ""), false, pyver.Yes},
		{"==3.12.*", pv(3, 12, -1, ""), false, pyver.Yes},
		{"!=3.12.*", pv(3, 12, -1, ""), false, pyver.No},
		{"==3.12", pv(3, 12, -1, ""), false, pyver.Maybe},
		{"~=3.11", pv(3, 12, -1, ""), false, pyver.Yes},
		{"~=3.11.0", pv(3, 12, -1, ""), false, pyver.No},
		{"~=3.12.1", pv(3, 12, -1, ""), false, pyver.Maybe},
		{">3.12", pv(3, 12, -1, ""), false, pyver.Maybe},
		{">=3.12.0", pv(3, 12, -1, ""), false, pyver.Yes},
		{"<3.12.0rc1", pv(3, 12, -1, ""), false, pyver.No},
		{">3.12.1.post1", pv(3, 12, -1, ""), false, pyver.Maybe},
		{"===3.12.1", pv(3, 12, -1, ""), false, pyver.Maybe},
		{">=1!1.0", pv(3, 12, -1, ""), false, pyver.No},
		// No minor version (python3).
		{">=3.9", pv(3, -1, -1, ""), false, pyver.Maybe},
		{">=3", pv(3, -1, -1, ""), false, pyver.Yes},
		{">=2.7", pv(3, -1, -1, ""), false, pyver.Yes},
		{"<3", pv(3, -1, -1, ""), false, pyver.No},
		{">=3.0,<4", pv(3, -1, -1, ""), false, pyver.Yes},
		{"==3.*", pv(3, -1, -1, ""), false, pyver.Yes},
		{"==2.*", pv(3, -1, -1, ""), false, pyver.No},
		{"~=3.0", pv(3, -1, -1, ""), false, pyver.Yes},
		{"!=3.12.1", pv(3, -1, -1, ""), false, pyver.Maybe},
		{">=3.8,<3.8.1", pv(3, -1, -1, ""), false, pyver.Maybe},
		{"", pv(3, -1, -1, ""), false, pyver.Yes},
		// Nothing known.
		{">=3.9", pyver.Unknown, false, pyver.Maybe},
		{"", pyver.Unknown, false, pyver.Yes},
		// A branch head (pyenv's 3.14-dev) is a pre-release.
		{">=3.9", pv(3, 14, -1, "dev"), false, pyver.No},
		{">=3.9", pv(3, 14, -1, "dev"), true, pyver.Maybe},
		{">=3.14.0a1", pv(3, 14, -1, "dev"), false, pyver.Maybe},
		{"", pv(3, 14, -1, "dev"), true, pyver.Yes},
	}
	for _, tt := range tests {
		t.Run(tt.spec+"/"+tt.v.String(), func(t *testing.T) {
			set, err := Parse(tt.spec)
			if err != nil {
				t.Fatal(err)
			}
			if got := set.MatchVersion(tt.v, tt.pre); got != tt.want {
				t.Errorf("Parse(%q).MatchVersion(%v, %v) = %v, want %v", tt.spec, tt.v, tt.pre, got, tt.want)
			}
			if !tt.pre {
				if got, want := set.MatchInterpreter(tt.v), tt.want == pyver.Yes; got != want {
					t.Errorf("Parse(%q).MatchInterpreter(%v) = %v, want %v", tt.spec, tt.v, got, want)
				}
			}
		})
	}
}

// TestMatchVersionSampling checks the sampled answers for incomplete
// versions against every micro version up to 40.
func TestMatchVersionSampling(t *testing.T) {
	specs := []string{
		">=3.12.5", "<3.12.7", "!=3.12.3", "==3.12.3", "~=3.12.4", ">3.12.4.post1", "<=3.12.2.1",
		">=3.12.1,!=3.12.5,<3.12.9", "==3.12.3.*", "!=3.12.*", ">=3.11", "<3.13", "===3.12.6",
	}
	for _, spec := range specs {
		set, err := Parse(spec)
		if err != nil {
			t.Fatal(err)
		}
		yes, no := false, false
		for micro := 0; micro <= 40; micro++ {
			if set.MatchVersion(pv(3, 12, micro, ""), false) == pyver.Yes {
				yes = true
			} else {
				no = true
			}
		}
		want := pyver.Maybe
		switch {
		case !no:
			want = pyver.Yes
		case !yes:
			want = pyver.No
		}
		if got := set.MatchVersion(pv(3, 12, -1, ""), false); got != want {
			t.Errorf("Parse(%q).MatchVersion(3.12) = %v, want %v", spec, got, want)
		}
	}
}
