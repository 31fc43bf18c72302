package readfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRead(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "small")
	os.WriteFile(small, []byte("hello"), 0o644)
	big := filepath.Join(dir, "big")
	os.WriteFile(big, []byte(strings.Repeat("x", 100)), 0o644)
	empty := filepath.Join(dir, "empty")
	os.WriteFile(empty, nil, 0o644)

	if got, err := Read(small, 10); err != nil || string(got) != "hello" {
		t.Errorf("Read(small) = %q, %v", got, err)
	}
	if got, err := Read(small, 5); err != nil || string(got) != "hello" {
		t.Errorf("Read(small, exactly its size) = %q, %v", got, err)
	}
	if got, err := Read(empty, 5); err != nil || len(got) != 0 {
		t.Errorf("Read(empty) = %q, %v", got, err)
	}
	if _, err := Read(big, 99); !errors.Is(err, ErrTooLarge) {
		t.Errorf("Read(big, 99) error = %v, want ErrTooLarge", err)
	}
	if _, err := Read(filepath.Join(dir, "missing"), 10); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Read(missing) error = %v, want fs.ErrNotExist", err)
	}
	if got, err := Head(big, 7); err != nil || string(got) != "xxxxxxx" {
		t.Errorf("Head(big, 7) = %q, %v", got, err)
	}
	if got, err := Head(small, 70); err != nil || string(got) != "hello" {
		t.Errorf("Head(small, 70) = %q, %v", got, err)
	}
	if _, err := Read(dir, 10); err == nil {
		t.Errorf("Read(directory) succeeded")
	}
}

func TestIsNotExist(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	os.WriteFile(file, []byte(strings.Repeat("x", 10)), 0o644)
	_, missing := Read(filepath.Join(dir, "missing"), 100)
	_, isDir := Read(dir, 100)
	_, tooLarge := Read(file, 5)
	for _, tt := range []struct {
		name string
		err  error
		want bool
	}{
		{"missing", missing, true},
		{"directory", isDir, false},
		{"too large", tooLarge, false},
		{"nil", nil, false},
		{"wrapped", fmt.Errorf("x: %w", missing), true},
	} {
		if got := IsNotExist(tt.err); got != tt.want {
			t.Errorf("%s: IsNotExist(%v) = %v, want %v", tt.name, tt.err, got, tt.want)
		}
	}
}
