package config

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestLoadLayering(t *testing.T) {
	dir := t.TempDir()
	user := filepath.Join(dir, "home", ".config", "py", FileName)
	exe := filepath.Join(dir, "bin", FileName)
	writeFile(t, user, "[defaults]\npython=3.12\n[commands]\nfoo=/opt/foo\n")
	writeFile(t, exe, "[defaults]\npython=3.9\npython3=3.11\n[settings]\nallow_prereleases=yes\n")

	c := Load([]string{user, exe})
	if len(c.Sources) != 2 {
		t.Fatalf("Load: %d sources, want 2: %+v", len(c.Sources), c.Sources)
	}
	for _, s := range c.Sources {
		if s.Err != nil || s.INI == nil {
			t.Errorf("Load: source %q = %v, %v, want parsed", s.Path, s.INI, s.Err)
		}
	}
	tests := []struct {
		section, key string
		want         string
		path         string
	}{
		{"defaults", "python", "3.12", user},
		{"Defaults", "PYTHON3", "3.11", exe},
		{"commands", "foo", "/opt/foo", user},
		{"settings", "allow_prereleases", "yes", exe},
		{"defaults", "python2", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.section+"."+tt.key, func(t *testing.T) {
			got, ok := c.Lookup(tt.section, tt.key)
			if ok != (tt.path != "") {
				t.Fatalf("Lookup(%q, %q) = %+v, %v", tt.section, tt.key, got, ok)
			}
			if !ok {
				return
			}
			want := Value{Value: tt.want, Path: tt.path, Section: strings.ToLower(tt.section), Key: strings.ToLower(tt.key)}
			if got != want {
				t.Errorf("Lookup(%q, %q) = %+v, want %+v", tt.section, tt.key, got, want)
			}
		})
	}
}

func TestLoadProblems(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing", FileName)
	asDir := filepath.Join(dir, "isdir", FileName)
	if err := os.MkdirAll(asDir, 0o755); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big", FileName)
	writeFile(t, big, "[defaults]\npython=3.1\n"+strings.Repeat("; padding padding padding\n", (maxSize/26)+10))
	bad := filepath.Join(dir, "bad", FileName)
	writeFile(t, bad, "[defaults]\npython=\xff\n")
	good := filepath.Join(dir, "good", FileName)
	writeFile(t, good, "[defaults]\npython=3.13\n")

	c := Load([]string{missing, asDir, big, bad, good})
	var paths []string
	for _, s := range c.Sources {
		paths = append(paths, s.Path)
	}
	if want := []string{asDir, big, bad, good}; !slices.Equal(paths, want) {
		t.Fatalf("Load sources = %q, want %q (the missing file skipped)", paths, want)
	}
	for _, s := range c.Sources[:3] {
		if s.Err == nil || s.INI != nil {
			t.Errorf("Load: source %q = %v, %v, want an error", s.Path, s.INI, s.Err)
		}
	}
	if !errors.Is(c.Sources[2].Err, ErrEncoding) {
		t.Errorf("Load: source %q error = %v, want ErrEncoding", bad, c.Sources[2].Err)
	}
	if got, ok := c.Lookup("defaults", "python"); !ok || got.Value != "3.13" || got.Path != good {
		t.Errorf("Lookup(defaults, python) = %+v, %v, want 3.13 from %q", got, ok, good)
	}
}

func TestLoadExactlyMaxSize(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, FileName)
	head := "[defaults]\npython=3.12\n"
	data := head + strings.Repeat(";", maxSize-len(head))
	writeFile(t, p, data)
	c := Load([]string{p})
	if len(c.Sources) != 1 || c.Sources[0].Err != nil {
		t.Fatalf("Load of a file of exactly 1 MiB = %+v, want it read", c.Sources)
	}
	if got, ok := c.Lookup("defaults", "python"); !ok || got.Value != "3.12" {
		t.Errorf("Lookup(defaults, python) = %+v, %v, want 3.12", got, ok)
	}
}

func TestLookupNil(t *testing.T) {
	var c *Config
	if got, ok := c.Lookup("defaults", "python"); ok {
		t.Errorf("(*Config)(nil).Lookup = %+v, true, want not found", got)
	}
	if got, ok := Load(nil).Lookup("defaults", "python"); ok {
		t.Errorf("Load(nil).Lookup = %+v, true, want not found", got)
	}
}

func TestValueOrigin(t *testing.T) {
	v := Value{Value: "3.12", Path: "/home/me/.config/py/py.ini", Section: "defaults", Key: "python"}
	want := `[defaults] python in "/home/me/.config/py/py.ini"`
	if got := v.Origin(); got != want {
		t.Errorf("Origin() = %q, want %q", got, want)
	}
}

func TestPaths(t *testing.T) {
	// Absolute paths on every host.
	root := t.TempDir()
	abs := func(p string) string { return filepath.Join(root, p) }
	exeDir := abs("opt/py/bin")
	xdg, home, mac := abs("xdg"), abs("home/me"), abs("Users/me")
	tests := []struct {
		name   string
		goos   string
		env    map[string]string
		exeDir string
		want   []string
	}{
		{"linux xdg", "linux", map[string]string{"XDG_CONFIG_HOME": xdg, "HOME": home}, exeDir,
			[]string{filepath.Join(xdg, "py", FileName), filepath.Join(exeDir, FileName)}},
		{"linux home", "linux", map[string]string{"HOME": home}, exeDir,
			[]string{filepath.Join(home, ".config", "py", FileName), filepath.Join(exeDir, FileName)}},
		{"linux relative xdg ignored", "linux", map[string]string{"XDG_CONFIG_HOME": "rel/xdg", "HOME": home}, exeDir,
			[]string{filepath.Join(home, ".config", "py", FileName), filepath.Join(exeDir, FileName)}},
		{"linux relative home ignored", "linux", map[string]string{"HOME": "home"}, exeDir,
			[]string{filepath.Join(exeDir, FileName)}},
		{"linux nothing", "linux", nil, "", nil},
		{"linux no exe dir", "linux", map[string]string{"HOME": home}, "",
			[]string{filepath.Join(home, ".config", "py", FileName)}},
		{"darwin home", "darwin", map[string]string{"HOME": mac}, exeDir,
			[]string{filepath.Join(mac, ".config", "py", FileName), filepath.Join(exeDir, FileName)}},
		{"same file once", "linux", map[string]string{"XDG_CONFIG_HOME": xdg}, filepath.Join(xdg, "py"),
			[]string{filepath.Join(xdg, "py", FileName)}},
		{"windows localappdata", "windows", map[string]string{"LOCALAPPDATA": `C:\Users\me\AppData\Local`, "HOME": home}, exeDir,
			[]string{filepath.Join(`C:\Users\me\AppData\Local`, FileName), filepath.Join(exeDir, FileName)}},
		{"windows without localappdata", "windows", map[string]string{"XDG_CONFIG_HOME": xdg, "HOME": home}, exeDir,
			[]string{filepath.Join(exeDir, FileName)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			getenv := func(k string) string { return tt.env[k] }
			got := Paths(tt.goos, getenv, tt.exeDir)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Paths(%q, %v, %q) = %q, want %q", tt.goos, tt.env, tt.exeDir, got, tt.want)
			}
		})
	}
}

func TestParseBool(t *testing.T) {
	tests := []struct {
		in       string
		want, ok bool
	}{
		{"1", true, true},
		{"true", true, true},
		{"True", true, true},
		{" YES ", true, true},
		{"on", true, true},
		{"0", false, true},
		{"false", false, true},
		{"No", false, true},
		{"off", false, true},
		{"", false, false},
		{"2", false, false},
		{"y", false, false},
		{"enabled", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := ParseBool(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("ParseBool(%q) = %v, %v, want %v, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}
