// Package fileid identifies files without reading them: whether two names
// are one file, and whether a file has changed since it was last seen
// (the caches of package probe and package discover are keyed by it).
package fileid

import "os"

// ID identifies the contents of a file without reading it: when any
// field changes (an upgrade in place, a new file at the same path),
// what was learnt about the file is stale. Inode and Dev are 0 where the
// system gives no inode numbers (Windows).
type ID struct {
	Size  int64  `json:"size"`
	Mtime int64  `json:"mtime"`
	Ctime int64  `json:"ctime,omitempty"`
	Inode uint64 `json:"inode,omitempty"`
	Dev   uint64 `json:"dev,omitempty"`
}

// Of returns the identity of the file fi describes. fi must come from
// os.Stat (following symlinks).
func Of(fi os.FileInfo) ID { return identity(fi) }

// SameFile reports whether id and o are one file: the same inode on the
// same device. It reports false where there are no inode numbers: use
// os.SameFile (or Same) there.
func (id ID) SameFile(o ID) bool {
	return id.Inode != 0 && id.Inode == o.Inode && id.Dev == o.Dev
}

// Same reports whether the paths a and b name the same file, after
// symlinks; false when either cannot be stat'ed.
func Same(a, b string) bool {
	fa, err := os.Stat(a)
	if err != nil {
		return false
	}
	fb, err := os.Stat(b)
	return err == nil && os.SameFile(fa, fb)
}
