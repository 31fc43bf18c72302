package redirector

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// within fails the test when f takes more than a few seconds (a FIFO
// opened for reading blocks until a writer comes).
func within(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatalf("%s blocked", what)
	}
}

// special makes p a file of the given kind: "fifo", "dir", "device" (a
// symlink to /dev/null), "dangling" (a symlink to nothing), "link:X" (a
// symlink to X).
func special(t *testing.T, p, kind string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	var err error
	switch {
	case kind == "fifo":
		if runtime.GOOS == "windows" {
			t.Skip("no FIFOs")
		}
		err = mkfifo(p)
	case kind == "dir":
		err = os.MkdirAll(filepath.Join(p, "sub"), 0o755) // not empty
	case kind == "device":
		if runtime.GOOS == "windows" {
			t.Skip("no /dev/null")
		}
		err = os.Symlink("/dev/null", p)
	case kind == "dangling":
		err = os.Symlink(filepath.Join(filepath.Dir(p), "gone"), p)
	case strings.HasPrefix(kind, "link:"):
		err = os.Symlink(strings.TrimPrefix(kind, "link:"), p)
	default:
		t.Fatalf("unknown kind %q", kind)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// A pyvenv.cfg beside the redirector or one directory up that is not a
// regular file is reported (107, naming it and what it is), never read,
// never skipped: CPython would read it too.
func TestFindNotRegular(t *testing.T) {
	root := t.TempDir()
	home := filepath.Join(root, "base")
	mkfile(t, filepath.Join(home, "python3"), "", 0o755)
	good := "home = " + home + "\n"
	for i, tt := range []struct {
		name   string
		beside string // what bin/pyvenv.cfg is: "" none, "cfg" a good one, else a kind for special
		up     string // the same for the venv's pyvenv.cfg
		want   string // "ok", or "CODE: message" with "@" for the venv
	}{
		{"fifo beside", "fifo", "cfg", `107: cannot read "@/bin/pyvenv.cfg": not a regular file (a FIFO)`},
		{"directory beside", "dir", "cfg", `107: cannot read "@/bin/pyvenv.cfg": not a regular file (a directory)`},
		{"device beside", "device", "cfg", `107: cannot read "@/bin/pyvenv.cfg": not a regular file (a device)`},
		{"fifo up", "", "fifo", `107: cannot read "@/pyvenv.cfg": not a regular file (a FIFO)`},
		{"directory up", "", "dir", `107: cannot read "@/pyvenv.cfg": not a regular file (a directory)`},
		{"device up", "", "device", `107: cannot read "@/pyvenv.cfg": not a regular file (a device)`},
		// CPython reads the one up first: it would block on a FIFO there.
		{"good beside, fifo up", "cfg", "fifo", `107: cannot read "@/pyvenv.cfg": not a regular file (a FIFO)`},
		{"good beside, directory up", "cfg", "dir", `107: cannot read "@/pyvenv.cfg": not a regular file (a directory)`},
		{"good beside, device up", "cfg", "device", `107: cannot read "@/pyvenv.cfg": not a regular file (a device)`},
		{"good beside and up", "cfg", "cfg", "ok"},
		{"good beside, none up", "cfg", "", "ok"},
		{"dangling symlink beside", "dangling", "cfg", "ok"},
		{"good beside, dangling symlink up", "cfg", "dangling", "ok"},
		{"symlink to a good one beside", "link:../pyvenv.cfg", "cfg", "ok"},
		{"dangling symlinks only", "dangling", "dangling", `106: no pyvenv.cfg in "@/bin" or "@"`},
		{"none", "", "", `106: no pyvenv.cfg in "@/bin" or "@"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			v := filepath.Join(root, fmt.Sprint("v", i))
			self := filepath.Join(v, "bin", "python3")
			for _, c := range []struct{ kind, path string }{{tt.beside, filepath.Join(v, "bin", "pyvenv.cfg")}, {tt.up, filepath.Join(v, "pyvenv.cfg")}} {
				switch c.kind {
				case "":
					os.MkdirAll(filepath.Dir(c.path), 0o755)
				case "cfg":
					mkfile(t, c.path, good, 0o644)
				default:
					special(t, c.path, c.kind)
				}
			}
			var got Target
			var err error
			within(t, "Find", func() { got, err = Find(self, "python3", "linux") })
			if tt.want == "ok" {
				if err != nil || got.Base != filepath.Join(home, "python3") {
					t.Errorf("Find = %+v, %v; want the base", got, err)
				}
				return
			}
			want := strings.ReplaceAll(filepath.FromSlash(strings.ReplaceAll(tt.want, "@", "\x00")), "\x00", v)
			var e *Error
			if !errors.As(err, &e) || fmt.Sprintf("%d: %s", e.Code, e.Msg) != want {
				t.Errorf("Find = %+v, %v\nwant %s", got, err, want)
			}
		})
	}
}
