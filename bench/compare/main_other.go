//go:build !unix

// Command compare is Unix-only: it measures py's execve path.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "compare: only on Unix")
	os.Exit(2)
}
