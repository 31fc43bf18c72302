package lock

import (
	"time"

	"golang.org/x/sys/windows"
)

func byteLock(path string, off int64, deadline time.Time) (unlock func(), ok bool) {
	p, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return nil, false
	}
	h, err := windows.CreateFile(p, windows.GENERIC_READ|windows.GENERIC_WRITE,
		windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE|windows.FILE_SHARE_DELETE, nil,
		windows.OPEN_ALWAYS, windows.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		return nil, false
	}
	if t, err := windows.GetFileType(h); err != nil || t != windows.FILE_TYPE_DISK {
		windows.CloseHandle(h)
		return nil, false
	}
	ov := windows.Overlapped{Offset: uint32(off), OffsetHigh: uint32(off >> 32)}
	for {
		err := windows.LockFileEx(h, windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ov)
		if err == nil {
			return func() {
				windows.UnlockFileEx(h, 0, 1, 0, &ov)
				windows.CloseHandle(h)
			}, true
		}
		if err != windows.ERROR_LOCK_VIOLATION || time.Now().After(deadline) {
			windows.CloseHandle(h)
			return nil, false
		}
		time.Sleep(pollInterval)
	}
}
