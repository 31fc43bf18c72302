package project

import (
	"errors"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/pylauncher/py/internal/pep440"
)

// pep723Example is the example of the inline script metadata
// specification (PEP 723), with a shebang line added.
const pep723Example = `#!/usr/bin/env python3
# /// script
# requires-python = ">=3.11"
# dependencies = [
#   "requests<3",
#   "rich",
# ]
# ///

import requests
from rich.pretty import pprint

resp = requests.get("https://peps.python.org/api/peps.json")
data = resp.json()
pprint([(k, v["title"]) for k, v in data.items()][:10])
`

func TestScriptMetadata(t *testing.T) {
	tests := []struct {
		name  string
		data  string
		spec  string
		line  int
		found bool
		err   string // a substring of the error, "" for none
	}{
		{"PEP 723 example", pep723Example, ">=3.11", 3, true, ""},
		{"PEP 723 example CRLF", strings.ReplaceAll(pep723Example, "\n", "\r\n"), ">=3.11", 3, true, ""},
		{"BOM", "\ufeff# /// script\n# requires-python = \">=3.9\"\n# ///\n", ">=3.9", 2, true, ""},
		{"at the end without a newline", "print(1)\n# /// script\n# requires-python = \">=3.9\"\n# ///", ">=3.9", 3, true, ""},
		{"requires-python later", "# /// script\n# dependencies = []\n#\n# requires-python = '~=3.10'\n# ///\n", "~=3.10", 4, true, ""},
		{"comment lines", "# /// script\n#\n# [tool.x]\n# a = 1\n# ///\n", "", 0, false, ""},
		{"no requires-python", "# /// script\n# dependencies = [\"rich\"]\n# ///\n", "", 0, false, ""},
		{"empty block", "# /// script\n# ///\n", "", 0, false, ""},
		{"no block", "import sys\nprint(sys.version)\n", "", 0, false, ""},
		{"empty", "", "", 0, false, ""},
		// The specification's own example: "# ///" lines inside the
		// content; the block ends at the last one before a line that is
		// not a comment.
		{"end precedence", `# /// script
# requires-python = ">=3.12"
# embedded-csharp = """
# /// <summary>
# /// text
# ///
# /// </summary>
# public class MyClass { }
# """
# ///
`, ">=3.12", 2, true, ""},
		{"end precedence bad", "# /// script\n# requires-python = \">=3.12\"\n# ///\n# x = [\n# ///\n", "", 3, false, "invalid TOML in the script metadata"},
		{"other types ignored", "# /// pyproject\n# [run]\n# requires-python = \">=3.11\"\n# ///\n", "", 0, false, ""},
		{"other type beside", "# /// tool-x\n# a = !!\n# ///\n\n# /// script\n# requires-python = \">=3.10\"\n# ///\n", ">=3.10", 6, true, ""},
		// With no line between, the first block runs to the last "# ///".
		{"other type adjacent", "# /// tool-x\n# a = !!\n# ///\n# /// script\n# requires-python = \">=3.10\"\n# ///\n", "", 0, false, ""},
		{"blank line ends", "# /// script\n# requires-python = \">=3.9\"\n\n# ///\n", "", 1, false, "no \"# ///\" line to end it"},
		{"code line ends", "# /// script\n# requires-python = \">=3.9\"\nimport os\n# ///\n", "", 1, false, "no \"# ///\" line to end it"},
		{"#x ends", "# /// script\n#requires-python = \">=3.9\"\n# ///\n", "", 1, false, "no \"# ///\" line to end it"},
		{"indented start", "  # /// script\n# requires-python = \">=3.9\"\n# ///\n", "", 0, false, ""},
		{"trailing space", "# /// script \n# requires-python = \">=3.9\"\n# ///\n", "", 0, false, ""},
		{"end with trailing space", "# /// script\n# requires-python = \">=3.9\"\n# /// \n", "", 1, false, "no \"# ///\" line to end it"},
		{"two spaces", "#  /// script\n# requires-python = \">=3.9\"\n# ///\n", "", 0, false, ""},
		{"start at the end", "print(1)\n# /// script", "", 0, false, ""},
		{"unclosed then closed", "# /// script\n\n# /// script\n# requires-python = \">=3.9\"\n# ///\n", ">=3.9", 4, true, ""},
		{"two blocks", "# /// script\n# requires-python = \">=3.9\"\n# ///\n\n# /// script\n# requires-python = \">=3.10\"\n# ///\n",
			"", 5, false, "a second \"# /// script\" metadata block (the first is on line 1)"},
		{"bad TOML", "x = 1\n# /// script\n# requires-python = \">=3.9\n# ///\n", "", 3, false, "invalid TOML in the script metadata"},
		{"not a string", "# /// script\n# requires-python = 3.9\n# ///\n", "", 2, false, "requires-python is a float, not a string"},
		{"a table", "# /// script\n# [requires-python]\n# ///\n", "", 1, false, "requires-python is a table, not a string"},
		{"inside a docstring", "\"\"\"\n# /// script\n# requires-python = \">=3.9\"\n# ///\n\"\"\"\n", ">=3.9", 3, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spec, line, found, err := ScriptMetadata([]byte(tt.data))
			if spec != tt.spec || line != tt.line || found != tt.found {
				t.Errorf("ScriptMetadata(%q) = %q, %d, %v, %v, want %q, %d, %v", tt.data, spec, line, found, err, tt.spec, tt.line, tt.found)
			}
			switch {
			case tt.err == "" && err != nil:
				t.Errorf("ScriptMetadata(%q) error = %v, want nil", tt.data, err)
			case tt.err != "":
				var e *Error
				if !errors.As(err, &e) || !strings.Contains(e.Reason, tt.err) || e.Line != tt.line {
					t.Errorf("ScriptMetadata(%q) error = %#v, want an *Error on line %d containing %q", tt.data, err, tt.line, tt.err)
				}
			}
		})
	}
}

func TestScriptRequiresPython(t *testing.T) {
	path := filepath.Join("dir", "script.py")
	r, found, err := ScriptRequiresPython([]byte(pep723Example), path)
	if err != nil || !found || r.Spec.String() != ">=3.11" || r.Line != 3 || r.Path != path || r.Text != ">=3.11" {
		t.Errorf("ScriptRequiresPython(PEP 723 example) = %+v, %v, %v, want >=3.11 on line 3", r, found, err)
	}
	_, found, err = ScriptRequiresPython([]byte("# /// script\n# requires-python = \">=3.9,<\"\n# ///\n"), path)
	want := `line 2 of ` + strconv.Quote(path) + `: requires-python: invalid version specifier ">=3.9,<" (in "<"): expected a version after "<"`
	var se *pep440.SpecifierError
	if found || err == nil || err.Error() != want || !errors.As(err, &se) {
		t.Errorf("ScriptRequiresPython(bad specifier) = %v, %v, want %q", found, err, want)
	}
	_, found, err = ScriptRequiresPython([]byte("# /// script\n# requires-python = [\n# ///\n"), path)
	if found || err == nil || !strings.HasPrefix(err.Error(), `line 2 of `+strconv.Quote(path)+`: invalid TOML in the script metadata: `) {
		t.Errorf("ScriptRequiresPython(bad TOML) = %v, %v, want an error on line 2", found, err)
	}
	_, found, err = ScriptRequiresPython([]byte("print(1)\n"), path)
	if found || err != nil {
		t.Errorf("ScriptRequiresPython(no block) = %v, %v, want false, nil", found, err)
	}
}

// reference is the specification's regular expression, with the content
// repetition relaxed from + to * as its text allows an empty block.
var reference = regexp.MustCompile(`(?m)^# /// (?P<type>[a-zA-Z0-9-]+)$\s(?P<content>(^#(| .*)$\s)*)^# ///$`)

// referenceBlocks reads blocks as the specification's reference
// implementation does.
func referenceBlocks(script string) (types, contents []string) {
	for _, m := range reference.FindAllStringSubmatch(script, -1) {
		var b strings.Builder
		for _, line := range strings.SplitAfter(m[2], "\n") {
			if rest, ok := strings.CutPrefix(line, "# "); ok {
				b.WriteString(rest)
			} else if line != "" {
				b.WriteString(line[1:])
			}
		}
		types = append(types, m[1])
		contents = append(contents, b.String())
	}
	return types, contents
}

func TestMetadataBlocksReference(t *testing.T) {
	for _, s := range []string{
		pep723Example,
		"# /// script\n# ///\n# a\n# ///\n",
		"# /// a\n# /// b\n# ///\n# ///\n",
		"# /// a\n# x\n\n# /// b\n# y\n# ///\n",
		"# /// a\n#\n# ///",
	} {
		checkReference(t, []byte(s))
	}
}

func checkReference(t *testing.T, data []byte) {
	t.Helper()
	blocks, _ := metadataBlocks(data)
	script := strings.ReplaceAll(string(data), "\r\n", "\n")
	script = strings.TrimPrefix(script, "\ufeff")
	types, contents := referenceBlocks(script)
	if len(blocks) != len(types) {
		t.Fatalf("metadataBlocks(%q) found %d blocks, the reference expression %d (%q)", data, len(blocks), len(types), types)
	}
	for i, b := range blocks {
		if b.typ != types[i] || b.content != contents[i] {
			t.Errorf("metadataBlocks(%q) block %d = %q %q, the reference expression %q %q", data, i, b.typ, b.content, types[i], contents[i])
		}
	}
}

func FuzzScriptMetadata(f *testing.F) {
	for _, s := range []string{
		pep723Example,
		"# /// script\n# requires-python = \">=3.9\"\n# ///\n",
		"# /// script\r\n# requires-python = '>=3.9'\r\n# ///",
		"# /// script\n# ///\n# a = 1\n# ///\n",
		"# /// script\n#\n# ///\n# /// script\n# ///\n",
		"# /// script\n# requires-python = [\n# ///\n",
		"# /// a-b\n# /// script\n# ///\n",
		"\ufeff# /// script\n# x = \"\"\"\n# ///\n# \"\"\"\n# ///\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		spec, line, found, err := ScriptMetadata(data)
		lines := strings.Count(string(data), "\n") + 1
		if line < 0 || line > lines+1 {
			t.Errorf("ScriptMetadata(%q) line = %d, outside 0..%d", data, line, lines+1)
		}
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || found || spec != "" {
				t.Errorf("ScriptMetadata(%q) = %q, %d, %v, %v: want an *Error and nothing found", data, spec, line, found, err)
			}
		}
		if found && line < 1 {
			t.Errorf("ScriptMetadata(%q) found requires-python on line %d", data, line)
		}
		// The blocks are those the specification's expression finds.
		// Go's \s is ASCII, Python's is wider; they differ only where
		// \s meets a line end, which is always "\n".
		if !strings.Contains(string(data), "\r") {
			checkReference(t, data)
		}
	})
}
