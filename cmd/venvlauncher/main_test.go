package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/pylauncher/py/internal/exitcode"
	"github.com/pylauncher/py/internal/redirector"
	"github.com/pylauncher/py/internal/version"
)

func write(t *testing.T, path, data string, mode os.FileMode) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), mode); err != nil {
		t.Fatal(err)
	}
}

// The program's messages and exit codes, made from package redirector's
// errors: one line each, and the error's code.
func TestMessages(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the Unix venv layout (bin/)")
	}
	root := t.TempDir()
	self := filepath.Join(root, "venvlauncher")
	write(t, self, "REDIRECTOR", 0o755)
	// A venv whose base interpreter is a regular file that cannot be
	// run (not executable): the redirector finds it, and exec fails.
	home := filepath.Join(root, "base")
	write(t, filepath.Join(home, "python"), "not a program", 0o644)
	v := filepath.Join(root, "v")
	write(t, filepath.Join(v, "pyvenv.cfg"), "home = "+home+"\n", 0o644)
	python := filepath.Join(v, "bin", "python")
	write(t, python, "", 0o755)
	orphan := filepath.Join(root, "orphan", "bin", "python")
	write(t, orphan, "", 0o755)

	tests := []struct {
		name           string
		self           string
		args, env      []string
		code           int
		stdout, stderr string
	}{
		{name: "usage", self: self, args: []string{"venvlauncher"}, code: exitcode.Usage, stderr: redirector.InstallUsage},
		{name: "usage, two venvs", self: self, args: []string{"venvlauncher", "install", v, v}, code: exitcode.Usage, stderr: redirector.InstallUsage},
		{
			name: "install, not a venv", self: self, args: []string{"venvlauncher", "install", root},
			code:   exitcode.NoVenvCfg,
			stderr: `venvlauncher: error: "` + root + `" is not a virtual environment: it has no pyvenv.cfg` + "\n",
		},
		{
			name: "no pyvenv.cfg", self: orphan, args: []string{orphan, "-c", "pass"},
			code:   exitcode.NoVenvCfg,
			stderr: `venvlauncher: error: no pyvenv.cfg in "` + filepath.Dir(orphan) + `" or "` + filepath.Dir(filepath.Dir(orphan)) + `"` + "\n",
		},
		{
			name: "cannot run", self: python, args: []string{python}, env: []string{"PYLAUNCHER_DEBUG="},
			code:   exitcode.CreateProcess,
			stderr: `venvlauncher: error: cannot run "` + filepath.Join(home, "python") + `": permission denied` + "\n",
		},
		{
			name: "cannot run, traced", self: python, args: []string{python}, env: []string{"PYLAUNCHER_DEBUG=1", "PYLAUNCHER_DEBUG="},
			code: exitcode.CreateProcess,
			stderr: "# venvlauncher v1.2.3-test: " + python + " runs " + filepath.Join(home, "python") + " (from " + filepath.Join(v, "pyvenv.cfg") + ")\n" +
				`venvlauncher: error: cannot run "` + filepath.Join(home, "python") + `": permission denied` + "\n",
		},
		{
			name: "install", self: self, args: []string{"venvlauncher", "install", v},
			code:   exitcode.OK,
			stdout: `venvlauncher: installed in 1 file(s) of "` + v + `"` + "\n",
		},
	}
	old := version.Version
	defer func() { version.Version = old }()
	version.Version = "v1.2.3-test"
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := venvlauncher(tt.args, tt.env, tt.self, &stdout, &stderr)
			if code != tt.code || stdout.String() != tt.stdout || stderr.String() != tt.stderr {
				t.Errorf("venvlauncher(%q) = %d, stdout %q, stderr %q; want %d, %q, %q", tt.args, code, stdout.String(), stderr.String(), tt.code, tt.stdout, tt.stderr)
			}
		})
	}
}

func TestGetenv(t *testing.T) {
	env := []string{"=C:=C:\\", "A=1", "B=", "A=2", "path=x"}
	for _, tt := range []struct{ name, want string }{
		{"A", "1"}, // the first setting, as os.Getenv on Unix
		{"B", ""},
		{"C", ""},
		{"", ""},
	} {
		if got := getenv(env, tt.name); got != tt.want {
			t.Errorf("getenv(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
	want := ""
	if runtime.GOOS == "windows" {
		want = "x"
	}
	if got := getenv(env, "PATH"); got != want {
		t.Errorf(`getenv("PATH") = %q, want %q on %s`, got, want, runtime.GOOS)
	}
}
