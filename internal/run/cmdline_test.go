package run

import "testing"

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
		{`py "a""b c" rest`, 1, ` rest`},
		{`py	tab	sep`, 1, "\tsep"},
		{`py one`, 5, ``},
		{`py "unterminated arg`, 1, ``},
		{`"py`, 0, ``},
		{``, 0, ``},
	} {
		if got := CommandLineTail(tt.line, tt.skip); got != tt.want {
			t.Errorf("CommandLineTail(%q, %d) = %q, want %q", tt.line, tt.skip, got, tt.want)
		}
	}
}

func FuzzCommandLineTail(f *testing.F) {
	f.Add(`"C:\x\py.exe" -3 "a b" c\\"d`, 2)
	f.Fuzz(func(t *testing.T, line string, skip int) {
		if skip < 0 || skip > 50 {
			return
		}
		got := CommandLineTail(line, skip)
		if len(got) > len(line) || line[len(line)-len(got):] != got {
			t.Fatalf("CommandLineTail(%q, %d) = %q: not a suffix", line, skip, got)
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
		// Reading it back gives the argument (via skipArg's tokenizer end).
		line := "x " + QuoteArg(tt.in) + " rest"
		if got := CommandLineTail(line, 1); got != " rest" {
			t.Errorf("QuoteArg(%q) = %s does not read back as one argument", tt.in, QuoteArg(tt.in))
		}
	}
}
