package installer

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pylauncher/py/internal/pyver"
	"github.com/pylauncher/py/internal/store"
)

// testApp is an app whose messages go to a buffer, for the commands'
// own functions.
func aliasApp(st settings) (*app, *strings.Builder) {
	var stderr strings.Builder
	return &app{ui: &ui{stderr: &stderr}, st: st}, &stderr
}

// fakeLauncher writes a file that stands for py, and returns its path.
func fakeLauncher(t *testing.T, dir string) string {
	t.Helper()
	name := "py"
	if runtime.GOOS == "windows" {
		name = "py.exe"
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte("py itself"), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestAliases: the commands py install makes are there, and py's, in
// this system's way (a symbolic link on Unix; a hard link on Windows,
// where a symbolic link needs a privilege and wine makes none while
// saying it did); py uninstall removes them, and nothing that is not
// py's.
func TestAliases(t *testing.T) {
	dir := t.TempDir()
	launcher := fakeLauncher(t, dir)
	bin := filepath.Join(dir, "bin")
	a, stderr := aliasApp(settings{goos: runtime.GOOS, bin: bin, launcher: launcher, path: bin})
	b := pyver.Build{Impl: pyver.CPython, Version: pyver.Version{Major: 3, Minor: 14, Micro: 6}}
	made := a.makeAliases(b)
	want := aliasNames(b, runtime.GOOS)
	if len(made) != len(want) {
		t.Fatalf("made %q, want %q; stderr:\n%s", made, want, stderr)
	}
	for i, p := range made {
		if p != filepath.Join(bin, want[i]) {
			t.Errorf("made %s, want %s", p, filepath.Join(bin, want[i]))
		}
		li, err := os.Lstat(p)
		if err != nil {
			t.Fatalf("%s was not made: %v", p, err)
		}
		if runtime.GOOS == "windows" && !li.Mode().IsRegular() {
			t.Errorf("%s is of mode %v, want a hard link", p, li.Mode())
		}
		if got := stateOf(p, launcher); got != aliasOurs {
			t.Errorf("stateOf(%s) = %v, want py's", p, got)
		}
	}
	if stderr.Len() != 0 {
		t.Errorf("stderr:\n%s", stderr)
	}

	// Made again: the same, nothing replaced, no warning.
	if again := a.makeAliases(b); !slices.Equal(again, made) {
		t.Errorf("made again %q, want %q", again, made)
	}
	// Another's file of the same name is left, with a warning.
	other := filepath.Join(bin, aliasNames(pyver.Build{Impl: pyver.CPython, Version: pyver.Version{Major: 3, Minor: 13, Micro: 0}}, runtime.GOOS)[0])
	if err := os.WriteFile(other, []byte("not py"), 0o755); err != nil {
		t.Fatal(err)
	}
	if got := a.makeAliases(pyver.Build{Impl: pyver.CPython, Version: pyver.Version{Major: 3, Minor: 13, Micro: 0}}); slices.Contains(got, other) {
		t.Errorf("took %s, which is not py's", other)
	}
	if !strings.Contains(stderr.String(), "was not replaced: it is not py's") {
		t.Errorf("no warning for a file that is not py's:\n%s", stderr)
	}

	in := store.Install{Meta: store.Meta{Key: "k", Aliases: append(made, other)}}
	a.removeAliases(in, nil)
	for _, p := range made {
		if _, err := os.Lstat(p); err == nil {
			t.Errorf("%s was not removed", p)
		}
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("removed %s, which is not py's: %v", other, err)
	}
	if _, err := os.Stat(launcher); err != nil {
		t.Errorf("py itself: %v", err)
	}
}

// TestRemoveAliasInUse: the commands are removed while py runs — py
// uninstall runs under py, and on Windows a command is a hard link to
// py, which cannot be deleted while it runs. Here py is a copy of this
// test that waits. A command set aside then is deleted by the next py
// install or py uninstall, once py is done.
func TestRemoveAliasInUse(t *testing.T) {
	if os.Getenv("INSTALLER_TEST_WAIT") != "" {
		os.Stdout.WriteString("running\n")
		time.Sleep(time.Minute)
		os.Exit(0)
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	launcher := filepath.Join(dir, filepath.Base(self))
	data, err := os.ReadFile(self)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(launcher, data, 0o755); err != nil {
		t.Fatal(err)
	}
	py := exec.Command(launcher, "-test.run=^TestRemoveAliasInUse$")
	py.Env = append(os.Environ(), "INSTALLER_TEST_WAIT=1")
	out, err := py.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := py.Start(); err != nil {
		t.Fatal(err)
	}
	stopped := false
	stop := func() {
		if !stopped {
			py.Process.Kill()
			py.Wait()
			stopped = true
		}
	}
	defer stop()
	if line, err := bufio.NewReader(out).ReadString('\n'); line != "running\n" {
		t.Fatalf("py did not start: %q, %v", line, err)
	}

	bin := filepath.Join(dir, "bin")
	a, stderr := aliasApp(settings{goos: runtime.GOOS, bin: bin, launcher: launcher, path: bin})
	b := pyver.Build{Impl: pyver.CPython, Version: pyver.Version{Major: 3, Minor: 14, Micro: 6}}
	made := a.makeAliases(b)
	if len(made) == 0 {
		t.Fatalf("no command was made:\n%s", stderr)
	}
	a.removeAliases(store.Install{Meta: store.Meta{Key: "k", Aliases: made}}, nil)
	if stderr.Len() != 0 {
		t.Errorf("stderr:\n%s", stderr)
	}
	for _, p := range made {
		if _, err := os.Lstat(p); err == nil {
			t.Errorf("%s was not removed", p)
		}
	}

	stop()
	a.makeAliases(b)
	entries, err := os.ReadDir(bin)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), gonePrefix) {
			t.Errorf("%s, set aside and no longer run, was not deleted", e.Name())
		}
	}
}
