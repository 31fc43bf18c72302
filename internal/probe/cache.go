package probe

import (
	"encoding/json"
	"path/filepath"
	"strconv"

	"github.com/pylauncher/py/internal/atomicfile"
	"github.com/pylauncher/py/internal/readfile"
)

// CacheFile is the name of the cache file in py's cache directory.
const CacheFile = "interpreters-v1.json"

// maxEntries bounds the cache: the oldest answers beyond it are dropped.
const maxEntries = 500

// maxCacheSize bounds how much of the cache file is read.
const maxCacheSize = 4 << 20

// Entry is one cached answer.
type Entry struct {
	ID ID `json:"id"`
	// Info is the answer; nil when the file is not a working interpreter.
	Info *Info `json:"info,omitempty"`
	// Error says why the file is not a working interpreter.
	Error string `json:"error,omitempty"`
	// Seq orders entries by age, oldest first.
	Seq int64 `json:"seq"`
}

type cacheData struct {
	Entries map[string]Entry `json:"entries"`
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
	empty := cacheData{Entries: map[string]Entry{}}
	data, err := readfile.Read(path, maxCacheSize)
	if err != nil {
		return empty
	}
	var d cacheData
	if json.Unmarshal(data, &d) != nil || d.Entries == nil {
		return empty
	}
	return d
}

// Get returns the cached entry for path if it was recorded for a file with
// identity id.
func (c *Cache) Get(path string, id ID) (Entry, bool) {
	if e, ok := c.changed[path]; ok && e.ID == id {
		return e, true
	}
	e, ok := c.data.Entries[path]
	if !ok || e.ID != id {
		return Entry{}, false
	}
	return e, true
}

// Put records an answer (info) or a failure (err) for path.
func (c *Cache) Put(path string, id ID, info *Info, err error) {
	e := Entry{ID: id, Info: info}
	if err != nil {
		e.Error = err.Error()
	}
	if c.changed == nil {
		c.changed = map[string]Entry{}
	}
	c.changed[path] = e
}

// Save writes the entries Put since OpenCache, merged into the file's
// current contents (another py may have written it meanwhile). It writes
// a temporary file beside the cache and renames it into place.
func (c *Cache) Save() error {
	if c.path == "" || len(c.changed) == 0 {
		return nil
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
	data, err := json.Marshal(cur)
	if err != nil {
		return err
	}
	if err := atomicfile.Write(c.path, data, 0o644); err != nil {
		return err
	}
	c.data = cur
	c.changed = nil
	return nil
}

// Dir returns py's cache directory: $XDG_CACHE_HOME/py or ~/.cache/py on
// Linux and other Unix systems, ~/Library/Caches/py on macOS, and
// %LOCALAPPDATA%\py\cache on Windows (beside launcher2's py.ini). It returns "" when none can be found; py
// then keeps answers only in memory.
func Dir(goos string, getenv func(string) string) string {
	abs := func(p string) string {
		if p != "" && filepath.IsAbs(p) {
			return p
		}
		return ""
	}
	switch goos {
	case "windows":
		if d := abs(getenv("LOCALAPPDATA")); d != "" {
			return filepath.Join(d, "py", "cache")
		}
		return ""
	case "darwin", "ios":
		if h := abs(getenv("HOME")); h != "" {
			return filepath.Join(h, "Library", "Caches", "py")
		}
		return ""
	}
	if d := abs(getenv("XDG_CACHE_HOME")); d != "" {
		return filepath.Join(d, "py")
	}
	if h := abs(getenv("HOME")); h != "" {
		return filepath.Join(h, ".cache", "py")
	}
	return ""
}

// String describes the cache for the debug trace.
func (c *Cache) String() string {
	if c.path == "" {
		return "(memory only)"
	}
	return strconv.Quote(c.path) + " (" + strconv.Itoa(len(c.data.Entries)) + " entries)"
}
