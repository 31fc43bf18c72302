// Package deps holds the test that keeps the small programs small.
package deps

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// allowed lists, per program, the project packages it may import. Beyond
// them only the standard library and golang.org/x/sys are allowed: these
// programs are copied into every venv (venvlauncher) or in front of every
// console script (entrypoint), so they stay small and quick to start.
var allowed = map[string][]string{
	"./cmd/venvlauncher": {"internal/redirector", "internal/venv", "internal/readfile", "internal/run", "internal/pyver", "internal/atomicfile", "internal/exitcode", "internal/walkup", "internal/environ", "internal/version"},
	"./cmd/entrypoint":   {"internal/trampoline", "internal/run", "internal/exitcode", "internal/environ"},
}

// leaves lists the packages the small programs share that must import
// nothing at all.
var leaves = []string{"./internal/exitcode"}

// maxTemplate is the most the entrypoint template may weigh, built as
// released (-trimpath -ldflags="-s -w"); distlib's t64.exe is 108 KiB.
const maxTemplate = 1536 << 10

func TestTemplateSize(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	if testing.Short() {
		t.Skip("builds the template")
	}
	// Linux and Windows (where distlib's t64.exe is the comparison);
	// macOS binaries carry more of the runtime (1.51 MiB).
	for _, goos := range []string{"linux", "windows"} {
		out := filepath.Join(t.TempDir(), "entrypoint")
		cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", out, "./cmd/entrypoint")
		cmd.Dir = "../.."
		cmd.Env = append(cmd.Environ(), "CGO_ENABLED=0", "GOOS="+goos, "GOARCH=amd64")
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go build: %v\n%s", err, b)
		}
		fi, err := os.Stat(out)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("entrypoint template (%s/amd64): %d bytes", goos, fi.Size())
		if fi.Size() > maxTemplate {
			t.Errorf("the %s entrypoint template is %d bytes, over the %d-byte limit", goos, fi.Size(), maxTemplate)
		}
	}
}

func TestSmallProgramsImports(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	const module = "github.com/pylauncher/py/"
	for prog, pkgs := range allowed {
		for _, goos := range []string{"linux", "windows", "darwin"} {
			cmd := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}} {{.Standard}}", prog)
			cmd.Dir = "../.."
			cmd.Env = append(cmd.Environ(), "GOOS="+goos)
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("go list %s (GOOS=%s): %v", prog, goos, err)
			}
			for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
				path, std, _ := strings.Cut(line, " ")
				switch {
				case std == "true", strings.HasPrefix(path, "golang.org/x/sys/"):
				case path == module+strings.TrimPrefix(prog, "./"):
				case strings.HasPrefix(path, module) && contains(pkgs, strings.TrimPrefix(path, module)):
				default:
					t.Errorf("%s (GOOS=%s) imports %s: only the standard library, golang.org/x/sys and %v are allowed", prog, goos, path, pkgs)
				}
			}
		}
	}
}

// notInTemplate lists standard packages the entrypoint template must not
// import, each tens or hundreds of KiB: runtime/debug (with fmt and
// reflect) would add 190 KiB on Windows, which is why the template has
// its own version stamp rather than package version's.
var notInTemplate = []string{"fmt", "strconv", "reflect", "runtime/debug"}

func TestTemplateImports(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	for _, goos := range []string{"linux", "windows", "darwin"} {
		cmd := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}", "./cmd/entrypoint")
		cmd.Dir = "../.."
		cmd.Env = append(cmd.Environ(), "GOOS="+goos)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list ./cmd/entrypoint (GOOS=%s): %v", goos, err)
		}
		for _, path := range strings.Fields(string(out)) {
			if contains(notInTemplate, path) {
				t.Errorf("entrypoint (GOOS=%s) imports %s, which would make the template larger", goos, path)
			}
		}
	}
}

func TestLeavesImportNothing(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	for _, pkg := range leaves {
		for _, goos := range []string{"linux", "windows", "darwin"} {
			cmd := exec.Command("go", "list", "-f", "{{join .Imports \" \"}}", pkg)
			cmd.Dir = "../.."
			cmd.Env = append(cmd.Environ(), "GOOS="+goos)
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("go list %s (GOOS=%s): %v", pkg, goos, err)
			}
			if imports := strings.TrimSpace(string(out)); imports != "" {
				t.Errorf("%s (GOOS=%s) imports %s; it must import nothing", pkg, goos, imports)
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// offLaunchPath lists what py must not import: the installer's packages
// and what they need (HTTP, TLS, archives). py install runs them in a
// program of its own (py-install), so a launch neither loads nor
// initialises any of it. (Package net itself is not listed:
// golang.org/x/sys/windows imports it.)
var offLaunchPath = []string{
	"net/http", "crypto/tls", "archive/tar", "archive/zip", "compress/gzip", "compress/flate",
	"internal/catalog", "internal/fetch", "internal/unpack", "internal/installer",
}

func TestInstallerOffLaunchPath(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	const module = "github.com/pylauncher/py/"
	for _, goos := range []string{"linux", "windows", "darwin"} {
		cmd := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}", "./cmd/py")
		cmd.Dir = "../.."
		cmd.Env = append(cmd.Environ(), "GOOS="+goos)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list ./cmd/py (GOOS=%s): %v", goos, err)
		}
		for _, path := range strings.Fields(string(out)) {
			if contains(offLaunchPath, strings.TrimPrefix(path, module)) {
				t.Errorf("py (GOOS=%s) imports %s, which belongs to py-install", goos, path)
			}
		}
	}
}
