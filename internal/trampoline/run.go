package trampoline

import (
	"strings"

	"github.com/pylauncher/py/internal/exitcode"
	"github.com/pylauncher/py/internal/run"
)

// Error is a launcher that cannot run its interpreter.
type Error struct {
	// Code is the exit code that says what failed, from package
	// exitcode: BadVirtualPath when the launcher has no usable #! line
	// or archive, CreateProcess when its interpreter is missing or cannot
	// start.
	Code int
	// Launcher is the launcher's path.
	Launcher string
	// Msg says what failed, for people: one line, paths in double quotes.
	Msg string
	// Err is the cause, if there is one: an error of Parse or of
	// ParseCommand, or the system's.
	Err error
}

// Error is the launcher's path, in double quotes, then Msg:
// "/venv/bin/black": the #! line holds a NUL byte.
func (e *Error) Error() string { return quote(e.Launcher) + ": " + e.Msg }

func (e *Error) Unwrap() error { return e.Err }

// Name is the name of the launcher at self, as its messages give it: the
// base name of its path, without .exe.
func Name(self string) string {
	name := self
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	if hasExeSuffix(name) {
		name = name[:len(name)-4]
	}
	return name
}

// Run runs the launcher at self, started with args (its os.Args; on
// Windows only argv[0] is used) and env (its environment): it finds the
// interpreter its shebang names and runs "<interpreter> [args] <self>
// <args[1:]…>" (on Windows, the launcher's own command line after self,
// unchanged), without __PYVENV_LAUNCHER__ in its environment.
//
// Run returns the interpreter's exit code, or an *Error. On Unix it
// returns only on failure: the interpreter replaces the launcher.
func Run(args, env []string, self string) (int, error) {
	fail := func(code int, msg string, err error) (int, error) {
		return 0, &Error{Code: code, Launcher: self, Msg: msg, Err: err}
	}
	f, size, err := openFile(self)
	if err != nil {
		return fail(exitcode.BadVirtualPath, "cannot read the launcher: "+err.Error(), err)
	}
	t, err := Parse(f, size)
	f.Close()
	if err != nil {
		return fail(exitcode.BadVirtualPath, err.Error(), err)
	}
	dir := "."
	if i := strings.LastIndexAny(self, `/\`); i >= 0 {
		dir = self[:i]
	}
	c, err := ParseCommand(t.Shebang, dir)
	if err != nil {
		return fail(exitcode.BadVirtualPath, err.Error()+" (#!"+t.Shebang+")", err)
	}
	path := c.Path
	if c.Env {
		if path = lookPath(c.Path, env); path == "" {
			return fail(exitcode.CreateProcess, quote(c.Path)+" (from #!"+t.Shebang+") is not on PATH", nil)
		}
	}
	if !isFile(path, false) {
		return fail(exitcode.CreateProcess, "no interpreter at "+quote(path)+" (from #!"+t.Shebang+")", nil)
	}
	head := append(append([]string{path}, c.Args...), self)
	argv := head
	if len(args) > 1 {
		argv = append(append([]string(nil), head...), args[1:]...)
	}
	env = run.WithoutVar(env, "__PYVENV_LAUNCHER__")
	var code int
	if tail, ok := run.RawArgs(0); ok {
		// Windows: the launcher's own arguments go on verbatim.
		code, err = run.ExecTail(path, head, tail, env)
	} else {
		code, err = run.Exec(path, argv, env)
	}
	if err != nil {
		return fail(exitcode.CreateProcess, "cannot run "+quote(path)+": "+err.Error(), err)
	}
	return code, nil
}

// lookPath finds name on PATH, absolute entries only.
func lookPath(name string, env []string) string {
	path := ""
	for _, kv := range env {
		if k, v, ok := strings.Cut(kv, "="); ok && (k == "PATH" || windows && asciiLower(k) == "path") {
			path = v
		}
	}
	for _, d := range strings.Split(path, pathListSep) {
		if d == "" || !(strings.HasPrefix(d, "/") || len(d) > 2 && d[1] == ':') {
			continue
		}
		for _, n := range candidates(name) {
			p := d + pathSep + n
			if isFile(p, true) {
				return p
			}
		}
	}
	return ""
}

func candidates(name string) []string {
	if windows && !hasExeSuffix(name) {
		return []string{name + ".exe", name}
	}
	return []string{name}
}

// quote quotes s for a message. (strconv.Quote would bring Unicode tables
// into the template; messages only need the path set apart.)
func quote(s string) string { return `"` + s + `"` }

func hasExeSuffix(name string) bool {
	return len(name) > 4 && asciiLower(name[len(name)-4:]) == ".exe"
}

// asciiLower lower-cases ASCII letters only (strings.ToLower would bring
// Unicode tables into the template).
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
