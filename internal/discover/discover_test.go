//go:build unix

package discover

import (
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pylauncher/py/internal/fileid"
	"github.com/pylauncher/py/internal/pyver"
)

func write(t *testing.T, path string, mode os.FileMode) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	// Distinct contents: each file is a different interpreter.
	if err := os.WriteFile(path, []byte("#!/bin/sh\n# "+path+"\n"), mode); err != nil {
		t.Fatal(err)
	}
}

func link(t *testing.T, target, path string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, path); err != nil {
		t.Fatal(err)
	}
}

func describe(f *Found, root string) []string {
	var out []string
	for _, in := range f.Installs {
		s := strings.TrimPrefix(in.Path, root) + " " + in.Source.String() + " " + in.Impl + " " + in.Tag() + " " + in.Version.String()
		if in.Settled {
			s += " settled"
		}
		if in.Venv {
			s += " venv"
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	p := func(s string) string { return filepath.Join(root, s) }
	write(t, p("bin/python3.12"), 0o755)
	link(t, "python3.12", p("bin/python3"))
	link(t, "python3", p("bin/python"))
	write(t, p("bin/python3.12-config"), 0o755)
	write(t, p("bin/python3.13t"), 0o755)
	write(t, p("bin/pypy3.10"), 0o755)
	write(t, p("bin/python3.9"), 0o644) // not executable
	link(t, "/nonexistent", p("bin/python3.8"))
	write(t, p("other/python3"), 0o755) // unversioned, no link
	link(t, p("bin"), p("binlink"))
	write(t, p("pyenv/shims/python3.11"), 0o755)
	write(t, p("pyenv/versions/3.11.7/bin/python3.11"), 0o755)
	write(t, p("pyenv/versions/3.13.0t/bin/python3.13t"), 0o755)
	write(t, p("pyenv/versions/pypy3.10-7.3.17/bin/pypy3"), 0o755)
	write(t, p("pyenv/versions/miniconda3-latest/bin/python"), 0o755)
	write(t, p("pyenv/versions/myenv/pyvenv.cfg"), 0o644)
	write(t, p("pyenv/versions/myenv/bin/python"), 0o755)
	write(t, p("uv/cpython-3.12.4-linux-x86_64-gnu/bin/python3.12"), 0o755)
	write(t, p("data/py/installs/cpython-3.14.6-linux-x86_64-gnu/bin/python3.14"), 0o755)
	write(t, p("data/py/installs/.tmp-cpython-3.15.0-x/bin/python3.15"), 0o755) // an install in progress
	write(t, p("data/mise/installs/python/3.10.14/bin/python3.10"), 0o755)
	link(t, "3.10.14", p("data/mise/installs/python/3.10"))
	write(t, p("asdf/installs/python/3.9.19/bin/python3.9"), 0o755)
	write(t, p("venv/pyvenv.cfg"), 0o644)
	link(t, p("bin/python3.12"), p("venv/bin/python"))

	vars := map[string]string{
		"PATH":                  strings.Join([]string{p("bin"), "", "relative", p("pyenv/shims"), p("binlink"), p("other"), p("venv/bin"), p("bin")}, ":"),
		"PYENV_ROOT":            p("pyenv"),
		"UV_PYTHON_INSTALL_DIR": p("uv"),
		"XDG_DATA_HOME":         p("data"),
		"ASDF_DATA_DIR":         p("asdf"),
		"HOME":                  p("home"),
	}
	var trace []string
	f := Find(Options{GOOS: "linux", Getenv: func(k string) string { return vars[k] }, Cwd: root, Root: t.TempDir(),
		Trace: func(s string) { trace = append(trace, s) }})
	got := describe(f, root)
	want := []string{
		"/asdf/installs/python/3.9.19/bin/python3.9 asdf cpython 3.9 3.9.19 settled",
		"/bin/pypy3.10 PATH pypy 3.10 3.10",
		"/bin/python3.12 PATH cpython 3.12 3.12",
		"/bin/python3.13t PATH cpython 3.13t 3.13",
		"/data/mise/installs/python/3.10.14/bin/python3.10 mise cpython 3.10 3.10.14 settled",
		"/data/py/installs/cpython-3.14.6-linux-x86_64-gnu/bin/python3.14 py cpython 3.14 3.14.6 settled",
		"/other/python3 PATH cpython 3 3",
		"/pyenv/versions/3.11.7/bin/python3.11 pyenv cpython 3.11 3.11.7 settled",
		"/pyenv/versions/3.13.0t/bin/python3.13t pyenv cpython 3.13t 3.13.0 settled",
		"/pyenv/versions/miniconda3-latest/bin/python pyenv cpython ? ?",
		"/pyenv/versions/pypy3.10-7.3.17/bin/pypy3 pyenv pypy 3.10 3.10 settled",
		"/uv/cpython-3.12.4-linux-x86_64-gnu/bin/python3.12 uv cpython 3.12 3.12.4 settled",
		"/venv/bin/python PATH cpython 3.12 3.12 venv",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Find found:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, in := range f.Installs {
		switch {
		case in.Source == Pyenv && in.Rank != 3:
			t.Errorf("%s: rank %d, want 3 (the shims' PATH entry)", in.Path, in.Rank)
		case in.Path == p("bin/python3.12") && in.Rank != 0:
			t.Errorf("%s: rank %d, want 0", in.Path, in.Rank)
		}
	}
	all := strings.Join(trace, "\n")
	for _, s := range []string{"PATH entry 2 is empty", `PATH entry "relative" is relative`, "holds pyenv shims", "dangling symlink", "not executable", "is a virtual environment; skipped"} {
		if !strings.Contains(all, s) {
			t.Errorf("trace lacks %q:\n%s", s, all)
		}
	}
}

func TestFindEnvs(t *testing.T) {
	root := t.TempDir()
	p := func(s string) string { return filepath.Join(root, s) }
	write(t, p("active/pyvenv.cfg"), 0o644)
	os.WriteFile(p("active/pyvenv.cfg"), []byte("home = /usr/bin\nversion_info = 3.12.1.final.0\nimplementation = CPython\n"), 0o644)
	write(t, p("active/bin/python"), 0o755)
	write(t, p("conda/bin/python"), 0o755)
	write(t, p("conda/conda-meta/python-3.11.5-h955ad1f_0.json"), 0o644)
	write(t, p("proj/.venv/pyvenv.cfg"), 0o644)
	write(t, p("proj/.venv/bin/python"), 0o755)
	os.MkdirAll(p("proj/a/b"), 0o755)
	vars := map[string]string{"VIRTUAL_ENV": p("active"), "CONDA_PREFIX": p("conda")}
	f := Find(Options{GOOS: "linux", Getenv: func(k string) string { return vars[k] }, Cwd: p("proj/a/b"), Root: t.TempDir()})
	if e := f.VirtualEnv; e == nil || e.Interp == nil || e.Interp.Version.String() != "3.12.1" || !e.Interp.Venv {
		t.Errorf("VirtualEnv = %+v", e)
	}
	if e := f.Conda; e == nil || e.Interp == nil || e.Interp.Version.String() != "3.11.5" {
		t.Errorf("Conda = %+v", e)
	}
	if e := f.Project; e == nil || e.Interp == nil || e.Dir != p("proj/.venv") {
		t.Errorf("Project = %+v", e)
	}

	vars["VIRTUAL_ENV"] = p("missing")
	f = Find(Options{GOOS: "linux", Getenv: func(k string) string { return vars[k] }, NoProject: true, Cwd: p("proj/a/b")})
	if e := f.VirtualEnv; e == nil || e.Interp != nil || !strings.Contains(e.Problem, "holds no interpreter") {
		t.Errorf("VirtualEnv (missing) = %+v", e)
	}
	if f.Project != nil || f.ProjectSearched {
		t.Errorf("Project with NoProject = %+v", f.Project)
	}
}

func TestListings(t *testing.T) {
	root := t.TempDir()
	p := func(s string) string { return filepath.Join(root, s) }
	write(t, p("bin/python3.12"), 0o755)
	write(t, p("bin/tool"), 0o755)
	vars := map[string]string{"PATH": p("bin")}
	cache := p("cache/" + ListingsFile)
	later := time.Now().Add(time.Hour) // past the racy window
	find := func(now time.Time) *Found {
		l := OpenListings(cache)
		f := Find(Options{GOOS: "linux", Getenv: func(k string) string { return vars[k] }, Root: t.TempDir(), Listings: l, Now: now})
		if err := l.Save(); err != nil {
			t.Fatal(err)
		}
		return f
	}

	// Too recent to trust: not remembered.
	find(time.Now())
	if _, err := os.Stat(cache); err == nil {
		t.Fatalf("a directory changed within the racy window was remembered")
	}
	if f := find(later); len(f.Installs) != 1 {
		t.Fatalf("found %d, want 1", len(f.Installs))
	}
	data, _ := os.ReadFile(cache)
	if !strings.Contains(string(data), "\t"+p("bin")+"\tpython3.12\n") {
		t.Fatalf("listings file = %q", data)
	}
	// A remembered listing is used while the directory is unchanged...
	l := OpenListings(cache)
	fi, _ := os.Stat(p("bin"))
	if names, ok := l.get(p("bin"), fileid.Of(fi)); !ok || strings.Join(names, ",") != "python3.12" {
		t.Errorf("get = %q, %v", names, ok)
	}
	// ... and a new interpreter in it changes the directory, so it is seen.
	write(t, p("bin/python3.13"), 0o755)
	if f := find(later); len(f.Installs) != 2 {
		t.Errorf("after adding python3.13: found %d, want 2", len(f.Installs))
	}
	// A corrupt file is ignored, then rewritten.
	os.WriteFile(cache, []byte("garbage\x00\n1 2 3\tx\ty\n"), 0o644)
	if f := find(later); len(f.Installs) != 2 {
		t.Errorf("with a corrupt listings file: found %d, want 2", len(f.Installs))
	}
	if data, _ := os.ReadFile(cache); !strings.HasPrefix(string(data), listingsHeader+"\n") {
		t.Errorf("corrupt listings file not rewritten: %q", data)
	}
}

func TestListingsLookupOrder(t *testing.T) {
	dir := t.TempDir()
	cache := filepath.Join(dir, ListingsFile)
	id := func(n int) fileid.ID { return fileid.ID{Dev: 1, Inode: uint64(n), Size: 4096, Mtime: 1, Ctime: 1} }
	// A file with a repeated directory: the first line counts, and Save
	// writes the directory once.
	var b strings.Builder
	b.WriteString(listingsHeader + "\n")
	for _, n := range []int{1, 2, 3, 2} {
		fmtID(&b, id(n))
		b.WriteString("\t/d" + string(rune('0'+n)) + "\tpython3." + string(rune('0'+n)) + "\n")
	}
	if err := os.WriteFile(cache, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	l := OpenListings(cache)
	// Any order of lookups finds every entry (the search wraps around).
	for _, n := range []int{3, 1, 2, 3, 3, 1} {
		names, ok := l.get("/d"+string(rune('0'+n)), id(n))
		if !ok || len(names) != 1 || names[0] != "python3."+string(rune('0'+n)) {
			t.Errorf("get(/d%d) = %q, %v", n, names, ok)
		}
	}
	if _, ok := l.get("/d4", id(4)); ok {
		t.Errorf("get of a directory never listed succeeded")
	}
	if _, ok := l.get("/d1", id(9)); ok {
		t.Errorf("get with a changed identity succeeded")
	}
	l.put("/d1", id(9), []string{"python3.9"}, time.Unix(100, 0))
	if err := l.Save(); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(cache)
	if got := strings.Count(string(data), "\t/d2\t"); got != 1 {
		t.Errorf("/d2 written %d times, want once:\n%s", got, data)
	}
	l = OpenListings(cache)
	if names, ok := l.get("/d1", id(9)); !ok || names[0] != "python3.9" {
		t.Errorf("after put and Save: get(/d1) = %q, %v", names, ok)
	}
}

func TestListingsLimit(t *testing.T) {
	cache := filepath.Join(t.TempDir(), ListingsFile)
	l := OpenListings(cache)
	now := time.Unix(100, 0)
	for n := range maxListings + 10 {
		l.put("/d"+strconv.Itoa(n), fileid.ID{Dev: 1, Inode: uint64(n + 1), Mtime: 1, Ctime: 1}, []string{"python3"}, now)
	}
	if err := l.Save(); err != nil {
		t.Fatal(err)
	}
	l = OpenListings(cache)
	if _, ok := l.get("/d0", fileid.ID{Dev: 1, Inode: 1, Mtime: 1, Ctime: 1}); ok {
		t.Errorf("the oldest entry was kept beyond the limit")
	}
	last := maxListings + 9
	if _, ok := l.get("/d"+strconv.Itoa(last), fileid.ID{Dev: 1, Inode: uint64(last + 1), Mtime: 1, Ctime: 1}); !ok {
		t.Errorf("the newest entry was dropped")
	}
}

// Unwanted builds are passed over by name, before any stat; names that
// do not say their version are kept.
func TestFindUnwanted(t *testing.T) {
	root := t.TempDir()
	p := func(s string) string { return filepath.Join(root, s) }
	write(t, p("bin/python3.11"), 0o755)
	write(t, p("bin/python3"), 0o755) // no version in its name
	write(t, p("pyenv/versions/3.12.1/bin/python3.12"), 0o755)
	// Unusable, but never looked at: no trace of it.
	write(t, p("pyenv/versions/3.10.4/bin/python3.10"), 0o644)
	vars := map[string]string{"PATH": p("bin"), "PYENV_ROOT": p("pyenv")}
	var trace []string
	f := Find(Options{
		GOOS: "linux", Getenv: func(k string) string { return vars[k] }, Root: t.TempDir(),
		Trace:    func(s string) { trace = append(trace, s) },
		Unwanted: func(b pyver.Build) bool { return b.Version.Minor != 12 },
	})
	got := strings.Join(describe(f, root), "\n")
	want := "/bin/python3 PATH cpython 3 3\n/pyenv/versions/3.12.1/bin/python3.12 pyenv cpython 3.12 3.12.1 settled"
	if got != want {
		t.Errorf("found:\n%s\nwant:\n%s", got, want)
	}
	if s := strings.Join(trace, "\n"); strings.Contains(s, "3.10") || strings.Contains(s, "python3.11") {
		t.Errorf("trace mentions an unwanted interpreter:\n%s", s)
	}
}

func FuzzListings(f *testing.F) {
	var b strings.Builder
	b.WriteString(listingsHeader + "\n")
	fmtID(&b, fileid.ID{Dev: 1, Inode: 2, Size: 3, Mtime: 4, Ctime: 5})
	b.WriteString("\t/usr/bin\tpython3/python3.11\n")
	f.Add([]byte(b.String()))
	f.Add([]byte(listingsHeader + "\n1 2 3 4 5\t/a\t\n1 2 3 4 5\t/a\tpython3\n-1 x 3 4 5\t/b\tp\n"))
	f.Add([]byte("garbage"))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), ListingsFile)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		l := OpenListings(path)
		for _, d := range []string{"/usr/bin", "/a", "/b", ""} {
			l.get(d, fileid.ID{Dev: 1, Inode: 2, Size: 3, Mtime: 4, Ctime: 5})
		}
		id := fileid.ID{Dev: 7, Inode: 8, Mtime: 1, Ctime: 1}
		l.put("/new", id, []string{"python3.12", "python3"}, time.Unix(100, 0))
		if err := l.Save(); err != nil {
			t.Fatal(err)
		}
		l = OpenListings(path)
		if names, ok := l.get("/new", id); !ok || strings.Join(names, ",") != "python3.12,python3" {
			t.Fatalf("after Save over %q: get(/new) = %q, %v", data, names, ok)
		}
		saved, _ := os.ReadFile(path)
		seen := map[string]bool{}
		for _, line := range strings.Split(strings.TrimSuffix(string(saved), "\n"), "\n")[1:] {
			_, rest, _ := strings.Cut(line, "\t")
			dir, _, _ := strings.Cut(rest, "\t")
			if seen[dir] {
				t.Fatalf("Save wrote %q twice:\n%s", dir, saved)
			}
			seen[dir] = true
		}
	})
}
