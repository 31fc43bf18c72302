package installer

import (
	"strconv"

	"github.com/pylauncher/py/internal/pyver"
)

// RegistryCompany is the PEP 514 company under which py install
// registers its installs on Windows (HKCU\Software\Python\py\<tag>), so
// that CPython's py.exe (py -V:py/3.14) and other tools see them; not
// PythonCore, which belongs to python.org's installers.
const RegistryCompany = "py"

// registryTag is the PEP 514 tag of an install: its version, "t" for a
// free-threaded build, "-32" or "-arm64" for those architectures, as
// python.org's tags say them (3.14.6, 3.14.6t, 3.14.6-32).
func registryTag(b pyver.Build) string {
	tag := b.Version.String()
	if b.FreeThreaded {
		tag += "t"
	}
	if b.Debug {
		tag += "d"
	}
	switch {
	case b.Bits == 32:
		tag += "-32"
	case b.Machine == "arm64":
		tag += "-arm64"
	}
	return tag
}

// sysVersion is PEP 514's SysVersion: "3.14".
func sysVersion(b pyver.Build) string {
	return strconv.Itoa(b.Version.Major) + "." + strconv.Itoa(b.Version.Minor)
}
