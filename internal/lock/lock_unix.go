//go:build unix

package lock

import (
	"syscall"
	"time"
)

func byteLock(path string, off int64, deadline time.Time) (unlock func(), ok bool) {
	fd, err := syscall.Open(path, syscall.O_RDWR|syscall.O_CREAT|syscall.O_CLOEXEC|syscall.O_NONBLOCK|syscall.O_NOCTTY, 0o600)
	if err != nil {
		return nil, false
	}
	var st syscall.Stat_t
	if syscall.Fstat(fd, &st) != nil || st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		syscall.Close(fd)
		return nil, false
	}
	lk := syscall.Flock_t{Type: syscall.F_WRLCK, Whence: 0, Start: off, Len: 1}
	for {
		err := syscall.FcntlFlock(uintptr(fd), syscall.F_SETLK, &lk)
		if err == nil {
			return func() {
				lk.Type = syscall.F_UNLCK
				syscall.FcntlFlock(uintptr(fd), syscall.F_SETLK, &lk)
				syscall.Close(fd)
			}, true
		}
		if err != syscall.EAGAIN && err != syscall.EACCES && err != syscall.EINTR || time.Now().After(deadline) {
			syscall.Close(fd)
			return nil, false
		}
		time.Sleep(pollInterval)
	}
}
