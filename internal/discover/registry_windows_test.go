package discover

import (
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/windows/registry"

	"github.com/pylauncher/py/internal/regtest"
)

// regFixture writes PEP 514 registrations under a private key of HKCU and
// HKLM, as CPython's test_launcher does with its own company.
type regFixture struct {
	t    *testing.T
	base string
}

func newRegFixture(t *testing.T) *regFixture {
	base := `Software\PyLauncherTest\` + strconv.FormatInt(time.Now().UnixNano(), 36)
	f := &regFixture{t, base}
	t.Cleanup(func() {
		for _, root := range []registry.Key{registry.CURRENT_USER, registry.LOCAL_MACHINE} {
			regtest.DeleteTree(root, base)
		}
	})
	return f
}

func (f *regFixture) set(root registry.Key, path string, values map[string]string) {
	f.t.Helper()
	k, _, err := registry.CreateKey(root, f.base+`\`+path, registry.ALL_ACCESS)
	if err != nil {
		f.t.Fatalf("creating %s: %v", path, err)
	}
	defer k.Close()
	for name, v := range values {
		if err := k.SetStringValue(name, v); err != nil {
			f.t.Fatal(err)
		}
	}
}

// set32 writes in HKEY_LOCAL_MACHINE's 32-bit view.
func (f *regFixture) set32(path string, values map[string]string) {
	f.t.Helper()
	k, _, err := registry.CreateKey(registry.LOCAL_MACHINE, f.base+`\`+path, registry.ALL_ACCESS|registry.WOW64_32KEY)
	if err != nil {
		f.t.Fatalf("creating %s: %v", path, err)
	}
	defer k.Close()
	for name, v := range values {
		if err := k.SetStringValue(name, v); err != nil {
			f.t.Fatal(err)
		}
	}
	f.t.Cleanup(func() { deleteTree32(f.base + `\` + path) })
}

// deleteTree32 deletes path and its parents up to the fixture's base
// from HKEY_LOCAL_MACHINE's 32-bit view.
func deleteTree32(path string) {
	for p := path; strings.Contains(p, `\PyLauncherTest\`); p = filepath.Dir(p) {
		if k, err := registry.OpenKey(registry.LOCAL_MACHINE, filepath.Dir(p), registry.ALL_ACCESS|registry.WOW64_32KEY); err == nil {
			registry.DeleteKey(k, filepath.Base(p))
			k.Close()
		}
	}
}

func TestRegistry(t *testing.T) {
	dir := t.TempDir()
	exe := func(name string) string {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("MZ"), 0o755)
		return p
	}
	f := newRegFixture(t)
	py312 := exe(`Python312\python.exe`)
	f.set(registry.CURRENT_USER, `PythonCore\3.12\InstallPath`, map[string]string{"": filepath.Dir(py312) + `\`, "ExecutablePath": py312, "WindowedExecutablePath": exe(`Python312\pythonw.exe`)})
	f.set(registry.CURRENT_USER, `PythonCore\3.12`, map[string]string{"SysVersion": "3.12", "SysArchitecture": "64bit", "DisplayName": "Python 3.12 (64-bit)"})
	py313t := exe(`Python313\python3.13t.exe`)
	f.set(registry.CURRENT_USER, `PythonCore\3.13t\InstallPath`, map[string]string{"": filepath.Dir(py313t), "ExecutablePath": py313t})
	// HKLM has 3.12 too: HKCU's wins.
	lm312 := exe(`LM312\python.exe`)
	f.set(registry.LOCAL_MACHINE, `PythonCore\3.12\InstallPath`, map[string]string{"": filepath.Dir(lm312), "ExecutablePath": lm312})
	// A legacy 2.7: no ExecutablePath, InstallPath\python.exe.
	py27 := exe(`Python27\python.exe`)
	f.set(registry.LOCAL_MACHINE, `PythonCore\2.7\InstallPath`, map[string]string{"": filepath.Dir(py27)})
	// Another company, with arguments.
	other := exe(`Other\x.exe`)
	f.set(registry.CURRENT_USER, `PythonTestSuite\3.100-arm64\InstallPath`, map[string]string{"": filepath.Dir(other), "ExecutablePath": other, "ExecutableArguments": "-X fake_arg_for_test"})
	f.set(registry.CURRENT_USER, `PythonTestSuite\3.100-arm64`, map[string]string{"SysArchitecture": "ARM64"})
	// Broken entries are skipped: no InstallPath, no ExecutablePath.
	f.set(registry.CURRENT_USER, `PythonCore\3.11`, map[string]string{"SysVersion": "3.11"})
	f.set(registry.CURRENT_USER, `PythonCore\3.10\InstallPath`, map[string]string{"": dir})
	// A path that names no file is kept as registered, as CPython's
	// launcher does (a launch fails naming it), even a relative one.
	f.set(registry.CURRENT_USER, `PythonCore\3.9\InstallPath`, map[string]string{"": dir, "ExecutablePath": filepath.Join(dir, "missing.exe")})
	f.set(registry.CURRENT_USER, `PythonTestSuite\3.100\InstallPath`, map[string]string{"": dir, "ExecutablePath": "X.Y.exe"})
	f.set(registry.CURRENT_USER, `PythonTestSuite\3.100`, map[string]string{"DisplayName": "X.Y version"})
	// The same file under two companies: two installs. Version gives
	// the full version.
	f.set(registry.CURRENT_USER, `PythonTestSuite1\3.100\InstallPath`, map[string]string{"": filepath.Dir(py312), "ExecutablePath": py312})
	f.set(registry.CURRENT_USER, `PythonCore\3.12`, map[string]string{"Version": "3.12.4"})
	// A legacy 2.6 in HKLM's 32-bit view: tag 2.6-32, "Python 2.6-32".
	py26 := exe(`Python26\python.exe`)
	f.set32(`PythonCore\2.6\InstallPath`, map[string]string{"": filepath.Dir(py26)})

	found := Find(Options{GOOS: "windows", Getenv: func(string) string { return "" }, RegistryKey: f.base, NoProject: true})
	var got []string
	for _, in := range found.Installs {
		got = append(got, in.Company()+"/"+in.Tag()+" "+strings.TrimPrefix(in.Path, dir)+" "+in.Where+" "+in.Args+" "+in.Version.String()+" "+strconv.Itoa(in.Bits)+" "+in.Display)
	}
	sort.Strings(got)
	want := []string{
		`PythonCore/2.6-32 \Python26\python.exe HKLM-32  2.6 32 Python 2.6-32`,
		`PythonCore/2.7 \Python27\python.exe HKLM-64  2.7 64 Python 2.7`,
		`PythonCore/3.12 \Python312\python.exe HKCU  3.12.4 64 Python 3.12 (64-bit)`,
		`PythonCore/3.13t \Python313\python3.13t.exe HKCU  3.13 0 `,
		`PythonCore/3.9 \missing.exe HKCU  3.9 0 `,
		`PythonTestSuite/3.100 X.Y.exe HKCU  3.100 0 X.Y version`,
		`PythonTestSuite/3.100-arm64 \Other\x.exe HKCU -X fake_arg_for_test 3.100 64 `,
		`PythonTestSuite1/3.100 \Python312\python.exe HKCU  3.100 0 `,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("registry installs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, in := range found.Installs {
		if in.Tag() == "3.13t" && !in.FreeThreaded {
			t.Errorf("3.13t is not free-threaded")
		}
	}

	// pyw's mode takes WindowedExecutablePath.
	found = Find(Options{GOOS: "windows", Getenv: func(string) string { return "" }, RegistryKey: f.base, NoProject: true, Windowed: true})
	for _, in := range found.Installs {
		if in.Tag() == "3.12" && !strings.HasSuffix(in.Path, `pythonw.exe`) {
			t.Errorf("windowed 3.12 = %s", in.Path)
		}
	}
}

// TestRegistryManagedOnce: py install's registration (company py) of an
// install found in py's installs directory is that install, listed once,
// whatever the path it is registered by. Windows has no inode numbers,
// so discovery compares paths first, and a path may be spelled otherwise
// (a subst drive, a short name, wine's Z: drive): here a hard link,
// another name of the same file.
func TestRegistryManagedOnce(t *testing.T) {
	local := t.TempDir()
	exe := filepath.Join(local, "py", "installs", "cpython-3.14.6-windows-x86_64-none", "python.exe")
	if err := os.MkdirAll(filepath.Dir(exe), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(exe, []byte("MZ"), 0o755); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(local, "other", "python.exe")
	os.MkdirAll(filepath.Dir(other), 0o755)
	if err := os.Link(exe, other); err != nil {
		t.Skipf("no hard link: %v", err)
	}
	getenv := func(k string) string {
		if k == "LOCALAPPDATA" {
			return local
		}
		return ""
	}
	for _, registered := range []string{exe, strings.ToUpper(exe), other} {
		f := newRegFixture(t)
		f.set(registry.CURRENT_USER, `py\3.14.6\InstallPath`, map[string]string{"": filepath.Dir(registered), "ExecutablePath": registered})
		f.set(registry.CURRENT_USER, `py\3.14.6`, map[string]string{"Version": "3.14.6", "SysVersion": "3.14", "SysArchitecture": "64bit", "DisplayName": "Python 3.14.6 (py install)"})
		found := Find(Options{GOOS: "windows", Getenv: getenv, RegistryKey: f.base, NoProject: true})
		var got []string
		for _, in := range found.Installs {
			got = append(got, in.Source.String()+" "+in.Path+" "+in.Version.String())
		}
		if want := []string{"py " + exe + " 3.14.6"}; strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("registered as %s: found\n%s\nwant\n%s", registered, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		// Another company's registration of the file is an install of
		// its own, as PEP 514 has it.
		f.set(registry.CURRENT_USER, `PythonTestSuite\3.14\InstallPath`, map[string]string{"": filepath.Dir(other), "ExecutablePath": other})
		if found := Find(Options{GOOS: "windows", Getenv: getenv, RegistryKey: f.base, NoProject: true}); len(found.Installs) != 2 {
			t.Errorf("registered as %s and by another company: %d installs, want 2", registered, len(found.Installs))
		}
	}
}
