// Package lock gives py processes exclusive locks on bytes of a file:
// fcntl record locks on Unix, LockFileEx on Windows. A lock dies with the
// process that holds it (a kill -9 frees it), and two paths that share a
// file contend only when they lock the same byte.
package lock

import "time"

// pollInterval is how often a process waiting for a lock tries again.
const pollInterval = 10 * time.Millisecond

// Byte takes an exclusive lock on byte off of the file at path (created
// if need be, mode 0600), waiting until deadline. It returns the function
// that releases it, or ok = false when the lock could not be had in time,
// or at all (the file is not a regular file, or cannot be opened).
func Byte(path string, off int64, deadline time.Time) (unlock func(), ok bool) {
	return byteLock(path, off, deadline)
}
