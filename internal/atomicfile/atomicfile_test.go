package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/pylauncher/py/internal/readfile"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "sub", "f")
	if err := Write(p, []byte("one"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(p, []byte("two"), 0o755); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(p)
	fi, _ := os.Stat(p)
	if string(data) != "two" || runtime.GOOS != "windows" && fi.Mode().Perm() != 0o755 {
		t.Errorf("file = %q, %v", data, fi.Mode())
	}
	entries, _ := os.ReadDir(filepath.Dir(p))
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
	if err := Write(filepath.Join(p, "x"), nil, 0o644); err == nil {
		t.Error("writing under a file succeeded")
	}
}

// errNoFIFO: mkfifo cannot make one here.
var errNoFIFO = errors.New("no FIFOs here")

// later makes the clock run ahead by d for the rest of the test.
func later(t *testing.T, d time.Duration) {
	old := now
	now = func() time.Time { return time.Now().Add(d) }
	t.Cleanup(func() { now = old })
}

// names lists dir, sorted.
func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	sort.Strings(out)
	return out
}

// Write removes the left-overs of earlier writes of the same file once
// they are stale, and nothing else.
func TestWriteRemovesStale(t *testing.T) {
	for _, tt := range []struct {
		name  string
		ahead time.Duration // how far the clock runs ahead of the files
		want  []string
	}{
		{"stale", StaleAfter + time.Minute, []string{".f.tmpx", ".g.tmp12", "f"}},
		{"in progress", StaleAfter - time.Minute, []string{".f.tmp12", ".f.tmp4294967295", ".f.tmpx", ".g.tmp12", "f"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, n := range []string{".f.tmp12", ".f.tmp4294967295", ".f.tmpx", ".g.tmp12"} {
				if err := os.WriteFile(filepath.Join(dir, n), []byte("left over"), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			later(t, tt.ahead)
			if err := Write(filepath.Join(dir, "f"), []byte("new"), 0o644); err != nil {
				t.Fatal(err)
			}
			if got := names(t, dir); strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("left %v, want %v", got, tt.want)
			}
		})
	}
}

func TestTempBase(t *testing.T) {
	for _, tt := range []struct {
		name string
		base string // "" for not one of py's
	}{
		{".python3.tmp1234", "python3"},
		{".python3.tmp0", "python3"},
		{".python3.tmp4294967295", "python3"},
		{".a.tmp1.tmp22", "a.tmp1"},
		{".f.tmp7", "f"},
		{".python3.tmp4294967296", ""}, // more than 32 bits
		{".python3.tmp0123", ""},       // a leading zero
		{".python3.tmp", ""},
		{".python3.tmp12a", ""},
		{".python3.tmp+12", ""},
		{".python3.tmp-12", ""},
		{".python3.tmp 12", ""},
		{".python3.TMP12", ""},
		{".python3.tmp12.swp", ""},
		{"python3.tmp12", ""},
		{"..tmp12", ""},
		{".tmp12", ""},
		{"python3", ""},
		{"", ""},
	} {
		base, ok := TempBase(tt.name)
		if base != tt.base || ok != (tt.base != "") {
			t.Errorf("TempBase(%q) = %q, %v; want %q", tt.name, base, ok, tt.base)
		}
	}
	// Every name py makes is one of py's.
	for range 1000 {
		n := filepath.Base(TempName(filepath.Join("d", "python3.12")))
		if base, ok := TempBase(n); !ok || base != "python3.12" {
			t.Fatalf("TempBase(%q) = %q, %v", n, base, ok)
		}
	}
}

func TestTemp(t *testing.T) {
	errOther := errors.New("other")
	for _, tt := range []struct {
		name  string
		fails int   // how many names are taken
		err   error // then returned, nil when a name is free
		want  error
	}{
		{"free", 0, nil, nil},
		{"taken thrice", 3, nil, nil},
		{"always taken", 1 << 30, nil, fs.ErrExist},
		{"other error", 0, errOther, errOther},
	} {
		t.Run(tt.name, func(t *testing.T) {
			calls := 0
			var last string
			name, err := Temp(filepath.Join("d", "f"), func(name string) error {
				calls++
				last = name
				if calls <= tt.fails {
					return &fs.PathError{Op: "open", Path: name, Err: fs.ErrExist}
				}
				return tt.err
			})
			if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
				t.Fatalf("Temp = %q, %v; want %v", name, err, tt.want)
			}
			if err == nil && (name != last || calls != tt.fails+1) {
				t.Errorf("Temp = %q after %d calls; want %q after %d", name, calls, last, tt.fails+1)
			}
		})
	}
	f, err := CreateTemp(filepath.Join(t.TempDir(), "f"))
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	fi, _ := os.Stat(f.Name())
	if base, ok := TempBase(filepath.Base(f.Name())); !ok || base != "f" || runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Errorf("CreateTemp made %q, %v", f.Name(), fi.Mode())
	}
}

// RemoveStale removes py's own stale temporary files — regular files and
// symbolic links, never followed — and nothing else.
func TestRemoveStale(t *testing.T) {
	old := time.Now().Add(-365 * 24 * time.Hour)
	file := func(p string) error { return os.WriteFile(p, []byte("x"), 0o600) }
	for _, tt := range []struct {
		name    string
		file    string // created in a fresh directory
		make    func(p string) error
		ahead   time.Duration // how far the clock runs ahead
		removed bool
	}{
		{"stale", ".python3.tmp12", file, StaleAfter + time.Second, true},
		{"just written", ".python3.tmp12", file, 0, false},
		{"nearly stale", ".python3.tmp12", file, StaleAfter - time.Minute, false},
		{"written in the future", ".python3.tmp12", file, -time.Hour, false},
		{"another base", ".pip.tmp12", file, time.Hour, false},
		{"not py's digits", ".python3.tmp012", file, time.Hour, false},
		{"not py's suffix", ".python3.tmp12~", file, time.Hour, false},
		{"the file itself", "python3", file, time.Hour, false},
		{"stale symlink", ".python3.tmp12", func(p string) error { return os.Symlink("target", p) }, time.Hour, true},
		{"a directory", ".python3.tmp12", func(p string) error { return os.Mkdir(p, 0o755) }, time.Hour, false},
		{"a FIFO", ".python3.tmp12", mkfifo, time.Hour, false},
		// A hard link made now to a year-old file (what Backup makes) is
		// new: where the platform says so (status change time), it stays.
		{"new hard link to an old file", ".python3.tmp12", func(p string) error {
			orig := filepath.Join(filepath.Dir(p), "orig")
			if err := file(orig); err != nil {
				return err
			}
			if err := os.Chtimes(orig, old, old); err != nil {
				return err
			}
			return os.Link(orig, p)
		}, 0, !linkBackups},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, tt.file)
			if err := tt.make(p); err != nil {
				if errors.Is(err, errNoFIFO) {
					t.Skip(err)
				}
				t.Fatal(err)
			}
			later(t, tt.ahead)
			RemoveStale(dir, func(base string) bool { return base == "python3" })
			_, err := os.Lstat(p)
			if removed := errors.Is(err, fs.ErrNotExist); removed != tt.removed {
				t.Errorf("removed = %v, want %v (%v)", removed, tt.removed, err)
			}
			if left := names(t, dir); tt.removed && len(left) != 0 && !(len(left) == 1 && left[0] == "orig") {
				t.Errorf("left %v", left)
			}
		})
	}
	// A directory that cannot be listed: nothing happens.
	RemoveStale(filepath.Join(t.TempDir(), "none"), func(string) bool { return true })
}

func TestBackup(t *testing.T) {
	for _, tt := range []struct {
		name string
		link bool
	}{
		{"hard link", true},
		{"copy", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.link && !linkBackups {
				t.Skip("no hard-link backups here")
			}
			defer func(v bool) { linkBackups = v }(linkBackups)
			linkBackups = tt.link
			dir := t.TempDir()
			p := filepath.Join(dir, "python3")
			if err := os.WriteFile(p, []byte("ORIGINAL"), 0o750); err != nil {
				t.Fatal(err)
			}
			os.Chmod(p, 0o750)
			b, err := Backup(p)
			if err != nil {
				t.Fatal(err)
			}
			if base, ok := TempBase(filepath.Base(b)); !ok || base != "python3" || filepath.Dir(b) != dir {
				t.Errorf("Backup = %q, not a temporary name for python3", b)
			}
			fo, _ := os.Stat(p)
			fb, _ := os.Stat(b)
			if same := os.SameFile(fo, fb); same != tt.link {
				t.Errorf("the backup is the same file: %v, want %v", same, tt.link)
			}
			// Replaced, then put back.
			if err := Write(p, []byte("NEW"), 0o755); err != nil {
				t.Fatal(err)
			}
			// Still there for the rollback of a write in progress.
			RemoveStale(dir, func(string) bool { return true })
			if err := os.Rename(b, p); err != nil {
				t.Fatal(err)
			}
			data, _ := os.ReadFile(p)
			fi, _ := os.Stat(p)
			if string(data) != "ORIGINAL" || runtime.GOOS != "windows" && fi.Mode().Perm() != 0o750 {
				t.Errorf("restored %q %v, want ORIGINAL -rwxr-x---", data, fi.Mode())
			}
			if got := names(t, dir); len(got) != 1 {
				t.Errorf("left %v", got)
			}
		})
	}
	dir := t.TempDir()
	notRegular := []string{dir}
	if runtime.GOOS != "windows" {
		// (Wine's symbolic links are not Windows'.)
		os.Symlink("python3", filepath.Join(dir, "link"))
		notRegular = append(notRegular, filepath.Join(dir, "link"))
	}
	for _, p := range notRegular {
		if b, err := Backup(p); !errors.Is(err, readfile.ErrNotRegular) {
			t.Errorf("Backup(%q) = %q, %v; want not a regular file", p, b, err)
		}
	}
	if b, err := Backup(filepath.Join(dir, "none")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Backup(none) = %q, %v", b, err)
	}
	if got := names(t, dir); len(got) != len(notRegular)-1 {
		t.Errorf("left %v", got)
	}
}
