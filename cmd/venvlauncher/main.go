// Command venvlauncher is the venv redirector: copied into a virtual
// environment as its python, it runs the base interpreter named by
// pyvenv.cfg as the venv's python. Run as "venvlauncher install VENV", it
// puts copies of itself into VENV.
package main

import (
	"os"

	"github.com/pylauncher/py/internal/redirector"
)

func main() {
	self, err := os.Executable()
	if err != nil {
		self = os.Args[0]
	}
	os.Exit(redirector.Main(os.Args, os.Environ(), self))
}
