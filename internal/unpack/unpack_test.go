package unpack

import (
	"archive/zip"
	"bytes"
	"compress/bzip2"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

func TestFormatOf(t *testing.T) {
	for _, tt := range []struct {
		name string
		want Format
	}{
		{"cpython-3.14.6+20260610-x86_64-unknown-linux-gnu-install_only.tar.gz", TarGz},
		{"https://github.com/astral-sh/python-build-standalone/releases/download/20260610/cpython-3.14.6%2B20260610-x86_64-unknown-linux-gnu-install_only_stripped.tar.gz", TarGz},
		{"https://example/x.tar.gz?raw=1#frag", TarGz},
		{"X.TGZ", TarGz},
		{"cpython-3.14.6+20260610-x86_64-unknown-linux-gnu-debug-full.tar.zst", TarZst},
		{"pypy3.10-v7.3.17-linux64.tar.bz2", TarBz2},
		{`C:\Users\me\Downloads\python-3.14.6-amd64.zip`, Zip},
		{"https://www.python.org/ftp/python/3.14.6/python-3.14.6-amd64.nupkg", Zip},
		{"file:///srv/mirror/python.zip", Zip},
		{"python.tar", 0},
		{"python.gz", 0},
		{"python.zst", 0},
		{".tar.gz", 0},
		{"", 0},
		{"https://example/x.zip/download", 0},
	} {
		got, err := FormatOf(tt.name)
		if got != tt.want {
			t.Errorf("FormatOf(%q) = %v, want %v", tt.name, got, tt.want)
		}
		var fe *FormatError
		if (tt.want == 0) != errors.As(err, &fe) {
			t.Errorf("FormatOf(%q): error %v", tt.name, err)
		}
	}
}

func TestFormatString(t *testing.T) {
	for f, want := range map[Format]string{TarGz: "tar.gz", TarZst: "tar.zst", TarBz2: "tar.bz2", Zip: "zip", 0: "Format(0)"} {
		if got := f.String(); got != want {
			t.Errorf("Format(%d).String() = %q, want %q", int(f), got, want)
		}
	}
}

func TestErrorMessages(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want string
	}{
		{&Error{Entry: `..\x`, Reason: "backslash in the name"}, `bad archive entry "..\x": backslash in the name`},
		{&Error{Entry: "a\nb", Reason: "absolute name"}, `bad archive entry "a\nb": absolute name`},
		{&Error{Reason: "not gzip data: gzip: invalid header"}, `bad archive: not gzip data: gzip: invalid header`},
		{&FormatError{`C:\x.rar`}, `unknown archive format: "C:\x.rar" (want .tar.gz, .tgz, .tar.zst, .tar.bz2, .zip or .nupkg)`},
		{&LayoutError{`C:\py`, "no python.exe"}, `not a Python install: "C:\py": no python.exe`},
	} {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("got  %s\nwant %s", got, tt.want)
		}
	}
}

// sample is an archive of every kind of entry Extract makes. Its tar is
// testdata/sample.tar.bz2 (bzip2 -9), which TestBz2Testdata checks.
var sample = entries(
	dir("python/"),
	dir("python/bin/"),
	exe("python/bin/python3.14", "#!elf"),
	symlink("python/bin/python3", "python3.14"),
	file("python/lib/python3.14/os.py", "import sys\n"), // no entries for its directories
	withMode(exe("python/lib/libx.so", "so"), 0o4755),
	withMode(file("python/lib/private.txt", "p"), 0o600),
	withMode(dir("python/share/"), 0o1777),
	dir("./python/share/empty"),
	file("python/lib/dup.txt", "first"),
	file("python/lib/dup.txt", "second"), // a later entry replaces a file
)

// sampleHardlink is the sample's hard link (zips have none).
var sampleHardlink = hardlink("python/bin/python3.14-hard", "python/bin/python3.14")

var sampleWant = []string{
	"d python 755",
	"d python/bin 755",
	"d python/lib 755",
	"d python/lib/python3.14 755",
	"d python/share 755",
	"d python/share/empty 755",
	"f python/bin/python3.14 755 #!elf",
	"f python/lib/dup.txt 644 second",
	"f python/lib/libx.so 755 so",
	"f python/lib/private.txt 644 p",
	"f python/lib/python3.14/os.py 644 import sys\n",
	"l python/bin/python3 -> python3.14",
}

// TestExtractFormats extracts the sample in every format. On Windows,
// which makes no symbolic links, it is the sample without its link but
// for testdata/sample.tar.bz2, refused at its link.
func TestExtractFormats(t *testing.T) {
	withHard := append(slices.Clone(sample), sampleHardlink)
	wantHard := append(slices.Clone(sampleWant), "f python/bin/python3.14-hard 755 #!elf")
	slices.Sort(wantHard)
	bz2, err := os.ReadFile("testdata/sample.tar.bz2")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		format Format
		es     []ent // nil: testdata/sample.tar.bz2
		want   []string
	}{
		{TarGz, withHard, wantHard},
		{TarZst, withHard, wantHard},
		{TarBz2, nil, wantHard},
		{Zip, sample, sampleWant},
	} {
		t.Run(tt.format.String(), func(t *testing.T) {
			tg := newTarget(t)
			data, want := bz2, tt.want
			if runtime.GOOS == "windows" {
				want = platformModes(withoutSymlinkLines(want))
			}
			if tt.es != nil {
				es := tt.es
				if runtime.GOOS == "windows" {
					es = withoutSymlinks(es)
				}
				data = archive(t, tt.format, es)
			}
			err := Extract(bytes.NewReader(data), tt.format, tg.dir, Limits{})
			var ue *Error
			switch {
			case runtime.GOOS == "windows" && tt.es == nil:
				if !errors.As(err, &ue) || ue.Entry != "python/bin/python3" || !strings.Contains(ue.Reason, noLinksReason) {
					t.Errorf("got %v, want an *Error at the symbolic link", err)
				}
			case err != nil:
				t.Fatal(err)
			default:
				if got := describe(t, tg.dir); !slices.Equal(got, want) {
					t.Errorf("extracted:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
				}
			}
			tg.checkOutside(t)
		})
	}
}

// TestBz2Testdata checks that testdata/sample.tar.bz2 is the sample's tar,
// which is made again by: bzip2 -9 < the tar > testdata/sample.tar.bz2.
func TestBz2Testdata(t *testing.T) {
	f, err := os.Open("testdata/sample.tar.bz2")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := io.ReadAll(bzip2.NewReader(f))
	if err != nil {
		t.Fatal(err)
	}
	if want := tarOf(t, append(slices.Clone(sample), sampleHardlink)); !bytes.Equal(got, want) {
		t.Errorf("testdata/sample.tar.bz2 is not the sample's tar (%d bytes, want %d): make it again", len(got), len(want))
	}
}

func TestEndsInDotOrSpace(t *testing.T) {
	for name, want := range map[string]bool{
		"a": false, "a/b": false, "..x": false, ".x/y": false, "a b/c d": false, "python.exe": false,
		"x.": true, "x..": true, "...": true, ".. ": true, "a /b": true, "a./b": true, "a/b ": true, "a/b.": true,
	} {
		if got := endsInDotOrSpace(name); got != want {
			t.Errorf("endsInDotOrSpace(%q) = %v", name, got)
		}
	}
}

func TestExtractHardlinkIsShared(t *testing.T) {
	tg := newTarget(t)
	data := archive(t, TarGz, entries(exe("a", "x"), hardlink("b", "a")))
	if err := Extract(bytes.NewReader(data), TarGz, tg.dir, Limits{}); err != nil {
		t.Fatal(err)
	}
	a, err1 := os.Stat(filepath.Join(tg.dir, "a"))
	b, err2 := os.Stat(filepath.Join(tg.dir, "b"))
	if err1 != nil || err2 != nil || !os.SameFile(a, b) {
		t.Errorf("b is not a hard link of a: %v, %v", err1, err2)
	}
}

func TestExtractModes(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes")
	}
	for _, tt := range []struct {
		mode int64
		dir  bool
		want fs.FileMode
	}{
		{0o644, false, 0o644},
		{0o600, false, 0o644},
		{0o000, false, 0o644},
		{0o666, false, 0o644},
		{0o700, false, 0o755},
		{0o744, false, 0o755},
		{0o001, false, 0o755},
		{0o777, false, 0o755},
		{0o4755, false, 0o755},
		{0o2755, false, 0o755},
		{0o1755, false, 0o755},
		{0o6777, false, 0o755},
		{0o7644, false, 0o644},
		{0o700, true, 0o755},
		{0o1777, true, 0o755},
		{0o2775, true, 0o755},
		{0o000, true, 0o755},
	} {
		for _, f := range []Format{TarGz, Zip} {
			tg := newTarget(t)
			e := withMode(file("e", "x"), tt.mode)
			if tt.dir {
				e = withMode(dir("e"), tt.mode)
			}
			if tt.mode == 0 {
				e.mode = 0o10000 // not 0, which perm() takes as the default; no permission bit, ignored
			}
			if err := Extract(bytes.NewReader(archive(t, f, entries(e))), f, tg.dir, Limits{}); err != nil {
				t.Fatalf("%v %o: %v", f, tt.mode, err)
			}
			fi, err := os.Stat(filepath.Join(tg.dir, "e"))
			if err != nil {
				t.Fatal(err)
			}
			got := fi.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky)
			if got != tt.want || fi.IsDir() != tt.dir {
				t.Errorf("%v: mode %o (dir %v) extracted as %v, want %o", f, tt.mode, tt.dir, fi.Mode(), tt.want)
			}
		}
	}
}

// TestExtractUmask checks that modes are set whatever the umask.
func TestExtractUmask(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes")
	}
	old := setUmask(0o077)
	defer setUmask(old)
	tg := newTarget(t)
	data := archive(t, TarGz, entries(file("d/f", "x"), exe("d/e", "x")))
	if err := Extract(bytes.NewReader(data), TarGz, tg.dir, Limits{}); err != nil {
		t.Fatal(err)
	}
	want := []string{"d d 755", "f d/e 755 x", "f d/f 644 x"}
	if got := describe(t, tg.dir); !slices.Equal(got, want) {
		t.Errorf("under umask 077: %q, want %q", got, want)
	}
}

func TestExtractDirMustBeEmpty(t *testing.T) {
	data := archive(t, TarGz, entries(file("a", "x")))
	tg := newTarget(t)
	if err := os.WriteFile(filepath.Join(tg.dir, "old"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	err := Extract(bytes.NewReader(data), TarGz, tg.dir, Limits{})
	if err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("into a directory not empty: %v", err)
	}
	if _, err := os.Lstat(filepath.Join(tg.dir, "a")); err == nil {
		t.Error("extracted into a directory not empty")
	}
	err = Extract(bytes.NewReader(data), TarGz, filepath.Join(tg.dir, "missing"), Limits{})
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("into a missing directory: %v", err)
	}
	err = Extract(bytes.NewReader(data), 0, newTarget(t).dir, Limits{})
	if err == nil {
		t.Error("format 0: no error")
	}
}

// TestExtractZipReaders extracts a zip from a reader it must copy first,
// from one it reads in place (from its offset), and from an *os.File.
func TestExtractZipReaders(t *testing.T) {
	data := archive(t, Zip, entries(file("a/b", "hello")))
	want := platformModes([]string{"d a 755", "f a/b 644 hello"})
	withPrefix := bytes.NewReader(append([]byte("junk"), data...))
	if _, err := withPrefix.Seek(4, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	osFile := filepath.Join(t.TempDir(), "a.zip")
	if err := os.WriteFile(osFile, data, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(osFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for name, r := range map[string]io.Reader{
		"stream":    io.MultiReader(bytes.NewReader(data)),
		"in place":  withPrefix,
		"*os.File":  f,
		"a section": io.NewSectionReader(bytes.NewReader(data), 0, int64(len(data))),
	} {
		tg := newTarget(t)
		if err := Extract(r, Zip, tg.dir, Limits{}); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if got := describe(t, tg.dir); !slices.Equal(got, want) {
			t.Errorf("%s: %q, want %q", name, got, want)
		}
		tg.checkOutside(t) // no copy left in the parent
	}
}

// TestExtractZipSpoolLimit: a streamed zip larger than the limits allow
// is refused while it is copied, and its copy removed.
func TestExtractZipSpoolLimit(t *testing.T) {
	tg := newTarget(t)
	lim := Limits{MaxBytes: 1000, MaxFiles: 1}
	huge := io.MultiReader(bytes.NewReader(make([]byte, 1<<21)))
	err := Extract(huge, Zip, tg.dir, lim)
	var ue *Error
	if !errors.As(err, &ue) || !strings.Contains(ue.Reason, "over the size limit") {
		t.Errorf("a 2 MiB stream under a 1000-byte limit: %v", err)
	}
	tg.checkOutside(t)
}

// TestExtractCorrupt: an archive cut short or damaged is an *Error; what
// was extracted before stays, for the caller to remove.
func TestExtractCorrupt(t *testing.T) {
	es := entries(file("a", strings.Repeat("hello ", 1000)), file("b", strings.Repeat("world ", 1000)), file("c", "end"))
	bz2, err := os.ReadFile("testdata/sample.tar.bz2")
	if err != nil {
		t.Fatal(err)
	}
	type corrupt struct {
		name string
		f    Format
		data []byte
	}
	var cases []corrupt
	for _, f := range []Format{TarGz, TarZst, Zip} {
		data := archive(t, f, es)
		inData := len(data) / 2 // in the compressed stream
		if f == Zip {
			inData = zipDataOffset(t, data) + 2 // in the first entry's data
		}
		cases = append(cases,
			corrupt{"empty", f, nil},
			corrupt{"half", f, data[:len(data)/2]},
			corrupt{"all but the last byte", f, data[:len(data)-1]},
			corrupt{"a byte changed", f, flip(data, inData)},
			corrupt{"not an archive", f, []byte("<html>not found</html>")},
		)
	}
	cases = append(cases,
		corrupt{"half", TarBz2, bz2[:len(bz2)/2]},
		corrupt{"a byte changed", TarBz2, flip(bz2, len(bz2)/2)},
		corrupt{"not an archive", TarBz2, []byte("<html>not found</html>")},
		// The tar inside is whole, its compression is not.
		corrupt{"no gzip trailer", TarGz, archive(t, TarGz, es)[:len(archive(t, TarGz, es))-8]},
		corrupt{"a tar cut short", TarGz, gzipOf(t, tarOf(t, es)[:3000])},
		corrupt{"a tar cut short between entries", TarGz, gzipOf(t, tarOf(t, entries(file("a", "x"), file("b", "y")))[:1024])},
		corrupt{"a tar with nothing", TarGz, gzipOf(t, nil)},
	)
	for _, tt := range cases {
		err := Extract(bytes.NewReader(tt.data), tt.f, newTarget(t).dir, Limits{})
		var ue *Error
		if !errors.As(err, &ue) {
			t.Errorf("%v, %s: %v, want an *Error", tt.f, tt.name, err)
		}
	}
}

func zipDataOffset(t *testing.T, data []byte) int {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	off, err := zr.File[0].DataOffset()
	if err != nil {
		t.Fatal(err)
	}
	return int(off)
}

func flip(b []byte, i int) []byte {
	b = slices.Clone(b)
	b[i] ^= 0x55
	return b
}

func gzipOf(t testing.TB, b []byte) []byte { return compress(t, b, gzipW) }

func TestExtractTrailing(t *testing.T) {
	es := entries(file("a", "x"))
	tarb := tarOf(t, es)
	for _, tt := range []struct {
		trailing int
		ok       bool
	}{
		{0, true},
		{10240, true}, // a record's padding
		{1 << 20, true},
		{1<<20 + 1, false},
	} {
		data := gzipOf(t, append(slices.Clone(tarb), make([]byte, tt.trailing)...))
		err := Extract(bytes.NewReader(data), TarGz, newTarget(t).dir, Limits{})
		if (err == nil) != tt.ok {
			t.Errorf("%d bytes after the tar: %v", tt.trailing, err)
		}
	}
}
