package scriptmaker

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestMainPy(t *testing.T) {
	for _, tt := range []struct{ entry, imp, call string }{
		{"black:patched_main", "from black import patched_main", "sys.exit(patched_main())"},
		{"pkg.cli : main", "from pkg.cli import main", "sys.exit(main())"},
		{"pkg:App.run", "from pkg import App", "sys.exit(App.run())"},
	} {
		got, err := MainPy(tt.entry)
		if err != nil || !strings.Contains(string(got), tt.imp) || !strings.Contains(string(got), tt.call) {
			t.Errorf("MainPy(%q) = %s, %v", tt.entry, got, err)
		}
	}
	for _, bad := range []string{"", "pkg", "pkg:", ":main", "pkg:main()", "pkg;os.system('x'):main", "1pkg:main"} {
		if _, err := MainPy(bad); err == nil {
			t.Errorf("MainPy(%q) succeeded", bad)
		}
	}
}

func TestShebang(t *testing.T) {
	for _, tt := range []struct {
		interp string
		args   []string
		want   string
		err    bool
	}{
		{"/v/bin/python", nil, "/v/bin/python", false},
		{"/v w/bin/python", []string{"-E"}, `"/v w/bin/python" -E`, false},
		{"/usr/bin/env python3", nil, "/usr/bin/env python3", false},
		{"", nil, "", true},
		{"/v/bin/python\n", nil, "", true},
		{"/v/bin/python", []string{"a b"}, "", true},
		{"/" + strings.Repeat("x", 5000), nil, "", true},
	} {
		got, err := Shebang(tt.interp, tt.args)
		if got != tt.want || (err != nil) != tt.err {
			t.Errorf("Shebang(%q, %q) = %q, %v; want %q", tt.interp, tt.args, got, err, tt.want)
		}
	}
}

func TestBuildAndWrite(t *testing.T) {
	if _, err := Build(Options{Interpreter: "/p", Entry: "a:b"}); err == nil {
		t.Error("Build with no template succeeded")
	}
	l, err := Build(Options{Template: []byte("TEMPLATE"), Interpreter: "/p", Entry: "a:b"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(l), "TEMPLATE#!/p\nPK\x03\x04") {
		t.Errorf("launcher starts %q", l[:30])
	}
	if _, err := Build(Options{Template: l, Interpreter: "/p", Entry: "a:b"}); err == nil {
		t.Error("Build with a launcher as the template succeeded")
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "tool")
	os.WriteFile(p, []byte("old"), 0o644)
	if err := Write(p, l); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(p)
	if err != nil || runtime.GOOS != "windows" && fi.Mode().Perm() != 0o755 || fi.Size() != int64(len(l)) {
		t.Errorf("written file: %v %v", fi, err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
	if err := Write(filepath.Join(dir, "missing", "x"), l); err == nil {
		t.Error("Write into a missing directory succeeded")
	}
}
