// Package config reads py's settings: py.ini files, searched key by key
// (the user's file first, then the one beside the py executable), as
// CPython's launcher does.
package config

import (
	"encoding/binary"
	"errors"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Problem is a line of an ini file that was ignored.
type Problem struct {
	Line   int
	Reason string
}

// INI is a parsed ini file. Section and key names are case-insensitive;
// the first occurrence of a key in a section wins, as with Windows'
// GetPrivateProfileString.
type INI struct {
	sections map[string]map[string]string
	// Problems lists the lines that were ignored.
	Problems []Problem
}

// ErrEncoding reports an ini file that is neither UTF-8 nor UTF-16 with a BOM.
var ErrEncoding = errors.New("not UTF-8, or UTF-16 with a byte order mark")

// ParseINI parses data: UTF-8 (a BOM is allowed) or UTF-16 with a BOM.
// Lines are "[section]", "key = value", comments starting with ";" or "#",
// or blank. Values lose surrounding white space and one pair of
// surrounding quotes. Other lines are reported in Problems and skipped.
func ParseINI(data []byte) (*INI, error) {
	text, err := decode(data)
	if err != nil {
		return nil, err
	}
	f := &INI{sections: map[string]map[string]string{}}
	var cur map[string]string
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(strings.TrimSuffix(line, "\r"))
		if line == "" || line[0] == ';' || line[0] == '#' {
			continue
		}
		if line[0] == '[' {
			end := strings.IndexByte(line, ']')
			if end < 0 {
				f.Problems = append(f.Problems, Problem{i + 1, "a section header without \"]\""})
				cur = nil
				continue
			}
			name := strings.ToLower(strings.TrimSpace(line[1:end]))
			if f.sections[name] == nil {
				f.sections[name] = map[string]string{}
			}
			cur = f.sections[name]
			continue
		}
		key, value, ok := strings.Cut(line, "=")
		key = strings.ToLower(strings.TrimSpace(key))
		switch {
		case !ok:
			f.Problems = append(f.Problems, Problem{i + 1, "not a section, a key = value line or a comment"})
			continue
		case key == "":
			f.Problems = append(f.Problems, Problem{i + 1, "a value without a key"})
			continue
		case cur == nil:
			f.Problems = append(f.Problems, Problem{i + 1, "a key outside any [section]"})
			continue
		}
		if _, dup := cur[key]; !dup {
			cur[key] = unquote(strings.TrimSpace(value))
		}
	}
	return f, nil
}

// Get returns the value of key in section.
func (f *INI) Get(section, key string) (string, bool) {
	if f == nil {
		return "", false
	}
	v, ok := f.sections[strings.ToLower(section)][strings.ToLower(key)]
	return v, ok
}

func unquote(v string) string {
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		return v[1 : len(v)-1]
	}
	return v
}

func decode(data []byte) (string, error) {
	switch {
	case len(data) >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF:
		data = data[3:]
	case len(data) >= 2 && data[0] == 0xFF && data[1] == 0xFE:
		return decodeUTF16(data[2:], binary.LittleEndian)
	case len(data) >= 2 && data[0] == 0xFE && data[1] == 0xFF:
		return decodeUTF16(data[2:], binary.BigEndian)
	}
	if !utf8.Valid(data) {
		return "", ErrEncoding
	}
	return string(data), nil
}

func decodeUTF16(data []byte, order binary.ByteOrder) (string, error) {
	if len(data)%2 != 0 {
		return "", ErrEncoding
	}
	u := make([]uint16, len(data)/2)
	for i := range u {
		u[i] = order.Uint16(data[2*i:])
	}
	for i := 0; i < len(u); i++ {
		// Reject unpaired surrogates rather than guessing.
		switch c := u[i]; {
		case c >= 0xD800 && c < 0xDC00:
			if i+1 >= len(u) || u[i+1] < 0xDC00 || u[i+1] >= 0xE000 {
				return "", ErrEncoding
			}
			i++
		case c >= 0xDC00 && c < 0xE000:
			return "", ErrEncoding
		}
	}
	return string(utf16.Decode(u)), nil
}
