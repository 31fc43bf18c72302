package launcher

import (
	"errors"
	"strings"
	"testing"

	"github.com/pylauncher/py/internal/cli"
	"github.com/pylauncher/py/internal/discover"
	"github.com/pylauncher/py/internal/exitcode"
	"github.com/pylauncher/py/internal/manual"
	"github.com/pylauncher/py/internal/quote"
	"github.com/pylauncher/py/internal/request"
	"github.com/pylauncher/py/internal/resolve"
	"github.com/pylauncher/py/internal/version"
)

func TestPrintable(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", ""},
		{"/usr/bin/python3", "/usr/bin/python3"},
		{`C:\Program Files\Python312\python.exe`, `C:\Program Files\Python312\python.exe`},
		{"é ü 日本 \u00a0", "é ü 日本 \u00a0"},
		{"a\nb", `a\nb`},
		{"a\r\nb\tc", `a\r\nb\tc`},
		{"x\x1b]0;pwned\x07", `x\x1b]0;pwned\a`},
		{"nul\x00", `nul\x00`},
		{"del\x7f", `del\x7f`},
		{"c1\u0085\u009b", `c1\u0085\u009b`},
		{"\u00a0 is not C1", "\u00a0 is not C1"},
	} {
		if got := quote.Visible(tt.in); got != tt.want {
			t.Errorf("quote.Visible(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestQuote(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", `""`},
		{"/a b/c", `"/a b/c"`},
		{`C:\Users\me\py.ini`, `"C:\Users\me\py.ini"`},
		{"/x\n/y", `"/x\n/y"`},
		{`say "hi"`, `"say "hi""`},
	} {
		if got := quote.String(tt.in); got != tt.want {
			t.Errorf("quote.String(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestShellQuote(t *testing.T) {
	for _, tt := range []struct {
		argv []string
		want string
	}{
		{[]string{"/usr/bin/python3", "-c", "pass"}, "/usr/bin/python3 -c pass"},
		{[]string{"p", ""}, "p ''"},
		{[]string{"p", "two words"}, "p 'two words'"},
		{[]string{"p", "it's"}, `p 'it'\''s'`},
		{[]string{"p", `print("a b")`}, `p 'print("a b")'`},
		{[]string{"p", "-W=ignore::x,y", "a@b%c+d:e"}, "p -W=ignore::x,y a@b%c+d:e"},
		{[]string{"p", "$HOME", "*", "é"}, "p '$HOME' '*' 'é'"},
	} {
		if got := quoteArgs(tt.argv); got != tt.want {
			t.Errorf("quoteArgs(%q) = %s, want %s", tt.argv, got, tt.want)
		}
	}
}

// failingWriter fails every write after the first n bytes.
type failingWriter struct {
	n      int
	err    error
	writes int
}

func (w *failingWriter) Write(p []byte) (int, error) {
	w.writes++
	if len(p) <= w.n {
		w.n -= len(p)
		return len(p), nil
	}
	n := w.n
	w.n = 0
	if w.err == nil {
		return n, nil // a short write without an error
	}
	return n, w.err
}

func TestUI(t *testing.T) {
	var b strings.Builder
	u := &ui{prog: "py", stderr: &b}
	u.warnf("ignoring %s", quote.String("/x\ny"))
	u.warn(`ignoring "/x\ny"`) // the same message: once per run
	u.warnf("another")
	u.errorf("bad %d", 1)
	u.hintf("try %q", "py --list")
	u.trace("not shown")
	u.tracef("nor %s", "this")
	want := "py: warning: ignoring \"/x\\ny\"\n" +
		"py: warning: another\n" +
		"py: error: bad 1\n" +
		"py: hint: try \"py --list\"\n"
	if b.String() != want {
		t.Errorf("output:\n%s\nwant:\n%s", b.String(), want)
	}
	// pyw's message box shows the errors and hints, not the warnings.
	if got := strings.Join(u.shown, "|"); got != `error: bad 1|hint: try "py --list"` {
		t.Errorf("shown = %q", u.shown)
	}

	b.Reset()
	u.debug = true
	u.trace("key: value")
	u.tracef("# %s", "comment")
	u.errorf("one\nline")
	if want := "key: value\n# comment\npy: error: one\\nline\n"; b.String() != want {
		t.Errorf("debug output %q, want %q", b.String(), want)
	}
}

func TestWarnLines(t *testing.T) {
	var b strings.Builder
	a := &app{ui: &ui{prog: "py", stderr: &b}}
	a.warnLines("/p/.python-version", 1, 3, "bad")
	a.warnLines("/p/py.ini", 10000, 1, `"x1": junk`)
	want := `py: warning: ignoring line 3 of "/p/.python-version": bad` + "\n" +
		`py: warning: ignoring 10000 lines of "/p/py.ini"; the first, line 1: "x1": junk` + "\n"
	if b.String() != want {
		t.Errorf("output:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestFail(t *testing.T) {
	req, err := request.FromOption("3.99", `the command line "-3.99"`)
	if err != nil {
		t.Fatal(err)
	}
	ww := &discover.Interpreter{Path: "/ww/python3.99", Untrusted: `"/ww" is writable by other users`}
	tests := []struct {
		name string
		err  error
		code int
		want string
	}{
		{"usage", &cli.UsageError{Arg: "-3", Reason: `unexpected argument "-3" after the list option`}, exitcode.Usage,
			"py: error: unexpected argument \"-3\" after the list option\npy: hint: run \"py --help\" for usage\n"},
		{"request", &requestError{errors.New(`invalid request "3junk": no (from the command line "-3junk")`)}, exitcode.NoPython,
			"py: error: invalid request \"3junk\": no (from the command line \"-3junk\")\npy: hint: " + request.Hint + "\n"},
		{"shebang", &shebangError{"s.py", "/usr/bin/env names no command"}, exitcode.BadVirtualPath,
			"py: error: cannot use the shebang of \"s.py\": /usr/bin/env names no command\n"},
		{"commands", &commandError{origin: `[commands] gone in "/c/py.ini"`, value: "x", looked: `"/c/x"`}, exitcode.CreateProcess,
			"py: error: [commands] gone in \"/c/py.ini\" names \"x\", which is not a program (looked for \"/c/x\")\n"},
		{"project", &projectError{errors.New(`line 3 of "/p/pyproject.toml": bad`)}, exitcode.NoPython,
			"py: error: line 3 of \"/p/pyproject.toml\": bad\npy: hint: fix the file, or run py with an explicit version (py -3.12)\n"},
		{"no match", &resolve.NoMatchError{Request: &req}, exitcode.NoPython,
			"py: error: no installed Python matches \"3.99\" (from the command line \"-3.99\")\npy: hint: run \"py install 3.99\" to install it, or \"py --list\" to see the installed versions\n"},
		{"no match, untrusted", &resolve.NoMatchError{Request: &req, Untrusted: []*discover.Interpreter{ww}}, exitcode.NoPython,
			"py: error: no installed Python matches \"3.99\" (from the command line \"-3.99\")\n" +
				"py: hint: \"/ww/python3.99\" might, but \"/ww\" is writable by other users: py runs it only when named by its path (py -V:/ww/python3.99)\n" +
				"py: hint: run \"py install 3.99\" to install it, or \"py --list\" to see the installed versions\n"},
		{"bad default", &resolve.BadRequestError{Origin: "PY_PYTHON", Err: errors.New(`invalid request "3x": no`)}, exitcode.NoPython,
			"py: error: invalid request \"3x\": no (from PY_PYTHON)\npy: hint: " + request.Hint + "\n"},
		{"no python", resolve.NoPythonError{}, exitcode.NoPythonAtAll,
			"py: error: no Python installation was found\npy: hint: install one with \"py install 3\", or from python.org, your package manager, pyenv or uv\n"},
		{"anything else", errors.New("surprise\x1b[2J"), exitcode.Internal, "py: error: surprise\\x1b[2J\n"},
	}
	for _, tt := range tests {
		var b strings.Builder
		u := &ui{prog: "py", stderr: &b}
		if code := u.fail(tt.err); code != tt.code {
			t.Errorf("%s: code %d, want %d", tt.name, code, tt.code)
		}
		if b.String() != tt.want {
			t.Errorf("%s: output\n%s\nwant\n%s", tt.name, b.String(), tt.want)
		}
	}
}

func TestHelp(t *testing.T) {
	a := &app{ui: &ui{prog: "py"}}
	st := settings{iniPaths: []string{"/home/me/.config/py/py.ini", "/opt/py/py.ini"}}
	for _, tt := range []struct{ argv0, name string }{
		{"py", "py"},
		{"/usr/local/bin/py", "py"},
		{"pyw.exe", "pyw"},
		{"python3.12", "python3.12"},
		{"", "py"},
	} {
		h := a.help(tt.argv0, st)
		if !strings.HasPrefix(h, "Python launcher "+version.String()+"\n\nusage: "+tt.name+" [launcher-option] ") {
			t.Errorf("help(%q) starts %q", tt.argv0, h[:min(len(h), 80)])
		}
		if !strings.Contains(h, "\nConfiguration: /home/me/.config/py/py.ini, then /opt/py/py.ini ([defaults], [settings], [install])\n") {
			t.Errorf("help(%q) does not name the py.ini files:\n%s", tt.argv0, h)
		}
		if !strings.Contains(h, "\n  install REQUEST...") {
			t.Errorf("help(%q) does not show the commands", tt.argv0)
		}
	}
	if h := a.help("py", settings{}); !strings.Contains(h, "\nConfiguration: py.ini ([defaults], [settings], [install])\n") {
		t.Errorf("help without py.ini paths:\n%s", h)
	}
}

// A stamped version (release/build.sh) is what py's help and trace show.
func TestStampedVersion(t *testing.T) {
	old := version.Version
	defer func() { version.Version = old }()
	version.Version = "v1.2.3"
	a := &app{ui: &ui{prog: "py"}}
	if h := a.help("py", settings{}); !strings.HasPrefix(h, "Python launcher v1.2.3\n") {
		t.Errorf("help with a stamped version starts %q", h[:min(len(h), 40)])
	}
	w := newWorld(t)
	w.python("bin/python3.12", "3.12.4")
	for _, args := range [][]string{{"-h"}, {"help"}} {
		if r := w.py(args...); !strings.HasPrefix(r.stdout, "Python launcher v1.2.3\n") {
			t.Errorf("py %s: exit %d, stdout starts %q", args[0], r.code, r.stdout[:min(len(r.stdout), 40)])
		}
	}
	w.setenv("PYLAUNCHER_DEBUG", "1")
	if r := w.py("-c", "pass"); !strings.Contains(r.stderr, "version: v1.2.3\n") {
		t.Errorf("the debug trace does not give the version:\n%s", r.stderr)
	}
}

func TestOrNull(t *testing.T) {
	if orNull("") != "(null)" || orNull("3.12") != "3.12" {
		t.Errorf("orNull: %q, %q", orNull(""), orNull("3.12"))
	}
}

// py's help is made from manual.Py, as its man page is: an option or
// command added there shows in the help.
func TestHelpFromManual(t *testing.T) {
	old := manual.Py
	defer func() { manual.Py = old }()
	manual.Py.Options = append(append([]manual.Option(nil), old.Options...), manual.Option{Names: []string{"--frobnicate"}, Help: "frob"})
	manual.Py.Commands = append(append([]manual.Command(nil), old.Commands...), manual.Command{Name: "frob", Args: "THING", Help: "frob a thing"})
	a := &app{ui: &ui{prog: "py"}}
	h := a.help("py", settings{})
	if !strings.Contains(h, "\n  --frobnicate  ") || !strings.Contains(h, "\n  frob THING  ") {
		t.Errorf("the help lacks what manual.Py gained:\n%s", h)
	}
	if want := manual.Help(&manual.Py, "py", version.String(), "py.ini ([defaults], [settings], [install])"); h != want {
		t.Errorf("help =\n%s\nwant manual.Help's\n%s", h, want)
	}
}
