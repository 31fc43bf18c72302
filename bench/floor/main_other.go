//go:build !unix

// Command floor is Unix-only: it measures the cost of an execve.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "floor: only on Unix")
	os.Exit(2)
}
