package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"github.com/pylauncher/py/internal/atomicfile"
	"github.com/pylauncher/py/internal/quote"
)

// copyBuffer is the size of the chunks Download copies.
const copyBuffer = 64 << 10

// Retry runs f until it succeeds, fails for a reason that is not
// transient (see Transient), or has been tried Retries+1 times, waiting
// Backoff (or longer, when the server asked for it with Retry-After)
// between tries; f starts over each time (no resumed downloads). attempt
// is 0 the first time. It returns f's last error, or the context's when
// it is done before a try.
func (c *Client) Retry(ctx context.Context, f func(attempt int) error) error {
	retries := c.retries()
	for attempt := 0; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		err := f(attempt)
		if err == nil || attempt >= retries || !Transient(err) || ctx.Err() != nil {
			return err
		}
		wait := c.backoff(attempt + 1)
		var e *Error
		if errors.As(err, &e) && e.RetryAfter > wait {
			wait = e.RetryAfter
		}
		if wait <= 0 {
			continue
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}

func (c *Client) backoff(n int) time.Duration {
	if c.Backoff != nil {
		return c.Backoff(n)
	}
	return DefaultBackoff(n)
}

// DefaultBackoff is the wait before retry n (n = 1, 2…) when the Client
// sets none: 0.5 s, 1 s, 2 s… doubling up to 30 s, each ±25 % at random
// so that clients that failed together do not retry together.
func DefaultBackoff(n int) time.Duration {
	d := 30 * time.Second
	if n < 1 {
		n = 1
	}
	if n < 7 {
		d = 500 * time.Millisecond << (n - 1)
	}
	return time.Duration(float64(d) * (0.75 + 0.5*rand.Float64()))
}

// Download writes the file at url (see Open) to the path dst, verified by
// want, retrying transient failures. It writes through a temporary file
// beside dst, renamed to dst at the end: on failure, dst is left as it
// was and nothing is left beside it. progress, when not nil, is called
// with the bytes so far and the total (-1 when unknown): with 0 at the
// start of every try (a retry starts over), then after every chunk.
func (c *Client) Download(ctx context.Context, url, want, dst string, progress func(done, total int64)) error {
	u := c.Rewrite(url)
	if _, err := checkHash(want); err != nil {
		return &Error{URL: u, Err: err}
	}
	dir := filepath.Dir(dst)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return &Error{URL: u, Err: writeError(dst, err)}
	}
	base := filepath.Base(dst)
	atomicfile.RemoveStale(dir, func(b string) bool { return b == base })
	err := c.Retry(ctx, func(int) error { return c.download(ctx, url, want, dst, progress) })
	var e *Error
	var he *HashError
	if err != nil && !errors.As(err, &e) && !errors.As(err, &he) {
		err = &Error{URL: u, Err: err} // the context, done between tries
	}
	return err
}

// download is one try of Download.
func (c *Client) download(ctx context.Context, url, want, dst string, progress func(done, total int64)) error {
	r, size, err := c.Open(ctx, url, want)
	if err != nil {
		return err
	}
	defer r.Close()
	var f *os.File
	tmp, err := atomicfile.Temp(dst, func(name string) error {
		var err error
		f, err = os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		return err
	})
	if err != nil {
		return &Error{URL: c.Rewrite(url), Err: writeError(dst, err)}
	}
	err = c.copy(f, r, size, dst, progress)
	if err == nil {
		err = writeError(dst, f.Sync())
	}
	if cerr := writeError(dst, f.Close()); err == nil {
		err = cerr
	}
	if err == nil {
		err = writeError(dst, os.Rename(tmp, dst))
	}
	if err != nil {
		os.Remove(tmp)
		var e *Error
		var he *HashError
		if !errors.As(err, &e) && !errors.As(err, &he) {
			err = &Error{URL: c.Rewrite(url), Err: err}
		}
	}
	return err
}

// copy copies r, size bytes long (-1: unknown), to f, telling progress.
// A failure to write is wrapped by writeError; one to read is the
// reader's.
func (c *Client) copy(f *os.File, r io.Reader, size int64, dst string, progress func(done, total int64)) error {
	if progress != nil {
		progress(0, size)
	}
	buf := make([]byte, copyBuffer)
	var done int64
	for {
		n, rerr := r.Read(buf)
		if n > 0 {
			if _, err := f.Write(buf[:n]); err != nil {
				return writeError(dst, err)
			}
			done += int64(n)
			if progress != nil {
				progress(done, size)
			}
		}
		if rerr == io.EOF {
			return nil
		}
		if rerr != nil {
			return rerr
		}
	}
}

// writeError names dst in a failure to write it.
func writeError(dst string, err error) error {
	if err == nil {
		return nil
	}
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		err = pe.Err
	case errors.As(err, &le):
		err = le.Err
	}
	return fmt.Errorf("cannot write %s: %w", quote.String(dst), err)
}
