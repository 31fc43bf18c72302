package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/template"

	"go.yaml.in/yaml/v3"
)

// The package managers' manifests are templates: made from the release's
// version and SHA256SUMS, checked, and published nowhere.

// manifestInput is what the manifests are made from.
type manifestInput struct {
	// Version is the release's version (v1.2.3); the manifests write it
	// without the v.
	Version string
	// URL is where the archives will be downloaded from: a directory
	// URL, the archive's name is appended.
	URL string
	// Sums maps each archive's name to its sha256, in hex.
	Sums map[string]string
	// License is an SPDX expression, or "" when none is known.
	License string
}

const (
	homepage    = "https://github.com/pylauncher/py"
	description = "Python launcher: finds the right Python for the job and runs it"
	wingetID    = "pylauncher.py"
	wingetMV    = "1.6.0"
	// generated heads each manifest.
	generated = "Made by release/build.sh from the release's archives and SHA256SUMS: a template, published nowhere."
)

func (in manifestInput) url(p platform) string {
	return strings.TrimSuffix(in.URL, "/") + "/" + archiveName(in.Version, p)
}

func (in manifestInput) sum(p platform) (string, error) {
	s, ok := in.Sums[archiveName(in.Version, p)]
	if !ok {
		return "", fmt.Errorf("no sha256 for %s", archiveName(in.Version, p))
	}
	return s, nil
}

// formulaTemplate is the Homebrew formula: the four Unix archives, the
// programs into bin, the entrypoint template into lib/py (where
// mkentrypoint looks, ../lib/py from itself).
var formulaTemplate = template.Must(template.New("py.rb").Parse(`# {{.Generated}}
class Py < Formula
  desc "{{.Description}}"
  homepage "{{.Homepage}}"
  version "{{.Version}}"
{{- if .License}}
  license "{{.License}}"
{{- end}}
{{range .OSes}}
  on_{{.Name}} do
{{- range .Arches}}
    on_{{.Name}} do
      url "{{.URL}}"
      sha256 "{{.Sum}}"
    end
{{- end}}
  end
{{end}}
  def install
    bin.install "py", "py-install", "venvlauncher", "mkentrypoint"
    (lib/"py").install "entrypoint"
  end

  test do
    assert_match "Python launcher v#{version}", shell_output("#{bin}/py help")
  end
end
`))

// formula returns the Homebrew formula (py.rb).
func formula(in manifestInput) (string, error) {
	type arch struct{ Name, URL, Sum string }
	type osBlock struct {
		Name   string
		Arches []arch
	}
	var oses []osBlock
	for _, o := range []struct{ brew, goos string }{{"macos", "darwin"}, {"linux", "linux"}} {
		b := osBlock{Name: o.brew}
		for _, a := range []struct{ brew, goarch string }{{"arm", "arm64"}, {"intel", "amd64"}} {
			p := platform{o.goos, a.goarch}
			sum, err := in.sum(p)
			if err != nil {
				return "", err
			}
			b.Arches = append(b.Arches, arch{a.brew, in.url(p), sum})
		}
		oses = append(oses, b)
	}
	var b strings.Builder
	err := formulaTemplate.Execute(&b, map[string]any{
		"Generated": generated, "Description": description, "Homepage": homepage,
		"Version": plainVersion(in.Version), "License": in.License, "OSes": oses,
	})
	return b.String(), err
}

// scoopManifest is Scoop's manifest (py.json).
type scoopManifest struct {
	Comment      string                  `json:"##"`
	Version      string                  `json:"version"`
	Description  string                  `json:"description"`
	Homepage     string                  `json:"homepage"`
	License      string                  `json:"license"`
	Architecture map[string]scoopArchive `json:"architecture"`
	Bin          []string                `json:"bin"`
}

type scoopArchive struct {
	URL        string `json:"url"`
	Hash       string `json:"hash"`
	ExtractDir string `json:"extract_dir"`
}

// scoopArch are Scoop's names of the Windows architectures.
var scoopArch = map[string]string{"amd64": "64bit", "arm64": "arm64"}

// scoop returns the Scoop manifest: the two Windows archives, the
// programs as commands (the templates stay beside mkentrypoint).
func scoop(in manifestInput) ([]byte, error) {
	m := scoopManifest{
		Comment:      generated,
		Version:      plainVersion(in.Version),
		Description:  description,
		Homepage:     homepage,
		License:      in.License,
		Architecture: map[string]scoopArchive{},
		Bin:          []string{"py.exe", "pyw.exe", "py-install.exe", "venvlauncher.exe", "mkentrypoint.exe"},
	}
	if m.License == "" {
		m.License = "Unknown"
	}
	for _, arch := range []string{"amd64", "arm64"} {
		p := platform{"windows", arch}
		sum, err := in.sum(p)
		if err != nil {
			return nil, err
		}
		m.Architecture[scoopArch[arch]] = scoopArchive{URL: in.url(p), Hash: sum, ExtractDir: archiveTop(in.Version, p)}
	}
	b, err := json.MarshalIndent(m, "", "    ")
	return append(b, '\n'), err
}

// The winget manifests (schema 1.6.0): version, installer, default locale.
type wingetVersion struct {
	PackageIdentifier string `yaml:"PackageIdentifier"`
	PackageVersion    string `yaml:"PackageVersion"`
	DefaultLocale     string `yaml:"DefaultLocale"`
	ManifestType      string `yaml:"ManifestType"`
	ManifestVersion   string `yaml:"ManifestVersion"`
}

type wingetInstaller struct {
	PackageIdentifier   string          `yaml:"PackageIdentifier"`
	PackageVersion      string          `yaml:"PackageVersion"`
	InstallerType       string          `yaml:"InstallerType"`
	NestedInstallerType string          `yaml:"NestedInstallerType"`
	Installers          []wingetInstall `yaml:"Installers"`
	ManifestType        string          `yaml:"ManifestType"`
	ManifestVersion     string          `yaml:"ManifestVersion"`
}

type wingetInstall struct {
	Architecture         string         `yaml:"Architecture"`
	InstallerURL         string         `yaml:"InstallerUrl"`
	InstallerSha256      string         `yaml:"InstallerSha256"`
	NestedInstallerFiles []wingetNested `yaml:"NestedInstallerFiles"`
}

type wingetNested struct {
	RelativeFilePath     string `yaml:"RelativeFilePath"`
	PortableCommandAlias string `yaml:"PortableCommandAlias"`
}

type wingetLocale struct {
	PackageIdentifier string `yaml:"PackageIdentifier"`
	PackageVersion    string `yaml:"PackageVersion"`
	PackageLocale     string `yaml:"PackageLocale"`
	Publisher         string `yaml:"Publisher"`
	PackageName       string `yaml:"PackageName"`
	PackageURL        string `yaml:"PackageUrl"`
	License           string `yaml:"License"`
	ShortDescription  string `yaml:"ShortDescription"`
	ManifestType      string `yaml:"ManifestType"`
	ManifestVersion   string `yaml:"ManifestVersion"`
}

// wingetArch are winget's names of the Windows architectures.
var wingetArch = map[string]string{"amd64": "x64", "arm64": "arm64"}

// winget returns the three winget manifests by file name: the two
// Windows archives as zip installers of portable programs, each program
// a command.
func winget(in manifestInput) (map[string][]byte, error) {
	v := plainVersion(in.Version)
	inst := wingetInstaller{
		PackageIdentifier: wingetID, PackageVersion: v,
		InstallerType: "zip", NestedInstallerType: "portable",
		ManifestType: "installer", ManifestVersion: wingetMV,
	}
	for _, arch := range []string{"amd64", "arm64"} {
		p := platform{"windows", arch}
		sum, err := in.sum(p)
		if err != nil {
			return nil, err
		}
		i := wingetInstall{Architecture: wingetArch[arch], InstallerURL: in.url(p), InstallerSha256: strings.ToUpper(sum)}
		for _, name := range []string{"py", "pyw", "py-install", "venvlauncher", "mkentrypoint"} {
			i.NestedInstallerFiles = append(i.NestedInstallerFiles, wingetNested{
				RelativeFilePath: archiveTop(in.Version, p) + `\` + name + ".exe", PortableCommandAlias: name})
		}
		inst.Installers = append(inst.Installers, i)
	}
	license := in.License
	if license == "" {
		license = "Unknown"
	}
	docs := map[string]any{
		wingetID + ".yaml": wingetVersion{PackageIdentifier: wingetID, PackageVersion: v, DefaultLocale: "en-US",
			ManifestType: "version", ManifestVersion: wingetMV},
		wingetID + ".installer.yaml": inst,
		wingetID + ".locale.en-US.yaml": wingetLocale{PackageIdentifier: wingetID, PackageVersion: v, PackageLocale: "en-US",
			Publisher: "pylauncher", PackageName: "py", PackageURL: homepage, License: license,
			ShortDescription: description, ManifestType: "defaultLocale", ManifestVersion: wingetMV},
	}
	out := map[string][]byte{}
	for name, doc := range docs {
		var b bytes.Buffer
		b.WriteString("# " + generated + "\n")
		enc := yaml.NewEncoder(&b)
		enc.SetIndent(2)
		if err := enc.Encode(doc); err != nil {
			return nil, err
		}
		enc.Close()
		out[name] = b.Bytes()
	}
	return out, nil
}

// writeManifests writes the manifests into dir/homebrew, dir/scoop and
// dir/winget, and returns their paths.
func writeManifests(dir string, in manifestInput) ([]string, error) {
	rb, err := formula(in)
	if err != nil {
		return nil, err
	}
	sc, err := scoop(in)
	if err != nil {
		return nil, err
	}
	wg, err := winget(in)
	if err != nil {
		return nil, err
	}
	all := map[string][]byte{filepath.Join("homebrew", "py.rb"): []byte(rb), filepath.Join("scoop", "py.json"): sc}
	for name, data := range wg {
		all[filepath.Join("winget", name)] = data
	}
	var paths []string
	for name, data := range all {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return nil, err
		}
		paths = append(paths, p)
	}
	return paths, nil
}
