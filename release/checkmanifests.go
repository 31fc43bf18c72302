package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The manifests are checked for what a package manager would reject or
// get wrong: each parses (ruby -c for the formula where Ruby is
// installed, and always a structural check of it; JSON; YAML with no
// unknown field), names the release's version, and downloads each archive
// by its URL with its sha256 from SHA256SUMS; the files they install are
// in the archives.

// archiveEntries lists the files (not directories) in a .tar.gz or .zip.
func archiveEntries(data []byte, isZip bool) ([]string, error) {
	var names []string
	if isZip {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return nil, err
		}
		for _, f := range zr.File {
			if !strings.HasSuffix(f.Name, "/") {
				names = append(names, f.Name)
			}
		}
		return names, nil
	}
	gz, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return names, nil
		}
		if err != nil {
			return nil, err
		}
		if h.Typeflag == tar.TypeReg {
			names = append(names, h.Name)
		}
	}
}

var (
	rubyString  = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)
	rubyOpener  = regexp.MustCompile(`^\s*(class|def|module)\b|\bdo(\s*\|[^|]*\|)?\s*$`)
	rubyCloser  = regexp.MustCompile(`^\s*end\s*$`)
	rubyURL     = regexp.MustCompile(`^\s*url "([^"]*)"\s*$`)
	rubySHA256  = regexp.MustCompile(`^\s*sha256 "([0-9a-f]{64})"\s*$`)
	rubyVersion = regexp.MustCompile(`^\s*version "([^"]*)"\s*$`)
	rubyInstall = regexp.MustCompile(`^\s*bin\.install (.*)$`)
)

// checkFormulaText checks the formula's structure: strings closed on
// their line, blocks (class, def, do) closed by end, one class Py <
// Formula with the release's version, and each url followed by the sha256
// of that archive. It returns the files bin.install names.
func checkFormulaText(rb string, in manifestInput) ([]string, error) {
	depth := 0
	urls := map[string]bool{}
	lastURL, sawVersion := "", false
	var installs []string
	lines := strings.Split(rb, "\n")
	for i, line := range lines {
		n := i + 1
		if strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		if strings.Count(rubyString.ReplaceAllString(line, `""`), `"`)%2 != 0 {
			return nil, fmt.Errorf("py.rb:%d: a string is not closed: %s", n, line)
		}
		code := rubyString.ReplaceAllString(line, `""`)
		if rubyOpener.MatchString(code) {
			depth++
		}
		if rubyCloser.MatchString(code) {
			depth--
			if depth < 0 {
				return nil, fmt.Errorf("py.rb:%d: end without a block", n)
			}
		}
		if m := rubyVersion.FindStringSubmatch(line); m != nil {
			if m[1] != plainVersion(in.Version) {
				return nil, fmt.Errorf("py.rb:%d: version %q, want %q", n, m[1], plainVersion(in.Version))
			}
			sawVersion = true
		}
		if m := rubyURL.FindStringSubmatch(line); m != nil {
			lastURL = m[1]
			continue
		}
		if m := rubySHA256.FindStringSubmatch(line); m != nil {
			if err := checkDownload(lastURL, m[1], in); err != nil {
				return nil, fmt.Errorf("py.rb:%d: %v", n, err)
			}
			urls[lastURL] = true
			lastURL = ""
		} else if lastURL != "" {
			return nil, fmt.Errorf("py.rb:%d: url %q is not followed by its sha256", n, lastURL)
		}
		if m := rubyInstall.FindStringSubmatch(line); m != nil {
			for _, s := range rubyString.FindAllString(m[1], -1) {
				installs = append(installs, strings.Trim(s, `"`))
			}
		}
	}
	switch {
	case depth != 0:
		return nil, fmt.Errorf("py.rb: %d block(s) not closed", depth)
	case !strings.Contains(rb, "\nclass Py < Formula\n"):
		return nil, fmt.Errorf("py.rb: no class Py < Formula")
	case !sawVersion:
		return nil, fmt.Errorf("py.rb: no version")
	case len(urls) != 4:
		return nil, fmt.Errorf("py.rb: %d different downloads, want 4 (macOS and Linux, arm64 and amd64)", len(urls))
	case len(installs) == 0:
		return nil, fmt.Errorf("py.rb: installs nothing into bin")
	}
	return installs, nil
}

// checkDownload checks that url is one of the release's archives and sum
// its sha256.
func checkDownload(url, sum string, in manifestInput) error {
	for _, p := range allPlatforms {
		if url == in.url(p) {
			want, err := in.sum(p)
			if err != nil {
				return err
			}
			if !strings.EqualFold(sum, want) {
				return fmt.Errorf("%s: sha256 %s, but SHA256SUMS says %s", url, sum, want)
			}
			return nil
		}
	}
	return fmt.Errorf("%q is none of the release's archives", url)
}

// rubyCheck runs ruby -c on the formula, when Ruby is installed; require
// makes its absence an error.
func rubyCheck(path string, require bool) (string, error) {
	if _, err := exec.LookPath("ruby"); err != nil {
		if require {
			return "", fmt.Errorf("ruby is not installed (apt-get install ruby), and -require-ruby was given")
		}
		return "ruby not installed: the formula's syntax checked by the structural check only", nil
	}
	out, err := exec.Command("ruby", "-c", path).CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "Syntax OK" {
		return "", fmt.Errorf("ruby -c %s: %v\n%s", path, err, out)
	}
	return "ruby -c: Syntax OK", nil
}

// checkScoopJSON parses the Scoop manifest (no unknown field) and checks
// its version, its two downloads and their directories, and returns the
// files it puts on PATH, by architecture ("64bit", "arm64").
func checkScoopJSON(data []byte, in manifestInput) (map[string][]string, error) {
	var m scoopManifest
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("py.json: %v", err)
	}
	if m.Version != plainVersion(in.Version) || m.Description == "" || m.Homepage == "" || m.License == "" || len(m.Bin) == 0 {
		return nil, fmt.Errorf("py.json: version %q (want %q), or a description, homepage, license or bin missing", m.Version, plainVersion(in.Version))
	}
	files := map[string][]string{}
	for _, arch := range []string{"amd64", "arm64"} {
		a, ok := m.Architecture[scoopArch[arch]]
		if !ok {
			return nil, fmt.Errorf("py.json: no %s download", scoopArch[arch])
		}
		if err := checkDownload(a.URL, a.Hash, in); err != nil {
			return nil, fmt.Errorf("py.json: %v", err)
		}
		if a.ExtractDir != archiveTop(in.Version, platform{"windows", arch}) {
			return nil, fmt.Errorf("py.json: %s extract_dir %q", scoopArch[arch], a.ExtractDir)
		}
		for _, b := range m.Bin {
			files[arch] = append(files[arch], a.ExtractDir+"/"+b)
		}
	}
	return files, nil
}

var (
	wingetIDRE      = regexp.MustCompile(`^[^.\s\\/:*?"<>|\x01-\x1f]{1,32}(\.[^.\s\\/:*?"<>|\x01-\x1f]{1,32}){1,7}$`)
	wingetVersionRE = regexp.MustCompile(`^[^\\/:*?"<>|\x01-\x1f]{1,128}$`)
	upperSHA256     = regexp.MustCompile(`^[0-9A-F]{64}$`)
)

// strictYAML decodes data into v, refusing unknown fields.
func strictYAML(data []byte, v any) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	return dec.Decode(v)
}

// checkWingetYAML parses the three winget manifests and checks what
// winget's schema 1.6.0 requires of them and that they agree: identifier,
// version, manifest types, each download with its sha256, and returns
// the files each installer's archive must hold, by architecture.
func checkWingetYAML(docs map[string][]byte, in manifestInput) (map[string][]string, error) {
	v := plainVersion(in.Version)
	var ver wingetVersion
	var inst wingetInstaller
	var loc wingetLocale
	for name, dst := range map[string]any{wingetID + ".yaml": &ver, wingetID + ".installer.yaml": &inst, wingetID + ".locale.en-US.yaml": &loc} {
		data, ok := docs[name]
		if !ok {
			return nil, fmt.Errorf("winget: no %s", name)
		}
		if err := strictYAML(data, dst); err != nil {
			return nil, fmt.Errorf("winget %s: %v", name, err)
		}
	}
	if err := checkWingetHeads(ver, inst, loc, v); err != nil {
		return nil, err
	}
	files := map[string][]string{}
	for _, arch := range []string{"amd64", "arm64"} {
		var err error
		if files[arch], err = wingetFiles(inst, arch, in); err != nil {
			return nil, err
		}
	}
	return files, nil
}

// checkWingetHeads checks the fields the three winget manifests share,
// the locale's and the installer type.
func checkWingetHeads(ver wingetVersion, inst wingetInstaller, loc wingetLocale, v string) error {
	heads := []struct{ file, id, version, typ, wantType, mv string }{
		{"version", ver.PackageIdentifier, ver.PackageVersion, ver.ManifestType, "version", ver.ManifestVersion},
		{"installer", inst.PackageIdentifier, inst.PackageVersion, inst.ManifestType, "installer", inst.ManifestVersion},
		{"locale", loc.PackageIdentifier, loc.PackageVersion, loc.ManifestType, "defaultLocale", loc.ManifestVersion},
	}
	for _, h := range heads {
		if !wingetIDRE.MatchString(h.id) || h.id != wingetID || h.version != v || !wingetVersionRE.MatchString(h.version) || h.typ != h.wantType || h.mv != wingetMV {
			return fmt.Errorf("winget %s manifest: PackageIdentifier %q, PackageVersion %q, ManifestType %q, ManifestVersion %q", h.file, h.id, h.version, h.typ, h.mv)
		}
	}
	if ver.DefaultLocale != loc.PackageLocale || loc.Publisher == "" || loc.PackageName == "" || loc.License == "" || loc.ShortDescription == "" {
		return fmt.Errorf("winget locale manifest: a required field is missing, or its locale is not the default %q", ver.DefaultLocale)
	}
	if inst.InstallerType != "zip" || inst.NestedInstallerType != "portable" || len(inst.Installers) != 2 {
		return fmt.Errorf("winget installer manifest: %s/%s with %d installers, want zip/portable with 2", inst.InstallerType, inst.NestedInstallerType, len(inst.Installers))
	}
	return nil
}

// wingetFiles checks the installer for arch (its download and sha256,
// its files' aliases) and returns the files its archive must hold.
func wingetFiles(inst wingetInstaller, arch string, in manifestInput) ([]string, error) {
	var found *wingetInstall
	for i := range inst.Installers {
		if inst.Installers[i].Architecture == wingetArch[arch] {
			found = &inst.Installers[i]
		}
	}
	if found == nil {
		return nil, fmt.Errorf("winget: no %s installer", wingetArch[arch])
	}
	if !upperSHA256.MatchString(found.InstallerSha256) {
		return nil, fmt.Errorf("winget %s: InstallerSha256 %q is not 64 upper-case hex digits", wingetArch[arch], found.InstallerSha256)
	}
	if err := checkDownload(found.InstallerURL, found.InstallerSha256, in); err != nil {
		return nil, fmt.Errorf("winget %s: %v", wingetArch[arch], err)
	}
	if len(found.NestedInstallerFiles) == 0 {
		return nil, fmt.Errorf("winget %s: no NestedInstallerFiles", wingetArch[arch])
	}
	var files []string
	for _, f := range found.NestedInstallerFiles {
		if f.PortableCommandAlias == "" {
			return nil, fmt.Errorf("winget %s: %s has no PortableCommandAlias", wingetArch[arch], f.RelativeFilePath)
		}
		files = append(files, strings.ReplaceAll(f.RelativeFilePath, `\`, "/"))
	}
	return files, nil
}

// checkManifests checks the manifests written in dir against the
// archives in dist; it returns what it did, a line each.
func checkManifests(dir, dist string, in manifestInput, requireRuby bool) ([]string, error) {
	entries := map[platform][]string{}
	for _, p := range allPlatforms {
		data, err := os.ReadFile(filepath.Join(dist, archiveName(in.Version, p)))
		if err != nil {
			return nil, err
		}
		if entries[p], err = archiveEntries(data, p.OS == "windows"); err != nil {
			return nil, fmt.Errorf("%s: %v", archiveName(in.Version, p), err)
		}
	}
	holds := func(p platform, files []string) error {
		for _, f := range files {
			found := false
			for _, e := range entries[p] {
				found = found || e == f
			}
			if !found {
				return fmt.Errorf("%s holds no %s", archiveName(in.Version, p), f)
			}
		}
		return nil
	}
	var report []string
	rbPath := filepath.Join(dir, "homebrew", "py.rb")
	rb, err := os.ReadFile(rbPath)
	if err != nil {
		return nil, err
	}
	installs, err := checkFormulaText(string(rb), in)
	if err != nil {
		return nil, err
	}
	for _, p := range allPlatforms {
		if p.OS == "windows" {
			continue
		}
		var want []string
		for _, f := range installs {
			want = append(want, archiveTop(in.Version, p)+"/"+f)
		}
		if err := holds(p, want); err != nil {
			return nil, fmt.Errorf("py.rb: %v", err)
		}
	}
	msg, err := rubyCheck(rbPath, requireRuby)
	if err != nil {
		return nil, err
	}
	report = append(report, "homebrew/py.rb: 4 downloads and sums, blocks closed, installs "+strings.Join(installs, " ")+"; "+msg)
	sc, err := os.ReadFile(filepath.Join(dir, "scoop", "py.json"))
	if err != nil {
		return nil, err
	}
	scFiles, err := checkScoopJSON(sc, in)
	if err != nil {
		return nil, err
	}
	docs := map[string][]byte{}
	for _, name := range []string{wingetID + ".yaml", wingetID + ".installer.yaml", wingetID + ".locale.en-US.yaml"} {
		if docs[name], err = os.ReadFile(filepath.Join(dir, "winget", name)); err != nil {
			return nil, err
		}
	}
	wgFiles, err := checkWingetYAML(docs, in)
	if err != nil {
		return nil, err
	}
	for _, arch := range []string{"amd64", "arm64"} {
		p := platform{"windows", arch}
		if err := holds(p, scFiles[arch]); err != nil {
			return nil, fmt.Errorf("py.json: %v", err)
		}
		if err := holds(p, wgFiles[arch]); err != nil {
			return nil, fmt.Errorf("winget: %v", err)
		}
	}
	report = append(report, "scoop/py.json: parses (no unknown field), 2 downloads and sums, its bin in the archives")
	report = append(report, "winget/*.yaml: 3 manifests parse (no unknown field), agree, 2 downloads and sums, their files in the archives")
	return report, nil
}
