package project

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/pylauncher/py/internal/pyver"
)

// describe writes a pin in a short form for comparisons.
func describe(p Pin) string {
	switch {
	case p.System:
		return fmt.Sprintf("%d system", p.Line)
	case !p.IsVersion:
		return fmt.Sprintf("%d name %s", p.Line, p.Text)
	}
	r := p.Request
	s := fmt.Sprintf("%d version %s", p.Line, r.Version)
	if r.Impl != "" {
		s += " impl=" + r.Impl
	}
	if r.FreeThreaded {
		s += " t"
	}
	if r.Debug {
		s += " d"
	}
	if r.Machine != "" {
		s += " machine=" + r.Machine
	}
	if r.Bits != 0 || r.Not32 {
		s += fmt.Sprintf(" bits=%d not32=%v", r.Bits, r.Not32)
	}
	if p.GIL {
		s += " gil"
	}
	if p.Spec != nil {
		s += " spec=" + p.Spec.String()
	}
	return s
}

func TestParsePythonVersion(t *testing.T) {
	tests := []struct {
		name     string
		data     string
		pins     []string
		problems []string // "line: reason substring"
	}{
		{"uv pin", "3.12\n", []string{"1 version 3.12"}, nil},
		{"no newline", "3.12", []string{"1 version 3.12"}, nil},
		{"micro", "3.12.1\n", []string{"1 version 3.12.1"}, nil},
		{"major", "3\n", []string{"1 version 3"}, nil},
		{"pre-release", "3.14.0rc1\n", []string{"1 version 3.14.0rc1"}, nil},
		{"free-threaded", "3.13t\n", []string{"1 version 3.13 t"}, nil},
		{"debug", "3.12d\n", []string{"1 version 3.12 d"}, nil},
		{"pypy", "pypy3.9\n", []string{"1 version 3.9 impl=pypy"}, nil},
		{"cpython at", "cpython@3.12\n", []string{"1 version 3.12 impl=cpython"}, nil},
		{"cpython joined", "cpython3.12\n", []string{"1 version 3.12 impl=cpython"}, nil},
		{"impl case", "CPython3.12\n", []string{"1 version 3.12 impl=cpython"}, nil},
		{"graalpy", "graalpy@3.11\n", []string{"1 version 3.11 impl=graalpy"}, nil},
		{"impl only", "pypy\n", []string{"1 version ? impl=pypy"}, nil},
		{"uv short cp", "cp312\n", []string{"1 version 3.12 impl=cpython"}, nil},
		{"uv short pp", "pp39\n", []string{"1 version 3.9 impl=pypy"}, nil},
		{"uv variant", "3.13+freethreaded\n", []string{"1 version 3.13 t"}, nil},
		{"uv variant debug", "3.13+debug\n", []string{"1 version 3.13 d"}, nil},
		{"uv variants", "3.13+freethreaded+debug\n", []string{"1 version 3.13 t d"}, nil},
		{"uv gil", "3.13+gil\n", []string{"1 version 3.13 gil"}, nil},
		{"uv key", "cpython-3.12.1-linux-x86_64-gnu\n", []string{"1 version 3.12.1 impl=cpython machine=x86_64"}, nil},
		{"uv key variant", "cpython-3.13.0+freethreaded-macos-aarch64-none\n", []string{"1 version 3.13.0 impl=cpython t machine=arm64"}, nil},
		{"uv specifier", ">=3.11,<3.13\n", []string{"1 version ? spec=>=3.11,<3.13"}, nil},
		{"uv specifier spaces", ">=3.11, <3.13\n", []string{"1 version ? spec=>=3.11,<3.13"}, nil},
		{"uv impl specifier", "cpython>=3.12\n", []string{"1 version ? impl=cpython spec=>=3.12"}, nil},
		{"launcher arch", "3.12-32\n", []string{"1 version 3.12 bits=32 not32=false"}, nil},
		{"pyenv python- prefix", "python-3.12\n", []string{"1 version 3.12"}, nil},
		{"pyenv system", "system\n", []string{"1 system"}, nil},
		{"pyenv several", "3.12.1\n3.11.7\nsystem\n", []string{"1 version 3.12.1", "2 version 3.11.7", "3 system"}, nil},
		{"pyenv virtualenv", "myenv\n", []string{"1 name myenv"}, nil},
		{"pyenv virtualenv path", "3.11.7/envs/myenv\n", []string{"1 name 3.11.7/envs/myenv"}, nil},
		{"pyenv branch", "3.14-dev\n", []string{"1 name 3.14-dev"}, nil},
		{"pyenv conda", "miniconda3-latest\n", []string{"1 name miniconda3-latest"}, nil},
		{"pyenv pypy install", "pypy3.10-7.3.17\n", []string{"1 name pypy3.10-7.3.17"}, nil},
		{"pyenv graalpy install", "graalpy-24.1.0\n", []string{"1 name graalpy-24.1.0"}, nil},
		{"pyenv anaconda", "anaconda3-2024.02-1\n", []string{"1 name anaconda3-2024.02-1"}, nil},
		{"name with python- prefix", "python-env\n", []string{"1 name python-env"}, nil},
		{"not a uv key", "my-long-env-name\n", []string{"1 name my-long-env-name"}, nil},
		{"comments and blanks", "# pinned by uv\n\n  3.12  \n\t# indented comment\n3.11 # trailing comment\n",
			[]string{"3 version 3.12", "5 version 3.11"}, nil},
		{"CRLF", "3.12\r\n3.11\r\n", []string{"1 version 3.12", "2 version 3.11"}, nil},
		{"BOM", "\ufeff3.12\n", []string{"1 version 3.12"}, nil},
		{"empty", "", nil, nil},
		{"only comments", "# nothing\n\n", nil, nil},
		{"more than one word", "3.12 3.11\n", nil, []string{"1: more than one word"}},
		{"control character", "3.12\x00\n", nil, []string{"1: control character"}},
		{"escape", "\x1b[31m3.12\n", nil, []string{"1: control character"}},
		{"invalid UTF-8", "3.12\xff\n", nil, []string{"1: not valid UTF-8"}},
		{"hash without space", "3.12#x\n", nil, []string{"1: not a Python version or a pyenv name"}},
		{"dash", "-3.12\n", nil, []string{`1: write "3.12", without the dash`}},
		{"option", "-V\n", nil, []string{"1: not a Python version or a pyenv name"}},
		{"parent", "../../etc\n", nil, []string{"1: not a Python version or a pyenv name"}},
		{"dotdot inside", "3.12/../../x\n", nil, []string{"1: not a Python version or a pyenv name"}},
		{"absolute", "/usr/bin/python3\n", nil, []string{"1: not a Python version or a pyenv name"}},
		{"backslash", `..\x` + "\n", nil, []string{"1: not a Python version or a pyenv name"}},
		{"quote", `"3.12"` + "\n", nil, []string{"1: not a Python version or a pyenv name"}},
		{"bad specifier", ">=3.11,<\n", nil, []string{`1: invalid version specifier ">=3.11,<"`}},
		{"bad impl version", "cpython@3.x\n", nil, []string{`1: invalid version request "cpython@3.x": expected a version after "cpython"`}},
		{"impl and at", "PyPy@\n", []string{"1 version ? impl=pypy"}, nil},
		{"bad variant", "3.13+fast\n", []string{"1 name 3.13+fast"}, nil},
		{"gil and free-threaded", "3.13t+gil\n", []string{"1 name 3.13t+gil"}, nil},
		{"variant without minor", "3+freethreaded\n", []string{"1 name 3+freethreaded"}, nil},
		{"long line", strings.Repeat("3", 2000) + "\n3.12\n", []string{"2 version 3.12"}, []string{"1: longer than 1024 bytes"}},
		{"long comment", "# " + strings.Repeat("x", 2000) + "\n3.12\n", []string{"2 version 3.12"}, nil},
		{"mixed", "# project pin\n3.13t\nmy env\nmyenv\n3.12\n", []string{"2 version 3.13 t", "4 name myenv", "5 version 3.12"},
			[]string{"3: more than one word"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pins, problems := ParsePythonVersion([]byte(tt.data))
			var got []string
			for _, p := range pins {
				got = append(got, describe(p))
			}
			if strings.Join(got, "; ") != strings.Join(tt.pins, "; ") {
				t.Errorf("ParsePythonVersion(%q) pins = %q, want %q", tt.data, got, tt.pins)
			}
			if len(problems) != len(tt.problems) {
				t.Fatalf("ParsePythonVersion(%q) problems = %v, want %q", tt.data, problems, tt.problems)
			}
			for i, want := range tt.problems {
				line, reason, _ := strings.Cut(want, ": ")
				if fmt.Sprint(problems[i].Line) != line || !strings.Contains(problems[i].Reason, reason) {
					t.Errorf("ParsePythonVersion(%q) problem %d = %+v, want line %s and a reason containing %q", tt.data, i, problems[i], line, reason)
				}
			}
		})
	}
}

func TestParsePythonVersionUTF16(t *testing.T) {
	for _, le := range []bool{true, false} {
		units := utf16.Encode([]rune("3.12\r\n# c\r\n3.11\r\n"))
		data := []byte{0xfe, 0xff}
		if le {
			data = []byte{0xff, 0xfe}
		}
		for _, u := range units {
			if le {
				data = append(data, byte(u), byte(u>>8))
			} else {
				data = append(data, byte(u>>8), byte(u))
			}
		}
		pins, problems := ParsePythonVersion(data)
		if len(pins) != 2 || pins[0].Text != "3.12" || pins[1].Text != "3.11" || pins[1].Line != 3 || len(problems) != 0 {
			t.Errorf("ParsePythonVersion(UTF-16, little endian %v) = %v, %v, want 3.12 and 3.11", le, pins, problems)
		}
	}
}

func TestPinText(t *testing.T) {
	pins, _ := ParsePythonVersion([]byte("  python-3.12 # c\n"))
	if len(pins) != 1 || pins[0].Text != "python-3.12" || pins[0].Request.Text != "python-3.12" {
		t.Errorf("ParsePythonVersion = %+v, want Text and Request.Text %q", pins, "python-3.12")
	}
	p := Problem{Line: 2, Text: "my env", Reason: "more than one word"}
	if got, want := p.Error(), `line 2: "my env": more than one word`; got != want {
		t.Errorf("Problem.Error() = %q, want %q", got, want)
	}
}

func TestPinMatch(t *testing.T) {
	cp := func(major, minor, micro int, pre string) pyver.Build {
		return pyver.Build{Impl: pyver.CPython, Version: pyver.Version{Major: major, Minor: minor, Micro: micro, Pre: pre}}
	}
	ft := cp(3, 13, 1, "")
	ft.FreeThreaded = true
	pypy := pyver.Build{Impl: pyver.PyPy, Version: pyver.Version{Major: 3, Minor: 9, Micro: 18}}
	tests := []struct {
		line string
		b    pyver.Build
		want pyver.Match
	}{
		{"3.12", cp(3, 12, 1, ""), pyver.Yes},
		{"3.12", cp(3, 11, 7, ""), pyver.No},
		{"3.12.1", cp(3, 12, -1, ""), pyver.Maybe},
		{"3.13t", ft, pyver.Yes},
		{"3.13t", cp(3, 13, 1, ""), pyver.No},
		{"3.13+gil", ft, pyver.No},
		{"3.13+gil", cp(3, 13, 1, ""), pyver.Yes},
		{"pypy3.9", pypy, pyver.Yes},
		{"pypy3.9", cp(3, 9, 18, ""), pyver.No},
		{">=3.11,<3.13", cp(3, 12, 1, ""), pyver.Yes},
		{">=3.11,<3.13", cp(3, 13, 0, ""), pyver.No},
		{">=3.11,<3.13", cp(3, 12, -1, ""), pyver.Yes},
		{">=3.11,<3.13", cp(3, -1, -1, ""), pyver.Maybe},
		{">=3.11", cp(3, 14, 0, "rc1"), pyver.No},
		{">=3.14.0a1", cp(3, 14, 0, "rc1"), pyver.Yes},
		{"cpython>=3.12", pypy, pyver.No},
		{"cpython>=3.12", cp(3, 12, 0, ""), pyver.Yes},
		{"system", pypy, pyver.Yes},
		{"myenv", cp(3, 12, 1, ""), pyver.No},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			pins, problems := ParsePythonVersion([]byte(tt.line))
			if len(pins) != 1 || len(problems) != 0 {
				t.Fatalf("ParsePythonVersion(%q) = %v, %v, want one pin", tt.line, pins, problems)
			}
			if got := pins[0].Match(tt.b); got != tt.want {
				t.Errorf("pin %q .Match(%+v) = %v, want %v", tt.line, tt.b, got, tt.want)
			}
		})
	}
}

func TestReadPythonVersion(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, PythonVersionFile)
	mkfile(t, path, "3.12\nmy env\n")
	pins, problems, err := ReadPythonVersion(path)
	if err != nil || len(pins) != 1 || len(problems) != 1 || problems[0].Line != 2 {
		t.Errorf("ReadPythonVersion(%q) = %v, %v, %v, want one pin and a problem on line 2", path, pins, problems, err)
	}
	if _, _, err := ReadPythonVersion(filepath.Join(dir, "missing")); !os.IsNotExist(err) {
		t.Errorf("ReadPythonVersion(missing) error = %v, want not exist", err)
	}
	big := filepath.Join(dir, "big")
	mkfile(t, big, strings.Repeat("3.12\n", 20000))
	if _, _, err := ReadPythonVersion(big); err == nil {
		t.Errorf("ReadPythonVersion(100 KB file) error = nil, want too large")
	}
}

func TestPyenvVersionDir(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{"versions/3.12.1", "versions/myenv", "versions/3.11.7/envs/inner", "outside"} {
		if err := os.MkdirAll(filepath.Join(root, filepath.FromSlash(d)), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	mkfile(t, filepath.Join(root, "versions", "afile"), "")
	tests := []struct {
		name string
		want string
	}{
		{"myenv", "versions/myenv"},
		{"3.12.1", "versions/3.12.1"},
		{"3.11.7/envs/inner", "versions/3.11.7/envs/inner"},
		{"missing", ""},
		{"afile", ""},
		{"../outside", ""},
		{"..", ""},
		{"/etc", ""},
		{"", ""},
		{"a//b", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := PyenvVersionDir(root, tt.name)
			want := ""
			if tt.want != "" {
				want = filepath.Join(root, filepath.FromSlash(tt.want))
			}
			if got != want || ok != (want != "") {
				t.Errorf("PyenvVersionDir(root, %q) = %q, %v, want %q", tt.name, got, ok, want)
			}
		})
	}
	if _, ok := PyenvVersionDir("", "myenv"); ok {
		t.Errorf("PyenvVersionDir(\"\", \"myenv\") = true, want false")
	}
}

func FuzzParsePythonVersion(f *testing.F) {
	for _, s := range []string{
		"3.12\n", "3.12.1\n3.11\nsystem\n", "# c\n\n 3.13t # x\r\n", "pypy3.9\ncpython@3.12\n",
		"myenv\n3.11.7/envs/myenv\n", ">=3.11,<3.13\n", "cpython-3.12.1-linux-x86_64-gnu\n",
		"3.13+freethreaded\n", "\ufeff3.12", "\xff\xfe3\x00.\x001\x002\x00", "3.12 3.11\n", "-3.12\n",
		"cp312\n", "python-3.12\n", "3.13+gil\n", "../x\n", "3.12\x00\n",
	} {
		f.Add([]byte(s))
	}
	builds := []pyver.Build{
		{Impl: pyver.CPython, Version: pyver.Version{Major: 3, Minor: 12, Micro: 1}},
		{Impl: pyver.CPython, Version: pyver.Version{Major: 3, Minor: 13, Micro: -1}, FreeThreaded: true},
		{Impl: pyver.PyPy, Version: pyver.Version{Major: 3, Minor: 9, Micro: 18}},
		{Impl: pyver.CPython, Version: pyver.Unknown},
		{Impl: pyver.CPython, Version: pyver.Version{Major: 3, Minor: 14, Micro: 0, Pre: "rc1"}},
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		pins, problems := ParsePythonVersion(data)
		last := 0
		for _, p := range pins {
			if p.Line <= last {
				t.Errorf("pin %+v: line not after %d", p, last)
			}
			last = p.Line
			if p.Text == "" || strings.ContainsAny(p.Text, "\n#") && p.Spec == nil {
				t.Errorf("pin %+v: bad text", p)
			}
			if !p.IsVersion && !p.System {
				if checkName(p.Text) != "" {
					t.Errorf("pin %+v: a name that is not one", p)
				}
			}
			for _, b := range builds {
				p.Match(b)
			}
		}
		for _, p := range problems {
			if p.Line < 1 || p.Reason == "" {
				t.Errorf("problem %+v: no line or reason", p)
			}
			_ = p.Error()
		}
	})
}
