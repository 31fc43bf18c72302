//go:build !unix

// Command floor, where there is no execve (Windows): a bare Go program that
// starts the program named by its first argument with the rest, its
// standard handles inherited, waits for it and exits with its exit code —
// what every Windows launcher must do, and no more. bench/winevenv times it
// against the venv redirectors. "floor -exit" only starts and exits.
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
)

func main() {
	if len(os.Args) == 2 && os.Args[1] == "-exit" {
		return
	}
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: floor PROGRAM [ARG...]")
		os.Exit(2)
	}
	cmd := exec.Command(os.Args[1], os.Args[2:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		os.Exit(ee.ExitCode())
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(127)
	}
}
