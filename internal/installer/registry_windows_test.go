package installer

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"golang.org/x/sys/windows/registry"

	"github.com/pylauncher/py/internal/regtest"

	"github.com/pylauncher/py/internal/discover"
	"github.com/pylauncher/py/internal/store"
)

// testRegistry points the registrations at a private key under HKCU for
// the test, removed at its end.
func testRegistry(t *testing.T) string {
	t.Helper()
	key := `Software\PyLauncherTest\installer` + strconv.FormatInt(time.Now().UnixNano(), 36)
	old := registryBase
	TestOnlyRegistryKey(key)
	t.Cleanup(func() {
		registryBase = old
		regtest.DeleteTree(registry.CURRENT_USER, key)
	})
	return key
}

// regValue reads a string value of a key under HKCU; ok is false when
// the key or the value is missing.
func regValue(t *testing.T, path, name string) (string, bool) {
	t.Helper()
	k, err := registry.OpenKey(registry.CURRENT_USER, path, registry.QUERY_VALUE)
	if err != nil {
		return "", false
	}
	defer k.Close()
	v, _, err := k.GetStringValue(name)
	return v, err == nil
}

func regExists(path string) bool {
	k, err := registry.OpenKey(registry.CURRENT_USER, path, registry.QUERY_VALUE)
	if err == nil {
		k.Close()
	}
	return err == nil
}

// windowsInstall is an install of version in dir, as py install makes it
// on Windows (no file is needed to register it).
func windowsInstall(dir, version string, freeThreaded bool) store.Install {
	key := "cpython-" + version + "-windows-x86_64-none"
	if freeThreaded {
		key = "cpython-" + version + "+freethreaded-windows-x86_64-none"
	}
	return store.Install{Dir: dir, Meta: store.Meta{Key: key, Impl: "cpython", Version: version, FreeThreaded: freeThreaded, Exe: "python.exe"}}
}

// TestRegisterRoundTrip: register writes what PEP 514 asks (and what
// discovery reads back: one interpreter, the install's); unregister
// removes the tag, then the company once it has no tag left.
func TestRegisterRoundTrip(t *testing.T) {
	base := testRegistry(t)
	dir := t.TempDir()
	a, stderr := aliasApp(settings{goos: "windows"})
	in := windowsInstall(filepath.Join(dir, "cpython-3.14.6-windows-x86_64-none"), "3.14.6", false)
	ft := windowsInstall(filepath.Join(dir, "cpython-3.14.6+freethreaded-windows-x86_64-none"), "3.14.6", true)
	in.Meta.Registered = a.register(in)
	ft.Meta.Registered = a.register(ft)
	if !slices.Equal(in.Meta.Registered, []string{`py\3.14.6`}) || !slices.Equal(ft.Meta.Registered, []string{`py\3.14.6t`}) {
		t.Fatalf("registered %q and %q, want py\\3.14.6 and py\\3.14.6t; stderr:\n%s", in.Meta.Registered, ft.Meta.Registered, stderr)
	}
	company := base + `\py`
	for _, c := range []struct{ key, name, want string }{
		{company, "DisplayName", "py install"},
		{company, "SupportUrl", "https://github.com/pylauncher/py"},
		{company + `\3.14.6`, "DisplayName", "Python 3.14.6 (py install)"},
		{company + `\3.14.6`, "Version", "3.14.6"},
		{company + `\3.14.6`, "SysVersion", "3.14"},
		{company + `\3.14.6`, "SysArchitecture", "64bit"},
		{company + `\3.14.6\InstallPath`, "", in.Dir},
		{company + `\3.14.6\InstallPath`, "ExecutablePath", filepath.Join(in.Dir, "python.exe")},
		{company + `\3.14.6\InstallPath`, "WindowedExecutablePath", filepath.Join(in.Dir, "pythonw.exe")},
		{company + `\3.14.6t\InstallPath`, "", ft.Dir},
	} {
		if got, ok := regValue(t, c.key, c.name); !ok || got != c.want {
			t.Errorf("%s %q = %q (%v), want %q", c.key, c.name, got, ok, c.want)
		}
	}

	// Discovery reads them back: each its own interpreter, with the
	// registration's company and tag.
	for _, i := range []store.Install{in, ft} {
		if err := os.MkdirAll(i.Dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(i.Exe(), []byte("MZ"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	found := discover.Find(discover.Options{GOOS: "windows", Getenv: func(string) string { return "" }, RegistryKey: base, NoProject: true, LimitToCompany: RegistryCompany})
	var got []string
	for _, f := range found.Installs {
		got = append(got, f.Company()+"/"+f.Tag()+" "+f.Path+" "+f.Version.String()+" "+strconv.FormatBool(f.FreeThreaded))
	}
	slices.Sort(got)
	want := []string{"py/3.14.6 " + in.Exe() + " 3.14.6 false", "py/3.14.6t " + ft.Exe() + " 3.14.6 true"}
	if !slices.Equal(got, want) {
		t.Errorf("discovered %q, want %q", got, want)
	}

	a.unregister(in)
	if regExists(company + `\3.14.6`) {
		t.Errorf("py\\3.14.6 is still registered")
	}
	if !regExists(company + `\3.14.6t\InstallPath`) {
		t.Errorf("py\\3.14.6t, another install's, was removed")
	}
	a.unregister(ft)
	if regExists(company) {
		t.Errorf("the company py is still there, with no tag")
	}
	if stderr.Len() != 0 {
		t.Errorf("stderr:\n%s", stderr)
	}
}

// TestUnregisterKeepsAnother: a tag that now names another install (the
// same version installed again from another store) is not removed with
// the first install, nor is a company key that holds other tags.
func TestUnregisterKeepsAnother(t *testing.T) {
	base := testRegistry(t)
	a, stderr := aliasApp(settings{goos: "windows"})
	first := windowsInstall(filepath.Join(t.TempDir(), "cpython-3.14.6-windows-x86_64-none"), "3.14.6", false)
	second := windowsInstall(filepath.Join(t.TempDir(), "cpython-3.14.6-windows-x86_64-none"), "3.14.6", false)
	first.Meta.Registered = a.register(first)
	second.Meta.Registered = a.register(second)
	if !slices.Equal(first.Meta.Registered, second.Meta.Registered) {
		t.Fatalf("registered %q, then %q", first.Meta.Registered, second.Meta.Registered)
	}
	a.unregister(first)
	if got, _ := regValue(t, base+`\py\3.14.6\InstallPath`, ""); got != second.Dir {
		t.Errorf("after the first install's unregister, py\\3.14.6 names %q, want the second's, %q", got, second.Dir)
	}
	// The same path in another case is the same install on Windows.
	second.Dir = filepath.Join(filepath.Dir(second.Dir), "CPYTHON-3.14.6-WINDOWS-X86_64-NONE")
	a.unregister(second)
	if regExists(base + `\py`) {
		t.Errorf("the second install's unregister left py")
	}

	// A registration not in the marker, or of another company, is never
	// touched.
	other := windowsInstall(t.TempDir(), "3.13.1", false)
	other.Meta.Registered = a.register(other)
	k, _, err := registry.CreateKey(registry.CURRENT_USER, base+`\PythonCore\3.14\InstallPath`, registry.ALL_ACCESS)
	if err != nil {
		t.Fatal(err)
	}
	k.SetStringValue("", second.Dir)
	k.Close()
	second.Meta.Registered = []string{`PythonCore\3.14`, `py\..\PythonCore\3.14`, `py`}
	a.unregister(second)
	if !regExists(base+`\PythonCore\3.14\InstallPath`) || !regExists(base+`\py\3.13.1\InstallPath`) {
		t.Errorf("unregister removed a key its marker does not list, or another company's")
	}
	if stderr.Len() != 0 {
		t.Errorf("stderr:\n%s", stderr)
	}
}
