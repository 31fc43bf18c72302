package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/pylauncher/py/internal/installer"
	"github.com/pylauncher/py/internal/launcher"
	"github.com/pylauncher/py/internal/pbstest"
)

// The programs the scripts run: py-install itself, and py, which runs it
// for py install; python3.14 and the like are py under the names py
// install gives its links.
// On Windows, both read and write the PEP 514 registrations under the
// script's own key (PYTEST_REGISTRY_KEY), never Software\Python.
func TestMain(m *testing.M) {
	key := os.Getenv("PYTEST_REGISTRY_KEY")
	pyMain := func() {
		if root := os.Getenv("PYTEST_HERMETIC"); root != "" {
			launcher.TestOnlyRoot(root)
		}
		if key != "" {
			launcher.TestOnlyRegistryKey(key)
		}
		os.Exit(launcher.Main(os.Args, os.Environ(), os.Stdout, os.Stderr))
	}
	if strings.HasPrefix(filepath.Base(os.Args[0]), "python") {
		pyMain()
	}
	testscript.Main(m, map[string]func(){
		"py-install": func() {
			if key != "" {
				installer.TestOnlyRegistryKey(key)
			}
			main()
		},
		"py": pyMain,
	})
}

// server serves an index and archives, real and broken, as the scripts
// need them (see serve). Its counters say how often each archive was
// fetched.
type server struct {
	*httptest.Server
	plat    buildPlatform
	archive []byte // a real install-only build of 3.14.6
	evil    map[string][]byte
	mu      sync.Mutex
	served  map[string]int
	// release unblocks the stalled archives.
	release chan struct{}
}

// buildPlatform is a platform the server has builds for: pbstest's name
// for it, and what the index says of its builds.
type buildPlatform struct {
	pbs      string // linux-amd64
	os, libc string // linux, gnu
	key      string // the end of its install keys: linux-x86_64-gnu
	triple   string // python-build-standalone's: x86_64-unknown-linux-gnu
}

var linuxBuilds = buildPlatform{"linux-amd64", "linux", "gnu", "linux-x86_64-gnu", "x86_64-unknown-linux-gnu"}

var (
	srvMu sync.Mutex
	srvs  = map[string]*server{}
)

// testServer starts the server of the test binary for the builds of plat,
// once.
func testServer(t *testing.T, plat buildPlatform) *server {
	srvMu.Lock()
	defer srvMu.Unlock()
	if s := srvs[plat.pbs]; s != nil {
		return s
	}
	tree := pbstest.Tree(t, "3.14.6", plat.pbs)
	s := &server{plat: plat, archive: pbstest.InstallOnly(t, tree), served: map[string]int{}, release: make(chan struct{})}
	s.evil = map[string][]byte{
		"dotdot":  tarGz(t, tarEntry{name: "python/../../escaped", body: "x"}),
		"abslink": tarGz(t, tarEntry{name: "python/bin/python3", link: "/etc/passwd"}),
		"uplink": tarGz(t, tarEntry{name: "python/lib", link: "../../.."},
			tarEntry{name: "python/lib/planted", body: "x"}),
	}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	srvs[plat.pbs] = s
	return s
}

type tarEntry struct{ name, body, link string }

func tarGz(t *testing.T, entries ...tarEntry) []byte {
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for _, e := range entries {
		h := &tar.Header{Name: e.name, Mode: 0o755, Size: int64(len(e.body)), Typeflag: tar.TypeReg}
		if e.link != "" {
			h.Typeflag, h.Linkname, h.Size = tar.TypeSymlink, e.link, 0
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		tw.Write([]byte(e.body))
	}
	tw.Close()
	gz.Close()
	return buf.Bytes()
}

func sum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// entry is one entry of a uv index: CPython version for the server's
// platform, its key made from them.
func (s *server) entry(version, url, sha string) string {
	v := strings.Split(version, ".")
	shaJSON := "null"
	if sha != "" {
		shaJSON = strconv.Quote(sha)
	}
	key := "cpython-" + version + "-" + s.plat.key
	return fmt.Sprintf(`%q: {"name": "cpython", "arch": {"family": "x86_64", "variant": null}, "os": %q, "libc": %q,
  "major": %s, "minor": %s, "patch": %s, "prerelease": "", "url": %q, "sha256": %s, "variant": null, "build": "20260610"}`,
		key, s.plat.os, s.plat.libc, v[0], v[1], v[2], url, shaJSON)
}

// serve answers, under /TOKEN (each script's own, for the counts):
//
//	/main/index.json          3.14.6 (a relative URL) and 3.14.5 (the same
//	                          archive, under another name)
//	/once/index.json          the same, once; then 503
//	/archives/NAME.tar.gz     the real archive
//	/MODE/index.json          3.14.6 served broken: MODE is badhash, nohash,
//	                          truncated, stall (half, then nothing), hang
//	                          (the headers, then nothing), slow
//	                          (in pieces, over a second), dotdot, abslink,
//	                          uplink (archives that reach outside)
//	/MODE/a.tar.gz            its archive
func (s *server) serve(w http.ResponseWriter, r *http.Request) {
	good := sum(s.archive)
	parts := strings.Split(strings.TrimPrefix(r.URL.Path, "/"), "/")
	if len(parts) != 3 {
		http.NotFound(w, r)
		return
	}
	token, mode, file := parts[0], parts[1], parts[2]
	if file == "index.json" {
		if mode == "once" {
			s.mu.Lock()
			s.served[token+"/once"]++
			n := s.served[token+"/once"]
			s.mu.Unlock()
			if n > 1 {
				http.Error(w, "gone", http.StatusServiceUnavailable)
				return
			}
		}
		var entries []string
		switch mode {
		case "main", "once":
			entries = []string{
				s.entry("3.14.6", "../archives/cpython-3.14.6%2B20260610-"+s.plat.triple+"-install_only.tar.gz", good),
				s.entry("3.14.5", s.URL+"/"+token+"/archives/cpython-3.14.5.tar.gz", good),
			}
		case "badhash":
			entries = []string{s.entry("3.14.6", "a.tar.gz", sum([]byte("other")))}
		case "nohash":
			entries = []string{s.entry("3.14.6", "a.tar.gz", "")}
		case "dotdot", "abslink", "uplink":
			entries = []string{s.entry("3.14.6", "a.tar.gz", sum(s.evil[mode]))}
		default:
			entries = []string{s.entry("3.14.6", "a.tar.gz", good)}
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, "{%s}\n", strings.Join(entries, ",\n"))
		return
	}
	s.mu.Lock()
	s.served[token+"/"+mode]++
	s.mu.Unlock()
	body := s.archive
	if e, ok := s.evil[mode]; ok {
		body = e
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	switch mode {
	case "archives", "badhash", "nohash", "dotdot", "abslink", "uplink":
		w.Write(body)
	case "truncated":
		w.Write(body[:len(body)/2])
		// The handler returns: the connection closes short.
	case "stall", "hang":
		if mode == "stall" {
			w.Write(body[:len(body)/2])
		}
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-s.release:
		case <-time.After(time.Minute):
		}
	case "slow":
		for i := 0; i < 10; i++ {
			w.Write(body[i*len(body)/10 : (i+1)*len(body)/10])
			w.(http.Flusher).Flush()
			time.Sleep(100 * time.Millisecond)
		}
	default:
		http.NotFound(w, r)
	}
}

func (s *server) count(mode string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.served[mode]
}

// TestInstall runs the end-to-end scripts of testdata/script against the
// test server, with real builds.
func TestInstall(t *testing.T) {
	if runtime.GOOS != "linux" || runtime.GOARCH != "amd64" {
		t.Skip("the builds served are linux-amd64's")
	}
	s := testServer(t, linuxBuilds)
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("testdata", "script"),
		RequireExplicitExec: true,
		Condition: func(cond string) (bool, error) {
			if cond == "root" {
				return os.Geteuid() == 0, nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Setup: func(e *testscript.Env) error {
			work := e.WorkDir
			root := filepath.Join(work, "root")
			if err := os.Mkdir(root, 0o755); err != nil {
				return err
			}
			e.Setenv("PYTEST_HERMETIC", root)
			server := s.URL + "/" + filepath.Base(work)
			e.Setenv("SERVER", server)
			e.Setenv("PY_INSTALL_SOURCE", server+"/main/index.json")
			// A stall is a stall after 30 s, as by default (a loaded
			// machine can be slow); the stall test sets its own.
			e.Setenv("PY_INSTALL_TIMEOUT", "")
			e.Setenv("HOME", filepath.Join(work, "home"))
			e.Setenv("XDG_CACHE_HOME", filepath.Join(work, "cache"))
			e.Setenv("XDG_CONFIG_HOME", filepath.Join(work, "config"))
			e.Setenv("XDG_DATA_HOME", filepath.Join(work, "data"))
			e.Setenv("XDG_BIN_HOME", "")
			e.Setenv("PYENV_ROOT", filepath.Join(work, "pyenv"))
			e.Setenv("INSTALLS", filepath.Join(work, "data", "py", "installs"))
			e.Setenv("BIN", filepath.Join(work, "home", ".local", "bin"))
			for _, v := range []string{"VIRTUAL_ENV", "CONDA_PREFIX", "PY_PYTHON", "PY_PYTHON3", "PYLAUNCHER_DEBUG",
				"PYLAUNCHER_ALLOW_INSTALL", "PY_INSTALL_MIRROR", "PY_INSTALL_BIN", "UV_PYTHON_INSTALL_DIR", "NO_COLOR"} {
				e.Setenv(v, "")
			}
			// Only the directory of the programs (py, py-install):
			// no interpreter of the machine's.
			e.Setenv("PATH", strings.Split(e.Getenv("PATH"), string(os.PathListSeparator))[0])
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"code":    cmdCode,
			"tmpfs":   cmdTmpfs,
			"listdir": cmdListdir,
			"served":  cmdServed(s),
		},
	})
}

// cmdServed is the command "served MODE N": the archive of MODE was
// fetched N times from s.
func cmdServed(s *server) func(ts *testscript.TestScript, neg bool, args []string) {
	return func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 2 {
			ts.Fatalf("usage: served MODE N")
		}
		n, _ := strconv.Atoi(args[1])
		token := filepath.Base(ts.Getenv("SERVER"))
		if got := s.count(token + "/" + args[0]); (got == n) == neg {
			ts.Fatalf("the %s archive was fetched %d times, want %d", args[0], got, n)
		}
	}
}

// cmdCode: code N PROG ARGS... runs PROG and fails unless it exits N;
// its output goes to the files out and err, for grep.
func cmdCode(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 || neg {
		ts.Fatalf("usage: code N prog [args...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	path := args[1]
	if !strings.ContainsAny(path, `/\`) {
		path = lookPath(ts, path)
	}
	cmd := exec.Command(path, args[2:]...)
	cmd.Dir = ts.Getenv("PWD")
	cmd.Env = scriptEnv(ts)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	got := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		got = ee.ExitCode()
	} else if err != nil {
		ts.Fatalf("%v", err)
	}
	ts.Check(os.WriteFile(ts.MkAbs("out"), stdout.Bytes(), 0o644))
	ts.Check(os.WriteFile(ts.MkAbs("err"), stderr.Bytes(), 0o644))
	ts.Logf("[stderr]\n%s", stderr.Bytes())
	if got != want {
		ts.Fatalf("exit code %d, want %d", got, want)
	}
}

// lookPath finds the program name on the script's PATH (name.exe on
// Windows), or returns name.
func lookPath(ts *testscript.TestScript, name string) string {
	file := name
	if runtime.GOOS == "windows" && !strings.HasSuffix(strings.ToLower(name), ".exe") {
		file += ".exe"
	}
	for _, d := range filepath.SplitList(ts.Getenv("PATH")) {
		if fi, err := os.Stat(filepath.Join(d, file)); err == nil && !fi.IsDir() {
			return filepath.Join(d, file)
		}
	}
	return name
}

// scriptEnv is the part of the script's environment py and py-install
// read.
func scriptEnv(ts *testscript.TestScript) []string {
	var env []string
	for _, name := range scriptVars {
		env = append(env, name+"="+ts.Getenv(name))
	}
	return env
}

// scriptVars are the variables the scripts' setup sets.
var scriptVars = []string{"PYTEST_HERMETIC", "SERVER", "PY_INSTALL_SOURCE", "PY_INSTALL_TIMEOUT", "HOME", "XDG_CACHE_HOME",
	"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_BIN_HOME", "PYENV_ROOT", "PATH", "WORK", "TMPDIR", "PYLAUNCHER_ALLOW_INSTALL", "PY_INSTALL_BIN"}

// cmdTmpfs: tmpfs DIR SIZE mounts a tmpfs of SIZE on DIR for the rest of
// the script (root only: see [root]).
func cmdTmpfs(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 || neg {
		ts.Fatalf("usage: tmpfs DIR SIZE")
	}
	dir := ts.MkAbs(args[0])
	ts.Check(os.MkdirAll(dir, 0o755))
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+args[1], "tmpfs", dir).CombinedOutput(); err != nil {
		ts.Fatalf("cannot mount a tmpfs: %s", strings.TrimSpace(string(out)))
	}
	ts.Defer(func() { exec.Command("umount", "-l", dir).Run() })
}

// cmdListdir: listdir DIR NAME... fails unless DIR holds exactly the
// NAMEs (hidden ones included); a NAME that ends in * stands for one or
// more names that start with what comes before it.
func cmdListdir(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 1 {
		ts.Fatalf("usage: listdir DIR [NAME...]")
	}
	entries, err := os.ReadDir(ts.MkAbs(args[0]))
	ts.Check(err)
	var names, seen []string
	for _, e := range entries {
		name := e.Name()
		for _, w := range args[1:] {
			if prefix, ok := strings.CutSuffix(w, "*"); ok && strings.HasPrefix(name, prefix) {
				name = w
			}
		}
		names = append(names, e.Name())
		if !slices.Contains(seen, name) {
			seen = append(seen, name)
		}
	}
	want := args[1:]
	sort.Strings(want)
	sort.Strings(seen)
	if (strings.Join(seen, " ") == strings.Join(want, " ")) == neg {
		ts.Fatalf("%s holds %q, want %q", args[0], names, want)
	}
}
