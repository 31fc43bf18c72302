// Command py-install runs py's commands py install, py uninstall and
// py list --online; py runs it when its first argument is one of those
// words. See the README ("Installing Pythons"); "py help install" prints
// a summary.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/pylauncher/py/internal/installer"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := installer.Main(ctx, os.Args, os.Environ(), installer.IO{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr})
	stop()
	os.Exit(code)
}
