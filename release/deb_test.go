package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// fakeBins writes programs of the right names for p into a directory.
func fakeBins(t *testing.T, p platform) string {
	t.Helper()
	dir := t.TempDir()
	for _, prog := range programs(p.OS) {
		if err := os.WriteFile(filepath.Join(dir, exe(prog.Name, p.OS)), []byte(p.String()+" "+prog.Name), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func fakeExtra(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, e := range extraFiles {
		p := filepath.Join(dir, filepath.FromSlash(e.Src))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte("extra "+e.Src+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// The .deb: its files where they belong, and the same bytes when built
// twice.
func TestDeb(t *testing.T) {
	s := source{Version: "v1.2.3", Time: testTime}
	in := debInput{
		Arch: "amd64", Bin: fakeBins(t, platform{"linux", "amd64"}),
		WinBins: map[string]string{"amd64": fakeBins(t, platform{"windows", "amd64"}), "arm64": fakeBins(t, platform{"windows", "arm64"})},
		Extra:   fakeExtra(t), Docs: []file{{Name: "README.md", Mode: 0o644, Data: []byte("# py\n")}},
		Maintainer: "t <t@t.invalid>",
	}
	out1, out2 := t.TempDir(), t.TempDir()
	name, err := writeDeb(s, in, out1)
	if err != nil {
		t.Fatal(err)
	}
	if name != "py_1.2.3_amd64.deb" {
		t.Errorf("the .deb is named %q", name)
	}
	if _, err := writeDeb(s, in, out2); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(filepath.Join(out1, name))
	b, _ := os.ReadFile(filepath.Join(out2, name))
	if !bytes.Equal(a, b) {
		t.Errorf("two .debs of the same files differ")
	}
	if _, err := exec.LookPath("dpkg-deb"); err != nil {
		t.Skip("no dpkg-deb to read it")
	}
	out, err := exec.Command("dpkg-deb", "-c", filepath.Join(out1, name)).Output()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		if strings.HasPrefix(f[0], "-") {
			got = append(got, f[0]+" "+f[1]+" "+f[3]+" "+f[4]+" "+strings.TrimPrefix(f[5], "."))
		}
	}
	sort.Strings(got)
	want := []string{
		"-rw-r--r-- root/root 2026-12-01 13:10 /usr/lib/py/windows-amd64/entrypoint.exe",
		"-rw-r--r-- root/root 2026-12-01 13:10 /usr/lib/py/windows-amd64/entrypointw.exe",
		"-rw-r--r-- root/root 2026-12-01 13:10 /usr/lib/py/windows-arm64/entrypoint.exe",
		"-rw-r--r-- root/root 2026-12-01 13:10 /usr/lib/py/windows-arm64/entrypointw.exe",
		"-rw-r--r-- root/root 2026-12-01 13:10 /usr/share/bash-completion/completions/py",
		"-rw-r--r-- root/root 2026-12-01 13:10 /usr/share/doc/py/README.md",
		"-rw-r--r-- root/root 2026-12-01 13:10 /usr/share/fish/vendor_completions.d/py.fish",
		"-rw-r--r-- root/root 2026-12-01 13:10 /usr/share/man/man1/mkentrypoint.1.gz",
		"-rw-r--r-- root/root 2026-12-01 13:10 /usr/share/man/man1/py.1.gz",
		"-rw-r--r-- root/root 2026-12-01 13:10 /usr/share/man/man1/venvlauncher.1.gz",
		"-rw-r--r-- root/root 2026-12-01 13:10 /usr/share/zsh/vendor-completions/_py",
		"-rwxr-xr-x root/root 2026-12-01 13:10 /usr/bin/mkentrypoint",
		"-rwxr-xr-x root/root 2026-12-01 13:10 /usr/bin/py",
		"-rwxr-xr-x root/root 2026-12-01 13:10 /usr/bin/py-install",
		"-rwxr-xr-x root/root 2026-12-01 13:10 /usr/bin/venvlauncher",
		"-rwxr-xr-x root/root 2026-12-01 13:10 /usr/lib/py/entrypoint",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("the .deb holds\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	info, err := exec.Command("dpkg-deb", "-f", filepath.Join(out1, name), "Package", "Version", "Architecture", "Maintainer").Output()
	if err != nil || string(info) != "Package: py\nVersion: 1.2.3\nArchitecture: amd64\nMaintainer: t <t@t.invalid>\n" {
		t.Errorf("the .deb's control: %q, %v", info, err)
	}
}

// Without the extra files the .deb is refused, naming them; without the
// Windows builds too.
func TestDebMissing(t *testing.T) {
	empty := t.TempDir()
	if got := missingExtra(empty); len(got) != len(extraFiles) {
		t.Errorf("missingExtra(empty) = %q", got)
	}
	full := fakeExtra(t)
	if got := missingExtra(full); len(got) != 0 {
		t.Errorf("missingExtra(full) = %q", got)
	}
	os.WriteFile(filepath.Join(full, "man", "py.1"), nil, 0o644)
	if got := missingExtra(full); len(got) != 1 || got[0] != "man/py.1" {
		t.Errorf("missingExtra with an empty py.1 = %q", got)
	}
	o := options{platforms: []platform{{"linux", "amd64"}}}
	_, err := buildDebs(o, source{Version: "v1.2.3", Time: testTime}, map[platform]string{{"linux", "amd64"}: fakeBins(t, platform{"linux", "amd64"})}, empty, nil)
	if err == nil || !strings.Contains(err.Error(), "man/py.1, man/venvlauncher.1") || !strings.Contains(err.Error(), "-no-extra") {
		t.Errorf("buildDebs without the extra files: %v", err)
	}
	o.noExtra = true
	_, err = buildDebs(o, source{Version: "v1.2.3", Time: testTime}, map[platform]string{{"linux", "amd64"}: fakeBins(t, platform{"linux", "amd64"})}, empty, nil)
	if err == nil || !strings.Contains(err.Error(), "build windows/amd64 too") {
		t.Errorf("buildDebs without the Windows templates: %v", err)
	}
}
