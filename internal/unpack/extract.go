package unpack

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"github.com/pylauncher/py/internal/quote"
)

// extractor writes entries under root, whatever the archive's format, and
// keeps them safe:
//
//   - a name is cleaned and must stay under root (localName); the entry
//     is written at the cleaned name, so the file system never sees a ".."
//     of the archive's;
//   - every directory above an entry must be a real directory, made by
//     this extraction (parents): never a symbolic link, so nothing is
//     written through a link;
//   - a symbolic link's target must stay under root read from the link's
//     own directory, its ".." first (symlinkReason); as the directories
//     above a link are real, and a link is never replaced by a directory
//     nor a directory by anything, following any chain of them stays
//     under root too;
//   - an existing name is replaced only when it is a file, by removing it
//     and creating anew (O_EXCL), so a link is never written through;
//   - where symlinks is false (on Windows), no symbolic link is made at
//     all: every one is refused, so none is there to be written through.
type extractor struct {
	root  string
	lim   Limits
	files int
	bytes int64
	// symlinks tells whether symbolic links are made; if not, they are
	// refused.
	symlinks bool
	// dirs holds the directories, relative and slash-separated, known
	// to be real directories under root.
	dirs map[string]bool
	// entry is the name of the entry being extracted, as the archive
	// has it, for errors.
	entry string
}

// newExtractor returns an extractor into root that makes symbolic links
// but on Windows.
func newExtractor(root string, lim Limits) *extractor {
	return &extractor{root: root, lim: lim, symlinks: runtime.GOOS != "windows", dirs: map[string]bool{".": true}}
}

func (x *extractor) fail(reason string) error { return &Error{Entry: x.entry, Reason: reason} }

// readFail is an error of the archive's data in the current entry.
func (x *extractor) readFail(err error) error {
	return &Error{Entry: x.entry, Reason: "cannot read: " + err.Error(), Err: err}
}

func (x *extractor) path(rel string) string { return filepath.Join(x.root, filepath.FromSlash(rel)) }

// begin starts an entry: it counts it, checks its name and returns the
// name cleaned.
func (x *extractor) begin(entry string) (string, error) {
	x.entry = entry
	x.files++
	if x.files > x.lim.MaxFiles {
		return "", x.fail("more than " + strconv.Itoa(x.lim.MaxFiles) + " entries: over the limit")
	}
	name, reason := localName(entry)
	if reason != "" {
		return "", x.fail(reason)
	}
	return name, nil
}

// localName cleans an entry's name, or says why it is refused: a name
// must be relative and stay under the directory, on every system — no
// backslash, no drive letter —, and on Windows be a name Windows takes as
// local (no colon, no reserved name such as NUL) and as it is (no part
// ending in a dot or a space, which Windows drops: "x." is "x", and a
// last part ".. " is the directory above).
func localName(name string) (clean, reason string) {
	switch {
	case name == "":
		return "", "empty name"
	case strings.IndexByte(name, 0) >= 0:
		return "", "NUL in the name"
	case strings.Contains(name, `\`):
		return "", "backslash in the name"
	case name[0] == '/':
		return "", "absolute name"
	case hasDrive(name):
		return "", "drive letter in the name"
	}
	clean = path.Clean(name)
	if clean == ".." || strings.HasPrefix(clean, "../") {
		return "", "the name climbs out of the directory"
	}
	if runtime.GOOS == "windows" && clean != "." {
		if !filepath.IsLocal(filepath.FromSlash(clean)) {
			return "", "a name Windows does not take as local (a colon or a reserved name)"
		}
		if endsInDotOrSpace(clean) {
			return "", "a name Windows changes (a part ending in a dot or a space)"
		}
	}
	return clean, ""
}

// endsInDotOrSpace tells whether a part of the slash-separated name ends
// in a dot or a space.
func endsInDotOrSpace(name string) bool {
	for _, part := range strings.Split(name, "/") {
		if strings.HasSuffix(part, ".") || strings.HasSuffix(part, " ") {
			return true
		}
	}
	return false
}

func hasDrive(s string) bool {
	return len(s) >= 2 && s[1] == ':' && ('a' <= s[0] && s[0] <= 'z' || 'A' <= s[0] && s[0] <= 'Z')
}

// symlinkReason says why a symbolic link at name (clean) to target is
// refused, or "": the target must be relative and, read from the link's
// directory, climb (its leading "..") no higher than the directory
// extracted into, then only descend.
func symlinkReason(name, target string) string {
	q := quote.String(target)
	switch {
	case target == "":
		return "symlink to nothing"
	case strings.IndexByte(target, 0) >= 0:
		return "NUL in the symlink's target"
	case strings.Contains(target, `\`):
		return "backslash in the symlink's target " + q
	case target[0] == '/' || hasDrive(target):
		return "symlink to " + q + " points outside the directory"
	case runtime.GOOS == "windows" && strings.Contains(target, ":"):
		return "colon in the symlink's target " + q
	}
	up, descending := 0, false
	for _, part := range strings.Split(target, "/") {
		switch {
		case part == "" || part == ".":
		case part == ".." && descending:
			return "symlink to " + q + " climbs after it descends"
		case part == "..":
			up++
		default:
			descending = true
		}
	}
	if up > strings.Count(name, "/") {
		return "symlink to " + q + " points outside the directory"
	}
	return ""
}

// parents makes sure every directory above name is a real directory
// under root, making the missing ones when create is set.
func (x *extractor) parents(name string, create bool) error {
	for i := 0; i < len(name); i++ {
		if name[i] == '/' {
			if err := x.realDir(name[:i], create); err != nil {
				return err
			}
		}
	}
	return nil
}

// realDir makes sure rel is a real directory under root.
func (x *extractor) realDir(rel string, create bool) error {
	if x.dirs[rel] {
		return nil
	}
	p := x.path(rel)
	fi, err := os.Lstat(p)
	switch {
	case err == nil && fi.IsDir():
	case err == nil && fi.Mode()&fs.ModeSymlink != 0:
		return x.fail("goes through the symlink " + quote.String(rel))
	case err == nil:
		return x.fail("goes through " + quote.String(rel) + ", which is not a directory")
	case errors.Is(err, fs.ErrNotExist) && create:
		if err := mkdir(p); err != nil {
			return err
		}
	case errors.Is(err, fs.ErrNotExist):
		return x.fail("goes through " + quote.String(rel) + ", which was not extracted before")
	default:
		return err
	}
	x.dirs[rel] = true
	return nil
}

func mkdir(p string) error {
	if err := os.Mkdir(p, 0o755); err != nil {
		return err
	}
	return os.Chmod(p, 0o755) // whatever the umask
}

// dir extracts a directory entry.
func (x *extractor) dir(name string) error {
	if err := x.parents(name, true); err != nil {
		return err
	}
	if x.dirs[name] {
		return nil
	}
	err := mkdir(x.path(name))
	if errors.Is(err, fs.ErrExist) {
		fi, lerr := os.Lstat(x.path(name))
		switch {
		case lerr != nil:
			return lerr
		case fi.Mode()&fs.ModeSymlink != 0:
			return x.fail("a directory over the symlink " + quote.String(name))
		case !fi.IsDir():
			return x.fail("a directory over the file " + quote.String(name))
		}
		err = nil
	}
	if err != nil {
		return err
	}
	x.dirs[name] = true
	return nil
}

// replace removes the file at name, extracted before, for an entry of the
// same name; it refuses to replace a directory or a link.
func (x *extractor) replace(name string) error {
	p := x.path(name)
	fi, err := os.Lstat(p)
	switch {
	case err != nil:
		return err
	case fi.Mode()&fs.ModeSymlink != 0:
		return x.fail("overwrites the symlink " + quote.String(name))
	case fi.IsDir():
		return x.fail("overwrites the directory " + quote.String(name))
	}
	return os.Remove(p)
}

// create runs make, which makes name anew and fails if it exists; if it
// does, the file there is replaced.
func (x *extractor) create(name string, make func(p string) error) error {
	if err := x.parents(name, true); err != nil {
		return err
	}
	if name == "." {
		return x.fail("names the directory itself")
	}
	p := x.path(name)
	err := make(p)
	if errors.Is(err, fs.ErrExist) {
		if err := x.replace(name); err != nil {
			return err
		}
		err = make(p)
	}
	return err
}

// file extracts a regular file of size bytes from r; exec tells whether
// the archive gives it an execute bit.
func (x *extractor) file(name string, exec bool, size int64, r io.Reader) error {
	if size < 0 || size > x.lim.MaxBytes-x.bytes {
		return x.fail("file of " + strconv.FormatInt(size, 10) + " bytes: over the size limit of " +
			strconv.FormatInt(x.lim.MaxBytes, 10) + " bytes in all")
	}
	x.bytes += size
	perm := fs.FileMode(0o644)
	if exec {
		perm = 0o755
	}
	var f *os.File
	err := x.create(name, func(p string) (err error) {
		f, err = os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
		return err
	})
	if err != nil {
		return err
	}
	src := &recordingReader{r: r}
	n, err := io.Copy(f, io.LimitReader(src, size+1))
	if err == nil {
		err = f.Chmod(perm) // whatever the umask
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	switch {
	case src.err != nil:
		return x.readFail(src.err)
	case err != nil:
		return err
	case n != size:
		return x.fail("holds " + strconv.FormatInt(n, 10) + " bytes, not the " + strconv.FormatInt(size, 10) + " it says")
	}
	return nil
}

// symlink extracts a symbolic link, or refuses it where none are made: a
// target outside is refused for that first, everywhere.
func (x *extractor) symlink(name, target string) error {
	if reason := symlinkReason(name, target); reason != "" {
		return x.fail(reason)
	}
	if !x.symlinks {
		return x.fail("symlink to " + quote.String(target) + ": symbolic links are not extracted on Windows")
	}
	return x.create(name, func(p string) error { return os.Symlink(target, p) })
}

// hardlink extracts a hard link to target, a file extracted before.
func (x *extractor) hardlink(name, target string) error {
	q := quote.String(target)
	clean, reason := localName(target)
	if reason != "" {
		return x.fail("hard link to " + q + ": " + reason)
	}
	if clean == name {
		return x.fail("hard link to itself")
	}
	if err := x.parents(clean, false); err != nil {
		return err
	}
	fi, err := os.Lstat(x.path(clean))
	if err != nil || !fi.Mode().IsRegular() {
		return x.fail("hard link to " + q + ", which is not a file extracted before")
	}
	return x.create(name, func(p string) error { return os.Link(x.path(clean), p) })
}
