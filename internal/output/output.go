// Package output is a program's standard output that cannot lose what it
// writes silently: the one copy of it for py and py-install.
package output

import "io"

// Writer writes to an underlying writer and remembers the first write
// that failed (a short write is a failure too), so that the program
// reports it (exitcode.Output) instead of losing output silently. After
// a failure every write fails at once, writing nothing.
type Writer struct {
	w   io.Writer
	err error
}

// New returns a Writer writing to w.
func New(w io.Writer) *Writer { return &Writer{w: w} }

func (o *Writer) Write(p []byte) (int, error) {
	if o.err != nil {
		return 0, o.err
	}
	n, err := o.w.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	o.err = err
	return n, err
}

// Err returns the first write's failure, or nil.
func (o *Writer) Err() error { return o.err }
