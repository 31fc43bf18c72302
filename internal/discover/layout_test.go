//go:build unix

package discover

import (
	"path/filepath"
	"strings"
	"testing"
)

// fixedLayout makes the fixed places of macOS and Linux under a root of
// its own: Homebrew's bin directories, python.org's framework builds
// (regular and free-threaded) and the system's /usr/bin.
func fixedLayout(t *testing.T) string {
	root := t.TempDir()
	p := func(s string) string { return filepath.Join(root, s) }
	write(t, p("opt/homebrew/bin/python3.13"), 0o755)
	link(t, "python3.13", p("opt/homebrew/bin/python3"))
	write(t, p("opt/homebrew/bin/brew"), 0o755)
	write(t, p("usr/local/bin/python3.11"), 0o755)
	write(t, p("usr/bin/python3"), 0o755)
	const fw = "Library/Frameworks/"
	write(t, p(fw+"Python.framework/Versions/3.12/bin/python3.12"), 0o755)
	link(t, "python3.12", p(fw+"Python.framework/Versions/3.12/bin/python3"))
	link(t, "3.12", p(fw+"Python.framework/Versions/Current"))
	write(t, p(fw+"Python.framework/Versions/3.10/bin/python3"), 0o755)    // no python3.10: skipped
	write(t, p(fw+"Python.framework/Versions/3.9.1/bin/python3.9"), 0o755) // not a framework version
	write(t, p(fw+"PythonT.framework/Versions/3.13/bin/python3.13t"), 0o755)
	return root
}

// With GOOS "darwin", a Linux test runs the macOS layout under a root of
// its own: Homebrew's two bin directories and python.org's frameworks,
// and not /usr/bin (Apple's python3 there is a stub that offers to
// install the developer tools).
func TestFindDarwinLayout(t *testing.T) {
	root := fixedLayout(t)
	f := Find(Options{GOOS: "darwin", Getenv: func(string) string { return "" }, Root: root, NoProject: true})
	got := strings.Join(describe(f, root), "\n")
	want := strings.Join([]string{
		"/Library/Frameworks/Python.framework/Versions/3.12/bin/python3.12 python.org cpython 3.12 3.12",
		"/Library/Frameworks/PythonT.framework/Versions/3.13/bin/python3.13t python.org cpython 3.13t 3.13",
		"/opt/homebrew/bin/python3.13 homebrew cpython 3.13 3.13",
		"/usr/local/bin/python3.11 homebrew cpython 3.11 3.11",
	}, "\n")
	if got != want {
		t.Errorf("darwin layout: found\n%s\nwant\n%s", got, want)
	}
	for _, in := range f.Installs {
		if in.Rank != NotOnPath {
			t.Errorf("%s: rank %d, want NotOnPath", in.Path, in.Rank)
		}
		if ft := strings.Contains(in.Path, "PythonT.framework"); in.FreeThreaded != ft {
			t.Errorf("%s: FreeThreaded = %v", in.Path, in.FreeThreaded)
		}
	}
}

// The same tree with GOOS "linux": /usr/local/bin and /usr/bin are the
// system's; Homebrew's and python.org's places are not searched.
func TestFindLinuxLayout(t *testing.T) {
	root := fixedLayout(t)
	f := Find(Options{GOOS: "linux", Getenv: func(string) string { return "" }, Root: root, NoProject: true})
	got := strings.Join(describe(f, root), "\n")
	want := "/usr/bin/python3 system cpython 3 3\n/usr/local/bin/python3.11 system cpython 3.11 3.11"
	if got != want {
		t.Errorf("linux layout: found\n%s\nwant\n%s", got, want)
	}

	// A fixed place also on PATH is PATH's, at its rank.
	path := filepath.Join(root, "opt/homebrew/bin")
	f = Find(Options{GOOS: "darwin", Getenv: func(k string) string {
		if k == "PATH" {
			return path
		}
		return ""
	}, Root: root, NoProject: true})
	for _, in := range f.Installs {
		if strings.HasPrefix(in.Path, path) && (in.Source != Path || in.Rank != 0) {
			t.Errorf("%s: %s at rank %d, want PATH at 0", in.Path, in.Source, in.Rank)
		}
	}
}

// A relative Root hides the fixed places: py never searches a relative
// directory.
func TestFindRelativeRoot(t *testing.T) {
	var trace []string
	f := Find(Options{GOOS: "darwin", Getenv: func(string) string { return "" }, Root: "relative", NoProject: true,
		Trace: func(s string) { trace = append(trace, s) }})
	if len(f.Installs) != 0 {
		t.Errorf("found %d interpreters under a relative root", len(f.Installs))
	}
	if s := strings.Join(trace, "\n"); !strings.Contains(s, `their root "relative" is relative`) {
		t.Errorf("trace does not say the fixed places are hidden:\n%s", s)
	}
}
