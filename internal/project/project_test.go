package project

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func mkfile(t testing.TB, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestErrorMessage(t *testing.T) {
	inner := errors.New("inner")
	tests := []struct {
		err  *Error
		want string
	}{
		{&Error{Path: "/p/pyproject.toml", Line: 3, Reason: "bad"}, `line 3 of "/p/pyproject.toml": bad`},
		{&Error{Path: "/p/pyproject.toml", Reason: "bad"}, `"/p/pyproject.toml": bad`},
		{&Error{Line: 3, Reason: "bad"}, `line 3: bad`},
		{&Error{Reason: "bad", Err: inner}, `bad`},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("%+v.Error() = %q, want %q", tt.err, got, tt.want)
		}
	}
	if !errors.Is(tests[3].err, inner) {
		t.Errorf("errors.Is(%v, inner) = false, want true", tests[3].err)
	}
	if got := withPath(tests[2].err, "f"); got.Error() != `line 3 of "f": bad` || tests[2].err.Path != "" {
		t.Errorf("withPath = %q (original %+v), want a copy with the path", got, tests[2].err)
	}
	if got := withPath(nil, "f"); got != nil {
		t.Errorf("withPath(nil) = %v, want nil", got)
	}
}
