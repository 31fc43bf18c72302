package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const testVersion = "v1.2.3"

// fakeRelease writes archives of every platform holding empty programs of
// the right names into a directory, and returns it and the manifests'
// input.
func fakeRelease(t *testing.T) (string, manifestInput) {
	t.Helper()
	dist := t.TempDir()
	var names []string
	for _, p := range allPlatforms {
		bin := t.TempDir()
		for _, prog := range programs(p.OS) {
			if err := os.WriteFile(filepath.Join(bin, exe(prog.Name, p.OS)), []byte(prog.Name), 0o755); err != nil {
				t.Fatal(err)
			}
		}
		name, err := writeArchive(dist, bin, []file{{Name: "README.md", Mode: 0o644, Data: []byte("# py\n")}}, testVersion, p, testTime)
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
	}
	_, m, err := sums(dist, names)
	if err != nil {
		t.Fatal(err)
	}
	return dist, manifestInput{Version: testVersion, URL: "https://example.invalid/py/" + testVersion, Sums: m}
}

func TestManifests(t *testing.T) {
	dist, in := fakeRelease(t)
	dir := filepath.Join(dist, "packaging")
	paths, err := writeManifests(dir, in)
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 5 {
		t.Errorf("%d manifests, want 5: %q", len(paths), paths)
	}
	report, err := checkManifests(dir, dist, in, false)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s", strings.Join(report, "\n"))
	rb, _ := os.ReadFile(filepath.Join(dir, "homebrew", "py.rb"))
	for _, want := range []string{"class Py < Formula\n", `version "1.2.3"`, `url "https://example.invalid/py/v1.2.3/py-v1.2.3-darwin-arm64.tar.gz"`,
		"sha256 \"" + in.Sums["py-v1.2.3-linux-amd64.tar.gz"] + "\"", `(lib/"py").install "entrypoint"`, `"Python launcher v#{version}"`} {
		if !strings.Contains(string(rb), want) {
			t.Errorf("py.rb lacks %s:\n%s", want, rb)
		}
	}
	if strings.Contains(string(rb), "license") {
		t.Errorf("py.rb declares a licence though none is known")
	}
	wg, _ := os.ReadFile(filepath.Join(dir, "winget", "pylauncher.py.installer.yaml"))
	if !strings.Contains(string(wg), "InstallerSha256: "+strings.ToUpper(in.Sums["py-v1.2.3-windows-arm64.zip"])) ||
		!strings.Contains(string(wg), `RelativeFilePath: py-v1.2.3-windows-amd64\py.exe`) {
		t.Errorf("the winget installer manifest:\n%s", wg)
	}
}

// The formula passes ruby -c, where Ruby is installed.
func TestFormulaRuby(t *testing.T) {
	if _, err := exec.LookPath("ruby"); err != nil {
		t.Skip("no ruby (apt-get install ruby)")
	}
	_, in := fakeRelease(t)
	in.License = "MIT"
	rb, err := formula(in)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "py.rb")
	os.WriteFile(p, []byte(rb), 0o644)
	if msg, err := rubyCheck(p, true); err != nil || msg != "ruby -c: Syntax OK" {
		t.Errorf("rubyCheck = %q, %v", msg, err)
	}
	// And ruby -c refuses what is not Ruby.
	os.WriteFile(p, []byte(strings.Replace(rb, "  end\n", "", 1)), 0o644)
	if _, err := rubyCheck(p, true); err == nil {
		t.Errorf("ruby -c accepts a formula with an end missing")
	}
}

// Each check catches the faults it is there for.
func TestManifestChecksRefuse(t *testing.T) {
	_, in := fakeRelease(t)
	rb, err := formula(in)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := checkFormulaText(rb, in); err != nil {
		t.Fatalf("the formula as made: %v", err)
	}
	sum := in.Sums["py-v1.2.3-darwin-amd64.tar.gz"]
	for name, bad := range map[string]string{
		"an end missing":    strings.Replace(rb, "    end\n", "", 1),
		"an end too many":   rb + "end\n",
		"an open string":    strings.Replace(rb, description+`"`, description, 1),
		"another version":   strings.Replace(rb, `version "1.2.3"`, `version "1.2.4"`, 1),
		"a wrong sha256":    strings.Replace(rb, sum, strings.Repeat("0", 64), 1),
		"a url without sum": strings.Replace(rb, `sha256 "`+sum+`"`, "", 1),
		"another url":       strings.Replace(rb, "py-v1.2.3-linux-arm64.tar.gz", "py-v1.2.3-linux-riscv64.tar.gz", 1),
		"no class":          strings.Replace(rb, "class Py < Formula", "class Py", 1),
		"nothing installed": strings.Replace(rb, "bin.install", "bin.x", 1),
		"a download twice":  strings.Replace(rb, "py-v1.2.3-linux-amd64.tar.gz\"\n      sha256 \""+in.Sums["py-v1.2.3-linux-amd64.tar.gz"], "py-v1.2.3-linux-arm64.tar.gz\"\n      sha256 \""+in.Sums["py-v1.2.3-linux-arm64.tar.gz"], 1),
	} {
		if _, err := checkFormulaText(bad, in); err == nil {
			t.Errorf("checkFormulaText accepts a formula with %s", name)
		}
	}

	sc, err := scoop(in)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := checkScoopJSON(sc, in); err != nil {
		t.Fatalf("the Scoop manifest as made: %v", err)
	}
	wsum := in.Sums["py-v1.2.3-windows-amd64.zip"]
	for name, bad := range map[string]string{
		"not JSON":            strings.Replace(string(sc), "{", "[", 1),
		"an unknown field":    strings.Replace(string(sc), `"bin"`, `"bins"`, 1),
		"a wrong hash":        strings.Replace(string(sc), wsum, strings.Repeat("1", 64), 1),
		"another version":     strings.Replace(string(sc), `"version": "1.2.3"`, `"version": "1.2"`, 1),
		"a wrong extract_dir": strings.Replace(string(sc), `"extract_dir": "py-v1.2.3-windows-arm64"`, `"extract_dir": "py"`, 1),
		"no arm64":            strings.Replace(string(sc), `"arm64": {`, `"arm": {`, 1),
	} {
		if _, err := checkScoopJSON([]byte(bad), in); err == nil {
			t.Errorf("checkScoopJSON accepts a manifest with %s", name)
		}
	}

	wg, err := winget(in)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := checkWingetYAML(wg, in); err != nil {
		t.Fatalf("the winget manifests as made: %v", err)
	}
	inst := "pylauncher.py.installer.yaml"
	for name, tt := range map[string]struct{ file, old, new string }{
		"not YAML":            {inst, "Installers:", "Installers: [\n"},
		"an unknown field":    {inst, "InstallerType:", "InstallerKind:"},
		"a lower-case sha256": {inst, strings.ToUpper(wsum), wsum},
		"a wrong sha256":      {inst, strings.ToUpper(wsum), strings.Repeat("A", 64)},
		"another version":     {"pylauncher.py.yaml", "PackageVersion: 1.2.3", "PackageVersion: 1.2.4"},
		"another identifier":  {"pylauncher.py.locale.en-US.yaml", "PackageIdentifier: pylauncher.py", "PackageIdentifier: py"},
		"no alias":            {inst, "PortableCommandAlias: pyw", "PortableCommandAlias: \"\""},
		"another type":        {inst, "NestedInstallerType: portable", "NestedInstallerType: exe"},
		"another locale":      {"pylauncher.py.locale.en-US.yaml", "PackageLocale: en-US", "PackageLocale: fr-FR"},
	} {
		docs := map[string][]byte{}
		for k, v := range wg {
			docs[k] = v
		}
		if !strings.Contains(string(docs[tt.file]), tt.old) {
			t.Fatalf("%s: %s does not hold %q", name, tt.file, tt.old)
		}
		docs[tt.file] = []byte(strings.Replace(string(docs[tt.file]), tt.old, tt.new, 1))
		if _, err := checkWingetYAML(docs, in); err == nil {
			t.Errorf("checkWingetYAML accepts manifests with %s", name)
		}
	}
}

// A manifest naming a file its archive lacks is refused.
func TestManifestsArchiveContents(t *testing.T) {
	dist, in := fakeRelease(t)
	dir := filepath.Join(dist, "packaging")
	if _, err := writeManifests(dir, in); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "scoop", "py.json")
	sc, _ := os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(sc), `"pyw.exe"`, `"pyz.exe"`, 1)), 0o644)
	if _, err := checkManifests(dir, dist, in, false); err == nil || !strings.Contains(err.Error(), "pyz.exe") {
		t.Errorf("checkManifests with a bin the archive lacks: %v", err)
	}
}
