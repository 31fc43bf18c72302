//go:build unix

package readfile

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// A FIFO, a pipe and a device are never opened for reading: nothing
// blocks, and a pipe keeps its data for whoever reads it next.
func TestSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	w.WriteString("print(1)\n")
	w.Close()
	pipe := "/dev/fd/" + strconv.Itoa(int(r.Fd()))

	for _, tt := range []struct{ name, path, kind string }{
		{"fifo", fifo, "a FIFO"},
		{"pipe", pipe, "a FIFO"},
		{"device", "/dev/null", "a device"},
		{"directory", dir, "a directory"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for _, f := range []func(string, int) ([]byte, error){Read, Head} {
				done := make(chan error, 1)
				go func() { _, err := f(tt.path, 100); done <- err }()
				select {
				case err := <-done:
					var nr *NotRegularError
					if !errors.As(err, &nr) || !errors.Is(err, ErrNotRegular) || nr.Kind != tt.kind {
						t.Errorf("error = %v, want not a regular file (%s)", err, tt.kind)
					}
					if got, want := Reason(err), "not a regular file ("+tt.kind+")"; got != want {
						t.Errorf("Reason = %q, want %q", got, want)
					}
				case <-time.After(5 * time.Second):
					t.Fatalf("reading %s blocked", tt.path)
				}
			}
		})
	}
	// The pipe's data is still there.
	buf := make([]byte, 64)
	n, _ := r.Read(buf)
	if got := string(buf[:n]); got != "print(1)\n" {
		t.Errorf("the pipe then holds %q, want its data untouched", got)
	}
}
