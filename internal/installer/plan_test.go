package installer

import (
	"errors"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/pylauncher/py/internal/catalog"
	"github.com/pylauncher/py/internal/pyver"
	"github.com/pylauncher/py/internal/request"
	"github.com/pylauncher/py/internal/store"
)

const testIndex = `{
  "cpython-3.14.6-linux-x86_64-gnu": {"name": "cpython", "arch": {"family": "x86_64", "variant": null}, "os": "linux", "libc": "gnu",
    "major": 3, "minor": 14, "patch": 6, "prerelease": "", "url": "https://h/3.14.6.tar.gz", "sha256": "aa", "variant": null, "build": "2"},
  "cpython-3.14.5-linux-x86_64-gnu": {"name": "cpython", "arch": {"family": "x86_64", "variant": null}, "os": "linux", "libc": "gnu",
    "major": 3, "minor": 14, "patch": 5, "prerelease": "", "url": "https://h/3.14.5.tar.gz", "sha256": "bb", "variant": null, "build": "1"},
  "cpython-3.14.6+freethreaded-linux-x86_64-gnu": {"name": "cpython", "arch": {"family": "x86_64", "variant": null}, "os": "linux", "libc": "gnu",
    "major": 3, "minor": 14, "patch": 6, "prerelease": "", "url": "https://h/3.14.6t.tar.gz", "sha256": "cc", "variant": "freethreaded", "build": "2"},
  "cpython-3.13.9-linux-x86_64-gnu": {"name": "cpython", "arch": {"family": "x86_64", "variant": null}, "os": "linux", "libc": "gnu",
    "major": 3, "minor": 13, "patch": 9, "prerelease": "", "url": "https://h/3.13.9.tar.gz", "sha256": "dd", "variant": null, "build": "2"},
  "pypy-3.10.14-linux-x86_64-gnu": {"name": "pypy", "arch": {"family": "x86_64", "variant": null}, "os": "linux", "libc": "gnu",
    "major": 3, "minor": 10, "patch": 14, "prerelease": "", "url": "https://h/pypy.tar.bz2", "sha256": "ee", "variant": null, "build": "2"}
}`

var linux = catalog.PlatformOf("linux", "amd64", "gnu")

func testCatalog(t *testing.T) catalog.Catalog {
	t.Helper()
	c, err := catalog.Parse([]byte(testIndex))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func reqs(t *testing.T, texts ...string) []request.Request {
	t.Helper()
	rs, err := parseRequests(texts)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func have(keys ...string) []store.Install {
	var out []store.Install
	for _, k := range keys {
		b, _ := pyver.ParseUVName(k)
		out = append(out, store.Install{Dir: "/i/" + k, Meta: store.Meta{Key: k, Impl: b.Impl, Version: b.Version.String(), FreeThreaded: b.FreeThreaded, Exe: "bin/python3"}})
	}
	return out
}

// summary writes a plan as text: "3.14 -> key", "3.14 = key" (there),
// "3.14 ! error".
func summary(steps []step) []string {
	var out []string
	for _, s := range steps {
		switch {
		case s.err != nil:
			out = append(out, s.req+" ! "+s.err.Error())
		case s.newest:
			out = append(out, s.req+" newest "+s.have.Meta.Key)
		case s.have != nil:
			out = append(out, s.req+" = "+s.have.Meta.Key)
		default:
			line := s.req + " -> " + s.key
			for _, r := range s.replaces {
				line += " -" + r.Meta.Key
			}
			out = append(out, line)
		}
	}
	return out
}

func TestPlan(t *testing.T) {
	cat := testCatalog(t)
	for _, tt := range []struct {
		name      string
		reqs      []string
		installed []store.Install
		force     bool
		want      []string
	}{
		{"newest patch", []string{"3.14"}, nil, false, []string{"3.14 -> cpython-3.14.6-linux-x86_64-gnu"}},
		{"exact", []string{"cpython@3.14.5"}, nil, false, []string{"cpython@3.14.5 -> cpython-3.14.5-linux-x86_64-gnu"}},
		{"free-threaded", []string{"3.14t"}, nil, false, []string{"3.14t -> cpython-3.14.6+freethreaded-linux-x86_64-gnu"}},
		{"specifier", []string{"<3.14"}, nil, false, []string{"<3.14 -> cpython-3.13.9-linux-x86_64-gnu"}},
		{"pypy", []string{"pypy3.10"}, nil, false, []string{"pypy3.10 -> pypy-3.10.14-linux-x86_64-gnu"}},
		{"none", []string{"3.99"}, nil, false, []string{`3.99 ! no download matches "3.99" for this machine (linux x86_64 gnu)`}},
		{"an older patch is there", []string{"3.14"}, have("cpython-3.14.5-linux-x86_64-gnu"), false, []string{"3.14 = cpython-3.14.5-linux-x86_64-gnu"}},
		{"forced", []string{"3.14"}, have("cpython-3.14.5-linux-x86_64-gnu"), true, []string{"3.14 -> cpython-3.14.6-linux-x86_64-gnu"}},
		{"a free-threaded build is not a 3.14", []string{"3.14"}, have("cpython-3.14.6+freethreaded-linux-x86_64-gnu"), false,
			[]string{"3.14 -> cpython-3.14.6-linux-x86_64-gnu"}},
		{"the same download twice", []string{"3.14", "3.14.6"}, nil, false, []string{"3.14 -> cpython-3.14.6-linux-x86_64-gnu"}},
		{"several", []string{"3.13", "3.14t"}, have("cpython-3.13.9-linux-x86_64-gnu"), false,
			[]string{"3.13 = cpython-3.13.9-linux-x86_64-gnu", "3.14t -> cpython-3.14.6+freethreaded-linux-x86_64-gnu"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := summary(plan(reqs(t, tt.reqs...), cat, linux, tt.installed, tt.force))
			if !slices.Equal(got, tt.want) {
				t.Errorf("plan = %q\nwant %q", got, tt.want)
			}
		})
	}
	// Another machine's downloads are never chosen.
	got := summary(plan(reqs(t, "3.14"), cat, catalog.PlatformOf("darwin", "arm64", ""), nil, false))
	if len(got) != 1 || !strings.Contains(got[0], "no download matches") {
		t.Errorf("plan on macOS = %q", got)
	}
}

func TestUpgradePlan(t *testing.T) {
	cat := testCatalog(t)
	for _, tt := range []struct {
		name      string
		reqs      []string
		installed []store.Install
		want      []string
	}{
		{"nothing installed", nil, nil, nil},
		{"an older patch", nil, have("cpython-3.14.5-linux-x86_64-gnu"),
			[]string{"cpython@3.14 -> cpython-3.14.6-linux-x86_64-gnu -cpython-3.14.5-linux-x86_64-gnu"}},
		{"the newest", nil, have("cpython-3.13.9-linux-x86_64-gnu"), []string{"cpython@3.13 newest cpython-3.13.9-linux-x86_64-gnu"}},
		{"each series", nil, have("cpython-3.14.5-linux-x86_64-gnu", "cpython-3.13.9-linux-x86_64-gnu", "cpython-3.14.6+freethreaded-linux-x86_64-gnu"),
			[]string{"cpython@3.14 -> cpython-3.14.6-linux-x86_64-gnu -cpython-3.14.5-linux-x86_64-gnu",
				"cpython@3.13 newest cpython-3.13.9-linux-x86_64-gnu",
				"cpython@3.14t newest cpython-3.14.6+freethreaded-linux-x86_64-gnu"}},
		{"those asked for", []string{"3.13"}, have("cpython-3.14.5-linux-x86_64-gnu", "cpython-3.13.9-linux-x86_64-gnu"),
			[]string{"cpython@3.13 newest cpython-3.13.9-linux-x86_64-gnu"}},
		{"a series gone from the index", nil, have("cpython-3.12.1-linux-x86_64-gnu"),
			[]string{`cpython@3.12 ! no download matches "cpython@3.12" for this machine (linux x86_64 gnu)`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var rs []request.Request
			if len(tt.reqs) > 0 {
				rs = reqs(t, tt.reqs...)
			}
			got := summary(upgradePlan(rs, cat, linux, tt.installed))
			if !slices.Equal(got, tt.want) {
				t.Errorf("upgradePlan = %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestParseRequestsRefuses(t *testing.T) {
	for _, text := range []string{"/usr/bin/python3", "any", "default", "system", "mypython", "3junk", ""} {
		_, err := parseRequests([]string{text})
		var be *badRequestError
		if !errors.As(err, &be) {
			t.Errorf("parseRequests(%q) = %v, want a bad request", text, err)
		}
	}
}

func TestSelectInstalls(t *testing.T) {
	installed := have("cpython-3.14.5-linux-x86_64-gnu", "cpython-3.14.6-linux-x86_64-gnu", "cpython-3.13.9-linux-x86_64-gnu")
	keys := func(ins []store.Install) []string { return store.Keys(ins) }
	got, err := selectInstalls([]string{"3.14"}, installed)
	if err != nil || !slices.Equal(keys(got), []string{"cpython-3.14.5-linux-x86_64-gnu", "cpython-3.14.6-linux-x86_64-gnu"}) {
		t.Errorf("3.14 selects %v, %v", keys(got), err)
	}
	got, err = selectInstalls([]string{"cpython-3.14.5-linux-x86_64-gnu", "3.14.5"}, installed)
	if err != nil || !slices.Equal(keys(got), []string{"cpython-3.14.5-linux-x86_64-gnu"}) {
		t.Errorf("a key selects %v, %v", keys(got), err)
	}
	var ni *notInstalledError
	if _, err := selectInstalls([]string{"3.13", "3.12"}, installed); !errors.As(err, &ni) || ni.request != "3.12" {
		t.Errorf("3.12 = %v, want not installed", err)
	}
	if _, err := selectInstalls([]string{"/usr/bin/python3.14"}, installed); err == nil {
		t.Errorf("a path selected installs")
	}
}

func TestResolveURL(t *testing.T) {
	abs := "/b/index.json"
	want := filepath.FromSlash("/b/cpython-3.14.6+1.tar.gz")
	if runtime.GOOS == "windows" {
		abs, want = `C:\b\index.json`, `C:\b\cpython-3.14.6+1.tar.gz`
	}
	for _, tt := range []struct{ source, ref, want string }{
		{"https://h/a/index.json", "x.tar.gz", "https://h/a/x.tar.gz"},
		{"https://h/a/index.json", "../x.tar.gz", "https://h/x.tar.gz"},
		{"https://h/a/index.json", "/x.tar.gz", "https://h/x.tar.gz"},
		{"https://h/a/index.json", "https://o/x.tar.gz", "https://o/x.tar.gz"},
		{"file:///b/index.json", "x%2B1.tar.gz", "file:///b/x%2B1.tar.gz"},
		{abs, "cpython-3.14.6%2B1.tar.gz", want},
	} {
		if got := resolveURL(tt.source, tt.ref); got != tt.want {
			t.Errorf("resolveURL(%q, %q) = %q, want %q", tt.source, tt.ref, got, tt.want)
		}
	}
}

func TestAliasNamesAndTags(t *testing.T) {
	b := func(key string) pyver.Build { b, _ := pyver.ParseUVName(key); return b }
	for _, tt := range []struct {
		key, goos string
		names     []string
		tag       string
	}{
		{"cpython-3.14.6-linux-x86_64-gnu", "linux", []string{"python3.14"}, "3.14.6"},
		{"cpython-3.14.6+freethreaded-linux-x86_64-gnu", "linux", []string{"python3.14t"}, "3.14.6t"},
		{"cpython-3.14.6+debug-linux-x86_64-gnu", "darwin", []string{"python3.14d"}, "3.14.6d"},
		{"cpython-3.13.9-windows-x86_64-none", "windows", []string{"python3.13.exe", "pythonw3.13.exe"}, "3.13.9"},
		{"cpython-3.13.9-windows-i686-none", "windows", []string{"python3.13.exe", "pythonw3.13.exe"}, "3.13.9-32"},
		{"cpython-3.13.9-windows-aarch64-none", "windows", []string{"python3.13.exe", "pythonw3.13.exe"}, "3.13.9-arm64"},
		{"pypy-3.10.14-linux-x86_64-gnu", "linux", nil, "3.10.14"},
	} {
		if got := aliasNames(b(tt.key), tt.goos); !slices.Equal(got, tt.names) {
			t.Errorf("aliasNames(%s) = %q, want %q", tt.key, got, tt.names)
		}
		if got := registryTag(b(tt.key)); got != tt.tag {
			t.Errorf("registryTag(%s) = %q, want %q", tt.key, got, tt.tag)
		}
	}
	if got := sysVersion(b("cpython-3.14.6-linux-x86_64-gnu")); got != "3.14" {
		t.Errorf("sysVersion = %q", got)
	}
}

func TestOnlineEntries(t *testing.T) {
	cat := testCatalog(t)
	installed := have("cpython-3.14.5-linux-x86_64-gnu")
	all := onlineEntries(cat.For(linux), nil, installed, false)
	var keys []string
	for _, e := range all {
		keys = append(keys, e.Key)
	}
	if !slices.Equal(keys, []string{"cpython-3.14.6+freethreaded-linux-x86_64-gnu", "cpython-3.14.6-linux-x86_64-gnu",
		"cpython-3.14.5-linux-x86_64-gnu", "cpython-3.13.9-linux-x86_64-gnu", "pypy-3.10.14-linux-x86_64-gnu"}) {
		t.Errorf("entries = %q", keys)
	}
	if e := all[2]; !e.Installed || e.Path != filepath.Join("/i/cpython-3.14.5-linux-x86_64-gnu", "bin", "python3") {
		t.Errorf("the install is not marked: %+v", e)
	}
	if got := onlineEntries(cat.For(linux), reqs(t, "3.13"), installed, false); len(got) != 1 || got[0].Version != "3.13.9" {
		t.Errorf("3.13 = %+v", got)
	}
	if got := onlineEntries(cat.For(linux), nil, installed, true); len(got) != 1 || got[0].Version != "3.14.5" {
		t.Errorf("only installed = %+v", got)
	}
	table := onlineTable(all)
	if !regexp.MustCompile(`(?m)^ cpython-3\.13\.9-linux-x86_64-gnu +Python 3\.13\.9 +<download available>$`).MatchString(table) ||
		!strings.Contains(table, "Python 3.14.6 free-threaded") {
		t.Errorf("table:\n%s", table)
	}
	if onlineTable(nil) != "No downloads match!\n" {
		t.Errorf("empty table = %q", onlineTable(nil))
	}
}
