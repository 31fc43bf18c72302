package quote

import "testing"

func TestString(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`C:\Python314\python.exe`, `"C:\Python314\python.exe"`},
		{"/usr/bin/python3", `"/usr/bin/python3"`},
		{"a\nb", `"a\nb"`},
		{"\x1b[2J", `"\x1b[2J"`},
		{"nul\x00", `"nul\x00"`},
		{"c1\u009b", `"c1\u009b"`},
		{"é ü", `"é ü"`},
		{`say "hi"`, `"say "hi""`},
	} {
		if got := String(tt.in); got != tt.want {
			t.Errorf("String(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}
