//go:build !unix

package fileid

import "os"

func identity(fi os.FileInfo) ID {
	return ID{Size: fi.Size(), Mtime: fi.ModTime().UnixNano()}
}
