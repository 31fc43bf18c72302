package launcher

import (
	"testing"

	"github.com/pylauncher/py/internal/shebang"
)

// TestPlanShebangWindowsPaths checks how CPython's launcher reads a
// shebang's program as a Windows path (test_launcher's
// test_literal_shebang_* tests).
func TestPlanShebangWindowsPaths(t *testing.T) {
	for line, want := range map[string]string{
		"C:/some_random_app -witharg": `C:\some_random_app`,
		`..\some_random_app -witharg`: `C:\work\some_random_app`,
		"/usr/bin/not-python arg1":    `C:\usr\bin\not-python`,
		`\usr\bin\not-python`:         `C:\usr\bin\not-python`,
		`"some random app" -witharg`:  `C:\work\proj\some random app`,
		`some\" random "app -witharg`: `C:\work\proj\some\ random app`,
		`D:\tools\x.exe`:              `D:\tools\x.exe`,
		`tools/x`:                     `C:\work\proj\tools\x`,
		`//server/share/x.exe`:        `\\server\share\x.exe`,
	} {
		sb, err := shebang.ParseWindows(line)
		if err != nil {
			t.Fatalf("ParseWindows(%q): %v", line, err)
		}
		lk := fakeWorld{}.lookup()
		lk.windows = true
		p, err := planShebang(`C:\work\proj\s.py`, line, sb, lk)
		if err != nil {
			t.Fatalf("planShebang(%q): %v", line, err)
		}
		if p.program != want {
			t.Errorf("#!%s: program %q, want %q", line, p.program, want)
		}
	}
	// On a share, a path from the root is the share's.
	sb, _ := shebang.ParseWindows("/usr/bin/x")
	lk := fakeWorld{}.lookup()
	lk.windows = true
	if p, err := planShebang(`\\srv\share\proj\s.py`, "/usr/bin/x", sb, lk); err != nil || p.program != `\\srv\share\usr\bin\x` {
		t.Errorf("#!/usr/bin/x on a share: %v, %v", p, err)
	}
}
