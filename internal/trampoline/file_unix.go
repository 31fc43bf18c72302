//go:build unix

package trampoline

import (
	"errors"
	"syscall"
)

var errShort = errors.New("unexpected end of file")

// file reads the launcher with plain system calls: package os's File
// brings in much of the standard library, and the template must stay small.
type file struct{ fd int }

// openFile opens the launcher at path: a regular file only. It is opened
// non-blocking (a FIFO put in its place must not wait for a writer), then
// its type is checked on the descriptor.
func openFile(path string) (*file, int64, error) {
	var fd int
	var err error
	for {
		fd, err = syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NONBLOCK|syscall.O_NOCTTY, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, 0, err
	}
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		syscall.Close(fd)
		return nil, 0, err
	}
	if st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		syscall.Close(fd)
		return nil, 0, errNotRegular
	}
	return &file{fd}, st.Size, nil
}

func (f *file) ReadAt(b []byte, off int64) (int, error) {
	n := 0
	for n < len(b) {
		m, err := syscall.Pread(f.fd, b[n:], off+int64(n))
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return n, err
		}
		if m == 0 {
			return n, errShort
		}
		n += m
	}
	return n, nil
}

func (f *file) Close() error { return syscall.Close(f.fd) }

// isFile reports whether path is a regular file (and, if exec is set,
// has an execute bit).
func isFile(path string, exec bool) bool {
	var st syscall.Stat_t
	if syscall.Stat(path, &st) != nil || st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		return false
	}
	return !exec || st.Mode&0o111 != 0
}

const (
	windows     = false
	pathSep     = "/"
	pathListSep = ":"
)
