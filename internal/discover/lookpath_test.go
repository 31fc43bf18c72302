//go:build unix

package discover

import (
	"os"
	"path/filepath"
	"testing"
)

// A pyenv shim on PATH is replaced by what it would run: the version
// PYENV_VERSION names, else the nearest .python-version that names one
// (one with none is passed over), else pyenv's global version file;
// "system" goes on down PATH.
func TestLookPathPyenv(t *testing.T) {
	root := t.TempDir()
	p := func(s string) string { return filepath.Join(root, s) }
	write(t, p("pyenv/shims/python3"), 0o755)
	write(t, p("pyenv/versions/3.11.7/bin/python3"), 0o755)
	write(t, p("pyenv/versions/3.12.1/bin/python3"), 0o755)
	write(t, p("bin/python3"), 0o755)
	for path, text := range map[string]string{
		"pyenv/version":            "3.12.1\n",
		"proj/.python-version":     "# the project's\n3.11\n",
		"proj/sub/.python-version": "# no version here\n",
		"other/.python-version":    "system\n",
	} {
		write(t, p(path), 0o644)
		if err := os.WriteFile(p(path), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(p("other/sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, cwd, pyenvVersion, want string
	}{
		{"nearest .python-version with a version", p("proj/sub"), "", p("pyenv/versions/3.11.7/bin/python3")},
		{"PYENV_VERSION first", p("proj/sub"), "3.12.1", p("pyenv/versions/3.12.1/bin/python3")},
		{"the global version file", "", "", p("pyenv/versions/3.12.1/bin/python3")},
		{"system goes on down PATH", p("other/sub"), "", p("bin/python3")},
		{"PYENV_VERSION system", p("proj"), "system", p("bin/python3")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			vars := map[string]string{"PATH": p("pyenv/shims") + ":" + p("bin"), "PYENV_ROOT": p("pyenv"), "PYENV_VERSION": tt.pyenvVersion}
			got, isSelf, passed := LookPath("python3", Options{GOOS: "linux", Getenv: func(k string) string { return vars[k] }, Cwd: tt.cwd})
			if got != tt.want || isSelf || passed != "" {
				t.Errorf("LookPath = %q, %v, %q; want %q", got, isSelf, passed, tt.want)
			}
		})
	}
}
