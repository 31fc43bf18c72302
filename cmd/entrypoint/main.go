//go:build !windows

package main

import (
	"os"
	"syscall"
)

func main() {
	self, err := os.Executable()
	if err != nil {
		self = os.Args[0]
	}
	os.Exit(launch(os.Args, os.Environ(), self, stderr{}))
}

// stderr writes to file descriptor 2 with a plain system call, as the
// launcher did before: os.Stderr's Write adds 8 KiB to the template.
type stderr struct{}

func (stderr) Write(p []byte) (int, error) { return syscall.Write(2, p) }
