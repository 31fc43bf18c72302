package trampoline_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/pylauncher/py/internal/scriptmaker"
	"github.com/pylauncher/py/internal/trampoline"
)

// template stands for the entrypoint program: binary bytes, NULs included.
var template = append([]byte("\x7fELF\x02\x01\x01\x00"), bytes.Repeat([]byte{0, 1, 2, 0xff, '#', '!', 'x', 0}, 200)...)

func launcher(t testing.TB, interp string, args []string, comment string) []byte {
	t.Helper()
	data, err := scriptmaker.Build(scriptmaker.Options{Template: template, Interpreter: interp, Args: args, Entry: "pkg.cli:main"})
	if err != nil {
		t.Fatal(err)
	}
	if comment != "" {
		// Rewrite the archive with a comment.
		tr, err := trampoline.Parse(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		var zbuf bytes.Buffer
		zw := zip.NewWriter(&zbuf)
		w, _ := zw.Create("__main__.py")
		w.Write([]byte("print(1)\n"))
		zw.SetComment(comment)
		zw.Close()
		data = append(data[:tr.ArchiveOffset:tr.ArchiveOffset], zbuf.Bytes()...)
	}
	return data
}

func TestRoundTrip(t *testing.T) {
	for _, tt := range []struct {
		interp string
		args   []string
		want   string
	}{
		{"/venv/bin/python", nil, "/venv/bin/python"},
		{"/venv/bin/python", []string{"-E", "-s"}, "/venv/bin/python -E -s"},
		{"/opt/my python/bin/python3", nil, `"/opt/my python/bin/python3"`},
		{"<launcher_dir>/python", nil, "<launcher_dir>/python"},
		{"<launcher_dir>/my python", nil, `<launcher_dir>"my python"`},
		{"/usr/bin/env python3", []string{"-u"}, "/usr/bin/env python3 -u"},
	} {
		data := launcher(t, tt.interp, tt.args, "")
		tr, err := trampoline.Parse(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatalf("%s: Parse: %v", tt.interp, err)
		}
		if tr.Shebang != tt.want || tr.ShebangOffset != int64(len(template)) {
			t.Errorf("Parse = %q at %d, want %q at %d", tr.Shebang, tr.ShebangOffset, tt.want, len(template))
		}
		zr, err := zip.NewReader(bytes.NewReader(data[tr.ArchiveOffset:]), int64(len(data))-tr.ArchiveOffset)
		if err != nil {
			t.Fatal(err)
		}
		f, _ := zr.Open("__main__.py")
		main, _ := io.ReadAll(f)
		if !strings.Contains(string(main), "from pkg.cli import main") || !strings.Contains(string(main), "sys.exit(main())") {
			t.Errorf("__main__.py = %s", main)
		}
		c, err := trampoline.ParseCommand(tr.Shebang, "/here")
		if err != nil {
			t.Fatal(err)
		}
		if want := strings.ReplaceAll(strings.TrimPrefix(tt.interp, "/usr/bin/env "), "<launcher_dir>", "/here"); c.Path != want || !reflect.DeepEqual(c.Args, tt.args) {
			t.Errorf("ParseCommand(%q) = %+v, want %q %q", tr.Shebang, c, want, tt.args)
		}
	}
}

func TestParseErrors(t *testing.T) {
	good := launcher(t, "/venv/bin/python", nil, "")
	big := launcher(t, "/venv/bin/python", nil, strings.Repeat("c", 65535))
	tr, err := trampoline.Parse(bytes.NewReader(big), int64(len(big)))
	if err != nil || tr.Shebang != "/venv/bin/python" {
		t.Errorf("with a 64 KiB zip comment: %+v, %v", tr, err)
	}
	archive := good[bytes.Index(good, []byte("PK\x03\x04")):]
	// withLine is the launcher with line (its end included) as its #! line.
	withLine := func(line string) []byte {
		return append(append(append([]byte{}, template...), line...), archive...)
	}
	// zeros is a template ending as PE and ELF files often do: in padding.
	zeros := append(append([]byte{}, template...), make([]byte, 8192)...)
	withZeros := func(line string) []byte {
		return append(append(append([]byte{}, zeros...), line...), archive...)
	}
	long := withLine("#!/" + strings.Repeat("p", 5000) + "\n")
	cases := []struct {
		name string
		data []byte
		err  error
	}{
		{"template only", template, trampoline.ErrNoArchive},
		{"empty", nil, trampoline.ErrNoArchive},
		{"truncated", good[:len(good)-10], trampoline.ErrNoArchive},
		{"cut archive", append(append([]byte{}, good[:len(template)+30]...), good[len(good)-22:]...), trampoline.ErrCorrupt},
		{"no line end", bytes.Replace(good, []byte("python\n"), []byte("pythonX"), 1), trampoline.ErrNoShebang},
		{"too long", long, trampoline.ErrLongLine},
		{"too long, after zeros", withZeros("#!/" + strings.Repeat("p", 5000) + "\n"), trampoline.ErrLongLine},
		{"too long, with a NUL", withLine("#!/" + strings.Repeat("p", 5000) + "\x00p\n"), trampoline.ErrLongLine},
		{"one byte too long", withLine("#!/" + strings.Repeat("p", trampoline.MaxShebang) + "\n"), trampoline.ErrLongLine},
		{"NUL", withLine("#!/venv/bin/py\x00thon\n"), trampoline.ErrNUL},
		{"NUL after zeros", withZeros("#!/venv/bin/py\x00thon\n"), trampoline.ErrNUL},
		{"NUL first", withLine("#!\x00/venv/bin/python\n"), trampoline.ErrNUL},
		{"NUL last", withZeros("#!/venv/bin/python\x00\r\n"), trampoline.ErrNUL},
		{"not UTF-8", withLine("#!/venv/bin/py\xffthon\n"), trampoline.ErrNotUTF8},
		{"not UTF-8 after zeros", withZeros("#!/venv/bin/py\xc3thon\n"), trampoline.ErrNotUTF8},
		{"no #! after zeros", withZeros("\n"), trampoline.ErrNoShebang},
		{"no #! after zeros, text", withZeros("/venv/bin/python\n"), trampoline.ErrNoShebang},
	}
	for _, c := range cases {
		_, err := trampoline.Parse(bytes.NewReader(c.data), int64(len(c.data)))
		if !errors.Is(err, c.err) {
			t.Errorf("%s: Parse error = %v, want %v", c.name, err, c.err)
		}
	}
}

// The longest line, 4096 bytes after "#!", ending in "\n" or "\r\n".
func TestLongestLine(t *testing.T) {
	good := launcher(t, "/venv/bin/python", nil, "")
	archive := good[bytes.Index(good, []byte("PK\x03\x04")):]
	text := "/" + strings.Repeat("p", trampoline.MaxShebang-1)
	for _, end := range []string{"\n", "\r\n"} {
		data := append(append(append([]byte{}, template...), "#!"+text+end...), archive...)
		tr, err := trampoline.Parse(bytes.NewReader(data), int64(len(data)))
		if err != nil || tr.Shebang != text || tr.ShebangOffset != int64(len(template)) {
			t.Errorf("a %d-byte line ending %q: Parse = %.20q… at %d, %v", len(text), end, tr.Shebang, tr.ShebangOffset, err)
		}
	}
}

// A zipapp whose offsets count the shebang (python -m zipapp), behind a
// template: the archive "starts" at the shebang.
func TestZipappOffsets(t *testing.T) {
	for _, tt := range []struct {
		line, want string
		err        error
	}{
		{"#!/usr/bin/env python3\n", "/usr/bin/env python3", nil},
		{"#!/usr/bin/env python3\r\n", "/usr/bin/env python3", nil},
		{"#!/usr/bin/env py\x00thon3\n", "", trampoline.ErrNUL},
		{"#!\x00\n", "", trampoline.ErrNUL},
		{"#!/usr/bin/env py\xffthon3\n", "", trampoline.ErrNotUTF8},
		{"#!/" + strings.Repeat("p", 5000) + "\n", "", trampoline.ErrLongLine},
	} {
		var app bytes.Buffer
		app.WriteString(tt.line)
		zw := zip.NewWriter(&app)
		zw.SetOffset(int64(app.Len()))
		w, _ := zw.Create("__main__.py")
		w.Write([]byte("print(1)\n"))
		zw.Close()
		// SetOffset makes the offsets count the shebang; now prepend the
		// template and shift nothing: the archive's offsets are relative
		// to the shebang.
		data := append(append([]byte{}, template...), app.Bytes()...)
		tr, err := trampoline.Parse(bytes.NewReader(data), int64(len(data)))
		if tt.err != nil {
			if !errors.Is(err, tt.err) {
				t.Errorf("%.40q: Parse = %+v, %v; want %v", tt.line, tr, err, tt.err)
			}
			continue
		}
		if err != nil || tr.Shebang != tt.want || tr.ShebangOffset != int64(len(template)) {
			t.Errorf("%.40q: Parse = %+v, %v", tt.line, tr, err)
		}
	}
}

func TestParseCommand(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want trampoline.Command
		err  bool
	}{
		{`/venv/bin/python`, trampoline.Command{Path: "/venv/bin/python"}, false},
		{`"C:\Program Files\Python\python.exe" -E`, trampoline.Command{Path: `C:\Program Files\Python\python.exe`, Args: []string{"-E"}}, false},
		{`<launcher_dir>\python.exe`, trampoline.Command{Path: `C:\venv\Scripts\python.exe`}, false},
		{`<launcher_dir>\"my python.exe"`, trampoline.Command{Path: `C:\venv\Scripts\my python.exe`}, false},
		{`/usr/bin/env python3 -u`, trampoline.Command{Path: "python3", Env: true, Args: []string{"-u"}}, false},
		{`/usr/bin/env`, trampoline.Command{}, true},
		{`"unterminated`, trampoline.Command{}, true},
		{`""`, trampoline.Command{}, true},
	} {
		got, err := trampoline.ParseCommand(tt.in, `C:\venv\Scripts`)
		if (err != nil) != tt.err || err == nil && !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseCommand(%q) = %+v, %v; want %+v (error %v)", tt.in, got, err, tt.want, tt.err)
		}
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

func FuzzParse(f *testing.F) {
	f.Add(launcher(f, "/venv/bin/python", []string{"-E"}, ""))
	f.Add(launcher(f, "<launcher_dir>/python", nil, "a comment"))
	f.Add([]byte("PK\x05\x06" + strings.Repeat("\x00", 18)))
	f.Add([]byte("#!x\nPK\x03\x04PK\x05\x06\x00\x00\x00\x00\x00\x00\x00\x00\x04\x00\x00\x00\x00\x00\x00\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tr, err := trampoline.Parse(strictReader{t, data}, int64(len(data)))
		if err != nil {
			return
		}
		if len(tr.Shebang) > trampoline.MaxShebang || strings.ContainsAny(tr.Shebang, "\r\n") {
			t.Fatalf("shebang %q", tr.Shebang)
		}
		if tr.ShebangOffset < 0 || tr.ArchiveOffset > int64(len(data)) || tr.ShebangOffset > tr.ArchiveOffset {
			t.Fatalf("offsets %+v in %d bytes", tr, len(data))
		}
		_, _ = trampoline.ParseCommand(tr.Shebang, "/dir")
	})
}

func Example() {
	data, _ := scriptmaker.Build(scriptmaker.Options{Template: template, Interpreter: "/venv/bin/python", Entry: "black:patched_main"})
	tr, _ := trampoline.Parse(bytes.NewReader(data), int64(len(data)))
	fmt.Println(tr.Shebang)
	// Output: /venv/bin/python
}
