package discover

import (
	"path/filepath"
	"strings"

	"github.com/pylauncher/py/internal/pyver"
	"github.com/pylauncher/py/internal/tooldirs"
	"github.com/pylauncher/py/internal/venv"
)

// LookupPath returns the interpreter at path, as a request names it: an
// executable, or an environment (or install) directory holding one. A
// relative path is taken from base; "~/" from the home directory. When
// the file is one Find found (f), that interpreter is returned, with its
// source; otherwise a new one, from source Given. It returns nil when
// nothing runnable is there.
func LookupPath(o Options, f *Found, path, base string) *Interpreter {
	s := newScan(&o)
	if rest, ok := strings.CutPrefix(path, "~"); ok && (rest == "" || rest[0] == '/' || rest[0] == filepath.Separator) {
		home := tooldirs.Home(o.GOOS, o.Getenv)
		if home == "" {
			return nil
		}
		path = home + rest
	}
	if !filepath.IsAbs(path) {
		if base == "" || !filepath.IsAbs(base) {
			return nil // never through the current directory when it is unknown
		}
		path = filepath.Join(base, path)
	}
	path = filepath.Clean(path)
	exe, prefix := path, ""
	if fi, err := statFile(path); err == nil && fi.dir {
		prefix = path
		exe = s.dirInterpreter(path)
		if exe == "" {
			return nil
		}
	}
	fi, problem := exeFile(exe)
	if problem != "" {
		return nil
	}
	it := &Interpreter{Path: exe, Source: Given, Rank: NotOnPath, ID: fi.id}
	if b, ok := pyver.ParseExeName(filepath.Base(exe)); ok {
		it.Build = b
	} else {
		it.Build = pyver.Build{Impl: pyver.CPython, Version: pyver.Unknown}
	}
	if !it.Build.Version.Known() || it.Build.Version.Minor < 0 {
		if lb, ok := linkedBuild(exe); ok {
			it.Build = lb
		}
	}
	if prefix != "" {
		if cfg, err := venv.ReadCfg(prefix); err == nil {
			it.Venv, it.Prefix = true, prefix
			if v, ok := pyver.ParseVersion(cfg.Version); ok {
				it.Version = v
			}
		}
	} else if p := s.venvPrefix(filepath.Dir(exe)); p != "" {
		it.Venv, it.Prefix = true, p
	}
	if it.Build.Impl == "" {
		it.Build.Impl = pyver.CPython
	}
	if f != nil {
		for _, known := range f.All() {
			if SameInterpreter(known, it) {
				return known
			}
		}
	}
	return it
}

// dirInterpreter returns the interpreter of an environment or install
// directory: bin/python (Scripts\python.exe), else bin/python3.
func (s *scan) dirInterpreter(dir string) string {
	exe := venv.Interpreter(dir, s.o.GOOS)
	if s.windows() && s.o.Windowed {
		exe = join(venv.BinDir(dir, s.o.GOOS), "pythonw.exe")
	}
	if _, problem := exeFile(exe); problem == "" {
		return exe
	}
	if s.windows() {
		if p := join(dir, "python.exe"); exeFileOK(p) {
			return p
		}
		return ""
	}
	if p := join(venv.BinDir(dir, s.o.GOOS), "python3"); exeFileOK(p) {
		return p
	}
	return ""
}

func exeFileOK(p string) bool {
	_, problem := exeFile(p)
	return problem == ""
}

// IsProgram reports whether path is a regular file py may run: it
// exists, and on Unix is executable.
func IsProgram(path string) bool { return exeFileOK(path) }

// LookupName returns the interpreter a request names by a program name,
// searched on PATH as /usr/bin/env would (see LookPath: absolute entries
// only, shims seen through, never where other users can write), labelled
// as LookupPath does. It returns nil when the name is not found.
func LookupName(o Options, f *Found, name string) *Interpreter {
	path, isSelf, _ := LookPath(name, o)
	if path == "" || isSelf {
		return nil
	}
	it := LookupPath(o, f, path, "")
	if it != nil && it.Source == Given {
		it.Source = Path
	}
	return it
}

// SameInterpreter reports whether a and b run the same file in the same
// environment (a venv's bin/python is its base's file, yet another
// interpreter).
func SameInterpreter(a, b *Interpreter) bool {
	if a.Prefix != b.Prefix && (a.Venv || b.Venv) {
		return false
	}
	if a.ID.Inode != 0 || b.ID.Inode != 0 {
		return a.ID.Inode == b.ID.Inode && a.ID.Dev == b.ID.Dev
	}
	return strings.EqualFold(realPath(a.Path), realPath(b.Path))
}
