package discover

import (
	"cmp"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/pylauncher/py/internal/pyver"
	"github.com/pylauncher/py/internal/quote"
	"github.com/pylauncher/py/internal/tooldirs"
	"github.com/pylauncher/py/internal/trust"
	"github.com/pylauncher/py/internal/venv"
)

// scan collects interpreters, each file once.
//
// Its bookkeeping is slices searched in order, not maps: a launch sees a
// few dozen directories and interpreters, and a fresh process pays more
// to set up maps than to compare that many keys.
type scan struct {
	o     *Options
	found []*Interpreter
	// keys[i] identifies found[i].
	keys []fileKey
	// listed are the directories listed so far: the name they were
	// reached by, and their identity.
	listed   []listedDir
	shimRank []shimDir
	self     *fileInfo
	// managed are the installs py install made, with their files, where
	// the system has no inode numbers (Windows): py install's own
	// registrations are compared with them by file identity.
	managed []managedFile
	now     time.Time
	// The version managers' directories, worked out once.
	pyenv, asdf, mise string
}

// fileKey identifies an interpreter: the file it runs, and the
// environment it runs in (a venv's bin/python is a symlink to its base
// interpreter, yet it is a different interpreter).
type fileKey struct {
	dev, ino uint64
	path     string // when the platform has no inode numbers
	prefix   string
}

// managedFile is an install py install made, and its file.
type managedFile struct {
	in *Interpreter
	fi fileInfo
}

type listedDir struct {
	dir string
	key fileKey
}

// shimDir is the first PATH entry holding a tool's shims.
type shimDir struct {
	tool Source
	rank int
}

func newScan(o *Options) *scan {
	s := &scan{o: o}
	if o.Self != "" {
		if fi, err := statFile(o.Self); err == nil {
			s.self = &fi
		}
	}
	s.now = o.Now
	if s.now.IsZero() {
		s.now = time.Now()
	}
	s.pyenv = tooldirs.Pyenv(o.GOOS, o.Getenv)
	s.asdf = tooldirs.Asdf(o.GOOS, o.Getenv)
	s.mise = tooldirs.Mise(o.GOOS, o.Getenv)
	return s
}

func (s *scan) windows() bool { return s.o.GOOS == "windows" }

// env describes the environment in dir named by src.
func (s *scan) env(src Source, dir string) *Env {
	if dir == "" {
		return nil
	}
	e := &Env{Source: src, Dir: dir}
	if !filepath.IsAbs(dir) {
		e.Problem = "it is not an absolute path"
		s.o.tracef("# %s=%s ignored: %s", src, quote.String(dir), e.Problem)
		return e
	}
	dir = filepath.Clean(dir)
	e.Dir = dir
	exe := venv.Interpreter(dir, s.o.GOOS)
	if s.windows() && s.o.Windowed {
		exe = join(venv.BinDir(dir, s.o.GOOS), "pythonw.exe")
	}
	if src == Conda {
		exe = join(venv.BinDir(dir, s.o.GOOS), "python")
		if s.windows() {
			exe = join(dir, "python.exe")
		}
	}
	fi, problem := exeFile(exe)
	if problem != "" {
		e.Problem = "it holds no interpreter (" + strings.TrimSpace(problem) + ": " + exe + ")"
		s.o.tracef("# %s %s: %s", src, quote.String(dir), e.Problem)
		return e
	}
	in := &Interpreter{Path: exe, Source: src, Rank: NotOnPath, Prefix: dir, ID: fi.id}
	in.Build = pyver.Build{Impl: pyver.CPython, Version: pyver.Unknown}
	if cfg, err := venv.ReadCfg(dir); err == nil {
		in.Venv = true
		if v, ok := pyver.ParseVersion(cfg.Version); ok {
			in.Version = v
		}
		if impl := strings.ToLower(cfg.Implementation); impl != "" {
			in.Impl = impl
		}
	} else if src == Conda {
		in.Version = condaVersion(dir)
	}
	e.Interp = in
	if s.o.tracing() {
		s.o.tracef("# %s %s: %s (Python %s)", src, quote.String(dir), exe, in.Version)
	}
	return e
}

// condaVersion reads the Python version from conda-meta/python-X.Y.Z-*.json.
func condaVersion(dir string) pyver.Version {
	names, _ := readDirNames(filepath.Join(dir, "conda-meta"))
	for _, n := range names {
		rest, ok := strings.CutPrefix(n, "python-")
		if !ok || rest == "" || rest[0] < '0' || rest[0] > '9' {
			continue
		}
		ver, _, _ := strings.Cut(rest, "-")
		if v, ok := pyver.ParseVersion(ver); ok {
			return v
		}
	}
	return pyver.Unknown
}

// installs scans PATH and then every install location.
func (s *scan) installs() {
	for i, d := range filepath.SplitList(s.pathVar()) {
		switch {
		case d == "":
			s.o.tracef("# PATH entry %d is empty: ignored (py never runs programs from the current directory)", i+1)
			continue
		case !filepath.IsAbs(d):
			s.o.tracef("# PATH entry %s is relative: ignored (py never runs programs through a relative PATH)", quote.String(d))
			continue
		}
		d = filepath.Clean(d)
		if s.storeStubDir(d) {
			s.o.tracef("# PATH entry %s holds the Store's app aliases: skipped (Store Pythons are found as packages)", quote.String(d))
			continue
		}
		if tool, ok := s.shimTool(d); ok {
			if s.rank(tool) == NotOnPath {
				s.shimRank = append(s.shimRank, shimDir{tool, i})
			}
			if s.o.tracing() {
				s.o.tracef("# PATH entry %s holds %s shims: not run; the installs behind them are searched instead", quote.String(d), tool)
			}
			continue
		}
		s.scanDir(d, Path, i)
	}
	if root := s.pyenv; root != "" {
		s.scanInstalls(filepath.Join(root, "versions"), Pyenv, s.rank(Pyenv), pyenvName)
	}
	if root := tooldirs.UV(s.o.GOOS, s.o.Getenv); root != "" {
		s.scanInstalls(root, UV, NotOnPath, uvName)
	}
	if root := tooldirs.Py(s.o.GOOS, s.o.Getenv); root != "" {
		s.scanInstalls(root, Managed, NotOnPath, uvName)
	}
	if root := s.mise; root != "" {
		s.scanInstalls(filepath.Join(root, "installs", "python"), Mise, s.rank(Mise), pyenvName)
	}
	if root := s.asdf; root != "" {
		s.scanInstalls(filepath.Join(root, "installs", "python"), Asdf, s.rank(Asdf), pyenvName)
	}
	if s.windows() {
		// The registry key can be pointed elsewhere (RegistryKey), so
		// it is not among the fixed places tests leave out.
		s.scanStore(s.scanRegistry())
		return
	}
	if s.o.Root != "" && !filepath.IsAbs(s.o.Root) {
		s.o.tracef("# the fixed places are hidden: their root %s is relative", quote.String(s.o.Root))
		return
	}
	switch s.o.GOOS {
	case "darwin":
		s.scanDir(s.fixed("/opt/homebrew/bin"), Homebrew, NotOnPath)
		s.scanDir(s.fixed("/usr/local/bin"), Homebrew, NotOnPath)
		s.scanFrameworks()
	default:
		s.scanDir(s.fixed("/usr/local/bin"), System, NotOnPath)
		s.scanDir(s.fixed("/usr/bin"), System, NotOnPath)
	}
}

// fixed returns where the fixed place p (/usr/bin) is: under Options.Root.
func (s *scan) fixed(p string) string {
	if s.o.Root == "" {
		return p
	}
	return filepath.Join(s.o.Root, p)
}

// rank is the PATH position of tool's shims, NotOnPath when PATH has none.
func (s *scan) rank(tool Source) int {
	for _, d := range s.shimRank {
		if d.tool == tool {
			return d.rank
		}
	}
	return NotOnPath
}

// shimTool reports whether dir is a directory of shims, and whose: shims
// are small scripts that re-run a version manager, which picks the real
// interpreter (or fails, as pyenv's python3.12 does when 3.12 is not
// selected). py never runs them.
func (s *scan) shimTool(dir string) (Source, bool) {
	// Every shim directory py knows is called shims: look no further
	// for the others (most PATH entries).
	if filepath.Base(dir) != "shims" {
		return 0, false
	}
	if root := s.pyenv; root != "" {
		if dir == filepath.Join(root, "shims") {
			return Pyenv, true
		}
		if strings.HasPrefix(dir, filepath.Join(root, "plugins")+string(filepath.Separator)) && filepath.Base(dir) == "shims" {
			return Pyenv, true
		}
	}
	if d := s.asdf; d != "" && dir == filepath.Join(d, "shims") {
		return Asdf, true
	}
	if d := s.mise; d != "" && dir == filepath.Join(d, "shims") {
		return Mise, true
	}
	return Generic, true
}

// scanDir adds the interpreters in dir: python, python3, python3.12,
// python3.13t, pypy3, graalpy…
func (s *scan) scanDir(dir string, src Source, rank int) {
	names, dirInfo, ok := s.list(dir, s.isExeName)
	if !ok {
		return
	}
	where := place{dir, dirInfo.st}
	// Versioned names first, so that a directory's python3 (a symlink to
	// python3.12) merges into python3.12 rather than the other way round.
	slices.SortFunc(names, func(a, b string) int {
		if c := cmp.Compare(len(b), len(a)); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	var prefix string
	if len(names) > 0 {
		prefix = s.venvPrefix(dir)
	}
	for _, name := range names {
		b, _ := pyver.ParseExeName(s.unwindowed(name))
		if s.unwanted(b) {
			continue
		}
		s.add(join(dir, name), nil, b, false, src, rank, prefix, where)
	}
}

// unwanted reports whether the caller has no use for build b, whose
// version is known down to the minor number (python3.11, never python3).
func (s *scan) unwanted(b pyver.Build) bool {
	return s.o.Unwanted != nil && b.Version.Minor >= 0 && s.o.Unwanted(b)
}

// isExeName reports whether name is an interpreter's name on this
// platform (pythonw… in pyw's windowed mode on Windows).
func (s *scan) isExeName(name string) bool {
	if s.windows() != hasExeSuffix(name) {
		return false
	}
	_, ok := pyver.ParseExeName(s.unwindowed(name))
	return ok
}

// unwindowed maps pythonw3.12.exe to python3.12.exe in windowed mode, so
// that the name says the version; other names are returned as they are.
func (s *scan) unwindowed(name string) string {
	if s.o.Windowed && s.windows() && len(name) > 7 && strings.EqualFold(name[:7], "pythonw") {
		return "python" + name[7:]
	}
	if s.o.Windowed && s.windows() && len(name) > 6 && strings.EqualFold(name[:6], "python") {
		return "" // a console python.exe is not pyw's
	}
	return name
}

// list returns the names in dir that keep passes, from the listings cache
// while dir is unchanged, and what dir is. It reports false for a
// directory that is missing, unreadable or was listed already (the same
// directory reached through a symlink or a second PATH entry).
func (s *scan) list(dir string, keep func(string) bool) ([]string, fileInfo, bool) {
	for _, d := range s.listed {
		if d.dir == dir {
			return nil, fileInfo{}, false // the same name again: no need to stat it
		}
	}
	fi, err := statFile(dir)
	if err != nil || !fi.dir {
		if err != nil && !os.IsNotExist(err) {
			s.o.tracef("# cannot read %s: %v", quote.String(dir), err)
		}
		return nil, fi, false
	}
	id := fi.id
	k := fileKey{dev: id.Dev, ino: id.Inode}
	if id.Inode == 0 {
		k.path = strings.ToLower(dir)
	}
	for _, d := range s.listed {
		if d.key == k {
			if s.o.tracing() {
				s.o.tracef("# %s is the same directory as %s", quote.String(dir), quote.String(d.dir))
			}
			return nil, fi, false
		}
	}
	s.listed = append(s.listed, listedDir{dir, k})
	if names, ok := s.o.Listings.get(dir, id); ok {
		return names, fi, true
	}
	all, err := readDirNames(dir)
	if err != nil {
		s.o.tracef("# cannot read %s: %v", quote.String(dir), err)
		return nil, fi, false
	}
	var names []string
	for _, n := range all {
		if keep(n) {
			names = append(names, n)
		}
	}
	s.o.Listings.put(dir, id, names, s.now)
	return names, fi, true
}

func hasExeSuffix(name string) bool {
	return len(name) > 4 && strings.EqualFold(name[len(name)-4:], ".exe")
}

// venvPrefix returns the venv that bin directory dir belongs to, or "".
// (Each directory is scanned once: nothing to remember.)
func (s *scan) venvPrefix(dir string) string {
	base := filepath.Base(dir)
	if base == "bin" || s.windows() && strings.EqualFold(base, "Scripts") {
		if parent := filepath.Dir(dir); venv.IsVenv(parent) {
			return parent
		}
	}
	return ""
}

type nameParser func(name string) (b pyver.Build, known, ok bool)

func pyenvName(name string) (pyver.Build, bool, bool) { return pyver.ParseInstallName(name) }

func uvName(name string) (pyver.Build, bool, bool) {
	b, ok := pyver.ParseUVName(name)
	return b, ok, ok
}

// scanInstalls adds one interpreter from each install directory in root
// (pyenv's versions, uv's python, mise's and asdf's installs/python).
func (s *scan) scanInstalls(root string, src Source, rank int, parse nameParser) {
	names, rootInfo, ok := s.list(root, func(n string) bool { return !strings.HasPrefix(n, ".") })
	if !ok {
		return
	}
	where := place{root, rootInfo.st}
	sort.Strings(names)
	for _, name := range names {
		dir := join(root, name)
		b, known, ok := parse(name)
		// A name that is a version is an install; pyenv-virtualenv's
		// environments have names of their own.
		if (!ok || !known) && venv.IsVenv(dir) {
			if s.o.tracing() {
				s.o.tracef("# %s install %s is a virtual environment; skipped", src, quote.String(dir))
			}
			continue
		}
		if !ok {
			if s.o.tracing() {
				s.o.tracef("# %s install %s: not a Python version; skipped", src, quote.String(dir))
			}
			continue
		}
		if known && s.unwanted(b) {
			continue
		}
		bin := join(dir, "bin")
		if s.windows() {
			bin = dir
		}
		var exe string
		var fi fileInfo
		var buf [5]string
		for _, cand := range exeNames(buf[:0], b, known) {
			p := join(bin, cand)
			if s.windows() {
				p += ".exe"
			}
			if f, problem := exeFile(p); problem == "" {
				exe, fi = p, f
				break
			}
		}
		if exe == "" {
			if s.o.tracing() {
				s.o.tracef("# %s install %s: no interpreter in %s; skipped", src, quote.String(dir), quote.String(bin))
			}
			continue
		}
		s.add(exe, &fi, b, known, src, rank, "", where)
	}
}

// exeNames appends to dst the executable names to try in an install's bin
// directory, most specific first.
func exeNames(dst []string, b pyver.Build, known bool) []string {
	flags := ""
	if b.FreeThreaded {
		flags += "t"
	}
	if b.Debug {
		flags += "d"
	}
	switch {
	case !known:
		if b.Impl == pyver.GraalPy {
			return append(dst, "graalpy", "python3", "python")
		}
		return append(dst, "python3", "python")
	case b.Impl == pyver.PyPy:
		return append(dst, "pypy"+b.Version.Feature(), "pypy3", "pypy", "python3", "python")
	case b.Impl == pyver.GraalPy:
		return append(dst, "graalpy", "python3", "python")
	}
	feature := b.Version.Feature()
	if flags == "" {
		return append(dst, "python"+feature, "python3", "python")
	}
	return append(dst, "python"+feature+flags, "python"+feature, "python3", "python")
}

// scanFrameworks adds python.org builds on macOS:
// /Library/Frameworks/Python.framework/Versions/3.12/bin/python3.12 and the
// free-threaded PythonT.framework.
func (s *scan) scanFrameworks() {
	for _, fw := range []struct {
		name string
		ft   bool
	}{{"Python.framework", false}, {"PythonT.framework", true}} {
		root := s.fixed("/Library/Frameworks/" + fw.name + "/Versions")
		names, rootInfo, _ := s.list(root, func(string) bool { return true })
		for _, n := range names {
			v, ok := pyver.ParseVersion(n)
			if !ok || v.Minor < 0 || v.Micro >= 0 {
				continue
			}
			b := pyver.Build{Impl: pyver.CPython, Version: v, FreeThreaded: fw.ft}
			exe := join(join(join(root, n), "bin"), "python"+b.Tag())
			if fi, problem := exeFile(exe); problem == "" {
				s.add(exe, &fi, b, false, Framework, NotOnPath, "", place{root, rootInfo.st})
			}
		}
	}
}

// place is the directory an interpreter was found in, for package trust:
// the directory whose entries name installs or programs.
type place struct {
	dir string
	st  trust.Stat
}

// untrusted says why the interpreter at path, found in where, must not be
// chosen unless named (see package trust), or "".
func (s *scan) untrusted(path string, fi *fileInfo, where place) string {
	if err := s.o.Trust.Program(path, fi.st, where.dir, where.st); err != nil {
		return err.Error()
	}
	return ""
}

// add records the interpreter at path unless the same file was found
// before, and returns it (the one found before, or nil when path is
// skipped). fi is path's FileInfo when the caller has it already; where
// is the directory it was found in. A registration (src Registry, b
// naming its company) of a file another registration named is an
// interpreter of its own: PEP 514 installs are company and tag.
func (s *scan) add(path string, fi *fileInfo, b pyver.Build, settled bool, src Source, rank int, prefix string, where place) *Interpreter {
	if fi == nil {
		f, problem := exeFile(path)
		if problem != "" {
			if s.o.tracing() {
				s.o.tracef("# %s skipped: %s", quote.String(path), problem)
			}
			return nil
		}
		fi = &f
	}
	if s.self != nil && fi.same(s.self) {
		if s.o.tracing() {
			s.o.tracef("# %s skipped: it is py itself", quote.String(path))
		}
		return nil
	}
	if !b.Version.Known() || b.Version.Minor < 0 {
		// python3 -> python3.12: the link says what the name does not.
		if lb, ok := linkedBuild(path); ok {
			lb.Impl = b.Impl
			b = lb
		}
	}
	id := fi.id
	k := fileKey{dev: id.Dev, ino: id.Inode, prefix: prefix}
	if id.Inode == 0 {
		k.path = realPath(path)
	}
	untrusted := s.untrusted(path, fi, where)
	if old := s.lookup(k); old != nil && !(src == Registry && old.CompanyName != "") {
		s.merge(old, path, b, settled, src, untrusted)
		return old
	}
	if old := s.managedSame(fi, b, src); old != nil {
		s.merge(old, path, b, settled, src, untrusted)
		return old
	}
	in := &Interpreter{Path: path, Source: src, Rank: rank, Build: b, Settled: settled, ID: id, Untrusted: untrusted}
	if untrusted != "" && s.o.tracing() {
		s.o.tracef("# %s is chosen only when named by its path: %s", quote.String(path), untrusted)
	}
	if prefix != "" {
		in.Venv, in.Prefix = true, prefix
	}
	s.keys = append(s.keys, k)
	s.found = append(s.found, in)
	if src == Managed && id.Inode == 0 {
		s.managed = append(s.managed, managedFile{in, *fi})
	}
	if s.o.tracing() {
		s.o.tracef("# found %s: %s %s (%s)", quote.String(path), b.Impl, b.Version, src)
	}
	return in
}

// pyCompany is the company under which py install registers its installs
// on Windows (PEP 514): installer.RegistryCompany.
const pyCompany = "py"

// managedSame returns the install of py's that a registration of py
// install's (src Registry, company py) names by another path, the same
// file, or nil. Paths are compared first (the registration names the
// install as py install found it); the file's identity, which costs an
// open of each file, only where paths differ and py made installs.
func (s *scan) managedSame(fi *fileInfo, b pyver.Build, src Source) *Interpreter {
	if src != Registry || !strings.EqualFold(b.CompanyName, pyCompany) {
		return nil
	}
	for i := range s.managed {
		if fi.same(&s.managed[i].fi) {
			return s.managed[i].in
		}
	}
	return nil
}

// merge records that the interpreter at path (described by b, settled
// or not, from src) is old, found before.
func (s *scan) merge(old *Interpreter, path string, b pyver.Build, settled bool, src Source, untrusted string) {
	if old.Untrusted != "" && untrusted == "" {
		// The same file, reached from a place only you can write: run
		// it from there.
		old.Path, old.Untrusted = path, ""
	}
	// Keep the first place found (the earliest on PATH), but take the
	// better description: an install directory's name says more than an
	// executable's.
	if settled && (!old.Settled || old.Version.Micro < 0 && b.Version.Micro >= 0) {
		old.Build, old.Settled = b, true
		if old.Source == src {
			old.Path = path
		}
	}
	if s.o.tracing() {
		s.o.tracef("# %s is the same interpreter as %s", quote.String(path), quote.String(old.Path))
	}
}

// lookup returns the interpreter found before with key k, or nil.
func (s *scan) lookup(k fileKey) *Interpreter {
	for i := range s.keys {
		if s.keys[i] == k {
			return s.found[i]
		}
	}
	return nil
}

// linkedBuild follows the symlink chain from path and returns the build
// named by the first versioned executable name on the way.
func linkedBuild(path string) (pyver.Build, bool) {
	p := path
	for range 8 {
		target, err := os.Readlink(p)
		if err != nil {
			return pyver.Build{}, false
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(p), target)
		}
		if b, ok := pyver.ParseExeName(filepath.Base(target)); ok && b.Version.Minor >= 0 {
			return b, true
		}
		p = target
	}
	return pyver.Build{}, false
}

func realPath(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		p = r
	}
	return strings.ToLower(p)
}

// storeStubDir reports whether dir is %LOCALAPPDATA%\Microsoft\WindowsApps,
// where python.exe and python3.exe may be App Installer stubs that only
// open the Store (cpython gh-100107): never run them.
func (s *scan) storeStubDir(dir string) bool {
	if !s.windows() {
		return false
	}
	lad := s.o.Getenv("LOCALAPPDATA")
	return lad != "" && strings.EqualFold(filepath.Clean(dir), filepath.Join(lad, "Microsoft", "WindowsApps"))
}
