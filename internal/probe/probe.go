// Package probe asks an interpreter what it is (version, implementation,
// build flags, prefix) and remembers the answers in a cache keyed by the
// executable's path and file identity, so each interpreter is asked once.
//
// A query runs nothing the user did not choose: the interpreter starts
// with -E -s -B (no PYTHON* variables, no user site, no .pyc written), in
// a private empty working directory, and the query script drops the
// current directory from sys.path before it imports anything, so a
// json.py or os.py where py was started is never imported. It dies with
// py (see Query).
package probe

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pylauncher/py/internal/environ"
	"github.com/pylauncher/py/internal/pyver"
	"github.com/pylauncher/py/internal/quote"
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

// check reports what makes an answer unusable: a version py cannot read,
// names that are not names, or paths holding control characters (which
// --list would otherwise print to a terminal).
func (i Info) check() error {
	if _, err := i.Build(); err != nil {
		return err
	}
	for _, f := range []struct{ name, value string }{{"implementation", i.Impl}, {"machine", i.Machine}} {
		if len(f.value) > 64 || strings.IndexFunc(f.value, func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-' || r == '.')
		}) >= 0 {
			return fmt.Errorf("reported %s %s", f.name, strconv.QuoteToASCII(f.value))
		}
	}
	for _, f := range []struct{ name, value string }{{"prefix", i.Prefix}, {"base_prefix", i.BasePrefix}, {"executable", i.Executable}} {
		if len(f.value) > 4096 || !utf8.ValidString(f.value) || strings.IndexFunc(f.value, isControl) >= 0 {
			return fmt.Errorf("reported %s %s, which holds control characters", f.name, strconv.QuoteToASCII(f.value))
		}
	}
	return nil
}

// isControl reports the characters a terminal acts on: C0, DEL and C1.
func isControl(r rune) bool { return r < 0x20 || r >= 0x7f && r <= 0x9f }

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
// site-packages: the interpreter runs with -E -s. Its first act is to
// drop the current directory ("" for -c) from sys.path: only then does
// it import anything that is not built in.
//
// The machine is os.uname()'s where there is one (Unix). On Windows it
// is the interpreter's own build, as sysconfig.get_platform() reads it
// from sys.version ("win-amd64", "win-arm64", "win32"), never
// platform.machine(): on CPython 3.12+ for Windows that asks WMI, which
// is slow, names the machine rather than the build (an x64 Python on
// an ARM64 machine), and crashes under wine 8. An unknown platform falls
// back to PROCESSOR_ARCHITECTURE (-E keeps only PYTHON* variables out),
// then to "" (unknown).
const script = `import sys
sys.path[:] = [p for p in sys.path if p not in ('', '.')]
import os, json
v = sys.version_info
impl = getattr(sys, 'implementation', None)
name = impl.name if impl else ('pypy' if '__pypy__' in sys.builtin_module_names else 'cpython')
try:
    import sysconfig
except Exception:
    sysconfig = None
ft = False
try:
    ft = bool(sysconfig.get_config_var('Py_GIL_DISABLED'))
except Exception:
    pass
try:
    machine = os.uname()[4]
except AttributeError:
    plat = ''
    try:
        plat = sysconfig.get_platform()
    except Exception:
        pass
    machine = {'win-amd64': 'AMD64', 'win-arm64': 'ARM64', 'win-arm32': 'ARM'}.get(plat, '')
    if plat == 'win32' and sys.maxsize <= 2**32:
        machine = 'x86'
    if not machine:
        machine = os.environ.get('PROCESSOR_ARCHITECTURE', '')
        if not machine.isalnum() or len(machine) > 16:
            machine = ''
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

// Args returns the arguments of a query, after the interpreter's path:
// no PYTHON* variables (-E), no user site (-s), no .pyc files written (-B).
func Args() []string { return []string{"-E", "-s", "-B", "-c", script} }

// IsQuery reports whether args (after the interpreter's path) are a
// query. Test interpreters use it to answer like a real Python.
func IsQuery(args []string) bool {
	return len(args) >= 2 && args[len(args)-2] == "-c" && strings.Contains(args[len(args)-1], marker)
}

// Marker is the prefix of the answer line of a query.
const Marker = marker

// QueryError reports an interpreter that could not be queried.
type QueryError struct {
	Path string
	Err  error
	// Lasting is set when the failure depends on the file alone: it
	// ran, and exited with an error or said something that is not an
	// answer, or it is not a program at all. Only such failures may be
	// remembered until the file changes. A query that timed out, was
	// killed by a signal, could not be started for a reason of the
	// moment, ran out of memory or exited 126/127 (a wrapper that
	// found nothing to run) is not lasting.
	Lasting bool
}

func (e *QueryError) Error() string { return "querying " + quote.String(e.Path) + ": " + e.Err.Error() }
func (e *QueryError) Unwrap() error { return e.Err }

// ErrTimeout is wrapped by QueryError when the interpreter did not answer in time.
var ErrTimeout = errors.New("no answer in time; killed")

// Query runs the interpreter at path with the query script and returns
// its answer. env is the environment to run it in; variables that change
// what Python reports about itself (__PYVENV_LAUNCHER__,
// PYTHONEXECUTABLE) are removed. It runs in a private empty directory
// with standard input from the null device. An interpreter that does not
// answer within timeout is killed, with everything it started. If py is
// killed meanwhile, the query dies with it: on Linux by the parent-death
// signal, on Windows through a kill-on-close job object, and elsewhere
// for the signals py can catch.
func Query(path string, env []string, timeout time.Duration) (Info, error) {
	dir, cleanup := privateDir()
	defer cleanup()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, Args()...)
	cmd.Env = cleanEnv(env)
	cmd.Dir = dir
	cmd.WaitDelay = time.Second
	var out, errOut bytes.Buffer
	cmd.Stdout = &limitedBuffer{buf: &out, max: 1 << 20}
	cmd.Stderr = &limitedBuffer{buf: &errOut, max: 64 << 10}
	err := runTied(cmd)
	if ctx.Err() != nil {
		return Info{}, &QueryError{Path: path, Err: ErrTimeout}
	}
	if err != nil {
		return Info{}, failure(path, err, errOut.Bytes())
	}
	info, err := ParseAnswer(out.Bytes())
	if err != nil {
		return Info{}, &QueryError{Path: path, Err: err, Lasting: true}
	}
	return info, nil
}

// failure classifies a query that did not run to a normal end.
func failure(path string, err error, stderr []byte) error {
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		// Not started. Only "this is not a program" is about the file.
		return &QueryError{Path: path, Err: err, Lasting: notProgram(err)}
	}
	last := lastLine(stderr)
	if !ee.Exited() {
		return &QueryError{Path: path, Err: errors.New(ee.ProcessState.String())}
	}
	code := ee.ExitCode()
	msg := "exit status " + strconv.Itoa(code)
	if last != "" {
		msg += ": " + last
	}
	lasting := code >= 1 && code <= 125 && !outOfMemory(stderr)
	return &QueryError{Path: path, Err: errors.New(msg), Lasting: lasting}
}

// outOfMemory reports an error output that blames memory, a reason of
// the moment.
func outOfMemory(stderr []byte) bool {
	for _, s := range []string{"MemoryError", "Cannot allocate memory", "out of memory", "Out of memory"} {
		if bytes.Contains(stderr, []byte(s)) {
			return true
		}
	}
	return false
}

// lastLine returns the last non-blank line of a program's error output,
// made safe to print and cut to a reasonable length.
func lastLine(b []byte) string {
	b = bytes.TrimRight(b, " \t\r\n")
	if i := bytes.LastIndexAny(b, "\r\n"); i >= 0 {
		b = b[i+1:]
	}
	s := strings.TrimSpace(strings.ToValidUTF8(string(b), "\uFFFD"))
	s = strings.Map(func(r rune) rune {
		if isControl(r) {
			return '?'
		}
		return r
	}, s)
	if len(s) > 200 {
		s = strings.ToValidUTF8(s[:200], "") + "…"
	}
	return s
}

// privateDir creates an empty directory only this user can write, for a
// query's working directory, and returns a function that removes it.
// Without one it falls back to the file system's root (Unix) or the
// temporary directory (Windows): the query script ignores the current
// directory anyway.
func privateDir() (string, func()) {
	if d, err := os.MkdirTemp("", "py-query-"); err == nil {
		return d, func() { os.Remove(d) }
	}
	if runtime.GOOS == "windows" {
		return os.TempDir(), func() {}
	}
	return "/", func() {}
}

// ParseAnswer extracts the answer from a query's output. An answer py
// cannot use (a version it cannot read, control characters in a path) is
// an error.
func ParseAnswer(out []byte) (Info, error) {
	for _, line := range bytes.Split(out, []byte("\n")) {
		line = bytes.TrimRight(line, "\r")
		if rest, ok := bytes.CutPrefix(line, []byte(marker)); ok {
			var info Info
			if err := json.Unmarshal(rest, &info); err != nil {
				return Info{}, fmt.Errorf("unreadable answer: %v", err)
			}
			if err := info.check(); err != nil {
				return Info{}, fmt.Errorf("malformed answer: %v", err)
			}
			return info, nil
		}
	}
	return Info{}, errors.New("no answer")
}

func cleanEnv(env []string) []string {
	out := make([]string, 0, len(env))
	for _, kv := range env {
		// Windows' environment names ignore case, and so does Python there.
		if environ.Sets(kv, "__PYVENV_LAUNCHER__") || environ.Sets(kv, "PYTHONEXECUTABLE") {
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
