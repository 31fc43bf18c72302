package project

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/pelletier/go-toml/v2"

	"github.com/pylauncher/py/internal/pep440"
	"github.com/pylauncher/py/internal/readfile"
)

// Requirement is a requires-python read from a pyproject.toml or a
// script's metadata.
type Requirement struct {
	// Path is the file it came from; Line its 1-based line there, or 0
	// when it could not be told.
	Path string
	Line int
	// Text is the specifier as written; Spec is it parsed.
	Text string
	Spec pep440.SpecifierSet
}

// RequiresPython returns requires-python from the project table of a
// pyproject.toml. found is false when there is none. A file that is not
// TOML, or a requires-python that is not a string, is an *Error with the
// line at fault; line is that line, or the line of requires-python when
// found (0 when it cannot be told: an inline table, say).
func RequiresPython(data []byte) (spec string, line int, found bool, err error) {
	doc, err := decodeTOML(data, 0)
	if err != nil {
		return "", lineOf(err), false, err
	}
	project, ok := doc["project"]
	if !ok {
		return "", 0, false, nil
	}
	table, ok := project.(map[string]any)
	if !ok {
		line := keyLine(string(data), "", "project")
		return "", line, false, &Error{Line: line, Reason: fmt.Sprintf("project is %s, not a table", tomlType(project))}
	}
	value, ok := table["requires-python"]
	if !ok {
		return "", 0, false, nil
	}
	line = keyLine(string(data), "project", "requires-python")
	s, ok := value.(string)
	if !ok {
		return "", line, false, &Error{Line: line, Reason: fmt.Sprintf("requires-python is %s, not a string", tomlType(value))}
	}
	return s, line, true, nil
}

// maxPyprojectSize is the most of a pyproject.toml read.
const maxPyprojectSize = 4 << 20

// ReadRequiresPython reads the pyproject.toml at path and parses the
// requires-python of its project table. found is false when there is
// none. Errors about the file's content are *Error values naming path and
// line.
func ReadRequiresPython(path string) (r Requirement, found bool, err error) {
	data, err := readfile.Read(path, maxPyprojectSize)
	if err != nil {
		return r, false, &Error{Path: path, Reason: readfile.Reason(err), Err: err}
	}
	text, line, found, err := RequiresPython(data)
	if err != nil || !found {
		return r, false, withPath(err, path)
	}
	return parseRequirement(path, line, text)
}

// parseRequirement parses a requires-python value found at path:line.
func parseRequirement(path string, line int, text string) (Requirement, bool, error) {
	r := Requirement{Path: path, Line: line, Text: text}
	spec, err := pep440.Parse(text)
	if err != nil {
		return r, false, &Error{Path: path, Line: line, Reason: "requires-python: " + err.Error(), Err: err}
	}
	r.Spec = spec
	return r, true, nil
}

// decodeTOML parses TOML text; errors are *Error values whose line is
// shifted by offset (the line before the text in its file).
func decodeTOML(data []byte, offset int) (doc map[string]any, err error) {
	defer func() {
		// The parser turns its own panics into errors but lets others
		// through; a launcher must not crash on a file it reads.
		if r := recover(); r != nil {
			doc, err = nil, &Error{Line: 0, Reason: fmt.Sprintf("invalid TOML: %v", r)}
		}
	}()
	// A UTF-8 byte order mark is allowed (pyproject.toml is UTF-8).
	data = bytes.TrimPrefix(data, bom)
	if err := toml.Unmarshal(data, &doc); err != nil {
		var de *toml.DecodeError
		if errors.As(err, &de) {
			row, _ := de.Position()
			return nil, &Error{Line: offset + row, Reason: "invalid TOML: " + de.Error(), Err: err}
		}
		return nil, &Error{Reason: "invalid TOML: " + err.Error(), Err: err}
	}
	return doc, nil
}

func lineOf(err error) int {
	var e *Error
	if errors.As(err, &e) {
		return e.Line
	}
	return 0
}

// tomlType names the TOML type of a decoded value, for messages.
func tomlType(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a float"
	case bool:
		return "a boolean"
	case map[string]any:
		return "a table"
	case []any, []map[string]any:
		return "an array"
	}
	return "a date or time"
}

// keyLine finds the line of key in table ("" for the top level) in TOML
// text, for messages: the TOML parser does not report where keys are.
// It reads line by line, as TOML is usually written — a [table] header,
// then "key = value" — and also finds the dotted top-level form
// table.key = value; it returns 0 when it finds the key in neither form
// (an inline table, say).
func keyLine(text, table, key string) int {
	current := ""
	inMultiline := ""
	n := 0
	for len(text) > 0 {
		var line string
		line, text, _ = strings.Cut(text, "\n")
		n++
		if inMultiline != "" {
			if strings.Count(line, inMultiline)%2 == 1 {
				inMultiline = ""
			}
			continue
		}
		t := strings.TrimSpace(strings.TrimPrefix(line, "\ufeff"))
		if strings.HasPrefix(t, "[") {
			current = tableName(t)
			continue
		}
		if current == table && keyIs(t, key) {
			return n
		}
		if current == "" && table != "" {
			if rest, ok := cutKey(t, table); ok {
				if rest, ok = strings.CutPrefix(strings.TrimSpace(rest), "."); ok && keyIs(strings.TrimSpace(rest), key) {
					return n
				}
			}
		}
		for _, q := range []string{`"""`, `'''`} {
			if strings.Count(line, q)%2 == 1 {
				inMultiline = q
				break
			}
		}
	}
	return 0
}

// tableName returns the name in a "[name]" header, "" in place of an
// array of tables or anything unusual.
func tableName(header string) string {
	if strings.HasPrefix(header, "[[") {
		return "[["
	}
	end := strings.IndexByte(header, ']')
	if end < 0 {
		return "["
	}
	name := strings.TrimSpace(header[1:end])
	if len(name) >= 2 && (name[0] == '"' || name[0] == '\'') && name[len(name)-1] == name[0] {
		name = name[1 : len(name)-1]
	}
	return name
}

// keyIs reports whether the line t starts "key =".
func keyIs(t, key string) bool {
	rest, ok := cutKey(t, key)
	return ok && strings.HasPrefix(strings.TrimSpace(rest), "=")
}

// cutKey cuts key, bare or quoted, from the front of t.
func cutKey(t, key string) (string, bool) {
	for _, form := range []string{key, `"` + key + `"`, `'` + key + `'`} {
		if rest, ok := strings.CutPrefix(t, form); ok {
			return rest, true
		}
	}
	return "", false
}
