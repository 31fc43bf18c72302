//go:build unix

package discover

import "os"

// isExecutable reports whether any execute bit is set, as the kernel
// requires (py does not ask access(2): root may run any file with one).
func isExecutable(fi os.FileInfo) bool { return fi.Mode().Perm()&0o111 != 0 }
