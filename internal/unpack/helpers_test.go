package unpack

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/klauspost/compress/zstd"
)

// ent is an archive entry for the tests.
type ent struct {
	name string
	typ  byte  // a tar type flag; tar.TypeReg when 0
	mode int64 // 0o644 when 0 (0o755 for a directory)
	body string
	link string
}

func (e ent) typeflag() byte {
	if e.typ == 0 {
		return tar.TypeReg
	}
	return e.typ
}

func (e ent) perm() int64 {
	switch {
	case e.mode != 0:
		return e.mode
	case e.typeflag() == tar.TypeDir:
		return 0o755
	}
	return 0o644
}

func dir(name string) ent               { return ent{name: name, typ: tar.TypeDir} }
func file(name, body string) ent        { return ent{name: name, body: body} }
func exe(name, body string) ent         { return ent{name: name, body: body, mode: 0o755} }
func symlink(name, target string) ent   { return ent{name: name, typ: tar.TypeSymlink, link: target} }
func hardlink(name, target string) ent  { return ent{name: name, typ: tar.TypeLink, link: target} }
func special(name string, typ byte) ent { return ent{name: name, typ: typ} }
func withMode(e ent, mode int64) ent    { e.mode = mode; return e }
func bigFile(name string, size int) ent { return file(name, strings.Repeat("\x00", size)) }
func entries(es ...ent) []ent           { return es }

var epoch = time.Date(2026, 6, 10, 0, 0, 0, 0, time.UTC)

// tarOf writes es as a tar.
func tarOf(t testing.TB, es []ent) []byte {
	t.Helper()
	var b bytes.Buffer
	tw := tar.NewWriter(&b)
	for _, e := range es {
		h := &tar.Header{Name: e.name, Typeflag: e.typeflag(), Mode: e.perm(), Linkname: e.link, ModTime: epoch}
		if h.Typeflag == tar.TypeReg {
			h.Size = int64(len(e.body))
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatalf("tar header %q: %v", e.name, err)
		}
		if _, err := tw.Write([]byte(e.body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// zipOf writes es as a zip: tar types become modes.
func zipOf(t testing.TB, es []ent) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, e := range es {
		mode := fsMode(e.perm())
		body := e.body
		name := e.name
		switch e.typeflag() {
		case tar.TypeDir:
			mode |= fs.ModeDir
			if !strings.HasSuffix(name, "/") {
				name += "/"
			}
		case tar.TypeSymlink:
			mode |= fs.ModeSymlink
			body = e.link
		case tar.TypeChar:
			mode |= fs.ModeDevice | fs.ModeCharDevice
		case tar.TypeBlock:
			mode |= fs.ModeDevice
		case tar.TypeFifo:
			mode |= fs.ModeNamedPipe
		case 's':
			mode |= fs.ModeSocket
		case tar.TypeReg:
		default:
			t.Fatalf("zipOf: type %q", e.typ)
		}
		h := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: epoch}
		h.SetMode(mode)
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// fsMode turns a tar mode into a FileMode's permission bits.
func fsMode(m int64) fs.FileMode {
	mode := fs.FileMode(m & 0o777)
	for bit, fm := range map[int64]fs.FileMode{0o4000: fs.ModeSetuid, 0o2000: fs.ModeSetgid, 0o1000: fs.ModeSticky} {
		if m&bit != 0 {
			mode |= fm
		}
	}
	return mode
}

type writerFunc func(*bytes.Buffer) (io.WriteCloser, error)

func gzipW(b *bytes.Buffer) (io.WriteCloser, error) { return gzip.NewWriter(b), nil }
func zstdW(b *bytes.Buffer) (io.WriteCloser, error) { return zstd.NewWriter(b) }

func compress(t testing.TB, data []byte, w writerFunc) []byte {
	t.Helper()
	var b bytes.Buffer
	z, err := w(&b)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := z.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// archive writes es in format f (not TarBz2, which Go cannot write).
func archive(t testing.TB, f Format, es []ent) []byte {
	t.Helper()
	switch f {
	case TarGz:
		return compress(t, tarOf(t, es), gzipW)
	case TarZst:
		return compress(t, tarOf(t, es), zstdW)
	case Zip:
		return zipOf(t, es)
	}
	t.Fatalf("archive: format %v", f)
	return nil
}

// target is a directory to extract into, x, in a parent of its own,
// beside which the parent holds outside/passwd, a canary.
type target struct {
	parent, dir string
}

const canary = "canary\n"

func newTarget(t testing.TB) target {
	t.Helper()
	parent := t.TempDir()
	tg := target{parent: parent, dir: filepath.Join(parent, "x")}
	if err := os.Mkdir(tg.dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(parent, "outside"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(tg.outside("passwd"), []byte(canary), 0o644); err != nil {
		t.Fatal(err)
	}
	return tg
}

// outside is a path in the parent, beside dir.
func (tg target) outside(name string) string { return filepath.Join(tg.parent, "outside", name) }

// checkOutside fails the test unless the parent holds only dir, the
// canary and what is under dir, the canary unchanged, and unless every
// symbolic link under dir that resolves resolves under dir.
func (tg target) checkOutside(t testing.TB) {
	t.Helper()
	err := filepath.WalkDir(tg.parent, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch p {
		case tg.parent, tg.dir, filepath.Dir(tg.outside("passwd")), tg.outside("passwd"):
			return nil
		}
		if !strings.HasPrefix(p, tg.dir+string(filepath.Separator)) {
			t.Errorf("written outside the directory: %s", p)
		}
		if d.Type()&fs.ModeSymlink != 0 {
			tg.checkLink(t, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(tg.outside("passwd")); err != nil || string(b) != canary {
		t.Errorf("the canary outside was changed: %q, %v", b, err)
	}
}

func (tg target) checkLink(t testing.TB, p string) {
	t.Helper()
	resolved, err := filepath.EvalSymlinks(p)
	if err != nil {
		return // dangling, or a loop: nothing is reached
	}
	root, err := filepath.EvalSymlinks(tg.dir)
	if err != nil {
		t.Fatal(err)
	}
	if resolved != root && !strings.HasPrefix(resolved, root+string(filepath.Separator)) {
		t.Errorf("symlink %s resolves outside the directory: %s", p, resolved)
	}
}

// describe lists what is under dir, one line an entry, sorted: "d name
// mode", "f name mode body", "l name -> target".
func describe(t testing.TB, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel := filepath.ToSlash(p[len(dir)+1:])
		fi, err := d.Info()
		if err != nil {
			return err
		}
		mode := fmt.Sprintf("%o", fi.Mode()&(fs.ModePerm|fs.ModeSetuid|fs.ModeSetgid|fs.ModeSticky))
		if runtime.GOOS == "windows" {
			mode = "-"
		}
		switch {
		case d.IsDir():
			out = append(out, "d "+rel+" "+mode)
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			out = append(out, "l "+rel+" -> "+filepath.ToSlash(target))
		case d.Type().IsRegular():
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out = append(out, "f "+rel+" "+mode+" "+string(b))
		default:
			out = append(out, "? "+rel+" "+fi.Mode().String())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// extractWith extracts data as Extract does, making symbolic links or not.
func extractWith(t testing.TB, data []byte, f Format, dir string, lim Limits, symlinks bool) error {
	t.Helper()
	if err := emptyDir(dir); err != nil {
		t.Fatal(err)
	}
	x := newExtractor(dir, lim.orDefaults())
	x.symlinks = symlinks
	return x.extract(bytes.NewReader(data), f)
}

// checkNoSymlinks fails the test if there is a symbolic link under dir.
func (tg target) checkNoSymlinks(t testing.TB) {
	t.Helper()
	err := filepath.WalkDir(tg.dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type()&fs.ModeSymlink != 0 {
			t.Errorf("a symbolic link was made: %s", p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// withoutSymlinks is es without its symbolic links.
func withoutSymlinks(es []ent) []ent {
	return slices.DeleteFunc(slices.Clone(es), func(e ent) bool { return e.typeflag() == tar.TypeSymlink })
}

// withoutSymlinkLines is describe's lines without those of symbolic links.
func withoutSymlinkLines(lines []string) []string {
	return slices.DeleteFunc(slices.Clone(lines), func(l string) bool { return strings.HasPrefix(l, "l ") })
}

// platformModes is describe's lines as describe gives them on this
// platform: on Windows, which has no Unix modes, "-" for every mode.
func platformModes(lines []string) []string {
	if runtime.GOOS != "windows" {
		return lines
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		if parts := strings.SplitN(l, " ", 4); len(parts) >= 3 && (parts[0] == "d" || parts[0] == "f") {
			parts[2] = "-"
			l = strings.Join(parts, " ")
		}
		out[i] = l
	}
	return out
}
