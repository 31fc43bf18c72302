// Package project reads what a project says about the Python it wants:
// the nearest .python-version (pyenv's and uv's formats), the
// requires-python of the nearest pyproject.toml's project table, and the
// requires-python of a script's PEP 723 "# /// script" metadata block.
//
// The parsers take bytes and never touch the file system; FindUp and the
// Read functions do the file work, cheaply (one stat per directory, and
// the files are read without Go's poller).
package project

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// File names looked for by callers of FindUp.
const (
	PythonVersionFile = ".python-version"
	PyprojectFile     = "pyproject.toml"
)

// FindUp looks for a regular file called name in start and then in each
// parent directory up to the root, and returns the path of the first one
// found, or "" when there is none. It looks in at most maxLevels
// directories, start included; maxLevels <= 0 means no limit. A relative
// start is taken from the current directory; parents are found by
// removing the last element of the path, as pyenv does with $PWD. It
// costs one stat a directory.
func FindUp(start, name string, maxLevels int) string {
	return FindUpEach(start, []string{name}, maxLevels)[0]
}

// FindUpEach is FindUp for several names in one walk: it returns, for
// each name, the nearest file of that name, or "". It stops when it has
// found them all, and costs one stat a directory for each name not yet
// found.
func FindUpEach(start string, names []string, maxLevels int) []string {
	return FindUpEachFunc(start, names, maxLevels, nil)
}

// FindUpEachFunc is FindUpEach with a say on each file found: a file
// accept rejects is passed over as if it were not there, and the walk
// goes on up for that name. A nil accept takes every file.
func FindUpEachFunc(start string, names []string, maxLevels int, accept func(path string) bool) []string {
	found := make([]string, len(names))
	dir := start
	if !filepath.IsAbs(dir) {
		abs, err := filepath.Abs(dir)
		if err != nil {
			return found
		}
		dir = abs
	}
	dir = filepath.Clean(dir)
	left := len(names)
	for level := 0; left > 0 && (maxLevels <= 0 || level < maxLevels); level++ {
		for i, name := range names {
			if found[i] != "" {
				continue
			}
			path := filepath.Join(dir, name)
			if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() && (accept == nil || accept(path)) {
				found[i] = path
				left--
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return found
}

// Error is a problem with a project file, located by path and line when
// they are known.
type Error struct {
	// Path is the file, "" when the parser was given bytes: the Read
	// functions fill it in.
	Path string
	// Line is the 1-based line, 0 when unknown.
	Line   int
	Reason string
	// Err is the underlying error (a *toml.DecodeError, a
	// *pep440.SpecifierError), or nil.
	Err error
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.Line > 0 {
		b.WriteString("line ")
		b.WriteString(strconv.Itoa(e.Line))
		if e.Path != "" {
			b.WriteString(" of ")
		}
	}
	if e.Path != "" {
		b.WriteString(strconv.Quote(e.Path))
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(e.Reason)
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// withPath returns err with path filled in when it is an *Error.
func withPath(err error, path string) error {
	if e, ok := err.(*Error); ok && e.Path == "" {
		c := *e
		c.Path = path
		return &c
	}
	return err
}

var bom = []byte("\ufeff")
