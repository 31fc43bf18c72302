package installer

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pylauncher/py/internal/fetch"
)

func testApp(stderr io.Writer) *app {
	u := &ui{stderr: stderr}
	return &app{ui: u, stdout: io.Discard, client: &fetch.Client{}}
}

// A paged index (pymanager's "next") is read to its end, each page's
// URLs taken from where that page is.
func TestLoadCatalogPages(t *testing.T) {
	dir := t.TempDir()
	pages := map[string]string{
		"index.json": `{"versions": [{"id": "pythoncore-3.14-64", "sort-version": "3.14.6", "company": "PythonCore", "tag": "3.14-64",
  "url": "a/python-3.14.6-amd64.zip", "hash": {"sha256": "00"}}], "next": "more/page2.json"}`,
		"more/page2.json": `{"versions": [{"id": "pythoncore-3.13-64", "sort-version": "3.13.9", "company": "PythonCore", "tag": "3.13-64",
  "url": "python-3.13.9-amd64.zip", "hash": {"sha256": "11"}}]}`,
	}
	for name, data := range pages {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cat, err := testApp(io.Discard).loadCatalog(context.Background(), filepath.Join(dir, "index.json"))
	if err != nil {
		t.Fatal(err)
	}
	urls := map[string]string{}
	for _, d := range cat.Downloads {
		urls[d.Build.Version.String()] = d.URL
	}
	if got, want := urls["3.14.6"], filepath.Join(dir, "a", "python-3.14.6-amd64.zip"); got != want {
		t.Errorf("3.14.6 from %s, want %s", got, want)
	}
	if got, want := urls["3.13.9"], filepath.Join(dir, "more", "python-3.13.9-amd64.zip"); got != want {
		t.Errorf("3.13.9 from %s, want %s", got, want)
	}
}

// On a terminal, a download shows a bar with the bytes, the total and
// the rate; elsewhere one line; with -q nothing.
func TestProgress(t *testing.T) {
	var buf bytes.Buffer
	a := testApp(&buf)
	a.term = true
	m := a.progress("cpython-3.14.6-linux-x86_64-gnu", "https://h/a.tar.gz", 30<<20, false)
	time.Sleep(50 * time.Millisecond) // the rate counts from the start
	for i := 0; i < 30; i++ {
		m.add(1 << 20)
	}
	m.finish()
	out := buf.String()
	for _, want := range []string{"Downloading cpython-3.14.6-linux-x86_64-gnu", `\(1\.0/30 MiB, [\d.]+ MiB/s\) \[\d+s:\d+s\]`} {
		if !regexp.MustCompile(want).MatchString(out) {
			t.Errorf("the bar does not show %q:\n%q", want, out)
		}
	}
	if !strings.Contains(out, "\x1b[") {
		t.Errorf("the bar has no colour without NO_COLOR:\n%q", out)
	}

	buf.Reset()
	a.noColor = true
	m = a.progress("k", "https://h/a.tar.gz", 1<<20, false)
	m.add(1 << 20)
	m.finish()
	if strings.Contains(strings.ReplaceAll(buf.String(), "\x1b[J", ""), "\x1b[3") {
		t.Errorf("NO_COLOR: the bar has colour:\n%q", buf.String())
	}

	buf.Reset()
	a.term = false
	a.progress("k", "https://h/a.tar.gz", 25<<20, false).finish()
	if got, want := buf.String(), "Downloading k (25.0 MiB) from https://h/a.tar.gz\n"; got != want {
		t.Errorf("without a terminal: %q, want %q", got, want)
	}

	buf.Reset()
	a.quiet = true
	a.progress("k", "https://h/a.tar.gz", 25<<20, false).finish()
	if buf.Len() != 0 {
		t.Errorf("-q printed %q", buf.String())
	}
}
