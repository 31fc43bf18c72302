//go:build unix && !linux

package probe

import "syscall"

// setDeathSignal: only Linux has a parent-death signal; elsewhere the
// signals py can catch stop the query (runTied).
func setDeathSignal(*syscall.SysProcAttr) {}
