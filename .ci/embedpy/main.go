// Command embedpy fetches python-build-standalone CPython builds through
// the Go module proxy (github.com/kluctl/go-embed-python) and unpacks them
// into plain install trees, for the Windows real-CPython tests under wine.
//
//	go run ./.ci/embedpy [-platform windows-amd64] -o DIR VERSION...
//
// For each module VERSION (v0.0.0-3.14.6-20260610-1) it runs
// `go mod download -json` (the caller's GOMODCACHE, GOPROXY… apply),
// unpacks python/internal/data/<platform> into DIR/Python X.Y.Z and the
// module's pip tree (pip/internal/data) into DIR/pip X.Y.Z, and writes
// DIR/manifest.json:
//
//	[{"version": "3.14.6", "python": "Python 3.14.6", "pip": "pip 3.14.6"}, …]
//
// A tree is listed in its own files.json: directories, files (each
// gzipped on its own when "compressed"), symlinks (relative, inside the
// tree). Modes are kept as listed, less the umask; every size is checked.
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"
)

const module = "github.com/kluctl/go-embed-python"

type entry struct {
	Name       string      `json:"name"`
	Size       int64       `json:"size"`
	Mode       fs.FileMode `json:"perm"`
	Symlink    string      `json:"symlink,omitempty"`
	Compressed bool        `json:"compressed,omitempty"`
}

// Tree is one line of manifest.json; Python and Pip are relative to it.
type Tree struct {
	Version string `json:"version"`
	Python  string `json:"python"`
	Pip     string `json:"pip"`
}

func main() {
	out := flag.String("o", "", "output directory (created)")
	platform := flag.String("platform", "windows-amd64", "which build: <os>-<arch> under python/internal/data")
	flag.Parse()
	if *out == "" || flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: embedpy [-platform windows-amd64] -o DIR VERSION...")
		os.Exit(2)
	}
	if err := run(*out, *platform, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "embedpy:", err)
		os.Exit(1)
	}
}

func run(out, platform string, versions []string) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	var trees []Tree
	for _, v := range versions {
		dir, err := download(v)
		if err != nil {
			return err
		}
		ver, err := pythonVersion(filepath.Join(dir, "python", "internal", "data", "PYTHON_VERSION"))
		if err != nil {
			return err
		}
		t := Tree{Version: ver, Python: "Python " + ver, Pip: "pip " + ver}
		n, err := unpack(filepath.Join(dir, "python", "internal", "data", platform), filepath.Join(out, t.Python))
		if err != nil {
			return fmt.Errorf("%s %s: %w", v, platform, err)
		}
		m, err := unpack(filepath.Join(dir, "pip", "internal", "data"), filepath.Join(out, t.Pip))
		if err != nil {
			return fmt.Errorf("%s pip: %w", v, err)
		}
		fmt.Printf("embedpy: %s: CPython %s (%s, %d entries), pip (%d entries)\n", v, ver, platform, n, m)
		trees = append(trees, t)
	}
	b, err := json.MarshalIndent(trees, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, "manifest.json"), append(b, '\n'), 0o644)
}

// download fetches module@version through the go command and returns
// the module's directory in the module cache.
func download(version string) (string, error) {
	cmd := exec.Command("go", "mod", "download", "-json", module+"@"+version)
	cmd.Stderr = os.Stderr
	b, err := cmd.Output()
	var m struct{ Dir, Error string }
	if jerr := json.Unmarshal(b, &m); jerr == nil && m.Error != "" {
		return "", fmt.Errorf("go mod download %s@%s: %s", module, version, m.Error)
	}
	if err != nil {
		return "", fmt.Errorf("go mod download %s@%s: %w", module, version, err)
	}
	if m.Dir == "" {
		return "", fmt.Errorf("go mod download %s@%s: no Dir in %s", module, version, b)
	}
	return m.Dir, nil
}

var versionLine = regexp.MustCompile(`(?m)^PYTHON_VERSION="([0-9]+\.[0-9]+\.[0-9]+)"`)

func pythonVersion(file string) (string, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return "", err
	}
	m := versionLine.FindSubmatch(b)
	if m == nil {
		return "", fmt.Errorf("%s: no PYTHON_VERSION line", file)
	}
	return string(m[1]), nil
}

// unpack writes the tree listed in src/files.json into dst, which must
// not exist yet, and returns the number of entries.
func unpack(src, dst string) (int, error) {
	b, err := os.ReadFile(filepath.Join(src, "files.json"))
	if err != nil {
		return 0, err
	}
	var list struct {
		Files []entry `json:"files"`
	}
	if err := json.Unmarshal(b, &list); err != nil {
		return 0, fmt.Errorf("files.json: %w", err)
	}
	if len(list.Files) == 0 {
		return 0, errors.New("files.json lists no files")
	}
	if err := os.Mkdir(dst, 0o755); err != nil {
		return 0, err
	}
	for _, e := range list.Files {
		if err := unpackOne(src, dst, e); err != nil {
			return 0, fmt.Errorf("%s: %w", e.Name, err)
		}
	}
	return len(list.Files), nil
}

func unpackOne(src, dst string, e entry) error {
	if !fs.ValidPath(e.Name) || strings.Contains(e.Name, `\`) {
		return errors.New("not a relative slash-separated path inside the tree")
	}
	target := filepath.Join(dst, filepath.FromSlash(e.Name))
	switch {
	case e.Mode.IsDir():
		return os.MkdirAll(target, e.Mode.Perm()|0o700)
	case e.Mode.Type() == fs.ModeSymlink:
		if path.IsAbs(e.Symlink) || !fs.ValidPath(path.Join(path.Dir(e.Name), e.Symlink)) {
			return fmt.Errorf("symlink to %s leaves the tree", e.Symlink)
		}
		return os.Symlink(filepath.FromSlash(e.Symlink), target)
	case !e.Mode.IsRegular():
		return fmt.Errorf("mode %v: not a directory, file or symlink", e.Mode)
	}
	data, err := read(src, e)
	if err != nil {
		return err
	}
	if int64(len(data)) != e.Size {
		return fmt.Errorf("%d bytes, files.json says %d", len(data), e.Size)
	}
	return os.WriteFile(target, data, e.Mode.Perm()|0o600)
}

func read(src string, e entry) ([]byte, error) {
	name := filepath.Join(src, filepath.FromSlash(e.Name))
	if !e.Compressed {
		return os.ReadFile(name)
	}
	gz, err := os.ReadFile(name + ".gz")
	if err != nil {
		return nil, err
	}
	r, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(r, e.Size+1))
	if err != nil {
		return nil, err
	}
	return data, r.Close()
}
