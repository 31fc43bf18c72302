package scriptmaker

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/pylauncher/py/internal/trampoline"
)

func TestMainPy(t *testing.T) {
	for _, tt := range []struct{ entry, imp, call string }{
		{"black:patched_main", "from black import patched_main", "sys.exit(patched_main())"},
		{"pkg.cli : main", "from pkg.cli import main", "sys.exit(main())"},
		{"pkg:App.run", "from pkg import App", "sys.exit(App.run())"},
	} {
		got, err := MainPy(tt.entry)
		if err != nil || !strings.Contains(string(got), tt.imp) || !strings.Contains(string(got), tt.call) {
			t.Errorf("MainPy(%q) = %s, %v", tt.entry, got, err)
		}
	}
	for _, bad := range []string{"", "pkg", "pkg:", ":main", "pkg:main()", "pkg;os.system('x'):main", "1pkg:main"} {
		if _, err := MainPy(bad); err == nil {
			t.Errorf("MainPy(%q) succeeded", bad)
		}
	}
}

func TestShebang(t *testing.T) {
	long := "/" + strings.Repeat("x", trampoline.MaxShebang-1)
	for _, tt := range []struct {
		interp string
		args   []string
		want   string
		err    bool
	}{
		{"/v/bin/python", nil, "/v/bin/python", false},
		{"/v w/bin/python", []string{"-E"}, `"/v w/bin/python" -E`, false},
		{"/v\tw/bin/python", nil, "\"/v\tw/bin/python\"", false},
		{"/v/bin/python\u00a0", nil, "\"/v/bin/python\u00a0\"", false},
		{`C:\Program Files\Python\python.exe`, nil, `"C:\Program Files\Python\python.exe"`, false},
		{"/usr/bin/env python3", nil, "/usr/bin/env python3", false},
		{"/usr/bin/env  python3\t", []string{"-u"}, "/usr/bin/env python3 -u", false},
		{"<launcher_dir>/python", nil, "<launcher_dir>/python", false},
		{"<launcher_dir>/my python", nil, `<launcher_dir>"my python"`, false},
		{long, nil, long, false},
		{long + "x", nil, "", true},
		{"", nil, "", true},
		{"python3", nil, "", true},
		{"./v/bin/python", nil, "", true},
		{"v w/python", nil, "", true},
		{"/v/bin/python\n", nil, "", true},
		{"/v/bin/py\rthon", nil, "", true},
		{`/v/"bin/python`, nil, "", true},
		{`"/v/bin/python"`, nil, "", true},
		{`/v w/"bin/python`, nil, "", true},
		{`<launcher_dir>/my "python"`, nil, "", true},
		{"/v/bin/py\x00thon", nil, "", true},
		{"/v/bin/py\xffthon", nil, "", true},
		{"/v/bin/py\x1b[0mthon", nil, "", true},
		{"/v/bin/py\u0085thon", nil, "", true},
		{"/usr/bin/env", nil, "", true},
		{"/usr/bin/env ", nil, "", true},
		{"/usr/bin/env py\u00a0thon", nil, "", true},
		{"<launcher_dir>", nil, "", true},
		{"<launcher_dir>/", nil, "", true},
		{"/v/bin/python", []string{"a b"}, "", true},
		{"/v/bin/python", []string{""}, "", true},
		{"/v/bin/python", []string{"-\u00a0"}, "", true},
		{"/v/bin/python", []string{"-\u2028"}, "", true},
		{"/v/bin/python", []string{"-\x00"}, "", true},
		{"/v/bin/python", []string{"-\xff"}, "", true},
		{"/v/bin/python", []string{"-\v"}, "", true},
	} {
		got, err := Shebang(tt.interp, tt.args)
		if got != tt.want || (err != nil) != tt.err {
			t.Errorf("Shebang(%q, %q) = %q, %v; want %q", tt.interp, tt.args, got, err, tt.want)
		}
		if err == nil {
			checkRoundTrip(t, tt.interp, tt.args)
		}
	}
}

// The refusals are typed and one line.
func TestShebangError(t *testing.T) {
	for _, tt := range []struct {
		interp string
		args   []string
		want   string
	}{
		{`C:\Py"thon\python.exe`, nil, `the interpreter "C:\Py"thon\python.exe" holds a double quote`},
		{"/v/bin/python\n", nil, `the interpreter holds a line end`},
		{"/v/bin/py\x00", nil, `the interpreter holds a NUL byte`},
		{"/v/bin/py\xff", nil, `the interpreter is not UTF-8`},
		{"/usr/bin/env", nil, `the interpreter "/usr/bin/env" names no program after /usr/bin/env`},
		{".venv/bin/python", nil, `the interpreter ".venv/bin/python" is not an absolute path`},
		{"/v/bin/python", []string{"-X utf8"}, `the interpreter argument "-X utf8" holds white space`},
		{"/v/bin/python", []string{""}, `an interpreter argument is empty`},
	} {
		_, err := Shebang(tt.interp, tt.args)
		var se *ShebangError
		if !errors.As(err, &se) || err.Error() != tt.want {
			t.Errorf("Shebang(%q, %q) error = %v (%T), want a *ShebangError %q", tt.interp, tt.args, err, err, tt.want)
		}
	}
	if _, err := Shebang("", nil); err != ErrNoInterpreter {
		t.Errorf("Shebang(\"\") error = %v, want %v", err, ErrNoInterpreter)
	}
}

func TestAbsolute(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ in, want string }{
		{"/v/bin/python", "/v/bin/python"},
		{`C:\Python312\python.exe`, `C:\Python312\python.exe`},
		{"/usr/bin/env python3", "/usr/bin/env python3"},
		{"<launcher_dir>/python", "<launcher_dir>/python"},
		{".venv/bin/python", filepath.Join(wd, ".venv", "bin", "python")},
		{"python3", filepath.Join(wd, "python3")},
	} {
		if got, err := Absolute(tt.in); got != tt.want || err != nil {
			t.Errorf("Absolute(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

// binaryTemplate stands for the entrypoint program: binary bytes, NULs,
// line ends and a "#!" included.
var binaryTemplate = append([]byte("\x7fELF\x02\x01\x01\x00\n#!x\x00"), bytes.Repeat([]byte{0, 1, '\n', 0xff, '#', '!', 'x', 0, 0xc3}, 300)...)

// checkRoundTrip checks that a launcher for interp and args, which
// Shebang accepts, reads back as exactly that interpreter and those args.
func checkRoundTrip(t *testing.T, interp string, args []string) {
	t.Helper()
	line, err := Shebang(interp, args)
	if err != nil {
		t.Fatalf("Shebang(%q, %q): %v", interp, args, err)
	}
	data, err := Build(Options{Template: binaryTemplate, Interpreter: interp, Args: args, Entry: "pkg.cli:main"})
	if err != nil {
		t.Fatalf("Build(%q, %q) (Shebang accepts it): %v", interp, args, err)
	}
	tr, err := trampoline.Parse(strictReader{t, data}, int64(len(data)))
	if err != nil {
		t.Fatalf("Parse of the launcher for %q %q (#!%q): %v", interp, args, line, err)
	}
	if tr.Shebang != line || tr.ShebangOffset != int64(len(binaryTemplate)) || tr.ArchiveOffset != int64(len(binaryTemplate)+len(line)+3) {
		t.Fatalf("Parse = %q at %d (archive at %d); want %q at %d", tr.Shebang, tr.ShebangOffset, tr.ArchiveOffset, line, len(binaryTemplate))
	}
	c, err := trampoline.ParseCommand(tr.Shebang, "/here")
	if err != nil {
		t.Fatalf("ParseCommand(%q): %v", tr.Shebang, err)
	}
	// What the launcher must run: /usr/bin/env's words, a path relative
	// to the launcher's directory, or the path itself; then the args.
	want := trampoline.Command{Path: interp, Args: args}
	if rest, ok := strings.CutPrefix(interp, "/usr/bin/env "); ok {
		words := strings.FieldsFunc(rest, func(r rune) bool { return r == ' ' || r == '\t' })
		want = trampoline.Command{Path: words[0], Env: true, Args: append(words[1:len(words):len(words)], args...)}
	} else if rest, ok := strings.CutPrefix(interp, trampoline.LauncherDir); ok {
		want.Path = "/here/" + strings.ReplaceAll(strings.TrimLeft(rest, `\/`), `\`, "/")
	}
	if c.Path != want.Path || c.Env != want.Env || !slices.Equal(c.Args, want.Args) {
		t.Fatalf("%q %q: #!%q reads back as %+v, want %+v", interp, args, tr.Shebang, c, want)
	}
}

// strictReader fails the test on any read outside the data.
type strictReader struct {
	t    *testing.T
	data []byte
}

func (r strictReader) ReadAt(b []byte, off int64) (int, error) {
	if off < 0 || off+int64(len(b)) > int64(len(r.data)) {
		r.t.Fatalf("read of %d bytes at %d outside a %d-byte file", len(b), off, len(r.data))
	}
	return copy(b, r.data[off:]), nil
}

// FuzzShebangRoundTrip: whatever Shebang accepts, the launcher reads back
// as exactly that interpreter and those arguments; and plain printable
// ASCII is accepted.
func FuzzShebangRoundTrip(f *testing.F) {
	for _, s := range []struct {
		interp, a1, a2 string
		n              uint8
	}{
		{"/venv/bin/python", "-E", "-s", 2},
		{"/opt/my python/bin/python3", "", "", 0},
		{`C:\Program Files\Python312\python.exe`, "-X", "utf8", 2},
		{"<launcher_dir>/python", "", "", 0},
		{`<launcher_dir>\my python.exe`, "-u", "", 1},
		{"/usr/bin/env python3", "-u", "", 1},
		{"/usr/bin/env  python3 -E", "", "", 0},
		{`/v/"bin/python`, "", "", 0},
		{`/v w/"bin/python`, "", "", 0},
		{"/v/bin/python\u00a0", "", "", 0},
		{"/v/bin/py\x00", "-\u2028", "", 1},
	} {
		f.Add(s.interp, s.a1, s.a2, s.n)
	}
	f.Fuzz(func(t *testing.T, interp, a1, a2 string, n uint8) {
		args := []string{a1, a2}[:n%3]
		if _, err := Shebang(interp, args); err == nil {
			checkRoundTrip(t, interp, args)
			return
		} else if plain(interp, args) {
			t.Fatalf("Shebang(%q, %q) refused plain text: %v", interp, args, err)
		}
	})
}

// plain reports whether interp and args are text Shebang must accept:
// printable ASCII with no double quote, args without spaces, the line
// short enough, and an absolute path other than /usr/bin/env….
func plain(interp string, args []string) bool {
	ok := func(s string, space bool) bool {
		for i := 0; i < len(s); i++ {
			if c := s[i]; c < ' ' || c > '~' || c == '"' || c == ' ' && !space {
				return false
			}
		}
		return s != ""
	}
	size := len(interp) + 2
	if !ok(interp, true) || interp[0] != '/' || strings.HasPrefix(interp, "/usr/bin/env") {
		return false
	}
	for _, a := range args {
		if !ok(a, false) {
			return false
		}
		size += 1 + len(a)
	}
	return size <= trampoline.MaxShebang
}

func TestBuildAndWrite(t *testing.T) {
	if _, err := Build(Options{Interpreter: "/p", Entry: "a:b"}); err == nil {
		t.Error("Build with no template succeeded")
	}
	l, err := Build(Options{Template: []byte("TEMPLATE"), Interpreter: "/p", Entry: "a:b"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(l), "TEMPLATE#!/p\nPK\x03\x04") {
		t.Errorf("launcher starts %q", l[:30])
	}
	if _, err := Build(Options{Template: l, Interpreter: "/p", Entry: "a:b"}); err == nil {
		t.Error("Build with a launcher as the template succeeded")
	}
	// A template ending in "#!x" would make the launcher read "x#!/p".
	if _, err := Build(Options{Template: []byte("TEMPLATE\x00#!x"), Interpreter: "/p", Entry: "a:b"}); err != ErrTemplateTail {
		t.Errorf("Build with a template ending in #!x: error %v, want %v", err, ErrTemplateTail)
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "tool")
	os.WriteFile(p, []byte("old"), 0o644)
	if err := Write(p, l); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(p)
	if err != nil || runtime.GOOS != "windows" && fi.Mode().Perm() != 0o755 || fi.Size() != int64(len(l)) {
		t.Errorf("written file: %v %v", fi, err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
	if err := Write(filepath.Join(dir, "missing", "x"), l); err == nil {
		t.Error("Write into a missing directory succeeded")
	}
}
