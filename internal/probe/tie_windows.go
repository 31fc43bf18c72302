package probe

import (
	"errors"
	"os/exec"
	"syscall"

	"github.com/pylauncher/py/internal/run"
)

// runTied runs cmd inside a kill-on-close job object, so that it dies
// with py however py ends.
func runTied(cmd *exec.Cmd) error {
	if err := cmd.Start(); err != nil {
		return err
	}
	run.Tie(cmd.Process.Pid)
	return cmd.Wait()
}

// notProgram reports a start error that says the file is not a program
// Windows can run.
func notProgram(err error) bool {
	return errors.Is(err, syscall.Errno(193)) || // ERROR_BAD_EXE_FORMAT
		errors.Is(err, syscall.Errno(216)) // ERROR_EXE_MACHINE_TYPE_MISMATCH
}
