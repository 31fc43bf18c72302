package discover

import "testing"

// Every Source prints, Generic and values outside the list included.
func TestSourceString(t *testing.T) {
	for _, tt := range []struct {
		src  Source
		want string
	}{
		{Generic, "version-manager"},
		{VirtualEnv, "VIRTUAL_ENV"},
		{Conda, "CONDA_PREFIX"},
		{Project, ".venv"},
		{Path, "PATH"},
		{Pyenv, "pyenv"},
		{UV, "uv"},
		{Managed, "py"},
		{Mise, "mise"},
		{Asdf, "asdf"},
		{Homebrew, "homebrew"},
		{Framework, "python.org"},
		{System, "system"},
		{Registry, "registry"},
		{Store, "store"},
		{Given, "path"},
		{Given + 1, "source15"},
		{-2, "source-2"},
	} {
		if got := tt.src.String(); got != tt.want {
			t.Errorf("Source(%d).String() = %q, want %q", int(tt.src), got, tt.want)
		}
	}
}
