package launcher

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/pylauncher/py/internal/config"
	"github.com/pylauncher/py/internal/quote"
	"github.com/pylauncher/py/internal/readfile"
	"github.com/pylauncher/py/internal/trust"
)

// settings are what py.ini and the environment say about how py works.
type settings struct {
	// self is py's own executable.
	self string
	cfg  *config.Config
	// iniPaths are the py.ini files, in lookup order.
	iniPaths []string
	// allowPre lets pre-releases compete ([settings] allow_prereleases);
	// projectVenv and projectFiles turn the .venv and the project files
	// on.
	allowPre, projectVenv, projectFiles bool
	// autoInstall lets a launch install the Python it asks for when
	// none matches (PYLAUNCHER_ALLOW_INSTALL, [install] auto), saying
	// so: see command.go.
	autoInstall bool
	timeout     time.Duration
	trust       *trust.Checker
}

// loadSettings reads py.ini (warning about what it ignores) and the
// variables that tune py.
func (a *app) loadSettings(self string) settings {
	st := settings{self: self}
	exeDir := ""
	if self != "" {
		exeDir = filepath.Dir(self)
	}
	st.iniPaths = config.Paths(runtime.GOOS, a.env.Get, exeDir)
	st.cfg = config.Load(st.iniPaths)
	if a.debug {
		for _, p := range st.iniPaths {
			a.tracef("# py.ini: %s", quote.String(p))
		}
	}
	for _, s := range st.cfg.Sources {
		if s.Err != nil {
			a.warnf("ignoring %s: %s", quote.String(s.Path), readfile.Reason(s.Err))
			continue
		}
		if pr := s.INI.Problems; len(pr) > 0 {
			a.warnLines(s.Path, len(pr), pr[0].Line, pr[0].Reason)
		}
	}
	st.allowPre = a.setting(st.cfg, "allow_prereleases", false)
	st.projectVenv = a.setting(st.cfg, "project_venv", true)
	st.projectFiles = a.setting(st.cfg, "project_files", true)
	st.trust = a.trustChecker(st.cfg)
	st.autoInstall = a.env.Get("PYLAUNCHER_ALLOW_INSTALL") != ""
	if v, ok := st.cfg.Lookup("install", "auto"); ok && !st.autoInstall {
		b, ok := config.ParseBool(v.Value)
		if !ok {
			a.warnf("%s is %s, not true or false; using false", v.Origin(), quote.String(v.Value))
		}
		st.autoInstall = b
	}
	st.timeout = defaultQueryTimeout
	if t := a.env.Get("PYLAUNCHER_QUERY_TIMEOUT"); t != "" {
		if d, err := time.ParseDuration(t); err == nil && d > 0 {
			st.timeout = d
		} else {
			a.warnf("PYLAUNCHER_QUERY_TIMEOUT=%s is not a duration such as \"2s\"; using %s", quote.String(t), defaultQueryTimeout)
		}
	}
	return st
}

// warnLines reports the n lines of a file that are ignored in one
// warning, naming the first: a file of garbage gives one line, not one
// per line of garbage.
func (a *app) warnLines(path string, n, first int, reason string) {
	if n == 1 {
		a.warnf("ignoring line %d of %s: %s", first, quote.String(path), reason)
		return
	}
	a.warnf("ignoring %d lines of %s; the first, line %d: %s", n, quote.String(path), first, reason)
}

// setting reads a boolean from py.ini's [settings] section.
func (a *app) setting(cfg *config.Config, key string, def bool) bool {
	v, ok := cfg.Lookup("settings", key)
	if !ok {
		return def
	}
	b, ok := config.ParseBool(v.Value)
	if !ok {
		a.warnf("%s is %s, not true or false; using %v", v.Origin(), quote.String(v.Value), def)
		return def
	}
	return b
}

// trustChecker reads [settings] trusted_dirs: the directories whose
// project files, environments and programs py uses whoever owns them.
func (a *app) trustChecker(cfg *config.Config) *trust.Checker {
	var dirs []string
	if v, ok := cfg.Lookup("settings", "trusted_dirs"); ok {
		var bad []string
		dirs, bad = trust.ParseDirs(v.Value)
		for _, b := range bad {
			a.warnf("%s: %s is not an absolute path; ignored", v.Origin(), quote.String(b))
		}
	}
	return trust.New(trust.Me(), dirs)
}

// workingDir returns the current directory, where the search for the
// project's files starts, or "" (with one warning) when it cannot be
// known: deleted, or a path longer than the system accepts.
func (a *app) workingDir() string {
	cwd, err := os.Getwd()
	if err == nil && len(cwd) >= 1024 {
		// Go finds long paths, but the system refuses them.
		if _, serr := os.Stat(cwd); serr != nil {
			err = serr
		}
	}
	if err != nil {
		if u := errors.Unwrap(err); u != nil {
			err = u // "no such file or directory", not "getwd: …" or "stat …: …"
		}
		a.warnf("cannot tell the current directory (%v): the project's files and .venv were not searched", err)
		return ""
	}
	return cwd
}
