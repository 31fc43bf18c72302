package output

import (
	"errors"
	"io"
	"testing"
)

// failingWriter fails every write after the first n bytes.
type failingWriter struct {
	n      int
	err    error
	writes int
}

func (w *failingWriter) Write(p []byte) (int, error) {
	w.writes++
	if len(p) <= w.n {
		w.n -= len(p)
		return len(p), nil
	}
	n := w.n
	w.n = 0
	if w.err == nil {
		return n, nil // a short write without an error
	}
	return n, w.err
}

func TestWriter(t *testing.T) {
	full := errors.New("no space left on device")
	w := &failingWriter{n: 5, err: full}
	o := New(w)
	if n, err := o.Write([]byte("abc")); n != 3 || err != nil {
		t.Fatalf("first write = %d, %v", n, err)
	}
	if n, err := o.Write([]byte("defg")); n != 2 || err != full {
		t.Fatalf("second write = %d, %v; want 2, %v", n, err, full)
	}
	// Remembered: later writes fail at once and write nothing.
	if n, err := o.Write([]byte("h")); n != 0 || err != full || w.writes != 2 {
		t.Fatalf("third write = %d, %v after %d writes; want 0, %v, not written", n, err, w.writes, full)
	}
	if o.Err() != full {
		t.Errorf("err = %v, want %v", o.Err(), full)
	}

	// A short write without an error is an error all the same.
	o = New(&failingWriter{n: 1})
	if _, err := o.Write([]byte("ab")); err != io.ErrShortWrite || o.Err() != io.ErrShortWrite {
		t.Errorf("short write: %v, remembered %v; want %v", err, o.Err(), io.ErrShortWrite)
	}
}
