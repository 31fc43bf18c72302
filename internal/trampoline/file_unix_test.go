//go:build unix

package trampoline

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// A FIFO in the launcher's place is refused at once: opening it for
// reading must not wait for a writer.
func TestOpenFileFIFO(t *testing.T) {
	p := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	done := make(chan error, 1)
	go func() {
		f, _, err := openFile(p)
		if err == nil {
			f.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, errNotRegular) {
			t.Errorf("openFile(a FIFO) error = %v, want %v", err, errNotRegular)
		}
	case <-time.After(5 * time.Second):
		// Let the blocked open return.
		if w, err := os.OpenFile(p, os.O_WRONLY, 0); err == nil {
			w.Close()
		}
		t.Fatal("openFile(a FIFO) blocked")
	}
}
