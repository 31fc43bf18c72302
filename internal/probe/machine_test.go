package probe

import (
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
)

// The query script's machine on Windows, played by this machine's real
// interpreters: a prelude removes os.uname, says os.name is "nt", gives
// sys.version (and sys.platform, sys.maxsize) of a Windows build, and
// makes "import platform" fail, as it would have to under wine 8 where
// platform.machine() crashes CPython 3.12+.
func TestScriptMachineWindows(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("plays Windows with Unix interpreters; see TestQueryWindowsCPython")
	}
	tests := []struct {
		name, version, platform string
		bits                    int
		env, want               string
	}{
		// The build wins over the environment: an x64 Python emulated
		// on an ARM64 machine is AMD64.
		{"x64", "3.14.6 (main) [MSC v.1944 64 bit (AMD64)]", "", 64, "ARM64", "AMD64"},
		{"x64, no variable", "3.14.6 (main) [MSC v.1944 64 bit (AMD64)]", "", 64, "", "AMD64"},
		// (sysconfig knows ARM64 from 3.9 on; before, the variable
		// says it.)
		{"arm64", "3.13.1 (main) [MSC v.1942 64 bit (ARM64)]", "", 64, "ARM64", "ARM64"},
		{"x86", "3.12.8 (main) [MSC v.1942 32 bit (Intel)]", "win32", 32, "AMD64", "x86"},
		// A build sys.version does not name: the variable.
		{"unknown build", "3.12.8 (main) [GCC 14.2.0 64 bit]", "", 64, "AMD64", "AMD64"},
		{"64-bit win32", "3.12.8 (main) [MSC v.1942 64 bit (Something)]", "win32", 64, "ARM64", "ARM64"},
		{"unknown build, no variable", "3.12.8 (main) [GCC 14.2.0 64 bit]", "", 64, "", ""},
		{"unknown build, odd variable", "3.12.8 (main) [GCC 14.2.0 64 bit]", "", 64, "x\x1b[31m", ""},
		{"unknown build, long variable", "3.12.8 (main) [GCC 14.2.0 64 bit]", "", 64, strings.Repeat("A", 17), ""},
	}
	for _, py := range realPythons(t) {
		for _, tt := range tests {
			prelude := "import os, sys\n" +
				"del os.uname\n" +
				"os.name = 'nt'\n" +
				"sys.version = " + pyString(tt.version) + "\n" +
				"sys.maxsize = " + map[int]string{32: "2**31 - 1", 64: "2**63 - 1"}[tt.bits] + "\n" +
				"sys.modules['platform'] = None\n"
			if tt.platform != "" {
				prelude += "sys.platform = " + pyString(tt.platform) + "\n"
			}
			args := append(Args()[:len(Args())-1], prelude+script)
			cmd := exec.Command(py, args...)
			cmd.Env = append(os.Environ(), "PROCESSOR_ARCHITECTURE="+tt.env)
			cmd.Dir = t.TempDir()
			out, err := cmd.Output()
			if err != nil {
				t.Errorf("%s, %s: %v\n%s", py, tt.name, err, exitText(err))
				continue
			}
			info, err := ParseAnswer(out)
			if err != nil {
				t.Errorf("%s, %s: %v in %q", py, tt.name, err, out)
				continue
			}
			if info.Machine != tt.want || info.Bits != tt.bits {
				t.Errorf("%s, %s: machine %q, bits %d; want %q, %d", py, tt.name, info.Machine, info.Bits, tt.want, tt.bits)
			}
		}
	}
}

// On Unix the machine is os.uname()'s, as before.
func TestScriptMachineUnix(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix only")
	}
	out, err := exec.Command("uname", "-m").Output()
	if err != nil {
		t.Skip("no uname")
	}
	want := strings.TrimSpace(string(out))
	for _, py := range realPythons(t) {
		cmd := exec.Command(py, append(Args()[:len(Args())-1], "import sys\nsys.modules['platform'] = None\n"+script)...)
		cmd.Env = append(os.Environ(), "PROCESSOR_ARCHITECTURE=ARM64")
		out, err := cmd.Output()
		if err != nil {
			t.Errorf("%s: %v\n%s", py, err, exitText(err))
			continue
		}
		info, err := ParseAnswer(out)
		if err != nil || info.Machine != want {
			t.Errorf("%s: machine %q, %v; want %q", py, info.Machine, err, want)
		}
	}
}

func pyString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\x1b", `\x1b`).Replace(s) + "'"
}

func exitText(err error) string {
	if ee, ok := err.(*exec.ExitError); ok {
		return string(ee.Stderr)
	}
	return ""
}
