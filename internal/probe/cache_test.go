package probe

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/pylauncher/py/internal/fileid"
)

var (
	id1 = fileid.ID{Size: 6831736, Mtime: 1714000000000000000, Ctime: 1714000000000000000, Inode: 42, Dev: 2049}
	id2 = fileid.ID{Size: 6831736, Mtime: 1714000000000000001, Ctime: 1714000000000000000, Inode: 42, Dev: 2049}
)

func TestCacheRoundTrip(t *testing.T) {
	dir := t.TempDir()
	c := OpenCache(dir)
	if _, ok := c.Get("/usr/bin/python3", id1); ok {
		t.Fatalf("Get on an empty cache found an entry")
	}
	info := info312
	c.Put("/usr/bin/python3", id1, &info, nil)
	c.Put("/usr/bin/broken", id1, nil, errors.New("exit status 127"))

	// Visible before Save.
	if e, ok := c.Get("/usr/bin/python3", id1); !ok || e.Info == nil || *e.Info != info312 {
		t.Errorf("Get before Save = %+v, %v, want the answer", e, ok)
	}
	if err := c.Save(); err != nil {
		t.Fatalf("Save: %v", err)
	}
	// And after, in the same instance.
	if e, ok := c.Get("/usr/bin/python3", id1); !ok || e.Info == nil || *e.Info != info312 {
		t.Errorf("Get after Save = %+v, %v, want the answer", e, ok)
	}

	c2 := OpenCache(dir)
	tests := []struct {
		name  string
		path  string
		id    fileid.ID
		found bool
		info  *Info
		err   string
	}{
		{"answer", "/usr/bin/python3", id1, true, &info312, ""},
		{"failure", "/usr/bin/broken", id1, true, nil, "exit status 127"},
		{"changed file", "/usr/bin/python3", id2, false, nil, ""},
		{"other path", "/usr/bin/python3.11", id1, false, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, ok := c2.Get(tt.path, tt.id)
			if ok != tt.found {
				t.Fatalf("Get(%q, %+v) = %+v, %v, want found = %v", tt.path, tt.id, e, ok, tt.found)
			}
			if !ok {
				return
			}
			if e.ID != tt.id || e.Error != tt.err || (e.Info == nil) != (tt.info == nil) || (e.Info != nil && *e.Info != *tt.info) {
				t.Errorf("Get(%q, %+v) = %+v (info %+v), want info %+v, error %q", tt.path, tt.id, e, e.Info, tt.info, tt.err)
			}
		})
	}
	if s := c2.String(); !strings.Contains(s, CacheFile) || !strings.Contains(s, "2 entries") {
		t.Errorf("String() = %q, want the file and 2 entries", s)
	}
	assertOnlyCacheFile(t, dir)
}

func TestCachePutReplaces(t *testing.T) {
	dir := t.TempDir()
	c := OpenCache(dir)
	c.Put("/p", id1, nil, errors.New("broken"))
	info := info312
	c.Put("/p", id2, &info, nil)
	if _, ok := c.Get("/p", id1); ok {
		t.Errorf("Get with the old ID found the replaced entry")
	}
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	if e, ok := OpenCache(dir).Get("/p", id2); !ok || e.Info == nil || e.Error != "" {
		t.Errorf("Get after replacing = %+v, %v, want the new answer", e, ok)
	}
}

func TestCacheMemoryOnly(t *testing.T) {
	c := OpenCache("")
	info := info312
	c.Put("/p", id1, &info, nil)
	if e, ok := c.Get("/p", id1); !ok || *e.Info != info312 {
		t.Errorf("memory cache Get = %+v, %v", e, ok)
	}
	if err := c.Save(); err != nil {
		t.Errorf("memory cache Save = %v, want nil", err)
	}
	if got := c.String(); got != "(memory only)" {
		t.Errorf("String() = %q, want (memory only)", got)
	}
}

func TestCacheSaveCreatesDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache", "py")
	c := OpenCache(dir)
	if err := c.Save(); err != nil {
		t.Fatalf("Save with nothing to save: %v", err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("Save with nothing to save created %q (%v)", dir, err)
	}
	info := info312
	c.Put("/p", id1, &info, nil)
	if err := c.Save(); err != nil {
		t.Fatalf("Save: %v", err)
	}
	if _, ok := OpenCache(dir).Get("/p", id1); !ok {
		t.Errorf("entry not found after Save into a new directory")
	}
}

func TestCacheCorrupt(t *testing.T) {
	valid := validCache()
	line := string(valid[len(cacheHeader)+1:])
	tests := []struct {
		name string
		data []byte
	}{
		{"garbage", []byte("\x00\xff\xfe garbage \x01")},
		{"empty", nil},
		{"header only, no newline", []byte(cacheHeader)},
		{"another version", []byte(`{"entries": {"/old": {"id": {}}}}`)},
		{"truncated line", valid[:len(valid)-20]},
		{"no path quotes", []byte(cacheHeader + "\n" + strings.Replace(line, `"/old"`, `/old`, 1))},
		{"bad number", []byte(cacheHeader + "\n" + strings.Replace(line, "42", "4x2", 1))},
		{"bad flag", []byte(cacheHeader + "\n" + strings.Replace(line, "\t0\t0\t", "\t2\t0\t", 1))},
		{"unknown kind", []byte(cacheHeader + "\n" + strings.Replace(line, "\tok\t", "\tmaybe\t", 1))},
		{"extra field", []byte(cacheHeader + "\n" + strings.TrimSuffix(line, "\n") + "\t\"x\"\n")},
		{"too large", append(append([]byte{}, valid...), make([]byte, maxCacheSize)...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, CacheFile)
			if err := os.WriteFile(p, tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			c := OpenCache(dir)
			if e, ok := c.Get("/old", id1); ok {
				t.Errorf("OpenCache(corrupt).Get = %+v, want nothing", e)
			}
			info := info312
			c.Put("/new", id2, &info, nil)
			if err := c.Save(); err != nil {
				t.Fatalf("Save over a corrupt file: %v", err)
			}
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if d := decodeCache(data); len(d.Entries) != 1 {
				t.Errorf("file after Save = %q, want one valid entry", data)
			}
			if _, ok := OpenCache(dir).Get("/new", id2); !ok {
				t.Errorf("entry not found after rewriting a corrupt cache")
			}
		})
	}
}

func TestCacheUnreadable(t *testing.T) {
	// A directory where the cache file should be: OpenCache is empty, and
	// Save reports an error instead of crashing or leaving files around.
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, CacheFile), 0o755); err != nil {
		t.Fatal(err)
	}
	c := OpenCache(dir)
	info := info312
	c.Put("/p", id1, &info, nil)
	if err := c.Save(); err == nil {
		t.Errorf("Save onto a directory = nil, want an error")
	}
	assertOnlyCacheFile(t, dir)
}

func TestCacheMerge(t *testing.T) {
	dir := t.TempDir()
	a := OpenCache(dir)
	b := OpenCache(dir)
	infoA, infoB := info312, info312
	infoB.Version = "3.11.7.final.0"
	a.Put("/a", id1, &infoA, nil)
	b.Put("/b", id1, &infoB, nil)
	if err := b.Save(); err != nil {
		t.Fatal(err)
	}
	if err := a.Save(); err != nil {
		t.Fatal(err)
	}
	c := OpenCache(dir)
	if e, ok := c.Get("/a", id1); !ok || e.Info.Version != infoA.Version {
		t.Errorf("Get(/a) = %+v, %v, want A's answer", e, ok)
	}
	if e, ok := c.Get("/b", id1); !ok || e.Info.Version != infoB.Version {
		t.Errorf("Get(/b) = %+v, %v, want B's answer (written meanwhile by another instance)", e, ok)
	}
	// a now knows about b's entry too.
	if _, ok := a.Get("/b", id1); !ok {
		t.Errorf("after Save, the instance does not see entries merged from the file")
	}
}

func TestCacheEviction(t *testing.T) {
	dir := t.TempDir()
	info := info312
	// Ten old entries, one Save each, so their ages are known.
	for i := range 10 {
		c := OpenCache(dir)
		c.Put(fmt.Sprintf("/old/%d", i), id1, &info, nil)
		if err := c.Save(); err != nil {
			t.Fatal(err)
		}
	}
	// Then enough new ones to go 5 over the limit.
	c := OpenCache(dir)
	for i := range maxEntries - 5 {
		c.Put(fmt.Sprintf("/new/%d", i), id1, &info, nil)
	}
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	c = OpenCache(dir)
	if n := len(c.data.Entries); n != maxEntries {
		t.Errorf("cache holds %d entries, want %d", n, maxEntries)
	}
	for i := range 10 {
		_, ok := c.Get(fmt.Sprintf("/old/%d", i), id1)
		if want := i >= 5; ok != want {
			t.Errorf("Get(/old/%d) found = %v, want %v (the 5 oldest dropped)", i, ok, want)
		}
	}
	for i := range maxEntries - 5 {
		if _, ok := c.Get(fmt.Sprintf("/new/%d", i), id1); !ok {
			t.Errorf("Get(/new/%d) not found", i)
		}
	}
}

// TestCacheConcurrent simulates many py processes sharing one cache file.
func TestCacheConcurrent(t *testing.T) {
	dir := t.TempDir()
	const workers, rounds = 8, 25
	var wg sync.WaitGroup
	errs := make(chan error, workers*rounds*2)
	stop := make(chan struct{})
	var readerWG sync.WaitGroup
	readerWG.Add(1)
	go func() {
		// A reader checks that the file is always a whole version.
		defer readerWG.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			data, err := os.ReadFile(filepath.Join(dir, CacheFile))
			if err != nil {
				continue
			}
			if !strings.HasPrefix(string(data), cacheHeader+"\n") || !strings.HasSuffix(string(data), "\n") || len(decodeCache(data).Entries) != strings.Count(string(data), "\n")-1 {
				errs <- fmt.Errorf("reader saw a partial cache file (%d bytes): %q", len(data), data)
				return
			}
		}
	}()
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range rounds {
				c := OpenCache(dir)
				info := info312
				info.Executable = fmt.Sprintf("/w%d/r%d", w, r)
				c.Put(fmt.Sprintf("/w%d/r%d", w, r), id1, &info, nil)
				c.Put(fmt.Sprintf("/w%d/last", w), fileid.ID{Size: int64(r)}, &info, nil)
				if err := c.Save(); err != nil {
					if runtime.GOOS == "windows" {
						continue // rename over a file open elsewhere may fail there
					}
					errs <- fmt.Errorf("worker %d round %d: Save: %v", w, r, err)
				}
			}
		}()
	}
	wg.Wait()
	close(stop)
	readerWG.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}

	c := OpenCache(dir)
	if len(c.data.Entries) == 0 {
		t.Fatalf("cache empty after %d concurrent writers", workers)
	}
	for p, e := range c.data.Entries {
		if e.Info == nil || e.Info.Executable == "" || !strings.HasPrefix(p, "/w") {
			t.Errorf("entry %q = %+v, want a valid answer", p, e)
		}
	}
	assertOnlyCacheFile(t, dir)
}

func assertOnlyCacheFile(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != CacheFile && e.Name() != LockFile {
			t.Errorf("%s holds %q besides the cache and lock files: a temporary file left behind?", dir, e.Name())
		}
	}
}

func TestDir(t *testing.T) {
	// Absolute on every host.
	root := t.TempDir()
	abs := func(p string) string { return filepath.Join(root, p) }
	xdg, home, local := abs("xdg"), abs("home/me"), abs("AppData/Local")
	tests := []struct {
		name string
		goos string
		env  map[string]string
		want string
	}{
		{"linux xdg", "linux", map[string]string{"XDG_CACHE_HOME": xdg, "HOME": home}, filepath.Join(xdg, "py")},
		{"linux home", "linux", map[string]string{"HOME": home}, filepath.Join(home, ".cache", "py")},
		{"linux relative xdg ignored", "linux", map[string]string{"XDG_CACHE_HOME": "rel", "HOME": home}, filepath.Join(home, ".cache", "py")},
		{"linux relative home ignored", "linux", map[string]string{"HOME": "rel"}, ""},
		{"linux nothing", "linux", nil, ""},
		{"freebsd xdg", "freebsd", map[string]string{"XDG_CACHE_HOME": xdg}, filepath.Join(xdg, "py")},
		{"darwin", "darwin", map[string]string{"HOME": home, "XDG_CACHE_HOME": xdg}, filepath.Join(home, "Library", "Caches", "py")},
		{"darwin relative home", "darwin", map[string]string{"HOME": "rel"}, ""},
		{"windows", "windows", map[string]string{"LOCALAPPDATA": local, "HOME": home}, filepath.Join(local, "py", "cache")},
		{"windows relative", "windows", map[string]string{"LOCALAPPDATA": "rel", "HOME": home}, ""},
		{"windows nothing", "windows", map[string]string{"HOME": home, "XDG_CACHE_HOME": xdg}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			getenv := func(k string) string { return tt.env[k] }
			if got := Dir(tt.goos, getenv); got != tt.want {
				t.Errorf("Dir(%q, %v) = %q, want %q", tt.goos, tt.env, got, tt.want)
			}
		})
	}
}

// validCache is a cache file holding one answer, for /old with id1.
func validCache() []byte {
	return encodeCache(cacheData{Entries: map[string]Entry{"/old": {ID: id1, Info: &info312, Seq: 1}}})
}

// Every entry, odd strings included, reads back as it was written.
func TestCacheEncoding(t *testing.T) {
	odd := Info{Impl: "cpython", Version: "3.13.0.candidate.2", FreeThreaded: true, Debug: true, Bits: 32, Machine: "arm64",
		Prefix: "/a b c d", BasePrefix: "/\"q\"\\", Executable: "/ünï\u2028é"}
	in := cacheData{Entries: map[string]Entry{
		"/usr/bin/python3":   {ID: id1, Info: &info312, Seq: 3},
		"/tab\there\nnl":     {ID: id2, Info: &odd, Seq: 1},
		"/broken":            {ID: fileid.ID{Size: -1, Mtime: -2, Ctime: -3}, Error: "exit status 127\n\tand more", Seq: 2},
		"/\xff/invalid-utf8": {ID: fileid.ID{Inode: 1<<64 - 1, Dev: 1<<64 - 1}, Error: "", Seq: 4},
	}}
	// An answer with control characters is dropped when read: it would
	// be printed to terminals.
	ctl := odd
	ctl.Prefix = "/a b\tc\nd\x1b"
	withCtl := cacheData{Entries: map[string]Entry{"/ctl": {ID: id1, Info: &ctl, Seq: 5}}}
	if got := decodeCache(encodeCache(withCtl)); len(got.Entries) != 0 {
		t.Errorf("decoded %+v from an answer with control characters, want nothing", got.Entries)
	}
	data := encodeCache(in)
	if n := strings.Count(string(data), "\n"); n != 1+len(in.Entries) {
		t.Fatalf("encoded %d lines, want %d:\n%s", n, 1+len(in.Entries), data)
	}
	out := decodeCache(data)
	if len(out.Entries) != len(in.Entries) {
		t.Fatalf("decoded %d entries, want %d:\n%s", len(out.Entries), len(in.Entries), data)
	}
	for p, want := range in.Entries {
		got, ok := out.Entries[p]
		if !ok || got.ID != want.ID || got.Seq != want.Seq || got.Error != want.Error || (got.Info == nil) != (want.Info == nil) ||
			got.Info != nil && *got.Info != *want.Info {
			t.Errorf("entry %q = %+v (info %+v), want %+v (info %+v)", p, got, got.Info, want, want.Info)
		}
	}
}

func FuzzOpenCache(f *testing.F) {
	f.Add(validCache())
	f.Add([]byte(cacheHeader + "\n1 2 3 4 5 6\t\"/p\"\terror\t\"x\"\n"))
	f.Add([]byte(cacheHeader + "\n-1 -2 -3 -4 5 6\t\"\"\tok\n"))
	f.Add([]byte(cacheHeader + "\n7 1 2 3 4 5\t\"/new\"\terror\t\"old\"\n8 1 2 3 4 5\t\"/q\"\terror\t\"\\x1b\"\n"))
	f.Add([]byte("garbage"))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, CacheFile), data, 0o644); err != nil {
			t.Fatal(err)
		}
		old := decodeCache(data).Entries
		for p, e := range old {
			if e.Info != nil && e.Info.check() != nil {
				t.Fatalf("decoded an unusable answer for %q: %+v", p, *e.Info)
			}
		}
		c := OpenCache(dir)
		c.Get("/old", id1)
		info := info312
		c.Put("/new", id2, &info, nil)
		if err := c.Save(); err != nil {
			t.Fatalf("Save over %q: %v", data, err)
		}
		after := OpenCache(dir)
		if e, ok := after.Get("/new", id2); !ok || e.Info == nil || *e.Info != info312 {
			t.Errorf("after Save over %q, Get(/new) = %+v, %v", data, e, ok)
		}
		// What was there survives the write (but for the oldest, past
		// the limit), unchanged.
		delete(old, "/new")
		kept := 0
		for p, e := range old {
			got, ok := after.data.Entries[p]
			if !ok {
				continue
			}
			kept++
			if got.ID != e.ID || got.Error != e.Error || (got.Info == nil) != (e.Info == nil) || got.Info != nil && *got.Info != *e.Info {
				t.Errorf("entry %q changed from %+v to %+v", p, e, got)
			}
		}
		if want := min(len(old), maxEntries-1); kept != want {
			t.Errorf("%d of %d old entries survived, want %d", kept, len(old), want)
		}
	})
}
