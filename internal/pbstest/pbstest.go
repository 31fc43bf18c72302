// Package pbstest builds real python-build-standalone archives, for the
// tests of py install; py itself never uses it.
//
// The builds come from the Go module github.com/kluctl/go-embed-python,
// which the Go module proxy serves: it holds python-build-standalone's
// install-only builds for linux-amd64, linux-arm64, darwin-amd64,
// darwin-arm64 and windows-amd64 under python/internal/data/<platform>/,
// one file each (gzipped, as name.gz, when large), with files.json listing
// every file's size, mode and symbolic link. The builds are trimmed: no
// include/ nor share/, only bin/ and lib/ (Lib/, DLLs/… on Windows).
package pbstest

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// modulePath is the module the builds come from.
const modulePath = "github.com/kluctl/go-embed-python"

// builds maps a Python version to the module's version that has it; the
// date in it is python-build-standalone's release.
var builds = map[string]string{
	"3.14.6":  "v0.0.0-3.14.6-20260610-1",
	"3.11.11": "v0.0.0-3.11.11-20241219-1",
	"3.10.16": "v0.0.0-3.10.16-20241219-1",
}

// Versions lists the Python versions Tree has builds of, newest first.
func Versions() []string {
	vs := make([]string, 0, len(builds))
	for v := range builds {
		vs = append(vs, v)
	}
	slices.SortFunc(vs, func(a, b string) int { return strings.Compare(builds[b], builds[a]) })
	return vs
}

// Release returns python-build-standalone's release of version's build
// ("20260610"), or "" for a version Tree has no build of.
func Release(version string) string {
	mv, ok := builds[version]
	if !ok {
		return ""
	}
	// v0.0.0-3.14.6-20260610-1
	parts := strings.Split(mv, "-")
	return parts[len(parts)-2]
}

// EnvModCache names a module cache in which Tree looks for the module
// before it asks the go command: under wine, where there is no go
// command, the host's, as a Windows path ("Z:/root/go/pkg/mod"; the
// host's go mod download puts the module there).
const EnvModCache = "PYTEST_GOMODCACHE"

// EnvRequireReal, when set, makes a build that cannot be had fail the
// test instead of skipping it.
const EnvRequireReal = "PY_TEST_REQUIRE_REAL"

// treeResult is what Tree found for one build, once per test binary.
type treeResult struct {
	dir         string
	err         error
	unavailable bool // the module cannot be had: skip, or fail if real builds are required
}

var (
	treeMu    sync.Mutex
	treeCache = map[string]*treeResult{}
)

// Tree returns the directory of the unpacked build of version (e.g.
// "3.14.6", one of Versions) for platform ("linux-amd64",
// "windows-amd64"…): the files of the install, as python/ of an
// install-only archive holds them, with their modes and symbolic links.
//
// The module is found in the module cache that PYTEST_GOMODCACHE names,
// when it is set and holds it, else with go mod download (a few seconds
// the first time on a machine, a few milliseconds after); the tree is made once for all
// the tests of a machine, in os.TempDir()/py-pbstest/<module
// version>-<platform>, made whole under another name then renamed into
// place, and checked against the module's list of files once per test
// binary (made again if it differs). Tests must not change it.
//
// When the module cannot be had (no go command, no network and not in
// the module cache) the test is skipped, or fails if the environment
// variable PY_TEST_REQUIRE_REAL is set.
func Tree(t testing.TB, version, platform string) string {
	t.Helper()
	mv, ok := builds[version]
	if !ok {
		t.Fatalf("pbstest: no build of Python %s (there are %s)", version, strings.Join(Versions(), ", "))
	}
	r := tree(t.Context(), mv, platform)
	msg, skip := r.verdict(os.Getenv(EnvRequireReal) != "")
	switch {
	case skip:
		t.Skip(msg)
	case msg != "":
		t.Fatal(msg)
	}
	return r.dir
}

// verdict says what a test does when Tree has r: skip it, with msg; fail
// it, with msg; or go on (msg "").
func (r *treeResult) verdict(requireReal bool) (msg string, skip bool) {
	switch {
	case r.unavailable && requireReal:
		return fmt.Sprintf("pbstest: %v (%s is set)", r.err, EnvRequireReal), false
	case r.unavailable:
		return fmt.Sprintf("pbstest: %v", r.err), true
	case r.err != nil:
		return fmt.Sprintf("pbstest: %v", r.err), false
	}
	return "", false
}

// tree makes or finds a build's tree, once per test binary; a failure is
// kept too, for every test that asks again.
func tree(ctx context.Context, mv, platform string) *treeResult {
	treeMu.Lock()
	defer treeMu.Unlock()
	key := mv + "-" + platform
	if r, ok := treeCache[key]; ok {
		return r
	}
	r := &treeResult{}
	src, err := moduleDir(ctx, mv)
	if err != nil {
		r.err, r.unavailable = err, true
	} else {
		data := filepath.Join(src, "python", "internal", "data", platform)
		if _, err := os.Stat(filepath.Join(data, "files.json")); err != nil {
			r.err = fmt.Errorf("%s@%s has no build for %q (it has %s)", modulePath, mv, platform, strings.Join(platforms(filepath.Dir(data)), ", "))
		} else {
			r.dir, r.err = makeTree(data, filepath.Join(os.TempDir(), "py-pbstest"), key)
		}
	}
	if ctx.Err() == nil { // a test's end is not the build's fault: try again for the next
		treeCache[key] = r
	}
	return r
}

// platforms lists the builds in a module's data directory.
func platforms(data string) []string {
	var ps []string
	entries, _ := os.ReadDir(data)
	for _, e := range entries {
		if e.IsDir() {
			ps = append(ps, e.Name())
		}
	}
	return ps
}

// moduleDir returns the directory of version mv of the module: in the
// module cache EnvModCache names, else in the go command's, downloading
// it if need be.
func moduleDir(ctx context.Context, mv string) (string, error) {
	if cache := os.Getenv(EnvModCache); cache != "" {
		// The module's path has no upper-case letter: the cache
		// spells it as it is.
		dir := filepath.Join(cache, filepath.FromSlash(modulePath)+"@"+mv)
		if fi, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil && fi.Mode().IsRegular() {
			return dir, nil
		}
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		return "", fmt.Errorf("no go command to download %s: %w", modulePath, err)
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, goCmd, "mod", "download", "-json", modulePath+"@"+mv)
	cmd.Dir = os.TempDir() // outside any module, so that no go.mod has a say
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, runErr := cmd.Output()
	var info struct{ Dir, Error string }
	jsonErr := json.Unmarshal(out, &info)
	switch {
	case info.Error != "":
		return "", fmt.Errorf("go mod download: %s", info.Error) // it names the module
	case runErr != nil:
		return "", fmt.Errorf("go mod download %s@%s: %v: %s", modulePath, mv, runErr, strings.TrimSpace(stderr.String()))
	case jsonErr != nil || info.Dir == "":
		return "", fmt.Errorf("go mod download %s@%s: no directory in %q", modulePath, mv, out)
	}
	return info.Dir, nil
}

// entry is one file of files.json.
type entry struct {
	Name       string      `json:"name"`
	Size       int64       `json:"size"`
	Perm       fs.FileMode `json:"perm"`
	Symlink    string      `json:"symlink"`
	Compressed bool        `json:"compressed"`
}

func readManifest(data string) ([]entry, error) {
	b, err := os.ReadFile(filepath.Join(data, "files.json"))
	if err != nil {
		return nil, err
	}
	var m struct{ Files []entry }
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(data, "files.json"), err)
	}
	if len(m.Files) == 0 {
		return nil, fmt.Errorf("%s lists no files", filepath.Join(data, "files.json"))
	}
	for _, e := range m.Files {
		if !filepath.IsLocal(e.Name) {
			return nil, fmt.Errorf("files.json: the name %q is not local", e.Name)
		}
	}
	return m.Files, nil
}

// makeTree returns root/key, the tree of the build whose module data are
// in data, made if it is missing or differs from their list.
func makeTree(data, root, key string) (string, error) {
	files, err := readManifest(data)
	if err != nil {
		return "", err
	}
	final := filepath.Join(root, key)
	if checkTree(final, files) == nil {
		return final, nil
	}
	if err := os.MkdirAll(root, 0o755); err != nil {
		return "", err
	}
	if _, err := os.Lstat(final); err == nil {
		// Changed or half removed: set aside, then removed.
		stale, err := os.MkdirTemp(root, ".stale-")
		if err != nil {
			return "", err
		}
		if err := os.Rename(final, filepath.Join(stale, "tree")); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		os.RemoveAll(stale)
	}
	tmp, err := os.MkdirTemp(root, ".build-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp) // left only if the rename failed
	built := filepath.Join(tmp, "tree")
	if err := writeTree(data, built, files); err != nil {
		return "", err
	}
	if err := checkTree(built, files); err != nil {
		return "", fmt.Errorf("the tree just made: %w", err)
	}
	if err := os.Rename(built, final); err != nil {
		// Another test binary may have put its own there first.
		if checkTree(final, files) == nil {
			return final, nil
		}
		return "", err
	}
	return final, nil
}

// writeTree makes the files of the list in dir: gunzipped, links made
// again, modes set.
func writeTree(data, dir string, files []entry) error {
	if err := os.Mkdir(dir, 0o755); err != nil {
		return err
	}
	var dirs []entry
	for _, e := range files {
		p := filepath.Join(dir, filepath.FromSlash(e.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		var err error
		switch {
		case e.Perm.IsDir():
			err = os.MkdirAll(p, 0o755)
			dirs = append(dirs, e)
		case e.Perm&fs.ModeSymlink != 0:
			err = os.Symlink(e.Symlink, p)
		case e.Perm.IsRegular():
			err = writeFile(data, p, e)
		default:
			err = fmt.Errorf("files.json: %s is of mode %v", e.Name, e.Perm)
		}
		if err != nil {
			return err
		}
	}
	for _, e := range dirs { // last: a directory may come without its owner's write bit
		if err := os.Chmod(filepath.Join(dir, filepath.FromSlash(e.Name)), e.Perm.Perm()); err != nil {
			return err
		}
	}
	return nil
}

func writeFile(data, p string, e entry) error {
	src := filepath.Join(data, filepath.FromSlash(e.Name))
	if e.Compressed {
		src += ".gz"
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	var r io.Reader = in
	if e.Compressed {
		z, err := gzip.NewReader(in)
		if err != nil {
			return fmt.Errorf("%s: %w", src, err)
		}
		r = z
	}
	out, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	n, err := io.Copy(out, r)
	if err == nil && n != e.Size {
		err = fmt.Errorf("%s: %d bytes, files.json says %d", src, n, e.Size)
	}
	if err == nil {
		err = out.Chmod(e.Perm.Perm())
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return err
}

// checkTree tells whether dir holds the files of the list and nothing
// else, of their kinds, sizes, links and (but on Windows) modes.
func checkTree(dir string, files []entry) error {
	want := make(map[string]entry, len(files))
	for _, e := range files {
		want[filepath.FromSlash(e.Name)] = e
	}
	seen := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel := p[len(dir)+1:]
		e, ok := want[rel]
		if !ok {
			return fmt.Errorf("%s is not the build's", p)
		}
		seen++
		fi, err := d.Info()
		if err != nil {
			return err
		}
		return checkFile(p, fi, e)
	})
	if err == nil && seen != len(files) {
		err = fmt.Errorf("%s has %d of the build's %d files", dir, seen, len(files))
	}
	return err
}

func checkFile(p string, fi fs.FileInfo, e entry) error {
	got := fi.Mode()
	switch {
	case got.Type() != e.Perm.Type():
		return fmt.Errorf("%s is of mode %v, not %v", p, got, e.Perm)
	case runtime.GOOS != "windows" && got&fs.ModeSymlink == 0 && got.Perm() != e.Perm.Perm():
		return fmt.Errorf("%s is of mode %v, not %v", p, got, e.Perm)
	case got.IsRegular() && fi.Size() != e.Size:
		return fmt.Errorf("%s has %d bytes, not %d", p, fi.Size(), e.Size)
	case got&fs.ModeSymlink != 0:
		if target, err := os.Readlink(p); err != nil || filepath.ToSlash(target) != e.Symlink {
			return fmt.Errorf("%s links to %q, not %q (%v)", p, target, e.Symlink, err)
		}
	}
	return nil
}

var (
	archiveMu    sync.Mutex
	archiveCache = map[string][]byte{}
)

// archiveTime is the time of every entry of InstallOnly's archives.
var archiveTime = time.Date(2026, 6, 10, 0, 0, 0, 0, time.UTC)

// InstallOnly returns a .tar.gz of tree in python-build-standalone's
// install-only layout: python/ first, then everything under python/, in
// lexical order, with the tree's modes and links. It is made once per
// test binary for a tree; each caller gets its own copy.
func InstallOnly(t testing.TB, tree string) []byte {
	t.Helper()
	archiveMu.Lock()
	defer archiveMu.Unlock()
	b, ok := archiveCache[tree]
	if !ok {
		var err error
		if b, err = installOnly(tree); err != nil {
			t.Fatalf("pbstest: the archive of %s: %v", tree, err)
		}
		archiveCache[tree] = b
	}
	return slices.Clone(b)
}

func installOnly(tree string) ([]byte, error) {
	var buf bytes.Buffer
	size, err := treeSize(tree)
	if err != nil {
		return nil, err
	}
	buf.Grow(int(size + size/64)) // growing it as it fills costs more than all the rest
	// Stored, not compressed: compressing (and decompressing) cost
	// seconds, many under the race detector, and prove nothing more.
	z, err := gzip.NewWriterLevel(&buf, gzip.NoCompression)
	if err != nil {
		return nil, err
	}
	tw := tar.NewWriter(z)
	err = filepath.WalkDir(tree, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := "python"
		if p != tree {
			name += "/" + filepath.ToSlash(p[len(tree)+1:])
		}
		return addEntry(tw, p, name, d)
	})
	if err != nil {
		return nil, err
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	if err := z.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// treeSize adds up the sizes of the tree's files and headers.
func treeSize(tree string) (int64, error) {
	var size int64
	err := filepath.WalkDir(tree, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err == nil {
			size += 1024 + fi.Size() // a header, maybe PAX's, and the padding
		}
		return err
	})
	return size, err
}

// addEntry writes the file p to the archive as name.
func addEntry(tw *tar.Writer, p, name string, d fs.DirEntry) error {
	fi, err := d.Info()
	if err != nil {
		return err
	}
	h := &tar.Header{Name: name, Mode: int64(fi.Mode().Perm()), ModTime: archiveTime, Format: tar.FormatPAX}
	switch {
	case d.IsDir():
		h.Typeflag, h.Name = tar.TypeDir, name+"/"
	case d.Type()&fs.ModeSymlink != 0:
		target, err := os.Readlink(p)
		if err != nil {
			return err
		}
		h.Typeflag, h.Linkname, h.Mode = tar.TypeSymlink, filepath.ToSlash(target), 0o777
	case d.Type().IsRegular():
		h.Typeflag, h.Size = tar.TypeReg, fi.Size()
	default:
		return fmt.Errorf("%s is of mode %v", p, fi.Mode())
	}
	if err := tw.WriteHeader(h); err != nil {
		return err
	}
	if h.Typeflag != tar.TypeReg {
		return nil
	}
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(tw, f)
	return err
}
