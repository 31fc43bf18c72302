package bench

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/pylauncher/py/internal/discover"
	"github.com/pylauncher/py/internal/request"
	"github.com/pylauncher/py/internal/resolve"
)

const (
	synthDirs  = 100 // PATH directories
	synthFiles = 300 // files in each
)

// synthetic is a fake machine in a temporary directory: a PATH of
// synthDirs directories of synthFiles files each, mostly tools, with a
// handful of python3.N executables spread over a few of them, and a
// pyenv-like root with a few versions.
type synthetic struct {
	root string
	env  map[string]string
	cwd  string
}

func (s *synthetic) getenv(k string) string { return s.env[k] }

func (s *synthetic) options() discover.Options {
	return discover.Options{
		GOOS:   runtime.GOOS,
		Getenv: s.getenv,
		Cwd:    s.cwd,
	}
}

// pythonsOnPath places python3.N in PATH directory index dir.
var pythonsOnPath = map[int][]string{
	7:  {"python3.9"},
	23: {"python3.10", "python3.11"},
	48: {"python3.12"},
	71: {"python3.13"},
	96: {"python3.8", "python3.14"},
}

// pyenvVersions are the installs under $PYENV_ROOT/versions.
var pyenvVersions = []string{"3.10.13", "3.11.7", "3.12.1", "3.13.0"}

const fakeInterp = "#!/bin/sh\nexit 1\n" // never run

func newSynthetic(tb testing.TB) *synthetic {
	tb.Helper()
	root := tb.TempDir()
	// The tools are hard links to two files: creating an inode can cost a
	// millisecond on a virtual disk, and tools are never stat-ed anyway.
	exeTool, plainTool := filepath.Join(root, "tool-x"), filepath.Join(root, "tool-r")
	write(tb, exeTool, "", 0o755)
	write(tb, plainTool, "", 0o644)
	var path []string
	for d := range synthDirs {
		dir := filepath.Join(root, "path", fmt.Sprintf("d%03d", d))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			tb.Fatal(err)
		}
		py := pythonsOnPath[d]
		for _, name := range py {
			write(tb, filepath.Join(dir, name), fakeInterp, 0o755)
		}
		for f := range synthFiles - len(py) {
			src := plainTool
			if f%2 == 0 {
				src = exeTool
			}
			if err := os.Link(src, filepath.Join(dir, fmt.Sprintf("tool%05d", d*synthFiles+f))); err != nil {
				tb.Fatal(err)
			}
		}
		path = append(path, dir)
	}
	pyenv := filepath.Join(root, "pyenv")
	for _, v := range pyenvVersions {
		feature := v[:strings.LastIndexByte(v, '.')]
		bin := filepath.Join(pyenv, "versions", v, "bin")
		if err := os.MkdirAll(bin, 0o755); err != nil {
			tb.Fatal(err)
		}
		write(tb, filepath.Join(bin, "python"+feature), fakeInterp, 0o755)
		if err := os.Symlink("python"+feature, filepath.Join(bin, "python3")); err != nil {
			tb.Fatal(err)
		}
	}
	home := filepath.Join(root, "home")
	cwd := filepath.Join(home, "project")
	if err := os.MkdirAll(cwd, 0o755); err != nil {
		tb.Fatal(err)
	}
	return &synthetic{
		root: root,
		cwd:  cwd,
		env: map[string]string{
			"PATH":       strings.Join(path, string(os.PathListSeparator)),
			"PYENV_ROOT": pyenv,
			"HOME":       home,
		},
	}
}

func write(tb testing.TB, path, data string, mode os.FileMode) {
	tb.Helper()
	if err := os.WriteFile(path, []byte(data), mode); err != nil {
		tb.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil { // past the umask
		tb.Fatal(err)
	}
}

// BenchmarkFindSyntheticPath measures discover.Find over 100 PATH
// directories of 300 files each plus a pyenv root. Find also scans the
// real /usr/local/bin and /usr/bin (system locations on Linux), as py does.
//
// "cold" reads every directory, as py's first run does; "warm" has the
// listings cache of a previous run (each directory is only stat'ed), as
// every later run does. Now is set an hour ahead, past the cache's
// racy-timestamp window, since the directories were just created.
func BenchmarkFindSyntheticPath(b *testing.B) {
	s := newSynthetic(b)
	o := s.options()
	if f := discover.Find(o); len(f.Installs) < len(pyenvVersions) {
		b.Fatalf("found %d installs, want at least %d", len(f.Installs), len(pyenvVersions))
	}
	b.Run("cold", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			discover.Find(o)
		}
	})
	b.Run("warm", func(b *testing.B) {
		benchWarm(b, o)
	})
}

// benchWarm runs Find with a listings cache filled by a first run, read
// from its file at every iteration as a new py process would.
func benchWarm(b *testing.B, o discover.Options) {
	path := filepath.Join(b.TempDir(), discover.ListingsFile)
	o.Now = time.Now().Add(time.Hour)
	o.Listings = discover.OpenListings(path)
	discover.Find(o)
	if err := o.Listings.Save(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		o.Listings = discover.OpenListings(path)
		discover.Find(o)
	}
}

// BenchmarkFindThisMachine measures discover.Find with the real
// environment, as py -3.12 runs it.
func BenchmarkFindThisMachine(b *testing.B) {
	if os.Getenv("PYENV_ROOT") == "" {
		b.Skip("PYENV_ROOT is not set")
	}
	cwd, err := os.Getwd()
	if err != nil {
		b.Fatal(err)
	}
	o := discover.Options{GOOS: runtime.GOOS, Getenv: os.Getenv, Cwd: cwd}
	b.Run("cold", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			discover.Find(o)
		}
	})
	b.Run("warm", func(b *testing.B) {
		benchWarm(b, o)
	})
}

// BenchmarkChoose measures resolve.Choose on the synthetic machine's
// interpreters, with "-3.12" and with no request. Nothing is asked
// (Learn is nil).
func BenchmarkChoose(b *testing.B) {
	s := newSynthetic(b)
	found := discover.Find(s.options())
	r, err := request.FromOption("3.12", "bench")
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name     string
		explicit *request.Request
		want     string
	}{
		{"request=3.12", &r, "3.12"},
		{"no-request", nil, "3.14"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			in := resolve.Inputs{Explicit: bc.explicit, Found: found}
			ch, err := resolve.Choose(in)
			if err != nil {
				b.Fatal(err)
			}
			if got := ch.Interp.Version.Feature(); got != bc.want {
				b.Fatalf("chose %s (%s), want %s", ch.Interp.Path, got, bc.want)
			}
			b.ReportAllocs()
			for b.Loop() {
				resolve.Choose(in)
			}
		})
	}
}
