package launcher

import (
	"syscall"
	"unsafe"
)

// messageBox shows text in a message box (pyw's errors).
func messageBox(title, text string) {
	proc := syscall.NewLazyDLL("user32.dll").NewProc("MessageBoxW")
	if proc.Find() != nil {
		return
	}
	t, err1 := syscall.UTF16PtrFromString(text)
	c, err2 := syscall.UTF16PtrFromString(title)
	if err1 != nil || err2 != nil {
		return
	}
	const mbIconError = 0x10
	proc.Call(0, uintptr(unsafe.Pointer(t)), uintptr(unsafe.Pointer(c)), mbIconError)
}
