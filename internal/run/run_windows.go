package run

import (
	"errors"
	"os"
	"os/exec"
	"os/signal"
	"strings"
)

// execProgram starts the program, ignores Ctrl+C in the launcher (the
// child, on the same console, handles it) and returns the child's exit
// code. The job object and verbatim command line come with the Windows
// work (issue 6).
func execProgram(path string, argv, env []string) (int, error) {
	signal.Ignore(os.Interrupt)
	cmd := &exec.Cmd{Path: path, Args: argv, Env: env, Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode(), nil
	}
	if err != nil {
		return 0, err
	}
	return 0, nil
}

func equalName(a, b string) bool { return strings.EqualFold(a, b) }
