//go:build windows

package probe

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestQueryWindowsCPython queries real Windows CPython builds (unpacked
// by .ci/embedpy; PYTEST_WINDOWS_CPYTHON names their directory). Under
// wine 8, CPython 3.12+ crashes in platform.machine() (WMI): the query
// must not call it, and must still say AMD64.
func TestQueryWindowsCPython(t *testing.T) {
	root := os.Getenv("PYTEST_WINDOWS_CPYTHON")
	if root == "" {
		if os.Getenv("PY_TEST_REQUIRE_WINDOWS_CPYTHON") != "" {
			t.Fatal("PYTEST_WINDOWS_CPYTHON is not set, and PY_TEST_REQUIRE_WINDOWS_CPYTHON is: no real CPython to test")
		}
		t.Skip("SKIPPED: no real Windows CPython; set PYTEST_WINDOWS_CPYTHON to a directory made by .ci/embedpy")
	}
	root, err := filepath.Abs(root)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(root, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var trees []struct{ Version, Python string }
	if err := json.Unmarshal(b, &trees); err != nil || len(trees) == 0 {
		t.Fatalf("manifest.json: %v, %d trees", err, len(trees))
	}
	// From a directory of look-alike modules, also on PYTHONPATH: the
	// query imports none of them (see TestQueryIsolated).
	evil := t.TempDir()
	pwned := filepath.Join(t.TempDir(), "pwned")
	for _, m := range []string{"json", "os", "sysconfig", "platform", "encodings", "site", "sitecustomize", "re"} {
		code := fmt.Sprintf("open(r'%s', 'a').write('%s\\n')\n", pwned, m)
		if err := os.WriteFile(filepath.Join(evil, m+".py"), []byte(code), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(evil)
	env := append(os.Environ(), "PYTHONPATH="+evil)
	for _, tr := range trees {
		home := filepath.Join(root, tr.Python)
		exe := filepath.Join(home, "python.exe")
		info, err := Query(exe, env, time.Minute)
		if err != nil {
			t.Errorf("Query(%s): %v", exe, err)
			continue
		}
		if !strings.HasPrefix(info.Version, tr.Version+".final.") || info.Impl != "cpython" || info.Bits != 64 || info.Machine != "AMD64" {
			t.Errorf("Query(%s) = %+v, want CPython %s, 64 bits, AMD64", exe, info, tr.Version)
		}
		if !strings.EqualFold(info.Prefix, home) || !strings.EqualFold(info.BasePrefix, home) || !strings.EqualFold(info.Executable, exe) {
			t.Errorf("Query(%s): prefix %s, base_prefix %s, executable %s; want %s and %s", exe, info.Prefix, info.BasePrefix, info.Executable, home, exe)
		}
		if b, err := info.Build(); err != nil || b.Machine != "x86_64" {
			t.Errorf("Query(%s).Build() = %+v, %v; want machine x86_64", exe, b, err)
		}
	}
	if data, err := os.ReadFile(pwned); err == nil {
		t.Errorf("the query imported from the current directory or PYTHONPATH: %q", data)
	}
}
