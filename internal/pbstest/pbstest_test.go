package pbstest

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pylauncher/py/internal/unpack"
)

func TestVersionsAndRelease(t *testing.T) {
	if got, want := Versions(), []string{"3.14.6", "3.11.11", "3.10.16"}; !slices.Equal(got, want) {
		t.Errorf("Versions() = %q, want %q", got, want)
	}
	for v, want := range map[string]string{"3.14.6": "20260610", "3.11.11": "20241219", "3.10.16": "20241219", "3.9.0": ""} {
		if got := Release(v); got != want {
			t.Errorf("Release(%q) = %q, want %q", v, got, want)
		}
	}
}

// install extracts archive as py install does, and lays it out.
func install(t *testing.T, archive []byte, goos string) (dir, exe string) {
	t.Helper()
	dir = filepath.Join(t.TempDir(), "install")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := unpack.Extract(bytes.NewReader(archive), unpack.TarGz, dir, unpack.Limits{}); err != nil {
		t.Fatal(err)
	}
	exe, err := unpack.Layout(dir, goos)
	if err != nil {
		t.Fatal(err)
	}
	return dir, exe
}

// TestRealPython installs the real 3.14.6 for Linux and runs it.
func TestRealPython(t *testing.T) {
	if runtime.GOOS != "linux" || runtime.GOARCH != "amd64" {
		t.Skip("the build is for linux-amd64")
	}
	start := time.Now()
	tree := Tree(t, "3.14.6", "linux-amd64")
	t.Logf("Tree: %v", time.Since(start))
	if again := Tree(t, "3.14.6", "linux-amd64"); again != tree {
		t.Errorf("Tree again = %s, want %s", again, tree)
	}

	start = time.Now()
	archive := InstallOnly(t, tree)
	t.Logf("InstallOnly: %v, %d bytes", time.Since(start), len(archive))

	start = time.Now()
	dir, exe := install(t, archive, "linux")
	t.Logf("Extract and Layout: %v", time.Since(start))
	if exe != "bin/python3" {
		t.Errorf("Layout = %q, want bin/python3", exe)
	}

	start = time.Now()
	out, err := exec.Command(filepath.Join(dir, "bin", "python3.14"), "-c", "import ssl, sqlite3, venv; print('ok')").CombinedOutput()
	t.Logf("python: %v", time.Since(start))
	if err != nil || string(out) != "ok\n" {
		t.Fatalf("bin/python3.14: %q, %v", out, err)
	}
	out, err = exec.Command(filepath.Join(dir, filepath.FromSlash(exe)), "-c", "import sys; print(sys.version.split()[0], sys.prefix)").CombinedOutput()
	if want := "3.14.6 " + dir + "\n"; err != nil || string(out) != want {
		t.Errorf("%s: %q, %v; want %q", exe, out, err, want)
	}
}

// TestOldPython installs 3.10.16, of an older release, and asks its version.
func TestOldPython(t *testing.T) {
	if runtime.GOOS != "linux" || runtime.GOARCH != "amd64" {
		t.Skip("the build is for linux-amd64")
	}
	if testing.Short() {
		t.Skip("-short")
	}
	dir, exe := install(t, InstallOnly(t, Tree(t, "3.10.16", "linux-amd64")), "linux")
	out, err := exec.Command(filepath.Join(dir, filepath.FromSlash(exe)), "-c", "import sys; print(sys.version.split()[0])").CombinedOutput()
	if err != nil || string(out) != "3.10.16\n" {
		t.Errorf("%s: %q, %v", exe, out, err)
	}
}

// TestWindowsTree lays out the Windows build (without running it).
func TestWindowsTree(t *testing.T) {
	dir, exe := install(t, InstallOnly(t, Tree(t, "3.14.6", "windows-amd64")), "windows")
	if exe != "python.exe" {
		t.Errorf("Layout = %q, want python.exe", exe)
	}
	for _, f := range []string{"python314.dll", "Lib/os.py", "DLLs/_ssl.pyd"} {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(f))); err != nil {
			t.Error(err)
		}
	}
}

func TestTreeUnknownPlatform(t *testing.T) {
	r := tree(t.Context(), builds["3.14.6"], "plan9-mips")
	if msg, skip := r.verdict(os.Getenv(EnvRequireReal) != ""); skip {
		t.Skip(msg)
	}
	want := `no build for "plan9-mips" (it has darwin-amd64, darwin-arm64, linux-amd64, linux-arm64, windows-amd64)`
	if r.err == nil || r.unavailable || !strings.Contains(r.err.Error(), want) {
		t.Errorf("a platform the module has no build for: %v, unavailable %v", r.err, r.unavailable)
	}
}

// TestModuleUnavailable: no go command, or a version neither in the
// module cache nor to be downloaded, is a module that cannot be had.
func TestModuleUnavailable(t *testing.T) {
	t.Run("no go", func(t *testing.T) {
		t.Setenv("PATH", "")
		t.Setenv(EnvModCache, "")
		if _, err := moduleDir(t.Context(), builds["3.14.6"]); err == nil || !strings.Contains(err.Error(), "no go command") {
			t.Errorf("moduleDir without go: %v", err)
		}
	})
	t.Run("not to be had", func(t *testing.T) {
		if _, err := exec.LookPath("go"); err != nil {
			t.Skipf("go mod download's error needs the go command: %v", err)
		}
		t.Setenv("GOPROXY", "off")
		t.Setenv("GOFLAGS", "-mod=mod")
		_, err := moduleDir(t.Context(), "v0.0.0-3.0.0-19000101-1")
		if err == nil || !strings.Contains(err.Error(), "go mod download: github.com/kluctl/go-embed-python@v0.0.0-3.0.0-19000101-1") {
			t.Errorf("moduleDir of a version not to be had: %v", err)
		}
	})
}

// TestModCache: the module is found in the module cache PYTEST_GOMODCACHE
// names, with no go command (under wine); a version that cache lacks is
// left to the go command.
func TestModCache(t *testing.T) {
	cache := t.TempDir()
	dir := filepath.Join(cache, "github.com", "kluctl", "go-embed-python@v0.0.0-3.0.0-19000101-1")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module "+modulePath+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv(EnvModCache, cache)
	t.Setenv("PATH", "")
	if got, err := moduleDir(t.Context(), "v0.0.0-3.0.0-19000101-1"); err != nil || got != dir {
		t.Errorf("moduleDir from %s = %q, %v; want %q", EnvModCache, got, err, dir)
	}
	if _, err := moduleDir(t.Context(), "v0.0.0-3.0.1-19000101-1"); err == nil || !strings.Contains(err.Error(), "no go command") {
		t.Errorf("moduleDir of a version the cache lacks, without go: %v", err)
	}
}

func TestVerdict(t *testing.T) {
	boom := errors.New("boom")
	for _, tt := range []struct {
		r           treeResult
		requireReal bool
		msg         string
		skip        bool
	}{
		{treeResult{dir: "/t"}, false, "", false},
		{treeResult{dir: "/t"}, true, "", false},
		{treeResult{err: boom, unavailable: true}, false, "pbstest: boom", true},
		{treeResult{err: boom, unavailable: true}, true, "pbstest: boom (PY_TEST_REQUIRE_REAL is set)", false},
		{treeResult{err: boom}, false, "pbstest: boom", false},
		{treeResult{err: boom}, true, "pbstest: boom", false},
	} {
		msg, skip := tt.r.verdict(tt.requireReal)
		if msg != tt.msg || skip != tt.skip {
			t.Errorf("%+v, require %v: %q, skip %v; want %q, %v", tt.r, tt.requireReal, msg, skip, tt.msg, tt.skip)
		}
	}
}

// fakeData makes module data as go-embed-python lays them out: a
// directory, a gzipped executable, a link to it, a plain file.
func fakeData(t *testing.T) string {
	t.Helper()
	data := t.TempDir()
	files := []entry{
		{Name: "bin", Perm: fs.ModeDir | 0o755},
		{Name: "bin/python3", Size: 10, Perm: fs.ModeSymlink, Symlink: "python3.99"},
		{Name: "bin/python3.99", Size: 5, Perm: 0o775, Compressed: true},
		{Name: "lib", Perm: fs.ModeDir | 0o755},
		{Name: "lib/python3.99", Perm: fs.ModeDir | 0o755},
		{Name: "lib/python3.99/os.py", Size: 3, Perm: 0o664},
	}
	b, err := json.Marshal(map[string]any{"contentHash": "x", "files": files})
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	z := gzip.NewWriter(&gz)
	z.Write([]byte("#!elf"))
	z.Close()
	for name, content := range map[string][]byte{
		"files.json":                   b,
		"bin/python3.99.gz":            gz.Bytes(),
		"lib/python3.99/os.py":         []byte("x=1"),
		"lib/python3.99/not-listed.py": []byte("ignored"),
	} {
		p := filepath.Join(data, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, content, 0o444); err != nil {
			t.Fatal(err)
		}
	}
	return data
}

// TestMakeTree makes a tree of fake module data, finds it again, makes
// it again when it was changed, and archives it.
func TestMakeTree(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need a privilege on Windows")
	}
	data, root := fakeData(t), t.TempDir()
	dir, err := makeTree(data, root, "k")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"bin 755 dir",
		"bin/python3 -> python3.99",
		"bin/python3.99 775 #!elf",
		"lib 755 dir",
		"lib/python3.99 755 dir",
		"lib/python3.99/os.py 664 x=1",
	}
	if got := list(t, dir); !slices.Equal(got, want) {
		t.Fatalf("tree:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if entries, _ := os.ReadDir(root); len(entries) != 1 {
		t.Errorf("left in the root: %v", entries)
	}

	// Changed: found out and made again.
	for _, change := range []func(){
		func() { os.WriteFile(filepath.Join(dir, "lib/python3.99/os.py"), []byte("x=2!"), 0o664) },
		func() { os.Mkdir(filepath.Join(dir, "lib/python3.99/__pycache__"), 0o755) },
		func() { os.Chmod(filepath.Join(dir, "bin/python3.99"), 0o644) },
		func() { os.Remove(filepath.Join(dir, "bin/python3")) },
		func() {
			os.Remove(filepath.Join(dir, "bin/python3"))
			os.Symlink("python3.98", filepath.Join(dir, "bin/python3"))
		},
	} {
		change()
		if checkTree(dir, mustManifest(t, data)) == nil {
			t.Error("a change not found")
		}
		again, err := makeTree(data, root, "k")
		if err != nil || again != dir {
			t.Fatalf("made again: %s, %v", again, err)
		}
		if got := list(t, dir); !slices.Equal(got, want) {
			t.Errorf("made again:\n%s", strings.Join(got, "\n"))
		}
	}
	if entries, _ := os.ReadDir(root); len(entries) != 1 {
		t.Errorf("left in the root: %v", entries)
	}

	dir2, exe := install(t, InstallOnly(t, dir), "linux")
	if exe != "bin/python3" {
		t.Errorf("Layout = %q", exe)
	}
	wantInstalled := append(slices.Clone(want), "bin/python -> python3.99") // made by Layout
	slices.Sort(wantInstalled)
	for i, l := range wantInstalled { // unpack's modes
		wantInstalled[i] = strings.NewReplacer(" 775 ", " 755 ", " 664 ", " 644 ").Replace(l)
	}
	if got := list(t, dir2); !slices.Equal(got, wantInstalled) {
		t.Errorf("installed:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantInstalled, "\n"))
	}
}

func mustManifest(t *testing.T, data string) []entry {
	t.Helper()
	files, err := readManifest(data)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestReadManifestRefuses(t *testing.T) {
	for _, content := range []string{
		`{"files": []}`,
		`{"files": [{"name": "../x", "size": 1, "perm": 420}]}`,
		`{"files": [{"name": "/etc/passwd", "size": 1, "perm": 420}]}`,
		`not json`,
	} {
		data := t.TempDir()
		if err := os.WriteFile(filepath.Join(data, "files.json"), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := readManifest(data); err == nil {
			t.Errorf("files.json %s: no error", content)
		}
	}
}

// list describes what is under dir: "name mode content", "name mode
// dir", "name -> target".
func list(t *testing.T, dir string) []string {
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
		perm := octal(fi.Mode().Perm())
		switch {
		case d.IsDir():
			out = append(out, rel+" "+perm+" dir")
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			out = append(out, rel+" -> "+target)
		default:
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out = append(out, rel+" "+perm+" "+string(b))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

func octal(m fs.FileMode) string {
	return string([]byte{'0' + byte(m>>6&7), '0' + byte(m>>3&7), '0' + byte(m&7)})
}
