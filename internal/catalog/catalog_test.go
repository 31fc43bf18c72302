package catalog

import (
	"errors"
	"strings"
	"testing"

	"github.com/pylauncher/py/internal/pyver"
	"github.com/pylauncher/py/internal/request"
)

// uvIndex is a download-metadata.json in uv's newer format (arch as an
// object, variant, build) and its older one (arch as a string).
const uvIndex = `{
  "cpython-3.14.6-linux-x86_64-gnu": {"name": "cpython", "arch": {"family": "x86_64", "variant": null}, "os": "linux", "libc": "gnu",
    "major": 3, "minor": 14, "patch": 6, "prerelease": "", "url": "https://example/3.14.6-gnu.tar.gz", "sha256": "AA11", "variant": null, "build": "20260610"},
  "cpython-3.14.5-linux-x86_64-gnu": {"name": "cpython", "arch": {"family": "x86_64", "variant": null}, "os": "linux", "libc": "gnu",
    "major": 3, "minor": 14, "patch": 5, "prerelease": "", "url": "https://example/3.14.5-gnu.tar.gz", "sha256": "bb22", "variant": null, "build": "20260501"},
  "cpython-3.14.6-linux-x86_64_v3-gnu": {"name": "cpython", "arch": {"family": "x86_64", "variant": "v3"}, "os": "linux", "libc": "gnu",
    "major": 3, "minor": 14, "patch": 6, "prerelease": "", "url": "https://example/3.14.6-v3.tar.gz", "sha256": "cc33", "variant": null, "build": "20260610"},
  "cpython-3.14.6+freethreaded-linux-x86_64-gnu": {"name": "cpython", "arch": {"family": "x86_64", "variant": null}, "os": "linux", "libc": "gnu",
    "major": 3, "minor": 14, "patch": 6, "prerelease": "", "url": "https://example/3.14.6t.tar.gz", "sha256": "dd44", "variant": "freethreaded", "build": "20260610"},
  "cpython-3.14.6+debug-linux-x86_64-gnu": {"name": "cpython", "arch": {"family": "x86_64", "variant": null}, "os": "linux", "libc": "gnu",
    "major": 3, "minor": 14, "patch": 6, "prerelease": "", "url": "https://example/3.14.6d.tar.gz", "sha256": "ee55", "variant": "debug", "build": "20260610"},
  "cpython-3.14.6-linux-x86_64-musl": {"name": "cpython", "arch": {"family": "x86_64", "variant": null}, "os": "linux", "libc": "musl",
    "major": 3, "minor": 14, "patch": 6, "prerelease": "", "url": "https://example/3.14.6-musl.tar.gz", "sha256": "ff66", "variant": null, "build": "20260610"},
  "cpython-3.15.0rc1-linux-x86_64-gnu": {"name": "cpython", "arch": "x86_64", "os": "linux", "libc": "gnu",
    "major": 3, "minor": 15, "patch": 0, "prerelease": "rc1", "url": "https://example/3.15.0rc1.tar.gz", "sha256": "1234"},
  "cpython-3.13.9-linux-aarch64-gnu": {"name": "cpython", "arch": "aarch64", "os": "linux", "libc": "gnu",
    "major": 3, "minor": 13, "patch": 9, "prerelease": "", "url": "https://example/3.13.9-arm.tar.gz", "sha256": "5678"},
  "cpython-3.14.6-windows-x86_64-none": {"name": "cpython", "arch": "x86_64", "os": "windows", "libc": "none",
    "major": 3, "minor": 14, "patch": 6, "prerelease": "", "url": "https://example/3.14.6-win.tar.gz", "sha256": "9abc"},
  "pypy-3.10.14-linux-x86_64-gnu": {"name": "pypy", "arch": "x86_64", "os": "linux", "libc": "gnu",
    "major": 3, "minor": 10, "patch": 14, "prerelease": "", "url": "https://example/pypy.tar.bz2", "sha256": null}
}`

// pymIndex is pymanager's index format.
const pymIndex = `{"versions": [
  {"schema": 1, "id": "pythoncore-3.14-64", "sort-version": "3.14.6", "company": "PythonCore", "tag": "3.14-64",
   "install-for": ["3", "3.14", "3.14-64"], "display-name": "Python 3.14.6", "executable": "python.exe",
   "url": "https://www.python.org/ftp/python/3.14.6/python-3.14.6-amd64.zip", "hash": {"sha256": "ABCDEF"}},
  {"schema": 1, "id": "pythoncore-3.14t-arm64", "sort-version": "3.14.6", "company": "PythonCore", "tag": "3.14t-arm64",
   "install-for": ["3.14t-arm64"], "display-name": "Python 3.14.6 (free-threaded, ARM64)", "executable": "python3.14t.exe",
   "url": "https://www.python.org/ftp/python/3.14.6/python-3.14.6t-arm64.zip", "hash": {"sha256": "0123"}},
  {"schema": 1, "id": "pythoncore-3.13-32", "sort-version": "3.13.9", "company": "PythonCore", "tag": "3.13-32",
   "install-for": ["3.13-32"], "display-name": "Python 3.13.9 (32-bit)", "executable": "python.exe",
   "url": "x/python-3.13.9.zip", "hash": {"sha256": "4567"}}
]}`

func mustParse(t *testing.T, data string) Catalog {
	t.Helper()
	c, err := Parse([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestParseUV(t *testing.T) {
	c := mustParse(t, uvIndex)
	if len(c.Downloads) != 10 {
		t.Fatalf("%d downloads, want 10", len(c.Downloads))
	}
	byKey := map[string]Download{}
	for _, d := range c.Downloads {
		byKey[d.Key] = d
	}
	d := byKey["cpython-3.14.6-linux-x86_64-gnu"]
	if d.Build.Version != (pyver.Version{Major: 3, Minor: 14, Micro: 6}) || d.Build.Impl != pyver.CPython || d.Build.Machine != "x86_64" ||
		d.Build.Bits != 64 || d.SHA256 != "aa11" || d.Release != "20260610" || d.OS != "linux" || d.Libc != "gnu" {
		t.Errorf("3.14.6 = %+v", d)
	}
	if d := byKey["cpython-3.14.6+freethreaded-linux-x86_64-gnu"]; !d.Build.FreeThreaded || d.Build.Debug {
		t.Errorf("free-threaded = %+v", d.Build)
	}
	if d := byKey["cpython-3.14.6-linux-x86_64_v3-gnu"]; d.ArchVariant != "v3" || d.Arch != "x86_64" {
		t.Errorf("v3 = %+v", d)
	}
	if d := byKey["cpython-3.15.0rc1-linux-x86_64-gnu"]; d.Build.Version.Pre != "rc1" || !d.Build.Version.Prerelease() {
		t.Errorf("rc = %+v", d.Build)
	}
	if d := byKey["cpython-3.13.9-linux-aarch64-gnu"]; d.Build.Machine != "arm64" || d.Arch != "aarch64" {
		t.Errorf("aarch64 = %+v", d)
	}
	if d := byKey["pypy-3.10.14-linux-x86_64-gnu"]; d.Build.Impl != pyver.PyPy || d.SHA256 != "" {
		t.Errorf("pypy = %+v", d)
	}
}

func TestParsePymanager(t *testing.T) {
	c := mustParse(t, pymIndex)
	if len(c.Downloads) != 3 {
		t.Fatalf("%d downloads, want 3", len(c.Downloads))
	}
	d := c.Downloads[0] // sorted by key: pythoncore-3.13-32
	if d.Key != "pythoncore-3.13-32" || d.Arch != "i686" || d.Build.Bits != 32 || d.OS != "windows" || d.Build.Tag() != "3.13-32" {
		t.Errorf("3.13-32 = %+v", d)
	}
	d = c.Downloads[2]
	if d.Key != "pythoncore-3.14t-arm64" || !d.Build.FreeThreaded || d.Arch != "aarch64" || d.SHA256 != "0123" || d.Build.Company() != "PythonCore" {
		t.Errorf("3.14t-arm64 = %+v", d)
	}
}

func TestParseErrors(t *testing.T) {
	for _, data := range []string{
		"", "[]", "{", `{"x": 1}`, `{"x": {"name": "cpython"}}`,
		`{"x": {"name": "cpython", "arch": "x86_64", "os": "linux", "major": 3, "minor": 12, "patch": 1, "prerelease": "zz"}}`,
		`{"x": {"name": "cpython", "arch": "x86_64", "os": "linux", "major": 3, "minor": 12, "patch": 1, "variant": "fast"}}`,
		`{"versions": [{"id": "a", "url": "u", "sort-version": "x"}]}`,
		`{"versions": [{"id": "", "url": "u", "sort-version": "3.12"}]}`,
	} {
		var e *Error
		if _, err := Parse([]byte(data)); !errors.As(err, &e) {
			t.Errorf("Parse(%q) error = %v, want an *Error", data, err)
		}
	}
}

func TestChoose(t *testing.T) {
	c := mustParse(t, uvIndex)
	gnu := PlatformOf("linux", "amd64", "gnu")
	tests := []struct {
		req, syntax string
		p           Platform
		want        string // key, "" for none
	}{
		{"3.14", "option", gnu, "cpython-3.14.6-linux-x86_64-gnu"},
		{"3", "option", gnu, "cpython-3.14.6-linux-x86_64-gnu"},
		{"3.14.5", "option", gnu, "cpython-3.14.5-linux-x86_64-gnu"},
		{"3.14t", "option", gnu, "cpython-3.14.6+freethreaded-linux-x86_64-gnu"},
		{"3.14+debug", "option", gnu, "cpython-3.14.6+debug-linux-x86_64-gnu"},
		{"3.15", "option", gnu, "cpython-3.15.0rc1-linux-x86_64-gnu"},
		{">=3.14", "option", gnu, "cpython-3.14.6-linux-x86_64-gnu"},
		{"3.14", "option", PlatformOf("linux", "amd64", "musl"), "cpython-3.14.6-linux-x86_64-musl"},
		{"3.13", "option", PlatformOf("linux", "arm64", ""), "cpython-3.13.9-linux-aarch64-gnu"},
		{"3.14", "option", PlatformOf("windows", "amd64", ""), "cpython-3.14.6-windows-x86_64-none"},
		{"pypy3.10", "option", gnu, "pypy-3.10.14-linux-x86_64-gnu"},
		{"3.12", "option", gnu, ""},
		{"3.14", "option", PlatformOf("darwin", "arm64", ""), ""},
	}
	for _, tt := range tests {
		r, err := request.FromOption(tt.req, "test")
		if err != nil {
			t.Fatal(err)
		}
		d, ok := c.Choose(&r, tt.p)
		if got := d.Key; got != tt.want || ok != (tt.want != "") {
			t.Errorf("Choose(%s, %+v) = %q, %v, want %q", tt.req, tt.p, got, ok, tt.want)
		}
	}
	list := c.For(gnu)
	if len(list) == 0 || list[0].Key != "cpython-3.15.0rc1-linux-x86_64-gnu" {
		t.Errorf("For(gnu) = %v, want the newest first", list)
	}
	for _, d := range list {
		if d.ArchVariant != "" || d.Libc != "gnu" {
			t.Errorf("For(gnu) lists %s", d.Key)
		}
	}
}

func TestInstallKey(t *testing.T) {
	c := mustParse(t, uvIndex)
	for _, d := range c.Downloads {
		if d.ArchVariant != "" {
			continue // uv's key holds the variant; the install's does not
		}
		if got := d.InstallKey(); got != d.Key {
			t.Errorf("InstallKey of %s = %s", d.Key, got)
		}
		b, ok := pyver.ParseUVName(d.InstallKey())
		if !ok || b.Version != d.Build.Version || b.FreeThreaded != d.Build.FreeThreaded || b.Impl != d.Build.Impl {
			t.Errorf("ParseUVName(%s) = %+v, %v", d.InstallKey(), b, ok)
		}
	}
	p := mustParse(t, pymIndex)
	for d, want := range map[int]string{0: "cpython-3.13.9-windows-i686-none", 2: "cpython-3.14.6+freethreaded-windows-aarch64-none"} {
		if got := p.Downloads[d].InstallKey(); got != want {
			t.Errorf("InstallKey of %s = %s, want %s", p.Downloads[d].Key, got, want)
		}
	}
	evil := Download{Build: pyver.Build{Impl: "../x"}, OS: "a/b", Arch: `c\d`, Libc: "-"}
	if got := evil.InstallKey(); strings.ContainsAny(got, `/\`) || strings.HasPrefix(got, ".") || strings.Count(got, "-") != 4 {
		t.Errorf("InstallKey of a hostile entry = %s", got)
	}
}

// Marshal writes what Parse reads back.
func TestMarshalRoundTrip(t *testing.T) {
	for _, index := range []string{uvIndex, pymIndex} {
		c := mustParse(t, index)
		data, err := Marshal(c.Downloads)
		if err != nil {
			t.Fatal(err)
		}
		checkRoundTrip(t, c, data)
	}
}

func checkRoundTrip(t *testing.T, c Catalog, data []byte) {
	t.Helper()
	back, err := Parse(data)
	if err != nil {
		t.Fatalf("Parse(Marshal) = %v\n%s", err, data)
	}
	keys := map[string]Download{}
	for _, d := range back.Downloads {
		keys[d.Key] = d
	}
	seen := map[string]bool{}
	for _, d := range c.Downloads {
		if d.ArchVariant == "" && seen[d.InstallKey()] {
			continue // of two downloads of one build, the first is kept
		}
		seen[d.InstallKey()] = d.ArchVariant == ""
		b, ok := keys[d.InstallKey()]
		if !ok {
			if d.ArchVariant != "" {
				continue // a variant's key is its plain build's
			}
			t.Fatalf("%s is lost", d.InstallKey())
		}
		b.Key, b.Build.CompanyName, b.Build.TagName, b.Company, b.Tag = d.Key, d.Build.CompanyName, d.Build.TagName, d.Company, d.Tag
		if d.ArchVariant == "" && b.ArchVariant == "" && b != d {
			t.Errorf("round trip of %s:\n got %+v\nwant %+v", d.Key, b, d)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(uvIndex))
	f.Add([]byte(pymIndex))
	f.Add([]byte(`{"k": {"name": "cpython", "arch": {"family": "x86_64"}, "os": "linux", "libc": "gnu", "major": 3, "minor": 1, "patch": 0}}`))
	r3, _ := request.FromOption("3", "fuzz")
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(data)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || !strings.HasPrefix(err.Error(), "unreadable index: ") {
				t.Fatalf("Parse error %#v is not an *Error", err)
			}
			return
		}
		if data, err := Marshal(c.Downloads); err != nil {
			t.Fatalf("Marshal: %v", err)
		} else {
			checkRoundTrip(t, c, data)
		}
		for _, d := range c.Downloads {
			if d.Key == "" || d.OS == "" || d.Arch == "" || d.Build.Impl == "" || d.Build.Version.Minor < 0 || d.Build.Version.Micro < 0 {
				t.Fatalf("incomplete download %+v", d)
			}
		}
		for _, p := range []Platform{PlatformOf("linux", "amd64", "gnu"), PlatformOf("windows", "amd64", "")} {
			if d, ok := c.Choose(&r3, p); ok && (!d.For(p) || r3.Match(d.Build) != pyver.Yes) {
				t.Fatalf("Choose(3, %+v) = %+v, which is not for it", p, d)
			}
		}
	})
}
