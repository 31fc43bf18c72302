package main

import (
	"syscall"
	"unsafe"

	"github.com/pylauncher/py/internal/trampoline"
)

// On Windows the template does without package os, to stay small: its
// path comes from GetModuleFileNameW, its arguments go on verbatim from
// its own command line (see package run), its environment from syscall.
func main() {
	self := modulePath()
	syscall.Exit(trampoline.Main([]string{self}, syscall.Environ(), self))
}

func modulePath() string {
	proc := syscall.NewLazyDLL("kernel32.dll").NewProc("GetModuleFileNameW")
	buf := make([]uint16, 32768)
	n, _, _ := proc.Call(0, uintptr(unsafe.Pointer(&buf[0])), uintptr(len(buf)))
	return syscall.UTF16ToString(buf[:n])
}
