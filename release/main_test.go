package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParsePlatforms(t *testing.T) {
	if ps, err := parsePlatforms("all"); err != nil || len(ps) != 6 {
		t.Errorf("parsePlatforms(all) = %v, %v", ps, err)
	}
	ps, err := parsePlatforms("linux/amd64, windows/arm64")
	if err != nil || len(ps) != 2 || ps[0] != (platform{"linux", "amd64"}) || ps[1] != (platform{"windows", "arm64"}) {
		t.Errorf("parsePlatforms = %v, %v", ps, err)
	}
	for _, bad := range []string{"", "linux", "linux/386", "plan9/amd64", "linux/amd64,"} {
		if _, err := parsePlatforms(bad); err == nil {
			t.Errorf("parsePlatforms(%q): no error", bad)
		}
	}
}

func TestPrograms(t *testing.T) {
	names := func(goos string) string {
		var ns []string
		for _, p := range programs(goos) {
			ns = append(ns, exe(p.Name, goos))
		}
		return strings.Join(ns, " ")
	}
	if got := names("linux"); got != "py py-install venvlauncher entrypoint mkentrypoint" {
		t.Errorf("linux programs: %s", got)
	}
	if got := names("windows"); got != "py.exe py-install.exe venvlauncher.exe entrypoint.exe mkentrypoint.exe pyw.exe venvwlauncher.exe entrypointw.exe" {
		t.Errorf("windows programs: %s", got)
	}
	if f := ldflags("v1.2.3", true); !strings.Contains(f, "-X github.com/pylauncher/py/internal/version.Version=v1.2.3") ||
		!strings.Contains(f, "-X main.version=v1.2.3") || !strings.Contains(f, "-buildid= ") || !strings.HasSuffix(f, " -H=windowsgui") {
		t.Errorf("ldflags = %q", f)
	}
}

func TestCompareTrees(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(a, "same"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(b, "same"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(a, "diff"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(b, "diff"), []byte("y"), 0o644)
	os.WriteFile(filepath.Join(a, "only"), []byte("x"), 0o644)
	diffs, report, err := compareTrees(a, b, []string{"same", "diff", "only"}, []string{"same", "diff"})
	if err != nil || strings.Join(diffs, " ") != "diff only" {
		t.Errorf("compareTrees = %q, %v", diffs, err)
	}
	if !strings.Contains(report, "  same  same\n") || !strings.Contains(report, "DIFFERENT  diff\n") || !strings.Contains(report, "MISSING  only\n") {
		t.Errorf("report:\n%s", report)
	}
}

func TestRunUsage(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-platforms", "linux/mips"}, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), "unknown platform") {
		t.Errorf("run -platforms linux/mips = %d, %q", code, stderr.String())
	}
	stderr.Reset()
	if code := run([]string{"extra"}, &stdout, &stderr); code != 2 || !strings.HasPrefix(stderr.String(), "usage: release/build.sh") {
		t.Errorf("run extra = %d, %q", code, stderr.String())
	}
	stderr.Reset()
	if code := run([]string{"-root", t.TempDir()}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "is not py's repository") {
		t.Errorf("run -root elsewhere = %d, %q", code, stderr.String())
	}
}
