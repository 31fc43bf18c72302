package main

import (
	"syscall"
	"unsafe"
)

// On Windows the template does without package os, to stay small: its
// path comes from GetModuleFileNameW, its arguments go on verbatim from
// its own command line (see package run), its environment from syscall.
func main() {
	self := modulePath()
	syscall.Exit(launch([]string{self}, syscall.Environ(), self, stderr{}))
}

func modulePath() string {
	proc := syscall.NewLazyDLL("kernel32.dll").NewProc("GetModuleFileNameW")
	buf := make([]uint16, 32768)
	n, _, _ := proc.Call(0, uintptr(unsafe.Pointer(&buf[0])), uintptr(len(buf)))
	return syscall.UTF16ToString(buf[:n])
}

// stderr writes to the standard error handle.
type stderr struct{}

func (stderr) Write(p []byte) (int, error) { return syscall.Write(syscall.Stderr, p) }
