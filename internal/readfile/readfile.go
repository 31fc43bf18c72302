// Package readfile reads small files cheaply and safely.
//
// Only regular files are read. The type is checked before the file is
// opened (a stat does not disturb a FIFO, and /dev/stdin as a pipe keeps
// its data for Python), and again on the descriptor, which is opened
// non-blocking: a FIFO or device swapped in between can neither block py
// nor be read.
//
// On Unix it uses plain system calls: os.Open registers every descriptor
// with Go's poller, whose first use creates an epoll instance and a
// thread — more than a launcher's whole budget for reading a config file.
package readfile

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"
)

// ErrTooLarge is returned for a file larger than the limit.
var ErrTooLarge = errors.New("file too large")

// ErrNotRegular is matched (errors.Is) by the error for anything that is
// not a regular file: a directory, a FIFO, a device, a socket.
var ErrNotRegular = errors.New("not a regular file")

// NotRegularError reports a path that names something other than a
// regular file. Kind says what: "a directory", "a FIFO"…
type NotRegularError struct{ Kind string }

func (e *NotRegularError) Error() string { return "not a regular file (" + e.Kind + ")" }

// Is makes errors.Is(err, ErrNotRegular) true.
func (e *NotRegularError) Is(target error) bool { return target == ErrNotRegular }

// Read returns the contents of the regular file at path, or ErrTooLarge
// (wrapped with the limit) when it holds more than max bytes. Anything
// but a regular file is a *NotRegularError (in an *fs.PathError).
func Read(path string, max int) ([]byte, error) {
	data, err := read(path, max, false)
	if err == ErrTooLarge {
		return nil, fmt.Errorf("larger than %d bytes: %w", max, ErrTooLarge)
	}
	return data, err
}

// Head returns at most the first max bytes of the regular file at path.
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

// Reason returns what a person needs of an error from Read or Head: the
// cause without the operation and path that the caller names anyway
// ("not a regular file (a FIFO)", "permission denied").
func Reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func notRegular(path string, kind string) error {
	return &fs.PathError{Op: "read", Path: path, Err: &NotRegularError{Kind: kind}}
}
