package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
)

// platform is a GOOS/GOARCH pair a release is built for.
type platform struct{ OS, Arch string }

func (p platform) String() string { return p.OS + "-" + p.Arch }

// allPlatforms are the platforms of a release.
var allPlatforms = []platform{
	{"linux", "amd64"}, {"linux", "arm64"},
	{"darwin", "amd64"}, {"darwin", "arm64"},
	{"windows", "amd64"}, {"windows", "arm64"},
}

// parsePlatforms reads -platforms: "all", or a comma-separated list of
// GOOS/GOARCH pairs from allPlatforms.
func parsePlatforms(s string) ([]platform, error) {
	if s == "all" {
		return allPlatforms, nil
	}
	var ps []platform
	for _, f := range strings.Split(s, ",") {
		os, arch, _ := strings.Cut(strings.TrimSpace(f), "/")
		p := platform{os, arch}
		found := false
		for _, q := range allPlatforms {
			found = found || q == p
		}
		if !found {
			return nil, fmt.Errorf("unknown platform %q (want GOOS/GOARCH: linux, darwin, windows × amd64, arm64)", f)
		}
		ps = append(ps, p)
	}
	return ps, nil
}

// program is one program of a release: built from Pkg, written as Name
// (with .exe on Windows); GUI programs are Windows-only, linked for the
// GUI subsystem (-H=windowsgui).
type program struct {
	Name, Pkg string
	GUI       bool
}

// programs lists what a release holds for goos.
func programs(goos string) []program {
	ps := []program{
		{Name: "py", Pkg: "./cmd/py"},
		{Name: "py-install", Pkg: "./cmd/py-install"},
		{Name: "venvlauncher", Pkg: "./cmd/venvlauncher"},
		{Name: "entrypoint", Pkg: "./cmd/entrypoint"},
		{Name: "mkentrypoint", Pkg: "./cmd/mkentrypoint"},
	}
	if goos == "windows" {
		ps = append(ps,
			program{Name: "pyw", Pkg: "./cmd/py", GUI: true},
			program{Name: "venvwlauncher", Pkg: "./cmd/venvlauncher", GUI: true},
			program{Name: "entrypointw", Pkg: "./cmd/entrypoint", GUI: true},
		)
	}
	return ps
}

// exe is a program's file name on goos.
func exe(name, goos string) string {
	if goos == "windows" {
		return name + ".exe"
	}
	return name
}

// ldflags are the linker flags of a release build: no symbol table or
// DWARF, no build ID (it would differ by path and toolchain details), the
// version stamped into package version and into the entrypoint template
// (main.version; no other main package has that variable).
func ldflags(version string, gui bool) string {
	f := "-s -w -buildid= -X github.com/pylauncher/py/internal/version.Version=" + version + " -X main.version=" + version
	if gui {
		f += " -H=windowsgui"
	}
	return f
}

// buildPlatform builds every program for p into dir, from the module at
// root: CGO_ENABLED=0, -trimpath, no VCS stamp, the baseline instruction
// set (GOAMD64=v1, GOARM64=v8.0) whatever the environment says.
func buildPlatform(root, dir string, p platform, version string, extraEnv []string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var console []string
	for _, prog := range programs(p.OS) {
		if !prog.GUI {
			console = append(console, prog.Pkg)
		}
	}
	env := append(environ(), "CGO_ENABLED=0", "GOOS="+p.OS, "GOARCH="+p.Arch, "GOFLAGS=-mod=readonly",
		"GOAMD64=v1", "GOARM64=v8.0", "GOEXPERIMENT=", "GOWORK=off")
	env = append(env, extraEnv...)
	gobuild := func(out string, gui bool, pkgs ...string) error {
		args := append([]string{"build", "-trimpath", "-buildvcs=false", "-ldflags=" + ldflags(version, gui), "-o", out}, pkgs...)
		cmd := exec.Command("go", args...)
		cmd.Dir = root
		cmd.Env = env
		if b, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("go %s (%s): %v\n%s", strings.Join(args, " "), p, err, b)
		}
		return nil
	}
	// One go build for the console programs (-o DIR/ names each after
	// its package), one for each GUI program.
	if err := gobuild(dir+string(filepath.Separator), false, console...); err != nil {
		return err
	}
	for _, prog := range programs(p.OS) {
		if prog.GUI {
			if err := gobuild(filepath.Join(dir, exe(prog.Name, p.OS)), true, prog.Pkg); err != nil {
				return err
			}
		}
	}
	return checkBuilt(dir, p)
}

// checkBuilt checks that dir holds exactly the programs of p.
func checkBuilt(dir string, p platform) error {
	var want, got []string
	for _, prog := range programs(p.OS) {
		want = append(want, exe(prog.Name, p.OS))
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range ents {
		got = append(got, e.Name())
	}
	sort.Strings(want)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		return fmt.Errorf("the %s build holds %q, want %q", p, got, want)
	}
	return nil
}

// host is the platform this program runs on, if a release has it.
func host() platform { return platform{runtime.GOOS, runtime.GOARCH} }
