// Command entrypoint is a console-script launcher template, in distlib's
// format: the template, then "#!<interpreter> [args]\n", then a zip
// archive with __main__.py. Run, a launcher starts its interpreter on
// itself. mkentrypoint writes launchers.
//go:build !windows

package main

import (
	"os"

	"github.com/pylauncher/py/internal/trampoline"
)

func main() {
	self, err := os.Executable()
	if err != nil {
		self = os.Args[0]
	}
	os.Exit(trampoline.Main(os.Args, os.Environ(), self))
}
