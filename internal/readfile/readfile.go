// Package readfile reads small files cheaply. On Unix it uses plain system
// calls: os.Open registers every descriptor with Go's poller, whose first
// use creates an epoll instance and a thread — more than a launcher's whole
// budget for reading a config file.
package readfile

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"
)

// ErrTooLarge is returned for a file larger than the limit.
var ErrTooLarge = errors.New("file too large")

// Read returns the contents of the file at path, or ErrTooLarge (wrapped
// with the limit) when it holds more than max bytes. A directory is an
// error.
func Read(path string, max int) ([]byte, error) {
	data, err := read(path, max, false)
	if err == ErrTooLarge {
		return nil, fmt.Errorf("larger than %d bytes: %w", max, ErrTooLarge)
	}
	return data, err
}

// Head returns at most the first max bytes of the file at path.
func Head(path string, max int) ([]byte, error) {
	return read(path, max, true)
}

// IsNotExist reports whether err, from Read or Head, says there is no
// such file. Unlike errors.Is, it makes no dynamic interface checks:
// each costs a fresh process a lookup of type metadata, and a launch asks
// this about every py.ini that is not there.
func IsNotExist(err error) bool {
	if pe, ok := err.(*fs.PathError); ok {
		if errno, ok := pe.Err.(syscall.Errno); ok {
			return errno.Is(fs.ErrNotExist)
		}
	}
	return errors.Is(err, fs.ErrNotExist)
}
