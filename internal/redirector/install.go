package redirector

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/pylauncher/py/internal/atomicfile"
	"github.com/pylauncher/py/internal/exitcode"
	"github.com/pylauncher/py/internal/pyver"
	"github.com/pylauncher/py/internal/readfile"
	"github.com/pylauncher/py/internal/venv"
)

// InstallUsage is the usage text of the installer (see IsInstaller): the
// same as manual.Venvlauncher's (a test in package manual checks it;
// venvlauncher does not import manual, to stay small).
const InstallUsage = `usage: venvlauncher install VENV

Replaces the interpreters of the virtual environment VENV (bin/python, python3,
python3.X... on Unix; Scripts\python.exe on Windows) with copies of this
redirector, which runs the base interpreter named by pyvenv.cfg as the venv's
python. VENV must hold a pyvenv.cfg with a home. All or nothing: each
interpreter must be a regular file or a symlink; each is replaced atomically,
and a failure puts back those already replaced.
`

// maxSelf bounds the size of the redirector copied into a venv.
const maxSelf = 64 << 20

// rename is os.Rename; tests make it fail.
var rename = os.Rename

// target is an interpreter Install replaces.
type target struct {
	path string
	// isLink: the original is a symbolic link (perhaps dangling), put
	// back from link, its text.
	isLink bool
	link   string
	// tmp is the redirector's copy until it is renamed over path.
	tmp string
	// backup keeps the original regular file until every rename is done.
	backup string
}

// Install copies the redirector at self over the interpreters of the
// venv in dir and returns how many it replaced. It refuses a directory
// without a pyvenv.cfg naming a home.
//
// It is all or nothing. Every target is checked first: each must be a
// regular file or a symbolic link (to a regular file, or to nothing: a
// venv whose base interpreter moved is what the redirector repairs); a
// directory, a FIFO or a device is refused before anything is written.
// Then every copy is written beside its target, each regular original is
// kept under a temporary name (symbolic links are kept as their text),
// and only then is each copy renamed over its target. When a rename
// fails, the targets already replaced are put back, as symbolic links
// where they were, and every temporary file is removed.
//
// Stale temporary files of earlier runs killed half-way are removed first
// (see atomicfile.RemoveStale).
func Install(dir, self, goos string) (int, error) {
	cfgPath := filepath.Join(dir, venv.CfgName)
	cfg, err := venv.ReadCfg(dir)
	if err != nil {
		if readfile.IsNotExist(err) {
			return 0, &Error{exitcode.NoVenvCfg, quote(dir) + " is not a virtual environment: it has no " + venv.CfgName}
		}
		return 0, &Error{exitcode.BadVenvCfg, "cannot read " + quote(cfgPath) + ": " + readfile.Reason(err)}
	}
	if cfg.Home == "" {
		return 0, &Error{exitcode.BadVenvCfg, quote(dir) + " is not a virtual environment: " + venv.CfgName + " has no home"}
	}
	bin := venv.BinDir(dir, goos)
	entries, err := os.ReadDir(bin)
	if err != nil {
		return 0, &Error{exitcode.BadVenvCfg, "cannot list " + quote(bin) + ": " + reason(err)}
	}
	var targets []*target
	for _, e := range entries {
		if !isInterpreter(e.Name(), goos) {
			continue
		}
		t, err := check(filepath.Join(bin, e.Name()))
		if err != nil {
			return 0, err
		}
		targets = append(targets, t)
	}
	if len(targets) == 0 {
		return 0, &Error{exitcode.NoPython, "no python executable in " + quote(bin) + " to replace"}
	}
	data, err := readfile.Read(self, maxSelf)
	if err != nil {
		return 0, &Error{exitcode.CreateProcess, "cannot read the redirector " + quote(self) + ": " + readfile.Reason(err)}
	}
	// On Windows pythonw*.exe gets the GUI build, venvwlauncher.exe,
	// when it sits beside this one (else this one, which opens a console).
	wdata := data
	if goos == "windows" {
		if w, err := readfile.Read(filepath.Join(filepath.Dir(self), "venvwlauncher.exe"), maxSelf); err == nil {
			wdata = w
		}
	}

	atomicfile.RemoveStale(bin, func(base string) bool { return isInterpreter(base, goos) })
	for _, t := range targets {
		content := data
		if goos == "windows" && strings.HasPrefix(strings.ToLower(filepath.Base(t.path)), "pythonw") {
			content = wdata
		}
		if err := t.writeCopy(content); err != nil {
			removeTemps(targets)
			return 0, err
		}
	}
	for _, t := range targets {
		if t.isLink {
			continue
		}
		b, err := atomicfile.Backup(t.path)
		if err != nil {
			removeTemps(targets)
			return 0, &Error{exitcode.CreateProcess, "cannot keep the original " + quote(t.path) + ": " + reason(err)}
		}
		t.backup = b
	}
	for i, t := range targets {
		if err := rename(t.tmp, t.path); err != nil {
			msg := "cannot replace " + quote(t.path) + ": " + reason(err)
			if lost := restore(targets[:i]); lost != "" {
				msg += "; " + lost
			} else {
				msg += "; the venv is as it was"
			}
			removeTemps(targets)
			return 0, &Error{exitcode.CreateProcess, msg}
		}
		t.tmp = ""
	}
	removeTemps(targets)
	return len(targets), nil
}

// isInterpreter reports whether name, a file of a venv's bin (Scripts)
// directory, is one of its interpreters: python, python3, python3.12,
// python3.13t; on Windows python.exe, pythonw.exe.
func isInterpreter(name, goos string) bool {
	if goos == "windows" {
		if !strings.EqualFold(filepath.Ext(name), ".exe") {
			return false
		}
	} else if strings.HasSuffix(name, ".exe") {
		return false
	}
	parsed := name
	if goos == "windows" && strings.HasPrefix(strings.ToLower(name), "pythonw") {
		parsed = "python" + name[len("pythonw"):]
	}
	_, ok := pyver.ParseExeName(parsed)
	return ok && strings.HasPrefix(strings.ToLower(name), "python")
}

// check returns the target at p, or an error when it is neither a regular
// file nor a symbolic link to one or to nothing.
func check(p string) (*target, error) {
	fi, err := os.Lstat(p)
	if err != nil {
		return nil, &Error{exitcode.CreateProcess, "cannot replace " + quote(p) + ": " + reason(err)}
	}
	switch m := fi.Mode(); {
	case m.IsRegular():
		return &target{path: p}, nil
	case m&fs.ModeSymlink != 0:
		link, err := os.Readlink(p)
		if err != nil {
			return nil, &Error{exitcode.CreateProcess, "cannot replace " + quote(p) + ": " + reason(err)}
		}
		st, err := os.Stat(p)
		switch {
		case readfile.IsNotExist(err):
		case err != nil:
			return nil, &Error{exitcode.CreateProcess, "cannot replace " + quote(p) + ": " + reason(err)}
		case !st.Mode().IsRegular():
			return nil, notInterpreter(p, "a symlink to "+kind(st.Mode()))
		}
		return &target{path: p, isLink: true, link: link}, nil
	default:
		return nil, notInterpreter(p, kind(m))
	}
}

func notInterpreter(p, what string) error {
	return &Error{exitcode.NoPython, "cannot replace " + quote(p) + ": not a regular file or a symlink to one (" + what + ")"}
}

// writeCopy writes content, executable, to a new temporary file beside t.
func (t *target) writeCopy(content []byte) error {
	f, err := atomicfile.CreateTemp(t.path)
	if err != nil {
		return &Error{exitcode.CreateProcess, "cannot write in " + quote(filepath.Dir(t.path)) + ": " + reason(err)}
	}
	t.tmp = f.Name()
	_, werr := f.Write(content)
	if err := errors.Join(werr, f.Chmod(0o755), f.Close()); err != nil {
		return &Error{exitcode.CreateProcess, "cannot write " + quote(f.Name()) + ": " + reason(err)}
	}
	return nil
}

// restore puts back the originals of done, the targets already replaced.
// It returns "" when all are back, else what was lost, for people; an
// original regular file that could not be put back stays where it was
// kept.
func restore(done []*target) string {
	var lost []string
	for i := len(done) - 1; i >= 0; i-- {
		t := done[i]
		if !t.isLink {
			if err := rename(t.backup, t.path); err != nil {
				lost = append(lost, "could not put back "+quote(t.path)+" (it is kept as "+quote(t.backup)+"): "+reason(err))
			}
			t.backup = "" // put back, or kept for people to put back
			continue
		}
		tmp, err := atomicfile.Temp(t.path, func(name string) error { return os.Symlink(t.link, name) })
		if err == nil {
			if err = rename(tmp, t.path); err != nil {
				os.Remove(tmp)
			}
		}
		if err != nil {
			lost = append(lost, "could not put back "+quote(t.path)+" (a symlink to "+quote(t.link)+"): "+reason(err))
		}
	}
	return strings.Join(lost, "; ")
}

// removeTemps removes the copies not renamed and the originals kept for
// a rollback.
func removeTemps(targets []*target) {
	for _, t := range targets {
		if t.tmp != "" {
			os.Remove(t.tmp)
			t.tmp = ""
		}
		if t.backup != "" {
			os.Remove(t.backup)
			t.backup = ""
		}
	}
}
