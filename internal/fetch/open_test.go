package fetch

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pylauncher/py/internal/readfile"
)

// payload is what the test servers serve.
var payload = bytes.Repeat([]byte("python-build-standalone "), 4096)

func sum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

var payloadSum = sum(payload)

const zeroSum = "0000000000000000000000000000000000000000000000000000000000000000"

// server serves h and counts the requests.
func server(t *testing.T, h http.HandlerFunc) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		h(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

// servePayload serves payload with its length.
func servePayload(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Length", strconv.Itoa(len(payload)))
	w.Write(payload)
}

// status answers with a status only.
func status(code int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { http.Error(w, http.StatusText(code), code) }
}

func readAll(c *Client, ctx context.Context, url, want string) ([]byte, int64, error) {
	r, size, err := c.Open(ctx, url, want)
	if err != nil {
		return nil, size, err
	}
	defer r.Close()
	b, err := io.ReadAll(r)
	return b, size, err
}

// openHandler serves the paths of TestOpen.
func openHandler(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/ok":
		servePayload(w, r)
	case "/chunked":
		w.Write(payload[:100])
		w.(http.Flusher).Flush()
		w.Write(payload[100:])
	case "/gzip":
		// Served as stored, whatever the header says.
		if r.Header.Get("Accept-Encoding") != "identity" {
			http.Error(w, "want identity", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(payload)
	case "/unavailable":
		status(http.StatusServiceUnavailable)(w, r)
	case "/busy":
		w.Header().Set("Retry-After", "7")
		status(http.StatusTooManyRequests)(w, r)
	case "/forbidden":
		w.Header().Set("Retry-After", "7")
		status(http.StatusForbidden)(w, r)
	default:
		http.NotFound(w, r)
	}
}

func TestOpen(t *testing.T) {
	srv, _ := server(t, openHandler)
	dir := t.TempDir()
	file := filepath.Join(dir, "a+b.tar.gz")
	if err := os.WriteFile(file, payload, 0o644); err != nil {
		t.Fatal(err)
	}
	fileURL := "file://" + filepath.ToSlash(strings.Replace(file, "+", "%2B", 1))
	if !strings.HasPrefix(fileURL, "file:///") {
		fileURL = "file:///" + strings.TrimPrefix(fileURL, "file://") // C:/…
	}
	for _, tt := range []struct {
		name, url, want string
		size            int64
		status          int
		transient       bool
		is              error
		retryAfter      time.Duration
	}{
		{name: "ok", url: srv.URL + "/ok", want: payloadSum, size: int64(len(payload))},
		{name: "upper-case hash", url: srv.URL + "/ok", want: strings.ToUpper(payloadSum), size: int64(len(payload))},
		{name: "chunked", url: srv.URL + "/chunked", want: payloadSum, size: -1},
		{name: "gzip", url: srv.URL + "/gzip", want: payloadSum, size: -1},
		{name: "404", url: srv.URL + "/missing", want: payloadSum, status: 404},
		{name: "403", url: srv.URL + "/forbidden", want: payloadSum, status: 403},
		{name: "503", url: srv.URL + "/unavailable", want: payloadSum, status: 503, transient: true},
		{name: "429", url: srv.URL + "/busy", want: payloadSum, status: 429, transient: true, retryAfter: 7 * time.Second},
		{name: "file URL", url: fileURL, want: payloadSum, size: int64(len(payload))},
		{name: "path", url: file, want: payloadSum, size: int64(len(payload))},
		{name: "missing path", url: filepath.Join(dir, "missing"), want: payloadSum, is: fs.ErrNotExist},
		{name: "missing file URL", url: "file:///nowhere/at/all", want: payloadSum, is: fs.ErrNotExist},
		{name: "directory", url: dir, want: payloadSum, is: readfile.ErrNotRegular},
		{name: "scheme", url: "ftp://example.com/x", want: payloadSum, is: nil},
		{name: "no hash", url: srv.URL + "/ok", want: "", is: ErrNoHash},
		{name: "bad hash", url: srv.URL + "/ok", want: "abc", is: ErrBadHash},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b, size, err := readAll(&Client{}, context.Background(), tt.url, tt.want)
			failing := tt.status != 0 || tt.is != nil || tt.name == "scheme"
			if !failing {
				if err != nil || !bytes.Equal(b, payload) || size != tt.size {
					t.Fatalf("got %d bytes, size %d, %v; want %d bytes, size %d", len(b), size, err, len(payload), tt.size)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) || e.URL != tt.url || e.Status != tt.status || e.Transient != tt.transient || Transient(err) != tt.transient || e.RetryAfter != tt.retryAfter {
				t.Fatalf("err = %#v, want an *Error for %s with status %d, transient %v, Retry-After %v", err, tt.url, tt.status, tt.transient, tt.retryAfter)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("err = %v, want one matching %v", err, tt.is)
			}
			if !strings.HasPrefix(err.Error(), `cannot download "`+tt.url+`": `) {
				t.Errorf("message %s does not name the URL", err)
			}
		})
	}
}

func TestOpenNoRequestWithoutHash(t *testing.T) {
	srv, n := server(t, servePayload)
	for _, want := range []string{"", "abc"} {
		if _, _, err := (&Client{}).Open(context.Background(), srv.URL, want); err == nil {
			t.Errorf("Open with sha256 %q succeeded", want)
		}
	}
	if n.Load() != 0 {
		t.Errorf("%d requests, want none", n.Load())
	}
}

func TestOpenHashMismatch(t *testing.T) {
	srv, _ := server(t, servePayload)
	u := srv.URL + "/a.tar.gz"
	b, _, err := readAll(&Client{}, context.Background(), u, zeroSum)
	var he *HashError
	if !errors.As(err, &he) || *he != (HashError{URL: u, Want: zeroSum, Got: payloadSum}) {
		t.Fatalf("err = %#v, want a *HashError", err)
	}
	if len(b) != len(payload) {
		t.Errorf("read %d bytes, want all %d before the mismatch", len(b), len(payload))
	}
	if Transient(err) {
		t.Error("a hash mismatch is transient")
	}
	want := `the download of "` + u + `" has sha256 ` + payloadSum + ", not " + zeroSum
	if err.Error() != want {
		t.Errorf("message %s, want %s", err, want)
	}
}

func TestOpenMirror(t *testing.T) {
	const rel = "/20260814/cpython-3.14.6%2B20260814-x86_64-unknown-linux-gnu-install_only.tar.gz"
	const name = "cpython-3.14.6+20260814-x86_64-unknown-linux-gnu-install_only.tar.gz"
	var got atomic.Value
	srv, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		got.Store(r.URL.Path)
		servePayload(w, r)
	})
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "20260814"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "20260814", name), payload, 0o644); err != nil {
		t.Fatal(err)
	}
	slashed := filepath.ToSlash(dir)
	if !strings.HasPrefix(slashed, "/") {
		slashed = "/" + slashed // C:/… on Windows
	}
	for _, tt := range []struct{ name, mirror, url string }{
		{"http", srv.URL + "/mirror/", PBSPrefix + rel},
		{"http, old prefix", srv.URL + "/mirror", OldPBSPrefix + rel},
		{"file URL", "file://" + slashed, PBSPrefix + rel},
		{"path", dir, PBSPrefix + rel},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got.Store("")
			c := &Client{Mirror: tt.mirror}
			b, _, err := readAll(c, context.Background(), tt.url, payloadSum)
			if err != nil || !bytes.Equal(b, payload) {
				t.Fatalf("got %d bytes, %v", len(b), err)
			}
			if strings.HasPrefix(tt.mirror, "http") {
				if p := got.Load(); p != "/mirror/20260814/"+name {
					t.Errorf("the mirror was asked for %q", p)
				}
			}
		})
	}
	// Without the mirror the same URL is not read from it.
	c := &Client{Mirror: srv.URL + "/mirror"}
	if _, _, err := readAll(c, context.Background(), "http://127.0.0.1:1/x", payloadSum); err == nil {
		t.Error("a URL that is not python-build-standalone's went to the mirror")
	}
}

// stallAfter serves half of payload then nothing until the request ends.
func stallAfter(half bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if half {
			w.Header().Set("Content-Length", strconv.Itoa(len(payload)))
			w.Write(payload[:len(payload)/2])
			w.(http.Flusher).Flush()
		}
		<-r.Context().Done()
	}
}

func TestStall(t *testing.T) {
	for _, tt := range []struct {
		name string
		h    http.HandlerFunc
	}{
		{"mid-body", stallAfter(true)},
		{"before the headers", stallAfter(false)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := server(t, tt.h)
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			start := time.Now()
			_, _, err := readAll(&Client{Stall: 100 * time.Millisecond}, ctx, srv.URL, payloadSum)
			if !errors.Is(err, ErrStalled) || !Transient(err) {
				t.Fatalf("err = %v, want a transient stall", err)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("the stall took %v to notice", d)
			}
			want := `cannot download "` + srv.URL + `": the transfer stalled: no data for 100ms`
			if err.Error() != want {
				t.Errorf("message %s, want %s", err, want)
			}
		})
	}
}

// The caller's own pauses between reads are not stalls.
func TestSlowReaderIsNoStall(t *testing.T) {
	srv, _ := server(t, servePayload)
	r, _, err := (&Client{Stall: 100 * time.Millisecond}).Open(context.Background(), srv.URL, payloadSum)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	buf := make([]byte, 1)
	if _, err := io.ReadFull(r, buf); err != nil {
		t.Fatal(err)
	}
	time.Sleep(400 * time.Millisecond)
	rest, err := io.ReadAll(r)
	if err != nil || len(rest) != len(payload)-1 {
		t.Fatalf("after a pause: %d bytes, %v", len(rest), err)
	}
}

// truncate declares all of payload and sends half, then hangs up.
func truncate(w http.ResponseWriter, r *http.Request) {
	conn, buf, err := w.(http.Hijacker).Hijack()
	if err != nil {
		panic(err)
	}
	defer conn.Close()
	buf.WriteString("HTTP/1.1 200 OK\r\nContent-Length: " + strconv.Itoa(len(payload)) + "\r\n\r\n")
	buf.Write(payload[:len(payload)/2])
	buf.Flush()
}

func TestTruncated(t *testing.T) {
	srv, _ := server(t, truncate)
	_, _, err := readAll(&Client{}, context.Background(), srv.URL, payloadSum)
	var e *Error
	if !errors.As(err, &e) || !e.Transient || !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("err = %#v, want a transient *Error", err)
	}
	want := `cannot download "` + srv.URL + `": the transfer ended after ` + strconv.Itoa(len(payload)/2) + " of " + strconv.Itoa(len(payload)) + " bytes"
	if err.Error() != want {
		t.Errorf("message %s, want %s", err, want)
	}
}

func TestOpenCancel(t *testing.T) {
	srv, _ := server(t, stallAfter(true))
	ctx, cancel := context.WithCancel(context.Background())
	r, _, err := (&Client{}).Open(ctx, srv.URL, payloadSum)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	_, err = io.ReadAll(r)
	if !errors.Is(err, context.Canceled) || Transient(err) {
		t.Fatalf("err = %v, want a cancellation, not transient", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v to stop", d)
	}
}
