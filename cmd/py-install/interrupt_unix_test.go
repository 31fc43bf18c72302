//go:build unix

package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// installCmd is py-install install ARGS in a private world under work,
// from the test server (see testServer), run as a program of its own.
func installCmd(t *testing.T, s *server, work string, args ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	bin := filepath.Join(work, "bin")
	if err := os.MkdirAll(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	prog := filepath.Join(bin, "py-install")
	if _, err := os.Lstat(prog); err != nil {
		if err := os.Symlink(self, prog); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(prog, append([]string{"install"}, args...)...)
	cmd.Env = []string{
		"HOME=" + filepath.Join(work, "home"),
		"XDG_DATA_HOME=" + filepath.Join(work, "data"),
		"XDG_CACHE_HOME=" + filepath.Join(work, "cache"),
		"XDG_CONFIG_HOME=" + filepath.Join(work, "config"),
		"PY_INSTALL_SOURCE=" + s.URL + "/" + filepath.Base(work) + "/main/index.json",
		"PY_INSTALL_TIMEOUT=30s",
		"PATH=" + bin,
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	return cmd, &stderr
}

// waitExtracting waits until an install in progress under installs
// holds a file: the download has begun and extraction with it.
func waitExtracting(t *testing.T, installs string, cmd *exec.Cmd) string {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		tmps, _ := filepath.Glob(filepath.Join(installs, ".tmp-*", "python", "*"))
		if len(tmps) > 0 {
			return tmps[0]
		}
		time.Sleep(20 * time.Millisecond)
	}
	cmd.Process.Kill()
	t.Fatalf("no extraction began under %s", installs)
	return ""
}

// Ctrl-C while the archive streams in and is extracted: py-install stops
// at once, exits 130, and leaves nothing — no install, no temporary
// directory, no partial copy in the cache.
func TestInterrupt(t *testing.T) {
	s := testServer(t, linuxBuilds)
	work := t.TempDir()
	cmd, stderr := installCmd(t, s, work, "--source", s.URL+"/"+filepath.Base(work)+"/stall/index.json", "3.14")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	installs := filepath.Join(work, "data", "py", "installs")
	waitExtracting(t, installs, cmd)
	interrupt(t, cmd, stderr, work)
}

// Ctrl-C while the download has not yet given a byte (the server sent
// its headers, then nothing): the same — 130 at once, nothing left.
func TestInterruptBeforeBytes(t *testing.T) {
	s := testServer(t, linuxBuilds)
	work := t.TempDir()
	token := filepath.Base(work)
	cmd, stderr := installCmd(t, s, work, "--source", s.URL+"/"+token+"/hang/index.json", "3.14")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(time.Minute); s.count(token+"/hang") == 0; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("the archive was never asked for\n%s", stderr)
		}
	}
	time.Sleep(100 * time.Millisecond) // the response's headers are in
	interrupt(t, cmd, stderr, work)
}

// interrupt sends Ctrl-C to the install cmd in work: it must exit 130
// within 5 s, say so, and leave nothing in py's installs or its cache.
func interrupt(t *testing.T, cmd *exec.Cmd, stderr *bytes.Buffer, work string) {
	t.Helper()
	start := time.Now()
	cmd.Process.Signal(os.Interrupt)
	err := cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 130 {
		t.Fatalf("py-install after Ctrl-C: %v, want exit 130\n%s", err, stderr)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("py-install took %v to stop", d)
	}
	if !strings.Contains(stderr.String(), "py: error: interrupted: nothing was left half done\n") {
		t.Errorf("stderr:\n%s", stderr)
	}
	assertEntries(t, filepath.Join(work, "data", "py", "installs"), ".lock")
	assertEntries(t, filepath.Join(work, "cache", "py", "downloads"))
}

// A kill (no chance to clean up) leaves an install in progress; nothing
// counts it as installed, and the next install removes it.
func TestKilledThenAgain(t *testing.T) {
	s := testServer(t, linuxBuilds)
	work := t.TempDir()
	cmd, _ := installCmd(t, s, work, "--source", s.URL+"/"+filepath.Base(work)+"/stall/index.json", "3.14")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	installs := filepath.Join(work, "data", "py", "installs")
	waitExtracting(t, installs, cmd)
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if tmps, _ := filepath.Glob(filepath.Join(installs, ".tmp-*")); len(tmps) != 1 {
		t.Fatalf("after a kill, %v are left in progress, want one", tmps)
	}

	cmd, stderr := installCmd(t, s, work, "3.14")
	if out, err := cmd.Output(); err != nil {
		t.Fatalf("install after a kill: %v\n%s%s", err, out, stderr)
	}
	assertEntries(t, installs, ".lock", "cpython-3.14.6-linux-x86_64-gnu")
	if out, err := exec.Command(filepath.Join(installs, "cpython-3.14.6-linux-x86_64-gnu", "bin", "python3"), "-c", "print(6*7)").Output(); err != nil || string(out) != "42\n" {
		t.Errorf("the install after a kill does not run: %q, %v", out, err)
	}
}

func assertEntries(t *testing.T, dir string, want ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("%s holds %q, want %q", dir, got, want)
	}
}
