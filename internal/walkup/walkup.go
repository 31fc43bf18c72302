// Package walkup finds the nearest file of a name in a directory or one of
// its parents: a project's .python-version, pyproject.toml and
// .venv/pyvenv.cfg, and pyenv's .python-version. It costs one stat a
// directory for each name not yet found.
package walkup

import (
	"os"
	"path/filepath"
)

// Find looks, for each of names, for a regular file of that name in start
// and then in each parent directory up to the root, and returns the path
// of the nearest one for each name ("" for a name not found). A name may
// hold a separator (".venv/pyvenv.cfg"). The walk stops when every name
// is found, or after maxLevels directories, start included (maxLevels <=
// 0: no limit). A relative start is taken from the current directory;
// parents are found by removing the last element of the path, as pyenv
// does with $PWD, so a start that does not exist is walked up all the
// same.
//
// accept, if not nil, has a say on each file found: a file it rejects is
// passed over as if it were not there, and the walk goes on up for that
// name (py's trust check: a file another user could have planted).
func Find(start string, names []string, maxLevels int, accept func(path string) bool) []string {
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

// Nearest is Find for one name, with no limit: the path of the nearest
// file called name, or "".
func Nearest(start, name string, accept func(path string) bool) string {
	return Find(start, []string{name}, 0, accept)[0]
}
