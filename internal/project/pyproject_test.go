package project

import (
	"errors"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/pelletier/go-toml/v2"

	"github.com/pylauncher/py/internal/pep440"
)

func TestRequiresPython(t *testing.T) {
	tests := []struct {
		name  string
		data  string
		spec  string
		line  int
		found bool
		err   string // a substring of the error, "" for none
	}{
		{"PEP 621", `[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"

[project]
name = "spam"
version = "2020.0.0"
requires-python = ">=3.8"
dependencies = ["httpx"]
`, ">=3.8", 8, true, ""},
		{"range", "[project]\nrequires-python = \">=3.9,<3.12\"\n", ">=3.9,<3.12", 2, true, ""},
		{"literal string", "[project]\nrequires-python = '~=3.10'\n", "~=3.10", 2, true, ""},
		{"quoted key", "[project]\n\"requires-python\" = \"==3.11.*\"\n", "==3.11.*", 2, true, ""},
		{"spaced header", "[ project ]  # the project\n  requires-python   =   \">=3.9\"  # comment\n", ">=3.9", 2, true, ""},
		{"quoted header", "[\"project\"]\nrequires-python = \">=3.9\"\n", ">=3.9", 2, true, ""},
		{"dotted key", "project.name = \"x\"\nproject.requires-python = \"!=3.10.2\"\n", "!=3.10.2", 2, true, ""},
		{"inline table", "project = { name = \"x\", requires-python = \">=3.8\" }\n", ">=3.8", 0, true, ""},
		{"after a sub-table", "[project]\nname = \"x\"\n[project.urls]\nrequires-python = \"no\"\n", "", 0, false, ""},
		{"sub-table first", "[project.urls]\nhome = \"h\"\n[tool.x]\nrequires-python = \"no\"\n[project]\nrequires-python = \">=3.10\"\n", ">=3.10", 6, true, ""},
		{"multi-line string before", "[project]\ndescription = \"\"\"\nrequires-python = \"no\"\n\"\"\"\nrequires-python = \">=3.10\"\n", ">=3.10", 5, true, ""},
		{"CRLF and BOM", "\ufeff[project]\r\nrequires-python = \">=3.9\"\r\n", ">=3.9", 2, true, ""},
		{"empty string", "[project]\nrequires-python = \"\"\n", "", 2, true, ""},
		{"no requires-python", "[project]\nname = \"x\"\n", "", 0, false, ""},
		{"no project", "[tool.poetry.dependencies]\npython = \"^3.9\"\n", "", 0, false, ""},
		{"empty file", "", "", 0, false, ""},
		{"not a string", "[project]\nname = \"x\"\nrequires-python = 3.9\n", "", 3, false, "requires-python is a float, not a string"},
		{"an array", "[project]\nrequires-python = [\">=3.9\"]\n", "", 2, false, "requires-python is an array, not a string"},
		{"project not a table", "project = \"x\"\n", "", 1, false, "project is a string, not a table"},
		{"unclosed header", "[project\nrequires-python = \">=3.9\"\n", "", 1, false, "invalid TOML"},
		{"unclosed string", "[project]\nname = \"x\"\nrequires-python = \">=3.9\n", "", 3, false, "invalid TOML"},
		{"duplicate key", "[project]\nrequires-python = \">=3.9\"\nrequires-python = \">=3.10\"\n", "", 3, false, "invalid TOML"},
		{"duplicate table", "[project]\n[tool]\n[project]\n", "", 3, false, "invalid TOML"},
		{"bare words", "this is not toml\n", "", 1, false, "invalid TOML"},
		{"UTF-16", "\xff\xfe[\x00p\x00", "", 1, false, "invalid TOML"},
		{"NUL", "[project]\x00", "", 1, false, "invalid TOML"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spec, line, found, err := RequiresPython([]byte(tt.data))
			if spec != tt.spec || line != tt.line || found != tt.found {
				t.Errorf("RequiresPython(%q) = %q, %d, %v, %v, want %q, %d, %v", tt.data, spec, line, found, err, tt.spec, tt.line, tt.found)
			}
			switch {
			case tt.err == "" && err != nil:
				t.Errorf("RequiresPython(%q) error = %v, want nil", tt.data, err)
			case tt.err != "":
				var e *Error
				if !errors.As(err, &e) || !strings.Contains(e.Reason, tt.err) || e.Line != tt.line {
					t.Errorf("RequiresPython(%q) error = %#v, want an *Error on line %d containing %q", tt.data, err, tt.line, tt.err)
				}
			}
		})
	}
}

func TestRequiresPythonParseError(t *testing.T) {
	_, _, _, err := RequiresPython([]byte("[project]\nrequires-python = >=3.9\n"))
	var de *toml.DecodeError
	if !errors.As(err, &de) {
		t.Errorf("RequiresPython error = %v, want a *toml.DecodeError inside", err)
	} else if row, _ := de.Position(); row != 2 {
		t.Errorf("RequiresPython error on row %d, want 2", row)
	}
	if got := err.Error(); !strings.HasPrefix(got, "line 2: invalid TOML: ") {
		t.Errorf("RequiresPython error = %q, want it to start with \"line 2: invalid TOML: \"", got)
	}
}

func TestReadRequiresPython(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name    string
		data    string
		found   bool
		spec    string
		line    int
		wantErr string
	}{
		{"ok", "[project]\nname = \"x\"\nrequires-python = \">= 3.9, <3.12\"\n", true, ">=3.9,<3.12", 3, ""},
		{"none", "[project]\nname = \"x\"\n", false, "", 0, ""},
		{"bad specifier", "[project]\nrequires-python = \">=3.9,<\"\n", false, "", 2,
			`line 2 of PATH: requires-python: invalid version specifier ">=3.9,<" (in "<"): expected a version after "<"`},
		{"bare version", "[project]\nrequires-python = \"3.12\"\n", false, "", 2,
			`line 2 of PATH: requires-python: invalid version specifier "3.12": expected an operator`},
		{"bad TOML", "[project]\nrequires-python = \">=3.9\n", false, "", 2, `line 2 of PATH: invalid TOML: `},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.name, PyprojectFile)
			mkfile(t, path, tt.data)
			r, found, err := ReadRequiresPython(path)
			if tt.wantErr != "" {
				want := strings.ReplaceAll(tt.wantErr, "PATH", strconv.Quote(path))
				if err == nil || !strings.HasPrefix(err.Error(), want) {
					t.Errorf("ReadRequiresPython(%q) error = %v, want %q", path, err, want)
				}
				var e *Error
				if !errors.As(err, &e) || e.Path != path || e.Line != tt.line {
					t.Errorf("ReadRequiresPython(%q) error = %#v, want an *Error with path and line %d", path, err, tt.line)
				}
				return
			}
			if err != nil || found != tt.found {
				t.Fatalf("ReadRequiresPython(%q) = %+v, %v, %v, want found %v", path, r, found, err, tt.found)
			}
			if found && (r.Spec.String() != tt.spec || r.Line != tt.line || r.Path != path) {
				t.Errorf("ReadRequiresPython(%q) = %+v, want spec %q on line %d", path, r, tt.spec, tt.line)
			}
		})
	}
	if _, _, err := ReadRequiresPython(filepath.Join(dir, "missing")); err == nil {
		t.Errorf("ReadRequiresPython(missing) error = nil, want one")
	}
	var se *pep440.SpecifierError
	_, _, err := ReadRequiresPython(filepath.Join(dir, "bad specifier", PyprojectFile))
	if !errors.As(err, &se) {
		t.Errorf("ReadRequiresPython error = %v, want a *pep440.SpecifierError inside", err)
	}
}

func FuzzRequiresPython(f *testing.F) {
	for _, s := range []string{
		"[project]\nrequires-python = \">=3.9\"\n",
		"project = { requires-python = \">=3.8\" }\n",
		"project.requires-python = '~=3.10'\n",
		"[project]\nrequires-python = 3\n",
		"[project\n",
		"project = 1\n",
		"[project]\ndescription = \"\"\"\n[x]\n\"\"\"\nrequires-python = \"==3.11.*\"\n",
		"\ufeff[project]\r\nrequires-python = \"\"\r\n",
		"a = 1979-05-27T07:32:00Z\n[[project]]\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		spec, line, found, err := RequiresPython(data)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || found || spec != "" {
				t.Fatalf("RequiresPython(%q) = %q, %d, %v, %v: want an *Error and nothing found", data, spec, line, found, err)
			}
		}
		if n := strings.Count(string(data), "\n") + 1; line < 0 || line > n+1 {
			t.Errorf("RequiresPython(%q) line = %d, outside 0..%d", data, line, n+1)
		}
		if found {
			pep440.Parse(spec)
		}
	})
}
