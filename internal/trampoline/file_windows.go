package trampoline

import (
	"errors"
	"syscall"
)

// On Windows too the launcher reads itself with plain system calls:
// package os would bring in much of the standard library.

const (
	windows     = true
	pathSep     = `\`
	pathListSep = ";"
)

var errShort = errors.New("unexpected end of file")

type file struct{ h syscall.Handle }

// openFile opens the launcher at path: a file on disk, not a directory
// (which syscall.Open opens for reading), a pipe or a device.
func openFile(path string) (*file, int64, error) {
	h, err := syscall.Open(path, syscall.O_RDONLY, 0)
	if err != nil {
		return nil, 0, err
	}
	var info syscall.ByHandleFileInformation
	if t, err := syscall.GetFileType(h); err != nil || t != syscall.FILE_TYPE_DISK {
		syscall.CloseHandle(h)
		return nil, 0, errNotRegular
	}
	if err := syscall.GetFileInformationByHandle(h, &info); err != nil || info.FileAttributes&syscall.FILE_ATTRIBUTE_DIRECTORY != 0 {
		syscall.CloseHandle(h)
		return nil, 0, errNotRegular
	}
	size := int64(info.FileSizeHigh)<<32 | int64(info.FileSizeLow)
	return &file{h}, size, nil
}

func (f *file) ReadAt(b []byte, off int64) (int, error) {
	if _, err := syscall.Seek(f.h, off, 0); err != nil {
		return 0, err
	}
	n := 0
	for n < len(b) {
		m, err := syscall.Read(f.h, b[n:])
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

func (f *file) Close() error { return syscall.CloseHandle(f.h) }

// isFile reports whether path exists and is not a directory.
func isFile(path string, exec bool) bool {
	p, err := syscall.UTF16PtrFromString(path)
	if err != nil {
		return false
	}
	attrs, err := syscall.GetFileAttributes(p)
	return err == nil && attrs&syscall.FILE_ATTRIBUTE_DIRECTORY == 0
}
