package pyver

import (
	"strings"
)

// Implementation names, lower case as in sys.implementation.name.
const (
	CPython = "cpython"
	PyPy    = "pypy"
	GraalPy = "graalpy"
)

// Build describes one interpreter as far as it matters for choosing it.
type Build struct {
	// Impl is CPython, PyPy, GraalPy or another sys.implementation.name.
	Impl    string
	Version Version
	// FreeThreaded is a build without the GIL (python3.13t).
	FreeThreaded bool
	// Debug is a debug build (python3.12d, sys.gettotalrefcount exists).
	Debug bool
	// Bits is the pointer size, 32 or 64, or 0 when unknown.
	Bits int
	// Machine is the CPU architecture ("x86_64", "arm64"), "" when unknown.
	Machine string
	// CompanyName and TagName, when set, are the PEP 514 registry names
	// of the install, used instead of the ones derived from Impl and
	// Version.
	CompanyName string
	TagName     string
}

// Standard reports whether b is a stable, standard CPython build: the kind
// chosen when a request does not ask for anything else.
func (b Build) Standard() bool {
	return b.Impl == CPython && !b.FreeThreaded && !b.Debug && !b.Version.Prerelease()
}

// Company returns b's PEP 514 company: PythonCore for CPython, PyPy,
// GraalPy, or the implementation name for others.
func (b Build) Company() string {
	if b.CompanyName != "" {
		return b.CompanyName
	}
	switch b.Impl {
	case CPython:
		return "PythonCore"
	case PyPy:
		return "PyPy"
	case GraalPy:
		return "GraalPy"
	}
	return b.Impl
}

// Tag returns b's PEP 514 tag: "X.Y", with "t" for a free-threaded build
// ("3.13t"), as CPython's Windows installer registers it.
func (b Build) Tag() string {
	if b.TagName != "" {
		return b.TagName
	}
	t := b.Version.Feature()
	if b.FreeThreaded {
		t += "t"
	}
	return t
}

// ParseExeName parses the file name of an interpreter executable:
// python, python3, python3.12, python3.13t, python3.12d, python3.7m,
// pypy, pypy3, pypy3.10, graalpy (with an optional .exe). ok is false for
// anything else, such as python3.12-config or python3.12-gdb.py.
func ParseExeName(name string) (b Build, ok bool) {
	if len(name) > 4 && strings.EqualFold(name[len(name)-4:], ".exe") {
		name = name[:len(name)-4]
	}
	var rest string
	switch {
	case strings.HasPrefix(name, "python"):
		b.Impl, rest = CPython, name[len("python"):]
	case strings.HasPrefix(name, "pypy"):
		b.Impl, rest = PyPy, name[len("pypy"):]
	case strings.HasPrefix(name, "graalpy"):
		b.Impl, rest = GraalPy, name[len("graalpy"):]
	default:
		return b, false
	}
	// Flags after the number: t (free-threaded), d (debug), m (pymalloc,
	// 3.7 and older), in CPython's ABI-flag order.
	i := strings.IndexFunc(rest, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
	if i < 0 {
		i = len(rest)
	}
	num, flags := rest[:i], rest[i:]
	switch flags {
	case "":
	case "t":
		b.FreeThreaded = true
	case "d", "dm":
		b.Debug = true
	case "td":
		b.FreeThreaded, b.Debug = true, true
	case "m":
	default:
		return b, false
	}
	b.Version = Unknown
	if num == "" {
		return b, flags == ""
	}
	v, ok := ParseVersion(num)
	if !ok || v.Micro >= 0 {
		return b, false
	}
	if flags != "" && v.Minor < 0 {
		return b, false
	}
	b.Version = v
	return b, true
}

// ParseInstallName parses the name of a pyenv, asdf or mise install
// directory: 3.12.1, 3.13.0t, 3.14.0a1, 3.14-dev, 3.12.1-debug,
// pypy3.10-7.3.17, graalpy-24.1.0, miniconda3-latest. ok is false for names
// that are not a version at all; known is false when the name says it is a
// Python but not which version (conda and GraalPy installs), so the
// interpreter has to be asked.
func ParseInstallName(name string) (b Build, known, ok bool) {
	b.Version = Unknown
	b.Impl = CPython
	s := name
	if rest, cut := strings.CutSuffix(s, "-debug"); cut {
		b.Debug, s = true, rest
	}
	dev := false
	if rest, cut := strings.CutSuffix(s, "-dev"); cut {
		dev, s = true, rest
	}
	switch {
	case strings.HasPrefix(s, "pypy"):
		// pypy3.10-7.3.17, pypy2.7-v7.3.11
		b.Impl = PyPy
		lang, _, _ := strings.Cut(s[len("pypy"):], "-")
		v, vok := ParseVersion(lang)
		if !vok || v.Micro >= 0 || v.Minor < 0 {
			return b, false, true
		}
		b.Version = v
		return b, true, true
	case strings.HasPrefix(s, "graalpy"), strings.HasPrefix(s, "graalpython"):
		b.Impl = GraalPy
		return b, false, true
	case strings.HasPrefix(s, "miniconda"), strings.HasPrefix(s, "anaconda"),
		strings.HasPrefix(s, "miniforge"), strings.HasPrefix(s, "mambaforge"):
		return b, false, true
	}
	if strings.HasSuffix(s, "t") {
		b.FreeThreaded, s = true, s[:len(s)-1]
	}
	v, vok := ParseVersion(s)
	if !vok {
		return b, false, false
	}
	if dev {
		// A branch head: a pre-release of whatever comes next.
		v.Micro, v.Pre = -1, "dev"
	}
	b.Version = v
	return b, true, true
}

// ParseUVName parses the name of a uv-managed install directory:
// cpython-3.12.1-linux-x86_64-gnu, cpython-3.13.0+freethreaded-macos-aarch64-none,
// pypy-3.10.14-linux-x86_64-gnu.
func ParseUVName(name string) (b Build, ok bool) {
	parts := strings.Split(name, "-")
	if len(parts) < 4 {
		return b, false
	}
	switch parts[0] {
	case CPython, PyPy, GraalPy:
		b.Impl = parts[0]
	default:
		return b, false
	}
	ver, variant, _ := strings.Cut(parts[1], "+")
	v, vok := ParseVersion(ver)
	if !vok || v.Minor < 0 {
		return b, false
	}
	b.Version = v
	for _, f := range strings.Split(variant, "+") {
		switch f {
		case "freethreaded":
			b.FreeThreaded = true
		case "debug":
			b.Debug = true
		}
	}
	switch parts[3] {
	case "x86_64":
		b.Machine, b.Bits = "x86_64", 64
	case "aarch64":
		b.Machine, b.Bits = "arm64", 64
	case "x86", "i686":
		b.Machine, b.Bits = "x86", 32
	}
	return b, true
}
