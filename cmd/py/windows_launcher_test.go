//go:build windows

package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"golang.org/x/sys/windows/registry"
)

// TestWindowsLauncher runs testdata/windows/test_launcher: CPython's
// Lib/test/test_launcher.py (3.14), one script per test function, named
// after it, against the real py.exe. Each script starts with the
// registrations of test_launcher's TEST_DATA (see setupLauncherData)
// and, as its run_py does, PYLAUNCHER_DEBUG and PYLAUNCHER_DRYRUN set.
func TestWindowsLauncher(t *testing.T) {
	testscript.Run(t, windowsParams(filepath.Join("testdata", "windows", "test_launcher"), setupLauncherData))
}

// launcherReg is one registry key of the fixture: its path under the
// script's private key, and its string values ("" is the default value).
type launcherReg struct {
	path   string
	values [][2]string
}

// setupLauncherData writes test_launcher's fixture:
//
//   - sys.prefix ($SYS_PREFIX) holding sys.executable ($SYS_EXECUTABLE),
//     a fake Python 3.14.6;
//   - TEST_DATA, as test_launcher's setUpClass registers it in
//     HKEY_CURRENT_USER: company PythonTestSuite with the tags 3.100,
//     3.100-32, 3.100-arm64 (with ExecutableArguments) and ignored (no
//     ExecutablePath), whose ExecutablePath values are relative names of
//     no file (X.Y.exe…); company PythonTestSuite1 with 3.100 naming
//     sys.executable;
//   - the installs test_search_major_3, _3_32 and _2 need on the
//     machine: PythonCore\3.14 (sys.executable again, as the python.org
//     installer registers it, so the same file is registered under two
//     companies), a 32-bit PythonCore\3.13-32, and a legacy PythonCore\2.7
//     in HKEY_LOCAL_MACHINE's 32-bit view (launcher2 lists it as 2.7-32).
func setupLauncherData(e *testscript.Env) error {
	work, key, fake := e.WorkDir, e.Getenv("PYTEST_REGISTRY_KEY"), e.Getenv("FAKEPYTHON")
	prefix := filepath.Join(work, "prefix")
	exe := filepath.Join(prefix, "python.exe")
	py313 := filepath.Join(work, "py313-32", "python.exe")
	py27 := filepath.Join(work, "py27", "python.exe")
	for _, f := range []struct{ path, version, bits string }{{exe, "3.14.6", "64"}, {py313, "3.13.9", "32"}, {py27, "2.7.18", "32"}} {
		if err := writeFakeExe(f.path, fake, map[string]string{"FAKE_IMPL": "cpython", "FAKE_BITS": f.bits, "FAKE_VERSION": f.version}); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(e.Getenv("LOCALAPPDATA"), 0o755); err != nil {
		return err
	}
	e.Setenv("SYS_PREFIX", prefix)
	e.Setenv("SYS_EXECUTABLE", exe)
	// Where test_literal_shebang_relative and _invalid_template expect
	// their programs: the script's parent directory, its drive's root.
	e.Setenv("WORK_PARENT", filepath.Dir(work))
	e.Setenv("SCRIPT_DRIVE", filepath.VolumeName(work))
	e.Setenv("PYLAUNCHER_DEBUG", "1")
	e.Setenv("PYLAUNCHER_DRYRUN", "1")
	hkcu := []launcherReg{
		{`PythonTestSuite`, [][2]string{{"DisplayName", "Python Test Suite"}, {"SupportUrl", "https://www.python.org/"}}},
		{`PythonTestSuite\3.100`, [][2]string{{"DisplayName", "X.Y version"}}},
		{`PythonTestSuite\3.100\InstallPath`, [][2]string{{"", prefix}, {"ExecutablePath", "X.Y.exe"}}},
		{`PythonTestSuite\3.100-32`, [][2]string{{"DisplayName", "X.Y-32 version"}}},
		{`PythonTestSuite\3.100-32\InstallPath`, [][2]string{{"", prefix}, {"ExecutablePath", "X.Y-32.exe"}}},
		{`PythonTestSuite\3.100-arm64`, [][2]string{{"DisplayName", "X.Y-arm64 version"}}},
		{`PythonTestSuite\3.100-arm64\InstallPath`, [][2]string{{"", prefix}, {"ExecutablePath", "X.Y-arm64.exe"}, {"ExecutableArguments", "-X fake_arg_for_test"}}},
		{`PythonTestSuite\ignored`, [][2]string{{"DisplayName", "Ignored because no ExecutablePath"}}},
		{`PythonTestSuite\ignored\InstallPath`, [][2]string{{"", prefix}}},
		{`PythonTestSuite1`, [][2]string{{"DisplayName", "Python Test Suite Single"}}},
		{`PythonTestSuite1\3.100`, [][2]string{{"DisplayName", "Single Interpreter"}}},
		{`PythonTestSuite1\3.100\InstallPath`, [][2]string{{"", prefix}, {"ExecutablePath", exe}}},

		{`PythonCore\3.14`, [][2]string{{"DisplayName", "Python 3.14 (64-bit)"}, {"SysVersion", "3.14"}, {"Version", "3.14.6"}, {"SysArchitecture", "64bit"}}},
		{`PythonCore\3.14\InstallPath`, [][2]string{{"", prefix}, {"ExecutablePath", exe}}},
		{`PythonCore\3.13-32`, [][2]string{{"DisplayName", "Python 3.13 (32-bit)"}, {"SysVersion", "3.13"}, {"Version", "3.13.9"}, {"SysArchitecture", "32bit"}}},
		{`PythonCore\3.13-32\InstallPath`, [][2]string{{"", filepath.Dir(py313)}, {"ExecutablePath", py313}}},
	}
	for _, r := range hkcu {
		if err := writeLauncherReg(registry.CURRENT_USER, 0, key, r); err != nil {
			return err
		}
	}
	return writeLauncherReg(registry.LOCAL_MACHINE, registry.WOW64_32KEY, key, launcherReg{`PythonCore\2.7\InstallPath`, [][2]string{{"", filepath.Dir(py27)}}})
}

func writeLauncherReg(root registry.Key, access uint32, key string, r launcherReg) error {
	values := map[string]string{}
	var names []string
	for _, nv := range r.values {
		names = append(names, nv[0])
		values[nv[0]] = nv[1]
	}
	return regWrite(root, access, key+`\`+r.path, names, values)
}

// cmdRunpy runs py.exe as test_launcher's run_py does:
//
//	runpy [-code N] [-env NAME=VALUE]… [-argv CMDLINE] [ARGS…]
//
// in the script's environment plus the -env settings, with the standard
// input closed. Its standard output and error are what the stdout and
// stderr commands then check; its exit code must be N (expect_returncode,
// 0 by default). -argv gives the whole command line, argv[0] included,
// verbatim (run_py's argv).
func cmdRunpy(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("runpy checks the exit code itself: use -code N, not !")
	}
	want, raw := 0, ""
	env := map[string]string{}
	for len(args) > 1 && (args[0] == "-code" || args[0] == "-env" || args[0] == "-argv") {
		switch args[0] {
		case "-code":
			n, err := strconv.Atoi(args[1])
			ts.Check(err)
			want = n
		case "-env":
			name, value, _ := strings.Cut(args[1], "=")
			env[strings.ToUpper(name)] = value
		case "-argv":
			raw = args[1]
		}
		args = args[2:]
	}
	var err error
	for try := 0; try < 2; try++ {
		py := ts.Getenv("PY_EXE")
		cmd := exec.Command(py, args...)
		if raw != "" {
			cmd.SysProcAttr = &syscall.SysProcAttr{CmdLine: raw}
		}
		cmd.Dir = ts.MkAbs(".")
		cmd.Env = scriptEnv(ts, env)
		cmd.Stdout, cmd.Stderr = ts.Stdout(), ts.Stderr()
		// wine, loaded, sometimes fails to start a process ("Internal
		// error"): py did not run, so it is tried once more.
		if err = cmd.Run(); cmd.Process != nil {
			break
		}
	}
	code := 0
	if ee := (*exec.ExitError)(nil); errors.As(err, &ee) {
		code = ee.ExitCode()
	} else {
		ts.Check(err)
	}
	if code != want {
		ts.Fatalf("py exited %d, want %d", code, want)
	}
}

// scriptEnv returns the script's environment (the variables of this
// process and those the suite sets, as the script has them) with set
// applied; empty values are left out.
func scriptEnv(ts *testscript.TestScript, set map[string]string) []string {
	names := map[string]bool{}
	for _, kv := range os.Environ() {
		if name, _, ok := strings.Cut(kv, "="); ok && name != "" {
			names[strings.ToUpper(name)] = true
		}
	}
	for _, n := range append([]string{"PATH", "LOCALAPPDATA", "USERPROFILE", "FAKEPYTHON", "PYTEST_REGISTRY_KEY", "PYTEST_HERMETIC",
		"PYLAUNCHER_NO_MESSAGEBOX", "PYLAUNCHER_ALLOW_INSTALL", "PYLAUNCHER_ALWAYS_INSTALL"}, resetVars...) {
		names[n] = true
	}
	for n := range set {
		names[n] = true
	}
	var env []string
	for n := range names {
		v, ok := set[n]
		if !ok {
			v = ts.Getenv(n)
		}
		if v != "" {
			env = append(env, n+"="+v)
		}
	}
	return env
}

// cmdWritebytes writes a file byte for byte, as test_launcher's script
// helper does (no line end added):
//
//	writebytes FILE TEXT
//
// In TEXT, \r, \n, \\ and \xHH are escapes; everything else is as written.
func cmdWritebytes(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: writebytes FILE TEXT")
	}
	data, err := unescapeBytes(args[1])
	ts.Check(err)
	path := ts.MkAbs(args[0])
	ts.Check(os.MkdirAll(filepath.Dir(path), 0o755))
	ts.Check(os.WriteFile(path, data, 0o644))
}

func unescapeBytes(s string) ([]byte, error) {
	var b []byte
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b = append(b, s[i])
			continue
		}
		i++
		switch s[i] {
		case 'r':
			b = append(b, '\r')
		case 'n':
			b = append(b, '\n')
		case '\\':
			b = append(b, '\\')
		case 'x':
			if i+2 >= len(s) {
				return nil, errors.New("short \\x escape")
			}
			n, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
			if err != nil {
				return nil, err
			}
			b = append(b, byte(n))
			i += 2
		default:
			b = append(b, '\\', s[i])
		}
	}
	return b, nil
}
