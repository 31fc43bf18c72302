// Package atomicfile replaces files atomically: the data goes to a
// temporary file in the same directory, which is then renamed over the
// target, so that readers see the old file or the new one, whole — never
// a half-written one, even with many writers at once.
//
// It is also the one home of py's temporary names: a temporary file for
// dir/base is dir/.base.tmpN, N the decimal form of a random 32-bit
// number. A process killed between creating one and renaming it leaves it
// behind; the next write for the same name in that directory removes it
// once it is StaleAfter old (see RemoveStale). Nothing else is ever
// removed.
package atomicfile

import (
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/pylauncher/py/internal/readfile"
)

// StaleAfter is how long a temporary file goes untouched before it counts
// as a left-over. Every write py makes is done in milliseconds to seconds
// (a cache file of a few KiB; venvlauncher's copies of a few MiB), so ten
// minutes is a margin of hundreds of times over a write in progress, even
// on a slow disk or a loaded machine, and covers a few minutes of clock
// skew between a network file system and its clients; left-overs are rare
// (a kill -9 between create and rename) and waiting ten minutes to remove
// them costs nothing. A process stopped for longer in the middle of a
// write (a suspended laptop) finds its temporary file gone and fails: the
// target is left as it was.
const StaleAfter = 10 * time.Minute

// now is time.Now, but for tests.
var now = time.Now

// maxCopy bounds the size of a file Backup copies (one that it cannot
// hard-link): interpreters are a few MiB at most.
const maxCopy = 64 << 20

// Write writes data to path atomically with the given permissions,
// creating the directory if needed. Stale temporary files of path's name
// are removed first.
func Write(path string, data []byte, perm os.FileMode) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	base := filepath.Base(path)
	RemoveStale(dir, func(b string) bool { return b == base })
	f, err := CreateTemp(path)
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

// TempName returns a fresh temporary name for path, beside it:
// dir/.base.tmpN. It is not created; see Temp.
func TempName(path string) string {
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp"+strconv.FormatUint(uint64(rand.Uint32()), 10))
}

// Temp makes a new temporary file for path with create, which must fail
// with an error matching fs.ErrExist when its name is taken (as
// os.Symlink, os.Link and an O_EXCL open do), and returns its name.
func Temp(path string, create func(name string) error) (string, error) {
	var err error
	for range 1000 {
		name := TempName(path)
		if err = create(name); !errors.Is(err, fs.ErrExist) {
			if err != nil {
				return "", err
			}
			return name, nil
		}
	}
	return "", err
}

// CreateTemp creates and opens a new temporary file for path, beside it,
// readable and writable by its owner only, as os.CreateTemp does.
func CreateTemp(path string) (*os.File, error) {
	var f *os.File
	_, err := Temp(path, func(name string) error {
		var err error
		f, err = os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		return err
	})
	return f, err
}

// TempBase returns the base name that name, a file name, is a temporary
// file for: "python3" for ".python3.tmp1234". ok is false unless name is
// exactly of py's making: "." + base + ".tmp" + a 32-bit number in
// decimal, without leading zeros.
func TempBase(name string) (base string, ok bool) {
	i := strings.LastIndex(name, ".tmp")
	if i < 2 || name[0] != '.' {
		return "", false
	}
	n := name[i+len(".tmp"):]
	v, err := strconv.ParseUint(n, 10, 32)
	if err != nil || strconv.FormatUint(v, 10) != n {
		return "", false
	}
	return name[1:i], true
}

// RemoveStale removes from dir the temporary files of py's making (see
// TempBase) whose base owned accepts and that have gone StaleAfter
// without a change: regular files and symbolic links only, never
// followed. Errors are ignored: a left-over that stays is no reason to
// fail a write.
func RemoveStale(dir string, owned func(base string) bool) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		base, ok := TempBase(e.Name())
		if !ok || !owned(base) {
			continue
		}
		p := filepath.Join(dir, e.Name())
		fi, err := os.Lstat(p)
		if err != nil || !(fi.Mode().IsRegular() || fi.Mode()&fs.ModeSymlink != 0) {
			continue
		}
		if now().Sub(changed(fi)) < StaleAfter {
			continue
		}
		// Unlink, not os.Remove: never a directory, even one put there
		// since the Lstat.
		syscall.Unlink(p)
	}
}

// changed returns when fi's file last changed: its modification time, or
// its status change time when the platform reports one and it is later.
// A hard link made to an old file is new by the status change time only.
func changed(fi fs.FileInfo) time.Time {
	t := fi.ModTime()
	if c, ok := ctime(fi); ok && c.After(t) {
		t = c
	}
	return t
}

// Backup keeps the regular file at path under a fresh temporary name
// beside it and returns that name, so that the file can be put back with
// a rename after path was replaced. Where the platform reports status
// change times (so that RemoveStale sees the new name as new) it is a hard
// link to the same file; elsewhere, or when the file system has no hard
// links, a copy with the same permissions.
func Backup(path string) (string, error) {
	fi, err := os.Lstat(path)
	if err != nil {
		return "", err
	}
	if !fi.Mode().IsRegular() {
		return "", &fs.PathError{Op: "backup", Path: path, Err: readfile.ErrNotRegular}
	}
	if linkBackups {
		if name, err := Temp(path, func(name string) error { return os.Link(path, name) }); err == nil {
			return name, nil
		}
	}
	data, err := readfile.Read(path, maxCopy)
	if err != nil {
		return "", err
	}
	f, err := CreateTemp(path)
	if err != nil {
		return "", err
	}
	_, werr := f.Write(data)
	if err := errors.Join(werr, f.Chmod(fi.Mode().Perm()), f.Close()); err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}
