package discover

import (
	"strconv"
	"strings"

	"github.com/pylauncher/py/internal/pyver"
)

// The PEP 514 rules that need no registry: what a registration's names
// and values say. Used by the Windows registry scan; pure.

// legacy reports a PythonCore registration from before PEP 514 (2.x and
// 3.0–3.5), read by CPython's launcher's older rules.
func legacy(company, tag string) bool {
	if !strings.EqualFold(company, "PythonCore") {
		return false
	}
	maj, rest, ok := strings.Cut(tag, ".")
	if !ok {
		return false
	}
	min, _, _ := strings.Cut(rest, "-")
	x, err1 := strconv.Atoi(maj)
	y, err2 := strconv.Atoi(min)
	return err1 == nil && err2 == nil && (x == 2 || x == 3 && y <= 5)
}

// legacyTag returns a legacy registration's tag as CPython's launcher
// shows it: "-32" appended for a 32-bit one (HKLM's 32-bit view), unless
// it ends so already. Its display name is "Python " and that tag.
func legacyTag(tag, arch string) string {
	if arch == "32bit" && !strings.HasSuffix(tag, "-32") {
		return tag + "-32"
	}
	return tag
}

func implOf(company string) string {
	switch strings.ToLower(company) {
	case "pythoncore":
		return pyver.CPython
	case "pypy":
		return pyver.PyPy
	case "graalpy":
		return pyver.GraalPy
	}
	return strings.ToLower(company)
}

// tagVersion reads the version at the start of a tag: "3.12-32" is 3.12,
// "3.13t" is 3.13.
func tagVersion(tag string) pyver.Version {
	i := 0
	for i < len(tag) && (tag[i] >= '0' && tag[i] <= '9' || tag[i] == '.') {
		i++
	}
	v, ok := pyver.ParseVersion(strings.TrimSuffix(tag[:i], "."))
	if !ok {
		return pyver.Unknown
	}
	return v
}

// regVersion returns the Python version a registration says: its Version
// value (3.14.6, PEP 514's full version) when it is the same X.Y as its
// SysVersion value (3.14), or as its tag when it has no SysVersion;
// else SysVersion; else the tag's version. (Another company's Version
// may be its product's own, PyPy's 7.3.17: it is not Python's then.)
func regVersion(tag, sysVersion, version string) pyver.Version {
	v := tagVersion(tag)
	if sv, ok := pyver.ParseVersion(strings.TrimSpace(sysVersion)); ok && sv.Minor >= 0 {
		v = sv
	}
	full, ok := pyver.ParseVersion(strings.TrimSpace(version))
	if ok && full.Micro >= 0 && v.Known() && full.Major == v.Major && full.Minor == v.Minor {
		return full
	}
	return v
}

// archBuild sets b's pointer size and machine from a registration's
// SysArchitecture (32bit, 64bit, ARM64).
func archBuild(b *pyver.Build, arch string) {
	switch strings.ToLower(arch) {
	case "32bit":
		b.Bits = 32
	case "64bit":
		b.Bits = 64
	case "arm64":
		b.Bits, b.Machine = 64, "arm64"
	}
}
