package fileid

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestOf(t *testing.T) {
	p := filepath.Join(t.TempDir(), "python3")
	if err := os.WriteFile(p, []byte("one"), 0o755); err != nil {
		t.Fatal(err)
	}
	st1, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	st1b, _ := os.Stat(p)
	if Of(st1) != Of(st1b) {
		t.Errorf("Identity of one file differs between two Stats: %+v, %+v", Of(st1), Of(st1b))
	}
	// Replace the file with new contents, as an upgrade does.
	tmp := p + ".new"
	if err := os.WriteFile(tmp, []byte("two!"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, p); err != nil {
		t.Fatal(err)
	}
	st2, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if id1, id2 := Of(st1), Of(st2); id1 == id2 {
		t.Errorf("Identity after replacing the file = %+v, same as before", id2)
	}
	if id := Of(st2); id.Size != 4 {
		t.Errorf("Of(%q).Size = %d, want 4", p, id.Size)
	}
}

// Same follows symlinks; a copy, a missing file or a replaced one is
// another file.
func TestSame(t *testing.T) {
	dir := t.TempDir()
	p := func(s string) string { return filepath.Join(dir, s) }
	for _, f := range []string{"a", "copy"} {
		if err := os.WriteFile(p(f), []byte("same"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if runtime.GOOS == "windows" {
		t.Skip("wine's symbolic links are not Windows'")
	}
	if err := os.Symlink("a", p("link")); err != nil {
		t.Skip("no symlinks:", err)
	}
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"a", "a", true},
		{"a", "link", true},
		{"a", "copy", false},
		{"a", "missing", false},
		{"missing", "missing", false},
	} {
		if got := Same(p(tt.a), p(tt.b)); got != tt.want {
			t.Errorf("Same(%s, %s) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
	a, _ := os.Stat(p("a"))
	l, _ := os.Stat(p("link"))
	c, _ := os.Stat(p("copy"))
	if ida := Of(a); ida.Inode != 0 && (!ida.SameFile(Of(l)) || ida.SameFile(Of(c))) {
		t.Errorf("SameFile: a ~ link %v, a ~ copy %v", ida.SameFile(Of(l)), ida.SameFile(Of(c)))
	}
	if (ID{}).SameFile(ID{}) {
		t.Errorf("identities without inode numbers are the same file")
	}
}
