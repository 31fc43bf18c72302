package launcher

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/pylauncher/py/internal/cli"
	"github.com/pylauncher/py/internal/discover"
)

func TestReadInvocation(t *testing.T) {
	tests := []struct {
		name string
		args []string
		// want: the fields that matter.
		mode        cli.Mode
		kind        cli.RequestKind
		req, reqArg string
		nameTag     string
		windowed    bool
		format      cli.Format
		pyArgs      []string
		script      string
	}{
		{name: "py alone", args: []string{"py"}, pyArgs: []string{}},
		{name: "no argv0", args: nil},
		{name: "py with a script", args: []string{"/usr/bin/py", "x.py", "-3"}, pyArgs: []string{"x.py", "-3"}, script: "x.py"},
		{name: "py.exe, upper case", args: []string{`C:\Py\PY.EXE`, "-c", "pass"}, pyArgs: []string{"-c", "pass"}},
		{name: "py -3.12", args: []string{"py", "-3.12", "s.py"}, kind: cli.TagRequest, req: "3.12", reqArg: "-3.12", pyArgs: []string{"s.py"}},
		{name: "py -V:", args: []string{"py", "-V:PythonCore/3.12"}, kind: cli.SelectorRequest, req: "PythonCore/3.12", reqArg: "-V:PythonCore/3.12", pyArgs: []string{}},
		{name: "pyw is windowed", args: []string{"pyw"}, windowed: true, pyArgs: []string{}},
		{name: "pyw.exe is windowed", args: []string{"pyw.exe", "app.pyw"}, windowed: true, pyArgs: []string{"app.pyw"}, script: "app.pyw"},
		{name: "python3.12 means -3.12", args: []string{"/opt/bin/python3.12", "-c", "pass"},
			kind: cli.TagRequest, req: "3.12", reqArg: "python3.12", nameTag: "3.12", pyArgs: []string{"-c", "pass"}},
		{name: "python3.13t means -3.13t", args: []string{"python3.13t"},
			kind: cli.TagRequest, req: "3.13t", reqArg: "python3.13t", nameTag: "3.13t", pyArgs: []string{}},
		{name: "PYTHON3.12-32.EXE means -3.12-32", args: []string{"PYTHON3.12-32.EXE"},
			kind: cli.TagRequest, req: "3.12-32", reqArg: "PYTHON3.12-32.EXE", nameTag: "3.12-32", pyArgs: []string{}},
		{name: "python3 means -3", args: []string{"python3"},
			kind: cli.TagRequest, req: "3", reqArg: "python3", nameTag: "3", pyArgs: []string{}},
		{name: "pythonw3.13 means -3.13, windowed", args: []string{"pythonw3.13.exe"},
			kind: cli.TagRequest, req: "3.13", reqArg: "pythonw3.13.exe", nameTag: "3.13", windowed: true, pyArgs: []string{}},
		{name: "python3junk is a tag all the same", args: []string{"python3junk"},
			kind: cli.TagRequest, req: "3junk", reqArg: "python3junk", nameTag: "3junk", pyArgs: []string{}},
		{name: "python is no tag", args: []string{"python", "x.py"}, pyArgs: []string{"x.py"}, script: "x.py"},
		{name: "python2 is no tag", args: []string{"python2"}, pyArgs: []string{}},
		{name: "an explicit request beats the name", args: []string{"python3.12", "-3.11"},
			kind: cli.TagRequest, req: "3.11", reqArg: "-3.11", pyArgs: []string{}},
		{name: "the name with -h", args: []string{"python3.12", "-h"}, mode: cli.Help,
			kind: cli.TagRequest, req: "3.12", reqArg: "python3.12", nameTag: "3.12", pyArgs: []string{"-h"}},
		{name: "the name does not apply to a listing", args: []string{"python3.12", "-0"}, mode: cli.List, pyArgs: []string{}},
		{name: "nor to --which", args: []string{"python3.12", "--which"}, mode: cli.Which, pyArgs: []string{}},
		{name: "py install is a command", args: []string{"py", "install", "3.14"}, mode: cli.Command, pyArgs: []string{"3.14"}},
		{name: "python3.12 install runs a script", args: []string{"python3.12", "install", "3.14"},
			kind: cli.TagRequest, req: "3.12", reqArg: "python3.12", nameTag: "3.12", pyArgs: []string{"install", "3.14"}},
		{name: "python list runs a script", args: []string{"python", "list"}, pyArgs: []string{"list"}, script: "list"},
		{name: "-0", args: []string{"py", "-0"}, mode: cli.List, pyArgs: []string{}},
		{name: "--list", args: []string{"py", "--list"}, mode: cli.List, pyArgs: []string{}},
		{name: "-0p json", args: []string{"py", "-0p", "--format=json"}, mode: cli.ListPaths, format: cli.JSON, pyArgs: []string{}},
		{name: "--which with a script", args: []string{"py", "--which", "s.py"}, mode: cli.Which, pyArgs: []string{"s.py"}, script: "s.py"},
		{name: "--which with a request", args: []string{"py", "--which", "-3", "s.py"}, mode: cli.Which,
			kind: cli.TagRequest, req: "3", reqArg: "-3", pyArgs: []string{"s.py"}},
		{name: "-h", args: []string{"py", "-h"}, mode: cli.Help, pyArgs: []string{"-h"}},
		{name: "--help and more", args: []string{"py", "--help", "x.py"}, mode: cli.Help, pyArgs: []string{"--help", "x.py"}},
		{name: "options before the script: no script", args: []string{"py", "-u", "x.py"}, pyArgs: []string{"-u", "x.py"}},
		{name: "an empty first argument is no script", args: []string{"py", ""}, pyArgs: []string{""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inv, err := readInvocation(tt.args)
			if err != nil {
				t.Fatalf("readInvocation(%q): %v", tt.args, err)
			}
			if inv.Mode != tt.mode || inv.Kind != tt.kind || inv.Request != tt.req || inv.RequestArg != tt.reqArg {
				t.Errorf("mode, kind, request, arg = %v, %v, %q, %q; want %v, %v, %q, %q",
					inv.Mode, inv.Kind, inv.Request, inv.RequestArg, tt.mode, tt.kind, tt.req, tt.reqArg)
			}
			if inv.NameTag != tt.nameTag || inv.Windowed != tt.windowed || inv.Format != tt.format {
				t.Errorf("name tag, windowed, format = %q, %v, %v; want %q, %v, %v",
					inv.NameTag, inv.Windowed, inv.Format, tt.nameTag, tt.windowed, tt.format)
			}
			if !slices.Equal(inv.Args, tt.pyArgs) || (inv.Args == nil) != (tt.pyArgs == nil) {
				t.Errorf("args = %#v, want %#v", inv.Args, tt.pyArgs)
			}
			if got := inv.script(); got != tt.script {
				t.Errorf("script() = %q, want %q", got, tt.script)
			}
			if inv.Nargs != len(tt.args) {
				t.Errorf("Nargs = %d, want %d", inv.Nargs, len(tt.args))
			}
			if len(tt.args) > 0 && inv.Argv0 != tt.args[0] {
				t.Errorf("Argv0 = %q, want %q", inv.Argv0, tt.args[0])
			}
		})
	}
}

func TestReadInvocationUsageErrors(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"py", "--list", "-3"}, `unexpected argument "-3" after the list option`},
		{[]string{"py", "-0p", "x.py"}, `unexpected argument "x.py" after the list option`},
		{[]string{"py", "-0", "--format=xml"}, `unknown list format "xml" (use table or json)`},
		{[]string{"pyw", "--list", "--format="}, `unknown list format "" (use table or json)`},
	} {
		inv, err := readInvocation(tt.args)
		var ue *cli.UsageError
		if !errors.As(err, &ue) {
			t.Errorf("readInvocation(%q) = %v, want a usage error", tt.args, err)
			continue
		}
		if ue.Reason != tt.want {
			t.Errorf("readInvocation(%q): %q, want %q", tt.args, ue.Reason, tt.want)
		}
		// The mode of the program's name is known all the same (pyw's
		// errors go to a message box).
		if inv.Windowed != (tt.args[0] == "pyw") {
			t.Errorf("readInvocation(%q): windowed = %v", tt.args, inv.Windowed)
		}
	}
}

func TestExplicitOf(t *testing.T) {
	tests := []struct {
		args    []string
		want    string // request's Describe, "" for none
		wantErr string
	}{
		{args: []string{"py"}},
		{args: []string{"py", "x.py"}},
		{args: []string{"py", "-3.12"}, want: `"3.12" (from the command line "-3.12")`},
		{args: []string{"py", "-V:3.13t"}, want: `"3.13t" (from the command line "-V:3.13t")`},
		{args: []string{"/usr/bin/python3.11"}, want: `"3.11" (from the launcher's name "python3.11")`},
		{args: []string{"/usr/bin/python3.12-64"}, want: `"3.12-64" (from the launcher's name "python3.12-64")`},
		{args: []string{"py", "-3junk"},
			wantErr: `invalid request "3junk": expected a version such as 3, 3.12, 3.12.1 or 3.13t (from the command line "-3junk")`},
		{args: []string{"py", "--which", "-3.12-48"}, wantErr: `(from the command line "-3.12-48")`},
		{args: []string{"py", "-V:>=3.11,<"}, wantErr: `invalid version specifier`},
		{args: []string{"/bin/python3junk"},
			wantErr: `invalid request "3junk": expected a version such as 3, 3.12, 3.12.1 or 3.13t (from the launcher's name "python3junk")`},
	}
	for _, tt := range tests {
		inv, err := readInvocation(tt.args)
		if err != nil {
			t.Fatalf("readInvocation(%q): %v", tt.args, err)
		}
		r, err := explicitOf(inv)
		if tt.wantErr != "" {
			var re *requestError
			if !errors.As(err, &re) || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("explicitOf(%q) = %v, %v; want a request error with %q", tt.args, r, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("explicitOf(%q): %v", tt.args, err)
			continue
		}
		switch {
		case tt.want == "" && r != nil:
			t.Errorf("explicitOf(%q) = %v, want none", tt.args, r.Describe())
		case tt.want != "" && r == nil:
			t.Errorf("explicitOf(%q) = none, want %s", tt.args, tt.want)
		case tt.want != "" && r.Describe() != tt.want:
			t.Errorf("explicitOf(%q) = %s, want %s", tt.args, r.Describe(), tt.want)
		}
	}
}

// A link to py named python3.12 (as py install makes them, on PATH) does
// the discovery py -3.12 does: one search, with the shortcut that passes
// over installs whose names say they are another version (the debug
// trace turns it off, so this looks at the searches themselves), over
// the same interpreters; the link itself is seen as py. bench/README.md
// ("The launcher's name") measures both.
func TestNameDiscoversAsOption(t *testing.T) {
	self, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	w := newWorld(t)
	w.python("pyenv/versions/3.11.9/bin/python3.11", "3.11.9")
	w.python("pyenv/versions/3.12.4/bin/python3.12", "3.12.4")
	w.python("pyenv/versions/3.13.1/bin/python3.13", "3.13.1")
	w.python("pyenv/versions/3.13.1t/bin/python3.13t", "3.13.1")
	w.python("bin/python3.12", "3.12.7")
	w.python("bin/python3.13", "3.13.0")
	w.python("bin/python3", "3.13.0")
	local := w.path("local")
	if err := os.MkdirAll(local, 0o755); err != nil {
		t.Fatal(err)
	}
	w.setPath("local", "bin")

	type search struct {
		shortcut bool
		installs []string
	}
	var searches []search
	testOnlyDiscovered = func(o discover.Options, f *discover.Found) {
		s := search{shortcut: o.Unwanted != nil}
		for _, in := range f.Installs {
			s.installs = append(s.installs, in.Path)
		}
		slices.Sort(s.installs)
		searches = append(searches, s)
	}
	t.Cleanup(func() { testOnlyDiscovered = nil })

	for _, tt := range []struct {
		name, option string
		shortcut     bool
	}{
		{"python3.12", "-3.12", true},
		{"python3.13t", "-3.13t", true},
		{"python3", "-3", false}, // PY_PYTHON3 may name any 3.x
	} {
		link := filepath.Join(local, tt.name)
		if err := os.Symlink(self, link); err != nil {
			t.Fatal(err)
		}
		searches = nil
		byOption := w.py(tt.option, "-c", "pass")
		optionSearches := searches
		searches = nil
		byName := w.run(link, "-c", "pass")
		nameSearches := searches
		if byName != byOption || byName.code != 0 {
			t.Errorf("%s: %+v; %s: %+v", tt.name, byName, tt.option, byOption)
		}
		if len(nameSearches) != 1 || !reflect.DeepEqual(nameSearches, optionSearches) {
			t.Errorf("%s searched %+v; py %s searched %+v", tt.name, nameSearches, tt.option, optionSearches)
			continue
		}
		s := nameSearches[0]
		if s.shortcut != tt.shortcut || slices.Contains(s.installs, link) {
			t.Errorf("%s: shortcut %v (want %v), installs %q (py itself is none of them)", tt.name, s.shortcut, tt.shortcut, s.installs)
		}
		if tt.shortcut && slices.Contains(s.installs, w.path("pyenv/versions/3.11.9/bin/python3.11")) {
			t.Errorf("%s: the shortcut did not pass over 3.11: %q", tt.name, s.installs)
		}
	}
}
