package trampoline

import (
	"strings"

	"github.com/pylauncher/py/internal/run"
)

// Exit codes (CPython's launcher's).
const (
	ExitCannotStart = 101 // the interpreter is missing or cannot start
	ExitBadLauncher = 102 // no usable #! line or archive
)

// Main runs the launcher at self: it finds the interpreter its shebang
// names and runs "<interpreter> [args] <self> <args[1:]…>", without
// __PYVENV_LAUNCHER__ in its environment, exiting with its code.
func Main(args, env []string, self string) int {
	name := self
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	if hasExeSuffix(name) {
		name = name[:len(name)-4]
	}
	fail := func(code int, msg string) int {
		writeStderr(name + ": error: " + quote(self) + ": " + msg + "\n")
		return code
	}
	f, size, err := openFile(self)
	if err != nil {
		return fail(ExitBadLauncher, "cannot read the launcher: "+err.Error())
	}
	t, err := Parse(f, size)
	f.Close()
	if err != nil {
		return fail(ExitBadLauncher, err.Error())
	}
	dir := "."
	if i := strings.LastIndexAny(self, `/\`); i >= 0 {
		dir = self[:i]
	}
	c, err := ParseCommand(t.Shebang, dir)
	if err != nil {
		return fail(ExitBadLauncher, err.Error()+" (#!"+t.Shebang+")")
	}
	path := c.Path
	if c.Env {
		if path = lookPath(c.Path, env); path == "" {
			return fail(ExitCannotStart, quote(c.Path)+" (from #!"+t.Shebang+") is not on PATH")
		}
	}
	if !isFile(path, false) {
		return fail(ExitCannotStart, "no interpreter at "+quote(path)+" (from #!"+t.Shebang+")")
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
		return fail(ExitCannotStart, "cannot run "+quote(path)+": "+err.Error())
	}
	return code
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
