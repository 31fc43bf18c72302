package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/goreleaser/nfpm/v2"
	"github.com/goreleaser/nfpm/v2/deb"
	"github.com/goreleaser/nfpm/v2/files"
)

// extraFiles are the files release/extra.sh writes into the extra
// directory (Src, relative to it), and where the .deb installs them.
var extraFiles = []struct {
	Src, Dest string
	Gzip      bool
}{
	{"man/py.1", "/usr/share/man/man1/py.1.gz", true},
	{"man/venvlauncher.1", "/usr/share/man/man1/venvlauncher.1.gz", true},
	{"man/mkentrypoint.1", "/usr/share/man/man1/mkentrypoint.1.gz", true},
	{"completions/py.bash", "/usr/share/bash-completion/completions/py", false},
	{"completions/_py", "/usr/share/zsh/vendor-completions/_py", false},
	{"completions/py.fish", "/usr/share/fish/vendor_completions.d/py.fish", false},
}

// runHook runs release/extra.sh, which writes the man pages and the
// completions into dir (made empty first), from the repository's top.
// bin is a directory of this machine's stamped programs, or "".
func runHook(s source, dir, bin string) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	cmd := exec.Command("bash", filepath.Join("release", "extra.sh"), dir)
	cmd.Dir = s.Root
	cmd.Env = append(environ(), "PY_RELEASE_VERSION="+s.Version, "PY_RELEASE_BIN="+bin,
		fmt.Sprintf("SOURCE_DATE_EPOCH=%d", s.Time.Unix()))
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("release/extra.sh: %v", err)
	}
	return nil
}

// missingExtra lists the extra files dir lacks.
func missingExtra(dir string) []string {
	var missing []string
	for _, e := range extraFiles {
		if fi, err := os.Stat(filepath.Join(dir, e.Src)); err != nil || !fi.Mode().IsRegular() || fi.Size() == 0 {
			missing = append(missing, e.Src)
		}
	}
	return missing
}

// debInput is what a .deb is made of: the Linux programs of its
// architecture (bin), the Windows entrypoint templates (winBins, by
// architecture), the extra files (extra, "" for none) and the documents.
type debInput struct {
	Arch       string
	Bin        string
	WinBins    map[string]string
	Extra      string
	Docs       []file
	Maintainer string
	License    string
}

// debContents lists the files of the .deb, staged in stage (nfpm reads
// files from disk): /usr/bin/py, py-install, venvlauncher, mkentrypoint;
// the entrypoint templates in /usr/lib/py (where mkentrypoint looks,
// ../lib/py from itself), the Windows ones in /usr/lib/py/windows-ARCH;
// the man pages, gzipped; the completions; the README.
func debContents(in debInput, stage string, mtime time.Time) (files.Contents, error) {
	var cs files.Contents
	add := func(dest string, mode os.FileMode, data []byte) error {
		src := filepath.Join(stage, filepath.FromSlash(strings.TrimPrefix(dest, "/")))
		if err := os.MkdirAll(filepath.Dir(src), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(src, data, 0o644); err != nil {
			return err
		}
		cs = append(cs, &files.Content{Source: src, Destination: dest, Type: files.TypeFile,
			FileInfo: &files.ContentFileInfo{Mode: mode, MTime: mtime, Owner: "root", Group: "root"}})
		return nil
	}
	copyFile := func(src, dest string, mode os.FileMode, gz bool) error {
		data, err := os.ReadFile(src)
		if err != nil {
			return err
		}
		if gz {
			data = gzipFile(data)
		}
		return add(dest, mode, data)
	}
	for _, name := range []string{"py", "py-install", "venvlauncher", "mkentrypoint"} {
		if err := copyFile(filepath.Join(in.Bin, name), "/usr/bin/"+name, 0o755, false); err != nil {
			return nil, err
		}
	}
	if err := copyFile(filepath.Join(in.Bin, "entrypoint"), "/usr/lib/py/entrypoint", 0o755, false); err != nil {
		return nil, err
	}
	for _, arch := range []string{"amd64", "arm64"} {
		for _, name := range []string{"entrypoint.exe", "entrypointw.exe"} {
			dir, ok := in.WinBins[arch]
			if !ok {
				return nil, fmt.Errorf("the .deb carries the Windows templates: build windows/%s too", arch)
			}
			if err := copyFile(filepath.Join(dir, name), "/usr/lib/py/windows-"+arch+"/"+name, 0o644, false); err != nil {
				return nil, err
			}
		}
	}
	if in.Extra != "" {
		for _, e := range extraFiles {
			if err := copyFile(filepath.Join(in.Extra, filepath.FromSlash(e.Src)), e.Dest, 0o644, e.Gzip); err != nil {
				return nil, err
			}
		}
	}
	for _, d := range in.Docs {
		if err := add("/usr/share/doc/py/"+d.Name, 0o644, d.Data); err != nil {
			return nil, err
		}
	}
	return cs, nil
}

// writeDeb builds the .deb for in.Arch into out with nfpm and returns
// its name (py_VERSION_ARCH.deb). Every file, and the package's own
// members, carry s.Time.
func writeDeb(s source, in debInput, out string) (string, error) {
	stage, err := os.MkdirTemp("", "py-deb-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(stage)
	cs, err := debContents(in, stage, s.Time)
	if err != nil {
		return "", err
	}
	dv, err := debVersion(s.Version)
	if err != nil {
		return "", err
	}
	info := &nfpm.Info{
		Name:          "py",
		Arch:          in.Arch,
		Platform:      "linux",
		Version:       dv,
		VersionSchema: "none",
		Section:       "python",
		Priority:      "optional",
		Maintainer:    in.Maintainer,
		License:       in.License,
		Homepage:      "https://github.com/pylauncher/py",
		Description: "Python launcher: finds the right Python for the job and runs it\n" +
			"py does what CPython's Windows launcher (py.exe, PEP 397/486/514) does:\n" +
			"it sees every interpreter on the machine (PATH, pyenv, uv, virtual\n" +
			"environments...), picks one by rules it can explain (py --which) and\n" +
			"becomes it. py install installs python-build-standalone builds;\n" +
			"venvlauncher and mkentrypoint make venv and console-script launchers.",
		MTime:        s.Time,
		Overridables: nfpm.Overridables{Contents: cs, Suggests: []string{"python3"}},
	}
	info = nfpm.WithDefaults(info)
	if err := nfpm.PrepareForPackager(info, "deb"); err != nil {
		return "", err
	}
	name := deb.Default.ConventionalFileName(info)
	f, err := os.Create(filepath.Join(out, name))
	if err != nil {
		return "", err
	}
	if err := deb.Default.Package(info, f); err != nil {
		f.Close()
		return "", fmt.Errorf("%s: %v", name, err)
	}
	return name, f.Close()
}
