//go:build !unix

package probe

import "os/exec"

// killGroup: on Windows the query is killed alone; the pipe wait is
// bounded by WaitDelay.
func killGroup(*exec.Cmd) {}
