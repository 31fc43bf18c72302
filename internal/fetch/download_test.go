package fetch

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func noBackoff(int) time.Duration { return 0 }

// tries serves the n-th request (from 0) with hs[n], or the last of hs.
func tries(hs ...http.HandlerFunc) http.HandlerFunc {
	var n atomic.Int32
	return func(w http.ResponseWriter, r *http.Request) {
		i := min(int(n.Add(1))-1, len(hs)-1)
		hs[i](w, r)
	}
}

// dirNames lists dir.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestDownload(t *testing.T) {
	unavailable := status(http.StatusServiceUnavailable)
	for _, tt := range []struct {
		name     string
		h        http.HandlerFunc
		want     string
		retries  int
		requests int32
		err      string // "" for success, else "hash", "status NNN", "transient"
	}{
		{"ok", servePayload, payloadSum, 0, 1, ""},
		{"503 then ok", tries(unavailable, servePayload), payloadSum, 0, 2, ""},
		{"503 three times then ok", tries(unavailable, unavailable, unavailable, servePayload), payloadSum, 0, 4, ""},
		{"503 always", unavailable, payloadSum, 0, 4, "status 503"},
		{"503, one retry", unavailable, payloadSum, 1, 2, "status 503"},
		{"503, no retries", unavailable, payloadSum, -1, 1, "status 503"},
		{"404", tries(status(http.StatusNotFound), servePayload), payloadSum, 0, 1, "status 404"},
		{"hash mismatch", servePayload, zeroSum, 0, 1, "hash"},
		{"stall then ok", tries(stallAfter(true), servePayload), payloadSum, 0, 2, ""},
		{"stall before the headers then ok", tries(stallAfter(false), servePayload), payloadSum, 0, 2, ""},
		{"truncated then ok", tries(truncate, servePayload), payloadSum, 0, 2, ""},
		{"truncated always", truncate, payloadSum, 0, 4, "transient"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv, n := server(t, tt.h)
			dir := t.TempDir()
			dst := filepath.Join(dir, "a.tar.gz")
			c := &Client{Retries: tt.retries, Backoff: noBackoff}
			if strings.Contains(tt.name, "stall") {
				c.Stall = 100 * time.Millisecond // only there: a loaded machine may pause a healthy transfer that long
			}
			var calls [][2]int64
			err := c.Download(context.Background(), srv.URL+"/a.tar.gz", tt.want, dst, func(done, total int64) {
				calls = append(calls, [2]int64{done, total})
			})
			if got := n.Load(); got != tt.requests {
				t.Errorf("%d requests, want %d", got, tt.requests)
			}
			if tt.err == "" {
				if err != nil {
					t.Fatal(err)
				}
				if b, err := os.ReadFile(dst); err != nil || !bytes.Equal(b, payload) {
					t.Fatalf("%s: %d bytes, %v", dst, len(b), err)
				}
				if names := dirNames(t, dir); !slices.Equal(names, []string{"a.tar.gz"}) {
					t.Errorf("left in the directory: %q", names)
				}
				size := int64(len(payload))
				if len(calls) < 2 || calls[0] != [2]int64{0, size} || calls[len(calls)-1] != [2]int64{size, size} {
					t.Errorf("progress calls %v…, want from 0 to %d of %d", calls[:min(len(calls), 3)], size, size)
				}
				return
			}
			checkDownloadError(t, err, tt.err, srv.URL+"/a.tar.gz")
			if names := dirNames(t, dir); len(names) != 0 {
				t.Errorf("left in the directory: %q", names)
			}
		})
	}
}

func checkDownloadError(t *testing.T, err error, want, url string) {
	t.Helper()
	var e *Error
	var he *HashError
	switch {
	case want == "hash":
		if !errors.As(err, &he) || he.URL != url || Transient(err) {
			t.Errorf("err = %v, want a *HashError", err)
		}
	case want == "transient":
		if !errors.As(err, &e) || !e.Transient || e.URL != url {
			t.Errorf("err = %v, want a transient *Error", err)
		}
	default:
		if !errors.As(err, &e) || e.URL != url || "status "+strconv.Itoa(e.Status) != want {
			t.Errorf("err = %#v, want an *Error with %s", err, want)
		}
	}
}

// A download replaces what is there, and a failed one leaves it be.
func TestDownloadReplaces(t *testing.T) {
	srv, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/ok" {
			servePayload(w, r)
			return
		}
		http.NotFound(w, r)
	})
	dir := t.TempDir()
	dst := filepath.Join(dir, "a.tar.gz")
	for _, tt := range []struct {
		path, want string
		content    []byte
	}{
		{"/missing", payloadSum, []byte("old")},
		{"/ok", zeroSum, []byte("old")},
		{"/ok", payloadSum, payload},
	} {
		if err := os.WriteFile(dst, []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
		err := (&Client{Backoff: noBackoff}).Download(context.Background(), srv.URL+tt.path, tt.want, dst, nil)
		if b, _ := os.ReadFile(dst); !bytes.Equal(b, tt.content) || (err == nil) != bytes.Equal(tt.content, payload) {
			t.Errorf("%s: %s holds %d bytes after %v", tt.path, dst, len(b), err)
		}
		if names := dirNames(t, dir); !slices.Equal(names, []string{"a.tar.gz"}) {
			t.Errorf("left in the directory: %q", names)
		}
	}
}

// Ctrl-C stops a download promptly and leaves nothing.
func TestDownloadCancel(t *testing.T) {
	srv, _ := server(t, stallAfter(true))
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var started time.Time
	err := (&Client{}).Download(ctx, srv.URL, payloadSum, filepath.Join(dir, "a.tar.gz"), func(done, total int64) {
		if done > 0 && started.IsZero() {
			started = time.Now()
			cancel()
		}
	})
	if d := time.Since(started); started.IsZero() || d > 5*time.Second {
		t.Errorf("took %v to stop", d)
	}
	if !errors.Is(err, context.Canceled) || Transient(err) {
		t.Errorf("err = %v, want a cancellation", err)
	}
	if names := dirNames(t, dir); len(names) != 0 {
		t.Errorf("left in the directory: %q", names)
	}
}

// Ctrl-C between tries stops the wait.
func TestDownloadCancelBetweenTries(t *testing.T) {
	srv, n := server(t, status(http.StatusBadGateway))
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	c := &Client{Backoff: func(int) time.Duration { return time.Hour }}
	err := c.Download(ctx, srv.URL, payloadSum, filepath.Join(t.TempDir(), "a"), nil)
	var e *Error
	if !errors.As(err, &e) || e.URL != srv.URL || !errors.Is(err, context.DeadlineExceeded) || n.Load() != 1 {
		t.Errorf("err = %#v after %d requests, want the context's, naming the URL", err, n.Load())
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v to stop", d)
	}
}

func TestDownloadWriteError(t *testing.T) {
	srv, n := server(t, servePayload)
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(file, "a.tar.gz")
	err := (&Client{}).Download(context.Background(), srv.URL, payloadSum, dst, nil)
	var e *Error
	if !errors.As(err, &e) || Transient(err) || n.Load() != 0 {
		t.Fatalf("err = %v, want an *Error, not transient, before any request", err)
	}
	want := `cannot download "` + srv.URL + `": cannot write "` + dst + `": `
	if got := err.Error(); len(got) <= len(want) || got[:len(want)] != want {
		t.Errorf("message %s, want %s…", got, want)
	}
}

func TestWriteErrorMessage(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want string
	}{
		{nil, "<nil>"},
		{&fs.PathError{Op: "write", Path: `C:\b\.a.zip.tmp1`, Err: errors.New("no space left on device")}, `cannot write "C:\b\a.zip": no space left on device`},
		{&os.LinkError{Op: "rename", Old: `C:\b\.a.zip.tmp1`, New: `C:\b\a.zip`, Err: errors.New("permission denied")}, `cannot write "C:\b\a.zip": permission denied`},
	} {
		got := writeError(`C:\b\a.zip`, tt.err)
		if s := "<nil>"; got != nil {
			s = got.Error()
			if s != tt.want {
				t.Errorf("message %s, want %s", s, tt.want)
			}
		} else if tt.want != s {
			t.Errorf("writeError(%v) = nil", tt.err)
		}
	}
}

// block is the i-th MiB of what serveLarge serves.
func block(buf []byte, i int) {
	for j := 0; j < len(buf); j += 8 {
		binary.LittleEndian.PutUint64(buf[j:], uint64(i)<<32|uint64(j))
	}
}

const largeBlocks = 64

func serveLarge(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Length", strconv.Itoa(largeBlocks<<20))
	buf := make([]byte, 1<<20)
	for i := range largeBlocks {
		block(buf, i)
		if _, err := w.Write(buf); err != nil {
			return
		}
	}
}

// A large download streams: what it allocates does not grow with it.
func TestDownloadLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("64 MiB")
	}
	h := sha256.New()
	buf := make([]byte, 1<<20)
	for i := range largeBlocks {
		block(buf, i)
		h.Write(buf)
	}
	want := hex.EncodeToString(h.Sum(nil))
	srv, _ := server(t, serveLarge)
	dst := filepath.Join(t.TempDir(), "large")
	var last int64
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	err := (&Client{}).Download(context.Background(), srv.URL, want, dst, func(done, total int64) { last = done })
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(dst); err != nil || fi.Size() != largeBlocks<<20 || last != largeBlocks<<20 {
		t.Fatalf("%s: %v, %v; progress to %d", dst, fi, err, last)
	}
	t.Logf("allocated %d KiB", (after.TotalAlloc-before.TotalAlloc)>>10)
	// The server's buffer is 1 MiB; the rest should be a few buffers.
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 8<<20 {
		t.Errorf("allocated %d MiB for a download of %d MiB", alloc>>20, largeBlocks)
	}
}

func TestRetry(t *testing.T) {
	transientErr := &Error{Status: 503, Transient: true}
	for _, tt := range []struct {
		name    string
		retries int
		errs    []error // f's answers, the last repeated
		tries   int
		err     error
	}{
		{"ok", 0, []error{nil}, 1, nil},
		{"transient then ok", 0, []error{transientErr, nil}, 2, nil},
		{"transient always", 0, []error{transientErr}, 4, transientErr},
		{"transient always, 5 retries", 5, []error{transientErr}, 6, transientErr},
		{"not transient", 0, []error{transientErr, &Error{Status: 404}}, 2, &Error{Status: 404}},
		{"hash", 0, []error{&HashError{}}, 1, &HashError{}},
		{"plain error", 0, []error{errors.New("x")}, 1, errors.New("x")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var attempts []int
			err := (&Client{Retries: tt.retries, Backoff: noBackoff}).Retry(context.Background(), func(attempt int) error {
				attempts = append(attempts, attempt)
				return tt.errs[min(attempt, len(tt.errs)-1)]
			})
			if len(attempts) != tt.tries || attempts[len(attempts)-1] != tt.tries-1 {
				t.Errorf("attempts %v, want 0…%d", attempts, tt.tries-1)
			}
			if (err == nil) != (tt.err == nil) || err != nil && err.Error() != tt.err.Error() {
				t.Errorf("err = %v, want %v", err, tt.err)
			}
		})
	}
}

func TestRetryWaits(t *testing.T) {
	for _, tt := range []struct {
		name    string
		backoff time.Duration
		err     *Error
		want    time.Duration
	}{
		{"backoff", 30 * time.Millisecond, &Error{Status: 503, Transient: true}, 3 * 30 * time.Millisecond},
		{"Retry-After", 0, &Error{Status: 429, Transient: true, RetryAfter: 40 * time.Millisecond}, 3 * 40 * time.Millisecond},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var waits []int
			c := &Client{Backoff: func(n int) time.Duration { waits = append(waits, n); return tt.backoff }}
			start := time.Now()
			c.Retry(context.Background(), func(int) error { return tt.err })
			if d := time.Since(start); d < tt.want {
				t.Errorf("retried after %v, want at least %v", d, tt.want)
			}
			if !slices.Equal(waits, []int{1, 2, 3}) {
				t.Errorf("Backoff called with %v, want 1, 2, 3", waits)
			}
		})
	}
}

func TestRetryCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	called := false
	err := (&Client{}).Retry(ctx, func(int) error { called = true; return nil })
	if called || !errors.Is(err, context.Canceled) {
		t.Errorf("with a cancelled context: called %v, err %v", called, err)
	}
}

func TestDefaultBackoff(t *testing.T) {
	for _, tt := range []struct {
		n    int
		base time.Duration
	}{
		{0, 500 * time.Millisecond},
		{1, 500 * time.Millisecond},
		{2, time.Second},
		{3, 2 * time.Second},
		{6, 16 * time.Second},
		{7, 30 * time.Second},
		{1000, 30 * time.Second},
	} {
		for range 20 {
			if got := DefaultBackoff(tt.n); got < tt.base*3/4 || got > tt.base*5/4 {
				t.Errorf("DefaultBackoff(%d) = %v, want %v ±25%%", tt.n, got, tt.base)
			}
		}
	}
}
