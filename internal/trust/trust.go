// Package trust decides whether py may use what it finds in places other
// users can write, following git's safe.directory rule (CVE-2022-24765):
//
//   - a project file or environment (.python-version, pyproject.toml,
//     .venv) is used only when it is owned by you or by root;
//   - a program in a directory other users can write (group- or
//     world-writable; in a sticky one such as /tmp, a file owned by
//     someone other than you or root) is never chosen implicitly.
//
// Directories listed in py.ini's [settings] trusted_dirs are trusted
// whatever their owners and modes ("*" trusts everything). A
// group-writable directory whose group is yours alone (a private user
// group, as with umask 002) counts as yours, and one whose group is
// root's or the administrators' (admin, wheel, sudo: Homebrew's on macOS)
// as root's.
//
// On Windows no check is made: ownership and write access there are ACLs,
// which this package does not read.
package trust

import (
	"path/filepath"
	"strconv"
	"strings"

	"github.com/pylauncher/py/internal/readfile"
)

// Checker holds who "you" are and which directories you trust.
type Checker struct {
	uid     int // -1: no checks
	trusted []string
	all     bool
	// The account databases, read once when first needed.
	PasswdFile, GroupFile string
	passwd, group         []string
	loaded                bool
}

// New returns a Checker for the user uid (the effective user id; -1 turns
// every check off) trusting the directories in trustedDirs (absolute
// paths; "*" for all).
func New(uid int, trustedDirs []string) *Checker {
	c := &Checker{uid: uid, PasswdFile: "/etc/passwd", GroupFile: "/etc/group"}
	for _, d := range trustedDirs {
		switch {
		case d == "*":
			c.all = true
		case filepath.IsAbs(d):
			c.trusted = append(c.trusted, filepath.Clean(d))
		}
	}
	return c
}

// ParseDirs splits the value of trusted_dirs: paths separated by the
// system's list separator (":" on Unix, ";" on Windows), or "*".
func ParseDirs(value string) (dirs, bad []string) {
	for _, d := range filepath.SplitList(value) {
		d = strings.TrimSpace(d)
		switch {
		case d == "":
		case d == "*" || filepath.IsAbs(d):
			dirs = append(dirs, d)
		default:
			bad = append(bad, d)
		}
	}
	return dirs, bad
}

// Trusted reports whether path lies in a directory you trust.
func (c *Checker) Trusted(path string) bool {
	if c == nil || c.uid < 0 || c.all {
		return true
	}
	path = filepath.Clean(path)
	for _, d := range c.trusted {
		if path == d || strings.HasPrefix(path, d) && (strings.HasSuffix(d, string(filepath.Separator)) || path[len(d)] == filepath.Separator) {
			return true
		}
	}
	return false
}

// ownerOK reports whether uid is you or root.
func (c *Checker) ownerOK(uid uint32) bool { return int(uid) == c.uid || uid == 0 }

// ForeignError reports a project file or environment owned by another user.
type ForeignError struct {
	Path  string
	UID   uint32
	Owner string // the owner's name, "" when unknown
}

func (e *ForeignError) Error() string {
	return "it is owned by " + ownerText(e.Owner, e.UID) + ", not by you or root"
}

// WritableError reports a program in a directory other users can write.
type WritableError struct {
	Path, Dir string
	// Sticky is set for a directory where only a file's owner may
	// replace it (/tmp): the file is then owned by another user, UID.
	Sticky bool
	UID    uint32
	Owner  string
}

func (e *WritableError) Error() string {
	if e.Sticky {
		return "it is owned by " + ownerText(e.Owner, e.UID) + ", in " + quote(e.Dir) + ", which every user can write"
	}
	return quote(e.Dir) + " is writable by other users"
}

func ownerText(name string, uid uint32) string {
	if name == "" {
		return "uid " + strconv.FormatUint(uint64(uid), 10)
	}
	return name + " (uid " + strconv.FormatUint(uint64(uid), 10) + ")"
}

// quote sets a path apart in a message, as people write it (no Go
// escapes: Windows paths keep single backslashes).
func quote(s string) string { return `"` + s + `"` }

// Stat is what the checks need to know of a file or directory: its mode
// bits (Unix st_mode) and owners.
type Stat struct {
	Mode     uint32
	UID, GID uint32
}

const (
	modeGroupWrite = 0o020
	modeOtherWrite = 0o002
	modeSticky     = 0o1000
)

// Program returns nil when the program at path, whose file is described
// by file, found in directory dir described by d, may be chosen without
// being named; otherwise a *WritableError.
func (c *Checker) Program(path string, file Stat, dir string, d Stat) error {
	// The mode bits first: this runs for every interpreter found.
	if c == nil || c.uid < 0 || !c.othersCanWrite(d) || c.Trusted(path) {
		return nil
	}
	if d.Mode&modeSticky != 0 {
		// Only a file's owner (and the directory's, and root) may
		// replace it.
		if c.ownerOK(file.UID) {
			return nil
		}
		return &WritableError{Path: path, Dir: dir, Sticky: true, UID: file.UID, Owner: c.userName(file.UID)}
	}
	return &WritableError{Path: path, Dir: dir}
}

// othersCanWrite reports whether users other than you and root may write
// into a directory described by d.
func (c *Checker) othersCanWrite(d Stat) bool {
	switch {
	case d.Mode&modeOtherWrite != 0:
		return true
	case d.Mode&modeGroupWrite != 0:
		return !c.groupOnlyYours(d.GID) && !c.adminGroup(d.GID)
	}
	// Its owner may write it too, whoever that is: but whoever put an
	// install owned by another user on PATH (Homebrew's, a shared
	// /opt/conda) trusts that user.
	return false
}

// Owned returns nil when a project file or environment described by st
// (and by lst, the link itself when path is a symlink) is yours or
// root's, or lies in a trusted directory; otherwise a *ForeignError.
func (c *Checker) Owned(path string, st, lst Stat) error {
	if c == nil || c.uid < 0 || c.Trusted(path) {
		return nil
	}
	for _, s := range []Stat{lst, st} {
		if !c.ownerOK(s.UID) {
			return &ForeignError{Path: path, UID: s.UID, Owner: c.userName(s.UID)}
		}
	}
	return nil
}

// load reads the account databases once.
func (c *Checker) load() {
	if c.loaded {
		return
	}
	c.loaded = true
	c.passwd = lines(c.PasswdFile)
	c.group = lines(c.GroupFile)
}

func lines(path string) []string {
	data, err := readfile.Read(path, 16<<20)
	if err != nil {
		return nil
	}
	return strings.Split(string(data), "\n")
}

// userName returns the name of user uid from the passwd file, or "".
func (c *Checker) userName(uid uint32) string {
	c.load()
	want := strconv.FormatUint(uint64(uid), 10)
	for _, l := range c.passwd {
		f := strings.Split(l, ":")
		if len(f) >= 4 && f[2] == want {
			return f[0]
		}
	}
	return ""
}

// adminGroup reports whether group gid is root's or the administrators'
// (admin, wheel, sudo): its members may act as root anyway. Homebrew
// makes its directories writable by the admin group on macOS.
func (c *Checker) adminGroup(gid uint32) bool {
	if gid == 0 {
		return true
	}
	c.load()
	g := strconv.FormatUint(uint64(gid), 10)
	for _, l := range c.group {
		f := strings.Split(l, ":")
		if len(f) >= 3 && f[2] == g {
			switch f[0] {
			case "admin", "wheel", "sudo":
				return true
			}
		}
	}
	return false
}

// groupOnlyYours reports whether group gid is a private group of yours:
// no member but you, and nobody else's primary group.
func (c *Checker) groupOnlyYours(gid uint32) bool {
	c.load()
	me := c.userName(uint32(c.uid))
	if me == "" {
		return false
	}
	g := strconv.FormatUint(uint64(gid), 10)
	found := false
	for _, l := range c.group {
		f := strings.Split(l, ":")
		if len(f) < 4 || f[2] != g {
			continue
		}
		found = true
		for _, m := range strings.Split(f[3], ",") {
			if m = strings.TrimSpace(m); m != "" && m != me {
				return false
			}
		}
	}
	if !found {
		return false
	}
	uid := strconv.Itoa(c.uid)
	for _, l := range c.passwd {
		f := strings.Split(l, ":")
		if len(f) >= 4 && f[3] == g && f[2] != uid {
			return false
		}
	}
	return true
}
