package config

import (
	"errors"
	"path/filepath"
	"strings"

	"github.com/pylauncher/py/internal/quote"
	"github.com/pylauncher/py/internal/readfile"
)

// FileName is the name of py's configuration file.
const FileName = "py.ini"

// maxSize bounds how much of a py.ini is read.
const maxSize = 1 << 20

// Source is one py.ini file in the search order.
type Source struct {
	Path string
	// INI is nil when the file is missing or could not be used.
	INI *INI
	// Err is set when the file exists but could not be read or decoded.
	Err error
}

// Config is the layered configuration.
type Config struct {
	Sources []Source
}

// Value is a setting and the place it came from.
type Value struct {
	Value   string
	Path    string
	Section string
	Key     string
}

// Origin describes where v came from, for messages: `[defaults] python in "/x/py.ini"`.
func (v Value) Origin() string {
	return "[" + v.Section + "] " + v.Key + " in " + quote.String(v.Path)
}

// Paths returns the py.ini files py reads, in lookup order: the user's file,
// then the one in exeDir (the directory holding the py executable).
// goos selects the platform rules; getenv reads the environment.
//
// The user's file is %LOCALAPPDATA%\py.ini on Windows (where CPython's
// launcher keeps it) and $XDG_CONFIG_HOME/py/py.ini elsewhere, with
// XDG_CONFIG_HOME defaulting to ~/.config.
func Paths(goos string, getenv func(string) string, exeDir string) []string {
	var paths []string
	if user := userPath(goos, getenv); user != "" {
		paths = append(paths, user)
	}
	if exeDir != "" {
		p := filepath.Join(exeDir, FileName)
		if len(paths) == 0 || paths[0] != p {
			paths = append(paths, p)
		}
	}
	return paths
}

func userPath(goos string, getenv func(string) string) string {
	if goos == "windows" {
		if d := getenv("LOCALAPPDATA"); d != "" {
			return filepath.Join(d, FileName)
		}
		return ""
	}
	if d := getenv("XDG_CONFIG_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "py", FileName)
	}
	if h := getenv("HOME"); h != "" && filepath.IsAbs(h) {
		return filepath.Join(h, ".config", "py", FileName)
	}
	return ""
}

// Load reads the files at paths. A missing file is skipped; a file that
// cannot be read or decoded is kept with its error, and py goes on
// without it.
func Load(paths []string) *Config {
	c := &Config{}
	for _, p := range paths {
		s := Source{Path: p}
		data, err := readFile(p)
		switch {
		case readfile.IsNotExist(err):
			continue
		case err != nil:
			s.Err = err
		default:
			s.INI, s.Err = ParseINI(data)
		}
		c.Sources = append(c.Sources, s)
	}
	return c
}

func readFile(p string) ([]byte, error) {
	data, err := readfile.Read(p, maxSize)
	if err == nil || readfile.IsNotExist(err) {
		return data, err
	}
	switch {
	case errors.Is(err, readfile.ErrTooLarge):
		return nil, errors.New("larger than 1 MiB")
	case errors.Is(err, readfile.ErrNotRegular):
		return nil, errors.New(readfile.Reason(err))
	}
	return data, err
}

// Lookup returns the first value of key in section, searching the files
// in order.
func (c *Config) Lookup(section, key string) (Value, bool) {
	if c == nil {
		return Value{}, false
	}
	for _, s := range c.Sources {
		if v, ok := s.INI.Get(section, key); ok {
			return Value{Value: v, Path: s.Path, Section: strings.ToLower(section), Key: strings.ToLower(key)}, true
		}
	}
	return Value{}, false
}

// ParseBool parses a boolean setting: true/false, yes/no, on/off, 1/0.
func ParseBool(s string) (b, ok bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "1", "true", "yes", "on":
		return true, true
	case "0", "false", "no", "off":
		return false, true
	}
	return false, false
}
