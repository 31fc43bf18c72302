//go:build unix

package readfile

import (
	"io/fs"
	"syscall"
)

func read(path string, max int, head bool) ([]byte, error) {
	var st syscall.Stat_t
	if err := stat(path, &st); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: path, Err: err}
	}
	if k := kind(uint32(st.Mode)); k != "" {
		return nil, notRegular(path, k)
	}
	var fd int
	var err error
	for {
		fd, err = syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NONBLOCK|syscall.O_NOCTTY, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
	if err := syscall.Fstat(fd, &st); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: path, Err: err}
	}
	if k := kind(uint32(st.Mode)); k != "" {
		// Replaced since the stat: still never read.
		return nil, notRegular(path, k)
	}
	size := int(st.Size)
	if size > max {
		if !head {
			return nil, ErrTooLarge
		}
		size = max
	}
	// Files can grow or lie about their size (/proc): read to EOF.
	buf := make([]byte, 0, size+1)
	for {
		if len(buf) == cap(buf) {
			if len(buf) > max {
				if head {
					return buf[:max], nil
				}
				return nil, ErrTooLarge
			}
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := syscall.Read(fd, buf[len(buf):cap(buf)])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: path, Err: err}
		}
		if n == 0 {
			break
		}
		buf = buf[:len(buf)+n]
	}
	if len(buf) > max {
		if head {
			return buf[:max], nil
		}
		return nil, ErrTooLarge
	}
	return buf, nil
}

func stat(path string, st *syscall.Stat_t) error {
	for {
		err := syscall.Stat(path, st)
		if err != syscall.EINTR {
			return err
		}
	}
}

// kind describes a file type other than regular, "" for a regular file.
func kind(mode uint32) string {
	switch mode & syscall.S_IFMT {
	case syscall.S_IFREG:
		return ""
	case syscall.S_IFDIR:
		return "a directory"
	case syscall.S_IFIFO:
		return "a FIFO"
	case syscall.S_IFCHR, syscall.S_IFBLK:
		return "a device"
	case syscall.S_IFSOCK:
		return "a socket"
	}
	return "a special file"
}
