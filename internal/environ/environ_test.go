package environ

import (
	"slices"
	"testing"
)

func TestEnvGet(t *testing.T) {
	list := []string{"PATH=/bin", "PATHEXT=.EXE", "EMPTY=", "=C:=C:\\x", "NOEQUALS", "PATH=/second", "A=b=c", "Mixed=1"}
	e := NewFold(list, false)
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
	w := NewFold(list, true)
	if got := w.Get("mixed"); got != "1" {
		t.Errorf("folded Get(mixed) = %q", got)
	}
	if got := w.Get("path"); got != "/bin" {
		t.Errorf("folded Get(path) = %q", got)
	}
	if got, want := New(list).Get("mixed"), map[bool]string{true: "1", false: ""}[IgnoreCase]; got != want {
		t.Errorf("New(…).Get(mixed) = %q, want %q on this system", got, want)
	}
}

func TestWithout(t *testing.T) {
	env := []string{"A=1", "__PYVENV_LAUNCHER__=x", "B=2", "__pyvenv_launcher__=y", "__PYVENV_LAUNCHER__X=z", "__PYVENV_LAUNCHER__"}
	orig := slices.Clone(env)
	got := Without(env, "__PYVENV_LAUNCHER__")
	want := []string{"A=1", "B=2", "__pyvenv_launcher__=y", "__PYVENV_LAUNCHER__X=z", "__PYVENV_LAUNCHER__"}
	if IgnoreCase {
		want = slices.Delete(want, 2, 3)
	}
	if !slices.Equal(got, want) {
		t.Errorf("Without = %q, want %q", got, want)
	}
	if !slices.Equal(env, orig) {
		t.Errorf("Without changed its input to %q", env)
	}
	if !Sets("PATH=", "PATH") || Sets("PATH", "PATH") || Sets("PATHX=1", "PATH") || EqualName("path", "PATH") != IgnoreCase {
		t.Errorf("Sets or EqualName is wrong")
	}
}
