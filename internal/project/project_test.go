package project

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
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

func TestFindUp(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "a", "b", "c", "d")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	mkfile(t, filepath.Join(root, "a", PythonVersionFile), "3.12\n")
	mkfile(t, filepath.Join(root, "a", "b", "c", PyprojectFile), "[project]\n")
	mkfile(t, filepath.Join(root, PyprojectFile), "[project]\n")
	// A directory with the name is not the file.
	if err := os.MkdirAll(filepath.Join(root, "a", "b", PythonVersionFile), 0o755); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		start     string
		name      string
		maxLevels int
		want      string
	}{
		{deep, PythonVersionFile, 0, filepath.Join(root, "a", PythonVersionFile)},
		{deep, PyprojectFile, 0, filepath.Join(root, "a", "b", "c", PyprojectFile)},
		{filepath.Join(root, "a", "b"), PyprojectFile, 0, filepath.Join(root, PyprojectFile)},
		{filepath.Join(root, "a"), PythonVersionFile, 0, filepath.Join(root, "a", PythonVersionFile)},
		{deep, PythonVersionFile, 4, filepath.Join(root, "a", PythonVersionFile)},
		{deep, PythonVersionFile, 3, ""},
		{deep, PyprojectFile, 1, ""},
		{deep, PyprojectFile, 2, filepath.Join(root, "a", "b", "c", PyprojectFile)},
		{deep, "no-such-file", 0, ""},
		{deep + string(filepath.Separator) + ".", PythonVersionFile, 0, filepath.Join(root, "a", PythonVersionFile)},
		// A start that does not exist is walked up all the same.
		{filepath.Join(deep, "gone", "away"), PythonVersionFile, 0, filepath.Join(root, "a", PythonVersionFile)},
	}
	for _, tt := range tests {
		t.Run(strings.TrimPrefix(tt.start, root)+"/"+tt.name, func(t *testing.T) {
			if got := FindUp(tt.start, tt.name, tt.maxLevels); got != tt.want {
				t.Errorf("FindUp(%q, %q, %d) = %q, want %q", tt.start, tt.name, tt.maxLevels, got, tt.want)
			}
		})
	}
}

func TestFindUpRelative(t *testing.T) {
	root := t.TempDir()
	mkfile(t, filepath.Join(root, PythonVersionFile), "3.12\n")
	if err := os.MkdirAll(filepath.Join(root, "x", "y"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Join(root, "x"))
	want := filepath.Join(root, PythonVersionFile)
	for _, start := range []string{"y", ".", ""} {
		got := FindUp(start, PythonVersionFile, 0)
		// The temporary directory may sit behind a symbolic link.
		if got == "" || !sameFile(t, got, want) {
			t.Errorf("FindUp(%q, %q, 0) = %q, want %q", start, PythonVersionFile, got, want)
		}
	}
}

func sameFile(t *testing.T, a, b string) bool {
	fa, err := os.Stat(a)
	if err != nil {
		return false
	}
	fb, err := os.Stat(b)
	if err != nil {
		return false
	}
	return os.SameFile(fa, fb)
}

// BenchmarkFindUp30 times the walk from 30 directories down to a file at
// the top, the worst case a project file search meets in practice. The
// budget is 0.2 ms a walk.
func BenchmarkFindUp30(b *testing.B) {
	root := b.TempDir()
	mkfile(b, filepath.Join(root, PythonVersionFile), "3.12\n")
	dir := root
	for i := range 30 {
		dir = filepath.Join(dir, "d"+string(rune('a'+i%26)))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	want := filepath.Join(root, PythonVersionFile)
	for b.Loop() {
		if got := FindUp(dir, PythonVersionFile, 0); got != want {
			b.Fatalf("FindUp = %q, want %q", got, want)
		}
	}
}

func TestFindUpEach(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "a", "b", "c")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	mkfile(t, filepath.Join(root, "a", "b", PythonVersionFile), "3.12\n")
	mkfile(t, filepath.Join(root, "a", PythonVersionFile), "3.11\n")
	mkfile(t, filepath.Join(root, PyprojectFile), "[project]\n")
	names := []string{PythonVersionFile, PyprojectFile, "missing", PythonVersionFile}
	got := FindUpEach(deep, names, 0)
	want := []string{
		filepath.Join(root, "a", "b", PythonVersionFile),
		filepath.Join(root, PyprojectFile),
		"",
		filepath.Join(root, "a", "b", PythonVersionFile),
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("FindUpEach(%q, %q, 0) = %q, want %q", deep, names, got, want)
	}
	got = FindUpEach(deep, names, 2)
	want = []string{filepath.Join(root, "a", "b", PythonVersionFile), "", "", filepath.Join(root, "a", "b", PythonVersionFile)}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("FindUpEach(%q, %q, 2) = %q, want %q", deep, names, got, want)
	}
	if got := FindUpEach(deep, nil, 0); len(got) != 0 {
		t.Errorf("FindUpEach(%q, nil, 0) = %q, want none", deep, got)
	}
}

// BenchmarkFindUpEach30 times one walk from 30 directories down for the
// two project files, both at the top.
func BenchmarkFindUpEach30(b *testing.B) {
	root := b.TempDir()
	mkfile(b, filepath.Join(root, PythonVersionFile), "3.12\n")
	mkfile(b, filepath.Join(root, PyprojectFile), "[project]\n")
	dir := root
	for i := range 30 {
		dir = filepath.Join(dir, "d"+string(rune('a'+i%26)))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	names := []string{PythonVersionFile, PyprojectFile}
	for b.Loop() {
		if got := FindUpEach(dir, names, 0); got[0] == "" || got[1] == "" {
			b.Fatalf("FindUpEach = %q, want both files", got)
		}
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
