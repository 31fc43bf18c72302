//go:build !(linux || openbsd || dragonfly || solaris || darwin || freebsd || netbsd)

package atomicfile

import (
	"io/fs"
	"time"
)

// linkBackups: without status change times a hard link to an old file
// would look stale at once, so Backup copies (see Backup).
var linkBackups = false

// ctime: Windows reports no status change time in fs.FileInfo.
func ctime(fi fs.FileInfo) (time.Time, bool) { return time.Time{}, false }
