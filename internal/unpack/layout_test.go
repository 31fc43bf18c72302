package unpack

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// TestLayout lays out extractions: on Windows, only those for Windows.
func TestLayout(t *testing.T) {
	for _, tt := range []struct {
		name   string
		format Format
		goos   string
		es     []ent
		want   []string // describe's lines after Layout
		exe    string
		err    string // in the *LayoutError
	}{{
		name: "install-only", format: TarGz, goos: "linux",
		es: entries(dir("python/"), exe("python/bin/python3.14", "elf"), symlink("python/bin/python3", "python3.14"),
			symlink("python/bin/python", "python3.14"), file("python/lib/python3.14/os.py", "")),
		want: []string{"d bin 755", "d lib 755", "d lib/python3.14 755", "f bin/python3.14 755 elf",
			"f lib/python3.14/os.py 644 ", "l bin/python -> python3.14", "l bin/python3 -> python3.14"},
		exe: "bin/python3",
	}, {
		name: "a release before 20240726: no bin/python", format: TarGz, goos: "darwin",
		es: entries(exe("python/bin/python3.10", "elf"), symlink("python/bin/python3", "python3.10"), exe("python/bin/pip3", "")),
		want: []string{"d bin 755", "f bin/pip3 755 ", "f bin/python3.10 755 elf",
			"l bin/python -> python3.10", "l bin/python3 -> python3.10"},
		exe: "bin/python3",
	}, {
		name: "neither python3 nor python", format: TarGz, goos: "linux",
		es:   entries(exe("python/bin/python3.12", "elf"), symlink("python/bin/python3.12-config", "x")),
		want: []string{"d bin 755", "f bin/python3.12 755 elf", "l bin/python -> python3.12", "l bin/python3 -> python3.12", "l bin/python3.12-config -> x"},
		exe:  "bin/python3",
	}, {
		name: "free-threaded", format: TarGz, goos: "linux",
		es:   entries(exe("python/bin/python3.13t", "elf")),
		want: []string{"d bin 755", "f bin/python3.13t 755 elf", "l bin/python -> python3.13t", "l bin/python3 -> python3.13t"},
		exe:  "bin/python3",
	}, {
		name: "both builds: the standard one", format: TarGz, goos: "linux",
		es:   entries(exe("python/bin/python3.13t", "t"), exe("python/bin/python3.13", "s")),
		want: []string{"d bin 755", "f bin/python3.13 755 s", "f bin/python3.13t 755 t", "l bin/python -> python3.13", "l bin/python3 -> python3.13"},
		exe:  "bin/python3",
	}, {
		name: "no python3.X file: python to python3", format: TarGz, goos: "linux",
		es:   entries(dir("bin/"), exe("bin/pypy3.10", "elf"), symlink("bin/python3", "pypy3.10")),
		want: []string{"d bin 755", "f bin/pypy3.10 755 elf", "l bin/python -> python3", "l bin/python3 -> pypy3.10"},
		exe:  "bin/python3",
	}, {
		name: "full archive", format: TarZst, goos: "linux",
		es: entries(file("python/PYTHON.json", "{}"), file("python/build/lib/libpython.a", "a"), file("python/licenses/x", ""),
			exe("python/install/bin/python3.13", "elf"), symlink("python/install/bin/python3", "python3.13"),
			symlink("python/install/bin/python", "python3.13"), file("python/install/python", "a file named python")),
		want: []string{"d bin 755", "f bin/python3.13 755 elf", "f python 644 a file named python",
			"l bin/python -> python3.13", "l bin/python3 -> python3.13"},
		exe: "bin/python3",
	}, {
		name: "windows install-only", format: TarGz, goos: "windows",
		es:   entries(file("python/python.exe", "MZ"), file("python/Lib/os.py", "")),
		want: []string{"d Lib 755", "f Lib/os.py 644 ", "f python.exe 644 MZ"},
		exe:  "python.exe",
	}, {
		name: "pymanager package", format: Zip, goos: "windows",
		es:   entries(file("python.exe", "MZ"), file("pythonw.exe", "MZ"), file("Lib/os.py", "")),
		want: []string{"d Lib 755", "f Lib/os.py 644 ", "f python.exe 644 MZ", "f pythonw.exe 644 MZ"},
		exe:  "python.exe",
	}, {
		name: "no python.exe", format: TarGz, goos: "windows",
		es:  entries(file("python/pythonw.exe", "MZ")),
		err: "no python.exe",
	}, {
		name: "a unix build for windows", format: TarGz, goos: "windows",
		es:  entries(exe("python/bin/python3.14", "elf")),
		err: "no python.exe",
	}, {
		name: "no interpreter", format: TarGz, goos: "linux",
		es:  entries(exe("python/bin/idle3", "")),
		err: "no bin/python3 and no bin/python3.X",
	}, {
		name: "no bin", format: TarGz, goos: "linux",
		es:  entries(file("python/python.exe", "MZ")),
		err: "no bin directory",
	}, {
		name: "not executable", format: TarGz, goos: "linux",
		es:  entries(file("python/bin/python3.14", "elf")),
		err: "bin/python3 is not an executable file",
	}, {
		name: "a dangling python3", format: TarGz, goos: "linux",
		es:  entries(exe("python/bin/python3.14", "elf"), symlink("python/bin/python3", "python3.15")),
		err: "bin/python3 is not an executable file",
	}, {
		name: "python beside something else", format: TarGz, goos: "linux",
		es:  entries(exe("python/bin/python3.14", "elf"), file("README", "")),
		err: "no bin directory",
	}} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.goos != "windows" && runtime.GOOS == "windows" {
				t.Skip("a layout for Unix, whose links and modes Windows does not have")
			}
			tg := newTarget(t)
			if err := Extract(bytes.NewReader(archive(t, tt.format, tt.es)), tt.format, tg.dir, Limits{}); err != nil {
				t.Fatal(err)
			}
			exe, err := Layout(tg.dir, tt.goos)
			if tt.err != "" {
				var le *LayoutError
				if !errors.As(err, &le) || le.Dir != tg.dir || le.Reason != tt.err {
					t.Errorf("Layout: %v, want a *LayoutError %q", err, tt.err)
				}
				return
			}
			if err != nil || exe != tt.exe {
				t.Fatalf("Layout = %q, %v; want %q", exe, err, tt.exe)
			}
			want := platformModes(tt.want)
			if got := describe(t, tg.dir); !slices.Equal(got, want) {
				t.Errorf("laid out:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			// Again: nothing to move, nothing to make.
			if exe, err := Layout(tg.dir, tt.goos); err != nil || exe != tt.exe {
				t.Errorf("Layout again = %q, %v", exe, err)
			}
			if got := describe(t, tg.dir); !slices.Equal(got, want) {
				t.Errorf("laid out again:\n%s", strings.Join(got, "\n"))
			}
		})
	}
}

func TestLayoutMissingDir(t *testing.T) {
	if _, err := Layout(filepath.Join(t.TempDir(), "missing"), "linux"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Layout of a missing directory: %v", err)
	}
}
