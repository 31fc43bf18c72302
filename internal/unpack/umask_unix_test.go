//go:build unix

package unpack

import "syscall"

func setUmask(m int) int { return syscall.Umask(m) }
