//go:build unix

package run

import "syscall"

func execProgram(path string, argv, env []string) (int, error) {
	for {
		err := syscall.Exec(path, argv, env)
		if err != syscall.EINTR {
			return 0, err
		}
	}
}

func equalName(a, b string) bool { return a == b }
