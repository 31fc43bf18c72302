// Package run starts the chosen interpreter the way each platform does it
// best: on Unix py replaces itself with the interpreter (execve), so exit
// status, signals, the terminal and standard streams behave exactly as if
// the interpreter had been started directly; on Windows it starts the
// interpreter as a child, waits, and exits with the child's code.
package run

import "github.com/pylauncher/py/internal/environ"

// Exec runs the program at path with argv (argv[0] included) and env.
// On Unix it does not return unless the program could not be started. On
// other systems it returns the child's exit code once it has finished.
func Exec(path string, argv, env []string) (code int, err error) {
	return execProgram(path, argv, env)
}

// ExecTail is Exec for Windows' command lines: the child's command line is
// head, quoted as CommandLineToArgvW reads it back, followed by tail
// verbatim (see RawArgs). Elsewhere the tail cannot be used; ExecTail
// reports an error there.
func ExecTail(path string, head []string, tail string, env []string) (code int, err error) {
	return execTail(path, head, tail, env)
}

// RawArgs returns, on Windows, the text of this process's own command
// line after argv[0] and skip more arguments, verbatim, so that a launcher
// can pass its arguments on without re-quoting them. It reports false
// elsewhere, where a process gets an argument vector, not a line.
func RawArgs(skip int) (tail string, ok bool) { return rawArgs(skip) }

// CommandLine returns, on Windows, this process's own command line,
// verbatim. It reports false elsewhere.
func CommandLine() (line string, ok bool) { return commandLine() }

// Tie makes the running child process pid die with this process,
// however this process ends. On Windows it puts the child in a
// kill-on-close job object (created once); it reports false when that
// fails (a job that forbids nesting). Elsewhere it does nothing and
// reports false: Unix callers tie children with process groups and, on
// Linux, the parent-death signal when they start them.
func Tie(pid int) bool { return tie(pid) }

// WithoutVar returns env without any setting of the variable name (names
// ignore case on Windows): see environ.Without.
func WithoutVar(env []string, name string) []string { return environ.Without(env, name) }
