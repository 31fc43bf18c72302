package project

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
)

func TestParsePythonVersion(t *testing.T) {
	tests := []struct {
		name     string
		data     string
		lines    []string // "n text"
		problems []string // "line: reason substring"
	}{
		{"one", "3.12\n", []string{"1 3.12"}, nil},
		{"no newline", "3.12", []string{"1 3.12"}, nil},
		{"several", "3.12.1\n3.11.7\nsystem\n", []string{"1 3.12.1", "2 3.11.7", "3 system"}, nil},
		{"comments and blanks", "# pinned by uv\n\n  3.12  \n\t# indented comment\n3.11 # trailing comment\n",
			[]string{"3 3.12", "5 3.11"}, nil},
		{"hash without space", "3.12#x\n", []string{"1 3.12#x"}, nil},
		{"CRLF", "3.12\r\n3.11\r\n", []string{"1 3.12", "2 3.11"}, nil},
		{"BOM", "\ufeff3.12\n", []string{"1 3.12"}, nil},
		{"specifier with a space", ">=3.11, <3.13\n", []string{"1 >=3.11, <3.13"}, nil},
		{"empty", "", nil, nil},
		{"only comments", "# nothing\n\n", nil, nil},
		{"more than one word", "3.12 3.11\n", nil, []string{"1: more than one word"}},
		{"control character", "3.12\x00\n", nil, []string{"1: control character"}},
		{"escape", "\x1b[31m3.12\n", nil, []string{"1: control character"}},
		{"invalid UTF-8", "3.12\xff\n", nil, []string{"1: not valid UTF-8"}},
		{"long line", strings.Repeat("3", 2000) + "\n3.12\n", []string{"2 3.12"}, []string{"1: longer than 1024 bytes"}},
		{"long comment", "# " + strings.Repeat("x", 2000) + "\n3.12\n", []string{"2 3.12"}, nil},
		{"mixed", "# project pin\n3.13t\nmy env\nmyenv\n3.12\n", []string{"2 3.13t", "4 myenv", "5 3.12"},
			[]string{"3: more than one word"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines, problems := ParsePythonVersion([]byte(tt.data))
			var got []string
			for _, l := range lines {
				got = append(got, fmt.Sprintf("%d %s", l.Num, l.Text))
			}
			if strings.Join(got, "; ") != strings.Join(tt.lines, "; ") {
				t.Errorf("ParsePythonVersion(%q) lines = %q, want %q", tt.data, got, tt.lines)
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
		lines, problems := ParsePythonVersion(data)
		if len(lines) != 2 || lines[0].Text != "3.12" || lines[1].Text != "3.11" || lines[1].Num != 3 || len(problems) != 0 {
			t.Errorf("ParsePythonVersion(UTF-16, little endian %v) = %v, %v, want 3.12 and 3.11", le, lines, problems)
		}
	}
	p := Problem{Line: 2, Text: "my env", Reason: "more than one word"}
	if got, want := p.Error(), `line 2: "my env": more than one word`; got != want {
		t.Errorf("Problem.Error() = %q, want %q", got, want)
	}
}

func TestReadPythonVersion(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, PythonVersionFile)
	mkfile(t, path, "3.12\nmy env\n")
	lines, problems, err := ReadPythonVersion(path)
	if err != nil || len(lines) != 1 || len(problems) != 1 || problems[0].Line != 2 {
		t.Errorf("ReadPythonVersion(%q) = %v, %v, %v, want one line and a problem on line 2", path, lines, problems, err)
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
	f.Fuzz(func(t *testing.T, data []byte) {
		lines, problems := ParsePythonVersion(data)
		last := 0
		for _, l := range lines {
			if l.Num <= last {
				t.Errorf("line %+v: not after %d", l, last)
			}
			last = l.Num
			if l.Text == "" || strings.ContainsAny(l.Text, "\n\r") || l.Text != strings.TrimSpace(l.Text) || strings.HasPrefix(l.Text, "#") {
				t.Errorf("line %+v: bad text", l)
			}
			if lineProblem(l.Text) != "" {
				t.Errorf("line %+v: a text with a problem", l)
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
