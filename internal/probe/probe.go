// Package probe asks an interpreter what it is (version, implementation,
// build flags, prefix) and remembers the answers in a cache keyed by the
// executable's path and file identity, so each interpreter is asked once.
package probe

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"runtime"
	"strings"
	"time"

	"github.com/pylauncher/py/internal/pyver"
)

// Info is what an interpreter says about itself.
type Info struct {
	Impl         string `json:"implementation"`
	Version      string `json:"version"` // sys.version_info as X.Y.Z.level.serial
	FreeThreaded bool   `json:"free_threaded"`
	Debug        bool   `json:"debug"`
	Bits         int    `json:"bits"`
	Machine      string `json:"machine"`
	Prefix       string `json:"prefix"`
	BasePrefix   string `json:"base_prefix"`
	Executable   string `json:"executable"`
}

// Venv reports whether the interpreter runs in a virtual environment.
func (i Info) Venv() bool { return i.Prefix != "" && i.BasePrefix != "" && i.Prefix != i.BasePrefix }

// Build converts i for matching.
func (i Info) Build() (pyver.Build, error) {
	v, ok := pyver.ParseVersion(i.Version)
	if !ok || v.Minor < 0 || v.Micro < 0 {
		return pyver.Build{}, fmt.Errorf("reported version %q", i.Version)
	}
	b := pyver.Build{
		Impl:         strings.ToLower(i.Impl),
		Version:      v,
		FreeThreaded: i.FreeThreaded,
		Debug:        i.Debug,
		Bits:         i.Bits,
		Machine:      normMachine(i.Machine),
	}
	if b.Impl == "" {
		b.Impl = pyver.CPython
	}
	return b, nil
}

func normMachine(m string) string {
	switch strings.ToLower(m) {
	case "x86_64", "amd64", "x64":
		return "x86_64"
	case "aarch64", "arm64":
		return "arm64"
	case "i386", "i486", "i586", "i686", "x86":
		return "x86"
	}
	return strings.ToLower(m)
}

// marker starts the line the query script prints, so that anything a
// sitecustomize or .pth file prints first is skipped.
const marker = "py-launcher-query-v1:"

// script runs on Python 2.7 and every Python 3. It must not depend on
// site-packages: the interpreter runs with -E -s.
const script = `import sys, os, json
v = sys.version_info
impl = getattr(sys, 'implementation', None)
name = impl.name if impl else ('pypy' if '__pypy__' in sys.builtin_module_names else 'cpython')
ft = False
try:
    import sysconfig
    ft = bool(sysconfig.get_config_var('Py_GIL_DISABLED'))
except Exception:
    pass
try:
    machine = os.uname()[4]
except AttributeError:
    import platform
    machine = platform.machine()
d = {
    'implementation': name,
    'version': '%d.%d.%d.%s.%d' % (v[0], v[1], v[2], v[3], v[4]),
    'free_threaded': ft,
    'debug': hasattr(sys, 'gettotalrefcount'),
    'bits': 64 if sys.maxsize > 2**32 else 32,
    'machine': machine,
    'prefix': sys.prefix,
    'base_prefix': getattr(sys, 'base_prefix', getattr(sys, 'real_prefix', sys.prefix)),
    'executable': sys.executable,
}
sys.stdout.write('` + marker + `' + json.dumps(d) + '\n')
`

// Args returns the arguments of a query, after the interpreter's path.
func Args() []string { return []string{"-E", "-s", "-c", script} }

// IsQuery reports whether args (after the interpreter's path) are a
// query. Test interpreters use it to answer like a real Python.
func IsQuery(args []string) bool {
	return len(args) == 4 && args[2] == "-c" && strings.Contains(args[3], marker)
}

// Marker is the prefix of the answer line of a query.
const Marker = marker

// QueryError reports an interpreter that could not be queried.
type QueryError struct {
	Path string
	Err  error
}

func (e *QueryError) Error() string { return fmt.Sprintf("querying %q: %v", e.Path, e.Err) }
func (e *QueryError) Unwrap() error { return e.Err }

// ErrTimeout is wrapped by QueryError when the interpreter did not answer in time.
var ErrTimeout = errors.New("no answer in time; killed")

// Query runs the interpreter at path with the query script and returns
// its answer. env is the environment to run it in; variables that change
// what Python reports about itself (__PYVENV_LAUNCHER__,
// PYTHONEXECUTABLE) are removed. An interpreter that does not answer
// within timeout is killed.
func Query(path string, env []string, timeout time.Duration) (Info, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, Args()...)
	cmd.Env = cleanEnv(env)
	cmd.WaitDelay = time.Second
	killGroup(cmd)
	var out bytes.Buffer
	cmd.Stdout = &limitedBuffer{buf: &out, max: 1 << 20}
	err := cmd.Run()
	if ctx.Err() != nil {
		return Info{}, &QueryError{path, ErrTimeout}
	}
	if err != nil {
		return Info{}, &QueryError{path, err}
	}
	info, err := ParseAnswer(out.Bytes())
	if err != nil {
		return Info{}, &QueryError{path, err}
	}
	return info, nil
}

// ParseAnswer extracts the answer from a query's output.
func ParseAnswer(out []byte) (Info, error) {
	for _, line := range bytes.Split(out, []byte("\n")) {
		line = bytes.TrimRight(line, "\r")
		if rest, ok := bytes.CutPrefix(line, []byte(marker)); ok {
			var info Info
			if err := json.Unmarshal(rest, &info); err != nil {
				return Info{}, fmt.Errorf("unreadable answer: %v", err)
			}
			if _, err := info.Build(); err != nil {
				return Info{}, err
			}
			return info, nil
		}
	}
	return Info{}, errors.New("no answer")
}

func cleanEnv(env []string) []string {
	out := make([]string, 0, len(env))
	for _, kv := range env {
		name, _, _ := strings.Cut(kv, "=")
		if runtime.GOOS == "windows" {
			// Windows' environment names ignore case, and so does Python there.
			name = strings.ToUpper(name)
		}
		if name == "__PYVENV_LAUNCHER__" || name == "PYTHONEXECUTABLE" {
			continue
		}
		out = append(out, kv)
	}
	return out
}

type limitedBuffer struct {
	buf *bytes.Buffer
	max int
}

func (l *limitedBuffer) Write(p []byte) (int, error) {
	if room := l.max - l.buf.Len(); room > 0 {
		if len(p) > room {
			l.buf.Write(p[:room])
		} else {
			l.buf.Write(p)
		}
	}
	return len(p), nil
}
