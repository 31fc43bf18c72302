package discover

import (
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/sys/windows/registry"

	"github.com/pylauncher/py/internal/pyver"
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
	b := pyver.Build{Impl: implOf(company), Version: tagVersion(tag), CompanyName: company, TagName: tag}
	if strings.HasSuffix(strings.TrimSuffix(strings.SplitN(tag, "-", 2)[0], "d"), "t") {
		b.FreeThreaded = true
	}
	var exe, args, arch string
	if legacy(company, tag) {
		name := "python.exe"
		if s.o.Windowed {
			name = "pythonw.exe"
		}
		exe = filepath.Join(installDir, name)
		argName := "ExecutableArguments"
		if s.o.Windowed {
			argName = "WindowedExecutableArguments"
		}
		args, _, _ = ik.GetStringValue(argName)
		arch = v.fallback
		if arch == "32bit" && !strings.HasSuffix(tag, "-32") {
			b.TagName = tag + "-32"
		}
	} else {
		if s.o.Windowed {
			exe, _, _ = ik.GetStringValue("WindowedExecutablePath")
			args, _, _ = ik.GetStringValue("WindowedExecutableArguments")
		}
		if exe == "" {
			exe, _, _ = ik.GetStringValue("ExecutablePath")
			args, _, _ = ik.GetStringValue("ExecutableArguments")
		}
		if exe == "" {
			s.o.tracef("# %s %s\\%s: no ExecutablePath; skipped", v.name, company, tag)
			return false
		}
		arch, _, _ = tk.GetStringValue("SysArchitecture")
	}
	if sv, _, err := tk.GetStringValue("SysVersion"); err == nil {
		if ver, ok := pyver.ParseVersion(sv); ok && ver.Minor >= 0 {
			b.Version = ver
		}
	}
	switch strings.ToLower(arch) {
	case "32bit":
		b.Bits = 32
	case "64bit":
		b.Bits = 64
	case "arm64":
		b.Bits, b.Machine = 64, "arm64"
	}
	fi, problem := exeFile(exe)
	if problem != "" {
		s.o.tracef("# %s %s\\%s: %q %s; skipped", v.name, company, tag, exe, problem)
		return false
	}
	before := len(s.found)
	s.add(exe, &fi, b, true, Registry, NotOnPath, "", place{})
	if len(s.found) > before {
		in := s.found[len(s.found)-1]
		in.Args, in.Where = args, v.name
		in.Display, _, _ = tk.GetStringValue("DisplayName")
	}
	return true
}

// legacy reports a PythonCore registration from before PEP 514 (2.x and
// 3.0–3.5), read by CPython's launcher's older rules.
func legacy(company, tag string) bool {
	if !strings.EqualFold(company, "PythonCore") {
		return false
	}
	maj, rest, ok := strings.Cut(tag, ".")
	if !ok {
		return false
	}
	min, _, _ := strings.Cut(rest, "-")
	x, err1 := strconv.Atoi(maj)
	y, err2 := strconv.Atoi(min)
	return err1 == nil && err2 == nil && (x == 2 || x == 3 && y <= 5)
}

func implOf(company string) string {
	switch strings.ToLower(company) {
	case "pythoncore":
		return pyver.CPython
	case "pypy":
		return pyver.PyPy
	case "graalpy":
		return pyver.GraalPy
	}
	return strings.ToLower(company)
}

// tagVersion reads the version at the start of a tag: "3.12-32" is 3.12,
// "3.13t" is 3.13.
func tagVersion(tag string) pyver.Version {
	i := 0
	for i < len(tag) && (tag[i] >= '0' && tag[i] <= '9' || tag[i] == '.') {
		i++
	}
	v, ok := pyver.ParseVersion(strings.TrimSuffix(tag[:i], "."))
	if !ok {
		return pyver.Unknown
	}
	return v
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
