package discover

import (
	"testing"

	"github.com/pylauncher/py/internal/pyver"
)

func TestRegVersion(t *testing.T) {
	for _, c := range []struct{ tag, sysVersion, version, want string }{
		{"3.14", "3.14", "3.14.6", "3.14.6"},
		{"3.14", "", "3.14.6", "3.14.6"},
		{"3.14-32", "3.14", "3.14.6", "3.14.6"},
		{"3.14", "3.14", "", "3.14"},
		{"3.14", "", "", "3.14"},
		{"3.13t", "3.13", "3.13.1", "3.13.1"},
		{"3.14", "3.14", "3.14.0rc1", "3.14.0rc1"},
		// Another product's own version is not Python's.
		{"3.10", "3.10", "7.3.17", "3.10"},
		{"7.3", "3.10", "7.3.17", "3.10"},
		// A Version that is no full version, or no version.
		{"3.14", "3.14", "3.14", "3.14"},
		{"3.14", "3.14", "latest", "3.14"},
		{"ignored", "", "", "?"},
		{"ignored", "", "3.14.6", "?"},
		{"ignored", "3.12", "3.12.4", "3.12.4"},
		// SysVersion beats the tag.
		{"3.100", "3.12", "", "3.12"},
		{"3.100", "junk", "", "3.100"},
	} {
		if got := regVersion(c.tag, c.sysVersion, c.version).String(); got != c.want {
			t.Errorf("regVersion(%q, %q, %q) = %s, want %s", c.tag, c.sysVersion, c.version, got, c.want)
		}
	}
}

func TestLegacy(t *testing.T) {
	for _, c := range []struct {
		company, tag, arch string
		legacy             bool
		shown              string
	}{
		{"PythonCore", "2.7", "32bit", true, "2.7-32"},
		{"PythonCore", "2.7-32", "32bit", true, "2.7-32"},
		{"PythonCore", "2.7", "64bit", true, "2.7"},
		{"pythoncore", "3.5", "32bit", true, "3.5-32"},
		{"PythonCore", "3.6", "32bit", false, ""},
		{"PythonCore", "3.12", "64bit", false, ""},
		{"PythonCore", "3", "64bit", false, ""},
		{"Other", "2.7", "32bit", false, ""},
	} {
		if got := legacy(c.company, c.tag); got != c.legacy {
			t.Errorf("legacy(%q, %q) = %v", c.company, c.tag, got)
		}
		if c.legacy {
			if got := legacyTag(c.tag, c.arch); got != c.shown {
				t.Errorf("legacyTag(%q, %q) = %q, want %q", c.tag, c.arch, got, c.shown)
			}
		}
	}
}

func TestArchBuild(t *testing.T) {
	for arch, want := range map[string]pyver.Build{
		"32bit": {Bits: 32},
		"64bit": {Bits: 64},
		"ARM64": {Bits: 64, Machine: "arm64"},
		"":      {},
		"x":     {},
	} {
		var b pyver.Build
		archBuild(&b, arch)
		if b != want {
			t.Errorf("archBuild(%q) = %+v, want %+v", arch, b, want)
		}
	}
}

func TestImplOf(t *testing.T) {
	for company, want := range map[string]string{"PythonCore": "cpython", "PyPy": "pypy", "GraalPy": "graalpy", "Astral": "astral", "py": "py"} {
		if got := implOf(company); got != want {
			t.Errorf("implOf(%q) = %q, want %q", company, got, want)
		}
	}
}
