package probe

import "os"

// ID identifies the contents of an executable file without reading it:
// when any field changes (an upgrade in place, a new file at the same
// path), cached answers about it are stale.
type ID struct {
	Size  int64  `json:"size"`
	Mtime int64  `json:"mtime"`
	Ctime int64  `json:"ctime,omitempty"`
	Inode uint64 `json:"inode,omitempty"`
	Dev   uint64 `json:"dev,omitempty"`
}

// Identity returns the identity of the file fi describes. fi must come
// from os.Stat (following symlinks).
func Identity(fi os.FileInfo) ID { return identity(fi) }
