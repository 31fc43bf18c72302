//go:build unix

package probe

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
