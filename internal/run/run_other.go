//go:build !unix && !windows

package run

import "errors"

func execProgram(string, []string, []string) (int, error) {
	return 0, errors.New("starting programs is not supported on this system")
}

func execTail(string, []string, string, []string) (int, error) {
	return 0, errors.New("starting programs is not supported on this system")
}

func rawArgs(int) (string, bool) { return "", false }

func commandLine() (string, bool) { return "", false }

func tie(int) bool { return false }
