package discover

import (
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/pylauncher/py/internal/atomicfile"
	"github.com/pylauncher/py/internal/fileid"
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
//
// The entries are a slice, oldest first, searched from where the last
// lookup matched: a launch looks the directories up in the order the
// previous launch stored them, so each search usually ends at its first
// comparison, and no map is built on every start.
type Listings struct {
	path    string
	loaded  bool
	entries []listing
	next    int
	changed bool
}

type listing struct {
	dir string
	id  fileid.ID
	// names are the interpreter names, separated by "/".
	names string
}

// OpenListings returns the listings cache stored at path ("" keeps it in
// memory only). Nothing is read until the first lookup.
func OpenListings(path string) *Listings {
	return &Listings{path: path}
}

// find returns the index of dir's entry, or -1.
func (l *Listings) find(dir string) int {
	n := len(l.entries)
	for i := range n {
		j := l.next + i
		if j >= n {
			j -= n
		}
		if l.entries[j].dir == dir {
			l.next = j + 1
			return j
		}
	}
	return -1
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
	text := string(data)
	line, text, _ := strings.Cut(text, "\n")
	if line != listingsHeader {
		return // another version, or corrupt: start afresh
	}
	for text != "" {
		line, text, _ = strings.Cut(text, "\n")
		// dev ino size mtime ctime \t dir \t name/name/…
		nums, rest, ok1 := strings.Cut(line, "\t")
		dir, names, ok2 := strings.Cut(rest, "\t")
		if !ok1 || !ok2 || !filepath.IsAbs(dir) || strings.ContainsRune(names, '\t') {
			continue
		}
		var v [5]int64
		ok := true
		for i := range v {
			var n string
			n, nums, _ = strings.Cut(nums, " ")
			if v[i], ok = parseInt(n); !ok {
				break
			}
		}
		if !ok || nums != "" {
			continue
		}
		// Save writes each directory once; were one repeated, the
		// first line would be used, and the second dropped by Save.
		l.entries = append(l.entries, listing{dir: dir, id: fileid.ID{Dev: uint64(v[0]), Inode: uint64(v[1]), Size: v[2], Mtime: v[3], Ctime: v[4]}, names: names})
	}
}

// parseInt parses a decimal int64 without allocating.
func parseInt(s string) (int64, bool) {
	if s == "" || len(s) > 19 {
		return 0, false
	}
	neg := s[0] == '-'
	if neg {
		s = s[1:]
		if s == "" {
			return 0, false
		}
	}
	var n int64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

// get returns the remembered names of dir if its identity is still id.
func (l *Listings) get(dir string, id fileid.ID) ([]string, bool) {
	if l == nil || id.Inode == 0 {
		return nil, false
	}
	l.load()
	i := l.find(dir)
	if i < 0 || l.entries[i].id != id {
		return nil, false
	}
	e := l.entries[i]
	if e.names == "" {
		return nil, true
	}
	return strings.Split(e.names, "/"), true
}

// put remembers the names of dir, unless it changed too recently to trust.
func (l *Listings) put(dir string, id fileid.ID, names []string, now time.Time) {
	if l == nil || id.Inode == 0 || strings.ContainsAny(dir, "\t\n\r") {
		return
	}
	if now.Sub(time.Unix(0, id.Mtime)) < racyWindow || now.Sub(time.Unix(0, id.Ctime)) < racyWindow {
		return
	}
	l.load()
	e := listing{dir: dir, id: id, names: strings.Join(names, "/")}
	if i := l.find(dir); i >= 0 {
		l.entries[i] = e
	} else {
		l.entries = append(l.entries, e)
	}
	l.changed = true
}

// Save writes the listings if any changed, replacing the file atomically.
func (l *Listings) Save() error {
	if l == nil || !l.changed || l.path == "" {
		return nil
	}
	entries := l.entries
	seen := make(map[string]bool, len(entries))
	keep := entries[:0:0]
	for _, e := range entries {
		if !seen[e.dir] {
			seen[e.dir] = true
			keep = append(keep, e)
		}
	}
	if len(keep) > maxListings {
		keep = keep[len(keep)-maxListings:]
	}
	var b strings.Builder
	b.WriteString(listingsHeader + "\n")
	for _, e := range keep {
		fmtID(&b, e.id)
		b.WriteByte('\t')
		b.WriteString(e.dir)
		b.WriteByte('\t')
		b.WriteString(e.names)
		b.WriteByte('\n')
	}
	if err := atomicfile.Write(l.path, []byte(b.String()), 0o644); err != nil {
		return err
	}
	l.changed = false
	return nil
}

func fmtID(b *strings.Builder, id fileid.ID) {
	for i, n := range []int64{int64(id.Dev), int64(id.Inode), id.Size, id.Mtime, id.Ctime} {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strconv.FormatInt(n, 10))
	}
}
