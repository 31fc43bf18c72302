package pyver

import (
	"strings"
	"testing"
)

func TestParseExeName(t *testing.T) {
	tests := []struct {
		name string
		want Build
		ok   bool
	}{
		{"python", Build{Impl: CPython, Version: Unknown}, true},
		{"python3", Build{Impl: CPython, Version: v(3, -1, -1, "")}, true},
		{"python2", Build{Impl: CPython, Version: v(2, -1, -1, "")}, true},
		{"python3.12", Build{Impl: CPython, Version: v(3, 12, -1, "")}, true},
		{"python3.13t", Build{Impl: CPython, Version: v(3, 13, -1, ""), FreeThreaded: true}, true},
		{"python3.12d", Build{Impl: CPython, Version: v(3, 12, -1, ""), Debug: true}, true},
		{"python3.13td", Build{Impl: CPython, Version: v(3, 13, -1, ""), FreeThreaded: true, Debug: true}, true},
		{"python3.7m", Build{Impl: CPython, Version: v(3, 7, -1, "")}, true},
		{"python3.7dm", Build{Impl: CPython, Version: v(3, 7, -1, ""), Debug: true}, true},
		{"pypy", Build{Impl: PyPy, Version: Unknown}, true},
		{"pypy3", Build{Impl: PyPy, Version: v(3, -1, -1, "")}, true},
		{"pypy3.10", Build{Impl: PyPy, Version: v(3, 10, -1, "")}, true},
		{"graalpy", Build{Impl: GraalPy, Version: Unknown}, true},
		{"python.exe", Build{Impl: CPython, Version: Unknown}, true},
		{"python3.12.exe", Build{Impl: CPython, Version: v(3, 12, -1, "")}, true},
		{"python3.13t.EXE", Build{Impl: CPython, Version: v(3, 13, -1, ""), FreeThreaded: true}, true},

		{"python3.12-config", Build{}, false},
		{"python3-gdb.py", Build{}, false},
		{"python3.12-gdb.py", Build{}, false},
		{"pythonw", Build{}, false},
		{"python3.12.1", Build{}, false},
		{"python3x", Build{}, false},
		{"python3t", Build{}, false},
		{"python3.", Build{}, false},
		{"pythonm", Build{}, false},
		{"python.exe.exe", Build{}, false},
		{"python-config", Build{}, false},
		{"pydoc3.12", Build{}, false},
		{"idle3", Build{}, false},
		{"Python", Build{}, false},
		{".exe", Build{}, false},
		{"", Build{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ParseExeName(tt.name)
			if ok != tt.ok || (ok && got != tt.want) {
				t.Errorf("ParseExeName(%q) = %+v, %v, want %+v, %v", tt.name, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestParseInstallName(t *testing.T) {
	tests := []struct {
		name      string
		want      Build
		known, ok bool
	}{
		{"3.12.1", Build{Impl: CPython, Version: v(3, 12, 1, "")}, true, true},
		{"2.7.18", Build{Impl: CPython, Version: v(2, 7, 18, "")}, true, true},
		{"3.13.0t", Build{Impl: CPython, Version: v(3, 13, 0, ""), FreeThreaded: true}, true, true},
		{"3.14.0a1", Build{Impl: CPython, Version: v(3, 14, 0, "a1")}, true, true},
		{"3.14.0rc1t", Build{Impl: CPython, Version: v(3, 14, 0, "rc1"), FreeThreaded: true}, true, true},
		{"3.14-dev", Build{Impl: CPython, Version: v(3, 14, -1, "dev")}, true, true},
		{"3.12.1-debug", Build{Impl: CPython, Version: v(3, 12, 1, ""), Debug: true}, true, true},
		{"3.13.0t-debug", Build{Impl: CPython, Version: v(3, 13, 0, ""), FreeThreaded: true, Debug: true}, true, true},
		{"pypy3.10-7.3.17", Build{Impl: PyPy, Version: v(3, 10, -1, "")}, true, true},
		{"pypy2.7-v7.3.11", Build{Impl: PyPy, Version: v(2, 7, -1, "")}, true, true},
		{"pypy3.10", Build{Impl: PyPy, Version: v(3, 10, -1, "")}, true, true},
		{"pypy", Build{Impl: PyPy, Version: Unknown}, false, true},
		{"graalpy-24.1.0", Build{Impl: GraalPy, Version: Unknown}, false, true},
		{"graalpython-22.3.0", Build{Impl: GraalPy, Version: Unknown}, false, true},
		{"miniconda3-latest", Build{Impl: CPython, Version: Unknown}, false, true},
		{"anaconda3-2024.02-1", Build{Impl: CPython, Version: Unknown}, false, true},
		{"miniforge3-24.3.0-0", Build{Impl: CPython, Version: Unknown}, false, true},
		{"mambaforge", Build{Impl: CPython, Version: Unknown}, false, true},

		{"garbage", Build{}, false, false},
		{"system", Build{}, false, false},
		{"", Build{}, false, false},
		{"t", Build{}, false, false},
		{"-dev", Build{}, false, false},
		{"3.12.1.2", Build{}, false, false},
		{"micropython-1.20.0", Build{}, false, false},
		{"myenv", Build{}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, known, ok := ParseInstallName(tt.name)
			if ok != tt.ok || known != tt.known || (ok && got != tt.want) {
				t.Errorf("ParseInstallName(%q) = %+v, %v, %v, want %+v, %v, %v",
					tt.name, got, known, ok, tt.want, tt.known, tt.ok)
			}
		})
	}
}

func TestParseUVName(t *testing.T) {
	tests := []struct {
		name string
		want Build
		ok   bool
	}{
		{"cpython-3.12.1-linux-x86_64-gnu",
			Build{Impl: CPython, Version: v(3, 12, 1, ""), Bits: 64, Machine: "x86_64"}, true},
		{"cpython-3.13.0+freethreaded-macos-aarch64-none",
			Build{Impl: CPython, Version: v(3, 13, 0, ""), FreeThreaded: true, Bits: 64, Machine: "arm64"}, true},
		{"cpython-3.13.0+freethreaded+debug-linux-x86_64-gnu",
			Build{Impl: CPython, Version: v(3, 13, 0, ""), FreeThreaded: true, Debug: true, Bits: 64, Machine: "x86_64"}, true},
		{"cpython-3.12.1+debug-linux-x86_64-gnu",
			Build{Impl: CPython, Version: v(3, 12, 1, ""), Debug: true, Bits: 64, Machine: "x86_64"}, true},
		{"pypy-3.10.14-linux-x86_64-gnu",
			Build{Impl: PyPy, Version: v(3, 10, 14, ""), Bits: 64, Machine: "x86_64"}, true},
		{"graalpy-3.11.7-linux-aarch64-gnu",
			Build{Impl: GraalPy, Version: v(3, 11, 7, ""), Bits: 64, Machine: "arm64"}, true},
		{"cpython-3.14.0a1-windows-x86-none",
			Build{Impl: CPython, Version: v(3, 14, 0, "a1"), Bits: 32, Machine: "x86"}, true},
		{"cpython-3.12.1-linux-i686-gnu",
			Build{Impl: CPython, Version: v(3, 12, 1, ""), Bits: 32, Machine: "x86"}, true},
		{"cpython-3.12.1-linux-armv7-gnueabihf",
			Build{Impl: CPython, Version: v(3, 12, 1, "")}, true},

		{"cpython-3.12.1", Build{}, false},
		{"cpython-3.12.1-linux", Build{}, false},
		{"jython-2.7.3-linux-x86_64-gnu", Build{}, false},
		{"cpython-3-linux-x86_64-gnu", Build{}, false},
		{"cpython-abc-linux-x86_64-gnu", Build{}, false},
		{"3.12.1", Build{}, false},
		{"", Build{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ParseUVName(tt.name)
			if ok != tt.ok || (ok && got != tt.want) {
				t.Errorf("ParseUVName(%q) = %+v, %v, want %+v, %v", tt.name, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestBuildCompanyTagStandard(t *testing.T) {
	tests := []struct {
		b        Build
		company  string
		tag      string
		standard bool
	}{
		{Build{Impl: CPython, Version: v(3, 12, 1, "")}, "PythonCore", "3.12", true},
		{Build{Impl: CPython, Version: v(3, 13, 0, ""), FreeThreaded: true}, "PythonCore", "3.13t", false},
		{Build{Impl: CPython, Version: v(3, 12, 1, ""), Debug: true}, "PythonCore", "3.12", false},
		{Build{Impl: CPython, Version: v(3, 14, 0, "a1")}, "PythonCore", "3.14", false},
		{Build{Impl: CPython, Version: v(3, -1, -1, "")}, "PythonCore", "3", true},
		{Build{Impl: PyPy, Version: v(3, 10, 14, "")}, "PyPy", "3.10", false},
		{Build{Impl: GraalPy, Version: v(3, 11, 7, "")}, "GraalPy", "3.11", false},
		{Build{Impl: "ironpython", Version: v(3, 4, 1, "")}, "ironpython", "3.4", false},
	}
	for _, tt := range tests {
		t.Run(tt.b.Impl+"-"+tt.tag, func(t *testing.T) {
			if got := tt.b.Company(); got != tt.company {
				t.Errorf("%+v.Company() = %q, want %q", tt.b, got, tt.company)
			}
			if got := tt.b.Tag(); got != tt.tag {
				t.Errorf("%+v.Tag() = %q, want %q", tt.b, got, tt.tag)
			}
			if got := tt.b.Standard(); got != tt.standard {
				t.Errorf("%+v.Standard() = %v, want %v", tt.b, got, tt.standard)
			}
		})
	}
}

// exeName writes the file name of an interpreter executable for b.
func exeName(b Build) string {
	s := "python"
	switch b.Impl {
	case PyPy:
		s = "pypy"
	case GraalPy:
		s = "graalpy"
	}
	if b.Version.Known() {
		s += b.Version.String()
	}
	if b.FreeThreaded {
		s += "t"
	}
	if b.Debug {
		s += "d"
	}
	return s
}

func FuzzParseExeName(f *testing.F) {
	for _, s := range []string{
		"python", "python3", "python3.12", "python3.13t", "python3.12d", "python3.13td",
		"python3.7m", "python3.7dm", "pypy3", "pypy3.10", "graalpy", "python.exe",
		"python3.12.exe", "python3.12-config", "python3-gdb.py", "pythonw", "python3.12.1", "python3x",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		b, ok := ParseExeName(name)
		if !ok {
			return
		}
		switch b.Impl {
		case CPython, PyPy, GraalPy:
		default:
			t.Fatalf("ParseExeName(%q) = %+v: unexpected implementation", name, b)
		}
		if b.Version.Micro >= 0 || b.Version.Pre != "" {
			t.Errorf("ParseExeName(%q) = %+v: a file name has no micro version", name, b)
		}
		if (b.FreeThreaded || b.Debug) && b.Version.Minor < 0 {
			t.Errorf("ParseExeName(%q) = %+v: flags without a minor version", name, b)
		}
		// A name ending in .exe means the same as the name without it.
		if !strings.HasSuffix(strings.ToLower(name), ".exe") {
			if b2, ok2 := ParseExeName(name + ".exe"); !ok2 || b2 != b {
				t.Errorf("ParseExeName(%q) = %+v, %v, want %+v, true", name+".exe", b2, ok2, b)
			}
		}
		// The canonical name of the build parses to the same build.
		canon := exeName(b)
		if b2, ok2 := ParseExeName(canon); !ok2 || b2 != b {
			t.Errorf("ParseExeName(%q) = %+v, %v, want %+v, true (from %q)", canon, b2, ok2, b, name)
		}
	})
}

func FuzzParseInstallName(f *testing.F) {
	for _, s := range []string{
		"3.12.1", "3.13.0t", "3.14.0a1", "3.14-dev", "3.12.1-debug", "pypy3.10-7.3.17",
		"graalpy-24.1.0", "miniconda3-latest", "garbage", "3.13.0t-debug",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		b, known, ok := ParseInstallName(name)
		if !ok {
			if known {
				t.Errorf("ParseInstallName(%q) = %+v, known, not ok", name, b)
			}
			return
		}
		if known != b.Version.Known() {
			t.Errorf("ParseInstallName(%q) = %+v, known=%v: known disagrees with the version", name, b, known)
		}
		_ = b.Tag()
		_ = b.Company()
	})
}

func FuzzParseUVName(f *testing.F) {
	for _, s := range []string{
		"cpython-3.12.1-linux-x86_64-gnu", "cpython-3.13.0+freethreaded-macos-aarch64-none",
		"pypy-3.10.14-linux-x86_64-gnu", "cpython-3.14.0a1-windows-x86-none", "cpython-3.12.1",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		b, ok := ParseUVName(name)
		if !ok {
			return
		}
		if b.Version.Minor < 0 {
			t.Errorf("ParseUVName(%q) = %+v: no minor version", name, b)
		}
		if (b.Bits == 0) != (b.Machine == "") {
			t.Errorf("ParseUVName(%q) = %+v: bits and machine disagree", name, b)
		}
		if b.Tag() == "" || b.Company() == "" {
			t.Errorf("ParseUVName(%q) = %+v: no tag or company", name, b)
		}
	})
}
