package launcher

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/pylauncher/py/internal/probe"
)

func TestMain(m *testing.M) {
	// The fixed places (/usr/bin, Homebrew…) under an empty root, and no
	// registry: the tests see only the interpreters they make.
	root, err := os.MkdirTemp("", "launcher-root-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	TestOnlyRoot(root)
	TestOnlyRegistryKey(`Software\PyLauncherTest\None`)
	code := m.Run()
	os.RemoveAll(root)
	os.Exit(code)
}

// world is a private machine for Main: a home, caches, py.ini's
// directory, a pyenv root and a PATH, all under a temporary directory,
// which is also the current directory. PYLAUNCHER_DRYRUN is set, so
// that a launch prints its command instead of replacing the test.
type world struct {
	t   *testing.T
	dir string
	env map[string]string
}

// newWorld makes a world. Its interpreters are shell scripts: on
// Windows the test is skipped.
func newWorld(t *testing.T) *world {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the fake interpreters are shell scripts")
	}
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	w := &world{t: t, dir: dir, env: map[string]string{
		"HOME":                     w0(dir, "home"),
		"XDG_CACHE_HOME":           w0(dir, "cache"),
		"XDG_CONFIG_HOME":          w0(dir, "config"),
		"XDG_DATA_HOME":            w0(dir, "data"),
		"PYENV_ROOT":               w0(dir, "pyenv"),
		"PATH":                     w0(dir, "bin"),
		"PYLAUNCHER_DRYRUN":        "1",
		"PYLAUNCHER_NO_MESSAGEBOX": "1",
	}}
	return w
}

func w0(dir, name string) string { return filepath.Join(dir, name) }

// path returns the absolute path of rel in the world.
func (w *world) path(rel string) string { return filepath.Join(w.dir, filepath.FromSlash(rel)) }

// setenv sets a variable ("" unsets it).
func (w *world) setenv(k, v string) {
	if v == "" {
		delete(w.env, k)
		return
	}
	w.env[k] = v
}

// setPath sets PATH to the world's directories rels.
func (w *world) setPath(rels ...string) {
	var dirs []string
	for _, r := range rels {
		dirs = append(dirs, w.path(r))
	}
	w.setenv("PATH", strings.Join(dirs, string(os.PathListSeparator)))
}

func (w *world) environ() []string {
	var env []string
	for k, v := range w.env {
		env = append(env, k+"="+v)
	}
	sort.Strings(env)
	return env
}

// write writes a file of the world, making its directory.
func (w *world) write(rel, text string, mode os.FileMode) string {
	w.t.Helper()
	p := w.path(rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		w.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), mode); err != nil {
		w.t.Fatal(err)
	}
	if err := os.Chmod(p, mode); err != nil {
		w.t.Fatal(err)
	}
	return p
}

// python makes a fake CPython at rel that answers py's query as version
// v (X.Y.Z), logging each query to the world's "log", and otherwise
// prints how it was run. prefix is its sys.prefix, base its
// sys.base_prefix ("" for the directory above its own).
func (w *world) python(rel, v string) string {
	return w.pythonIn(rel, v, "", "")
}

func (w *world) pythonIn(rel, v, prefix, base string) string {
	p := w.path(rel)
	if prefix == "" {
		prefix = filepath.Dir(filepath.Dir(p))
	}
	if base == "" {
		base = prefix
	}
	answer := fmt.Sprintf(`{"implementation": "cpython", "version": "%s.final.0", "free_threaded": false, "debug": false, "bits": 64, "machine": "x86_64", "prefix": %q, "base_prefix": %q, "executable": %q}`,
		v, prefix, base, p)
	return w.write(rel, "#!/bin/sh\n"+
		"for a; do case $a in *"+probe.Marker+"*) echo \"query $0\" >> '"+w.path("log")+"'; echo '"+probe.Marker+answer+"'; exit 0;; esac; done\n"+
		"echo \"run $0 $*\"\n", 0o755)
}

// broken makes an interpreter that fails when asked what it is.
func (w *world) broken(rel string, code int) string {
	return w.write(rel, fmt.Sprintf("#!/bin/sh\necho 'it broke' >&2\nexit %d\n", code), 0o755)
}

// venv makes a virtual environment at rel whose interpreter (bin/python)
// answers as version v, based on the install at base.
func (w *world) venv(rel, base, v string) string {
	dir := w.path(rel)
	w.write(rel+"/pyvenv.cfg", "home = "+filepath.Dir(w.path(base))+"\nversion = "+v+"\n", 0o644)
	w.pythonIn(rel+"/bin/python", v, dir, filepath.Dir(filepath.Dir(w.path(base))))
	return dir
}

// queries returns how many times the interpreter at path was asked.
func (w *world) queries(path string) int {
	data, _ := os.ReadFile(w.path("log"))
	return strings.Count(string(data), "query "+path+"\n")
}

type result struct {
	code           int
	stdout, stderr string
}

// py runs Main as "py args…".
func (w *world) py(args ...string) result {
	w.t.Helper()
	return w.run("py", args...)
}

// run runs Main with argv0 and args.
func (w *world) run(argv0 string, args ...string) result {
	w.t.Helper()
	var stdout, stderr bytes.Buffer
	code := Main(append([]string{argv0}, args...), w.environ(), &stdout, &stderr)
	return result{code, stdout.String(), stderr.String()}
}

// ok checks that r succeeded with stdout want and nothing on stderr.
func (r result) ok(t *testing.T, want string) {
	t.Helper()
	if r.code != 0 || r.stdout != want || r.stderr != "" {
		t.Errorf("got exit %d, stdout %q, stderr %q; want exit 0, stdout %q, no stderr", r.code, r.stdout, r.stderr, want)
	}
}

// fails checks that r failed with code and the stderr lines want.
func (r result) fails(t *testing.T, code int, want ...string) {
	t.Helper()
	if r.code != code || r.stderr != strings.Join(want, "\n")+"\n" {
		t.Errorf("got exit %d, stderr\n%s\nwant exit %d, stderr\n%s", r.code, r.stderr, code, strings.Join(want, "\n"))
	}
}
