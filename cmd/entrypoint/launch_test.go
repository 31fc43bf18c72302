package main

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/pylauncher/py/internal/exitcode"
)

// launcher is a launcher whose #! line (its line end included) is line.
func launcher(t *testing.T, path, line string) {
	t.Helper()
	var b bytes.Buffer
	b.WriteString("\x7fELF template\x00#!x\x00")
	b.WriteString(line)
	zw := zip.NewWriter(&b)
	w, _ := zw.Create("__main__.py")
	w.Write([]byte("print(1)\n"))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o755); err != nil {
		t.Fatal(err)
	}
}

// The messages and exit codes of launchers that cannot run their
// interpreter: one line, `<name>: error: "<path>": …`, and the code.
func TestLaunchErrors(t *testing.T) {
	root := t.TempDir()
	p := func(name string) string { return filepath.Join(root, name) }
	if err := os.WriteFile(p("entrypoint"), []byte("\x7fELF template only"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(p("dir.exe"), 0o755); err != nil {
		t.Fatal(err)
	}
	gone := p("gone") + string(filepath.Separator) + "python"
	launcher(t, p("gone-launcher"), "#!"+gone+"\n")
	launcher(t, p("env-launcher"), "#!/usr/bin/env no-such-python -E\n")
	launcher(t, p("nul-byte"), "#!/venv/bin/py\x00thon\n")
	launcher(t, p("relative"), "#!python\n")
	notProgram := p("not-a-program")
	if err := os.WriteFile(notProgram, []byte("text"), 0o644); err != nil {
		t.Fatal(err)
	}
	launcher(t, p("cannot-run"), "#!"+notProgram+"\n")

	tests := []struct {
		self   string
		code   int
		stderr string
	}{
		{p("entrypoint"), exitcode.BadVirtualPath, `entrypoint: error: "` + p("entrypoint") + `": no zip archive is attached (a template, not a launcher)`},
		{p("dir.exe"), exitcode.BadVirtualPath, `dir: error: "` + p("dir.exe") + `": cannot read the launcher: not a regular file`},
		{p("nul-byte"), exitcode.BadVirtualPath, `nul-byte: error: "` + p("nul-byte") + `": the #! line holds a NUL byte`},
		{p("relative"), exitcode.BadVirtualPath, `relative: error: "` + p("relative") + `": the interpreter is not an absolute path (#!python)`},
		{p("gone-launcher"), exitcode.CreateProcess, `gone-launcher: error: "` + p("gone-launcher") + `": no interpreter at "` + gone + `" (from #!` + gone + `)`},
		{p("env-launcher"), exitcode.CreateProcess, `env-launcher: error: "` + p("env-launcher") + `": "no-such-python" (from #!/usr/bin/env no-such-python -E) is not on PATH`},
		{p("cannot-run"), exitcode.CreateProcess, `cannot-run: error: "` + p("cannot-run") + `": cannot run "` + notProgram + `": permission denied`},
	}
	for _, tt := range tests {
		if runtime.GOOS == "windows" && tt.self == p("cannot-run") {
			continue // Windows words it its own way
		}
		var stderr bytes.Buffer
		code := launch([]string{tt.self, "arg"}, []string{"PATH=" + root}, tt.self, &stderr)
		if code != tt.code || stderr.String() != tt.stderr+"\n" {
			t.Errorf("launch(%q) = %d, stderr %q; want %d, %q", tt.self, code, stderr.String(), tt.code, tt.stderr+"\n")
		}
	}
}
