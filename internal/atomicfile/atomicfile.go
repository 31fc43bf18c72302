// Package atomicfile replaces files atomically: the data goes to a
// temporary file in the same directory, which is then renamed over the
// target, so that readers see the old file or the new one, whole — never
// a half-written one, even with many writers at once.
package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
)

// Write writes data to path atomically with the given permissions,
// creating the directory if needed.
func Write(path string, data []byte, perm os.FileMode) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, werr := f.Write(data)
	if err := errors.Join(werr, f.Chmod(perm), f.Close()); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}
