// Package project reads what a project says about the Python it wants:
// the nearest .python-version (pyenv's and uv's formats), the
// requires-python of the nearest pyproject.toml's project table, and the
// requires-python of a script's PEP 723 "# /// script" metadata block.
//
// The parsers take bytes and never touch the file system; FindUpEachFunc
// and the Read functions do the file work, cheaply (one stat per
// directory, and the files are read without Go's poller).
package project

import (
	"strconv"
	"strings"

	"github.com/pylauncher/py/internal/walkup"
)

// File names looked for up the tree from the current directory.
const (
	PythonVersionFile = ".python-version"
	PyprojectFile     = "pyproject.toml"
)

// FindUpEachFunc looks, for each of names, for the nearest regular file
// of that name in start or its parents, in one walk: see walkup.Find.
func FindUpEachFunc(start string, names []string, maxLevels int, accept func(path string) bool) []string {
	return walkup.Find(start, names, maxLevels, accept)
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
