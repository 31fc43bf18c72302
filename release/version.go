package main

import (
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// source is what a release is made from: the work tree, its version and
// the time every file in the release carries.
type source struct {
	// Root is the main module's directory (the repository's top).
	Root string
	// Version is stamped into the programs: "git describe --tags --dirty"
	// when a tag exists, else a Go pseudo-version of the commit.
	Version string
	// Time is SOURCE_DATE_EPOCH when set, else the commit's time: the
	// mtime of every file in the archives and packages.
	Time time.Time
}

// describe finds the version and time of the work tree at root.
func describe(root string, getenv func(string) string) (source, error) {
	s := source{Root: root}
	git := func(args ...string) (string, error) {
		cmd := exec.Command("git", append([]string{"-C", root}, args...)...)
		cmd.Stderr = nil
		out, err := cmd.Output()
		return strings.TrimSpace(string(out)), err
	}
	ct, err := git("log", "-1", "--format=%ct", "HEAD")
	if err != nil {
		return s, fmt.Errorf("cannot read the commit's time (git log): %v", err)
	}
	commitTime, err := strconv.ParseInt(ct, 10, 64)
	if err != nil {
		return s, fmt.Errorf("git log gave the commit time %q", ct)
	}
	s.Time = time.Unix(commitTime, 0).UTC()
	if e := getenv("SOURCE_DATE_EPOCH"); e != "" {
		n, err := strconv.ParseInt(e, 10, 64)
		if err != nil || n < 0 {
			return s, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds", e)
		}
		s.Time = time.Unix(n, 0).UTC()
	}
	if v, err := git("describe", "--tags", "--dirty", "--match", "v[0-9]*"); err == nil && v != "" {
		s.Version = v
		return s, nil
	}
	hash, err := git("rev-parse", "--short=12", "HEAD")
	if err != nil {
		return s, fmt.Errorf("cannot read the commit (git rev-parse): %v", err)
	}
	always, err := git("describe", "--always", "--dirty")
	if err != nil {
		return s, fmt.Errorf("cannot tell whether the work tree is modified (git describe): %v", err)
	}
	s.Version = pseudoVersion(time.Unix(commitTime, 0), hash, strings.HasSuffix(always, "-dirty"))
	return s, nil
}

// pseudoVersion is the version of a commit no tag names: Go's
// pseudo-version (what "go install …@<commit>" reports), with "-dirty"
// when the work tree has changes.
func pseudoVersion(t time.Time, hash string, dirty bool) string {
	v := "v0.0.0-" + t.UTC().Format("20060102150405") + "-" + hash
	if dirty {
		v += "-dirty"
	}
	return v
}

var (
	semverRE   = regexp.MustCompile(`^v?(\d+\.\d+\.\d+)(-[0-9A-Za-z.-]+)?$`)
	describeRE = regexp.MustCompile(`^(.*)-(\d+)-g([0-9a-f]+)$`)
)

// debVersion turns a release version into a Debian one that sorts as
// the releases do: v1.2.3 is 1.2.3; v1.3.0-rc1 is 1.3.0~rc1 (before
// 1.3.0); three commits after v1.2.3 is 1.2.3+3.gabc1234 (after it); a
// pseudo-version v0.0.0-20261201131000-737c107abcde is
// 0.0.0~20261201131000.737c107abcde; -dirty becomes +dirty. Debian
// versions hold no "-" (it would start the Debian revision) and start
// with a digit.
func debVersion(v string) (string, error) {
	dirty := strings.HasSuffix(v, "-dirty")
	v = strings.TrimSuffix(v, "-dirty")
	after := ""
	if m := describeRE.FindStringSubmatch(v); m != nil {
		v, after = m[1], m[2]+".g"+m[3]
	}
	m := semverRE.FindStringSubmatch(v)
	if m == nil {
		return "", fmt.Errorf("version %q is neither vX.Y.Z[-pre] nor what git describe makes of one", v)
	}
	deb := m[1]
	if pre := strings.TrimPrefix(m[2], "-"); pre != "" {
		deb += "~" + strings.ReplaceAll(pre, "-", ".")
	}
	switch {
	case after != "" && dirty:
		deb += "+" + after + ".dirty"
	case after != "":
		deb += "+" + after
	case dirty:
		deb += "+dirty"
	}
	return deb, nil
}

// plainVersion is the version without its leading "v", as the package
// managers' manifests write it.
func plainVersion(v string) string { return strings.TrimPrefix(v, "v") }

// environ is the process environment without the variables that would
// change what go build makes; build adds its own.
func environ() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "GOOS", "GOARCH", "CGO_ENABLED", "GOFLAGS", "GOAMD64", "GOARM64", "GOEXPERIMENT", "GOWORK":
			continue
		}
		env = append(env, kv)
	}
	return env
}
