package shebang

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
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
		{"utf-16 bom", "\xFF\xFE#\x00!\x00", "", false, nil, ReasonOtherBOM},
		{"utf-16 bom, no shebang", "\xFF\xFEi\x00m\x00", "", false, nil, reasonNone},
		{"utf-16be bom", "\xFE\xFF\x00#\x00!", "", false, nil, ReasonOtherBOM},
		{"utf-32 bom", "\xFF\xFE\x00\x00#\x00\x00\x00!\x00\x00\x00", "", false, nil, ReasonOtherBOM},
		{"utf-32be bom", "\x00\x00\xFE\xFF\x00\x00\x00#\x00\x00\x00!", "", false, nil, ReasonOtherBOM},
		{"invalid bom", "\xEF\xAA\xBF#! /usr/bin/python3 -prearg", "", false, nil, ReasonOtherBOM},
		{"invalid bom, no shebang", "\xEF\xAA\xBFprint(1)", "", false, nil, reasonInvalidBOM},
		{"0xEF alone", "\xEF", "", false, nil, reasonInvalidBOM},
		{"utf-8 bom, no shebang", "\xEF\xBB\xBFprint(1)", "", false, nil, reasonNone},
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
		{`/usr/bin/env -S""`, Shebang{}, ErrEmptyEnv},
		{`/usr/bin/env -S ''`, Shebang{}, ErrEmptyEnv},
		{`/usr/bin/env -S "" python3`, Shebang{}, ErrEmptyEnv},
		{`/usr/bin/env -S "  "`, Shebang{}, ErrEmptyEnv},
		{`/usr/bin/env -S A=1 ''`, Shebang{}, ErrEmptyEnv},
		{`/usr/bin/env -S python3 ""`, Shebang{Kind: Virtual, Command: "python3", ViaEnv: true, Version: "3", Args: []string{""}}, nil},
		{`/usr/bin/env -S"python3"`, Shebang{Kind: Virtual, Command: "python3", ViaEnv: true, Version: "3"}, nil},
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
			tt.want.Alias = tt.want.Command
			if tt.want.Kind == Virtual {
				tt.want.Alias = "python" + tt.want.Version
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse(%q) =\n%+v\nwant\n%+v", tt.line, got, tt.want)
			}
		})
	}
}

// TestParseWindows checks CPython's launcher's Windows readings
// (test_launcher's shebang tests among them).
func TestParseWindows(t *testing.T) {
	tests := []struct {
		line string
		want Shebang
		err  error
	}{
		{"/usr/bin/python -prearg", Shebang{Kind: Virtual, Command: "/usr/bin/python", Alias: "python", Args: []string{"-prearg"}, Raw: "-prearg"}, nil},
		{"python -prearg", Shebang{Kind: Virtual, Command: "python", Alias: "python", Args: []string{"-prearg"}, Raw: "-prearg"}, nil},
		{"/usr/bin/python2 -prearg", Shebang{Kind: Virtual, Command: "/usr/bin/python2", Version: "2", Alias: "python2", Args: []string{"-prearg"}, Raw: "-prearg"}, nil},
		{"/usr/local/bin/python3.12.exe", Shebang{Kind: Virtual, Command: "/usr/local/bin/python3.12.exe", Version: "3.12", Alias: "python3.12.exe"}, nil},
		{"/usr/bin/python3_d", Shebang{Kind: Virtual, Command: "/usr/bin/python3_d", Version: "3", Alias: "python3_d"}, nil},
		{"python_d", Shebang{Kind: Virtual, Command: "python_d", Alias: "python_d"}, nil},
		{"/usr/bin/pythonw", Shebang{Kind: Virtual, Command: "/usr/bin/pythonw", Alias: "pythonw"}, nil},
		{"pythonw3.12 -x", Shebang{Kind: Virtual, Command: "pythonw3.12", Version: "3.12", Alias: "pythonw3.12", Args: []string{"-x"}, Raw: "-x"}, nil},
		{"python.exe", Shebang{Kind: Virtual, Command: "python.exe", Alias: "python.exe"}, nil},
		// No version: the caller says so.
		{"/usr/bin/python-config", Shebang{Kind: Virtual, Command: "/usr/bin/python-config", Version: "-config", Alias: "python-config"}, nil},
		// Through /usr/bin/env: PATH first, then the virtual command.
		{"/usr/bin/env python -prearg", Shebang{Kind: Virtual, Command: "python", ViaEnv: true, Alias: "python", Args: []string{"-prearg"}, Raw: "-prearg"}, nil},
		{"/usr/bin/env python3.99", Shebang{Kind: Virtual, Command: "python3.99", ViaEnv: true, Version: "3.99", Alias: "python3.99"}, nil},
		{"/usr/bin/env python.exe -prearg", Shebang{Kind: Virtual, Command: "python.exe", ViaEnv: true, Alias: "python.exe", Args: []string{"-prearg"}, Raw: "-prearg"}, nil},
		{"/usr/bin/env pythonw", Shebang{Kind: Virtual, Command: "pythonw", ViaEnv: true, Alias: "pythonw"}, nil},
		{"/usr/bin/env py", Shebang{Kind: Env, Command: "py", ViaEnv: true, Alias: "py"}, nil},
		{`/usr/bin/env node -e "1 + 1"`, Shebang{Kind: Env, Command: "node", ViaEnv: true, Alias: "node", Args: []string{"-e", `"1`, "+", `1"`}, Raw: `-e "1 + 1"`}, nil},
		{"/usr/bin/env  python", Shebang{}, ErrEmptyEnv},
		{"/usr/bin/env ", Shebang{}, ErrEmptyEnv},
		{"/usr/bin/env -S python3 -X dev", Shebang{Kind: Virtual, Command: "python3", ViaEnv: true, Version: "3", Alias: "python3", Args: []string{"-X", "dev"}}, nil},
		{"/usr/bin/env A=1 python3", Shebang{Kind: Virtual, Command: "python3", ViaEnv: true, Version: "3", Alias: "python3", Env: []string{"A=1"}}, nil},
		// Programs: quotes keep white space; a backslash escapes nothing.
		{"C:/some_random_app -witharg", Shebang{Kind: Program, Command: "C:/some_random_app", Alias: "C:/some_random_app", Args: []string{"-witharg"}, Raw: "-witharg"}, nil},
		{`..\some_random_app -witharg`, Shebang{Kind: Program, Command: `..\some_random_app`, Alias: `..\some_random_app`, Args: []string{"-witharg"}, Raw: "-witharg"}, nil},
		{`"some random app" -witharg`, Shebang{Kind: Program, Command: "some random app", Alias: `"some`, Args: []string{"-witharg"}, Raw: "-witharg"}, nil},
		{`some" random "app -witharg`, Shebang{Kind: Program, Command: "some random app", Alias: `some"`, Args: []string{"-witharg"}, Raw: "-witharg"}, nil},
		{`some\" random "app -witharg`, Shebang{Kind: Program, Command: `some\ random app`, Alias: `some\"`, Args: []string{"-witharg"}, Raw: "-witharg"}, nil},
		{"/usr/bin/not-python arg1", Shebang{Kind: Program, Command: "/usr/bin/not-python", Alias: "/usr/bin/not-python", Args: []string{"arg1"}, Raw: "arg1"}, nil},
		{"test-command arg1", Shebang{Kind: Program, Command: "test-command", Alias: "test-command", Args: []string{"arg1"}, Raw: "arg1"}, nil},
		{`"C:\Program Files\x.exe"`, Shebang{Kind: Program, Command: `C:\Program Files\x.exe`, Alias: `"C:\Program`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			got, err := ParseWindows(tt.line)
			if !errors.Is(err, tt.err) {
				t.Fatalf("ParseWindows(%q) error = %v, want %v", tt.line, err, tt.err)
			}
			if err != nil {
				return
			}
			tt.want.Line = tt.line
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParseWindows(%q) =\n%+v\nwant\n%+v", tt.line, got, tt.want)
			}
		})
	}
}

func TestBadBOM(t *testing.T) {
	for _, data := range []string{"\xEF\xAA\xBF#!python", "\xEFprint", "\xFF\xFE#\x00!\x00"} {
		if _, found, reason, _ := Extract([]byte(data)); found || !BadBOM(reason) {
			t.Errorf("Extract(%q): found %v, reason %q: want a bad BOM", data, found, reason)
		}
	}
	for _, data := range []string{"\xEF\xBB\xBFprint", "print", "\xFF\xFEp\x00"} {
		if _, _, reason, _ := Extract([]byte(data)); BadBOM(reason) {
			t.Errorf("Extract(%q): reason %q is a bad BOM", data, reason)
		}
	}
}

func FuzzShebang(f *testing.F) {
	for _, s := range []string{
		"#!/usr/bin/env python3\n", "#!/usr/bin/python3.9 -O\r\n", "\xEF\xBB\xBF#!python\n",
		"#!/usr/bin/env -S A=1 python3 -X 'a b' \"c\\\"d\"\n", "#!\n", "#!/bin/sh\n", "#!/usr/bin/env\n",
		"#!/usr/bin/env -S 'python3'\n", "#!/usr/bin/env B=2 bash -x\n", "#!/usr/bin/python3.9 -E",
		"#!" + strings.Repeat("x", 5000), "\x00\x01\x02", "\xEF\xAA\xBF#!python\n", "\xFF\xFE#\x00!\x00",
		"#! \"some random app\" -x\n", "#!/usr/bin/env  python\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		line, found, reason, err := Extract(data)
		wline, wfound, wreason, werr := refExtract(data)
		if line != wline || found != wfound || reason != wreason || !errors.Is(err, werr) {
			t.Fatalf("Extract(%q) = %q, %v, %q, %v; the reference says %q, %v, %q, %v", data, line, found, reason, err, wline, wfound, wreason, werr)
		}
		if err != nil || !found {
			return
		}
		if line == "" || len(line) > MaxRead || strings.ContainsAny(line, "\r\n") || line != strings.TrimSpace(line) {
			t.Fatalf("Extract(%q) returned %q: empty, beyond the first line or the limit, or not trimmed", data, line)
		}
		checkWindows(t, line)
		sb, err := Parse(line)
		if err != nil {
			return
		}
		checkShebang(t, line, sb)
		fields := strings.Fields(line)
		viaS := sb.ViaEnv && len(fields) > 1 && strings.HasPrefix(fields[1], "-S")
		if !viaS {
			// Split at white space: no word holds any, none is empty,
			// and the words joined again parse the same.
			words := append(append([]string{sb.Command}, sb.Args...), sb.Env...)
			for _, w := range words {
				if w == "" || strings.IndexFunc(w, unicode.IsSpace) >= 0 {
					t.Fatalf("Parse(%q): word %q is empty or holds white space", line, w)
				}
			}
			rebuilt := strings.Join(append(append(slices.Clone(sb.Env), sb.Command), sb.Args...), " ")
			if sb.ViaEnv {
				rebuilt = "/usr/bin/env " + rebuilt
			}
			sameParse(t, line, sb, rebuilt)
		}
		if viaS && strings.ContainsAny(sb.Command, " \t") && !strings.ContainsAny(line, `'"\`) {
			t.Fatalf("Parse(%q): command %q holds white space that was not quoted", line, sb.Command)
		}
		if sb.ViaEnv {
			// Every word quoted in an -S string parses the same.
			var q []string
			for _, w := range append(append(slices.Clone(sb.Env), sb.Command), sb.Args...) {
				q = append(q, `"`+strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(w)+`"`)
			}
			sameParse(t, line, sb, "/usr/bin/env -S "+strings.Join(q, " "))
		}
	})
}

// checkShebang checks what holds for every shebang Parse accepts.
// checkWindows checks ParseWindows on a line: it keeps the line, and
// any program it names is not empty.
func checkWindows(t *testing.T, line string) {
	t.Helper()
	sb, err := ParseWindows(line)
	if err != nil {
		return
	}
	if sb.Line != line || sb.Kind == Program && sb.Command == "" && !strings.HasPrefix(line, `"`) {
		t.Fatalf("ParseWindows(%q) = %+v", line, sb)
	}
}

func checkShebang(t *testing.T, line string, sb Shebang) {
	t.Helper()
	if sb.Line != line {
		t.Fatalf("Parse(%q).Line = %q", line, sb.Line)
	}
	if strings.TrimSpace(sb.Command) == "" {
		t.Fatalf("Parse(%q) gave no command: %q", line, sb.Command)
	}
	switch sb.Kind {
	case Virtual:
		if sb.Version != "" {
			if !IsVersion(sb.Version) {
				t.Fatalf("Parse(%q): virtual version %q is no version request", line, sb.Version)
			}
		}
		if c := strings.TrimSuffix(strings.ToLower(sb.Command), ".exe"); !strings.HasSuffix(c, "python"+strings.ToLower(sb.Version)) {
			t.Fatalf("Parse(%q): virtual command %q does not end with python%s", line, sb.Command, sb.Version)
		}
	case Env:
		if !sb.ViaEnv {
			t.Fatalf("Parse(%q): Env kind without /usr/bin/env", line)
		}
	case Program:
		if sb.ViaEnv {
			t.Fatalf("Parse(%q): Program kind through /usr/bin/env", line)
		}
	default:
		t.Fatalf("Parse(%q): kind %d", line, sb.Kind)
	}
	if sb.Kind != Virtual && sb.Version != "" {
		t.Fatalf("Parse(%q): version %q for kind %d", line, sb.Version, sb.Kind)
	}
	if len(sb.Env) > 0 && !sb.ViaEnv {
		t.Fatalf("Parse(%q): assignments without /usr/bin/env", line)
	}
	for _, e := range sb.Env {
		if !isAssignment(e) {
			t.Fatalf("Parse(%q): %q is not VAR=value", line, e)
		}
	}
	if sb.ViaEnv && (isAssignment(sb.Command) || strings.HasPrefix(sb.Command, "-")) {
		t.Fatalf("Parse(%q): command %q is an assignment or an env option", line, sb.Command)
	}
}

// sameParse checks that the line rebuilt from what Parse gave for line
// parses to the same shebang.
func sameParse(t *testing.T, line string, sb Shebang, rebuilt string) {
	t.Helper()
	got, err := Parse(rebuilt)
	if err != nil {
		t.Fatalf("Parse(%q) = %+v, but Parse(%q) fails: %v", line, sb, rebuilt, err)
	}
	got.Line = sb.Line
	if !reflect.DeepEqual(got, sb) {
		t.Fatalf("Parse(%q) =\n%+v\nbut Parse(%q) =\n%+v", line, sb, rebuilt, got)
	}
}

// refExtract is Extract written another way, for FuzzShebang.
func refExtract(data []byte) (string, bool, string, error) {
	s := string(data)
	more := len(s) > MaxRead
	if more {
		s = s[:MaxRead]
	}
	// Byte order marks: UTF-8's is skipped; another, or a broken
	// UTF-8 one, means no shebang.
	for _, bom := range []struct{ mark, shebang string }{
		{"\x00\x00\xFE\xFF", "\x00\x00\x00#\x00\x00\x00!"}, {"\xFF\xFE\x00\x00", "#\x00\x00\x00!\x00\x00\x00"},
		{"\xFE\xFF", "\x00#\x00!"}, {"\xFF\xFE", "#\x00!\x00"},
	} {
		if strings.HasPrefix(s, bom.mark+bom.shebang) {
			return "", false, ReasonOtherBOM, nil
		}
	}
	if strings.HasPrefix(s, "\xEF") && !strings.HasPrefix(s, "\xEF\xBB\xBF") {
		if len(s) >= 5 && s[3:5] == "#!" {
			return "", false, ReasonOtherBOM, nil
		}
		return "", false, reasonInvalidBOM, nil
	}
	s = strings.TrimPrefix(s, "\xEF\xBB\xBF")
	rest, ok := strings.CutPrefix(s, "#!")
	if !ok {
		return "", false, reasonNone, nil
	}
	first, _, ended := strings.Cut(strings.ReplaceAll(rest, "\r", "\n"), "\n")
	switch {
	case !ended && more:
		return "", false, reasonTooLong, nil
	case !utf8.ValidString(first):
		return "", false, "", ErrNotUTF8
	case strings.TrimSpace(first) == "":
		return "", false, reasonBlank, nil
	}
	return strings.TrimSpace(first), true, "", nil
}
