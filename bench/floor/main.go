//go:build unix

// Command floor is the lower bound for any launcher written in Go: a bare
// Go program that does nothing but replace itself with the program named
// by its first argument. "floor python -c pass" costs the Go runtime's
// start-up and one extra execve over "python -c pass"; py's overhead is
// measured against this one.
//
// "floor -exit" only starts and exits: the least any Go program costs,
// the reference for timing "py --list".
package main

import (
	"fmt"
	"os"
	"syscall"
)

func main() {
	if len(os.Args) == 2 && os.Args[1] == "-exit" {
		return
	}
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: floor PROGRAM [ARG...]")
		os.Exit(2)
	}
	err := syscall.Exec(os.Args[1], os.Args[1:], os.Environ())
	fmt.Fprintln(os.Stderr, "floor:", err)
	os.Exit(127)
}
