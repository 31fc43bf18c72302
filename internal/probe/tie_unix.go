//go:build unix

package probe

import (
	"errors"
	"os"
	"os/exec"
	"os/signal"
	"syscall"
)

// runTied runs cmd in a process group of its own, killed whole on
// timeout (a child it started cannot keep the output pipe open) and when
// py is stopped by SIGINT, SIGTERM or SIGHUP (py then dies of the same
// signal). On Linux the interpreter also gets SIGKILL when py dies of
// anything, SIGKILL included.
func runTied(cmd *exec.Cmd) error {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	setDeathSignal(cmd.SysProcAttr)
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(sigs)
	if err := cmd.Start(); err != nil {
		return err
	}
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case sig := <-sigs:
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			signal.Reset(sig)
			syscall.Kill(os.Getpid(), sig.(syscall.Signal))
		case <-done:
		}
	}()
	return cmd.Wait()
}

// notProgram reports a start error that says the file is not a program
// this system can run.
func notProgram(err error) bool { return errors.Is(err, syscall.ENOEXEC) }
