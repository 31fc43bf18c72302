package launcher

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/pylauncher/py/internal/cli"
	"github.com/pylauncher/py/internal/config"
	"github.com/pylauncher/py/internal/discover"
	"github.com/pylauncher/py/internal/fileid"
	"github.com/pylauncher/py/internal/quote"
	"github.com/pylauncher/py/internal/request"
	"github.com/pylauncher/py/internal/shebang"
)

// scriptPlan is what a script's shebang decides.
type scriptPlan struct {
	// program, if set, is run directly: a /usr/bin/env NAME found on
	// PATH, a [commands] alias, or a program path.
	program string
	// request is the virtual command's request (#!/usr/bin/python3.9).
	request *request.Request
	// explicit is a request given to py itself in the shebang
	// (#!/usr/bin/env py -3.12), which counts as a command-line request.
	explicit *request.Request
	// args go before the script; env is added to the environment. On
	// Windows, raw, when set, is args as the shebang has them, which go
	// on the command line verbatim, as in CPython's launcher.
	args []string
	raw  string
	env  []string
	// programErr, when set, says why program cannot run: a launch fails
	// with it (exit 101), a dry run shows the command.
	programErr error
	// virtual is set for a virtual command (#!/usr/bin/python3,
	// #!python), whatever runs it.
	virtual bool
	// ignore is set for a shebang that names py itself with no request
	// (#!/usr/bin/env py): the usual rules apply, as if there were none.
	ignore bool
	// reasons explain the decision, for --which; warnings are for the
	// user.
	reasons  []string
	warnings []string
}

func (p *scriptPlan) why(format string, args ...any) {
	p.reasons = append(p.reasons, fmt.Sprintf(format, args...))
}

// shebangError reports an unusable shebang (exit 102).
type shebangError struct {
	script string
	msg    string
}

func (e *shebangError) Error() string {
	return "cannot use the shebang of " + quote.String(e.script) + ": " + e.msg
}

// commandError is a [commands] value that names no program (exit 101).
type commandError struct {
	origin, value, looked string
}

func (e *commandError) Error() string {
	return e.origin + " names " + quote.String(e.value) + ", which is not a program (looked for " + e.looked + ")"
}

// lookup is what shebang planning asks of the world: the functions that
// read py.ini, search PATH and stat files. Tests give their own.
type lookup struct {
	// command returns a [commands] value.
	command func(key string) (config.Value, bool)
	// program resolves a [commands] value to a program and arguments.
	program func(v config.Value) (string, []string, error)
	// path searches PATH as /usr/bin/env would (nil: the search is
	// turned off); see discover.LookPath.
	path func(name string) (path string, isSelf bool, passedOver string)
	// isSelf reports whether a path is py itself; exists whether a
	// program is there (on Windows, also with .exe appended).
	isSelf func(path string) bool
	exists func(path string) bool
	// cwd is the current directory ("" when unknown).
	cwd string
	// windows applies CPython's launcher's Windows rules: a program's
	// name is a path from the script's directory (from its drive's root
	// for \x), never searched on PATH; a [commands] value naming no
	// program is run as written (and fails, 101).
	windows bool
}

// planScript reads the script's shebang and decides what it means. It
// returns nil when the script has no usable shebang ("no shebang": the
// usual rules apply and Python reports a missing file in its own words).
func (a *app) planScript(script string, st settings, cwd string) (*scriptPlan, error) {
	line, found, reason, err := shebang.Read(script)
	if err != nil {
		return nil, &shebangError{script, err.Error()}
	}
	if !found {
		if shebang.BadBOM(reason) {
			a.tracef("# Invalid BOM in shebang line")
		}
		if reason == shebang.ReasonOtherBOM {
			a.warn(otherBOMWarning(script))
		}
		a.tracef("# no shebang in %s: %s", quote.String(script), reason)
		return nil, nil
	}
	a.tracef("Shebang: %s", line)
	windows := runtime.GOOS == "windows"
	parse := shebang.Parse
	if windows {
		parse = shebang.ParseWindows
	}
	sb, err := parse(line)
	if err != nil {
		return nil, &shebangError{script, err.Error()}
	}
	opts := a.discoverOptions(st, cwd)
	lk := lookup{
		command: func(key string) (config.Value, bool) { return st.cfg.Lookup("commands", key) },
		program: func(v config.Value) (string, []string, error) { return commandProgram(v, opts) },
		isSelf:  func(path string) bool { return isSelfPath(path, st.self) },
		exists:  isProgram,
		cwd:     cwd,
		windows: windows,
	}
	if a.env.Get("PYLAUNCHER_NO_SEARCH_PATH") == "" {
		lk.path = func(name string) (string, bool, string) { return discover.LookPath(name, opts) }
	}
	plan, err := planShebang(script, line, sb, lk)
	if plan != nil {
		for _, w := range plan.warnings {
			a.warn(w)
		}
		if plan.ignore {
			a.tracef("# ignoring recursive shebang command")
			return nil, err
		}
	}
	return plan, err
}

// planShebang decides what a parsed shebang means. It is a pure function
// of the shebang and what lk answers.
func planShebang(script, line string, sb shebang.Shebang, lk lookup) (*scriptPlan, error) {
	origin := "the shebang of " + quote.String(script)
	p := &scriptPlan{args: sb.Args, env: sb.Env}
	if lk.windows {
		p.raw = sb.Raw
	}
	p.why("%s is %s", origin, quote.String("#!"+line))

	// A [commands] alias: for a virtual command the key is python and
	// what follows (python3), for anything else the command as written.
	if v, ok := lk.command(sb.Alias); ok && strings.TrimSpace(v.Value) != "" {
		prog, extra, err := lk.program(v)
		var ce *commandError
		switch {
		case errors.As(err, &ce) && lk.windows:
			// As CPython's launcher does: the value is the program, as
			// written; running it fails, saying why.
			p.why("%s names %s: no such program", v.Origin(), quote.String(v.Value))
			p.program, p.programErr = strings.TrimSpace(v.Value), err
			return p, nil
		case err != nil:
			return nil, err
		}
		p.why("%s names %s: %s", v.Origin(), quote.String(v.Value), prog)
		p.program, p.args = prog, append(extra, p.args...)
		if len(extra) > 0 {
			p.raw = ""
		}
		return p, nil
	}

	s := &search{plan: p, lk: lk, origin: origin}
	switch sb.Kind {
	case shebang.Virtual:
		p.virtual = true
		if sb.ViaEnv {
			if ok, err := s.find(sb.Command); ok || err != nil {
				return p, err
			}
		}
		if sb.Version == "" {
			p.why("%s is the virtual command for the default Python", quote.String(sb.Command))
			return p, nil
		}
		r, err := request.FromShebang(sb.Version, origin)
		if err != nil {
			return nil, &shebangError{script, err.Error()}
		}
		p.request = &r
		return p, nil
	case shebang.Env:
		if ok, err := s.find(sb.Command); ok || err != nil {
			return p, err
		}
		return nil, &shebangError{script, s.notOnPath}
	}
	return s.program(script, sb.Command)
}

// search looks for a shebang's program on PATH, for planShebang.
type search struct {
	plan   *scriptPlan
	lk     lookup
	origin string
	// notOnPath says why the last name was not found.
	notOnPath string
}

// find searches PATH for name; ok reports that it decided the plan.
func (s *search) find(name string) (ok bool, err error) {
	p := s.plan
	s.notOnPath = quote.String(name) + " is not on PATH"
	if s.lk.path == nil {
		p.why("PYLAUNCHER_NO_SEARCH_PATH is set: %s is not searched on PATH", quote.String(name))
		return false, nil
	}
	path, isSelf, passedOver := s.lk.path(name)
	if passedOver != "" {
		p.why("passed over %s", passedOver)
		p.warnings = append(p.warnings, fmt.Sprintf("passed over %s (name it by its path to run it)", passedOver))
		s.notOnPath = quote.String(name) + " is on PATH only where other users can write"
	}
	switch {
	case isSelf:
		return true, p.selfShebang(s.origin, path)
	case path != "":
		p.why("found %s on PATH: %s", quote.String(name), path)
		p.program = path
		return true, nil
	}
	p.why("%s is not on PATH", quote.String(name))
	return false, nil
}

// program plans a shebang naming a program: a relative path is taken
// from the script's directory; a bare name is searched on PATH. On
// Windows, where CPython's launcher takes a bare name from the script's
// directory too, it is taken from there when it is there (as name or
// name.exe); otherwise searched on PATH (#!py -3.12, #!node); and when
// it is not there either, the script's directory's it is (a launch
// fails, 101).
func (s *search) program(script, command string) (*scriptPlan, error) {
	p := s.plan
	if !strings.ContainsRune(command, '/') && !strings.ContainsRune(command, filepath.Separator) {
		local := ""
		if s.lk.windows {
			local = s.fromScriptDir(script, command)
			if local != "" && s.lk.exists(local) {
				return s.run(local)
			}
		}
		if ok, err := s.find(command); ok || err != nil {
			return p, err
		}
		if local == "" {
			return nil, &shebangError{script, s.notOnPath + ", nor a [commands] alias in py.ini"}
		}
		return s.run(local)
	}
	prog := filepath.Clean(command)
	if !filepath.IsAbs(prog) {
		dir := filepath.Dir(script)
		if !filepath.IsAbs(dir) {
			if s.lk.cwd == "" {
				return nil, &shebangError{script, "names the relative program " + quote.String(command) + ", and the current directory is unknown"}
			}
			dir = filepath.Join(s.lk.cwd, dir)
		}
		if s.lk.windows && (strings.HasPrefix(command, "/") || strings.HasPrefix(command, `\`)) {
			// \usr\bin\x: from the root of the script's drive.
			dir = filepath.VolumeName(dir) + string(filepath.Separator)
		}
		prog = filepath.Join(dir, prog)
	}
	return s.run(prog)
}

// fromScriptDir returns the bare name as a path from the script's
// directory, "" when that is relative and the current directory unknown.
func (s *search) fromScriptDir(script, name string) string {
	dir := filepath.Dir(script)
	if !filepath.IsAbs(dir) {
		if s.lk.cwd == "" {
			return ""
		}
		dir = filepath.Join(s.lk.cwd, dir)
	}
	return filepath.Join(dir, name)
}

// run plans the program at prog, unless it is py itself.
func (s *search) run(prog string) (*scriptPlan, error) {
	p := s.plan
	if s.lk.isSelf(prog) {
		return p, p.selfShebang(s.origin, prog)
	}
	p.why("runs the program %s", prog)
	p.program = prog
	return p, nil
}

// selfShebang handles a shebang that names py itself: it never runs py
// again. Its first argument, if it is a launcher request
// (#!/usr/bin/env py -3.12), is taken as one; otherwise the shebang is
// ignored, as CPython's launcher does.
func (p *scriptPlan) selfShebang(origin, path string) error {
	p.why("%s names py itself (%s): py is not run again", origin, path)
	if len(p.args) > 0 {
		inv, err := cli.Parse(p.args[:1])
		if err == nil && inv.Mode == cli.Run && inv.Kind != cli.NoRequest {
			r, err := explicitRequest(inv.Kind, inv.Request, origin)
			if err != nil {
				// A malformed request, as on the command line (exit
				// 103), naming the shebang.
				return &requestError{fmt.Errorf("%v (from %s)", err, origin)}
			}
			p.explicit = &r
			p.args = p.args[1:]
			if i := strings.IndexAny(p.raw, " \t"); i >= 0 {
				p.raw = strings.TrimLeft(p.raw[i:], " \t")
			} else {
				p.raw = ""
			}
			return nil
		}
	}
	p.ignore = true
	return nil
}

func isSelfPath(path, self string) bool { return self != "" && fileid.Same(path, self) }

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
	looked := quote.String(p)
	if !strings.ContainsAny(name, `/\`) {
		if found, _, _ := discover.LookPath(name, opts); found != "" {
			return found, args, nil
		}
		looked += " and " + quote.String(name) + " on PATH"
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

// withExeSuffix returns path, or path with ".exe" appended when it has
// no extension, names no file, and that does: as CreateProcess reads a
// program's name on a command line, which is how CPython's launcher
// starts a shebang's program (#! C:\tools\node).
func withExeSuffix(path string) string {
	if filepath.Ext(path) != "" {
		return path
	}
	if _, err := os.Stat(path); err == nil {
		return path
	}
	if fi, err := os.Stat(path + ".exe"); err == nil && fi.Mode().IsRegular() {
		return path + ".exe"
	}
	return path
}

// scriptRequests are the shebang's requests for resolve.
func (p *scriptPlan) scriptRequests() request.Set {
	if p == nil || p.request == nil {
		return nil
	}
	return request.Set{p.request}
}
