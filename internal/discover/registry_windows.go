package discover

import (
	"path/filepath"
	"strings"

	"golang.org/x/sys/windows/registry"

	"github.com/pylauncher/py/internal/pyver"
	"github.com/pylauncher/py/internal/quote"
)

// regView is one of the registry places PEP 514 registrations live, in
// precedence order: the same company and tag found in a later view is
// the same install and is skipped, as CPython's launcher does.
type regView struct {
	root     registry.Key
	access   uint32
	name     string
	fallback string // architecture of legacy entries
}

var regViews = []regView{
	{registry.CURRENT_USER, 0, "HKCU", ""},
	{registry.LOCAL_MACHINE, registry.WOW64_64KEY, "HKLM-64", "64bit"},
	{registry.LOCAL_MACHINE, registry.WOW64_32KEY, "HKLM-32", "32bit"},
}

// scanRegistry adds the PEP 514 registrations: every company and tag of
// HKCU, then HKLM's 64-bit view, then its 32-bit view.
func (s *scan) scanRegistry() (seen map[string]bool) {
	base := s.o.RegistryKey
	if base == "" {
		base = `Software\Python`
	}
	seen = map[string]bool{}
	for _, v := range regViews {
		k, err := registry.OpenKey(v.root, base, registry.ENUMERATE_SUB_KEYS|registry.QUERY_VALUE|v.access)
		if err != nil {
			continue
		}
		companies, _ := k.ReadSubKeyNames(-1)
		for _, company := range companies {
			if strings.EqualFold(company, "PyLauncher") {
				continue
			}
			if lim := s.o.LimitToCompany; lim != "" && !strings.EqualFold(company, lim) {
				s.o.tracef("# skipping %s due to PYLAUNCHER_LIMIT_TO_COMPANY", company)
				continue
			}
			ck, err := registry.OpenKey(k, company, registry.ENUMERATE_SUB_KEYS|registry.QUERY_VALUE|v.access)
			if err != nil {
				continue
			}
			tags, _ := ck.ReadSubKeyNames(-1)
			for _, tag := range tags {
				id := strings.ToLower(company + `\` + tag)
				if seen[id] {
					s.o.tracef("# %s %s\\%s: registered earlier; skipped", v.name, company, tag)
					continue
				}
				if s.regEntry(ck, v, company, tag) {
					seen[id] = true
				}
			}
			ck.Close()
		}
		k.Close()
	}
	return seen
}

// regEntry adds one registration; it reports whether it was usable.
func (s *scan) regEntry(ck registry.Key, v regView, company, tag string) bool {
	tk, err := registry.OpenKey(ck, tag, registry.QUERY_VALUE|registry.ENUMERATE_SUB_KEYS|v.access)
	if err != nil {
		return false
	}
	defer tk.Close()
	ik, err := registry.OpenKey(tk, "InstallPath", registry.QUERY_VALUE|v.access)
	if err != nil {
		s.o.tracef("# %s %s\\%s: no InstallPath; skipped", v.name, company, tag)
		return false
	}
	defer ik.Close()
	installDir, _, err := ik.GetStringValue("")
	if err != nil || installDir == "" {
		s.o.tracef("# %s %s\\%s: no InstallPath; skipped", v.name, company, tag)
		return false
	}
	str := func(k registry.Key, name string) string {
		val, _, _ := k.GetStringValue(name)
		return val
	}
	b := pyver.Build{Impl: implOf(company), CompanyName: company, TagName: tag}
	b.Version = regVersion(tag, str(tk, "SysVersion"), str(tk, "Version"))
	if strings.HasSuffix(strings.TrimSuffix(strings.SplitN(tag, "-", 2)[0], "d"), "t") {
		b.FreeThreaded = true
	}
	var exe, args, arch, display string
	old := legacy(company, tag)
	if old {
		exe, args, arch = s.legacyExe(installDir), str(ik, s.argsName()), v.fallback
		b.TagName = legacyTag(tag, arch)
		display = "Python " + b.TagName
	} else {
		if s.o.Windowed {
			exe, args = str(ik, "WindowedExecutablePath"), str(ik, "WindowedExecutableArguments")
		}
		if exe == "" {
			exe, args = str(ik, "ExecutablePath"), str(ik, "ExecutableArguments")
		}
		if exe == "" {
			s.o.tracef("# %s %s\\%s: no ExecutablePath; skipped", v.name, company, tag)
			return false
		}
		arch, display = str(tk, "SysArchitecture"), str(tk, "DisplayName")
	}
	archBuild(&b, arch)
	in := s.addRegistered(exe, b, v, old)
	if in == nil {
		return false
	}
	in.Args, in.Where, in.Display = args, v.name, display
	return true
}

// argsName is the value holding a legacy registration's arguments.
func (s *scan) argsName() string {
	if s.o.Windowed {
		return "WindowedExecutableArguments"
	}
	return "ExecutableArguments"
}

// legacyExe is a legacy registration's interpreter: python.exe (pyw:
// pythonw.exe) in its InstallPath.
func (s *scan) legacyExe(installDir string) string {
	if s.o.Windowed {
		return filepath.Join(installDir, "pythonw.exe")
	}
	return filepath.Join(installDir, "python.exe")
}

// addRegistered adds the interpreter a registration names, and returns
// it (nil when it is skipped). As in CPython's launcher, a registered
// path is not checked: one that names no file is kept, verbatim (even
// relative), and a launch fails naming it (exit 101). Only a legacy
// HKEY_CURRENT_USER registration, whose architecture CPython's launcher
// reads from the file, is skipped when the file is not there.
func (s *scan) addRegistered(exe string, b pyver.Build, v regView, legacy bool) *Interpreter {
	fi, problem := exeFile(exe)
	if problem == "" {
		return s.add(exe, &fi, b, true, Registry, NotOnPath, "", place{})
	}
	if legacy && v.fallback == "" {
		s.o.tracef("# %s %s\\%s: %s %s; skipped", v.name, b.CompanyName, b.TagName, quote.String(exe), problem)
		return nil
	}
	s.o.tracef("# %s %s\\%s: %s %s; kept as registered", v.name, b.CompanyName, b.TagName, quote.String(exe), problem)
	in := &Interpreter{Path: exe, Source: Registry, Rank: NotOnPath, Build: b, Settled: true}
	// A key no file has: nothing else is this registration.
	s.keys = append(s.keys, fileKey{path: "\x00" + strings.ToLower(b.CompanyName+`\`+b.TagName)})
	s.found = append(s.found, in)
	return in
}

// storeFamilies are the Microsoft Store Python packages, newest first, as
// CPython's launcher lists them.
var storeFamilies = []string{
	"PythonSoftwareFoundation.Python.3.14_qbz5n2kfra8p0",
	"PythonSoftwareFoundation.Python.3.13_qbz5n2kfra8p0",
	"PythonSoftwareFoundation.Python.3.12_qbz5n2kfra8p0",
	"PythonSoftwareFoundation.Python.3.11_qbz5n2kfra8p0",
	"PythonSoftwareFoundation.Python.3.10_qbz5n2kfra8p0",
	"PythonSoftwareFoundation.Python.3.9_qbz5n2kfra8p0",
	"PythonSoftwareFoundation.Python.3.8_qbz5n2kfra8p0",
}

// scanStore adds Store packages: %LOCALAPPDATA%\Microsoft\WindowsApps\<family>\python.exe.
// Those whose PythonCore tag is registered (seen) are skipped.
func (s *scan) scanStore(seen map[string]bool) {
	if s.o.LimitToCompany != "" {
		s.o.tracef("# skipping the Store's packages due to PYLAUNCHER_LIMIT_TO_COMPANY")
		return
	}
	lad := s.o.Getenv("LOCALAPPDATA")
	if lad == "" || !filepath.IsAbs(lad) {
		return
	}
	apps := filepath.Join(lad, "Microsoft", "WindowsApps")
	name := "python.exe"
	if s.o.Windowed {
		name = "pythonw.exe"
	}
	for _, fam := range storeFamilies {
		exe := filepath.Join(apps, fam, name)
		fi, problem := exeFile(exe)
		if problem != "" {
			continue
		}
		ver := strings.TrimPrefix(strings.SplitN(fam, "_", 2)[0], "PythonSoftwareFoundation.Python.")
		if seen[strings.ToLower(`PythonCore\`+ver)] {
			s.o.tracef("# store %s: PythonCore\\%s is registered; skipped", fam, ver)
			continue
		}
		v, _ := pyver.ParseVersion(ver)
		b := pyver.Build{Impl: pyver.CPython, Version: v, Bits: 64}
		s.add(exe, &fi, b, true, Store, NotOnPath, "", place{})
	}
}
