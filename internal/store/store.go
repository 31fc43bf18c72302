// Package store keeps the Pythons py install puts on a machine: one
// directory per install under Root ($XDG_DATA_HOME/py/installs, or
// %LOCALAPPDATA%\py\installs), named by the download's key
// (cpython-3.14.6-linux-x86_64-gnu), with a marker file, py-install.json,
// that says py made it — py uninstall removes nothing else.
//
// Installs are atomic: an install is extracted into a temporary directory
// beside its target (.tmp-KEY-N), then renamed into place, so a reader
// sees no install or a whole one; a killed run leaves a temporary
// directory that the next install removes. A lock on Root (.lock) serialises
// the processes that change the store.
package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pylauncher/py/internal/atomicfile"
	"github.com/pylauncher/py/internal/lock"
	"github.com/pylauncher/py/internal/pyver"
	"github.com/pylauncher/py/internal/quote"
	"github.com/pylauncher/py/internal/readfile"
)

// MarkerFile is the file that says py made an install.
const MarkerFile = "py-install.json"

// LockFile serialises the processes that change the store.
const LockFile = ".lock"

// tempPrefix starts the names of installs in progress.
const tempPrefix = ".tmp-"

// Meta is what the marker file records of an install.
type Meta struct {
	Key     string `json:"key"`
	URL     string `json:"url"`
	SHA256  string `json:"sha256"`
	Release string `json:"release,omitempty"`
	// Impl, Version, FreeThreaded, Debug describe the build.
	Impl         string `json:"implementation"`
	Version      string `json:"version"`
	FreeThreaded bool   `json:"free_threaded"`
	Debug        bool   `json:"debug"`
	// Exe is the interpreter, relative to the install's directory.
	Exe string `json:"executable"`
	// Installed is when py made it.
	Installed time.Time `json:"installed"`
	// Aliases are the commands py install put on PATH for it;
	// Registered the PEP 514 keys it wrote (Windows).
	Aliases    []string `json:"aliases,omitempty"`
	Registered []string `json:"registered,omitempty"`
}

// Build returns the build Meta describes.
func (m Meta) Build() pyver.Build {
	v, _ := pyver.ParseVersion(m.Version)
	return pyver.Build{Impl: m.Impl, Version: v, FreeThreaded: m.FreeThreaded, Debug: m.Debug}
}

// Install is one install in the store.
type Install struct {
	Dir  string
	Meta Meta
}

// Exe returns the path of the install's interpreter.
func (in Install) Exe() string { return filepath.Join(in.Dir, filepath.FromSlash(in.Meta.Exe)) }

// Store is the directory of py's installs.
type Store struct {
	Root string
}

// Error is a store operation that failed, naming what it worked on.
type Error struct {
	Op, Path string
	Err      error
}

func (e *Error) Error() string { return e.Op + " " + quote.String(e.Path) + ": " + e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// ErrNotOurs is matched by the error for a directory py did not make.
var ErrNotOurs = errors.New("not installed by py (it has no " + MarkerFile + ")")

// Lock takes the store's lock, waiting at most wait, creating Root when
// need be. It returns the function that releases it.
func (s Store) Lock(wait time.Duration) (unlock func(), err error) {
	if err := os.MkdirAll(s.Root, 0o755); err != nil {
		return nil, &Error{"cannot create", s.Root, err}
	}
	unlock, ok := lock.Byte(filepath.Join(s.Root, LockFile), 0, time.Now().Add(wait))
	if !ok {
		return nil, &Error{"cannot lock", filepath.Join(s.Root, LockFile), errors.New("another py install is still running")}
	}
	return unlock, nil
}

// List returns the installs py made, by key. Directories without a
// marker, or with one py cannot read, are not listed.
func (s Store) List() ([]Install, error) {
	entries, err := os.ReadDir(s.Root)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, &Error{"cannot list", s.Root, err}
	}
	var out []Install
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if in, err := s.Get(e.Name()); err == nil {
			out = append(out, in)
		}
	}
	return out, nil
}

// Get returns the install of key, or an error (ErrNotOurs for a
// directory py did not make; os.ErrNotExist for none).
func (s Store) Get(key string) (Install, error) {
	if !validKey(key) {
		return Install{}, &Error{"cannot use", key, errors.New("not an install's name")}
	}
	dir := filepath.Join(s.Root, key)
	data, err := readfile.Read(filepath.Join(dir, MarkerFile), 1<<20)
	if err != nil {
		if readfile.IsNotExist(err) {
			if _, serr := os.Stat(dir); serr == nil {
				return Install{}, &Error{"cannot use", dir, ErrNotOurs}
			}
			return Install{}, &Error{"cannot find", dir, os.ErrNotExist}
		}
		return Install{}, &Error{"cannot read", filepath.Join(dir, MarkerFile), err}
	}
	var m Meta
	if err := json.Unmarshal(data, &m); err != nil || m.Key != key || m.Exe == "" {
		return Install{}, &Error{"cannot read", filepath.Join(dir, MarkerFile), errors.New("not a marker py wrote")}
	}
	return Install{Dir: dir, Meta: m}, nil
}

// validKey reports a key that names a directory right below Root: a
// plain name of letters, digits and "._+-", not starting with ".".
func validKey(key string) bool {
	if key == "" || key[0] == '.' || len(key) > 200 {
		return false
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("._+-", c) >= 0) {
			return false
		}
	}
	return true
}

// Pending is an install in progress: a temporary directory beside its
// target.
type Pending struct {
	s   Store
	key string
	dir string
}

// Begin starts installing key: it creates an empty temporary directory
// beside the target (the caller extracts into Pending.Dir) after
// removing what killed runs left. The caller holds the lock, so every
// temporary directory it finds is a killed run's.
func (s Store) Begin(key string) (*Pending, error) {
	if !validKey(key) {
		return nil, &Error{"cannot install", key, errors.New("not an install's name")}
	}
	s.clean()
	dir, err := os.MkdirTemp(s.Root, tempPrefix+key+"-")
	if err != nil {
		return nil, &Error{"cannot create a directory in", s.Root, err}
	}
	return &Pending{s: s, key: key, dir: dir}, nil
}

// Dir is where the install is extracted.
func (p *Pending) Dir() string { return p.dir }

// Abort removes the install in progress.
func (p *Pending) Abort() { os.RemoveAll(p.dir) }

// Commit writes the marker and renames the install into place. An
// install already there (py install --force) is replaced: renamed aside,
// then removed once the new one is in place.
func (p *Pending) Commit(m Meta) (Install, error) {
	m.Key = p.key
	if m.Installed.IsZero() {
		m.Installed = time.Now().UTC().Truncate(time.Second)
	}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return Install{}, err
	}
	if err := atomicfile.Write(filepath.Join(p.dir, MarkerFile), append(data, '\n'), 0o644); err != nil {
		p.Abort()
		return Install{}, &Error{"cannot write", filepath.Join(p.dir, MarkerFile), err}
	}
	target := filepath.Join(p.s.Root, p.key)
	old := ""
	if _, err := os.Lstat(target); err == nil {
		old = filepath.Join(p.s.Root, tempPrefix+p.key+"-old-"+strconv.FormatInt(time.Now().UnixNano(), 36))
		if err := os.Rename(target, old); err != nil {
			p.Abort()
			return Install{}, &Error{"cannot replace", target, err}
		}
	}
	if err := os.Rename(p.dir, target); err != nil {
		if old != "" {
			os.Rename(old, target)
		}
		p.Abort()
		return Install{}, &Error{"cannot move into place", target, err}
	}
	if old != "" {
		os.RemoveAll(old)
	}
	return Install{Dir: target, Meta: m}, nil
}

// Save rewrites the marker of an install (its aliases and
// registrations changed), atomically.
func (s Store) Save(in Install) error {
	if _, err := s.Get(in.Meta.Key); err != nil {
		return err
	}
	data, err := json.MarshalIndent(in.Meta, "", "  ")
	if err != nil {
		return err
	}
	path := filepath.Join(s.Root, in.Meta.Key, MarkerFile)
	if err := atomicfile.Write(path, append(data, '\n'), 0o644); err != nil {
		return &Error{"cannot write", path, err}
	}
	return nil
}

// Remove deletes the install of key, which py must have made: renamed
// aside first, so that a half-removed install is never seen; an error
// means the install is still there, whole. What cannot be deleted once
// it is aside — on Windows, the files of a Python that still runs from
// it — stays there, in the directory Remove returns (else ""), until a
// later Begin or Remove deletes it: the install is gone all the same.
// The caller holds the lock.
func (s Store) Remove(key string) (left string, err error) {
	in, err := s.Get(key)
	if err != nil {
		return "", err
	}
	s.clean()
	aside := filepath.Join(s.Root, tempPrefix+key+"-gone-"+strconv.FormatInt(time.Now().UnixNano(), 36))
	if err := os.Rename(in.Dir, aside); err != nil {
		return "", &Error{"cannot remove", in.Dir, err}
	}
	if err := os.RemoveAll(aside); err != nil {
		return aside, nil
	}
	return "", nil
}

// clean removes what killed runs left: installs in progress, and
// installs renamed aside to be replaced or removed. The caller holds the
// lock, so no run that is still going owns them.
func (s Store) clean() {
	entries, err := os.ReadDir(s.Root)
	if err != nil {
		return
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), tempPrefix) {
			os.RemoveAll(filepath.Join(s.Root, e.Name()))
		}
	}
}

// Keys returns the keys of the installs, sorted.
func Keys(ins []Install) []string {
	var keys []string
	for _, in := range ins {
		keys = append(keys, in.Meta.Key)
	}
	slices.Sort(keys)
	return keys
}

// String describes an install for messages: "cpython-3.14.6-… (Python
// 3.14.6)".
func (in Install) String() string {
	return fmt.Sprintf("%s (%s)", in.Meta.Key, in.Meta.Version)
}

// LauncherVar names the variable in which py gives the installer its own
// executable: the commands py install puts on PATH (python3.14) are links
// to it.
const LauncherVar = "PYLAUNCHER_SELF"
