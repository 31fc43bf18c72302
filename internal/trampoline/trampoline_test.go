package trampoline_test

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

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

// corrupt returns a copy of the launcher data changed by f, which gets the
// positions of the end-of-central-directory record and of the central
// directory.
func corrupt(data []byte, f func(d []byte, eocd, cd int)) []byte {
	d := append([]byte{}, data...)
	eocd := bytes.LastIndex(d, []byte("PK\x05\x06"))
	cd := eocd - int(binary.LittleEndian.Uint32(d[eocd+12:]))
	f(d, eocd, cd)
	return d
}

// manyFiles is a launcher whose central directory (over 64 KiB) is not
// within the end of the file that Parse reads first.
func manyFiles(t testing.TB) []byte {
	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	for i := range 1000 {
		w, _ := zw.Create(fmt.Sprintf("pkg/%0100d.py", i))
		w.Write([]byte("x = 1\n"))
	}
	w, _ := zw.Create("__main__.py")
	w.Write([]byte("print(1)\n"))
	zw.Close()
	return append(append(append([]byte{}, template...), "#!/venv/bin/python\n"...), zbuf.Bytes()...)
}

func TestCorruptArchive(t *testing.T) {
	good := launcher(t, "/venv/bin/python", nil, "")
	many := manyFiles(t)
	for _, data := range [][]byte{good, many} {
		if tr, err := trampoline.Parse(strictReader{t, data}, int64(len(data))); err != nil || tr.Shebang != "/venv/bin/python" {
			t.Fatalf("Parse of a good launcher (%d bytes) = %+v, %v", len(data), tr, err)
		}
	}
	put16 := binary.LittleEndian.PutUint16
	put32 := binary.LittleEndian.PutUint32
	for _, c := range []struct {
		name string
		data []byte
		err  error
	}{
		{"central directory signature", corrupt(good, func(d []byte, eocd, cd int) { copy(d[cd:], "XXXX") }), trampoline.ErrCorrupt},
		{"central directory signature, large", corrupt(many, func(d []byte, eocd, cd int) { copy(d[cd:], "PK\x03\x04") }), trampoline.ErrCorrupt},
		{"last central directory entry", corrupt(good, func(d []byte, eocd, cd int) { put16(d[cd+28:], 1) }), trampoline.ErrCorrupt},
		{"no files", corrupt(good, func(d []byte, eocd, cd int) {
			put16(d[eocd+8:], 0)
			put16(d[eocd+10:], 0)
			put32(d[eocd+12:], 0)
			put32(d[eocd+16:], 0)
		}), trampoline.ErrEmptyArchive},
		{"no files, with a directory", corrupt(good, func(d []byte, eocd, cd int) { put16(d[eocd+8:], 0); put16(d[eocd+10:], 0) }), trampoline.ErrCorrupt},
		{"two files, one entry", corrupt(good, func(d []byte, eocd, cd int) { put16(d[eocd+8:], 2); put16(d[eocd+10:], 2) }), trampoline.ErrCorrupt},
		{"directory too short", corrupt(good, func(d []byte, eocd, cd int) { put32(d[eocd+12:], 10) }), trampoline.ErrCorrupt},
		{"directory before the file", corrupt(good, func(d []byte, eocd, cd int) { put32(d[eocd+12:], 0xffffff00) }), trampoline.ErrCorrupt},
		{"archive before the file", corrupt(good, func(d []byte, eocd, cd int) { put32(d[eocd+16:], 0xffffff00) }), trampoline.ErrCorrupt},
		{"local header offset", corrupt(good, func(d []byte, eocd, cd int) { put32(d[cd+42:], 5) }), trampoline.ErrCorrupt},
		{"local header offset past the directory", corrupt(good, func(d []byte, eocd, cd int) { put32(d[cd+42:], 0x7fffffff) }), trampoline.ErrCorrupt},
		{"local header offset, large", corrupt(many, func(d []byte, eocd, cd int) { put32(d[cd+42:], 7) }), trampoline.ErrCorrupt},
		{"local header signature", corrupt(good, func(d []byte, eocd, cd int) { copy(d[len(template)+len("#!/venv/bin/python\n"):], "XXXX") }), trampoline.ErrCorrupt},
	} {
		_, err := trampoline.Parse(strictReader{t, c.data}, int64(len(c.data)))
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

// zipapp returns a zipapp whose offsets count its #! line (as python -m
// zipapp writes them) behind the template: the archive "starts" at the
// line.
func zipapp(line string) []byte {
	var app bytes.Buffer
	app.WriteString(line)
	zw := zip.NewWriter(&app)
	zw.SetOffset(int64(app.Len()))
	w, _ := zw.Create("__main__.py")
	w.Write([]byte("print(1)\n"))
	zw.Close()
	return append(append([]byte{}, template...), app.Bytes()...)
}

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
		data := zipapp(tt.line)
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
		{`C:/Python312/python.exe -E`, trampoline.Command{Path: `C:/Python312/python.exe`, Args: []string{"-E"}}, false},
		{`\\server\share\python.exe`, trampoline.Command{Path: `\\server\share\python.exe`}, false},
		{`/usr/bin/env`, trampoline.Command{}, true},
		// A relative path would be looked up in the current directory.
		{`python3`, trampoline.Command{}, true},
		{`.venv/bin/python -E`, trampoline.Command{}, true},
		{`"my python/python"`, trampoline.Command{}, true},
		{`.\python.exe`, trampoline.Command{}, true},
		{`C:python.exe`, trampoline.Command{}, true},
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
	good := launcher(f, "/venv/bin/python", []string{"-E"}, "")
	f.Add(good)
	f.Add(launcher(f, "<launcher_dir>/python", nil, "a comment"))
	f.Add([]byte("PK\x05\x06" + strings.Repeat("\x00", 18)))
	f.Add([]byte("#!x\nPK\x03\x04PK\x05\x06\x00\x00\x00\x00\x00\x00\x00\x00\x04\x00\x00\x00\x00\x00\x00\x00\x00\x00"))
	f.Add(bytes.Replace(good, []byte("#!/venv/bin/py"), []byte("#!/venv/bin/py\x00"), 1))
	f.Add(bytes.Replace(good, []byte("#!/venv/bin/py"), []byte("#!/venv/bin/py\xff"), 1))
	f.Add(zipapp("#!/usr/bin/env py\x00thon3\n"))
	f.Add(corrupt(good, func(d []byte, eocd, cd int) { binary.LittleEndian.PutUint32(d[cd+42:], 5) }))
	f.Fuzz(func(t *testing.T, data []byte) {
		tr, err := trampoline.Parse(strictReader{t, data}, int64(len(data)))
		if err != nil {
			return
		}
		if len(tr.Shebang) > trampoline.MaxShebang || strings.ContainsAny(tr.Shebang, "\x00\r\n") || !utf8.ValidString(tr.Shebang) {
			t.Fatalf("shebang %q", tr.Shebang)
		}
		if tr.ShebangOffset < 0 || tr.ArchiveOffset+4 > int64(len(data)) || tr.ShebangOffset > tr.ArchiveOffset {
			t.Fatalf("offsets %+v in %d bytes", tr, len(data))
		}
		// The trailer describes the bytes: "#!", the shebang (and white
		// space), a line end, then (unless the archive's offsets count
		// the line) only line ends up to a local file header.
		line := data[tr.ShebangOffset:]
		if !bytes.HasPrefix(line, []byte("#!")) {
			t.Fatalf("no #! at %d", tr.ShebangOffset)
		}
		end := bytes.IndexAny(line, "\r\n")
		if end < 0 || strings.TrimSpace(string(line[2:end])) != tr.Shebang {
			t.Fatalf("the line at %d does not read %q", tr.ShebangOffset, tr.Shebang)
		}
		if tr.ArchiveOffset != tr.ShebangOffset {
			if gap := data[tr.ShebangOffset+int64(end) : tr.ArchiveOffset]; len(gap) == 0 || len(bytes.Trim(gap, "\r\n")) != 0 {
				t.Fatalf("%q between the line and the archive", gap)
			}
			if !bytes.HasPrefix(data[tr.ArchiveOffset:], []byte("PK\x03\x04")) {
				t.Fatalf("no local file header at %d", tr.ArchiveOffset)
			}
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
