package unpack

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"

	"github.com/pylauncher/py/internal/quote"
)

// LayoutError is an extraction Layout cannot make an install of.
type LayoutError struct{ Dir, Reason string }

func (e *LayoutError) Error() string {
	return "not a Python install: " + quote.String(e.Dir) + ": " + e.Reason
}

// layoutTemp is where the archive's top directory is moved while its
// content is moved up.
const layoutTemp = ".python-layout"

// Layout turns an extraction in dir into an install, in place, and
// returns the interpreter's path relative to dir, slash-separated:
// "bin/python3", or "python.exe" when goos is "windows".
//
// When dir holds only a directory named python — python-build-standalone's
// archives — what is in it is moved up to dir: python/… of the
// install-only archives, python/install/… of the full ones (whose other
// files, python/PYTHON.json and the build's, are removed). Otherwise dir
// is taken as laid out already (a pymanager package, or a second call).
//
// Then, on Unix, bin/python3 and bin/python are made, as links to
// bin/python3.X (python3.Xt for a free-threaded build; bin/python to
// bin/python3 when there is no python3.X file), where missing — releases
// before 20240726 have no bin/python —, and bin/python3 must be an
// executable file; on Windows python.exe must be a file.
func Layout(dir, goos string) (exe string, err error) {
	if err := hoist(dir); err != nil {
		return "", err
	}
	if goos == "windows" {
		fi, err := os.Stat(filepath.Join(dir, "python.exe"))
		if err != nil || !fi.Mode().IsRegular() {
			return "", &LayoutError{dir, "no python.exe"}
		}
		return "python.exe", nil
	}
	if err := unixLinks(dir); err != nil {
		return "", err
	}
	return "bin/python3", nil
}

// hoist moves the content of python/ (or python/install/) up to dir.
func hoist(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	if len(entries) != 1 || entries[0].Name() != "python" || !entries[0].IsDir() {
		return nil
	}
	top := filepath.Join(dir, layoutTemp)
	if err := os.Rename(filepath.Join(dir, "python"), top); err != nil {
		return err
	}
	src := top
	if fi, err := os.Lstat(filepath.Join(top, "install")); err == nil && fi.IsDir() {
		src = filepath.Join(top, "install")
	}
	children, err := os.ReadDir(src)
	if err != nil {
		return err
	}
	for _, c := range children {
		if err := os.Rename(filepath.Join(src, c.Name()), filepath.Join(dir, c.Name())); err != nil {
			return err
		}
	}
	return os.RemoveAll(top)
}

// versioned is the name of a versioned interpreter in bin.
var versioned = regexp.MustCompile(`^python3\.[0-9]+t?$`)

// unixLinks makes bin/python3 and bin/python when missing.
func unixLinks(dir string) error {
	bin := filepath.Join(dir, "bin")
	entries, err := os.ReadDir(bin)
	if err != nil {
		return &LayoutError{dir, "no bin directory"}
	}
	real := "" // the versioned interpreter: a file, not a link
	for _, e := range entries {
		if versioned.MatchString(e.Name()) && e.Type().IsRegular() {
			real = e.Name()
			if e.Name()[len(e.Name())-1] != 't' {
				break // a free-threaded one only when it is the only one
			}
		}
	}
	for _, link := range []string{"python3", "python"} {
		_, err := os.Lstat(filepath.Join(bin, link))
		switch {
		case err == nil:
			if real == "" {
				real = link // python to python3 (PyPy's python3 is a link to pypy3.X)
			}
			continue
		case !errors.Is(err, fs.ErrNotExist):
			return err
		case real == "":
			return &LayoutError{dir, "no bin/" + link + " and no bin/python3.X"}
		}
		if err := os.Symlink(real, filepath.Join(bin, link)); err != nil {
			return err
		}
	}
	fi, err := os.Stat(filepath.Join(bin, "python3"))
	if err != nil || !fi.Mode().IsRegular() || fi.Mode()&0o111 == 0 {
		return &LayoutError{dir, "bin/python3 is not an executable file"}
	}
	return nil
}
