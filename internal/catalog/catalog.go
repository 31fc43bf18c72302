// Package catalog reads the indexes of downloadable Pythons and chooses
// among them: uv's download-metadata.json (the python-build-standalone
// builds uv installs, for CPython — standard, free-threaded, debug — and
// PyPy) and pymanager's index (python.org's own Windows packages, PEP
// 773). A request (package request) and a platform choose the download.
//
// The package is pure: it parses bytes and compares values.
package catalog

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/pylauncher/py/internal/pyver"
	"github.com/pylauncher/py/internal/request"
)

// Download is one archive an index offers.
type Download struct {
	// Key names it: uv's "cpython-3.14.6-linux-x86_64-gnu" (with
	// "+freethreaded" after the version for a variant), or pymanager's
	// id ("pythoncore-3.14-64").
	Key string
	// Build is what the archive installs.
	Build pyver.Build
	// OS ("linux", "darwin", "windows"), Arch (uv's family: "x86_64",
	// "aarch64", "i686"…; ArchVariant "v2", "v3"…), Libc ("gnu",
	// "musl", "none").
	OS, Arch, ArchVariant, Libc string
	// URL is the archive (.tar.gz, .tar.zst or .zip; relative URLs are
	// taken from the index's own); SHA256 its hash, lower-case hex.
	URL, SHA256 string
	// Release is python-build-standalone's release ("20260610"), when
	// known.
	Release string
	// Company and Tag are the PEP 514 names of a pymanager package.
	Company, Tag string
}

// Catalog is what an index offers.
type Catalog struct {
	Downloads []Download
	// Next is the URL of the index's next page (pymanager's "next"),
	// relative to the index's own; "" for none.
	Next string
}

// Error is an index that cannot be read.
type Error struct{ Reason string }

func (e *Error) Error() string { return "unreadable index: " + e.Reason }

// Parse reads an index in either format: uv's (an object of keys) or
// pymanager's (an object with "versions").
func Parse(data []byte) (Catalog, error) {
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(data, &probe); err != nil {
		return Catalog{}, &Error{err.Error()}
	}
	if _, ok := probe["versions"]; ok {
		return parsePymanager(data)
	}
	return parseUV(probe)
}

// uvEntry is one entry of download-metadata.json. arch is a string in
// older files ("aarch64") and {"family", "variant"} in newer ones.
type uvEntry struct {
	Name       string          `json:"name"`
	Arch       json.RawMessage `json:"arch"`
	OS         string          `json:"os"`
	Libc       string          `json:"libc"`
	Major      int             `json:"major"`
	Minor      int             `json:"minor"`
	Patch      int             `json:"patch"`
	Prerelease string          `json:"prerelease"`
	URL        string          `json:"url"`
	SHA256     *string         `json:"sha256"`
	Variant    *string         `json:"variant"`
	Build      *string         `json:"build"`
}

// uvArch is an entry's arch in newer files: {"family", "variant"}.
type uvArch struct {
	Family  string  `json:"family"`
	Variant *string `json:"variant"`
}

func parseUV(entries map[string]json.RawMessage) (Catalog, error) {
	var c Catalog
	for key, raw := range entries {
		if key == "" {
			return Catalog{}, &Error{"an entry has no key"}
		}
		var e uvEntry
		if err := json.Unmarshal(raw, &e); err != nil {
			return Catalog{}, &Error{fmt.Sprintf("entry %s: %v", strconv.Quote(key), err)}
		}
		d, err := e.download(key)
		if err != nil {
			return Catalog{}, &Error{fmt.Sprintf("entry %s: %v", strconv.Quote(key), err)}
		}
		c.Downloads = append(c.Downloads, d)
	}
	c.sort()
	return c, nil
}

func (e uvEntry) download(key string) (Download, error) {
	d := Download{Key: key, OS: e.OS, Libc: e.Libc, URL: e.URL}
	if e.SHA256 != nil {
		d.SHA256 = strings.ToLower(*e.SHA256)
	}
	if e.Build != nil {
		d.Release = *e.Build
	}
	var family uvArch
	switch {
	case len(e.Arch) > 0 && e.Arch[0] == '"':
		if err := json.Unmarshal(e.Arch, &d.Arch); err != nil {
			return d, err
		}
	case len(e.Arch) > 0:
		if err := json.Unmarshal(e.Arch, &family); err != nil {
			return d, err
		}
		d.Arch = family.Family
		if family.Variant != nil {
			d.ArchVariant = *family.Variant
		}
	}
	impl := strings.ToLower(e.Name)
	if impl == "" || d.OS == "" || d.Arch == "" || e.Major < 0 || e.Minor < 0 || e.Patch < 0 {
		return d, errors.New("no name, os, arch or version")
	}
	v := pyver.Version{Major: e.Major, Minor: e.Minor, Micro: e.Patch, Pre: e.Prerelease}
	if v.Pre != "" {
		if pv, ok := pyver.ParseVersion(v.String()); !ok || pv != v {
			return d, fmt.Errorf("pre-release %s", strconv.Quote(e.Prerelease))
		}
	}
	d.Build = pyver.Build{Impl: impl, Version: v, Machine: machine(d.Arch), Bits: bits(d.Arch)}
	if e.Variant != nil {
		for _, part := range strings.Split(*e.Variant, "+") {
			switch part {
			case "freethreaded":
				d.Build.FreeThreaded = true
			case "debug":
				d.Build.Debug = true
			case "":
			default:
				return d, fmt.Errorf("variant %s", strconv.Quote(*e.Variant))
			}
		}
	}
	return d, nil
}

// machine maps uv's architecture names to the ones py's builds use.
func machine(arch string) string {
	switch arch {
	case "x86_64":
		return "x86_64"
	case "aarch64":
		return "arm64"
	case "i686", "i386", "x86":
		return "x86"
	}
	return arch
}

func bits(arch string) int {
	switch arch {
	case "x86_64", "aarch64", "powerpc64le", "s390x", "riscv64":
		return 64
	case "i686", "i386", "x86", "armv7":
		return 32
	}
	return 0
}

// sort orders the downloads: by key, so that listings are stable.
func (c *Catalog) sort() {
	slices.SortStableFunc(c.Downloads, func(a, b Download) int { return cmp.Compare(a.Key, b.Key) })
}

// Platform is the machine a download is for.
type Platform struct {
	// OS is "linux", "darwin" or "windows"; Arch uv's family
	// ("x86_64", "aarch64"); Libc "gnu", "musl" or "none".
	OS, Arch, Libc string
}

// Platform maps GOOS and GOARCH (and the C library, on Linux) to uv's
// names.
func PlatformOf(goos, goarch, libc string) Platform {
	p := Platform{OS: goos, Libc: "none"}
	switch goarch {
	case "amd64":
		p.Arch = "x86_64"
	case "arm64":
		p.Arch = "aarch64"
	case "386":
		p.Arch = "i686"
	default:
		p.Arch = goarch
	}
	if goos == "linux" {
		p.Libc = libc
		if p.Libc == "" {
			p.Libc = "gnu"
		}
	}
	return p
}

// For reports whether d runs on p. An architecture variant (x86_64_v3)
// is left to the caller: the plain build always runs.
func (d Download) For(p Platform) bool {
	return d.OS == p.OS && d.Arch == p.Arch && (d.Libc == p.Libc || d.OS != "linux")
}

// Choose returns the download that r asks for on p: among those that
// satisfy it, the preferred build (stable, standard CPython, unless r
// asks otherwise), then the newest version, then the plain architecture
// (no variant), then the newest release. It reports false when none
// does.
func (c Catalog) Choose(r *request.Request, p Platform) (Download, bool) {
	var best *Download
	for i := range c.Downloads {
		d := &c.Downloads[i]
		if !d.For(p) || d.ArchVariant != "" || r.Match(d.Build) != pyver.Yes {
			continue
		}
		if best == nil || better(r, d, best) {
			best = d
		}
	}
	if best == nil {
		return Download{}, false
	}
	return *best, true
}

// better reports whether a comes before b for r.
func better(r *request.Request, a, b *Download) bool {
	if pa, pb := r.Preferred(a.Build, false), r.Preferred(b.Build, false); pa != pb {
		return pa
	}
	if c := pyver.Compare(a.Build.Version, b.Build.Version); c != 0 {
		return c > 0
	}
	if a.Release != b.Release {
		return a.Release > b.Release
	}
	return a.Key < b.Key
}

// For returns the downloads for p, newest first, for a listing.
func (c Catalog) For(p Platform) []Download {
	var out []Download
	for _, d := range c.Downloads {
		if d.For(p) && d.ArchVariant == "" {
			out = append(out, d)
		}
	}
	slices.SortStableFunc(out, func(a, b Download) int {
		if c := pyver.Compare(b.Build.Version, a.Build.Version); c != 0 {
			return c
		}
		return cmp.Compare(a.Key, b.Key)
	})
	return out
}

// pymEntry is one package of pymanager's index.
type pymEntry struct {
	ID          string            `json:"id"`
	SortVersion string            `json:"sort-version"`
	Company     string            `json:"company"`
	Tag         string            `json:"tag"`
	InstallFor  []string          `json:"install-for"`
	DisplayName string            `json:"display-name"`
	Executable  string            `json:"executable"`
	URL         string            `json:"url"`
	Hash        map[string]string `json:"hash"`
}

// parsePymanager reads pymanager's index: {"versions": [...]} (a "next"
// page is the caller's to fetch). Its packages are for Windows; the tag
// says the architecture (-32, -64, -arm64) and a free-threaded build (t).
func parsePymanager(data []byte) (Catalog, error) {
	var doc struct {
		Versions []pymEntry `json:"versions"`
		Next     string     `json:"next"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return Catalog{}, &Error{err.Error()}
	}
	c := Catalog{Next: doc.Next}
	for _, e := range doc.Versions {
		d, err := e.download()
		if err != nil {
			return Catalog{}, &Error{fmt.Sprintf("package %s: %v", strconv.Quote(e.ID), err)}
		}
		c.Downloads = append(c.Downloads, d)
	}
	c.sort()
	return c, nil
}

func (e pymEntry) download() (Download, error) {
	d := Download{Key: e.ID, OS: "windows", Libc: "none", URL: e.URL, SHA256: strings.ToLower(e.Hash["sha256"]), Company: e.Company, Tag: e.Tag}
	if e.ID == "" || e.URL == "" || e.Company == "" {
		return d, errors.New("no id, url or company")
	}
	v, ok := pyver.ParseVersion(e.SortVersion)
	if !ok || v.Minor < 0 {
		return d, fmt.Errorf("sort-version %s", strconv.Quote(e.SortVersion))
	}
	if v.Micro < 0 {
		v.Micro = 0
	}
	tag := strings.ToLower(e.Tag)
	d.Arch = "x86_64"
	switch {
	case strings.HasSuffix(tag, "-32"):
		d.Arch = "i686"
	case strings.HasSuffix(tag, "-arm64"):
		d.Arch = "aarch64"
	}
	base, _, _ := strings.Cut(tag, "-")
	impl := strings.ToLower(e.Company)
	if strings.EqualFold(e.Company, "PythonCore") {
		impl = pyver.CPython
	}
	d.Build = pyver.Build{Impl: impl, Version: v, FreeThreaded: strings.HasSuffix(base, "t"), Machine: machine(d.Arch), Bits: bits(d.Arch),
		CompanyName: e.Company, TagName: e.Tag}
	return d, nil
}

// InstallKey names the install of d, in uv's form whatever the index:
// cpython-3.14.6-linux-x86_64-gnu, cpython-3.14.0+freethreaded-windows-x86_64-none.
// It is made from what d is, not taken from the index, so that it is
// always a plain directory name.
func (d Download) InstallKey() string {
	var b strings.Builder
	b.WriteString(keyPart(d.Build.Impl))
	b.WriteByte('-')
	b.WriteString(d.Build.Version.String())
	if d.Build.FreeThreaded {
		b.WriteString("+freethreaded")
	}
	if d.Build.Debug {
		b.WriteString("+debug")
	}
	for _, part := range []string{d.OS, d.Arch, d.Libc} {
		b.WriteByte('-')
		b.WriteString(keyPart(part))
	}
	return b.String()
}

// keyPart keeps the letters, digits, "_" and "." (not first) of s (an
// index's field), so that a key is a plain name with four "-".
func keyPart(s string) string {
	out := []byte(s)[:0:0]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '.' && len(out) > 0 {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return "unknown"
	}
	return string(out)
}

// Marshal writes downloads as an index in uv's format (the offline
// bundle of py install --download), which Parse reads back.
func Marshal(ds []Download) ([]byte, error) {
	str := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	// Two downloads of one build: the first plain one is kept.
	kept := map[string]Download{}
	for _, d := range ds {
		if k, dup := kept[d.InstallKey()]; !dup || d.ArchVariant == "" && k.ArchVariant != "" {
			kept[d.InstallKey()] = d
		}
	}
	out := map[string]uvEntry{}
	for key, d := range kept {
		v := d.Build.Version
		var variant []string
		if d.Build.FreeThreaded {
			variant = append(variant, "freethreaded")
		}
		if d.Build.Debug {
			variant = append(variant, "debug")
		}
		arch, err := json.Marshal(uvArch{d.Arch, str(d.ArchVariant)})
		if err != nil {
			return nil, err
		}
		out[key] = uvEntry{
			Name: d.Build.Impl, Arch: arch, OS: d.OS, Libc: d.Libc,
			Major: v.Major, Minor: v.Minor, Patch: max(v.Micro, 0), Prerelease: v.Pre,
			URL: d.URL, SHA256: str(d.SHA256), Variant: str(strings.Join(variant, "+")), Build: str(d.Release),
		}
	}
	return json.MarshalIndent(out, "", "  ")
}
