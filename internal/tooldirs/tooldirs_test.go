package tooldirs

import (
	"path/filepath"
	"runtime"
	"testing"
)

func TestDirs(t *testing.T) {
	// An absolute path on the system the test runs on.
	root := "/"
	if runtime.GOOS == "windows" {
		root = `C:\`
	}
	a := func(p string) string { return filepath.Join(root, filepath.FromSlash(p)) }
	type dirs struct{ home, pyenv, asdf, mise, uv string }
	for _, tt := range []struct {
		name string
		goos string
		env  map[string]string
		want dirs
	}{
		{"nothing set", "linux", nil, dirs{}},
		{"home only", "linux", map[string]string{"HOME": a("home/u/")},
			dirs{a("home/u"), a("home/u/.pyenv"), a("home/u/.asdf"), a("home/u/.local/share/mise"), a("home/u/.local/share/uv/python")}},
		{"relative home", "linux", map[string]string{"HOME": "home/u"}, dirs{}},
		{"variables", "darwin", map[string]string{
			"HOME": a("home/u"), "PYENV_ROOT": a("opt/pyenv"), "ASDF_DATA_DIR": a("opt/asdf"),
			"MISE_DATA_DIR": a("opt/mise"), "UV_PYTHON_INSTALL_DIR": a("opt/uv"),
		}, dirs{a("home/u"), a("opt/pyenv"), a("opt/asdf"), a("opt/mise"), a("opt/uv")}},
		{"relative variables fall back", "linux", map[string]string{
			"HOME": a("home/u"), "PYENV_ROOT": "pyenv", "ASDF_DATA_DIR": "asdf", "MISE_DATA_DIR": "mise",
			"UV_PYTHON_INSTALL_DIR": "uv", "XDG_DATA_HOME": a("data"),
		}, dirs{a("home/u"), a("home/u/.pyenv"), a("home/u/.asdf"), a("data/mise"), a("data/uv/python")}},
		{"windows", "windows", map[string]string{"HOME": a("ignored"), "USERPROFILE": a("Users/u"), "APPDATA": a("Users/u/AppData/Roaming")},
			dirs{a("Users/u"), a("Users/u/.pyenv"), a("Users/u/.asdf"), a("Users/u/.local/share/mise"), a("Users/u/AppData/Roaming/uv/data/python")}},
		{"windows, relative APPDATA", "windows", map[string]string{"APPDATA": "Roaming"}, dirs{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			getenv := func(k string) string { return tt.env[k] }
			got := dirs{Home(tt.goos, getenv), Pyenv(tt.goos, getenv), Asdf(tt.goos, getenv), Mise(tt.goos, getenv), UV(tt.goos, getenv)}
			if got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestPyDirs(t *testing.T) {
	root := "/"
	if runtime.GOOS == "windows" {
		root = `C:\`
	}
	a := func(p string) string { return filepath.Join(root, filepath.FromSlash(p)) }
	type dirs struct{ installs, cache, bin string }
	for _, tt := range []struct {
		name string
		goos string
		env  map[string]string
		want dirs
	}{
		{"nothing set", "linux", nil, dirs{}},
		{"home only", "linux", map[string]string{"HOME": a("home/u")},
			dirs{a("home/u/.local/share/py/installs"), a("home/u/.cache/py"), a("home/u/.local/bin")}},
		{"XDG", "linux", map[string]string{"HOME": a("home/u"), "XDG_DATA_HOME": a("d"), "XDG_CACHE_HOME": a("c"), "XDG_BIN_HOME": a("b")},
			dirs{a("d/py/installs"), a("c/py"), a("b")}},
		{"relative XDG", "linux", map[string]string{"HOME": a("home/u"), "XDG_DATA_HOME": "d", "XDG_CACHE_HOME": "c", "XDG_BIN_HOME": "b"},
			dirs{a("home/u/.local/share/py/installs"), a("home/u/.cache/py"), a("home/u/.local/bin")}},
		{"macOS", "darwin", map[string]string{"HOME": a("Users/u"), "XDG_CACHE_HOME": a("c")},
			dirs{a("Users/u/.local/share/py/installs"), a("Users/u/Library/Caches/py"), a("Users/u/.local/bin")}},
		{"windows", "windows", map[string]string{"LOCALAPPDATA": a("L"), "XDG_DATA_HOME": a("d")},
			dirs{a("L/py/installs"), a("L/py/cache"), a("L/py/bin")}},
		{"windows, relative LOCALAPPDATA", "windows", map[string]string{"LOCALAPPDATA": "L"}, dirs{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			getenv := func(k string) string { return tt.env[k] }
			got := dirs{Py(tt.goos, getenv), Cache(tt.goos, getenv), Bin(tt.goos, getenv)}
			if got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}
