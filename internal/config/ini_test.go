package config

import (
	"bytes"
	"encoding/binary"
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"
)

func utf16Bytes(s string, order binary.AppendByteOrder, bom bool) []byte {
	var b []byte
	if bom {
		b = order.AppendUint16(b, 0xFEFF)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = order.AppendUint16(b, u)
	}
	return b
}

const sample = "; py.ini written by hand\r\n" +
	"# another comment\r\n" +
	"\r\n" +
	"[Defaults]\r\n" +
	"python = 3.12\r\n" +
	"PYTHON3=3.11\r\n" +
	"  python2 =   2.7  \r\n" +
	"[commands]\r\n" +
	"/bin/xpython = \"/opt/x/python\" -X dev\r\n" +
	"quoted = \"/opt/my python/bin/python\"\r\n" +
	"single = 'ä ö'\r\n" +
	"empty =\r\n" +
	"eq = a=b\r\n"

func TestParseINIEncodings(t *testing.T) {
	tests := []struct {
		name string
		data []byte
	}{
		{"utf-8", []byte(sample)},
		{"utf-8 lf", []byte(strings.ReplaceAll(sample, "\r\n", "\n"))},
		{"utf-8 bom", append([]byte{0xEF, 0xBB, 0xBF}, sample...)},
		{"utf-16le bom", utf16Bytes(sample, binary.LittleEndian, true)},
		{"utf-16be bom", utf16Bytes(sample, binary.BigEndian, true)},
	}
	want := []struct{ section, key, value string }{
		{"defaults", "python", "3.12"},
		{"DEFAULTS", "Python", "3.12"},
		{"defaults", "python3", "3.11"},
		{"defaults", "python2", "2.7"},
		{"commands", "/bin/xpython", `"/opt/x/python" -X dev`},
		{"commands", "quoted", "/opt/my python/bin/python"},
		{"commands", "single", "ä ö"},
		{"commands", "empty", ""},
		{"commands", "eq", "a=b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := ParseINI(tt.data)
			if err != nil {
				t.Fatalf("ParseINI: %v", err)
			}
			if len(f.Problems) != 0 {
				t.Errorf("ParseINI problems = %+v, want none", f.Problems)
			}
			for _, w := range want {
				got, ok := f.Get(w.section, w.key)
				if !ok || got != w.value {
					t.Errorf("Get(%q, %q) = %q, %v, want %q, true", w.section, w.key, got, ok, w.value)
				}
			}
			for _, miss := range [][2]string{{"defaults", "missing"}, {"nosection", "python"}, {"commands", "defaults"}} {
				if got, ok := f.Get(miss[0], miss[1]); ok {
					t.Errorf("Get(%q, %q) = %q, true, want not found", miss[0], miss[1], got)
				}
			}
		})
	}
}

func TestParseINIRules(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		section  string
		key      string
		want     string
		found    bool
		problems []Problem
	}{
		{"first duplicate wins", "[defaults]\npython=3.11\npython=3.12\n", "defaults", "python", "3.11", true, nil},
		{"first duplicate wins across case", "[defaults]\nPython=3.11\npython=3.12\n", "defaults", "python", "3.11", true, nil},
		{"repeated section merges", "[defaults]\na=1\n[commands]\n[DEFAULTS]\npython=3.9\n", "defaults", "python", "3.9", true, nil},
		{"section with spaces", "[ defaults ]\npython=3\n", "defaults", "python", "3", true, nil},
		{"comment after header", "[defaults] ; the defaults\npython=3\n", "defaults", "python", "3", true, nil},
		{"inline ; is part of the value", "[defaults]\npython=3.12 ; new\n", "defaults", "python", "3.12 ; new", true, nil},
		{"mismatched quotes kept", "[defaults]\npython=\"3.12'\n", "defaults", "python", "\"3.12'", true, nil},
		{"one quote kept", "[defaults]\npython=\"\n", "defaults", "python", "\"", true, nil},
		{"only one pair removed", "[defaults]\npython=\"\"3\"\"\n", "defaults", "python", "\"3\"", true, nil},
		{"indented comment", "[defaults]\n   ; python=2\npython=3\n", "defaults", "python", "3", true, nil},
		{"no final newline", "[defaults]\npython=3", "defaults", "python", "3", true, nil},
		{"key outside a section", "python=3\n[defaults]\n", "defaults", "python", "", false,
			[]Problem{{1, "a key outside any [section]"}}},
		{"line without =", "[defaults]\n\npython 3\n", "defaults", "python", "", false,
			[]Problem{{3, "not a section, a key = value line or a comment"}}},
		{"value without key", "[defaults]\n = 3\n", "defaults", "", "", false,
			[]Problem{{2, "a value without a key"}}},
		{"unterminated header", "[defaults]\na=1\n[commands\nb=2\n", "commands", "b", "", false,
			[]Problem{{3, "a section header without \"]\""}, {4, "a key outside any [section]"}}},
		{"problems on CRLF lines", "[defaults]\r\nx\r\ny\r\n", "defaults", "x", "", false,
			[]Problem{{2, "not a section, a key = value line or a comment"}, {3, "not a section, a key = value line or a comment"}}},
		{"empty file", "", "defaults", "python", "", false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := ParseINI([]byte(tt.in))
			if err != nil {
				t.Fatalf("ParseINI(%q): %v", tt.in, err)
			}
			got, found := f.Get(tt.section, tt.key)
			if found != tt.found || got != tt.want {
				t.Errorf("ParseINI(%q).Get(%q, %q) = %q, %v, want %q, %v", tt.in, tt.section, tt.key, got, found, tt.want, tt.found)
			}
			if !slices.Equal(f.Problems, tt.problems) {
				t.Errorf("ParseINI(%q).Problems = %+v, want %+v", tt.in, f.Problems, tt.problems)
			}
		})
	}
}

func TestParseINIEncodingErrors(t *testing.T) {
	tests := []struct {
		name string
		data []byte
	}{
		{"invalid utf-8", []byte("[defaults]\npython=\xff\xfe3\n")},
		{"invalid utf-8 after bom", []byte("\xEF\xBB\xBF[defaults]\npython=\xc3\n")},
		{"latin-1", []byte("[defaults]\nname=caf\xe9\n")},
		{"utf-16le odd length", append(utf16Bytes("[defaults]", binary.LittleEndian, true), 'x')},
		{"utf-16le lone high surrogate", append(utf16Bytes("[a]\nk=", binary.LittleEndian, true), 0x00, 0xD8, 'x', 0)},
		{"utf-16le high surrogate at end", append(utf16Bytes("[a]\nk=", binary.LittleEndian, true), 0x3D, 0xD8)},
		{"utf-16be lone low surrogate", append(utf16Bytes("[a]\nk=", binary.BigEndian, true), 0xDC, 0x00)},
		{"utf-16be reversed pair", append(utf16Bytes("[a]\nk=", binary.BigEndian, true), 0xDE, 0x00, 0xD8, 0x3D)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := ParseINI(tt.data)
			if !errors.Is(err, ErrEncoding) {
				t.Errorf("ParseINI(%q) = %v, %v, want ErrEncoding", tt.data, f, err)
			}
		})
	}
}

func TestParseINISurrogatePair(t *testing.T) {
	data := utf16Bytes("[defaults]\nemoji = 🐍\n", binary.LittleEndian, true)
	f, err := ParseINI(data)
	if err != nil {
		t.Fatalf("ParseINI: %v", err)
	}
	if got, _ := f.Get("defaults", "emoji"); got != "🐍" {
		t.Errorf("Get(defaults, emoji) = %q, want %q", got, "🐍")
	}
}

func TestNilINI(t *testing.T) {
	var f *INI
	if got, ok := f.Get("defaults", "python"); ok {
		t.Errorf("(*INI)(nil).Get = %q, true, want not found", got)
	}
}

func FuzzParseINI(f *testing.F) {
	f.Add([]byte(sample))
	f.Add(append([]byte{0xEF, 0xBB, 0xBF}, sample...))
	f.Add(utf16Bytes(sample, binary.LittleEndian, true))
	f.Add(utf16Bytes(sample, binary.BigEndian, true))
	f.Add([]byte("python=3\n[defaults\nx\n = y\n"))
	f.Add([]byte("[defaults]\npython=\xff\n"))
	f.Add([]byte{0xFF, 0xFE, 0x00, 0xD8})
	f.Fuzz(func(t *testing.T, data []byte) {
		ini, err := ParseINI(data)
		if err != nil {
			if !errors.Is(err, ErrEncoding) {
				t.Errorf("ParseINI(%q) error %v, want ErrEncoding", data, err)
			}
			if ini != nil {
				t.Errorf("ParseINI(%q) = %v with error %v", data, ini, err)
			}
			return
		}
		// Every line of the decoded text ends with a 0x0A byte in data,
		// in UTF-8 as in UTF-16.
		lines := bytes.Count(data, []byte("\n")) + 1
		prev := 0
		for _, p := range ini.Problems {
			if p.Line < 1 || p.Line > lines {
				t.Errorf("ParseINI(%q): problem %+v outside lines 1..%d", data, p, lines)
			}
			if p.Line <= prev {
				t.Errorf("ParseINI(%q): problems out of order: %+v", data, ini.Problems)
			}
			prev = p.Line
			if p.Reason == "" {
				t.Errorf("ParseINI(%q): problem %+v without a reason", data, p)
			}
		}
		for name, sec := range ini.sections {
			if name != strings.ToLower(name) {
				t.Errorf("ParseINI(%q): section %q not lower case", data, name)
			}
			for k, v := range sec {
				if k != strings.ToLower(k) || k == "" {
					t.Errorf("ParseINI(%q): key %q in [%s]", data, k, name)
				}
				if got, ok := ini.Get(strings.ToUpper(name), strings.ToUpper(k)); !ok || got != v {
					// ToUpper/ToLower do not round-trip for every rune
					// (e.g. the Kelvin sign); only check ASCII names.
					if isASCII(name) && isASCII(k) {
						t.Errorf("ParseINI(%q).Get(%q, %q) = %q, %v, want %q", data, strings.ToUpper(name), strings.ToUpper(k), got, ok, v)
					}
				}
			}
		}
	})
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
