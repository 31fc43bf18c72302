package probe

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pylauncher/py/internal/pyver"
)

const answer312 = `{"implementation": "cpython", "version": "3.12.1.final.0", "free_threaded": false, "debug": false, "bits": 64, "machine": "x86_64", "prefix": "/root/.pyenv/versions/3.12.1", "base_prefix": "/root/.pyenv/versions/3.12.1", "executable": "/root/.pyenv/versions/3.12.1/bin/python3.12"}`

var info312 = Info{
	Impl: "cpython", Version: "3.12.1.final.0", Bits: 64, Machine: "x86_64",
	Prefix: "/root/.pyenv/versions/3.12.1", BasePrefix: "/root/.pyenv/versions/3.12.1",
	Executable: "/root/.pyenv/versions/3.12.1/bin/python3.12",
}

func TestParseAnswer(t *testing.T) {
	tests := []struct {
		name string
		out  string
		want Info
	}{
		{"plain", Marker + answer312 + "\n", info312},
		{"no final newline", Marker + answer312, info312},
		{"crlf", Marker + answer312 + "\r\n", info312},
		{"noise before", "hello from sitecustomize\r\nWARNING: something\n" + Marker + answer312 + "\n", info312},
		{"noise after", Marker + answer312 + "\ntrailing noise\n", info312},
		{"first answer wins", Marker + answer312 + "\n" + Marker + `{"version": "2.7.18.final.0"}` + "\n", info312},
		{"minimal", Marker + `{"version": "3.13.0.candidate.2"}`, Info{Version: "3.13.0.candidate.2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseAnswer([]byte(tt.out))
			if err != nil || got != tt.want {
				t.Errorf("ParseAnswer(%q) = %+v, %v, want %+v, nil", tt.out, got, err, tt.want)
			}
		})
	}
}

func TestParseAnswerErrors(t *testing.T) {
	tests := []struct {
		name, out string
	}{
		{"empty", ""},
		{"missing marker", answer312 + "\n"},
		{"marker not at line start", "noise " + Marker + answer312 + "\n"},
		{"bad json", Marker + "{not json}\n"},
		{"truncated json", Marker + answer312[:40] + "\n"},
		{"json array", Marker + "[1, 2]\n"},
		{"wrong types", Marker + `{"version": 3.12}` + "\n"},
		{"null", Marker + "null\n"},
		{"no micro", Marker + `{"version": "3.12"}` + "\n"},
		{"no version", Marker + `{"implementation": "cpython"}` + "\n"},
		{"garbage version", Marker + `{"version": "three"}` + "\n"},
		{"escape in prefix", Marker + `{"version": "3.12.1.final.0", "prefix": "/x\u001b]0;pwned\u0007"}` + "\n"},
		{"newline in executable", Marker + `{"version": "3.12.1.final.0", "executable": "/x\n/y"}` + "\n"},
		{"NUL in base_prefix", Marker + `{"version": "3.12.1.final.0", "base_prefix": "/x\u0000"}` + "\n"},
		{"C1 control in prefix", Marker + `{"version": "3.12.1.final.0", "prefix": "/x\u009b2J"}` + "\n"},
		{"escape in implementation", Marker + `{"version": "3.12.1.final.0", "implementation": "cpython\u001b[31m"}` + "\n"},
		{"space in machine", Marker + `{"version": "3.12.1.final.0", "machine": "x86 64"}` + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, err := ParseAnswer([]byte(tt.out)); err == nil {
				t.Errorf("ParseAnswer(%q) = %+v, nil, want an error", tt.out, got)
			}
		})
	}
}

func TestInfoBuild(t *testing.T) {
	tests := []struct {
		name string
		in   Info
		want pyver.Build
	}{
		{"cpython", info312, pyver.Build{Impl: pyver.CPython, Version: pyver.Version{Major: 3, Minor: 12, Micro: 1}, Bits: 64, Machine: "x86_64"}},
		{"impl lower-cased", Info{Impl: "PyPy", Version: "3.9.16.final.0", Machine: "aarch64", Bits: 64},
			pyver.Build{Impl: pyver.PyPy, Version: pyver.Version{Major: 3, Minor: 9, Micro: 16}, Bits: 64, Machine: "arm64"}},
		{"no impl is cpython", Info{Version: "2.7.18.final.0", Machine: "AMD64", Bits: 64},
			pyver.Build{Impl: pyver.CPython, Version: pyver.Version{Major: 2, Minor: 7, Micro: 18}, Bits: 64, Machine: "x86_64"}},
		{"free-threaded debug rc", Info{Impl: "cpython", Version: "3.13.0.candidate.2", FreeThreaded: true, Debug: true, Machine: "ARM64"},
			pyver.Build{Impl: pyver.CPython, Version: pyver.Version{Major: 3, Minor: 13, Micro: 0, Pre: "rc2"}, FreeThreaded: true, Debug: true, Machine: "arm64"}},
		{"x86", Info{Impl: "cpython", Version: "3.12.1", Machine: "i686", Bits: 32},
			pyver.Build{Impl: pyver.CPython, Version: pyver.Version{Major: 3, Minor: 12, Micro: 1}, Bits: 32, Machine: "x86"}},
		{"x64", Info{Impl: "cpython", Version: "3.12.1", Machine: "x64"},
			pyver.Build{Impl: pyver.CPython, Version: pyver.Version{Major: 3, Minor: 12, Micro: 1}, Machine: "x86_64"}},
		{"other machine lower-cased", Info{Impl: "GraalPy", Version: "3.11.7.final.0", Machine: "RISCV64"},
			pyver.Build{Impl: pyver.GraalPy, Version: pyver.Version{Major: 3, Minor: 11, Micro: 7}, Machine: "riscv64"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.in.Build()
			if err != nil || got != tt.want {
				t.Errorf("%+v.Build() = %+v, %v, want %+v, nil", tt.in, got, err, tt.want)
			}
		})
	}
	for _, bad := range []string{"", "3", "3.12", "3.12.1.x.0", "x"} {
		if got, err := (Info{Version: bad}).Build(); err == nil {
			t.Errorf("Info{Version: %q}.Build() = %+v, nil, want an error", bad, got)
		}
	}
}

func TestInfoVenv(t *testing.T) {
	tests := []struct {
		prefix, base string
		want         bool
	}{
		{"/src/app/.venv", "/usr", true},
		{"/usr", "/usr", false},
		{"", "/usr", false},
		{"/usr", "", false},
	}
	for _, tt := range tests {
		if got := (Info{Prefix: tt.prefix, BasePrefix: tt.base}).Venv(); got != tt.want {
			t.Errorf("Info{Prefix: %q, BasePrefix: %q}.Venv() = %v, want %v", tt.prefix, tt.base, got, tt.want)
		}
	}
}

func TestArgsIsQuery(t *testing.T) {
	if !IsQuery(Args()) {
		t.Errorf("IsQuery(Args()) = false, want true")
	}
	for _, args := range [][]string{nil, {"-c", "pass"}, {"-E", "-s", "-c", "print(1)"}, {"-E", "-s", "-m", Marker}} {
		if IsQuery(args) {
			t.Errorf("IsQuery(%q) = true, want false", args)
		}
	}
}

func TestCleanEnv(t *testing.T) {
	in := []string{"PATH=/bin", "__PYVENV_LAUNCHER__=/x/bin/python", "PYTHONEXECUTABLE=/y", "PYTHONEXECUTABLEX=keep",
		"HOME=/root", "X=__PYVENV_LAUNCHER__=1"}
	want := []string{"PATH=/bin", "PYTHONEXECUTABLEX=keep", "HOME=/root", "X=__PYVENV_LAUNCHER__=1"}
	if runtime.GOOS == "windows" {
		in = append(in, "__pyvenv_launcher__=C:\\x", "PythonExecutable=C:\\y")
	}
	if got := cleanEnv(in); !slices.Equal(got, want) {
		t.Errorf("cleanEnv(%q) = %q, want %q", in, got, want)
	}
}

// pythonForTest returns a real interpreter and the prefix it reports, or
// skips the test.
func pythonForTest(t *testing.T) (path, version, prefix string) {
	t.Helper()
	if root := os.Getenv("PYENV_ROOT"); root != "" {
		p := filepath.Join(root, "versions", "3.12.1", "bin", "python3.12")
		if _, err := os.Stat(p); err == nil {
			return p, "3.12.1.final.0", filepath.Join(root, "versions", "3.12.1")
		}
	}
	if _, err := os.Stat("/usr/bin/python3"); err == nil {
		return "/usr/bin/python3", "", "/usr"
	}
	t.Skip("no real interpreter: neither $PYENV_ROOT/versions/3.12.1/bin/python3.12 nor /usr/bin/python3 exists")
	return "", "", ""
}

func TestQueryRealInterpreter(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no real interpreter on Windows test machines (wine)")
	}
	py, version, prefix := pythonForTest(t)
	env := append(os.Environ(), "__PYVENV_LAUNCHER__="+filepath.Join(t.TempDir(), "bin", "python"))
	info, err := Query(py, env, 20*time.Second)
	if err != nil {
		t.Fatalf("Query(%q): %v", py, err)
	}
	if version != "" && info.Version != version {
		t.Errorf("Query(%q).Version = %q, want %q", py, info.Version, version)
	}
	if !strings.HasPrefix(info.Version, "3.") {
		t.Errorf("Query(%q).Version = %q, want 3.x", py, info.Version)
	}
	if info.Impl != "cpython" {
		t.Errorf("Query(%q).Impl = %q, want cpython", py, info.Impl)
	}
	if info.Prefix != prefix || info.BasePrefix != prefix {
		t.Errorf("Query(%q) prefix = %q, base_prefix = %q, want %q", py, info.Prefix, info.BasePrefix, prefix)
	}
	if info.Venv() {
		t.Errorf("Query(%q).Venv() = true, want false", py)
	}
	if info.Executable == "" || info.Bits != 32 && info.Bits != 64 || info.Machine == "" {
		t.Errorf("Query(%q) = %+v, want executable, bits and machine", py, info)
	}
	b, err := info.Build()
	if err != nil || b.Impl != pyver.CPython || b.Version.Major != 3 || b.Version.Micro < 0 {
		t.Errorf("Query(%q).Build() = %+v, %v", py, b, err)
	}
}

// fakePython writes an executable shell script into a new temporary
// directory and returns its path.
func fakePython(t *testing.T, body string) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("shell scripts do not run on windows")
	}
	p := filepath.Join(t.TempDir(), "python3")
	if err := os.WriteFile(p, []byte("#!/bin/sh\n"+body), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestQueryTimeout(t *testing.T) {
	py := fakePython(t, "sleep 30\n")
	start := time.Now()
	info, err := Query(py, os.Environ(), 200*time.Millisecond)
	elapsed := time.Since(start)
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("Query(sleeping script) = %+v, %v, want ErrTimeout", info, err)
	}
	var qe *QueryError
	if !errors.As(err, &qe) || qe.Path != py {
		t.Errorf("Query(sleeping script) error = %#v, want a *QueryError naming %q", err, py)
	}
	if elapsed > 5*time.Second {
		t.Errorf("Query(sleeping script) took %v, want well under 5s", elapsed)
	}
}

func TestQueryFailures(t *testing.T) {
	tests := []struct {
		name, body string
	}{
		{"exit 1", "echo '" + Marker + answer312 + "'\nexit 1\n"},
		{"no answer", "echo hello\n"},
		{"bad answer", "echo '" + Marker + "{'\n"},
		{"no micro", "echo '" + Marker + `{"version": "3"}` + "'\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			py := fakePython(t, tt.body)
			info, err := Query(py, os.Environ(), 10*time.Second)
			var qe *QueryError
			if !errors.As(err, &qe) || qe.Path != py {
				t.Fatalf("Query(%s) = %+v, %v, want a *QueryError", tt.name, info, err)
			}
			if errors.Is(err, ErrTimeout) {
				t.Errorf("Query(%s) = %v, want no timeout", tt.name, err)
			}
		})
	}
	t.Run("missing", func(t *testing.T) {
		py := filepath.Join(t.TempDir(), "python3")
		if _, err := Query(py, nil, time.Second); err == nil {
			t.Errorf("Query(missing file) = nil error")
		}
	})
}

func TestQueryAnswer(t *testing.T) {
	dir := t.TempDir()
	envOut := filepath.Join(dir, "env.txt")
	argsOut := filepath.Join(dir, "args.txt")
	py := fakePython(t, fmt.Sprintf("env > '%s'\nprintf '%%s\\n' \"$#\" \"$1\" \"$2\" \"$3\" > '%s'\necho 'noise from a .pth file'\necho '%s%s'\n",
		envOut, argsOut, Marker, answer312))
	env := []string{
		"PATH=" + os.Getenv("PATH"),
		"KEEP_ME=1",
		"__PYVENV_LAUNCHER__=/some/venv/bin/python",
		"PYTHONEXECUTABLE=/some/other/python",
	}
	info, err := Query(py, env, 10*time.Second)
	if err != nil || info != info312 {
		t.Fatalf("Query(script) = %+v, %v, want %+v", info, err, info312)
	}
	data, err := os.ReadFile(envOut)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	if !slices.Contains(lines, "KEEP_ME=1") {
		t.Errorf("child environment %q lacks KEEP_ME=1", lines)
	}
	for _, l := range lines {
		if strings.HasPrefix(l, "__PYVENV_LAUNCHER__=") || strings.HasPrefix(l, "PYTHONEXECUTABLE=") {
			t.Errorf("child environment has %q, want it removed", l)
		}
	}
	if len(env) != 4 || env[2] != "__PYVENV_LAUNCHER__=/some/venv/bin/python" {
		t.Errorf("Query changed the caller's environment slice: %q", env)
	}
	args, err := os.ReadFile(argsOut)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(args), "5\n-E\n-s\n-B\n"; got != want {
		t.Errorf("child arguments = %q, want %q", got, want)
	}
}

func TestQueryLargeOutput(t *testing.T) {
	tests := []struct {
		name  string
		noise int
		found bool
	}{
		{"answer after 500 KB of noise", 500_000, true},
		{"answer after 3 MB of noise is cut off", 3_000_000, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			py := fakePython(t, fmt.Sprintf("head -c %d /dev/zero | tr '\\0' 'x'\necho\necho '%s%s'\n", tt.noise, Marker, answer312))
			start := time.Now()
			info, err := Query(py, os.Environ(), 20*time.Second)
			if found := err == nil && info == info312; found != tt.found {
				t.Errorf("Query(noisy script) = %+v, %v; found = %v, want %v", info, err, found, tt.found)
			}
			if d := time.Since(start); d > 15*time.Second {
				t.Errorf("Query(noisy script) took %v", d)
			}
		})
	}
}

func FuzzParseAnswer(f *testing.F) {
	f.Add([]byte(Marker + answer312 + "\n"))
	f.Add([]byte("noise\r\n" + Marker + answer312 + "\r\n"))
	f.Add([]byte(Marker + `{"version": "3.12"}`))
	f.Add([]byte(Marker + "{"))
	f.Add([]byte("no marker"))
	f.Fuzz(func(t *testing.T, out []byte) {
		info, err := ParseAnswer(out)
		if err != nil {
			if info != (Info{}) {
				t.Errorf("ParseAnswer(%q) = %+v with error %v", out, info, err)
			}
			return
		}
		b, err := info.Build()
		if err != nil {
			t.Errorf("ParseAnswer(%q) = %+v, whose Build fails: %v", out, info, err)
		}
		if b.Version.Minor < 0 || b.Version.Micro < 0 || b.Impl == "" {
			t.Errorf("ParseAnswer(%q).Build() = %+v, want a full version and an implementation", out, b)
		}
	})
}

// realPythons returns every real interpreter of this machine the tests
// know: pyenv's builds and Debian's python3.
func realPythons(t *testing.T) []string {
	t.Helper()
	var exes []string
	if root := os.Getenv("PYENV_ROOT"); root != "" {
		for _, v := range []string{"2.7", "3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13"} {
			m, _ := filepath.Glob(filepath.Join(root, "versions", v+".*", "bin", "python"+v))
			exes = append(exes, m...)
		}
	}
	if _, err := os.Stat("/usr/bin/python3"); err == nil {
		exes = append(exes, "/usr/bin/python3")
	}
	if len(exes) == 0 {
		t.Skip("no real interpreter")
	}
	return exes
}

// A query imports nothing from the current directory or PYTHONPATH and
// writes nothing there (astral-sh/uv#2547), with every real interpreter,
// 2.7 included.
func TestQueryIsolated(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no real interpreter on Windows test machines (wine)")
	}
	evil := t.TempDir()
	pwned := filepath.Join(t.TempDir(), "pwned")
	for _, m := range []string{"json", "os", "sysconfig", "platform", "encodings", "site", "sitecustomize", "usercustomize", "re"} {
		code := fmt.Sprintf("open(%q, 'a').write(%q + '\\n')\n", pwned, m)
		if err := os.WriteFile(filepath.Join(evil, m+".py"), []byte(code), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(evil)
	env := append(os.Environ(), "PYTHONPATH="+evil, "PYTHONSTARTUP="+filepath.Join(evil, "json.py"), "PYTHONDONTWRITEBYTECODE=")
	for _, py := range realPythons(t) {
		info, err := Query(py, env, 20*time.Second)
		if want := strings.TrimPrefix(filepath.Base(py), "python") + "."; err != nil || !strings.HasPrefix(info.Version, want) {
			t.Errorf("Query(%s) from a directory of look-alike modules = %+v, %v", py, info, err)
		}
	}
	if data, err := os.ReadFile(pwned); err == nil {
		t.Errorf("the query imported from the current directory or PYTHONPATH: %q", data)
	}
	entries, _ := os.ReadDir(evil)
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".py") {
			t.Errorf("the query wrote %q into the current directory", e.Name())
		}
	}
}

// A query runs in a directory of its own, empty, with no input.
func TestQueryWorkingDirectory(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "where")
	py := fakePython(t, fmt.Sprintf("{ pwd; ls -A; cat; } > '%s'\necho '%s%s'\n", out, Marker, answer312))
	t.Chdir(dir)
	if _, err := Query(py, os.Environ(), 10*time.Second); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) != 1 || lines[0] == dir || !strings.Contains(lines[0], "py-query-") {
		t.Errorf("the query ran in (pwd, ls -A, stdin) %q, want a private empty directory and no input", lines)
	}
	if _, err := os.Stat(lines[0]); !os.IsNotExist(err) {
		t.Errorf("the query's directory %s is left behind", lines[0])
	}
}

// Only failures that depend on the file are lasting; those of the moment
// are not (and are never remembered, see TestAsk).
func TestQueryFailureKinds(t *testing.T) {
	tests := []struct {
		name, body string
		lasting    bool
		reason     string
	}{
		{"exit 1", "echo 'Fatal Python error: init_fs_encoding' >&2\nexit 1\n", true, "exit status 1: Fatal Python error: init_fs_encoding"},
		{"exit 3 with a traceback", "printf 'Traceback:\\n  File x\\nSyntaxError: bad\\n\\n' >&2\nexit 3\n", true, "exit status 3: SyntaxError: bad"},
		{"no answer", "echo hello\n", true, "no answer"},
		{"malformed answer", "echo '" + Marker + `{"version": "3.12.1.final.0", "prefix": "/x\u001b[2J"}` + "'\n", true, "malformed answer"},
		{"a wrapper that found nothing", "echo 'pyenv: python3: command not found' >&2\nexit 127\n", false, "exit status 127: pyenv: python3: command not found"},
		{"cannot execute", "exit 126\n", false, "exit status 126"},
		{"out of memory", "echo 'MemoryError' >&2\nexit 1\n", false, "exit status 1: MemoryError"},
		{"killed by a signal", "kill -KILL $$\n", false, "signal: killed"},
		{"terminated", "kill -TERM $$\n", false, "signal: terminated"},
		{"escape sequences in the error", "printf 'bad \\033[2J\\n' >&2\nexit 2\n", true, "exit status 2: bad ?[2J"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			py := fakePython(t, tt.body)
			_, err := Query(py, os.Environ(), 10*time.Second)
			var qe *QueryError
			if !errors.As(err, &qe) {
				t.Fatalf("Query = %v, want a *QueryError", err)
			}
			if qe.Lasting != tt.lasting || !strings.HasPrefix(qe.Err.Error(), tt.reason) {
				t.Errorf("Query = %q (lasting %v), want %q… (lasting %v)", qe.Err, qe.Lasting, tt.reason, tt.lasting)
			}
		})
	}
	t.Run("not a program", func(t *testing.T) {
		if runtime.GOOS == "windows" {
			t.Skip("Unix exec")
		}
		p := filepath.Join(t.TempDir(), "python3")
		os.WriteFile(p, []byte("\x7fELF garbage, not a program"), 0o755)
		_, err := Query(p, nil, 10*time.Second)
		var qe *QueryError
		if !errors.As(err, &qe) || !qe.Lasting {
			t.Errorf("Query(garbage) = %v, want a lasting *QueryError", err)
		}
	})
	t.Run("timeout", func(t *testing.T) {
		_, err := Query(fakePython(t, "sleep 30\n"), os.Environ(), 100*time.Millisecond)
		var qe *QueryError
		if !errors.As(err, &qe) || qe.Lasting {
			t.Errorf("Query(sleeper) = %v, want a *QueryError that is not lasting", err)
		}
	})
	t.Run("missing", func(t *testing.T) {
		_, err := Query(filepath.Join(t.TempDir(), "python3"), nil, time.Second)
		var qe *QueryError
		if !errors.As(err, &qe) || qe.Lasting {
			t.Errorf("Query(missing) = %v, want a *QueryError that is not lasting", err)
		}
	})
}

// A query's error names the interpreter as people write paths: a Windows
// path keeps its single backslashes.
func TestQueryErrorMessage(t *testing.T) {
	e := &QueryError{Path: `C:\Program Files\Python 3.14\python.exe`, Err: errors.New("exit status 1")}
	if got, want := e.Error(), `querying "C:\Program Files\Python 3.14\python.exe": exit status 1`; got != want {
		t.Errorf("Error() = %s, want %s", got, want)
	}
}
