package redirector

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/pylauncher/py/internal/exitcode"
)

func mkfile(t *testing.T, path, data string, mode os.FileMode) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), mode); err != nil {
		t.Fatal(err)
	}
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	home := filepath.Join(root, "base dir", "bin") // a home with a space
	for _, n := range []string{"python3.12", "python3", "python", "python3.13t"} {
		mkfile(t, filepath.Join(home, n), "#!/bin/sh\n", 0o755)
	}
	onlyPython := filepath.Join(root, "only", "bin")
	mkfile(t, filepath.Join(onlyPython, "python"), "", 0o755)

	tests := []struct {
		name    string
		cfg     string // written to venv/pyvenv.cfg ("-" for none)
		up      bool   // the redirector sits in venv itself, not venv/bin
		self    string // redirector name
		want    string // base path relative to root, or "error NNN: substring"
		rawData []byte
	}{
		{name: "plain", cfg: "home = " + home + "\nversion = 3.12.1\n", self: "python", want: "base dir/bin/python"},
		{name: "by name", cfg: "home = " + home + "\n", self: "python3.12", want: "base dir/bin/python3.12"},
		{name: "free-threaded", cfg: "home = " + home + "\n", self: "python3.13t", want: "base dir/bin/python3.13t"},
		{name: "unknown name falls back", cfg: "home = " + home + "\n", self: "python3.99", want: "base dir/bin/python3"},
		{name: "only python", cfg: "home = " + onlyPython + "\n", self: "python3.12", want: "only/bin/python"},
		{name: "beside the redirector", cfg: "home = " + home + "\n", up: true, self: "python", want: "base dir/bin/python"},
		{name: "crlf bom spaces", rawData: []byte("\xEF\xBB\xBF  HOME   =   " + home + "  \r\nversion=3.12.1\r\n"), self: "python", want: "base dir/bin/python"},
		{name: "relative home", cfg: "home = ../base dir/bin\n", self: "python", want: "base dir/bin/python"},
		{name: "junk", rawData: []byte(strings.Repeat("junk line without equals\n", 4000) + "home = " + home + "\n"), self: "python", want: "error 107: no home"},
		{name: "junk then home", rawData: []byte("home = " + home + "\n" + strings.Repeat("\x01junk=\x02\n", 20000)), self: "python", want: "base dir/bin/python"},
		{name: "no cfg", cfg: "-", self: "python", want: "error 106: no pyvenv.cfg in"},
		{name: "no home", cfg: "version = 3.12\n", self: "python", want: "error 107: no home = in"},
		{name: "not utf-8", rawData: []byte("home = /x\xff\xfe\n"), self: "python", want: "error 107: cannot decode"},
		{name: "base missing", cfg: "home = " + filepath.Join(root, "gone") + "\n", self: "python3.12", want: `error 103: no base interpreter at "` + filepath.Join(root, "gone", "python3.12") + `"`},
		{name: "virtualenv base-executable", cfg: "home = " + home + "\nbase-executable = " + filepath.Join(home, "python3.12") + "\n", self: "pythonx", want: "base dir/bin/python3.12"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := filepath.Join(root, "venvs", string(rune('a'+i)))
			bin := filepath.Join(v, "bin")
			os.MkdirAll(bin, 0o755)
			self := filepath.Join(bin, tt.self)
			if tt.up {
				self = filepath.Join(v, tt.self)
			}
			switch {
			case tt.rawData != nil:
				mkfile(t, filepath.Join(v, "pyvenv.cfg"), string(tt.rawData), 0o644)
			case tt.cfg == "-":
			default:
				mkfile(t, filepath.Join(v, "pyvenv.cfg"), strings.ReplaceAll(tt.cfg, "../base dir", filepath.Join(root, "base dir")), 0o644)
			}
			if tt.name == "relative home" {
				rel, _ := filepath.Rel(v, home)
				mkfile(t, filepath.Join(v, "pyvenv.cfg"), "home = "+rel+"\n", 0o644)
			}
			got, err := Find(self, tt.self, "linux")
			if strings.HasPrefix(tt.want, "error ") {
				var e *Error
				if !errors.As(err, &e) {
					t.Fatalf("Find = %v, %v; want %s", got, err, tt.want)
				}
				code, msg, _ := strings.Cut(strings.TrimPrefix(tt.want, "error "), ": ")
				if gotCode := e.Code; code != strconv.Itoa(gotCode) || !strings.Contains(e.Msg, msg) {
					t.Errorf("Find error = %d %q, want %s %q", e.Code, e.Msg, code, msg)
				}
				return
			}
			if err != nil {
				t.Fatalf("Find: %v", err)
			}
			if want := filepath.Join(root, tt.want); got.Base != want {
				t.Errorf("Find base = %q, want %q", got.Base, want)
			}
		})
	}
}

func TestInstall(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the Unix venv layout (bin/, symlinks); Windows has its own test")
	}
	root := t.TempDir()
	self := filepath.Join(root, "venvlauncher")
	mkfile(t, self, "REDIRECTOR", 0o755)
	v := filepath.Join(root, "v")
	mkfile(t, filepath.Join(v, "pyvenv.cfg"), "home = /usr/bin\n", 0o644)
	mkfile(t, filepath.Join(v, "bin", "activate"), "x", 0o644)
	mkfile(t, filepath.Join(v, "bin", "pip"), "#!/x", 0o755)
	os.Symlink("/usr/bin/python3", filepath.Join(v, "bin", "python3"))
	os.Symlink("python3", filepath.Join(v, "bin", "python"))
	os.Symlink("python3", filepath.Join(v, "bin", "python3.11"))
	n, err := Install(v, self, "linux")
	if err != nil || n != 3 {
		t.Fatalf("Install = %d, %v; want 3", n, err)
	}
	for _, name := range []string{"python", "python3", "python3.11"} {
		p := filepath.Join(v, "bin", name)
		fi, err := os.Lstat(p)
		if err != nil || !fi.Mode().IsRegular() || fi.Mode().Perm() != 0o755 {
			t.Errorf("%s: %v %v, want a regular 0755 file", name, fi.Mode(), err)
		}
		if data, _ := os.ReadFile(p); string(data) != "REDIRECTOR" {
			t.Errorf("%s holds %q", name, data)
		}
	}
	if data, _ := os.ReadFile(filepath.Join(v, "bin", "pip")); string(data) != "#!/x" {
		t.Errorf("pip was touched: %q", data)
	}
	entries, _ := os.ReadDir(filepath.Join(v, "bin"))
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}

	// Not a venv: refused, nothing touched.
	notVenv := filepath.Join(root, "plain")
	mkfile(t, filepath.Join(notVenv, "bin", "python3"), "REAL", 0o755)
	_, err = Install(notVenv, self, "linux")
	var e *Error
	if !errors.As(err, &e) || e.Code != exitcode.NoVenvCfg || !strings.Contains(e.Msg, "is not a virtual environment") {
		t.Errorf("Install(not a venv) = %v", err)
	}
	if data, _ := os.ReadFile(filepath.Join(notVenv, "bin", "python3")); string(data) != "REAL" {
		t.Errorf("not-a-venv python3 was replaced")
	}
	// A pyvenv.cfg without home: refused.
	mkfile(t, filepath.Join(notVenv, "pyvenv.cfg"), "version = 3.12\n", 0o644)
	if _, err = Install(notVenv, self, "linux"); !errors.As(err, &e) || e.Code != exitcode.BadVenvCfg {
		t.Errorf("Install(no home) = %v", err)
	}
}
