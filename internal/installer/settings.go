package installer

import (
	"debug/elf"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/pylauncher/py/internal/catalog"
	"github.com/pylauncher/py/internal/config"
	"github.com/pylauncher/py/internal/environ"
	"github.com/pylauncher/py/internal/fetch"
	"github.com/pylauncher/py/internal/quote"
	"github.com/pylauncher/py/internal/store"
	"github.com/pylauncher/py/internal/tooldirs"
)

// DefaultSource is the index py install reads unless told otherwise:
// uv's list of python-build-standalone builds (CPython — standard,
// free-threaded, debug — and PyPy), updated with every uv release.
const DefaultSource = "https://raw.githubusercontent.com/astral-sh/uv/main/crates/uv-python/download-metadata.json"

// The variables that tune py install; each has a py.ini setting under
// [install] (source, mirror, bin) that the variable overrides.
const (
	sourceVar = "PY_INSTALL_SOURCE"
	mirrorVar = "PY_INSTALL_MIRROR"
	binVar    = "PY_INSTALL_BIN"
	// timeoutVar bounds how long a transfer may go without a byte
	// before it is tried again (a Go duration: "30s", the default).
	timeoutVar = "PY_INSTALL_TIMEOUT"
)

// settings are what the environment and py.ini say about installing.
type settings struct {
	goos     string
	platform catalog.Platform
	// store holds the installs; cache is where archives and indexes are
	// kept ("" for nowhere).
	store store.Store
	cache string
	// source is the index, sourceOrigin where it was set; mirror
	// replaces python-build-standalone's download prefix.
	source, sourceOrigin string
	mirror               string
	// bin is where the commands go ("" for none: bin = none).
	bin string
	// launcher is py's own executable, which the commands link to; ""
	// when it cannot be found.
	launcher string
	// path is $PATH, to warn when bin is not on it.
	path string
	// stall is how long a transfer may stall (0: fetch's default).
	stall time.Duration
}

// settingError is a setting py-install cannot use.
type settingError struct{ origin, reason string }

func (e *settingError) Error() string { return e.origin + ": " + e.reason }

// loadSettings reads the environment and py.ini's [install] section.
func loadSettings(env *environ.Env, u *ui) (settings, error) {
	goos := runtime.GOOS
	st := settings{
		goos:     goos,
		platform: catalog.PlatformOf(goos, runtime.GOARCH, libc(goos)),
		cache:    tooldirs.Cache(goos, env.Get),
		bin:      tooldirs.Bin(goos, env.Get),
		path:     env.Get("PATH"),
		launcher: findLauncher(env, goos),
	}
	root := tooldirs.Py(goos, env.Get)
	if root == "" {
		return st, &settingError{"the installs' directory", "unknown: set HOME (LOCALAPPDATA on Windows) or XDG_DATA_HOME to an absolute path"}
	}
	st.store = store.Store{Root: root}
	exeDir := ""
	if st.launcher != "" {
		exeDir = filepath.Dir(st.launcher)
	}
	cfg := config.Load(config.Paths(goos, env.Get, exeDir))
	for _, s := range cfg.Sources {
		if s.Err != nil {
			u.warnf("ignoring %s: %v", quote.String(s.Path), s.Err)
		}
	}
	st.source, st.sourceOrigin = DefaultSource, "the default index"
	if v, ok := setting(env, cfg, sourceVar, "source"); ok {
		st.source, st.sourceOrigin = v.value, v.origin
	}
	if v, ok := setting(env, cfg, mirrorVar, "mirror"); ok {
		st.mirror = v.value
	}
	if v, ok := setting(env, cfg, timeoutVar, "timeout"); ok {
		d, err := time.ParseDuration(v.value)
		if err != nil || d <= 0 {
			return st, &settingError{v.origin, quote.String(v.value) + " is not a duration such as \"30s\""}
		}
		st.stall = d
	}
	if v, ok := setting(env, cfg, binVar, "bin"); ok {
		if rest, ok := strings.CutPrefix(v.value, "~"); ok && (rest == "" || rest[0] == '/' || rest[0] == filepath.Separator) {
			if home := tooldirs.Home(goos, env.Get); home != "" {
				v.value = home + rest
			}
		}
		switch {
		case strings.EqualFold(v.value, "none"):
			st.bin = ""
		case !filepath.IsAbs(v.value):
			return st, &settingError{v.origin, quote.String(v.value) + " is not an absolute path (or none)"}
		default:
			st.bin = filepath.Clean(v.value)
		}
	}
	return st, nil
}

// value is a setting and where it came from.
type value struct{ value, origin string }

// setting returns the variable name's value, else py.ini's [install]
// key. A relative path in py.ini is taken from py.ini's directory, as
// [commands] values are; an empty value counts as unset.
func setting(env *environ.Env, cfg *config.Config, name, key string) (value, bool) {
	if v := env.Get(name); v != "" {
		return value{v, name}, true
	}
	v, ok := cfg.Lookup("install", key)
	if !ok || v.Value == "" {
		return value{}, false
	}
	val := v.Value
	if (key == "source" || key == "mirror") && !strings.Contains(val, "://") && !filepath.IsAbs(val) {
		val = filepath.Join(filepath.Dir(v.Path), val)
	}
	return value{val, v.Origin()}, true
}

// client is the downloader the settings describe; warn is told why an
// index came from the cache.
func (st settings) client(warn func(error)) *fetch.Client {
	return &fetch.Client{Mirror: st.mirror, Stall: st.stall, UserAgent: "py-install", Warn: warn}
}

// findLauncher returns py's executable: the one that ran py-install
// (store.LauncherVar), else py beside py-install, else "".
func findLauncher(env *environ.Env, goos string) string {
	if p := env.Get(store.LauncherVar); p != "" && filepath.IsAbs(p) {
		return p
	}
	self, err := os.Executable()
	if err != nil {
		return ""
	}
	name := "py"
	if goos == "windows" {
		name = "py.exe"
	}
	p := filepath.Join(filepath.Dir(self), name)
	if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
		return p
	}
	return ""
}

// libc returns the C library of a Linux machine, as uv names it: "musl"
// when /bin/sh's program interpreter is musl's loader, else "gnu".
func libc(goos string) string {
	if goos != "linux" {
		return "none"
	}
	const sh = "/bin/sh"
	if fi, err := os.Stat(sh); err != nil || !fi.Mode().IsRegular() {
		return "gnu"
	}
	f, err := elf.Open(sh)
	if err != nil {
		return "gnu"
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type != elf.PT_INTERP {
			continue
		}
		buf := make([]byte, min(p.Filesz, 4096))
		if _, err := p.ReadAt(buf, 0); err == nil && strings.Contains(string(buf), "musl") {
			return "musl"
		}
	}
	return "gnu"
}
