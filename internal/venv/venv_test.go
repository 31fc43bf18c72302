package venv

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseCfg(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Cfg
	}{
		{"python -m venv", "home = /root/.pyenv/versions/3.12.1/bin\n" +
			"include-system-site-packages = false\n" +
			"version = 3.12.1\n" +
			"executable = /root/.pyenv/versions/3.12.1/bin/python3.12\n" +
			"command = /root/.pyenv/versions/3.12.1/bin/python3.12 -m venv /src/app/.venv\n",
			Cfg{Home: "/root/.pyenv/versions/3.12.1/bin", Version: "3.12.1",
				Executable: "/root/.pyenv/versions/3.12.1/bin/python3.12"}},
		{"virtualenv", "home = /usr/bin\n" +
			"implementation = CPython\n" +
			"version_info = 3.12.1.final.0\n" +
			"virtualenv = 20.17.1\n" +
			"include-system-site-packages = false\n" +
			"base-prefix = /usr\n" +
			"base-exec-prefix = /usr\n" +
			"base-executable = /usr/bin/python3.12\n",
			Cfg{Home: "/usr/bin", Version: "3.12.1.final.0", BaseExecutable: "/usr/bin/python3.12", Implementation: "CPython"}},
		{"uv", "home = /home/me/.local/share/uv/python/cpython-3.12.1-linux-x86_64-gnu/bin\n" +
			"implementation = CPython\n" +
			"uv = 0.4.18\n" +
			"version_info = 3.12.1\n" +
			"include-system-site-packages = false\n" +
			"prompt = app\n",
			Cfg{Home: "/home/me/.local/share/uv/python/cpython-3.12.1-linux-x86_64-gnu/bin", Version: "3.12.1", Implementation: "CPython"}},
		{"windows venv", "home = C:\\Program Files\\Python312\r\n" +
			"include-system-site-packages = false\r\n" +
			"version = 3.12.1\r\n" +
			"executable = C:\\Program Files\\Python312\\python.exe\r\n",
			Cfg{Home: `C:\Program Files\Python312`, Version: "3.12.1", Executable: `C:\Program Files\Python312\python.exe`}},
		{"bom", "\xEF\xBB\xBFhome = /usr/bin\nversion = 3.11.2\n", Cfg{Home: "/usr/bin", Version: "3.11.2"}},
		{"crlf", "home = /usr/bin\r\nversion = 3.11.2\r\n", Cfg{Home: "/usr/bin", Version: "3.11.2"}},
		{"no spaces", "home=/usr/bin\nversion=3.11.2", Cfg{Home: "/usr/bin", Version: "3.11.2"}},
		{"many spaces", "  home   =   /usr/bin  \n\tversion\t=\t3.11.2\t\n", Cfg{Home: "/usr/bin", Version: "3.11.2"}},
		{"home with spaces", "home = /opt/my pythons/3.12/bin\n", Cfg{Home: "/opt/my pythons/3.12/bin"}},
		{"upper-case keys", "HOME = /usr/bin\nVersion = 3.11.2\nBase-Executable = /usr/bin/python3\n",
			Cfg{Home: "/usr/bin", Version: "3.11.2", BaseExecutable: "/usr/bin/python3"}},
		{"first wins", "home = /first\nhome = /second\nversion = 3.12.1\nversion = 3.11.0\n",
			Cfg{Home: "/first", Version: "3.12.1"}},
		{"version before version_info", "version = 3.12.1\nversion_info = 3.12.1.final.0\n", Cfg{Version: "3.12.1"}},
		{"version_info before version", "version_info = 3.12.1.final.0\nversion = 3.12.1\n", Cfg{Version: "3.12.1.final.0"}},
		{"value with =", "home = /a=b\n", Cfg{Home: "/a=b"}},
		{"empty home", "home =\n", Cfg{}},
		{"junk lines ignored", "[section]\n# comment\nnot a key\n\nhome = /usr/bin\n", Cfg{Home: "/usr/bin"}},
		{"empty", "", Cfg{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseCfg([]byte(tt.in))
			if err != nil || got != tt.want {
				t.Errorf("ParseCfg(%q) = %+v, %v, want %+v, nil", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestParseCfgJunk(t *testing.T) {
	var b strings.Builder
	for b.Len() < 100<<10 {
		b.WriteString("junk junk junk ===== \x00\x01 = \r\n")
		b.WriteString("no equals sign here at all\n")
	}
	junk := b.String()
	got, err := ParseCfg([]byte(junk + "home = /late\n"))
	if err != nil {
		t.Fatalf("ParseCfg(100 KiB of junk): %v", err)
	}
	if got.Home != "/late" {
		t.Errorf("ParseCfg(100 KiB of junk).Home = %q, want %q", got.Home, "/late")
	}
}

func TestParseCfgInvalidUTF8(t *testing.T) {
	for _, in := range []string{"home = /usr/\xff/bin\n", "\xEF\xBB\xBFhome = \xc3\n", "\xFF\xFEh\x00"} {
		if got, err := ParseCfg([]byte(in)); err == nil {
			t.Errorf("ParseCfg(%q) = %+v, nil, want an error", in, got)
		}
	}
}

func writeCfg(t *testing.T, dir, data string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, CfgName), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestReadCfg(t *testing.T) {
	dir := t.TempDir()
	writeCfg(t, dir, "home = /usr/bin\nversion = 3.11.2\n")
	got, err := ReadCfg(dir)
	if want := (Cfg{Home: "/usr/bin", Version: "3.11.2"}); err != nil || got != want {
		t.Errorf("ReadCfg(%q) = %+v, %v, want %+v", dir, got, err, want)
	}
	if got, err := ReadCfg(filepath.Join(dir, "missing")); err == nil || !os.IsNotExist(err) {
		t.Errorf("ReadCfg(missing) = %+v, %v, want a not-exist error", got, err)
	}

	// A huge file is read only in part, and parses.
	big := filepath.Join(dir, "big")
	writeCfg(t, big, "home = /usr/bin\n"+strings.Repeat("x = y\n", 200<<10))
	if got, err := ReadCfg(big); err != nil || got.Home != "/usr/bin" {
		t.Errorf("ReadCfg(huge) = %+v, %v, want home /usr/bin", got, err)
	}

	// A huge file whose size limit falls inside a multi-byte character
	// is still UTF-8: only whole lines are parsed.
	cut := filepath.Join(dir, "cut")
	head := "home = /usr/bin\n"
	pad := strings.Repeat("a", maxCfgSize-len(head)-1)
	writeCfg(t, cut, head+pad+"é = x\nversion = 3.12.1\n")
	if got, err := ReadCfg(cut); err != nil || got.Home != "/usr/bin" || got.Version != "" {
		t.Errorf("ReadCfg(cut in a character) = %+v, %v, want home /usr/bin and nothing past the limit", got, err)
	}
}

func TestIsVenv(t *testing.T) {
	dir := t.TempDir()
	venv := filepath.Join(dir, "venv")
	writeCfg(t, venv, "home = /usr/bin\n")
	notVenv := filepath.Join(dir, "plain")
	if err := os.MkdirAll(notVenv, 0o755); err != nil {
		t.Fatal(err)
	}
	cfgDir := filepath.Join(dir, "cfgdir")
	if err := os.MkdirAll(filepath.Join(cfgDir, CfgName), 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		dir  string
		want bool
	}{
		{venv, true},
		{notVenv, false},
		{cfgDir, false},
		{filepath.Join(dir, "missing"), false},
	}
	for _, tt := range tests {
		if got := IsVenv(tt.dir); got != tt.want {
			t.Errorf("IsVenv(%q) = %v, want %v", tt.dir, got, tt.want)
		}
	}
}

func TestFindProject(t *testing.T) {
	root := t.TempDir()
	// root/a/.venv           (a venv)
	// root/a/b/.venv         (no pyvenv.cfg: skipped)
	// root/a/b/c/d           (start here: finds root/a/.venv)
	// root/a/e/.venv         (a venv, nearer for root/a/e/f)
	// root/x/y               (no venv anywhere up to root)
	a := filepath.Join(root, "a")
	writeCfg(t, filepath.Join(a, ".venv"), "home = /usr/bin\n")
	if err := os.MkdirAll(filepath.Join(a, "b", ".venv", "bin"), 0o755); err != nil {
		t.Fatal(err)
	}
	deep := filepath.Join(a, "b", "c", "d")
	writeCfg(t, filepath.Join(a, "e", ".venv"), "home = /usr/bin\n")
	ef := filepath.Join(a, "e", "f")
	xy := filepath.Join(root, "x", "y")
	for _, d := range []string{deep, ef, xy} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// A .venv that is a file (some tools write a name into it).
	if err := os.WriteFile(filepath.Join(root, "x", ".venv"), []byte("myenv\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name, dir, want string
	}{
		{"in the project dir", a, filepath.Join(a, ".venv")},
		{"skips a venv without pyvenv.cfg", filepath.Join(a, "b"), filepath.Join(a, ".venv")},
		{"walks up", deep, filepath.Join(a, ".venv")},
		{"nearest wins", ef, filepath.Join(a, "e", ".venv")},
		{"inside the venv", filepath.Join(a, ".venv"), filepath.Join(a, ".venv")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FindProject(tt.dir); got != tt.want {
				t.Errorf("FindProject(%q) = %q, want %q", tt.dir, got, tt.want)
			}
		})
	}
	// Above root there may be anything (a developer's own .venv), so only
	// check that no venv under root is reported.
	t.Run("none", func(t *testing.T) {
		if got := FindProject(xy); got != "" && strings.HasPrefix(got, root) {
			t.Errorf("FindProject(%q) = %q, want none under %q", xy, got, root)
		}
	})
	t.Run("relative dir ends", func(t *testing.T) {
		FindProject("some/relative/dir") // must return, whatever it finds
	})
}

func TestInterpreterAndBinDir(t *testing.T) {
	dir := filepath.Join("proj", ".venv")
	tests := []struct {
		goos, bin, exe string
	}{
		{"linux", filepath.Join(dir, "bin"), filepath.Join(dir, "bin", "python")},
		{"darwin", filepath.Join(dir, "bin"), filepath.Join(dir, "bin", "python")},
		{"windows", filepath.Join(dir, "Scripts"), filepath.Join(dir, "Scripts", "python.exe")},
	}
	for _, tt := range tests {
		if got := BinDir(dir, tt.goos); got != tt.bin {
			t.Errorf("BinDir(%q, %q) = %q, want %q", dir, tt.goos, got, tt.bin)
		}
		if got := Interpreter(dir, tt.goos); got != tt.exe {
			t.Errorf("Interpreter(%q, %q) = %q, want %q", dir, tt.goos, got, tt.exe)
		}
	}
}

func FuzzParseCfg(f *testing.F) {
	f.Add([]byte("home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.2\n"))
	f.Add([]byte("\xEF\xBB\xBFhome = C:\\Python312\r\nversion_info = 3.12.1.final.0\r\nbase-executable = C:\\Python312\\python.exe\r\n"))
	f.Add([]byte("HOME=/a\nhome=/b\n=\n==\n"))
	f.Add([]byte("home = \xff\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ParseCfg(data)
		body := data
		if len(body) >= 3 && string(body[:3]) == "\xEF\xBB\xBF" {
			body = body[3:]
		}
		if err != nil {
			if utf8.Valid(body) {
				t.Errorf("ParseCfg(%q) failed on UTF-8: %v", data, err)
			}
			return
		}
		if !utf8.Valid(body) {
			t.Errorf("ParseCfg(%q) accepted invalid UTF-8", data)
		}
		for name, v := range map[string]string{"home": c.Home, "version": c.Version, "executable": c.Executable,
			"base-executable": c.BaseExecutable, "implementation": c.Implementation} {
			if v != strings.TrimSpace(v) || strings.ContainsAny(v, "\n") {
				t.Errorf("ParseCfg(%q): %s = %q, not a trimmed single line", data, name, v)
			}
		}
		// Adding a later duplicate changes nothing: the first occurrence wins.
		more := append(append([]byte{}, data...), "\nhome = /other\nversion = 0.0\n"...)
		c2, err := ParseCfg(more)
		if err != nil {
			t.Fatalf("ParseCfg(%q): %v", more, err)
		}
		if c.Home != "" && c2.Home != c.Home {
			t.Errorf("ParseCfg: a later home changed %q to %q", c.Home, c2.Home)
		}
		if c.Version != "" && c2.Version != c.Version {
			t.Errorf("ParseCfg: a later version changed %q to %q", c.Version, c2.Version)
		}
	})
}
