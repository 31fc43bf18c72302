package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// buildInfo is the build info text a Go program carries, between its
// markers, as the go command writes it.
func buildInfo(modVersion string) string {
	return "junk\x00" + infoStart + "path\tgithub.com/pylauncher/py/cmd/entrypoint\n" +
		"mod\tgithub.com/pylauncher/py\t" + modVersion + "\th1:abc=\n" +
		"dep\tgolang.org/x/sys\tv0.50.0\th1:def=\nbuild\t-trimpath=true\n" + infoEnd + "more junk"
}

func TestModVersion(t *testing.T) {
	for _, tt := range []struct{ data, want string }{
		{buildInfo("v1.2.3"), "v1.2.3"},
		{buildInfo("v0.0.0-20261201131000-737c107abcde"), "v0.0.0-20261201131000-737c107abcde"},
		{buildInfo("(devel)"), ""},
		{"no build info", ""},
		{infoStart + "mod\tgithub.com/pylauncher/py\tv1.2.3\n", ""}, // no end marker
		{infoStart + "path\tx\n" + infoEnd, ""},
		// The first build info is the template's, not one in the archive after it.
		{buildInfo("v1.2.3") + buildInfo("v9.9.9"), "v1.2.3"},
	} {
		if got := modVersion(tt.data); got != tt.want {
			t.Errorf("modVersion(%q) = %q, want %q", tt.data, got, tt.want)
		}
	}
}

func TestModuleVersion(t *testing.T) {
	p := filepath.Join(t.TempDir(), "tool")
	if err := os.WriteFile(p, []byte(strings.Repeat("x", 100<<10)+buildInfo("v1.2.3")), 0o755); err != nil {
		t.Fatal(err)
	}
	if v := moduleVersion(p); v != "v1.2.3" {
		t.Errorf("moduleVersion = %q, want v1.2.3", v)
	}
	if v := moduleVersion(p + ".missing"); v != "" {
		t.Errorf("moduleVersion of a missing file = %q", v)
	}
	// This test program is built from a work tree: "(devel)".
	if self, err := os.Executable(); err == nil {
		if v := moduleVersion(self); v != "" {
			t.Errorf("moduleVersion(the test program) = %q, want none", v)
		}
	}
}

// With PYLAUNCHER_DEBUG the launcher first says what it is: its
// version (stamped, else its build info's, else devel) and its path.
func TestTrace(t *testing.T) {
	root := t.TempDir()
	tmpl := filepath.Join(root, "entrypoint")
	if err := os.WriteFile(tmpl, []byte("\x7fELF template only"), 0o755); err != nil {
		t.Fatal(err)
	}
	installed := filepath.Join(root, "installed")
	if err := os.WriteFile(installed, []byte("\x7fELF"+buildInfo("v1.2.3")), 0o755); err != nil {
		t.Fatal(err)
	}
	debugName := "PYLAUNCHER_DEBUG"
	if runtime.GOOS == "windows" {
		debugName = "pylauncher_debug"
	}
	old := version
	defer func() { version = old }()
	for _, tt := range []struct {
		stamp, self string
		env         []string
		want        string
	}{
		{"v1.2.3", tmpl, []string{debugName + "=1"}, "# entrypoint v1.2.3: " + tmpl + "\n"},
		{"", tmpl, []string{"PYLAUNCHER_DEBUG=1"}, "# entrypoint devel: " + tmpl + "\n"},
		{"", installed, []string{"PYLAUNCHER_DEBUG=1"}, "# entrypoint v1.2.3: " + installed + "\n"},
		{"v1.2.3", tmpl, []string{"PYLAUNCHER_DEBUG="}, ""},
		{"v1.2.3", tmpl, []string{"PYLAUNCHER_DEBUG=", "PYLAUNCHER_DEBUG=1"}, ""},
		{"v1.2.3", tmpl, []string{"PYLAUNCHER_DEBUGX=1"}, ""},
		{"v1.2.3", tmpl, nil, ""},
	} {
		version = tt.stamp
		var stderr bytes.Buffer
		launch([]string{tt.self}, tt.env, tt.self, &stderr)
		got, _, _ := strings.Cut(stderr.String(), "\n")
		if got != "" {
			got += "\n"
		}
		if !strings.HasPrefix(got, "# ") {
			got = ""
		}
		if got != tt.want {
			t.Errorf("version %q, %s, env %q: trace %q, want %q (stderr %q)", tt.stamp, filepath.Base(tt.self), tt.env, got, tt.want, stderr.String())
		}
	}
}
