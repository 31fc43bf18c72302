package main

import (
	"runtime"
	"strings"
	"syscall"
)

// version is the template's version, stamped by release/build.sh with
// -ldflags "-X main.version=v1.2.3", as it stamps internal/version.Version
// into the other programs. The template cannot import package version:
// runtime/debug would make it 190 KiB larger on Windows (see
// internal/deps). Unstamped, the debug trace reads the version from the
// template's own build info (go install …@v1.2.3), else says devel.
var version string

// trace writes the debug trace's line to stderr when PYLAUNCHER_DEBUG is
// set in env: the template's version and the launcher's path.
func trace(env []string, self string, stderr interface{ Write([]byte) (int, error) }) {
	if !debugging(env) {
		return
	}
	v := version
	if v == "" {
		v = moduleVersion(self)
	}
	if v == "" {
		v = "devel"
	}
	stderr.Write([]byte("# entrypoint " + v + ": " + self + "\n"))
}

// debugging reports whether PYLAUNCHER_DEBUG is set, not empty, in env:
// its first setting, the name in any case on Windows.
func debugging(env []string) bool {
	const name = "PYLAUNCHER_DEBUG="
	for _, kv := range env {
		if len(kv) >= len(name) && sameName(kv[:len(name)], name) {
			return len(kv) > len(name)
		}
	}
	return false
}

// sameName compares environment names: exactly, or on Windows without
// regard to the case of ASCII letters (strings.EqualFold would bring
// Unicode tables into the template).
func sameName(a, b string) bool {
	if a == b || runtime.GOOS != "windows" {
		return a == b
	}
	for i := 0; i < len(a); i++ {
		if upper(a[i]) != upper(b[i]) {
			return false
		}
	}
	return true
}

func upper(c byte) byte {
	if 'a' <= c && c <= 'z' {
		return c - 'a' + 'A'
	}
	return c
}

// The markers around the build info's text in a Go program (the go
// command's modload.infoStart and infoEnd).
const (
	infoStart = "\x30\x77\xaf\x0c\x92\x74\x08\x02\x41\xe1\xc1\x07\xe6\xd6\x18\xe6"
	infoEnd   = "\xf9\x32\x43\x31\x86\x18\x20\x72\x00\x82\x42\x10\x41\x16\xd8\xf2"
)

// maxScan bounds what moduleVersion reads: a template and its archive.
const maxScan = 64 << 20

// moduleVersion returns the main module's version recorded in the build
// info of the Go program that starts the file at path (a launcher's
// template), or "" when it records none. It reads the file: only the
// debug trace asks.
func moduleVersion(path string) string {
	fd, err := syscall.Open(path, syscall.O_RDONLY, 0)
	if err != nil {
		return ""
	}
	defer syscall.Close(fd)
	var data []byte
	buf := make([]byte, 64<<10)
	for len(data) < maxScan {
		n, err := syscall.Read(fd, buf)
		if n <= 0 || err != nil {
			break
		}
		data = append(data, buf[:n]...)
	}
	return modVersion(string(data))
}

// modVersion returns the version on the "mod" line of the first build
// info in data ("mod\tPATH\tVERSION\tSUM"), or "" when there is none or it
// is "(devel)".
func modVersion(data string) string {
	i := strings.Index(data, infoStart)
	if i < 0 {
		return ""
	}
	info := data[i+len(infoStart):]
	j := strings.Index(info, infoEnd)
	if j < 0 {
		return ""
	}
	for rest := info[:j]; rest != ""; {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		if m, ok := strings.CutPrefix(line, "mod\t"); ok {
			_, m, _ = strings.Cut(m, "\t")
			m, _, _ = strings.Cut(m, "\t")
			if m == "(devel)" {
				return ""
			}
			return m
		}
	}
	return ""
}
