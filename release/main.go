// Command release makes py's releases (see README.md beside it):
//
//   - every program (py, pyw, py-install, venvlauncher, venvwlauncher,
//     entrypoint, entrypointw, mkentrypoint) for linux, darwin and
//     windows on amd64 and arm64, CGO_ENABLED=0, -trimpath, stamped with
//     the version;
//   - an archive a platform, py-VERSION-OS-ARCH.tar.gz (.zip for
//     Windows), reproducible: entries sorted, every time the commit's
//     (or SOURCE_DATE_EPOCH), owner 0, fixed modes, gzip without name or
//     time;
//   - a .deb for linux/amd64 and linux/arm64, made with nfpm;
//   - SHA256SUMS;
//   - Homebrew, Scoop and winget manifests from the same version and
//     sums: templates, checked, published nowhere.
//
// It is a module of its own, so that nfpm stays out of py's dependencies.
// Run it as release/build.sh [flags]; -check builds the release twice
// (the second time from a copy of the work tree elsewhere) and compares
// every byte.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// options are the command line's.
type options struct {
	root, out, version  string
	url, license, maint string
	platforms           []platform
	check, freshCache   bool
	noExtra, noDeb      bool
	requireRuby         bool
	env                 []string // added to go build's environment
}

const usage = `usage: release/build.sh [flags]

Builds py's release into -out (default release/dist): the archives, the
.debs, SHA256SUMS and the package managers' manifests (packaging/).

  -check          build twice (the second time from a copy of the work
                  tree, elsewhere) and compare every file; exit 1 when any
                  differs. The first build is left in -out.
  -fresh-cache    with -check: the second build with an empty GOCACHE
  -no-extra       build the .deb without the man pages and completions
                  (release/extra.sh writes them; without this flag the
                  .deb build fails when they are missing)
  -no-deb         build no .deb
  -platforms P    GOOS/GOARCH,... (default all: linux, darwin, windows ×
                  amd64, arm64); the manifests need all, the .deb the two
                  Windows ones (for its entrypoint templates)
  -version V      the version to stamp (default: git describe --tags
                  --dirty, else a Go pseudo-version of the commit)
  -url URL        where the archives will be published, for the
                  manifests ({version} is replaced)
  -license SPDX   the licence the packages declare (default: none known)
  -maintainer M   the .deb's Maintainer
  -require-ruby   fail when ruby is not there to check the formula
  -root DIR       py's repository (default: ..)
  -out DIR        where the release goes (default: dist)

SOURCE_DATE_EPOCH, when set, is the time of every file (default: the
commit's).
`

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("release", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage) }
	var o options
	var plats string
	fs.StringVar(&o.root, "root", "..", "")
	fs.StringVar(&o.out, "out", "dist", "")
	fs.StringVar(&o.version, "version", "", "")
	fs.StringVar(&o.url, "url", "https://github.com/pylauncher/py/releases/download/{version}", "")
	fs.StringVar(&o.license, "license", "", "")
	fs.StringVar(&o.maint, "maintainer", "py developers <py@pylauncher.invalid>", "")
	fs.StringVar(&plats, "platforms", "all", "")
	fs.BoolVar(&o.check, "check", false, "")
	fs.BoolVar(&o.freshCache, "fresh-cache", false, "")
	fs.BoolVar(&o.noExtra, "no-extra", false, "")
	fs.BoolVar(&o.noDeb, "no-deb", false, "")
	fs.BoolVar(&o.requireRuby, "require-ruby", false, "")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 0 {
		fs.Usage()
		return 2
	}
	var err error
	if o.platforms, err = parsePlatforms(plats); err != nil {
		fmt.Fprintf(stderr, "release: %v\n", err)
		return 2
	}
	if err := do(o, stdout); err != nil {
		fmt.Fprintf(stderr, "release: error: %v\n", err)
		return 1
	}
	return 0
}

func do(o options, log io.Writer) error {
	var err error
	if o.root, err = filepath.Abs(o.root); err != nil {
		return err
	}
	if o.out, err = filepath.Abs(o.out); err != nil {
		return err
	}
	if mod, err := os.ReadFile(filepath.Join(o.root, "go.mod")); err != nil || !bytes.HasPrefix(mod, []byte("module github.com/pylauncher/py\n")) {
		return fmt.Errorf("%s is not py's repository (no go.mod of github.com/pylauncher/py); give -root", o.root)
	}
	s, err := describe(o.root, os.Getenv)
	if err != nil {
		return err
	}
	if o.version != "" {
		s.Version = o.version
	}
	goVersion, _ := exec.Command("go", "version").Output()
	fmt.Fprintf(log, "py %s, files dated %s (%d), %s", s.Version, s.Time.Format(time.RFC3339), s.Time.Unix(), goVersion)
	if !o.check {
		_, err := release(o, s, log)
		return err
	}
	return checkReproducible(o, s, log)
}

// outputs are the names release writes in -out (and removes first).
var outputs = []string{"py-*.tar.gz", "py-*.zip", "py_*.deb", "SHA256SUMS", "packaging", "extra"}

// release builds the release of s into o.out and returns the names of
// what it wrote there, sorted.
func release(o options, s source, log io.Writer) ([]string, error) {
	start := time.Now()
	if err := os.MkdirAll(o.out, 0o755); err != nil {
		return nil, err
	}
	for _, g := range outputs {
		old, _ := filepath.Glob(filepath.Join(o.out, g))
		for _, p := range old {
			if err := os.RemoveAll(p); err != nil {
				return nil, err
			}
		}
	}
	bins, err := os.MkdirTemp("", "py-release-bin-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(bins)
	built := map[platform]string{}
	for _, p := range o.platforms {
		t := time.Now()
		dir := filepath.Join(bins, p.String())
		if err := buildPlatform(o.root, dir, p, s.Version, o.env); err != nil {
			return nil, err
		}
		built[p] = dir
		fmt.Fprintf(log, "built %s (%.1fs)\n", p, time.Since(t).Seconds())
	}
	hostBin := ""
	if dir, ok := built[host()]; ok {
		hostBin = dir
		if err := verifyStamp(dir, s.Version); err != nil {
			return nil, err
		}
		fmt.Fprintf(log, "%s: py help, py-install help, mkentrypoint and entrypoint's trace say %s\n", host(), s.Version)
	}
	readme, err := os.ReadFile(filepath.Join(o.root, "README.md"))
	if err != nil {
		return nil, err
	}
	docs := []file{{Name: "README.md", Mode: 0o644, Data: readme}}
	var names []string
	for _, p := range o.platforms {
		name, err := writeArchive(o.out, built[p], docs, s.Version, p, s.Time)
		if err != nil {
			return nil, err
		}
		names = append(names, name)
	}
	extra := filepath.Join(o.out, "extra")
	if err := runHook(s, extra, hostBin); err != nil {
		return nil, err
	}
	debs, err := buildDebs(o, s, built, extra, docs)
	if err != nil {
		return nil, err
	}
	names = append(names, debs...)
	text, sumOf, err := sums(o.out, names)
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(o.out, "SHA256SUMS"), []byte(text), 0o644); err != nil {
		return nil, err
	}
	names = append(names, "SHA256SUMS")
	if len(built) == len(allPlatforms) {
		in := manifestInput{Version: s.Version, URL: strings.ReplaceAll(o.url, "{version}", s.Version), Sums: sumOf, License: o.license}
		written, err := releaseManifests(o, in, log)
		if err != nil {
			return nil, err
		}
		names = append(names, written...)
	} else {
		fmt.Fprintln(log, "no manifests: they need every platform's archive")
	}
	sort.Strings(names)
	for _, n := range names {
		fi, err := os.Stat(filepath.Join(o.out, n))
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(log, "%10d  %s\n", fi.Size(), n)
	}
	fmt.Fprintf(log, "release in %s (%.1fs)\n", o.out, time.Since(start).Seconds())
	return names, nil
}

// releaseManifests writes the manifests into o.out/packaging and checks
// them; it returns their names, relative to o.out.
func releaseManifests(o options, in manifestInput, log io.Writer) ([]string, error) {
	dir := filepath.Join(o.out, "packaging")
	paths, err := writeManifests(dir, in)
	if err != nil {
		return nil, err
	}
	report, err := checkManifests(dir, o.out, in, o.requireRuby)
	if err != nil {
		return nil, err
	}
	for _, r := range report {
		fmt.Fprintln(log, "checked "+r)
	}
	var names []string
	for _, p := range paths {
		rel, err := filepath.Rel(o.out, p)
		if err != nil {
			return nil, err
		}
		names = append(names, rel)
	}
	return names, nil
}

// buildDebs builds a .deb for each Linux platform built, unless -no-deb.
func buildDebs(o options, s source, built map[platform]string, extra string, docs []file) ([]string, error) {
	if o.noDeb {
		return nil, nil
	}
	var linux []platform
	for _, p := range o.platforms {
		if p.OS == "linux" {
			linux = append(linux, p)
		}
	}
	if len(linux) == 0 {
		return nil, nil
	}
	if o.noExtra {
		extra = ""
	} else if missing := missingExtra(extra); len(missing) > 0 {
		return nil, fmt.Errorf("the .deb installs the man pages and completions, and release/extra.sh wrote none of %s into %s;\n"+
			"make release/extra.sh write them (see the comment at its top), or give -no-extra to build the .deb without them",
			strings.Join(missing, ", "), extra)
	}
	win := map[string]string{}
	for _, arch := range []string{"amd64", "arm64"} {
		if dir, ok := built[platform{"windows", arch}]; ok {
			win[arch] = dir
		}
	}
	var names []string
	for _, p := range linux {
		name, err := writeDeb(s, debInput{Arch: p.Arch, Bin: built[p], WinBins: win, Extra: extra, Docs: docs,
			Maintainer: o.maint, License: o.license}, o.out)
		if err != nil {
			return nil, err
		}
		names = append(names, name)
	}
	return names, nil
}

// verifyStamp runs this machine's programs in dir and checks that they
// say version: py help's first line, py-install help's, the end of
// mkentrypoint's usage, the entrypoint template's debug trace.
func verifyStamp(dir, version string) error {
	runIt := func(env []string, name string, args ...string) (string, string, error) {
		cmd := exec.Command(filepath.Join(dir, exe(name, host().OS)), args...)
		cmd.Env = append(os.Environ(), env...)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		return stdout.String(), stderr.String(), err
	}
	checks := []struct {
		name string
		args []string
		env  []string
		ok   func(stdout, stderr string, err error) bool
	}{
		{"py", []string{"help"}, nil, func(o, _ string, err error) bool {
			return err == nil && strings.HasPrefix(o, "Python launcher "+version+"\n")
		}},
		{"py-install", []string{"help"}, nil, func(o, _ string, err error) bool {
			return err == nil && strings.HasPrefix(o, "py-install "+version+"\n")
		}},
		{"mkentrypoint", nil, nil, func(_, e string, _ error) bool { return strings.HasSuffix(e, "\nmkentrypoint "+version+"\n") }},
		{"entrypoint", nil, []string{"PYLAUNCHER_DEBUG=1"}, func(_, e string, _ error) bool {
			return strings.HasPrefix(e, "# entrypoint "+version+": ")
		}},
	}
	for _, c := range checks {
		o, e, err := runIt(c.env, c.name, c.args...)
		if !c.ok(o, e, err) {
			return fmt.Errorf("%s %s does not say %s: exit %v, stdout %q, stderr %q", c.name, strings.Join(c.args, " "), version, err, head(o), head(e))
		}
	}
	return nil
}

func head(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}
