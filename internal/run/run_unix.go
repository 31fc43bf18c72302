//go:build unix

package run

import (
	"errors"
	"syscall"
)

func execProgram(path string, argv, env []string) (int, error) {
	for {
		err := syscall.Exec(path, argv, env)
		if err != syscall.EINTR {
			return 0, err
		}
	}
}

func execTail(string, []string, string, []string) (int, error) {
	return 0, errors.New("a command-line tail is a Windows notion")
}

func rawArgs(int) (string, bool) { return "", false }

func commandLine() (string, bool) { return "", false }

func tie(int) bool { return false }
