// Package readfile reads small files cheaply. On Unix it uses plain system
// calls: os.Open registers every descriptor with Go's poller, whose first
// use creates an epoll instance and a thread — more than a launcher's whole
// budget for reading a config file.
package readfile

import (
	"errors"
	"fmt"
)

// ErrTooLarge is returned for a file larger than the limit.
var ErrTooLarge = errors.New("file too large")

// Read returns the contents of the file at path, or ErrTooLarge (wrapped
// with the limit) when it holds more than max bytes. A directory is an
// error.
func Read(path string, max int) ([]byte, error) {
	data, err := read(path, max, false)
	if errors.Is(err, ErrTooLarge) {
		return nil, fmt.Errorf("larger than %d bytes: %w", max, ErrTooLarge)
	}
	return data, err
}

// Head returns at most the first max bytes of the file at path.
func Head(path string, max int) ([]byte, error) {
	return read(path, max, true)
}
