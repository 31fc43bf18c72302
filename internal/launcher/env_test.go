package launcher

import "testing"

func TestEnvGet(t *testing.T) {
	list := []string{"PATH=/bin", "PATHEXT=.EXE", "EMPTY=", "=C:=C:\\x", "NOEQUALS", "PATH=/second", "A=b=c", "Mixed=1"}
	e := &Env{list: list}
	for _, tt := range []struct{ name, want string }{
		{"PATH", "/bin"}, // the first of duplicates, as in package os
		{"PATHEXT", ".EXE"},
		{"PAT", ""},
		{"EMPTY", ""},
		{"A", "b=c"},
		{"NOEQUALS", ""},
		{"", ""},
		{"mixed", ""},
		{"Mixed", "1"},
	} {
		if got := e.Get(tt.name); got != tt.want {
			t.Errorf("Get(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
	// Windows compares names without case.
	w := &Env{list: list, fold: true}
	if got := w.Get("mixed"); got != "1" {
		t.Errorf("folded Get(mixed) = %q", got)
	}
	if got := w.Get("path"); got != "/bin" {
		t.Errorf("folded Get(path) = %q", got)
	}
}
