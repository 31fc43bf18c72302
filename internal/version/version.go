// Package version is the version of py's programs: py, py-install,
// venvlauncher and mkentrypoint. (The entrypoint template keeps its own
// copy of the stamp: runtime/debug, which this package needs, would make
// the template 190 KiB larger; see cmd/entrypoint.)
//
// The version is, in order:
//
//   - Version, when the build stamped it: release/build.sh passes
//     -ldflags "-X github.com/pylauncher/py/internal/version.Version=v1.2.3",
//     the text of "git describe --tags --dirty" or, without a tag, a Go
//     pseudo-version (v0.0.0-20261201131000-737c107abcde);
//   - the module's version, for a program built by
//     "go install github.com/pylauncher/py/cmd/py@v1.2.3";
//   - "devel": a build from a clone (go build, go run, go install ./cmd/...).
package version

import "runtime/debug"

// Version is the stamped version; empty when the build stamped none.
var Version = ""

// Devel is the version of a build that says nothing of its version.
const Devel = "devel"

// String returns the version of the running program.
func String() string {
	module := ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		module = bi.Main.Version
	}
	return Choose(Version, module)
}

// Choose returns the version of a program stamped with stamped (or "")
// whose build info gives module as the main module's version: the stamp,
// else the module's version, else Devel. The go command records "(devel)"
// (or nothing) for a build from a work tree.
func Choose(stamped, module string) string {
	switch {
	case stamped != "":
		return stamped
	case module != "" && module != "(devel)":
		return module
	}
	return Devel
}
