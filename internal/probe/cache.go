package probe

import (
	"cmp"
	"errors"
	"hash/fnv"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pylauncher/py/internal/atomicfile"
	"github.com/pylauncher/py/internal/fileid"
	"github.com/pylauncher/py/internal/lock"
	"github.com/pylauncher/py/internal/readfile"
	"github.com/pylauncher/py/internal/tooldirs"
)

// CacheFile is the name of the cache file in py's cache directory.
const CacheFile = "interpreters-v2.txt"

// cacheHeader is the file's first line. The rest is one line per entry:
//
//	seq size mtime ctime inode dev <TAB> "path" <TAB> ok <TAB> "impl" <TAB> "version" <TAB> free-threaded <TAB> debug <TAB> bits <TAB> "machine" <TAB> "prefix" <TAB> "base_prefix" <TAB> "executable"
//	seq size mtime ctime inode dev <TAB> "path" <TAB> error <TAB> "message"
//
// with strings in Go's quoted form (so no tab or newline appears inside
// a field) and booleans as 0 or 1. It is read by hand: encoding/json's
// reflection cost py --list a tenth of a millisecond per run.
const cacheHeader = "py-interpreters-v2"

// maxEntries bounds the cache: the oldest answers beyond it are dropped.
const maxEntries = 500

// maxCacheSize bounds how much of the cache file is read.
const maxCacheSize = 4 << 20

// Entry is one cached answer.
type Entry struct {
	ID fileid.ID
	// Info is the answer; nil when the file is not a working interpreter.
	Info *Info
	// Error says why the file is not a working interpreter.
	Error string
	// Seq orders entries by age, oldest first.
	Seq int64
}

type cacheData struct {
	Entries map[string]Entry
}

// Cache holds answers keyed by the path that was run. It is safe to use
// from one goroutine; the file is safe to share between processes: every
// write replaces it atomically, so a reader sees one whole version, and an
// unreadable file is treated as empty and rewritten.
type Cache struct {
	path    string
	data    cacheData
	changed map[string]Entry
}

// OpenCache reads the cache in dir. dir "" gives a cache that keeps
// answers only in memory. A missing or corrupt file gives an empty cache.
func OpenCache(dir string) *Cache {
	c := &Cache{data: cacheData{Entries: map[string]Entry{}}}
	if dir == "" {
		return c
	}
	c.path = filepath.Join(dir, CacheFile)
	c.data = readCache(c.path)
	return c
}

func readCache(path string) cacheData {
	data, err := readfile.Read(path, maxCacheSize)
	if err != nil {
		return cacheData{Entries: map[string]Entry{}}
	}
	return decodeCache(data)
}

// decodeCache parses the cache file; what it cannot read gives an empty
// cache (another version's file, or a corrupt one), and a line it cannot
// read is skipped.
func decodeCache(data []byte) cacheData {
	d := cacheData{Entries: map[string]Entry{}}
	header, text, _ := strings.Cut(string(data), "\n")
	if header != cacheHeader {
		return d
	}
	for text != "" {
		var line string
		line, text, _ = strings.Cut(text, "\n")
		if path, e, ok := decodeEntry(line); ok {
			d.Entries[path] = e
		}
	}
	return d
}

func decodeEntry(line string) (path string, e Entry, ok bool) {
	var buf [12]string
	f, ok := split(buf[:], line, '\t')
	if !ok || len(f) < 4 {
		return "", e, false
	}
	var nums [6]string
	n, ok := split(nums[:], f[0], ' ')
	if !ok || len(n) != 6 {
		return "", e, false
	}
	var err1, err2, err3, err4, err5, err6, err7 error
	e.Seq, err1 = strconv.ParseInt(n[0], 10, 64)
	e.ID.Size, err2 = strconv.ParseInt(n[1], 10, 64)
	e.ID.Mtime, err3 = strconv.ParseInt(n[2], 10, 64)
	e.ID.Ctime, err4 = strconv.ParseInt(n[3], 10, 64)
	e.ID.Inode, err5 = strconv.ParseUint(n[4], 10, 64)
	e.ID.Dev, err6 = strconv.ParseUint(n[5], 10, 64)
	path, err7 = strconv.Unquote(f[1])
	if err1 != nil || err2 != nil || err3 != nil || err4 != nil || err5 != nil || err6 != nil || err7 != nil || path == "" {
		return "", e, false
	}
	switch {
	case f[2] == "error" && len(f) == 4:
		msg, err := strconv.Unquote(f[3])
		if err != nil {
			return "", e, false
		}
		e.Error = msg
		return path, e, true
	case f[2] == "ok" && len(f) == 12:
		var in Info
		var bad bool
		str := func(s string) string {
			u, err := strconv.Unquote(s)
			bad = bad || err != nil
			return u
		}
		flag := func(s string) bool {
			bad = bad || s != "0" && s != "1"
			return s == "1"
		}
		in.Impl, in.Version = str(f[3]), str(f[4])
		in.FreeThreaded, in.Debug = flag(f[5]), flag(f[6])
		bits, err := strconv.Atoi(f[7])
		in.Bits = bits
		in.Machine, in.Prefix, in.BasePrefix, in.Executable = str(f[8]), str(f[9]), str(f[10]), str(f[11])
		if bad || err != nil || in.check() != nil {
			return "", e, false
		}
		e.Info = &in
		return path, e, true
	}
	return "", e, false
}

// split splits s at each sep into dst, without allocating; it reports
// false when s has more fields than dst holds.
func split(dst []string, s string, sep byte) ([]string, bool) {
	n := 0
	for {
		if n == len(dst) {
			return dst, false
		}
		i := strings.IndexByte(s, sep)
		if i < 0 {
			dst[n] = s
			return dst[:n+1], true
		}
		dst[n], s = s[:i], s[i+1:]
		n++
	}
}

// encodeCache formats d for the file, oldest entry first.
func encodeCache(d cacheData) []byte {
	paths := make([]string, 0, len(d.Entries))
	for p := range d.Entries {
		paths = append(paths, p)
	}
	slices.SortFunc(paths, func(a, b string) int {
		if c := cmp.Compare(d.Entries[a].Seq, d.Entries[b].Seq); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	b := []byte(cacheHeader + "\n")
	for _, p := range paths {
		e := d.Entries[p]
		b = strconv.AppendInt(b, e.Seq, 10)
		b = append(b, ' ')
		b = strconv.AppendInt(b, e.ID.Size, 10)
		b = append(b, ' ')
		b = strconv.AppendInt(b, e.ID.Mtime, 10)
		b = append(b, ' ')
		b = strconv.AppendInt(b, e.ID.Ctime, 10)
		b = append(b, ' ')
		b = strconv.AppendUint(b, e.ID.Inode, 10)
		b = append(b, ' ')
		b = strconv.AppendUint(b, e.ID.Dev, 10)
		b = append(b, '\t')
		b = strconv.AppendQuote(b, p)
		if in := e.Info; in != nil {
			b = append(b, "\tok\t"...)
			b = strconv.AppendQuote(b, in.Impl)
			b = append(b, '\t')
			b = strconv.AppendQuote(b, in.Version)
			b = append(b, '\t')
			b = appendFlag(b, in.FreeThreaded)
			b = append(b, '\t')
			b = appendFlag(b, in.Debug)
			b = append(b, '\t')
			b = strconv.AppendInt(b, int64(in.Bits), 10)
			for _, s := range []string{in.Machine, in.Prefix, in.BasePrefix, in.Executable} {
				b = append(b, '\t')
				b = strconv.AppendQuote(b, s)
			}
		} else {
			b = append(b, "\terror\t"...)
			b = strconv.AppendQuote(b, e.Error)
		}
		b = append(b, '\n')
	}
	return b
}

func appendFlag(b []byte, v bool) []byte {
	if v {
		return append(b, '1')
	}
	return append(b, '0')
}

// Get returns the cached entry for path if it was recorded for a file with
// identity id.
func (c *Cache) Get(path string, id fileid.ID) (Entry, bool) {
	if e, ok := c.changed[path]; ok && e.ID == id {
		return e, true
	}
	e, ok := c.data.Entries[path]
	if !ok || e.ID != id {
		return Entry{}, false
	}
	return e, true
}

// Put records an answer (info) or a failure (err) for path. A
// *QueryError is recorded by its cause alone (the path is the key).
func (c *Cache) Put(path string, id fileid.ID, info *Info, err error) {
	e := Entry{ID: id, Info: info}
	if err != nil {
		e.Error = err.Error()
		var qe *QueryError
		if errors.As(err, &qe) {
			e.Error = qe.Err.Error()
		}
	}
	if c.changed == nil {
		c.changed = map[string]Entry{}
	}
	c.changed[path] = e
}

// LockFile is the name of the file, beside the cache, whose byte locks
// let py processes share their work: byte 0 guards Save's
// read-merge-write, the others the queries (see Ask).
const LockFile = "interpreters.lock"

// saveWait bounds how long Save waits for another py's Save.
const saveWait = 2 * time.Second

// Ask returns what is known of the interpreter at path whose file has
// identity id: the cached answer, a remembered failure (Entry.Info nil),
// or else the answer of query, which is then remembered and saved at
// once. It returns query's error, and remembers nothing, for a failure
// that is not lasting (see QueryError): a timeout, a signal, a reason of
// the moment.
//
// py processes share the work: the first to need an answer takes a lock
// for that path and asks; the others wait for it (at most wait), then
// read its answer from the file. So a hundred py started at once on a
// fresh cache start each interpreter once, not a hundred times.
func (c *Cache) Ask(path string, id fileid.ID, wait time.Duration, query func() (Info, error)) (Entry, error) {
	if e, ok := c.Get(path, id); ok {
		return e, nil
	}
	if c.path != "" {
		if unlock, ok := c.lock(queryOffset(path), wait); ok {
			defer unlock()
			c.data = readCache(c.path) // another py may have asked meanwhile
			if e, ok := c.Get(path, id); ok {
				return e, nil
			}
		}
	}
	info, err := query()
	var qe *QueryError
	switch {
	case err == nil:
		c.Put(path, id, &info, nil)
	case errors.As(err, &qe) && qe.Lasting:
		c.Put(path, id, nil, err)
	default:
		return Entry{}, err
	}
	e := c.changed[path]
	c.Save()
	return e, nil
}

// lock takes byte off of the lock file beside the cache, waiting at most
// wait.
func (c *Cache) lock(off int64, wait time.Duration) (unlock func(), ok bool) {
	dir := filepath.Dir(c.path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, false
	}
	return lock.Byte(filepath.Join(dir, LockFile), off, time.Now().Add(wait))
}

// queryOffset is the byte locked while path is asked: one of a million,
// by a hash of the path (two paths sharing one only wait for each other).
func queryOffset(path string) int64 {
	h := fnv.New32a()
	h.Write([]byte(path))
	return 1 + int64(h.Sum32()&(1<<20-1))
}

// Save writes the entries Put since OpenCache, merged into the file's
// current contents (another py may have written it meanwhile, and none
// writes while another merges). It writes a temporary file beside the
// cache and renames it into place.
func (c *Cache) Save() error {
	if c.path == "" || len(c.changed) == 0 {
		return nil
	}
	if unlock, ok := c.lock(0, saveWait); ok {
		defer unlock()
	}
	cur := readCache(c.path)
	var seq int64
	for _, e := range cur.Entries {
		seq = max(seq, e.Seq)
	}
	for p, e := range c.changed {
		seq++
		e.Seq = seq
		cur.Entries[p] = e
	}
	for len(cur.Entries) > maxEntries {
		oldest, first := "", true
		for p, e := range cur.Entries {
			if first || e.Seq < cur.Entries[oldest].Seq {
				oldest, first = p, false
			}
		}
		delete(cur.Entries, oldest)
	}
	if err := atomicfile.Write(c.path, encodeCache(cur), 0o644); err != nil {
		return err
	}
	c.data = cur
	c.changed = nil
	return nil
}

// Dir returns py's cache directory (tooldirs.Cache). It returns "" when
// none can be found; py then keeps answers only in memory.
func Dir(goos string, getenv func(string) string) string {
	return tooldirs.Cache(goos, getenv)
}

// String describes the cache for the debug trace.
func (c *Cache) String() string {
	if c.path == "" {
		return "(memory only)"
	}
	return strconv.Quote(c.path) + " (" + strconv.Itoa(len(c.data.Entries)) + " entries)"
}
