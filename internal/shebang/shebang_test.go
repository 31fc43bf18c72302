package shebang

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func TestExtract(t *testing.T) {
	tests := []struct {
		name   string
		data   string
		line   string
		found  bool
		err    error
		reason string
	}{
		{"plain", "#!/usr/bin/env python3\nprint(1)\n", "/usr/bin/env python3", true, nil, ""},
		{"crlf", "#!/usr/bin/python3.9 -O\r\nx", "/usr/bin/python3.9 -O", true, nil, ""},
		{"bom", "\xEF\xBB\xBF#!python3\n", "python3", true, nil, ""},
		{"spaces", "#!  /bin/sh  \n", "/bin/sh", true, nil, ""},
		{"bare", "#!\nprint(1)\n", "", false, nil, reasonBlank},
		{"only spaces", "#!   \n", "", false, nil, reasonBlank},
		{"none", "print(1)\n", "", false, nil, reasonNone},
		{"empty", "", "", false, nil, reasonNone},
		{"binary", "\x7fELF\x02\x01\x01", "", false, nil, reasonNone},
		{"utf-16 bom", "\xFF\xFE#\x00!\x00", "", false, nil, reasonNone},
		{"no line end", "#!/usr/bin/python3.9 -E", "/usr/bin/python3.9 -E", true, nil, ""},
		{"no line end, bom", "\xEF\xBB\xBF#!python3", "python3", true, nil, ""},
		{"no line end, spaces", "#!/bin/sh  ", "/bin/sh", true, nil, ""},
		{"no line end, bare", "#!", "", false, nil, reasonBlank},
		{"4096 bytes, no line end", sized(MaxRead, ""), sized(MaxRead, "")[2:], true, nil, ""},
		{"4096 bytes, line end the 4096th", sized(MaxRead, "\n"), sized(MaxRead-1, "")[2:], true, nil, ""},
		{"4097 bytes, no line end", sized(MaxRead+1, ""), "", false, nil, reasonTooLong},
		{"4097 bytes, line end the 4097th", sized(MaxRead+1, "\n"), "", false, nil, reasonTooLong},
		{"4097 bytes, line end the 4096th", sized(MaxRead+1, "\nx"), sized(MaxRead-1, "")[2:], true, nil, ""},
		{"4096 bytes with a bom, no line end", "\xEF\xBB\xBF" + sized(MaxRead-3, ""), sized(MaxRead-3, "")[2:], true, nil, ""},
		{"4097 bytes with a bom, no line end", "\xEF\xBB\xBF" + sized(MaxRead-2, ""), "", false, nil, reasonTooLong},
		{"too long", "#!/usr/bin/env python3 " + strings.Repeat("x", 5000) + "\n", "", false, nil, reasonTooLong},
		{"invalid utf-8, no line end", "#!/usr/bin/py\xff", "", false, ErrNotUTF8, ""},
		{"invalid utf-8", "#!/usr/bin/py\xff\xfe\n", "", false, ErrNotUTF8, ""},
		{"non-ascii", "#!/opt/pyth\u00f6n/bin/python3\n", "/opt/pyth\u00f6n/bin/python3", true, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			line, found, reason, err := Extract([]byte(tt.data))
			if line != tt.line || found != tt.found || !errors.Is(err, tt.err) || reason != tt.reason {
				t.Errorf("Extract(%q) = %q, %v, %q, %v; want %q, %v, %q, %v", tt.data, line, found, reason, err, tt.line, tt.found, tt.reason, tt.err)
			}
		})
	}
}

// sized returns a shebang line of n bytes that ends with end.
func sized(n int, end string) string {
	head := "#!/usr/bin/python3 "
	return head + strings.Repeat("x", n-len(head)-len(end)) + end
}

func TestRead(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name   string
		data   string
		line   string
		found  bool
		reason string
	}{
		{"no line end", "#!/usr/bin/python3.9 -E", "/usr/bin/python3.9 -E", true, ""},
		{"line end", "#!/usr/bin/python3.9 -E\nprint(1)\n", "/usr/bin/python3.9 -E", true, ""},
		{"empty", "", "", false, reasonNone},
		{"4096 bytes, line end the 4096th", sized(MaxRead, "\n"), sized(MaxRead-1, "")[2:], true, ""},
		{"4096 bytes, no line end", sized(MaxRead, ""), sized(MaxRead, "")[2:], true, ""},
		{"4097 bytes, no line end", sized(MaxRead+1, ""), "", false, reasonTooLong},
		{"4097 bytes, line end the 4097th", sized(MaxRead+1, "\n"), "", false, reasonTooLong},
		{"4097 bytes, line end the 4096th", sized(MaxRead+1, "\nx"), sized(MaxRead-1, "")[2:], true, ""},
		{"8192 bytes, line end the 4096th", sized(MaxRead, "\n") + strings.Repeat("y", MaxRead), sized(MaxRead-1, "")[2:], true, ""},
		{"8192 bytes, no line end", sized(2*MaxRead, ""), "", false, reasonTooLong},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, strconv.Itoa(i))
			if err := os.WriteFile(path, []byte(tt.data), 0o644); err != nil {
				t.Fatal(err)
			}
			line, found, reason, err := Read(path)
			if line != tt.line || found != tt.found || reason != tt.reason || err != nil {
				t.Errorf("Read(%d bytes) = %q, %v, %q, %v; want %q, %v, %q", len(tt.data), line, found, reason, err, tt.line, tt.found, tt.reason)
			}
		})
	}
	if _, found, reason, err := Read(filepath.Join(dir, "missing")); found || reason == "" || err != nil {
		t.Errorf("Read(missing) = %v, %q, %v; want no shebang with a reason", found, reason, err)
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		line string
		want Shebang
		err  error
	}{
		{"/usr/bin/env python3", Shebang{Kind: Virtual, Command: "python3", ViaEnv: true, Version: "3"}, nil},
		{"/usr/bin/env python", Shebang{Kind: Virtual, Command: "python", ViaEnv: true}, nil},
		{"/usr/bin/python3.9 -O", Shebang{Kind: Virtual, Command: "/usr/bin/python3.9", Version: "3.9", Args: []string{"-O"}}, nil},
		{"/usr/local/bin/python3.13t -X dev", Shebang{Kind: Virtual, Command: "/usr/local/bin/python3.13t", Version: "3.13t", Args: []string{"-X", "dev"}}, nil},
		{"python", Shebang{Kind: Virtual, Command: "python"}, nil},
		{"python2.7", Shebang{Kind: Virtual, Command: "python2.7", Version: "2.7"}, nil},
		{"/usr/bin/python", Shebang{Kind: Virtual, Command: "/usr/bin/python"}, nil},
		{"/usr/bin/pythonw", Shebang{Kind: Program, Command: "/usr/bin/pythonw"}, nil},
		{"/usr/bin/python3-config", Shebang{Kind: Program, Command: "/usr/bin/python3-config"}, nil},
		{"/opt/py/bin/python3.12", Shebang{Kind: Program, Command: "/opt/py/bin/python3.12"}, nil},
		{"/usr/bin/env bash -x", Shebang{Kind: Env, Command: "bash", ViaEnv: true, Args: []string{"-x"}}, nil},
		{"/bin/sh", Shebang{Kind: Program, Command: "/bin/sh"}, nil},
		{"/usr/bin/perl -w", Shebang{Kind: Program, Command: "/usr/bin/perl", Args: []string{"-w"}}, nil},
		{"mypython --flag", Shebang{Kind: Program, Command: "mypython", Args: []string{"--flag"}}, nil},
		{"/usr/bin/env -S python3 -X dev -W 'ignore::x y'", Shebang{Kind: Virtual, Command: "python3", ViaEnv: true, Version: "3", Args: []string{"-X", "dev", "-W", "ignore::x y"}}, nil},
		{`/usr/bin/env -S A=1 B="two words" python3.12 -c "print(\"hi\")"`, Shebang{Kind: Virtual, Command: "python3.12", ViaEnv: true, Version: "3.12", Args: []string{"-c", `print("hi")`}, Env: []string{"A=1", "B=two words"}}, nil},
		{"/usr/bin/env PYTHONDEVMODE=1 python3", Shebang{Kind: Virtual, Command: "python3", ViaEnv: true, Version: "3", Env: []string{"PYTHONDEVMODE=1"}}, nil},
		{"/usr/bin/env -S bash -c 'echo $0'", Shebang{Kind: Env, Command: "bash", ViaEnv: true, Args: []string{"-c", "echo $0"}}, nil},
		{"/usr/bin/env", Shebang{}, ErrEmptyEnv},
		{"/usr/bin/env -S", Shebang{}, ErrEmptyEnv},
		{"/usr/bin/env -i python3", Shebang{}, ErrEnvFlag},
		{"/usr/bin/env -S python3 'unterminated", Shebang{}, ErrQuote},
		{"/usr/bin/env py -3.12", Shebang{Kind: Env, Command: "py", ViaEnv: true, Args: []string{"-3.12"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			got, err := Parse(tt.line)
			if !errors.Is(err, tt.err) {
				t.Fatalf("Parse(%q) error = %v, want %v", tt.line, err, tt.err)
			}
			if err != nil {
				return
			}
			tt.want.Line = tt.line
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse(%q) =\n%+v\nwant\n%+v", tt.line, got, tt.want)
			}
		})
	}
}

func FuzzShebang(f *testing.F) {
	for _, s := range []string{
		"#!/usr/bin/env python3\n", "#!/usr/bin/python3.9 -O\r\n", "\xEF\xBB\xBF#!python\n",
		"#!/usr/bin/env -S A=1 python3 -X 'a b' \"c\\\"d\"\n", "#!\n", "#!/bin/sh\n", "#!/usr/bin/env\n",
		"#!" + strings.Repeat("x", 5000), "\x00\x01\x02",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		line, found, _, err := Extract(data)
		if err != nil || !found {
			return
		}
		if len(line) > MaxRead || strings.ContainsAny(line, "\r\n") {
			t.Fatalf("Extract returned %q: beyond the first line or the limit", line)
		}
		sb, err := Parse(line)
		if err != nil {
			return
		}
		if sb.Command == "" {
			t.Fatalf("Parse(%q) gave no command", line)
		}
		if sb.Kind == Virtual && sb.Version != "" && (sb.Version[0] < '0' || sb.Version[0] > '9') {
			t.Fatalf("Parse(%q): virtual version %q", line, sb.Version)
		}
	})
}
