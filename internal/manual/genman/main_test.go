package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pylauncher/py/internal/manual"
)

func TestRun(t *testing.T) {
	for _, tt := range []struct {
		name  string
		args  []string
		epoch string
		code  int
		date  string // of the pages written; "" for none
		err   string
	}{
		{"date", []string{"-version", "v1.2.3", "-date", "2026-12-01"}, "", 0, "2026-12-01", ""},
		{"epoch", []string{"-version", "v1.2.3"}, "1764547200", 0, "2025-12-01", ""},
		{"date wins", []string{"-version", "v1.2.3", "-date", "2026-12-01"}, "1764547200", 0, "2026-12-01", ""},
		{"no date", []string{"-version", "v1.2.3"}, "", 2, "", "genman: error: no date: give -date YYYY-MM-DD or set SOURCE_DATE_EPOCH\n"},
		{"bad date", []string{"-version", "v1", "-date", "1.12.2026"}, "", 2, "", "genman: error: -date \"1.12.2026\" is not YYYY-MM-DD\n"},
		{"bad epoch", []string{"-version", "v1"}, "yesterday", 2, "", "genman: error: SOURCE_DATE_EPOCH \"yesterday\" is not a number of seconds\n"},
		{"no version", []string{"-date", "2026-12-01"}, "", 2, "", "usage: genman "},
		{"an argument", []string{"-version", "v1", "-date", "2026-12-01", "x"}, "", 2, "", "usage: genman "},
	} {
		dir := filepath.Join(t.TempDir(), "man")
		var stderr bytes.Buffer
		code := run(append(tt.args, "-o", dir), tt.epoch, &stderr)
		if code != tt.code || !strings.HasPrefix(stderr.String(), tt.err) || (tt.err == "") != (stderr.Len() == 0) {
			t.Errorf("%s: exit %d, stderr %q; want %d, %q", tt.name, code, stderr.String(), tt.code, tt.err)
		}
		if tt.date == "" {
			if _, err := os.Stat(dir); err == nil {
				t.Errorf("%s: %s was made", tt.name, dir)
			}
			continue
		}
		for _, p := range manual.Pages {
			b, err := os.ReadFile(filepath.Join(dir, p.Name+".1"))
			if err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			if want := manual.Roff(p, "v1.2.3", tt.date); string(b) != want {
				t.Errorf("%s: %s.1 is not manual.Roff's page of %s", tt.name, p.Name, tt.date)
			}
		}
	}
}

// The release needs these three pages (release/extra.sh).
func TestPages(t *testing.T) {
	var names []string
	for _, p := range manual.Pages {
		names = append(names, p.Name)
	}
	if got := strings.Join(names, " "); got != "py venvlauncher mkentrypoint" {
		t.Errorf("pages %s, want py venvlauncher mkentrypoint", got)
	}
}
