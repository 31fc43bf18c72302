package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestDebVersion(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"v1.2.3", "1.2.3"},
		{"v1.3.0-rc1", "1.3.0~rc1"},
		{"v1.3.0-rc.1", "1.3.0~rc.1"},
		{"v1.2.3-3-gabc1234", "1.2.3+3.gabc1234"},
		{"v1.2.3-3-gabc1234-dirty", "1.2.3+3.gabc1234.dirty"},
		{"v1.2.3-dirty", "1.2.3+dirty"},
		{"v1.3.0-rc1-2-gabc1234", "1.3.0~rc1+2.gabc1234"},
		{"v0.0.0-20261201131000-737c107abcde", "0.0.0~20261201131000.737c107abcde"},
		{"v0.0.0-20261201131000-737c107abcde-dirty", "0.0.0~20261201131000.737c107abcde+dirty"},
	} {
		got, err := debVersion(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("debVersion(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
		if strings.Contains(got, "-") {
			t.Errorf("debVersion(%q) = %q holds a -", tt.in, got)
		}
	}
	for _, bad := range []string{"", "devel", "737c107", "1.2", "v1.2.3 x"} {
		if got, err := debVersion(bad); err == nil {
			t.Errorf("debVersion(%q) = %q, want an error", bad, got)
		}
	}
}

// Debian must order the versions as the releases are ordered.
func TestDebVersionOrder(t *testing.T) {
	if _, err := exec.LookPath("dpkg"); err != nil {
		t.Skip("no dpkg")
	}
	order := []string{
		"v0.0.0-20261201131000-737c107abcde",
		"v0.0.0-20261202131000-0123456789ab",
		"v1.0.0-rc1",
		"v1.0.0",
		"v1.0.0-1-gabc1234",
		"v1.0.0-2-g0123abc",
		"v1.0.1",
	}
	for i := 0; i+1 < len(order); i++ {
		a, _ := debVersion(order[i])
		b, _ := debVersion(order[i+1])
		if err := exec.Command("dpkg", "--compare-versions", a, "lt", b).Run(); err != nil {
			t.Errorf("dpkg: %s (%s) is not before %s (%s)", a, order[i], b, order[i+1])
		}
	}
}

func TestPseudoVersion(t *testing.T) {
	at := time.Date(2026, 12, 1, 13, 10, 0, 0, time.FixedZone("X", 3600))
	if v := pseudoVersion(at, "737c107abcde", false); v != "v0.0.0-20261201121000-737c107abcde" {
		t.Errorf("pseudoVersion = %q", v)
	}
	if v := pseudoVersion(at, "737c107abcde", true); v != "v0.0.0-20261201121000-737c107abcde-dirty" {
		t.Errorf("pseudoVersion, dirty = %q", v)
	}
}

// describe on a repository of its own: without a tag a pseudo-version
// (dirty when a tracked file changed), with one git describe's text; the
// time is the commit's, or SOURCE_DATE_EPOCH.
func TestDescribe(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	dir := t.TempDir()
	git := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_DATE=2026-12-01T13:10:00Z", "GIT_COMMITTER_DATE=2026-12-01T13:10:00Z",
			"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@t", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@t")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	git("init", "-q")
	os.WriteFile(filepath.Join(dir, "f"), []byte("1"), 0o644)
	git("add", "f")
	git("commit", "-q", "-m", "one")
	hash := git("rev-parse", "--short=12", "HEAD")
	noEnv := func(string) string { return "" }
	s, err := describe(dir, noEnv)
	if err != nil || s.Version != "v0.0.0-20261201131000-"+hash || s.Time.Unix() != 1796130600 {
		t.Errorf("describe, no tag = %+v, %v", s, err)
	}
	os.WriteFile(filepath.Join(dir, "f"), []byte("2"), 0o644)
	if s, err := describe(dir, noEnv); err != nil || s.Version != "v0.0.0-20261201131000-"+hash+"-dirty" {
		t.Errorf("describe, no tag, dirty = %+v, %v", s, err)
	}
	git("checkout", "-q", "f")
	git("tag", "v1.2.3")
	if s, err := describe(dir, noEnv); err != nil || s.Version != "v1.2.3" {
		t.Errorf("describe, tagged = %+v, %v", s, err)
	}
	s, err = describe(dir, func(k string) string {
		if k == "SOURCE_DATE_EPOCH" {
			return "1700000000"
		}
		return ""
	})
	if err != nil || s.Time.Unix() != 1700000000 {
		t.Errorf("describe with SOURCE_DATE_EPOCH = %+v, %v", s, err)
	}
	if _, err := describe(dir, func(string) string { return "yesterday" }); err == nil {
		t.Errorf("describe with SOURCE_DATE_EPOCH=yesterday: no error")
	}
}
