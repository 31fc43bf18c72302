//go:build unix

package fileid

import (
	"os"
	"syscall"
)

func identity(fi os.FileInfo) ID {
	id := ID{Size: fi.Size(), Mtime: fi.ModTime().UnixNano()}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		id.Ctime = ctime(st)
		id.Inode = uint64(st.Ino)
		id.Dev = uint64(st.Dev) //nolint:unconvert // int32 on darwin
	}
	return id
}

// FromStat returns the identity of the file st describes (from
// syscall.Stat, following symlinks), as Of does for a FileInfo.
func FromStat(st *syscall.Stat_t) ID {
	return ID{Size: st.Size, Mtime: mtime(st), Ctime: ctime(st), Inode: uint64(st.Ino), Dev: uint64(st.Dev)} //nolint:unconvert
}
