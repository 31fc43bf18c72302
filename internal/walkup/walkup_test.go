package walkup

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pylauncher/py/internal/fileid"
)

const (
	pythonVersion = ".python-version"
	pyproject     = "pyproject.toml"
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

func TestFindOne(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "a", "b", "c", "d")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	mkfile(t, filepath.Join(root, "a", pythonVersion), "3.12\n")
	mkfile(t, filepath.Join(root, "a", "b", "c", pyproject), "[project]\n")
	mkfile(t, filepath.Join(root, pyproject), "[project]\n")
	// A directory with the name is not the file.
	if err := os.MkdirAll(filepath.Join(root, "a", "b", pythonVersion), 0o755); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		start     string
		name      string
		maxLevels int
		want      string
	}{
		{deep, pythonVersion, 0, filepath.Join(root, "a", pythonVersion)},
		{deep, pyproject, 0, filepath.Join(root, "a", "b", "c", pyproject)},
		{filepath.Join(root, "a", "b"), pyproject, 0, filepath.Join(root, pyproject)},
		{filepath.Join(root, "a"), pythonVersion, 0, filepath.Join(root, "a", pythonVersion)},
		{deep, pythonVersion, 4, filepath.Join(root, "a", pythonVersion)},
		{deep, pythonVersion, 3, ""},
		{deep, pyproject, 1, ""},
		{deep, pyproject, 2, filepath.Join(root, "a", "b", "c", pyproject)},
		{deep, "no-such-file", 0, ""},
		{deep + string(filepath.Separator) + ".", pythonVersion, 0, filepath.Join(root, "a", pythonVersion)},
		// A start that does not exist is walked up all the same.
		{filepath.Join(deep, "gone", "away"), pythonVersion, 0, filepath.Join(root, "a", pythonVersion)},
	}
	for _, tt := range tests {
		t.Run(strings.TrimPrefix(tt.start, root)+"/"+tt.name, func(t *testing.T) {
			if got := Find(tt.start, []string{tt.name}, tt.maxLevels, nil)[0]; got != tt.want {
				t.Errorf("Find(%q, %q, %d) = %q, want %q", tt.start, tt.name, tt.maxLevels, got, tt.want)
			}
			if tt.maxLevels == 0 {
				if got := Nearest(tt.start, tt.name, nil); got != tt.want {
					t.Errorf("Nearest(%q, %q) = %q, want %q", tt.start, tt.name, got, tt.want)
				}
			}
		})
	}
}

func TestFindRelative(t *testing.T) {
	root := t.TempDir()
	mkfile(t, filepath.Join(root, pythonVersion), "3.12\n")
	if err := os.MkdirAll(filepath.Join(root, "x", "y"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Join(root, "x"))
	want := filepath.Join(root, pythonVersion)
	for _, start := range []string{"y", ".", ""} {
		got := Nearest(start, pythonVersion, nil)
		// The temporary directory may sit behind a symbolic link.
		if got == "" || !fileid.Same(got, want) {
			t.Errorf("Nearest(%q, %q) = %q, want %q", start, pythonVersion, got, want)
		}
	}
}

func TestFindEach(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "a", "b", "c")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	mkfile(t, filepath.Join(root, "a", "b", pythonVersion), "3.12\n")
	mkfile(t, filepath.Join(root, "a", pythonVersion), "3.11\n")
	mkfile(t, filepath.Join(root, pyproject), "[project]\n")
	mkfile(t, filepath.Join(root, "a", ".venv", "pyvenv.cfg"), "")
	venvCfg := filepath.Join(".venv", "pyvenv.cfg")
	names := []string{pythonVersion, pyproject, "missing", pythonVersion, venvCfg}
	got := Find(deep, names, 0, nil)
	want := []string{
		filepath.Join(root, "a", "b", pythonVersion),
		filepath.Join(root, pyproject),
		"",
		filepath.Join(root, "a", "b", pythonVersion),
		filepath.Join(root, "a", venvCfg),
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Find(%q, %q, 0) = %q, want %q", deep, names, got, want)
	}
	got = Find(deep, names, 2, nil)
	want = []string{filepath.Join(root, "a", "b", pythonVersion), "", "", filepath.Join(root, "a", "b", pythonVersion), ""}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Find(%q, %q, 2) = %q, want %q", deep, names, got, want)
	}
	if got := Find(deep, nil, 0, nil); len(got) != 0 {
		t.Errorf("Find(%q, nil, 0) = %q, want none", deep, got)
	}
}

// A file accept rejects is passed over, and the walk goes on up for it.
func TestFindAccept(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "a", "b")
	near := filepath.Join(deep, pythonVersion)
	far := filepath.Join(root, pythonVersion)
	mkfile(t, near, "3.12\n")
	mkfile(t, far, "3.11\n")
	mkfile(t, filepath.Join(root, "a", pyproject), "[project]\n")
	var asked []string
	accept := func(p string) bool {
		asked = append(asked, p)
		return p != near
	}
	got := Find(deep, []string{pythonVersion, pyproject}, 0, accept)
	if got[0] != far || got[1] != filepath.Join(root, "a", pyproject) {
		t.Errorf("Find with near rejected = %q", got)
	}
	if len(asked) != 3 {
		t.Errorf("accept asked about %q, want each file found once", asked)
	}
}

// BenchmarkFind30 times the walk from 30 directories down to a file at
// the top, the worst case a project file search meets in practice. The
// budget is 0.2 ms a walk.
func BenchmarkFind30(b *testing.B) {
	root := b.TempDir()
	mkfile(b, filepath.Join(root, pythonVersion), "3.12\n")
	dir := root
	for i := range 30 {
		dir = filepath.Join(dir, "d"+string(rune('a'+i%26)))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	want := filepath.Join(root, pythonVersion)
	for b.Loop() {
		if got := Nearest(dir, pythonVersion, nil); got != want {
			b.Fatalf("Nearest = %q, want %q", got, want)
		}
	}
}

// BenchmarkFindEach30 times one walk from 30 directories down for the
// two project files, both at the top.
func BenchmarkFindEach30(b *testing.B) {
	root := b.TempDir()
	mkfile(b, filepath.Join(root, pythonVersion), "3.12\n")
	mkfile(b, filepath.Join(root, pyproject), "[project]\n")
	dir := root
	for i := range 30 {
		dir = filepath.Join(dir, "d"+string(rune('a'+i%26)))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	names := []string{pythonVersion, pyproject}
	for b.Loop() {
		if got := Find(dir, names, 0, nil); got[0] == "" || got[1] == "" {
			b.Fatalf("Find = %q, want both files", got)
		}
	}
}
