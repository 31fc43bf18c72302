package run

import (
	"slices"
	"strings"
	"testing"
)

// splitArgs splits a Windows command line as a Go program's os.Args has
// it: a copy of commandLineToArgv in Go's os/exec_windows.go, which
// follows the CommandLineToArgvW rules with the "prior to 2008" rule
// for "" inside quotes, and reads argv[0] like any other argument.
// py counts its arguments in os.Args, so CommandLineTail must agree.
func splitArgs(cmd string) []string {
	var args []string
	for len(cmd) > 0 {
		if cmd[0] == ' ' || cmd[0] == '\t' {
			cmd = cmd[1:]
			continue
		}
		var arg []byte
		arg, cmd = readNextArg(cmd)
		args = append(args, string(arg))
	}
	return args
}

func readNextArg(cmd string) (arg []byte, rest string) {
	var b []byte
	var inquote bool
	var nslash int
	for ; len(cmd) > 0; cmd = cmd[1:] {
		c := cmd[0]
		switch c {
		case ' ', '\t':
			if !inquote {
				return append(b, strings.Repeat(`\`, nslash)...), cmd[1:]
			}
		case '"':
			b = append(b, strings.Repeat(`\`, nslash/2)...)
			if nslash%2 == 0 {
				if inquote && len(cmd) > 1 && cmd[1] == '"' {
					b = append(b, c)
					cmd = cmd[1:]
				}
				inquote = !inquote
			} else {
				b = append(b, c)
			}
			nslash = 0
			continue
		case '\\':
			nslash++
			continue
		}
		b = append(b, strings.Repeat(`\`, nslash)...)
		nslash = 0
		b = append(b, c)
	}
	return append(b, strings.Repeat(`\`, nslash)...), ""
}

func TestSplitArgs(t *testing.T) {
	// Microsoft's examples ("Parsing C command-line arguments"), and
	// "" inside quotes, which ends them.
	for _, tt := range []struct {
		line string
		want []string
	}{
		{`p "abc" d e`, []string{"p", "abc", "d", "e"}},
		{`p a\\\b d"e f"g h`, []string{"p", `a\\\b`, "de fg", "h"}},
		{`p a\\\"b c d`, []string{"p", `a\"b`, "c", "d"}},
		{`p a\\\\"b c" d e`, []string{"p", `a\\b c`, "d", "e"}},
		{`p a"b"" c d`, []string{"p", `ab"`, "c", "d"}},
		{`p "a""b c" rest`, []string{"p", `a"b`, `c rest`}},
		{`"C:\Program Files\py.exe" -3`, []string{`C:\Program Files\py.exe`, "-3"}},
		{`C:/"Program Files"/py.exe -3`, []string{`C:/Program Files/py.exe`, "-3"}},
		{`C:\"Program Files"\py.exe -3`, []string{`C:"Program`, `Files\py.exe -3`}},
		{`  p	""  `, []string{"p", ""}},
		{``, nil},
	} {
		if got := splitArgs(tt.line); !slices.Equal(got, tt.want) {
			t.Errorf("splitArgs(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}

func TestCommandLineTail(t *testing.T) {
	for _, tt := range []struct {
		line string
		skip int
		want string
	}{
		{`py.exe -3.12 -c "print(1)"`, 0, ` -3.12 -c "print(1)"`},
		{`py.exe -3.12 -c "print(1)"`, 1, ` -c "print(1)"`},
		{`"C:\Program Files\py.exe" -V:3.12 x`, 1, ` x`},
		{`"C:\Program Files\py.exe"`, 0, ``},
		{`py -V:"a b"\" c  d`, 1, ` c  d`},
		{`py "quoted arg" rest`, 1, ` rest`},
		{`py back\\"quoted arg" rest`, 1, ` rest`},
		{`py esc\"aped rest`, 1, ` rest`},
		{`py	tab	sep`, 1, "\tsep"},
		{`py one`, 5, ``},
		{`py "unterminated arg`, 1, ``},
		{`"py`, 0, ``},
		{``, 0, ``},
		// "" inside quotes is a quote and ends them, as os.Args has it:
		// the arguments are a"b and "c rest".
		{`py "a""b c" rest`, 1, ` c" rest`},
		{`py "a""b c" rest`, 2, ``},
		{`py """ x`, 1, ` x`},
		// argv[0] is read as os.Args reads it: quotes anywhere, and
		// it goes on after a closing quote up to white space.
		{`C:/"Program Files"/py.exe -3 x`, 1, ` x`},
		{`C:\"Program Files"\py.exe -3 x`, 0, ` Files"\py.exe -3 x`},
		{`"C:\x\py.exe"-3 script.py`, 0, ` script.py`},
		{`"C:\x y\py.exe"" -3 script.py`, 0, ` -3 script.py`},
		{`  py a b`, 1, ` b`},
		{`py"x y" z`, 0, ` z`},
	} {
		if got := CommandLineTail(tt.line, tt.skip); got != tt.want {
			t.Errorf("CommandLineTail(%q, %d) = %q, want %q", tt.line, tt.skip, got, tt.want)
		}
		checkTail(t, tt.line, tt.skip)
	}
}

// checkTail checks CommandLineTail(line, skip) against splitArgs: the
// tail is a suffix of line that starts with white space (or is empty),
// the text before it holds exactly the first 1+skip arguments, and the
// tail the others.
func checkTail(t *testing.T, line string, skip int) string {
	t.Helper()
	tail := CommandLineTail(line, skip)
	if !strings.HasSuffix(line, tail) || tail != "" && tail[0] != ' ' && tail[0] != '\t' {
		t.Fatalf("CommandLineTail(%q, %d) = %q: not a suffix starting with white space", line, skip, tail)
	}
	args := splitArgs(line)
	n := min(1+skip, len(args))
	if head := splitArgs(line[:len(line)-len(tail)]); !slices.Equal(head, args[:n]) {
		t.Fatalf("CommandLineTail(%q, %d) = %q leaves %q before it, want %q", line, skip, tail, head, args[:n])
	}
	if rest := splitArgs("x" + tail)[1:]; !slices.Equal(rest, args[n:]) && len(rest)+len(args[n:]) > 0 {
		t.Fatalf("CommandLineTail(%q, %d) = %q holds %q, want %q", line, skip, tail, rest, args[n:])
	}
	return tail
}

func FuzzCommandLineTail(f *testing.F) {
	f.Add(`"C:\x\py.exe" -3 "a b" c\\"d`, 2)
	f.Add(`py "a""b c" rest`, 1)
	f.Add(`C:/"Program Files"/py.exe -3 x`, 1)
	f.Add(`py a\\\"b "c d\\" e`, 3)
	f.Fuzz(func(t *testing.T, line string, skip int) {
		if skip < 0 || skip > 50 {
			return
		}
		checkTail(t, line, skip)
	})
}

// FuzzQuoteArg quotes a list of arguments (separated by NUL in the
// input, which a command line cannot hold; the first is argv[0]) and
// joins them with runs of spaces and tabs: splitting gives them back,
// and CommandLineTail gives the exact text after the first 1+skip.
func FuzzQuoteArg(f *testing.F) {
	f.Add(`C:\Program Files\py.exe`+"\x00-3\x00a b\x00"+`q"x`+"\x00\x00"+`tail\ `+"\x00"+`a\"b c`, []byte{0, 1, 2, 3}, 2)
	f.Add("py\x00\"\"\x00\\\x00\\\"\x00 ", []byte{5}, 0)
	f.Fuzz(func(t *testing.T, list string, seps []byte, skip int) {
		if skip < 0 || skip > 50 {
			return
		}
		args := strings.Split(list, "\x00")
		var line strings.Builder
		var starts []int
		for i, a := range args {
			if i > 0 {
				starts = append(starts, line.Len())
				sep, width := " ", 1
				if len(seps) > 0 {
					b := seps[i%len(seps)]
					if b&1 != 0 {
						sep = "\t"
					}
					width += int(b>>1) % 3
				}
				line.WriteString(strings.Repeat(sep, width))
			}
			line.WriteString(QuoteArg(a))
		}
		s := line.String()
		if got := splitArgs(s); !slices.Equal(got, args) {
			t.Fatalf("the arguments %q quoted are %s, which splits into %q", args, s, got)
		}
		want := ""
		if skip+1 < len(args) {
			want = s[starts[skip]:]
		}
		if got := checkTail(t, s, skip); got != want {
			t.Fatalf("CommandLineTail(%s, %d) = %q, want %q", s, skip, got, want)
		}
	})
}

func TestQuoteArg(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", `""`}, {"plain", "plain"}, {"a b", `"a b"`}, {`q"x`, `"q\"x"`},
		{`back\slash\`, `back\slash\`}, {`tail\ `, `"tail\ "`}, {`end\` + " x\\", `"end\ x\\"`}, {`a\"b c`, `"a\\\"b c"`},
	} {
		if got := QuoteArg(tt.in); got != tt.want {
			t.Errorf("QuoteArg(%q) = %s, want %s", tt.in, got, tt.want)
		}
		// Reading it back gives the argument, and it is one argument.
		line := "x " + QuoteArg(tt.in) + " rest"
		if got := splitArgs(line); !slices.Equal(got, []string{"x", tt.in, "rest"}) {
			t.Errorf("QuoteArg(%q) = %s reads back as %q", tt.in, QuoteArg(tt.in), got)
		}
		if got := CommandLineTail(line, 1); got != " rest" {
			t.Errorf("QuoteArg(%q) = %s does not read back as one argument", tt.in, QuoteArg(tt.in))
		}
	}
}

func TestArgv0(t *testing.T) {
	for line, want := range map[string]string{
		`"py.exe" --version`:           "py.exe",
		`py.exe --version`:             "py.exe",
		`"py" --version`:               "py",
		`py`:                           "py",
		`"C:\Program Files\py.exe" -3`: `C:\Program Files\py.exe`,
		"C:\\a\\py.exe\t-3":            `C:\a\py.exe`,
		`"C:\a b\py.exe`:               `C:\a b\py.exe`,
		`C:\a"b c"\py.exe x`:           `C:\a"b`,
		``:                             ``,
	} {
		if got := Argv0(line); got != want {
			t.Errorf("Argv0(%q) = %q, want %q", line, got, want)
		}
	}
}
