package launcher

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"github.com/pylauncher/py/internal/cli"
	"github.com/pylauncher/py/internal/config"
	"github.com/pylauncher/py/internal/discover"
	"github.com/pylauncher/py/internal/pyver"
	"github.com/pylauncher/py/internal/resolve"
	"github.com/pylauncher/py/internal/shebang"
)

// scriptPlan is what a script's shebang decides.
type scriptPlan struct {
	// program, if set, is run directly: a /usr/bin/env NAME found on
	// PATH, a [commands] alias, or a program path.
	program string
	// request is the virtual command's request (#!/usr/bin/python3.9).
	request *resolve.Request
	// explicit is a request given to py itself in the shebang
	// (#!/usr/bin/env py -3.12), which counts as a command-line request.
	explicit *resolve.Request
	// args go before the script; env is added to the environment.
	args []string
	env  []string
	// reasons explain the decision, for --which.
	reasons []string
}

// shebangError reports an unusable shebang (exit 102).
type shebangError struct {
	script string
	msg    string
}

func (e *shebangError) Error() string {
	return fmt.Sprintf("cannot use the shebang of %q: %s", e.script, e.msg)
}

// scriptOf returns the script py is asked to run, if any: the first
// argument for Python when there is no explicit request and it does not
// start with "-" (so "py -u x.py" reads no shebang, as in CPython's
// launcher).
func scriptOf(inv cli.Invocation) string {
	if inv.Kind != cli.NoRequest || len(inv.Args) == 0 {
		return ""
	}
	a := inv.Args[0]
	if a == "" || a[0] == '-' {
		return ""
	}
	return a
}

// planScript reads the script's shebang and decides what it means. It
// returns nil when the script has no usable shebang ("no shebang": the
// usual rules apply and Python reports a missing file in its own words).
func (l *launch) planScript(script string, self string, cwd string) (*scriptPlan, error) {
	line, found, reason, err := shebang.Read(script)
	if err != nil {
		return nil, &shebangError{script, err.Error()}
	}
	if !found {
		l.tracef("# no shebang in %q: %s", script, reason)
		return nil, nil
	}
	l.tracef("Shebang: %s", line)
	sb, err := shebang.Parse(line)
	if err != nil {
		return nil, &shebangError{script, err.Error()}
	}
	origin := "the shebang of " + strconv.Quote(script)
	p := &scriptPlan{args: sb.Args, env: sb.Env}
	why := func(format string, args ...any) { p.reasons = append(p.reasons, fmt.Sprintf(format, args...)) }
	why("%s is %q", origin, "#!"+line)

	// A [commands] alias: for a virtual command the key is python<version>
	// (python3), for anything else the command as written.
	key := sb.Command
	if sb.Kind == shebang.Virtual {
		key = "python" + sb.Version
	}
	opts := l.discoverOptions(self, cwd)
	if v, ok := l.cfg.Lookup("commands", key); ok && strings.TrimSpace(v.Value) != "" {
		prog, extra, err := commandProgram(v, opts)
		if err != nil {
			return nil, err
		}
		why("%s names %q: %s", v.Origin(), v.Value, prog)
		p.program, p.args = prog, append(extra, p.args...)
		return p, nil
	}

	notOnPath := ""
	search := func(name string) (*scriptPlan, bool, error) {
		notOnPath = quote(name) + " is not on PATH"
		if l.env.Get("PYLAUNCHER_NO_SEARCH_PATH") != "" {
			why("PYLAUNCHER_NO_SEARCH_PATH is set: %q is not searched on PATH", name)
			return nil, false, nil
		}
		path, isSelf, passedOver := discover.LookPath(name, opts)
		if passedOver != "" {
			why("passed over %s", passedOver)
			l.warnf("passed over %s (name it by its path to run it)", passedOver)
			notOnPath = quote(name) + " is on PATH only where other users can write"
		}
		switch {
		case isSelf:
			return l.selfShebang(p, origin, path, why)
		case path != "":
			why("found %q on PATH: %s", name, path)
			p.program = path
			return p, true, nil
		}
		why("%q is not on PATH", name)
		return nil, false, nil
	}

	switch sb.Kind {
	case shebang.Virtual:
		if sb.ViaEnv {
			if plan, ok, err := search(sb.Command); ok || err != nil {
				return plan, err
			}
		}
		if sb.Version == "" {
			why("%q is the virtual command for the default Python", sb.Command)
			return p, nil
		}
		r, err := pyver.ParseTag(sb.Version)
		if err != nil {
			return nil, &shebangError{script, err.Error()}
		}
		p.request = &resolve.Request{Request: r, Origin: origin}
		return p, nil
	case shebang.Env:
		if plan, ok, err := search(sb.Command); ok || err != nil {
			return plan, err
		}
		return nil, &shebangError{script, notOnPath}
	}
	// A program: a bare name is searched on PATH; a relative path is
	// taken from the script's directory.
	if !strings.ContainsRune(sb.Command, '/') && !strings.ContainsRune(sb.Command, filepath.Separator) {
		if plan, ok, err := search(sb.Command); ok || err != nil {
			return plan, err
		}
		return nil, &shebangError{script, notOnPath + ", nor a [commands] alias in py.ini"}
	}
	prog := sb.Command
	if !filepath.IsAbs(prog) {
		dir := filepath.Dir(script)
		if !filepath.IsAbs(dir) {
			dir = filepath.Join(cwd, dir)
		}
		prog = filepath.Join(dir, prog)
	}
	if isSelfPath(prog, self) {
		plan, _, err := l.selfShebang(p, origin, prog, why)
		return plan, err
	}
	why("runs the program %s", prog)
	p.program = prog
	return p, nil
}

// selfShebang handles a shebang that names py itself: it never runs py
// again. Its first argument, if it is a launcher request
// (#!/usr/bin/env py -3.12), is taken as one; otherwise the shebang is
// ignored, as CPython's launcher does.
func (l *launch) selfShebang(p *scriptPlan, origin, path string, why func(string, ...any)) (*scriptPlan, bool, error) {
	why("%s names py itself (%s): py is not run again", origin, path)
	if len(p.args) > 0 {
		inv, err := cli.Parse(p.args[:1])
		if err == nil && inv.Mode == cli.Run && inv.Kind != cli.NoRequest {
			r, err := parseRequest(inv)
			if err != nil {
				return nil, true, err
			}
			p.explicit = &resolve.Request{Request: r, Origin: origin}
			p.args = p.args[1:]
			return p, true, nil
		}
	}
	l.tracef("# ignoring recursive shebang command")
	return nil, true, nil
}

func isSelfPath(path, self string) bool {
	if self == "" {
		return false
	}
	a, err1 := os.Stat(path)
	b, err2 := os.Stat(self)
	return err1 == nil && err2 == nil && os.SameFile(a, b)
}

// commandError is a [commands] value that names no program (exit 101).
type commandError struct {
	origin, value, looked string
}

func (e *commandError) Error() string {
	return e.origin + " names " + quote(e.value) + ", which is not a program (looked for " + e.looked + ")"
}

// commandProgram resolves a [commands] value to the program it names and
// the arguments after it. The whole value is the program when such a
// file exists (paths may hold spaces); otherwise its first word is, and
// the rest are arguments. A relative program is taken from the directory
// of the py.ini holding the value, never from the current directory; a
// bare name not there is searched on PATH, as /usr/bin/env would (only
// absolute entries, never where other users can write).
func commandProgram(v config.Value, opts discover.Options) (string, []string, error) {
	val := strings.TrimSpace(v.Value)
	base := filepath.Dir(v.Path)
	at := func(p string) string {
		if filepath.IsAbs(p) {
			return filepath.Clean(p)
		}
		return filepath.Join(base, p)
	}
	if p := at(val); isProgram(p) {
		return p, nil, nil
	}
	f := strings.Fields(val)
	name, args := f[0], f[1:]
	if len(args) == 0 {
		args = nil
	}
	p := at(name)
	if isProgram(p) {
		return p, args, nil
	}
	looked := quote(p)
	if !strings.ContainsAny(name, `/\`) {
		if found, _, _ := discover.LookPath(name, opts); found != "" {
			return found, args, nil
		}
		looked += " and " + quote(name) + " on PATH"
	}
	return "", nil, &commandError{origin: v.Origin(), value: val, looked: looked}
}

// isProgram reports whether path is a regular file (with an execute bit,
// on Unix) or, on Windows, such a file with .exe appended.
func isProgram(path string) bool {
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() && (runtime.GOOS == "windows" || fi.Mode()&0o111 != 0) {
		return true
	}
	return runtime.GOOS == "windows" && !strings.HasSuffix(strings.ToLower(path), ".exe") && isProgram(path+".exe")
}

func parseRequest(inv cli.Invocation) (pyver.Request, error) {
	if inv.Kind == cli.TagRequest {
		return pyver.ParseTag(inv.Request)
	}
	return pyver.ParseSelector(inv.Request)
}

// scriptRequests are the shebang's requests for resolve.
func (p *scriptPlan) scriptRequests() []*resolve.Request {
	if p == nil || p.request == nil {
		return nil
	}
	return []*resolve.Request{p.request}
}
