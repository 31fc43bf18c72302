// Package run starts the chosen interpreter the way each platform does it
// best: on Unix py replaces itself with the interpreter (execve), so exit
// status, signals, the terminal and standard streams behave exactly as if
// the interpreter had been started directly; on Windows it starts the
// interpreter as a child, waits, and exits with the child's code.
package run

// Exec runs the program at path with argv (argv[0] included) and env.
// On Unix it does not return unless the program could not be started. On
// other systems it returns the child's exit code once it has finished.
func Exec(path string, argv, env []string) (code int, err error) {
	return execProgram(path, argv, env)
}

// WithoutVar returns env without any setting of the variable name.
func WithoutVar(env []string, name string) []string {
	out := env[:0:0]
	for _, kv := range env {
		if len(kv) > len(name) && kv[len(name)] == '=' && equalName(kv[:len(name)], name) {
			continue
		}
		out = append(out, kv)
	}
	return out
}
