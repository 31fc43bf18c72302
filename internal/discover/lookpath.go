package discover

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/pylauncher/py/internal/pyver"
	"github.com/pylauncher/py/internal/quote"
	"github.com/pylauncher/py/internal/readfile"
	"github.com/pylauncher/py/internal/trust"
	"github.com/pylauncher/py/internal/walkup"
)

// LookPath finds the program name as /usr/bin/env would, with py's
// rules: only absolute PATH entries are searched (never ".", never a
// relative entry); a pyenv shim is replaced by the program it would run
// (the version pyenv selects by PYENV_VERSION, .python-version or its
// global version file; "system" goes on down PATH); other shims are
// skipped; py itself is never returned (isSelf is then set, so the caller
// can avoid a loop). A program in a directory other users can write is
// passed over (see package trust); passedOver then says which and why.
// It returns "" when nothing is found.
func LookPath(name string, o Options) (path string, isSelf bool, passedOver string) {
	if name == "" || strings.ContainsRune(name, filepath.Separator) {
		return "", false, ""
	}
	s := newScan(&o)
	names := []string{name}
	if s.windows() && !hasExeSuffix(name) {
		names = []string{name + ".exe"}
	}
	o.tracef("# Search PATH for %s", names[0])
	for _, d := range filepath.SplitList(s.pathVar()) {
		if d == "" || !filepath.IsAbs(d) {
			continue
		}
		d = filepath.Clean(d)
		if s.storeStubDir(d) {
			continue
		}
		if tool, ok := s.shimTool(d); ok {
			if tool != Pyenv {
				o.tracef("# %s: skipping %s shims", quote.String(d), tool)
				continue
			}
			target, system := s.pyenvShim(names[0])
			switch {
			case target != "":
				o.tracef("# %s: pyenv's shim runs %s", quote.String(d), quote.String(target))
				return target, false, passedOver
			case system:
				o.tracef("# %s: pyenv selects the system version; searching on", quote.String(d))
			default:
				o.tracef("# %s: no pyenv version selected has %s", quote.String(d), quote.String(names[0]))
			}
			continue
		}
		for _, n := range names {
			p := join(d, n)
			fi, problem := exeFile(p)
			if problem != "" {
				continue
			}
			if s.self != nil && fi.same(s.self) {
				return p, true, passedOver
			}
			if o.Trust != nil {
				if dfi, err := statFile(d); err == nil {
					if why := s.untrusted(p, &fi, place{d, dfi.st}); why != "" {
						o.tracef("# %s passed over: %s", quote.String(p), why)
						if passedOver == "" {
							passedOver = `"` + p + `": ` + why
						}
						continue
					}
				}
			}
			return p, false, passedOver
		}
	}
	return "", false, passedOver
}

func (s *scan) pathVar() string {
	path := s.o.Getenv("PATH")
	if s.windows() && path == "" {
		path = s.o.Getenv("Path")
	}
	return path
}

// pyenvShim returns the program pyenv's shim for name would run, or
// system = true when pyenv would look for it outside its versions.
func (s *scan) pyenvShim(name string) (target string, system bool) {
	if s.pyenv == "" {
		return "", false
	}
	for _, v := range s.pyenvVersions() {
		if v == "system" {
			return "", true
		}
		dir := s.pyenvVersionDir(v)
		if dir == "" {
			continue
		}
		p := join(join(dir, "bin"), name)
		if _, problem := exeFile(p); problem == "" {
			return p, false
		}
	}
	return "", false
}

// pyenvVersions lists the versions pyenv selects: $PYENV_VERSION, else
// the nearest .python-version, else $PYENV_ROOT/version, else "system".
func (s *scan) pyenvVersions() []string {
	if v := s.o.Getenv("PYENV_VERSION"); v != "" {
		return strings.Split(v, ":")
	}
	if s.o.Cwd != "" {
		var vs []string
		walkup.Nearest(s.o.Cwd, ".python-version", func(p string) bool {
			vs = nil
			if s.owned(p) {
				vs = readVersionFile(p)
			}
			return len(vs) > 0
		})
		if len(vs) > 0 {
			return vs
		}
	}
	if vs := readVersionFile(filepath.Join(s.pyenv, "version")); len(vs) > 0 {
		return vs
	}
	return []string{"system"}
}

// owned reports whether a project file at path may be used: it is not
// another user's (see package trust). A missing file is fine.
func (s *scan) owned(path string) bool {
	st, lst, err := trust.Of(path)
	if err != nil {
		return true
	}
	if err := s.o.Trust.Owned(path, st, lst); err != nil {
		s.o.tracef("# ignoring %s: %v", quote.String(path), err)
		return false
	}
	return true
}

// readVersionFile reads a pyenv version file: the first word of each
// line, skipping blank lines and comments.
func readVersionFile(path string) []string {
	data, err := readfile.Read(path, 64<<10)
	if err != nil {
		return nil
	}
	var vs []string
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		vs = append(vs, strings.TrimPrefix(f[0], "python-"))
	}
	return vs
}

// pyenvVersionDir returns the install directory of pyenv version v: the
// directory of that name, or, as pyenv resolves a prefix ("3.12"), the
// newest stable install whose name starts with "v.".
func (s *scan) pyenvVersionDir(v string) string {
	if strings.Contains(v, "..") || strings.ContainsRune(v, filepath.Separator) {
		return ""
	}
	root := filepath.Join(s.pyenv, "versions")
	if fi, err := os.Stat(filepath.Join(root, v)); err == nil && fi.IsDir() {
		return filepath.Join(root, v)
	}
	names, _ := readDirNames(root)
	best, bestV := "", pyver.Unknown
	for _, n := range names {
		if !strings.HasPrefix(n, v+".") {
			continue
		}
		b, known, ok := pyver.ParseInstallName(n)
		if !ok || !known || b.FreeThreaded || b.Debug || b.Version.Prerelease() {
			continue
		}
		if best == "" || pyver.Compare(b.Version, bestV) > 0 {
			best, bestV = n, b.Version
		}
	}
	if best == "" {
		return ""
	}
	return filepath.Join(root, best)
}
