//go:build linux || openbsd || dragonfly || solaris

package atomicfile

import (
	"io/fs"
	"syscall"
	"time"
)

// linkBackups: status change times are reported, so a hard link is a
// safe backup (see Backup).
var linkBackups = true

func ctime(fi fs.FileInfo) (time.Time, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return time.Time{}, false
	}
	return time.Unix(st.Ctim.Unix()), true
}
