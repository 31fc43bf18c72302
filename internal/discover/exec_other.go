//go:build !unix

package discover

import "os"

// isExecutable: on Windows, a file is run by its name's extension, which
// the scan has already checked.
func isExecutable(os.FileInfo) bool { return true }
