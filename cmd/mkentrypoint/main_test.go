package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pylauncher/py/internal/manual"
	"github.com/pylauncher/py/internal/trampoline"
	"github.com/pylauncher/py/internal/version"
)

// One line and a documented code for every refusal; never a hang on a
// FIFO. (The end-to-end cases with real interpreters are in
// cmd/py/testdata/real/entrypoint*.txtar.)
func TestRun(t *testing.T) {
	dir := t.TempDir()
	tmpl := filepath.Join(dir, "entrypoint")
	os.WriteFile(tmpl, []byte("\x7fELF template\x00"), 0o755)
	script := filepath.Join(dir, "run.py")
	os.WriteFile(script, []byte("print(1)\n"), 0o644)
	huge := filepath.Join(dir, "huge")
	if f, err := os.Create(huge); err == nil {
		f.Truncate(maxTemplate + 1) // sparse
		f.Close()
	}
	fifo := filepath.Join(dir, "fifo")
	haveFIFO := mkfifo(fifo) == nil
	out := filepath.Join(dir, "out")
	for _, tt := range []struct {
		name string
		args []string
		code int
		msg  string // the whole of stderr, a regular expression
		fifo bool
	}{
		{"ok", []string{"-python", "/v/bin/python", "-template", tmpl, "-o", out, "a:b"}, 0, ``, false},
		{"relative", []string{"-python", "v/bin/python", "-template", tmpl, "-o", out, "a:b"}, 0, ``, false},
		{"script", []string{"-python", "/v/bin/python", "-template", tmpl, "-o", out, "-script", script}, 0, ``, false},
		{"quote", []string{"-python", `/v/"bin/python`, "-template", tmpl, "-o", out, "a:b"}, 2,
			`mkentrypoint: error: the interpreter "/v/"bin/python" holds a double quote`, false},
		{"quote, no template", []string{"-python", `C:\Py"thon\python.exe`, "-template", filepath.Join(dir, "missing"), "-o", out, "a:b"}, 2,
			`mkentrypoint: error: the interpreter "C:\\Py"thon\\python.exe" holds a double quote`, false},
		{"line end", []string{"-python", "/v/bin/py\nthon", "-template", tmpl, "-o", out, "a:b"}, 2,
			`mkentrypoint: error: the interpreter holds a line end`, false},
		{"not UTF-8", []string{"-python", "/v/bin/py\xffthon", "-template", tmpl, "-o", out, "a:b"}, 2,
			`mkentrypoint: error: the interpreter is not UTF-8`, false},
		{"arg", []string{"-python", "/v/bin/python", "-arg", "-X utf8", "-template", tmpl, "-o", out, "a:b"}, 2,
			`mkentrypoint: error: the interpreter argument "-X utf8" holds white space`, false},
		{"entry", []string{"-python", "/v/bin/python", "-template", tmpl, "-o", out, "a-b"}, 2,
			`mkentrypoint: error: entry point "a-b" is not module:function`, false},
		{"template is a directory", []string{"-python", "/v/bin/python", "-template", dir, "-o", out, "a:b"}, 1,
			`mkentrypoint: error: cannot read the template "` + regexp.QuoteMeta(dir) + `": not a regular file \(a directory\)`, false},
		{"template too large", []string{"-python", "/v/bin/python", "-template", huge, "-o", out, "a:b"}, 1,
			`mkentrypoint: error: cannot read the template "` + regexp.QuoteMeta(huge) + `": larger than 64 MiB`, false},
		{"template is a FIFO", []string{"-python", "/v/bin/python", "-template", fifo, "-o", out, "a:b"}, 1,
			`mkentrypoint: error: cannot read the template "` + regexp.QuoteMeta(fifo) + `": not a regular file \(a FIFO\)`, true},
		{"script is a FIFO", []string{"-python", "/v/bin/python", "-template", tmpl, "-o", out, "-script", fifo}, 1,
			`mkentrypoint: error: cannot read the script "` + regexp.QuoteMeta(fifo) + `": not a regular file \(a FIFO\)`, true},
		{"output in a missing directory", []string{"-python", "/v/bin/python", "-template", tmpl, "-o", filepath.Join(dir, "missing", "out"), "a:b"}, 1,
			`mkentrypoint: error: cannot write "` + regexp.QuoteMeta(filepath.Join(dir, "missing", "out")) + `": .*`, false},
	} {
		if tt.fifo && !haveFIFO {
			continue
		}
		os.Remove(out)
		var stderr bytes.Buffer
		done := make(chan int, 1)
		go func() { done <- run(tt.args, &stderr) }()
		var code int
		select {
		case code = <-done:
		case <-time.After(5 * time.Second):
			if w, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
				w.Close() // let the blocked read return
			}
			<-done
			t.Errorf("%s: mkentrypoint blocked", tt.name)
			continue
		}
		want := "^$"
		if tt.msg != "" {
			want = "^" + tt.msg + "\n$"
		}
		if code != tt.code || !regexp.MustCompile(want).MatchString(stderr.String()) {
			t.Errorf("%s: exit %d, stderr %q; want exit %d, stderr %s", tt.name, code, stderr.String(), tt.code, want)
		}
		if code == 0 {
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			want := "/v/bin/python"
			if tt.name == "relative" {
				// Made absolute: the launcher must not look in the
				// current directory.
				wd, _ := os.Getwd()
				want = filepath.Join(wd, "v", "bin", "python")
			}
			if tr, err := trampoline.Parse(bytes.NewReader(data), int64(len(data))); err != nil || tr.Shebang != want {
				t.Errorf("%s: the launcher reads %+v, %v", tt.name, tr, err)
			}
		}
	}
}

// The usage names mkentrypoint's version.
func TestUsageVersion(t *testing.T) {
	old := version.Version
	defer func() { version.Version = old }()
	version.Version = "v1.2.3"
	var stderr bytes.Buffer
	if code := run(nil, &stderr); code != 2 || !strings.HasSuffix(stderr.String(), "\nmkentrypoint v1.2.3\n") {
		t.Errorf("run() = %d, stderr %q", code, stderr.String())
	}
	// It is made from manual.Mkentrypoint, as the man page is.
	if want := manual.Help(&manual.Mkentrypoint, "mkentrypoint", "v1.2.3", ""); stderr.String() != want {
		t.Errorf("usage =\n%s\nwant manual.Help's\n%s", stderr.String(), want)
	}
}

// The template is looked for beside mkentrypoint, then where the .deb
// puts it (/usr/bin/mkentrypoint, /usr/lib/py/entrypoint).
func TestTemplatePlaces(t *testing.T) {
	got := templatePlaces(filepath.FromSlash("/usr/bin/mkentrypoint"), "linux")
	want := []string{filepath.FromSlash("/usr/bin/entrypoint"), filepath.FromSlash("/usr/lib/py/entrypoint")}
	if !slices.Equal(got, want) {
		t.Errorf("templatePlaces(/usr/bin/mkentrypoint, linux) = %q, want %q", got, want)
	}
	got = templatePlaces(filepath.FromSlash("/opt/py/mkentrypoint.exe"), "windows")
	want = []string{filepath.FromSlash("/opt/py/entrypoint.exe"), filepath.FromSlash("/opt/lib/py/entrypoint.exe")}
	if !slices.Equal(got, want) {
		t.Errorf("templatePlaces(/opt/py/mkentrypoint.exe, windows) = %q, want %q", got, want)
	}
}
