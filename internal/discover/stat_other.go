//go:build !unix

package discover

import (
	"os"

	"github.com/pylauncher/py/internal/fileid"
	"github.com/pylauncher/py/internal/trust"
)

// fileInfo is what discovery needs to know of a file; fi is kept for
// os.SameFile (Windows file identity needs the file index, which ID does
// not hold).
type fileInfo struct {
	dir, regular, exec bool
	id                 fileid.ID
	fi                 os.FileInfo
	// st is what package trust needs; it checks nothing on this system.
	st trust.Stat
}

// statFile stats path (following symlinks).
func statFile(path string) (fileInfo, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return fileInfo{}, err
	}
	// On Windows a file is run by its name's extension, which the scan
	// has already checked.
	return fileInfo{dir: fi.IsDir(), regular: fi.Mode().IsRegular(), exec: true, id: fileid.Of(fi), fi: fi}, nil
}

func lstatExists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

func (f *fileInfo) same(g *fileInfo) bool { return os.SameFile(f.fi, g.fi) }
