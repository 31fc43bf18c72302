// Package venv finds and describes Python virtual environments: the
// pyvenv.cfg file, the interpreter inside, and the project's .venv found by
// walking up from the current directory.
package venv

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/pylauncher/py/internal/readfile"
	"github.com/pylauncher/py/internal/walkup"
)

// CfgName is the name of a virtual environment's configuration file.
const CfgName = "pyvenv.cfg"

// maxCfgSize bounds how much of a pyvenv.cfg is read; real ones are a few
// hundred bytes.
const maxCfgSize = 64 << 10

// Cfg holds the keys of a pyvenv.cfg that py uses.
type Cfg struct {
	// Home is the directory of the base interpreter.
	Home string
	// Version is the Python version: "version" (venv) or "version_info"
	// (virtualenv, uv).
	Version string
	// Executable is the base interpreter (venv 3.11+ "executable").
	Executable string
	// BaseExecutable is virtualenv's "base-executable".
	BaseExecutable string
	// Implementation is virtualenv's "implementation" ("CPython", "PyPy").
	Implementation string
}

// ParseCfg parses a pyvenv.cfg as CPython's getpath does: each line is
// split at the first "="; keys are trimmed and case-insensitive, values
// trimmed; the first occurrence of a key wins; other lines are ignored.
// A UTF-8 BOM and CRLF line ends are accepted. It fails only when data is
// not UTF-8.
func ParseCfg(data []byte) (Cfg, error) {
	var c Cfg
	data = trimBOM(data)
	if !utf8.Valid(data) {
		return c, errors.New("not UTF-8")
	}
	seen := map[string]bool{}
	for _, line := range strings.Split(string(data), "\n") {
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		k = strings.ToLower(strings.TrimSpace(k))
		if seen[k] {
			continue
		}
		seen[k] = true
		v = strings.TrimSpace(v)
		switch k {
		case "home":
			c.Home = v
		case "version", "version_info":
			if c.Version == "" {
				c.Version = v
			}
		case "executable":
			c.Executable = v
		case "base-executable":
			c.BaseExecutable = v
		case "implementation":
			c.Implementation = v
		}
	}
	return c, nil
}

func trimBOM(b []byte) []byte {
	if len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		return b[3:]
	}
	return b
}

// ReadCfg reads and parses dir/pyvenv.cfg.
func ReadCfg(dir string) (Cfg, error) {
	data, err := readfile.Head(filepath.Join(dir, CfgName), maxCfgSize+1)
	if err != nil {
		return Cfg{}, err
	}
	return ParseCfg(WholeLines(data, maxCfgSize))
}

// WholeLines cuts data read with a limit of max+1 bytes back to whole
// lines when it went over max: a cut in the middle of a character would
// make the file look like it is not UTF-8.
func WholeLines(data []byte, max int) []byte {
	if len(data) > max {
		data = data[:max]
		data = data[:bytes.LastIndexByte(data, '\n')+1]
	}
	return data
}

// BinDir returns the directory of a venv's executables: Scripts on
// Windows, bin elsewhere.
func BinDir(dir, goos string) string {
	if goos == "windows" {
		return filepath.Join(dir, "Scripts")
	}
	return filepath.Join(dir, "bin")
}

// Interpreter returns the path of the venv's python: bin/python, or
// Scripts\python.exe on Windows.
func Interpreter(dir, goos string) string {
	if goos == "windows" {
		return filepath.Join(dir, "Scripts", "python.exe")
	}
	return filepath.Join(dir, "bin", "python")
}

// IsVenv reports whether dir holds a pyvenv.cfg.
func IsVenv(dir string) bool {
	st, err := os.Stat(filepath.Join(dir, CfgName))
	return err == nil && st.Mode().IsRegular()
}

// FindProject looks for the nearest ".venv" directory that holds a
// pyvenv.cfg, in dir and then in each parent up to the root (see
// walkup.Find). It returns "" when there is none.
func FindProject(dir string) string {
	if cfg := walkup.Nearest(dir, filepath.Join(".venv", CfgName), nil); cfg != "" {
		return filepath.Dir(cfg)
	}
	return ""
}
