package installer

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pylauncher/py/internal/pyver"
	"github.com/pylauncher/py/internal/quote"
	"github.com/pylauncher/py/internal/store"
)

// aliasNames returns the commands py install makes for a build:
// python3.14 (python3.14t for a free-threaded build, python3.14d for a
// debug one), and on Windows pythonw3.14 too, each a link to py itself,
// which reads the version from its own name (python3.14 runs py -3.14).
// PyPy and GraalPy get none: py's name mode reads "python" names only.
func aliasNames(b pyver.Build, goos string) []string {
	if b.Impl != pyver.CPython {
		return nil
	}
	tail := strconv.Itoa(b.Version.Major) + "." + strconv.Itoa(b.Version.Minor)
	if b.FreeThreaded {
		tail += "t"
	}
	if b.Debug {
		tail += "d"
	}
	if goos == "windows" {
		return []string{"python" + tail + ".exe", "pythonw" + tail + ".exe"}
	}
	return []string{"python" + tail}
}

// aliasState says what is at a command's path.
type aliasState int

const (
	aliasAbsent aliasState = iota
	// aliasOurs is a link to py (a symbolic link, a hard link or, on
	// Windows, a copy of the same bytes).
	aliasOurs
	// aliasOther is anything else: never replaced, never removed.
	aliasOther
)

// stateOf tells what is at path, for the launcher py.
func stateOf(path, launcher string) aliasState {
	li, err := os.Lstat(path)
	if err != nil {
		return aliasAbsent
	}
	if target, err := os.Readlink(path); err == nil && target == launcher {
		return aliasOurs
	}
	fi, err1 := os.Stat(path)
	pi, err2 := os.Stat(launcher)
	switch {
	case err1 != nil || err2 != nil:
		return aliasOther
	case os.SameFile(fi, pi):
		return aliasOurs
	case li.Mode().IsRegular() && fi.Size() == pi.Size() && sameBytes(path, launcher):
		return aliasOurs // a copy of py (Windows, across volumes)
	}
	return aliasOther
}

// sameBytes compares two regular files of the same size.
func sameBytes(a, b string) bool {
	fa, err := os.Open(a)
	if err != nil {
		return false
	}
	defer fa.Close()
	fb, err := os.Open(b)
	if err != nil {
		return false
	}
	defer fb.Close()
	ba, bb := make([]byte, 64<<10), make([]byte, 64<<10)
	for {
		na, ea := io.ReadFull(fa, ba)
		nb, eb := io.ReadFull(fb, bb)
		if na != nb || !bytes.Equal(ba[:na], bb[:nb]) {
			return false
		}
		if ea != nil || eb != nil {
			return (ea == io.EOF || ea == io.ErrUnexpectedEOF) && (eb == io.EOF || eb == io.ErrUnexpectedEOF)
		}
	}
}

// makeAliases puts the commands for b into the bin directory, as links
// to py, and returns the paths of those that are py's (made now or
// before). It replaces nothing that is not py's, and warns when the
// directory is not on PATH.
func (a *app) makeAliases(b pyver.Build) []string {
	names := aliasNames(b, a.st.goos)
	if a.st.bin == "" || len(names) == 0 {
		return nil
	}
	if a.st.launcher == "" {
		a.warnf("%s was not made: py's own executable is unknown (run py install, not py-install install)", names[0])
		return nil
	}
	if err := os.MkdirAll(a.st.bin, 0o755); err != nil {
		a.warnf("no command was made: %v", err)
		return nil
	}
	cleanAliases(a.st.bin)
	var made []string
	for _, name := range names {
		p := filepath.Join(a.st.bin, name)
		switch stateOf(p, a.st.launcher) {
		case aliasOurs:
			made = append(made, p)
		case aliasOther:
			a.warnf("%s was not replaced: it is not py's", quote.String(p))
		default:
			if err := linkLauncher(a.st.launcher, p, a.st.goos); err != nil {
				a.warnf("%s was not made: %v", quote.String(p), err)
				continue
			}
			made = append(made, p)
		}
	}
	if len(made) > 0 && !onPath(a.st.bin, a.st.path, a.st.goos) {
		a.warnf("%s is not on PATH: add it to run %s", quote.String(a.st.bin), strings.TrimSuffix(names[0], ".exe"))
	}
	return made
}

// linkLauncher makes path a link to py: a symbolic link on Unix; on
// Windows, where those need a privilege (and wine makes none while
// saying it did), a hard link, or a copy across volumes.
func linkLauncher(launcher, path, goos string) error {
	if goos != "windows" {
		if err := os.Symlink(launcher, path); err == nil {
			return nil
		}
	}
	if err := os.Link(launcher, path); err == nil {
		return nil
	}
	in, err := os.Open(launcher)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		os.Remove(path)
		return err
	}
	return out.Close()
}

// onPath reports whether dir is one of PATH's entries.
func onPath(dir, path, goos string) bool {
	for _, d := range filepath.SplitList(path) {
		if d == "" {
			continue
		}
		d = filepath.Clean(d)
		if d == dir || goos == "windows" && strings.EqualFold(d, dir) {
			return true
		}
	}
	return false
}

// removeAliases removes the commands of in that no other install of
// py's claims and that are still py's.
func (a *app) removeAliases(in store.Install, others []store.Install) {
	for _, p := range in.Meta.Aliases {
		claimed := slices.ContainsFunc(others, func(o store.Install) bool {
			return o.Meta.Key != in.Meta.Key && slices.Contains(o.Meta.Aliases, p)
		})
		if claimed || a.st.launcher == "" || stateOf(p, a.st.launcher) != aliasOurs {
			continue
		}
		if err := removeAlias(p, a.st.goos); err != nil {
			a.warnf("%s was not removed: %v", quote.String(p), err)
		}
	}
}

// gonePrefix starts the names of the commands removeAlias set aside: no
// program's name (no .exe), so that nothing runs them.
const gonePrefix = ".py-gone-"

// removeAlias removes the command at path. On Windows no name of a file
// that a program runs from can be deleted, and a command is a hard link
// to py, which runs py uninstall: it is renamed aside, in its directory,
// hidden, and deleted there by the first py install or py uninstall that
// runs when that file no longer does (cleanAliases) — once py.exe is
// replaced by another (an upgrade), or the command ends. A name set
// aside costs no space: it is a name of py.exe.
func removeAlias(path, goos string) error {
	cleanAliases(filepath.Dir(path))
	err := os.Remove(path)
	if err == nil || os.IsNotExist(err) {
		return nil
	}
	if goos != "windows" {
		return err
	}
	aside := filepath.Join(filepath.Dir(path), gonePrefix+strconv.FormatInt(time.Now().UnixNano(), 36))
	if os.Rename(path, aside) != nil {
		return err
	}
	if os.Remove(aside) != nil {
		hide(aside)
	}
	return nil
}

// cleanAliases deletes the commands removeAlias set aside in dir that
// nothing runs any more.
func cleanAliases(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), gonePrefix) {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}
