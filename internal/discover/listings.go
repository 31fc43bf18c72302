package discover

import (
	"bufio"
	"bytes"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/pylauncher/py/internal/atomicfile"
	"github.com/pylauncher/py/internal/probe"
	"github.com/pylauncher/py/internal/readfile"
)

// ListingsFile is the name of the listings cache in py's cache directory.
const ListingsFile = "listings-v1.txt"

const listingsHeader = "py-listings-v1"

// racyWindow: a directory modified this recently is not remembered, since
// a change within the file system's timestamp granularity would go
// unseen (git's "racy" entries, the same idea).
const racyWindow = 2 * time.Second

// maxListings bounds the file; beyond it, the oldest lines are dropped.
const maxListings = 400

// Listings remembers which interpreter names each directory holds, so that
// a warm py reads no directory: a listing is reused while the directory's
// identity (device, inode, size, mtime, ctime) is unchanged, which any
// file added, removed or renamed in it changes. The file is loaded at the
// first lookup and replaced atomically by Save.
type Listings struct {
	path    string
	loaded  bool
	entries map[string]listing
	order   []string
	changed bool
}

type listing struct {
	id    probe.ID
	names []string
}

// OpenListings returns the listings cache stored at path ("" keeps it in
// memory only). Nothing is read until the first lookup.
func OpenListings(path string) *Listings {
	return &Listings{path: path, entries: map[string]listing{}}
}

func (l *Listings) load() {
	if l.loaded {
		return
	}
	l.loaded = true
	if l.path == "" {
		return
	}
	data, err := readfile.Read(l.path, 4<<20)
	if err != nil {
		return
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	if !sc.Scan() || sc.Text() != listingsHeader {
		return // another version, or corrupt: start afresh
	}
	for sc.Scan() {
		// dev ino size mtime ctime \t dir \t name/name/…
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 3 {
			continue
		}
		nums := strings.Fields(f[0])
		if len(nums) != 5 {
			continue
		}
		var v [5]int64
		ok := true
		for i, n := range nums {
			x, err := strconv.ParseInt(n, 10, 64)
			if err != nil {
				ok = false
				break
			}
			v[i] = x
		}
		if !ok || !filepath.IsAbs(f[1]) {
			continue
		}
		var names []string
		if f[2] != "" {
			names = strings.Split(f[2], "/")
		}
		if _, dup := l.entries[f[1]]; !dup {
			l.order = append(l.order, f[1])
		}
		l.entries[f[1]] = listing{id: probe.ID{Dev: uint64(v[0]), Inode: uint64(v[1]), Size: v[2], Mtime: v[3], Ctime: v[4]}, names: names}
	}
}

// get returns the remembered names of dir if its identity is still id.
func (l *Listings) get(dir string, id probe.ID) ([]string, bool) {
	if l == nil || id.Inode == 0 {
		return nil, false
	}
	l.load()
	e, ok := l.entries[dir]
	if !ok || e.id != id {
		return nil, false
	}
	return e.names, true
}

// put remembers the names of dir, unless it changed too recently to trust.
func (l *Listings) put(dir string, id probe.ID, names []string, now time.Time) {
	if l == nil || id.Inode == 0 || strings.ContainsAny(dir, "\t\n\r") {
		return
	}
	if now.Sub(time.Unix(0, id.Mtime)) < racyWindow || now.Sub(time.Unix(0, id.Ctime)) < racyWindow {
		return
	}
	l.load()
	if _, dup := l.entries[dir]; !dup {
		l.order = append(l.order, dir)
	}
	l.entries[dir] = listing{id: id, names: names}
	l.changed = true
}

// Save writes the listings if any changed, replacing the file atomically.
func (l *Listings) Save() error {
	if l == nil || !l.changed || l.path == "" {
		return nil
	}
	order := l.order
	if len(order) > maxListings {
		order = order[len(order)-maxListings:]
	}
	var b strings.Builder
	b.WriteString(listingsHeader + "\n")
	for _, dir := range order {
		e := l.entries[dir]
		fmtID(&b, e.id)
		b.WriteByte('\t')
		b.WriteString(dir)
		b.WriteByte('\t')
		b.WriteString(strings.Join(e.names, "/"))
		b.WriteByte('\n')
	}
	if err := atomicfile.Write(l.path, []byte(b.String()), 0o644); err != nil {
		return err
	}
	l.changed = false
	return nil
}

func fmtID(b *strings.Builder, id probe.ID) {
	for i, n := range []int64{int64(id.Dev), int64(id.Inode), id.Size, id.Mtime, id.Ctime} {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strconv.FormatInt(n, 10))
	}
}
