//go:build unix

package discover

import (
	"syscall"

	"github.com/pylauncher/py/internal/fileid"
	"github.com/pylauncher/py/internal/trust"
)

// fileInfo is what discovery needs to know of a file.
type fileInfo struct {
	dir, regular, exec bool
	id                 fileid.ID
	// st is what package trust needs: mode bits and owners.
	st trust.Stat
}

// statFile stats path (following symlinks) with one system call and no
// FileInfo to allocate: discovery stats dozens of files on every launch.
func statFile(path string) (fileInfo, error) {
	var st syscall.Stat_t
	var err error
	for {
		if err = syscall.Stat(path, &st); err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return fileInfo{}, err
	}
	kind := st.Mode & syscall.S_IFMT
	return fileInfo{
		dir:     kind == syscall.S_IFDIR,
		regular: kind == syscall.S_IFREG,
		// Any execute bit, as the kernel requires (py does not ask
		// access(2): root may run any file with one).
		exec: st.Mode&0o111 != 0,
		id:   fileid.FromStat(&st),
		st:   trust.FromSys(&st),
	}, nil
}

// lstatExists reports whether path exists, not following a final symlink.
func lstatExists(path string) bool {
	var st syscall.Stat_t
	return syscall.Lstat(path, &st) == nil
}

func (f *fileInfo) same(g *fileInfo) bool { return f.id.SameFile(g.id) }
