package redirector

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pylauncher/py/internal/atomicfile"
)

// snapshot describes every file of dir: a symlink by its text, a
// regular file by its permissions and contents, others by their type.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		fi, err := os.Lstat(p)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case fi.Mode()&fs.ModeSymlink != 0:
			l, _ := os.Readlink(p)
			m[e.Name()] = "symlink to " + l
		case fi.Mode().IsRegular():
			data, _ := os.ReadFile(p)
			m[e.Name()] = fmt.Sprintf("%v %q", fi.Mode().Perm(), data)
		default:
			m[e.Name()] = fi.Mode().Type().String()
		}
	}
	return m
}

func diff(before, after map[string]string) string {
	var out []string
	for k, v := range before {
		if after[k] != v {
			out = append(out, fmt.Sprintf("%s: %s, then %s", k, v, after[k]))
		}
	}
	for k, v := range after {
		if _, ok := before[k]; !ok {
			out = append(out, fmt.Sprintf("%s: new, %s", k, v))
		}
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
}

// mkvenv makes a venv as python -m venv does on Linux (python and
// python3.12t linking to python3, which links to the base interpreter),
// with python3.12 a copy (as venv --copies makes), and returns it.
func mkvenv(t *testing.T, root string) (v, base string) {
	t.Helper()
	v = filepath.Join(root, "v")
	base = filepath.Join(root, "base", "python3.12")
	mkfile(t, base, "BASE", 0o755)
	mkfile(t, filepath.Join(v, "pyvenv.cfg"), "home = "+filepath.Dir(base)+"\n", 0o644)
	mkfile(t, filepath.Join(v, "bin", "pip"), "#!/x", 0o755)
	mkfile(t, filepath.Join(v, "bin", "python3.12"), "ORIGINAL", 0o750)
	os.Chmod(filepath.Join(v, "bin", "python3.12"), 0o750)
	special(t, filepath.Join(v, "bin", "python3"), "link:"+base)
	special(t, filepath.Join(v, "bin", "python"), "link:python3")
	special(t, filepath.Join(v, "bin", "python3.12t"), "link:python3")
	return v, base
}

// Install refuses, before writing anything, a venv whose pyvenv.cfg or
// one of whose interpreters is not a regular file (or a symlink to one).
func TestInstallRefuses(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the Unix venv layout")
	}
	for _, tt := range []struct {
		name string
		file string // in the venv
		kind string // for special
		want string // "CODE: message", "@" for the venv; "ok" when installed
	}{
		{"fifo cfg", "pyvenv.cfg", "fifo", `107: cannot read "@/pyvenv.cfg": not a regular file (a FIFO)`},
		{"directory cfg", "pyvenv.cfg", "dir", `107: cannot read "@/pyvenv.cfg": not a regular file (a directory)`},
		{"device cfg", "pyvenv.cfg", "device", `107: cannot read "@/pyvenv.cfg": not a regular file (a device)`},
		{"fifo interpreter", "bin/python3.12", "fifo", `103: cannot replace "@/bin/python3.12": not a regular file or a symlink to one (a FIFO)`},
		{"directory interpreter", "bin/python3.12", "dir", `103: cannot replace "@/bin/python3.12": not a regular file or a symlink to one (a directory)`},
		{"device interpreter", "bin/python3.12", "device", `103: cannot replace "@/bin/python3.12": not a regular file or a symlink to one (a symlink to a device)`},
		{"symlink to a directory", "bin/python", "link:..", `103: cannot replace "@/bin/python": not a regular file or a symlink to one (a symlink to a directory)`},
		// A venv whose base interpreter is gone is what the redirector
		// repairs: a dangling symlink is replaced.
		{"dangling symlink", "bin/python3.13", "dangling", "ok"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			self := filepath.Join(root, "venvlauncher")
			mkfile(t, self, "REDIRECTOR", 0o755)
			v, _ := mkvenv(t, root)
			p := filepath.Join(v, filepath.FromSlash(tt.file))
			os.Remove(p)
			special(t, p, tt.kind)
			before := snapshot(t, filepath.Join(v, "bin"))
			var n int
			var err error
			within(t, "Install", func() { n, err = Install(v, self, "linux") })
			if tt.want == "ok" {
				if err != nil || n != 5 {
					t.Errorf("Install = %d, %v; want 5", n, err)
				}
				return
			}
			want := strings.ReplaceAll(tt.want, "@", v)
			var e *Error
			if !errors.As(err, &e) || fmt.Sprintf("%d: %s", e.Code, e.Msg) != want {
				t.Errorf("Install = %d, %v\nwant %s", n, err, want)
			}
			if d := diff(before, snapshot(t, filepath.Join(v, "bin"))); d != "" {
				t.Errorf("the venv changed:\n%s", d)
			}
		})
	}
}

// A rename that fails half-way puts back the interpreters already
// replaced — symlinks as symlinks, regular files as the same file — and
// leaves no temporary file.
func TestInstallRollback(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the Unix venv layout")
	}
	errInjected := errors.New("injected failure")
	// The targets, renamed in this order: python, python3, python3.12, python3.12t.
	for _, tt := range []struct {
		name    string
		failAt  int  // the rename that fails, from 1
		failAll bool // and every rename after it (the rollback fails too)
		swap    bool // instead of failing, make the target a non-empty directory first
		want    string
	}{
		{"first", 1, false, false, `101: cannot replace "@/bin/python": injected failure; the venv is as it was`},
		{"second", 2, false, false, `101: cannot replace "@/bin/python3": injected failure; the venv is as it was`},
		{"third, a regular file", 3, false, false, `101: cannot replace "@/bin/python3.12": injected failure; the venv is as it was`},
		{"last", 4, false, false, `101: cannot replace "@/bin/python3.12t": injected failure; the venv is as it was`},
		{"a directory found late", 4, false, true, `101: cannot replace "@/bin/python3.12t": ` + syscall.EEXIST.Error() + `; the venv is as it was`},
		{"rollback fails", 4, true, false, `101: cannot replace "@/bin/python3.12t": injected failure; ` +
			`could not put back "@/bin/python3.12" (it is kept as "$KEPT"): injected failure; ` +
			`could not put back "@/bin/python3" (a symlink to "$BASE"): injected failure; ` +
			`could not put back "@/bin/python" (a symlink to "python3"): injected failure`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			self := filepath.Join(root, "venvlauncher")
			mkfile(t, self, "REDIRECTOR", 0o755)
			v, base := mkvenv(t, root)
			bin := filepath.Join(v, "bin")
			origFile, _ := os.Lstat(filepath.Join(bin, "python3.12"))
			calls := 0
			rename = func(from, to string) error {
				calls++
				if calls == tt.failAt && tt.swap {
					os.Remove(to)
					special(t, to, "dir")
				} else if calls == tt.failAt || tt.failAll && calls > tt.failAt {
					return &os.LinkError{Op: "rename", Old: from, New: to, Err: errInjected}
				}
				return os.Rename(from, to)
			}
			defer func() { rename = os.Rename }()
			before := snapshot(t, bin)
			n, err := Install(v, self, "linux")
			after := snapshot(t, bin)
			kept := ""
			for name := range after {
				if _, ok := before[name]; !ok {
					kept = filepath.Join(bin, name)
				}
			}
			want := strings.NewReplacer("@", v, "$BASE", base, "$KEPT", kept).Replace(tt.want)
			var e *Error
			if !errors.As(err, &e) || fmt.Sprintf("%d: %s", e.Code, e.Msg) != want || n != 0 {
				t.Errorf("Install = %d, %v\nwant %s", n, err, want)
			}
			if tt.swap {
				delete(after, "python3.12t")
				delete(before, "python3.12t")
			}
			orig := filepath.Join(bin, "python3.12")
			if tt.failAll {
				// Nothing is lost; what is not put back is named, and the
				// original regular file is kept under the name given.
				for _, n := range []string{"python", "python3", "python3.12"} {
					if after[n] != `-rwxr-xr-x "REDIRECTOR"` {
						t.Errorf("%s: %s", n, after[n])
					}
					before[n] = after[n]
				}
				if base, ok := atomicfile.TempBase(filepath.Base(kept)); !ok || base != "python3.12" {
					t.Errorf("the original is kept as %q", kept)
				}
				before[filepath.Base(kept)] = after[filepath.Base(kept)]
				orig = kept
			}
			if d := diff(before, after); d != "" {
				t.Errorf("the venv changed:\n%s", d)
			}
			// The very file, not a copy (a hard link keeps it where the
			// platform has status change times).
			if fi, _ := os.Lstat(orig); !os.SameFile(origFile, fi) && (runtime.GOOS == "linux" || runtime.GOOS == "darwin") {
				t.Errorf("%s is not the original python3.12", orig)
			}
		})
	}
}

// Left-overs of an install killed half-way: fresh ones (maybe another
// install in progress) and files not of py's naming are kept.
// (Stale ones are removed: see atomicfile's tests; a test cannot age a
// file's status change time.)
func TestInstallKeepsOthersTemporaryFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the Unix venv layout")
	}
	root := t.TempDir()
	self := filepath.Join(root, "venvlauncher")
	mkfile(t, self, "REDIRECTOR", 0o755)
	v, _ := mkvenv(t, root)
	bin := filepath.Join(v, "bin")
	keep := []string{".python3.tmp12", ".python3.12.tmp0", ".pip.tmp12", ".python3.tmpx", "python3.tmp12"}
	for _, n := range keep {
		mkfile(t, filepath.Join(bin, n), "LEFT", 0o600)
		old := time.Now().Add(-time.Hour)
		os.Chtimes(filepath.Join(bin, n), old, old)
	}
	if n, err := Install(v, self, "linux"); err != nil || n != 4 {
		t.Fatalf("Install = %d, %v", n, err)
	}
	var left []string
	entries, _ := os.ReadDir(bin)
	for _, e := range entries {
		if _, ok := atomicfile.TempBase(e.Name()); ok || strings.Contains(e.Name(), ".tmp") {
			left = append(left, e.Name())
		}
	}
	sort.Strings(left)
	sort.Strings(keep)
	if strings.Join(left, " ") != strings.Join(keep, " ") {
		t.Errorf("temporary files left: %v, want %v", left, keep)
	}
}

func TestIsInterpreter(t *testing.T) {
	for _, tt := range []struct {
		name, goos string
		want       bool
	}{
		{"python", "linux", true},
		{"python3", "linux", true},
		{"python3.12", "linux", true},
		{"python3.13t", "linux", true},
		{"python.exe", "linux", false},
		{"pip", "linux", false},
		{"python3-config", "linux", false},
		{".python3.tmp12", "linux", false},
		{"python.exe", "windows", true},
		{"pythonw.exe", "windows", true},
		{"python", "windows", false},
		{"pip.exe", "windows", false},
	} {
		if got := isInterpreter(tt.name, tt.goos); got != tt.want {
			t.Errorf("isInterpreter(%q, %s) = %v, want %v", tt.name, tt.goos, got, tt.want)
		}
	}
}
