package fetch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/pylauncher/py/internal/quote"
	"github.com/pylauncher/py/internal/readfile"
)

// now is time.Now, but for tests.
var now = time.Now

// maxRetryAfter bounds the wait a Retry-After header asks for: the server
// is obeyed that long at most before the next try.
const maxRetryAfter = 30 * time.Second

// Open starts reading the file at url, the mirror applied (see Rewrite):
// http, https, file:// or a plain path; relative URLs are the caller's to
// resolve. The reader hashes what it reads and, at the end, returns a
// *HashError instead of io.EOF when the sha256 is not want (hexadecimal).
// An empty want is refused (ErrNoHash): py installs nothing it cannot
// verify. size is the length when known, -1 otherwise. Reading fails,
// transiently, when the transfer stalls (see Client.Stall); every error
// is an *Error or a *HashError naming the URL. The reader must be closed.
func (c *Client) Open(ctx context.Context, url, want string) (r io.ReadCloser, size int64, err error) {
	u := c.Rewrite(url)
	want, err = checkHash(want)
	if err != nil {
		return nil, -1, &Error{URL: u, Err: err}
	}
	var src io.ReadCloser
	switch kind(u) {
	case httpURL:
		src, size, err = c.openHTTP(ctx, u)
	case fileURL:
		var path string
		if path, err = filePath(u, runtime.GOOS); err != nil {
			return nil, -1, &Error{URL: u, Err: err}
		}
		src, size, err = openFile(ctx, u, path)
	case pathURL:
		src, size, err = openFile(ctx, u, u)
	default:
		scheme, _, _ := strings.Cut(u, ":")
		return nil, -1, &Error{URL: u, Err: fmt.Errorf("unsupported scheme %s", quote.String(scheme))}
	}
	if err != nil {
		return nil, -1, err
	}
	return &hashReader{r: src, h: sha256.New(), url: u, want: want}, size, nil
}

// checkHash returns want in lower case, or why it cannot verify anything.
func checkHash(want string) (string, error) {
	if want == "" {
		return "", ErrNoHash
	}
	w := strings.ToLower(want)
	if len(w) != sha256.Size*2 || strings.Trim(w, "0123456789abcdef") != "" {
		return "", fmt.Errorf("%w: %s", ErrBadHash, quote.String(want))
	}
	return w, nil
}

// hashReader hashes what it reads and checks the sum at the end.
type hashReader struct {
	r         io.ReadCloser
	h         hash.Hash
	url, want string
	err       error
}

func (h *hashReader) Read(p []byte) (int, error) {
	if h.err != nil {
		return 0, h.err
	}
	n, err := h.r.Read(p)
	h.h.Write(p[:n])
	if err == io.EOF {
		if got := hex.EncodeToString(h.h.Sum(nil)); got != h.want {
			err = &HashError{URL: h.url, Want: h.want, Got: got}
		}
	}
	h.err = err
	return n, err
}

func (h *hashReader) Close() error { return h.r.Close() }

// openHTTP starts a GET of u for Open: the bytes as they are stored
// (no transparent decompression), a 200 only.
func (c *Client) openHTTP(ctx context.Context, u string) (io.ReadCloser, int64, error) {
	resp, b, err := c.request(ctx, u, http.Header{"Accept-Encoding": {"identity"}})
	if err != nil {
		return nil, -1, err
	}
	if resp.StatusCode != http.StatusOK {
		b.Close()
		return nil, -1, statusError(u, resp)
	}
	return b, b.size, nil
}

// request sends a GET of u with hdr, under the stall watchdog, and
// returns the answer, whatever its status, with a body that reads it
// under the watchdog. A failure is an *Error.
func (c *Client) request(ctx context.Context, u string, hdr http.Header) (*http.Response, *body, error) {
	stall := c.stall()
	rctx, cancel := context.WithCancelCause(ctx)
	stalled := fmt.Errorf("%w: no data for %s", ErrStalled, stall)
	b := &body{url: u, parent: ctx, ctx: rctx, cancel: cancel, stall: stall, size: -1}
	b.timer = time.AfterFunc(stall, func() { cancel(stalled) })
	req, err := http.NewRequestWithContext(rctx, http.MethodGet, u, nil)
	if err != nil {
		b.timer.Stop()
		cancel(nil)
		return nil, nil, &Error{URL: u, Err: err}
	}
	for k, v := range hdr {
		req.Header[k] = v
	}
	if c.UserAgent != "" {
		req.Header.Set("User-Agent", c.UserAgent)
	}
	resp, err := c.httpClient().Do(req)
	b.timer.Stop()
	if err != nil {
		err = b.fail(err)
		cancel(nil)
		return nil, nil, err
	}
	b.rc, b.size = resp.Body, resp.ContentLength
	return resp, b, nil
}

// statusError is the failure of an answer with an unwanted status.
func statusError(u string, resp *http.Response) *Error {
	e := &Error{URL: u, Status: resp.StatusCode, Transient: transientStatus(resp.StatusCode)}
	if e.Transient {
		e.RetryAfter = retryAfter(resp.Header.Get("Retry-After"), now())
	}
	return e
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return 0
	}
	if s, err := strconv.ParseUint(v, 10, 32); err == nil {
		return min(time.Duration(s)*time.Second, maxRetryAfter)
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return min(t.Sub(now), maxRetryAfter)
	}
	return 0
}

// body reads an HTTP answer under the stall watchdog: a timer, armed
// while a Read waits, that cancels the request when it goes off. Time
// the caller spends between reads does not count.
type body struct {
	rc      io.ReadCloser
	url     string
	parent  context.Context // the caller's
	ctx     context.Context // the request's
	cancel  context.CancelCauseFunc
	timer   *time.Timer
	stall   time.Duration
	n, size int64
	err     error
}

func (b *body) Read(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	b.timer.Reset(b.stall)
	n, err := b.rc.Read(p)
	b.timer.Stop()
	b.n += int64(n)
	if err != nil && err != io.EOF {
		err = b.fail(err)
	}
	b.err = err
	return n, err
}

func (b *body) Close() error {
	b.timer.Stop()
	err := b.rc.Close()
	b.cancel(nil)
	return err
}

// fail makes err, from the transport, an *Error.
func (b *body) fail(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	switch cause := context.Cause(b.ctx); {
	case b.parent.Err() != nil:
		return &Error{URL: b.url, Err: b.parent.Err()}
	case errors.Is(cause, ErrStalled):
		return &Error{URL: b.url, Err: cause, Transient: true}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return &Error{URL: b.url, Err: &truncated{n: b.n, size: b.size}, Transient: true}
	}
	return &Error{URL: b.url, Err: err, Transient: transient(err, true)}
}

// truncated is a transfer that ended before its end.
type truncated struct{ n, size int64 }

func (t *truncated) Error() string {
	if t.size < 0 {
		return "the transfer ended early, after " + strconv.FormatInt(t.n, 10) + " bytes"
	}
	return "the transfer ended after " + strconv.FormatInt(t.n, 10) + " of " + strconv.FormatInt(t.size, 10) + " bytes"
}

func (t *truncated) Unwrap() error { return io.ErrUnexpectedEOF }

// filePath returns the path a file: URL names, on goos: file:///p/a/t/h,
// file://localhost/p, file:///C:/p and file://host/share/p (a UNC path)
// on Windows; file:rel/p (opaque) is a relative path.
func filePath(u string, goos string) (string, error) {
	pu, err := url.Parse(u)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return "", err
	}
	p := pu.Path
	if pu.Opaque != "" {
		if p, err = url.PathUnescape(pu.Opaque); err != nil {
			return "", err
		}
	}
	if p == "" {
		return "", errors.New("a file URL without a path")
	}
	local := pu.Host == "" || strings.EqualFold(pu.Host, "localhost")
	if goos != "windows" {
		if !local {
			return "", fmt.Errorf("a file URL of another machine (%s)", quote.String(pu.Host))
		}
		return p, nil
	}
	if len(p) >= 3 && p[0] == '/' && p[2] == ':' && ('a' <= p[1]|0x20 && p[1]|0x20 <= 'z') {
		p = p[1:] // /C:/x
	} else if !local {
		p = "//" + pu.Host + p // \\host\share\x
	}
	return strings.ReplaceAll(p, "/", `\`), nil
}

// openFile opens the regular file at path, which u names.
func openFile(ctx context.Context, u, path string) (io.ReadCloser, int64, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, -1, &Error{URL: u, Err: pathReason(err)}
	}
	if !fi.Mode().IsRegular() {
		k := "a special file"
		if fi.IsDir() {
			k = "a directory"
		}
		return nil, -1, &Error{URL: u, Err: &readfile.NotRegularError{Kind: k}}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, -1, &Error{URL: u, Err: pathReason(err)}
	}
	return &fileBody{f: f, ctx: ctx, url: u}, fi.Size(), nil
}

// pathReason is err without the operation and path, which the URL names.
func pathReason(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// fileBody reads a file, checking the context between reads.
type fileBody struct {
	f   *os.File
	ctx context.Context
	url string
}

func (b *fileBody) Read(p []byte) (int, error) {
	if err := b.ctx.Err(); err != nil {
		return 0, &Error{URL: b.url, Err: err}
	}
	n, err := b.f.Read(p)
	if err != nil && err != io.EOF {
		err = &Error{URL: b.url, Err: pathReason(err)}
	}
	return n, err
}

func (b *fileBody) Close() error { return b.f.Close() }
