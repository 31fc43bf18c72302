package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"
)

var testTime = time.Unix(1796130600, 0).UTC()

func testFiles() []file {
	return []file{
		{Name: "py", Mode: 0o755, Data: []byte("program py")},
		{Name: "README.md", Mode: 0o644, Data: []byte("# py\n")},
		{Name: "entrypoint", Mode: 0o755, Data: bytes.Repeat([]byte("template "), 1000)},
	}
}

func reversed(fs []file) []file {
	out := make([]file, len(fs))
	for i, f := range fs {
		out[len(fs)-1-i] = f
	}
	return out
}

// An archive depends only on its files and the time: not on the order
// they come in, nor on when or by whom it is made.
func TestTarGzReproducible(t *testing.T) {
	var a, b bytes.Buffer
	if err := writeTarGz(&a, "py-v1-linux-amd64", testFiles(), testTime); err != nil {
		t.Fatal(err)
	}
	if err := writeTarGz(&b, "py-v1-linux-amd64", reversed(testFiles()), testTime); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two archives of the same files differ")
	}
	gz, err := gzip.NewReader(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if gz.Name != "" || !gz.ModTime.IsZero() {
		t.Errorf("gzip header: name %q, time %v; want neither", gz.Name, gz.ModTime)
	}
	tr := tar.NewReader(gz)
	var names []string
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, h.Name)
		if !h.ModTime.Equal(testTime) || h.Uid != 0 || h.Gid != 0 || h.Uname != "" || h.Gname != "" {
			t.Errorf("%s: time %v, owner %d:%d (%q:%q)", h.Name, h.ModTime, h.Uid, h.Gid, h.Uname, h.Gname)
		}
		want := map[string]int64{"py-v1-linux-amd64/": 0o755, "py-v1-linux-amd64/py": 0o755, "py-v1-linux-amd64/entrypoint": 0o755, "py-v1-linux-amd64/README.md": 0o644}[h.Name]
		if h.Mode != want {
			t.Errorf("%s: mode %o, want %o", h.Name, h.Mode, want)
		}
	}
	wantNames := []string{"py-v1-linux-amd64/", "py-v1-linux-amd64/README.md", "py-v1-linux-amd64/entrypoint", "py-v1-linux-amd64/py"}
	if len(names) != len(wantNames) {
		t.Fatalf("entries %q, want %q", names, wantNames)
	}
	for i := range names {
		if names[i] != wantNames[i] {
			t.Errorf("entries %q, want %q (sorted)", names, wantNames)
		}
	}
}

func TestZipReproducible(t *testing.T) {
	var a, b bytes.Buffer
	if err := writeZip(&a, "py-v1-windows-amd64", testFiles(), testTime); err != nil {
		t.Fatal(err)
	}
	if err := writeZip(&b, "py-v1-windows-amd64", reversed(testFiles()), testTime); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two archives of the same files differ")
	}
	zr, err := zip.NewReader(bytes.NewReader(a.Bytes()), int64(a.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if !f.Modified.Equal(testTime) {
			t.Errorf("%s: time %v, want %v", f.Name, f.Modified, testTime)
		}
	}
	if len(names) != 4 || names[0] != "py-v1-windows-amd64/" || names[1] != "py-v1-windows-amd64/README.md" || names[3] != "py-v1-windows-amd64/py" {
		t.Errorf("entries %q", names)
	}
	if m := zr.File[3].Mode(); m.Perm() != 0o755 {
		t.Errorf("py: mode %v", m)
	}
	entries, err := archiveEntries(a.Bytes(), true)
	if err != nil || len(entries) != 3 {
		t.Errorf("archiveEntries = %q, %v", entries, err)
	}
}

func TestGzipFile(t *testing.T) {
	a, b := gzipFile([]byte(".TH PY 1\n")), gzipFile([]byte(".TH PY 1\n"))
	if !bytes.Equal(a, b) {
		t.Error("gzipFile differs")
	}
	gz, err := gzip.NewReader(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	if gz.Name != "" || !gz.ModTime.IsZero() {
		t.Errorf("gzip header: name %q, time %v", gz.Name, gz.ModTime)
	}
}

func TestSums(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "b"), []byte("b"), 0o644)
	os.WriteFile(filepath.Join(dir, "a"), []byte("a"), 0o644)
	text, m, err := sums(dir, []string{"b", "a"})
	want := "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb  a\n" +
		"3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d  b\n"
	if err != nil || text != want || m["a"] != "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb" {
		t.Errorf("sums = %q, %v, %v", text, m, err)
	}
}

func TestReadDirModes(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "py"), []byte("x"), 0o700)
	os.WriteFile(filepath.Join(dir, "py.exe"), []byte("x"), 0o600)
	os.WriteFile(filepath.Join(dir, "notes"), []byte("x"), 0o600)
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	fs, err := readDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int64{}
	for _, f := range fs {
		got[f.Name] = f.Mode
	}
	if len(got) != 3 || got["py"] != 0o755 || got["py.exe"] != 0o755 || got["notes"] != 0o644 {
		t.Errorf("readDir modes = %v", got)
	}
}
