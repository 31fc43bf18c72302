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
