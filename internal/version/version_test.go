package version

import "testing"

func TestChoose(t *testing.T) {
	for _, tt := range []struct{ stamped, module, want string }{
		{"v1.2.3", "v1.2.2", "v1.2.3"},
		{"v1.2.3", "(devel)", "v1.2.3"},
		{"v0.0.0-20261201131000-737c107abcde-dirty", "", "v0.0.0-20261201131000-737c107abcde-dirty"},
		{"", "v1.2.3", "v1.2.3"},
		{"", "v0.0.0-20261201131000-737c107abcde", "v0.0.0-20261201131000-737c107abcde"},
		{"", "(devel)", "devel"},
		{"", "", "devel"},
	} {
		if got := Choose(tt.stamped, tt.module); got != tt.want {
			t.Errorf("Choose(%q, %q) = %q, want %q", tt.stamped, tt.module, got, tt.want)
		}
	}
}

// A test binary is built from a work tree: without a stamp it is devel,
// with one it is the stamp.
func TestString(t *testing.T) {
	old := Version
	defer func() { Version = old }()
	Version = ""
	if v := String(); v != Devel {
		t.Errorf("String() = %q without a stamp, want %q", v, Devel)
	}
	Version = "v1.2.3"
	if v := String(); v != "v1.2.3" {
		t.Errorf("String() = %q with Version set", v)
	}
}
