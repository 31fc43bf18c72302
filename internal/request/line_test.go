package request

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pylauncher/py/internal/project"
)

// describe writes a request in a short form for comparisons.
func describe(n int, r Request) string {
	switch r.Kind {
	case System:
		return fmt.Sprintf("%d system", n)
	case Name:
		return fmt.Sprintf("%d name %s", n, r.Name)
	case Path:
		return fmt.Sprintf("%d path %s", n, r.Path)
	}
	s := fmt.Sprintf("%d version %s", n, r.Version)
	for _, f := range []struct {
		on   bool
		text string
	}{{r.Impl != "", " impl=" + r.Impl}, {r.FreeThreaded, " t"}, {r.Debug, " d"}, {r.Machine != "", " machine=" + r.Machine}, {r.GIL, " gil"}, {r.Spec != nil, " spec=" + r.Spec.String()}} {
		if f.on {
			s += f.text
		}
	}
	return s
}

// What a .python-version line means: project splits the file into
// lines, FromLine reads each (as the launcher does).
func TestPythonVersionLines(t *testing.T) {
	tests := []struct {
		data     string
		requests []string
		skipped  []string // "line: reason substring"
	}{
		{"3.12\n", []string{"1 version 3.12"}, nil},
		{"3.12.1\n", []string{"1 version 3.12.1"}, nil},
		{"3\n", []string{"1 version 3"}, nil},
		{"312\n", []string{"1 version 3.12"}, nil},
		{"3.14.0rc1\n", []string{"1 version 3.14.0rc1"}, nil},
		{"3.13t\n", []string{"1 version 3.13 t"}, nil},
		{"3.12d\n", []string{"1 version 3.12 d"}, nil},
		{"pypy3.9\n", []string{"1 version 3.9 impl=pypy"}, nil},
		{"cpython@3.12\n", []string{"1 version 3.12 impl=cpython"}, nil},
		{"cpython3.12\n", []string{"1 version 3.12 impl=cpython"}, nil},
		{"CPython3.12\n", []string{"1 version 3.12 impl=cpython"}, nil},
		{"graalpy@3.11\n", []string{"1 version 3.11 impl=graalpy"}, nil},
		{"pypy\n", []string{"1 version ? impl=pypy"}, nil},
		{"cp312\n", []string{"1 version 3.12 impl=cpython"}, nil},
		{"cp310\n", []string{"1 version 3.10 impl=cpython"}, nil},
		{"pp39\n", []string{"1 version 3.9 impl=pypy"}, nil},
		{"3.13+freethreaded\n", []string{"1 version 3.13 t"}, nil},
		{"3.13+debug\n", []string{"1 version 3.13 d"}, nil},
		{"3.13+freethreaded+debug\n", []string{"1 version 3.13 t d"}, nil},
		{"3.13+gil\n", []string{"1 version 3.13 gil"}, nil},
		{"3+freethreaded\n", []string{"1 version 3 t"}, nil},
		{"cpython-3.12.1-linux-x86_64-gnu\n", []string{"1 version 3.12.1 impl=cpython machine=x86_64"}, nil},
		{"cpython-3.13.0+freethreaded-macos-aarch64-none\n", []string{"1 version 3.13.0 impl=cpython t machine=arm64"}, nil},
		{">=3.11,<3.13\n", []string{"1 version ? spec=>=3.11,<3.13"}, nil},
		{">=3.11, <3.13\n", []string{"1 version ? spec=>=3.11,<3.13"}, nil},
		{"cpython>=3.12,<3.13\n", []string{"1 version ? impl=cpython spec=>=3.12,<3.13"}, nil},
		{"python-3.12\n", []string{"1 version 3.12"}, nil},
		{"system\n", []string{"1 system"}, nil},
		{"3.12.1\n3.11.7\nsystem\n", []string{"1 version 3.12.1", "2 version 3.11.7", "3 system"}, nil},
		{"myenv\n", []string{"1 name myenv"}, nil},
		{"3.11.7/envs/myenv\n", []string{"1 name 3.11.7/envs/myenv"}, nil},
		{"3.14-dev\n", []string{"1 name 3.14-dev"}, nil},
		{"miniconda3-latest\n", []string{"1 name miniconda3-latest"}, nil},
		{"pypy3.10-7.3.17\n", []string{"1 name pypy3.10-7.3.17"}, nil},
		{"graalpy-24.1.0\n", []string{"1 name graalpy-24.1.0"}, nil},
		{"anaconda3-2024.02-1\n", []string{"1 name anaconda3-2024.02-1"}, nil},
		{"python-env\n", []string{"1 name python-env"}, nil},
		{"my-long-env-name\n", []string{"1 name my-long-env-name"}, nil},
		{"3.12-32\n", []string{"1 name 3.12-32"}, nil},
		{"3.13+fast\n", []string{"1 name 3.13+fast"}, nil},
		{"3.13t+gil\n", []string{"1 name 3.13t+gil"}, nil},
		{"./venv\n", []string{"1 path ./venv"}, nil},
		{"../x\n", []string{"1 path ../x"}, nil},
		{"/usr/bin/python3\n", []string{"1 path /usr/bin/python3"}, nil},
		{"3.12#x\n", nil, []string{"1: not a Python version or a program name"}},
		{"-3.12\n", nil, []string{`1: write "3.12", without the dash`}},
		{"-V\n", nil, []string{"1: not a Python version or a program name"}},
		{"3.12/../../x\n", nil, []string{"1: not a Python version or a program name"}},
		{`"3.12"` + "\n", nil, []string{"1: not a Python version or a program name"}},
		{">=3.11,<\n", nil, []string{`1: invalid request ">=3.11,<"`}},
		{"cpython@3.x\n", nil, []string{`1: invalid request "cpython@3.x": expected a version`}},
		{"PyPy@\n", nil, []string{`1: invalid request "PyPy@": expected a version after "pypy@"`}},
		{"# project pin\n3.13t\nmy env\nmyenv\n3.12\n", []string{"2 version 3.13 t", "4 name myenv", "5 version 3.12"},
			[]string{"3: more than one word"}},
	}
	for _, tt := range tests {
		lines, problems := project.ParsePythonVersion([]byte(tt.data))
		var got, skipped []string
		for _, p := range problems {
			skipped = append(skipped, fmt.Sprintf("%d: %s", p.Line, p.Reason))
		}
		for _, l := range lines {
			r, err := FromLine(l.Text, fmt.Sprintf(".python-version, line %d", l.Num))
			if err != nil {
				skipped = append(skipped, fmt.Sprintf("%d: %v", l.Num, err))
				continue
			}
			got = append(got, describe(l.Num, r))
		}
		if strings.Join(got, "; ") != strings.Join(tt.requests, "; ") {
			t.Errorf("%q: requests %q, want %q", tt.data, got, tt.requests)
		}
		if len(skipped) != len(tt.skipped) {
			t.Errorf("%q: skipped %q, want %q", tt.data, skipped, tt.skipped)
			continue
		}
		for i, want := range tt.skipped {
			line, reason, _ := strings.Cut(want, ": ")
			if !strings.HasPrefix(skipped[i], line+": ") || !strings.Contains(skipped[i], reason) {
				t.Errorf("%q: skipped %q, want line %s and %q", tt.data, skipped[i], line, reason)
			}
		}
	}
}
