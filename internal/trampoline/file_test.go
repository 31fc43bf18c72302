package trampoline

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// The launcher reads itself only if it is a regular file.
func TestOpenFileRegular(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "launcher")
	if err := os.WriteFile(p, []byte("data"), 0o755); err != nil {
		t.Fatal(err)
	}
	f, size, err := openFile(p)
	if err != nil || size != 4 {
		t.Fatalf("openFile(a 4-byte file) = %d, %v", size, err)
	}
	f.Close()
	if _, _, err := openFile(dir); !errors.Is(err, errNotRegular) {
		t.Errorf("openFile(a directory) error = %v, want %v", err, errNotRegular)
	}
}
