// Package tooldirs says where the version managers keep their Pythons:
// pyenv, uv, mise and asdf, each as the tool itself reads its variables.
// It reads no environment of its own: the caller's getenv does.
//
// A variable that holds a relative path is ignored, as is a relative home:
// py never searches a directory that depends on the current one.
package tooldirs

import "path/filepath"

// Home returns the user's home directory: $HOME, or %USERPROFILE% when
// goos is "windows"; "" when it is unset or relative.
func Home(goos string, getenv func(string) string) string {
	name := "HOME"
	if goos == "windows" {
		name = "USERPROFILE"
	}
	return abs(getenv(name))
}

// FromEnv returns $name if it is absolute, else base joined with elem
// when base is known (not ""), else "".
func FromEnv(getenv func(string) string, name, base string, elem ...string) string {
	if d := abs(getenv(name)); d != "" {
		return d
	}
	if base == "" {
		return ""
	}
	return filepath.Join(append([]string{base}, elem...)...)
}

// DataHome is $XDG_DATA_HOME, else ~/.local/share.
func DataHome(goos string, getenv func(string) string) string {
	return FromEnv(getenv, "XDG_DATA_HOME", Home(goos, getenv), ".local", "share")
}

// Pyenv is pyenv's root: $PYENV_ROOT, else ~/.pyenv. Its installs are in
// versions, its shims in shims.
func Pyenv(goos string, getenv func(string) string) string {
	return FromEnv(getenv, "PYENV_ROOT", Home(goos, getenv), ".pyenv")
}

// Asdf is asdf's data directory: $ASDF_DATA_DIR, else ~/.asdf.
func Asdf(goos string, getenv func(string) string) string {
	return FromEnv(getenv, "ASDF_DATA_DIR", Home(goos, getenv), ".asdf")
}

// Mise is mise's data directory: $MISE_DATA_DIR, else
// $XDG_DATA_HOME/mise.
func Mise(goos string, getenv func(string) string) string {
	return FromEnv(getenv, "MISE_DATA_DIR", DataHome(goos, getenv), "mise")
}

// UV is where uv installs Pythons: $UV_PYTHON_INSTALL_DIR, else
// $XDG_DATA_HOME/uv/python (%APPDATA%\uv\data\python on Windows).
func UV(goos string, getenv func(string) string) string {
	if goos == "windows" {
		return FromEnv(getenv, "UV_PYTHON_INSTALL_DIR", abs(getenv("APPDATA")), "uv", "data", "python")
	}
	return FromEnv(getenv, "UV_PYTHON_INSTALL_DIR", DataHome(goos, getenv), "uv", "python")
}

// Py is where py install puts Pythons: $XDG_DATA_HOME/py/installs
// (~/.local/share/py/installs), or %LOCALAPPDATA%\py\installs on Windows,
// one directory per install, named by its key
// (cpython-3.14.6-linux-x86_64-gnu).
func Py(goos string, getenv func(string) string) string {
	if goos == "windows" {
		if d := abs(getenv("LOCALAPPDATA")); d != "" {
			return filepath.Join(d, "py", "installs")
		}
		return ""
	}
	if d := DataHome(goos, getenv); d != "" {
		return filepath.Join(d, "py", "installs")
	}
	return ""
}

// Cache is py's cache directory: $XDG_CACHE_HOME/py or ~/.cache/py on
// Linux and other Unix systems, ~/Library/Caches/py on macOS, and
// %LOCALAPPDATA%\py\cache on Windows (beside launcher2's py.ini); ""
// when none can be found.
func Cache(goos string, getenv func(string) string) string {
	switch goos {
	case "windows":
		if d := abs(getenv("LOCALAPPDATA")); d != "" {
			return filepath.Join(d, "py", "cache")
		}
		return ""
	case "darwin", "ios":
		if h := abs(getenv("HOME")); h != "" {
			return filepath.Join(h, "Library", "Caches", "py")
		}
		return ""
	}
	if d := FromEnv(getenv, "XDG_CACHE_HOME", abs(getenv("HOME")), ".cache"); d != "" {
		return filepath.Join(d, "py")
	}
	return ""
}

// Bin is where py install puts the commands it makes (python3.14): as
// uv does, $XDG_BIN_HOME, else ~/.local/bin; on Windows
// %LOCALAPPDATA%\py\bin.
func Bin(goos string, getenv func(string) string) string {
	if goos == "windows" {
		if d := abs(getenv("LOCALAPPDATA")); d != "" {
			return filepath.Join(d, "py", "bin")
		}
		return ""
	}
	return FromEnv(getenv, "XDG_BIN_HOME", Home(goos, getenv), ".local", "bin")
}

// abs returns the clean path p if it is absolute, else "".
func abs(p string) string {
	if p == "" || !filepath.IsAbs(p) {
		return ""
	}
	return filepath.Clean(p)
}
