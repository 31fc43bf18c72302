package launcher

import (
	"errors"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/pylauncher/py/internal/config"
	"github.com/pylauncher/py/internal/quote"
	"github.com/pylauncher/py/internal/shebang"
)

// fakeWorld answers planShebang's lookups from tables.
type fakeWorld struct {
	// commands are py.ini's [commands]; programs what each value
	// resolves to (a missing value is a commandError).
	commands map[string]string
	programs map[string][]string
	// onPath maps a name to the program PATH finds; passed to what was
	// passed over (untrusted) looking for it.
	onPath, passed map[string]string
	// self is the path of py itself; files are the programs there are.
	self     string
	files    map[string]bool
	noSearch bool
	cwd      string
}

const fakeIni = "/cfg/py.ini"

func (f fakeWorld) lookup() lookup {
	lk := lookup{
		command: func(key string) (config.Value, bool) {
			v, ok := f.commands[key]
			return config.Value{Value: v, Path: fakeIni, Section: "commands", Key: key}, ok
		},
		program: func(v config.Value) (string, []string, error) {
			p, ok := f.programs[v.Value]
			if !ok {
				return "", nil, &commandError{origin: v.Origin(), value: v.Value, looked: quote.String(v.Value)}
			}
			return p[0], p[1:], nil
		},
		isSelf: func(path string) bool { return path == f.self },
		exists: func(path string) bool { return f.files[path] },
		cwd:    f.cwd,
	}
	if !f.noSearch {
		lk.path = func(name string) (string, bool, string) {
			p := f.onPath[name]
			return p, p != "" && p == f.self, f.passed[name]
		}
	}
	return lk
}

// root is an absolute directory on this system.
func root() string {
	if runtime.GOOS == "windows" {
		return `C:\`
	}
	return "/"
}

func TestPlanShebang(t *testing.T) {
	r := root()
	work := filepath.Join(r, "work")
	pyPath := filepath.Join(work, "bin", "py")
	tests := []struct {
		name, script, line string
		world              fakeWorld
		// What the plan holds: the program, the virtual command's
		// request and py's own (Describe), the arguments and variables.
		program, request, explicit string
		args, env                  []string
		ignore                     bool
		// reasons holds lines the reasons must have after the first (the
		// shebang itself); warnings are all the warnings.
		reasons, warnings []string
		err               string
	}{
		{
			name: "the default Python", line: "/usr/bin/python",
			reasons: []string{`"/usr/bin/python" is the virtual command for the default Python`},
		},
		{
			name: "a versioned virtual command", line: "/usr/bin/python3.10 -O",
			request: `"3.10" (from the shebang of "s.py")`, args: []string{"-O"},
		},
		{
			name: "/usr/bin/env python3 found on PATH", line: "/usr/bin/env python3 -u",
			world:   fakeWorld{onPath: map[string]string{"python3": "/p/bin/python3"}},
			program: "/p/bin/python3", args: []string{"-u"},
			reasons: []string{`found "python3" on PATH: /p/bin/python3`},
		},
		{
			name: "/usr/bin/env python3.12 not on PATH: the virtual command", line: "/usr/bin/env python3.12",
			request: `"3.12" (from the shebang of "s.py")`,
			reasons: []string{`"python3.12" is not on PATH`},
		},
		{
			name: "/usr/bin/env python3 with the search turned off", line: "/usr/bin/env python3",
			world:   fakeWorld{noSearch: true, onPath: map[string]string{"python3": "/p/bin/python3"}},
			request: `"3" (from the shebang of "s.py")`,
			reasons: []string{`PYLAUNCHER_NO_SEARCH_PATH is set: "python3" is not searched on PATH`},
		},
		{
			name: "/usr/bin/env python passed over, then the virtual command", line: "/usr/bin/env python",
			world:    fakeWorld{passed: map[string]string{"python": `"/ww/python": "/ww" is writable by other users`}},
			reasons:  []string{`passed over "/ww/python": "/ww" is writable by other users`, `"python" is not on PATH`, `"python" is the virtual command for the default Python`},
			warnings: []string{`passed over "/ww/python": "/ww" is writable by other users (name it by its path to run it)`},
		},
		{
			name: "env -S: variables and arguments", line: `/usr/bin/env -S A=1 B=two mytool -x 'a b'`,
			world:   fakeWorld{onPath: map[string]string{"mytool": "/p/bin/mytool"}},
			program: "/p/bin/mytool", args: []string{"-x", "a b"}, env: []string{"A=1", "B=two"},
		},
		{
			name: "/usr/bin/env NAME not on PATH", line: "/usr/bin/env mytool",
			err: `cannot use the shebang of "s.py": "mytool" is not on PATH`,
		},
		{
			name: "/usr/bin/env NAME only where others can write", line: "/usr/bin/env mytool",
			world: fakeWorld{passed: map[string]string{"mytool": `"/ww/mytool": "/ww" is writable by other users`}},
			err:   `cannot use the shebang of "s.py": "mytool" is on PATH only where other users can write`,
		},
		{
			name: "/usr/bin/env NAME passed over, found further on", line: "/usr/bin/env mytool",
			world: fakeWorld{onPath: map[string]string{"mytool": "/p/bin/mytool"},
				passed: map[string]string{"mytool": `"/ww/mytool": "/ww" is writable by other users`}},
			program:  "/p/bin/mytool",
			reasons:  []string{`passed over "/ww/mytool": "/ww" is writable by other users`, `found "mytool" on PATH: /p/bin/mytool`},
			warnings: []string{`passed over "/ww/mytool": "/ww" is writable by other users (name it by its path to run it)`},
		},
		{
			name: "a [commands] alias of a virtual command", line: "/usr/bin/python3 -u",
			world: fakeWorld{commands: map[string]string{"python3": "/opt/py3 -E"},
				programs: map[string][]string{"/opt/py3 -E": {"/opt/py3", "-E"}}},
			program: "/opt/py3", args: []string{"-E", "-u"},
			reasons: []string{`[commands] python3 in "/cfg/py.ini" names "/opt/py3 -E": /opt/py3`},
		},
		{
			name: "a [commands] alias through /usr/bin/env", line: "/usr/bin/env python3.11",
			world: fakeWorld{commands: map[string]string{"python3.11": "py311"},
				programs: map[string][]string{"py311": {"/opt/py311"}},
				onPath:   map[string]string{"python3.11": "/p/bin/python3.11"}},
			program: "/opt/py311",
		},
		{
			name: "a [commands] alias of a name", line: "mypython a",
			world: fakeWorld{commands: map[string]string{"mypython": "tools/mypy"},
				programs: map[string][]string{"tools/mypy": {"/cfg/tools/mypy"}}},
			program: "/cfg/tools/mypy", args: []string{"a"},
		},
		{
			name: "a blank [commands] value is no alias", line: "/usr/bin/python3",
			world:   fakeWorld{commands: map[string]string{"python3": "  "}},
			request: `"3" (from the shebang of "s.py")`,
		},
		{
			name: "a [commands] value that names nothing", line: "#gone",
			world: fakeWorld{commands: map[string]string{"#gone": "nothing/here"}},
			err:   `[commands] #gone in "/cfg/py.ini" names "nothing/here", which is not a program (looked for "nothing/here")`,
		},
		{
			name: "a bare name on PATH", line: "perl -w",
			world:   fakeWorld{onPath: map[string]string{"perl": "/p/bin/perl"}},
			program: "/p/bin/perl", args: []string{"-w"},
		},
		{
			name: "a bare name nowhere", line: "perl",
			err: `cannot use the shebang of "s.py": "perl" is not on PATH, nor a [commands] alias in py.ini`,
		},
		{
			name: "a bare name, the search turned off", line: "perl",
			world: fakeWorld{noSearch: true, onPath: map[string]string{"perl": "/p/bin/perl"}},
			err:   `cannot use the shebang of "s.py": "perl" is not on PATH, nor a [commands] alias in py.ini`,
		},
		{
			name: "an absolute program", line: filepath.Join(r, "opt", "perl") + " -w",
			program: filepath.Join(r, "opt", "perl"), args: []string{"-w"},
			reasons: []string{"runs the program " + filepath.Join(r, "opt", "perl")},
		},
		{
			name: "a relative program, from the script's directory", line: "tools/run -x",
			script:  filepath.Join(r, "proj", "s.py"),
			program: filepath.Join(r, "proj", "tools", "run"), args: []string{"-x"},
		},
		{
			name: "a relative program, from a relative script's directory", line: "tools/run",
			script: filepath.Join("sub", "s.py"), world: fakeWorld{cwd: work},
			program: filepath.Join(work, "sub", "tools", "run"),
		},
		{
			name: "a relative program, the current directory unknown", line: "tools/run",
			err: `cannot use the shebang of "s.py": names the relative program "tools/run", and the current directory is unknown`,
		},
		{
			name: "/usr/bin/env py: ignored", line: "/usr/bin/env py",
			world:   fakeWorld{onPath: map[string]string{"py": pyPath}, self: pyPath},
			ignore:  true,
			reasons: []string{`the shebang of "s.py" names py itself (` + pyPath + `): py is not run again`},
		},
		{
			name: "/usr/bin/env py -u: not a request, ignored", line: "/usr/bin/env py -u",
			world:  fakeWorld{onPath: map[string]string{"py": pyPath}, self: pyPath},
			ignore: true, args: []string{"-u"},
		},
		{
			name: "/usr/bin/env py -3.12: py's request", line: "/usr/bin/env py -3.12 -u",
			world:    fakeWorld{onPath: map[string]string{"py": pyPath}, self: pyPath},
			explicit: `"3.12" (from the shebang of "s.py")`, args: []string{"-u"},
		},
		{
			name: "py by its path, with a selector", line: "bin/py -V:3.11",
			world:    fakeWorld{self: pyPath, cwd: work},
			explicit: `"3.11" (from the shebang of "s.py")`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			script := tt.script
			if script == "" {
				script = "s.py"
			}
			sb, err := shebang.Parse(tt.line)
			if err != nil {
				t.Fatalf("shebang.Parse(%q): %v", tt.line, err)
			}
			p, err := planShebang(script, tt.line, sb, tt.world.lookup())
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("planShebang(%q) error = %v, want %q", tt.line, err, tt.err)
				}
				if p != nil {
					t.Errorf("planShebang(%q) = a plan and an error", tt.line)
				}
				return
			}
			if err != nil {
				t.Fatalf("planShebang(%q): %v", tt.line, err)
			}
			checkPlan(t, p, tt.program, tt.request, tt.explicit, tt.args, tt.env, tt.ignore)
			if first := `the shebang of "` + script + `" is "#!` + tt.line + `"`; len(p.reasons) == 0 || p.reasons[0] != first {
				t.Errorf("first reason = %q, want %q", p.reasons, first)
			}
			for _, want := range tt.reasons {
				if !slices.Contains(p.reasons, want) {
					t.Errorf("reasons %q lack %q", p.reasons, want)
				}
			}
			if !slices.Equal(p.warnings, tt.warnings) {
				t.Errorf("warnings = %q, want %q", p.warnings, tt.warnings)
			}
		})
	}
}

func checkPlan(t *testing.T, p *scriptPlan, program, req, explicit string, args, env []string, ignore bool) {
	t.Helper()
	describe := func(r interface{ Describe() string }) string { return r.Describe() }
	if p.program != program {
		t.Errorf("program = %q, want %q", p.program, program)
	}
	if got := ""; p.request != nil || req != "" {
		if p.request != nil {
			got = describe(p.request)
		}
		if got != req {
			t.Errorf("request = %s, want %s", got, req)
		}
	}
	if got := ""; p.explicit != nil || explicit != "" {
		if p.explicit != nil {
			got = describe(p.explicit)
		}
		if got != explicit {
			t.Errorf("explicit = %s, want %s", got, explicit)
		}
	}
	if !slices.Equal(p.args, args) {
		t.Errorf("args = %q, want %q", p.args, args)
	}
	if !slices.Equal(p.env, env) {
		t.Errorf("env = %q, want %q", p.env, env)
	}
	if p.ignore != ignore {
		t.Errorf("ignore = %v, want %v", p.ignore, ignore)
	}
	if rs := p.scriptRequests(); (len(rs) == 1) != (req != "") {
		t.Errorf("scriptRequests() = %v, want the request %q alone", rs, req)
	}
}

// A virtual command whose version cannot be read is a shebang error
// (shebang.Parse never makes one, but the planner does not rely on it).
func TestPlanShebangBadVersion(t *testing.T) {
	sb := shebang.Shebang{Kind: shebang.Virtual, Command: "python3junk", Version: "3junk"}
	p, err := planShebang("s.py", "python3junk", sb, fakeWorld{}.lookup())
	var se *shebangError
	if !errors.As(err, &se) || p != nil {
		t.Fatalf("planShebang = %v, %v; want a shebang error", p, err)
	}
	if !strings.HasPrefix(err.Error(), `cannot use the shebang of "s.py": invalid request "3junk"`) {
		t.Errorf("error = %q", err)
	}
}

// A malformed request in a shebang naming py is a request error (exit
// 103, with the hint), naming the shebang: it was an internal error.
func TestPlanShebangBadSelfRequest(t *testing.T) {
	w := fakeWorld{onPath: map[string]string{"py": "/x/py"}, self: "/x/py"}
	for _, line := range []string{"/usr/bin/env py -3junk", "/usr/bin/env py -V:>=3.11,<"} {
		sb, err := shebang.Parse(line)
		if err != nil {
			t.Fatal(err)
		}
		_, err = planShebang("s.py", line, sb, w.lookup())
		var re *requestError
		if !errors.As(err, &re) || !strings.HasPrefix(err.Error(), "invalid ") || !strings.HasSuffix(err.Error(), `(from the shebang of "s.py")`) {
			t.Errorf("%s: error %v, want a request error naming the shebang", line, err)
		}
		var buf strings.Builder
		if code := (&ui{prog: "py", stderr: &buf}).fail(err); code != 103 || !strings.Contains(buf.String(), "py: hint: a request looks like") {
			t.Errorf("%s: fail() = %d, %q; want 103 and the request hint", line, code, buf.String())
		}
	}
}

func TestScriptRequestsNil(t *testing.T) {
	var p *scriptPlan
	if rs := p.scriptRequests(); rs != nil {
		t.Errorf("(nil).scriptRequests() = %v", rs)
	}
}

// TestPlanShebangWindows checks the rules of CPython's launcher on
// Windows that do not depend on Windows paths (see
// script_windows_test.go for those).
func TestPlanShebangWindows(t *testing.T) {
	r := root()
	proj := filepath.Join(r, "proj")
	pyPath := filepath.Join(r, "bin", "py")
	tests := []struct {
		name, line        string
		world             fakeWorld
		program, request  string
		explicit          string
		args              []string
		raw               string
		programErr        string
		ignore, noRequest bool
	}{
		{name: "pythonw: the default", line: "/usr/bin/pythonw -x", args: []string{"-x"}, raw: "-x"},
		{name: "pythonw3.12", line: "pythonw3.12", request: `"3.12" (from the shebang of "` + filepath.Join(proj, "s.py") + `")`},
		{name: "python_d", line: "python_d"},
		{name: "python3_d", line: "/usr/bin/python3_d", request: `"3" (from the shebang of "` + filepath.Join(proj, "s.py") + `")`},
		{name: "arguments as written", line: `/usr/bin/python -c "print(1)"`, args: []string{"-c", `"print(1)"`}, raw: `-c "print(1)"`},
		{name: "a bare name in the script's directory", line: "node -e 1",
			world:   fakeWorld{onPath: map[string]string{"node": "/p/node"}, files: map[string]bool{filepath.Join(proj, "node"): true}},
			program: filepath.Join(proj, "node"), args: []string{"-e", "1"}, raw: "-e 1"},
		{name: "a bare name on PATH", line: "node -e 1",
			world:   fakeWorld{onPath: map[string]string{"node": "/p/node"}},
			program: "/p/node", args: []string{"-e", "1"}, raw: "-e 1"},
		{name: "a bare name nowhere: the script's directory's", line: "node",
			program: filepath.Join(proj, "node")},
		{name: "#!py -3.12: py's request", line: "py -3.12 -u",
			world:    fakeWorld{onPath: map[string]string{"py": pyPath}, self: pyPath},
			explicit: `"3.12" (from the shebang of "` + filepath.Join(proj, "s.py") + `")`, args: []string{"-u"}, raw: "-u"},
		{name: "a quoted name", line: `"some random app" -witharg`,
			program: filepath.Join(proj, "some random app"), args: []string{"-witharg"}, raw: "-witharg"},
		{name: "a [commands] value that names nothing is run as written", line: "test-command arg1",
			world:   fakeWorld{commands: map[string]string{"test-command": "TEST_EXE.exe"}},
			program: "TEST_EXE.exe", args: []string{"arg1"}, raw: "arg1",
			programErr: `[commands] test-command in "/cfg/py.ini" names "TEST_EXE.exe", which is not a program (looked for "TEST_EXE.exe")`},
		{name: "a [commands] value with arguments: no raw arguments", line: "/usr/bin/python3 -u",
			world: fakeWorld{commands: map[string]string{"python3": "/opt/py3 -E"},
				programs: map[string][]string{"/opt/py3 -E": {"/opt/py3", "-E"}}},
			program: "/opt/py3", args: []string{"-E", "-u"}},
		{name: "a [commands] key as written", line: "/usr/bin/python3.12.exe",
			world: fakeWorld{commands: map[string]string{"python3.12.exe": "p"},
				programs: map[string][]string{"p": {"/opt/p"}}},
			program: "/opt/p"},
		{name: "/usr/bin/env py -3.12 -u", line: "/usr/bin/env py -3.12 -u",
			world:    fakeWorld{onPath: map[string]string{"py": pyPath}, self: pyPath},
			explicit: `"3.12" (from the shebang of "` + filepath.Join(proj, "s.py") + `")`, args: []string{"-u"}, raw: "-u"},
		{name: "/usr/bin/env py", line: "/usr/bin/env py",
			world:  fakeWorld{onPath: map[string]string{"py": pyPath}, self: pyPath},
			ignore: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			script := filepath.Join(proj, "s.py")
			sb, err := shebang.ParseWindows(tt.line)
			if err != nil {
				t.Fatalf("shebang.ParseWindows(%q): %v", tt.line, err)
			}
			lk := tt.world.lookup()
			lk.windows = true
			p, err := planShebang(script, tt.line, sb, lk)
			if err != nil {
				t.Fatalf("planShebang(%q): %v", tt.line, err)
			}
			checkPlan(t, p, tt.program, tt.request, tt.explicit, tt.args, nil, tt.ignore)
			if p.raw != tt.raw {
				t.Errorf("raw = %q, want %q", p.raw, tt.raw)
			}
			if got := ""; p.programErr != nil || tt.programErr != "" {
				if p.programErr != nil {
					got = p.programErr.Error()
				}
				if got != tt.programErr {
					t.Errorf("programErr = %q, want %q", got, tt.programErr)
				}
			}
		})
	}
}
