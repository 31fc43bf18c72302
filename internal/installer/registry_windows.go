package installer

import (
	"path/filepath"
	"strings"

	"golang.org/x/sys/windows/registry"

	"github.com/pylauncher/py/internal/quote"
	"github.com/pylauncher/py/internal/store"
)

// registryBase is the key under HKCU that holds the registrations; tests
// point it elsewhere.
var registryBase = `Software\Python`

// TestOnlyRegistryKey is called by py's end-to-end tests, never by
// py-install.
func TestOnlyRegistryKey(key string) { registryBase = key }

// register writes the PEP 514 keys of an install under HKCU and returns
// the key it wrote (Company\Tag), for the marker.
func (a *app) register(in store.Install) []string {
	b := in.Meta.Build()
	tag := registryTag(b)
	company := registryBase + `\` + RegistryCompany
	ck, _, err := registry.CreateKey(registry.CURRENT_USER, company, registry.ALL_ACCESS)
	if err != nil {
		a.warnf("Python %s was not registered (PEP 514): %v", in.Meta.Version, err)
		return nil
	}
	defer ck.Close()
	ck.SetStringValue("DisplayName", "py install")
	ck.SetStringValue("SupportUrl", "https://github.com/pylauncher/py")
	err = writeTag(ck, tag, in, b.Bits)
	if err != nil {
		registry.DeleteKey(ck, tag+`\InstallPath`)
		registry.DeleteKey(ck, tag)
		a.warnf("Python %s was not registered (PEP 514): %v", in.Meta.Version, err)
		return nil
	}
	return []string{RegistryCompany + `\` + tag}
}

func writeTag(ck registry.Key, tag string, in store.Install, bits int) error {
	tk, _, err := registry.CreateKey(ck, tag, registry.ALL_ACCESS)
	if err != nil {
		return err
	}
	defer tk.Close()
	b := in.Meta.Build()
	arch := "64bit"
	if bits == 32 {
		arch = "32bit"
	}
	for _, kv := range [][2]string{
		{"DisplayName", "Python " + in.Meta.Version + " (py install)"},
		{"SupportUrl", "https://github.com/pylauncher/py"},
		{"Version", in.Meta.Version},
		{"SysVersion", sysVersion(b)},
		{"SysArchitecture", arch},
	} {
		if err := tk.SetStringValue(kv[0], kv[1]); err != nil {
			return err
		}
	}
	ik, _, err := registry.CreateKey(tk, "InstallPath", registry.ALL_ACCESS)
	if err != nil {
		return err
	}
	defer ik.Close()
	exe := in.Exe()
	windowed := filepath.Join(filepath.Dir(exe), "pythonw.exe")
	for _, kv := range [][2]string{{"", in.Dir}, {"ExecutablePath", exe}, {"WindowedExecutablePath", windowed}} {
		if err := ik.SetStringValue(kv[0], kv[1]); err != nil {
			return err
		}
	}
	return nil
}

// unregister removes the keys an install's marker lists, when they
// still name the install (a key that now names another is left).
func (a *app) unregister(in store.Install) {
	for _, key := range in.Meta.Registered {
		company, tag, ok := strings.Cut(key, `\`)
		if !ok || !strings.EqualFold(company, RegistryCompany) || tag == "" || strings.Contains(tag, `\`) {
			continue
		}
		ck, err := registry.OpenKey(registry.CURRENT_USER, registryBase+`\`+company, registry.ALL_ACCESS)
		if err != nil {
			continue
		}
		if ik, err := registry.OpenKey(ck, tag+`\InstallPath`, registry.QUERY_VALUE); err == nil {
			dir, _, err := ik.GetStringValue("")
			ik.Close()
			if err == nil && !strings.EqualFold(filepath.Clean(dir), filepath.Clean(in.Dir)) {
				ck.Close()
				continue
			}
		}
		registry.DeleteKey(ck, tag+`\InstallPath`)
		if err := registry.DeleteKey(ck, tag); err != nil {
			a.warnf("the registration %s was not removed: %v", quote.String(`HKCU\`+registryBase+`\`+key), err)
		}
		if names, err := ck.ReadSubKeyNames(-1); err == nil && len(names) == 0 {
			ck.Close()
			registry.DeleteKey(registry.CURRENT_USER, registryBase+`\`+company)
			continue
		}
		ck.Close()
	}
}
