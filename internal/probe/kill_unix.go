//go:build unix

package probe

import (
	"os/exec"
	"syscall"
)

// killGroup makes a timed-out query kill the interpreter's whole process
// group, so that a child it started cannot keep the output pipe open.
func killGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
}
