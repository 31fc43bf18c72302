// Command py finds the right Python for the job and runs it.
//
// See the README for the rules; "py --help" prints a summary.
package main

import (
	"os"

	"github.com/pylauncher/py/internal/launcher"
)

func main() {
	os.Exit(launcher.Main(os.Args, os.Environ(), os.Stdout, os.Stderr))
}
