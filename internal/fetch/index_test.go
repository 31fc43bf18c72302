package fetch

import (
	"context"
	"errors"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// setNow makes now return t until the test ends.
func setNow(t *testing.T, at time.Time) {
	old := now
	now = func() time.Time { return at }
	t.Cleanup(func() { now = old })
}

var t0 = time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)

// indexServer serves an index that changes, validated by one header.
type indexServer struct {
	mu        sync.Mutex
	data      string
	validator string // ETag or Last-Modified value
	header    string // "ETag" or "Last-Modified"
	asked     []string
}

func (s *indexServer) set(data, validator string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.data, s.validator = data, validator
}

func (s *indexServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cond := r.Header.Get("If-None-Match") + r.Header.Get("If-Modified-Since")
	s.asked = append(s.asked, cond)
	w.Header().Set(s.header, s.validator)
	if cond == s.validator {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Write([]byte(s.data))
}

func (s *indexServer) lastAsked() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.asked[len(s.asked)-1]
}

func TestIndexConditional(t *testing.T) {
	for _, tt := range []struct{ header, v1, v2 string }{
		{"ETag", `"abc"`, `W/"def"`},
		{"Last-Modified", "Tue, 01 Dec 2026 10:00:00 GMT", "Tue, 01 Dec 2026 11:00:00 GMT"},
	} {
		t.Run(tt.header, func(t *testing.T) {
			setNow(t, t0)
			s := &indexServer{header: tt.header}
			s.set(`{"v": 1}`, tt.v1)
			srv, _ := server(t, s.ServeHTTP)
			cache := t.TempDir()
			c := &Client{Backoff: noBackoff}
			for i, step := range []struct{ data, validator, asked string }{
				{`{"v": 1}`, tt.v1, ""},    // nothing cached: unconditional
				{`{"v": 1}`, tt.v1, tt.v1}, // 304
				{`{"v": 2}`, tt.v2, tt.v1}, // changed: 200
				{`{"v": 2}`, tt.v2, tt.v2}, // 304 again, with the new validator
			} {
				s.set(step.data, step.validator)
				data, age, fresh, err := c.Index(context.Background(), srv.URL+"/index.json", cache)
				if err != nil || string(data) != step.data || !fresh || age != 0 {
					t.Fatalf("step %d: %q, %v, fresh %v, %v; want %q, fresh", i, data, age, fresh, err, step.data)
				}
				if got := s.lastAsked(); got != step.asked {
					t.Errorf("step %d: the request was conditional on %q, want %q", i, got, step.asked)
				}
			}
		})
	}
}

func TestIndexOffline(t *testing.T) {
	for _, tt := range []struct {
		name     string
		h        http.HandlerFunc
		closed   bool // the server is gone: connection refused
		cached   bool
		fallback bool
		status   int
	}{
		{name: "503", h: status(http.StatusServiceUnavailable), cached: true, fallback: true},
		{name: "closed", closed: true, cached: true, fallback: true},
		{name: "stalled", h: stallAfter(false), cached: true, fallback: true},
		{name: "404", h: status(http.StatusNotFound), cached: true, status: 404},
		{name: "503 without a cache", h: status(http.StatusServiceUnavailable), status: 503},
		{name: "closed without a cache", closed: true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			setNow(t, t0)
			var up bool
			var mu sync.Mutex
			srv, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				ok := up
				mu.Unlock()
				if ok || tt.h == nil {
					w.Header().Set("ETag", `"1"`)
					w.Write([]byte("[]"))
					return
				}
				tt.h(w, r)
			})
			u := srv.URL + "/index.json"
			cache := t.TempDir()
			var warned []error
			c := &Client{Backoff: noBackoff, Stall: 50 * time.Millisecond, Warn: func(err error) { warned = append(warned, err) }}
			if tt.cached {
				mu.Lock()
				up = true
				mu.Unlock()
				if _, _, _, err := c.Index(context.Background(), u, cache); err != nil {
					t.Fatal(err)
				}
				mu.Lock()
				up = false
				mu.Unlock()
			}
			if tt.closed {
				srv.Close()
			}
			setNow(t, t0.Add(3*time.Hour))
			data, age, fresh, err := c.Index(context.Background(), u, cache)
			if tt.fallback {
				if err != nil || string(data) != "[]" || fresh || age != 3*time.Hour {
					t.Fatalf("got %q, age %v, fresh %v, %v; want the cached copy, 3h old", data, age, fresh, err)
				}
				var e *Error
				if len(warned) != 1 || !errors.As(warned[0], &e) || e.URL != u {
					t.Errorf("warned %v, want the network's error once", warned)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) || e.Status != tt.status || e.URL != u || data != nil || fresh || len(warned) != 0 {
				t.Errorf("got %q, fresh %v, %v, warned %v; want an *Error with status %d", data, fresh, err, warned, tt.status)
			}
		})
	}
}

func TestIndexCorruptCache(t *testing.T) {
	for _, tt := range []struct{ name, content string }{
		{"empty", ""},
		{"garbage", "\x00\x01garbage"},
		{"no header", `[]`},
		{"another URL", `{"url":"https://elsewhere/index.json","etag":"\"1\"","checked":"2026-12-01T12:00:00Z","size":2,"sha256":"4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945"}` + "\n[]"},
		{"truncated", `{"url":"URL","etag":"\"1\"","checked":"2026-12-01T12:00:00Z","size":2,"sha256":"4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945"}` + "\n["},
		{"wrong sha256", `{"url":"URL","etag":"\"1\"","checked":"2026-12-01T12:00:00Z","size":2,"sha256":"` + zeroSum + `"}` + "\n{}"},
		{"a directory", "/"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var conditional, down atomic.Bool
			srv, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
				if down.Load() {
					status(http.StatusServiceUnavailable)(w, r)
					return
				}
				conditional.Store(r.Header.Get("If-None-Match") != "")
				w.Header().Set("ETag", `"1"`)
				if conditional.Load() {
					w.WriteHeader(http.StatusNotModified)
					return
				}
				w.Write([]byte("[]"))
			})
			u := srv.URL + "/index.json"
			cache := t.TempDir()
			path := cacheFile(cache, u)
			corrupt := func() {
				os.RemoveAll(path)
				if tt.content == "/" {
					if err := os.Mkdir(path, 0o755); err != nil {
						t.Fatal(err)
					}
					return
				}
				if err := os.WriteFile(path, []byte(strings.ReplaceAll(tt.content, `"URL"`, `"`+u+`"`)), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			// A corrupt cache is no cache: with the network, refetched whole.
			corrupt()
			c := &Client{Backoff: noBackoff}
			data, _, fresh, err := c.Index(context.Background(), u, cache)
			if err != nil || string(data) != "[]" || !fresh || conditional.Load() {
				t.Fatalf("got %q, fresh %v, %v, conditional %v; want a fresh unconditional copy", data, fresh, err, conditional.Load())
			}
			if tt.content != "/" && readCache(path, u) == nil {
				t.Error("the cache file was not repaired")
			}
			// Without the network, an error.
			corrupt()
			down.Store(true)
			if data, _, _, err := c.Index(context.Background(), u, cache); err == nil {
				t.Errorf("offline with a corrupt cache: got %q", data)
			}
		})
	}
}

func TestIndexLocal(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "index.json")
	if err := os.WriteFile(path, []byte("[]"), 0o644); err != nil {
		t.Fatal(err)
	}
	slashed := filepath.ToSlash(path)
	if !strings.HasPrefix(slashed, "/") {
		slashed = "/" + slashed
	}
	cache := t.TempDir()
	for _, tt := range []struct {
		url string
		is  error
	}{
		{path, nil},
		{"file://" + slashed, nil},
		{filepath.Join(dir, "missing.json"), fs.ErrNotExist},
		{"file:///nowhere/index.json", fs.ErrNotExist},
		{dir, nil},
		{"ftp://example.com/index.json", nil},
	} {
		data, age, fresh, err := (&Client{}).Index(context.Background(), tt.url, cache)
		ok := tt.url == path || strings.HasPrefix(tt.url, "file://"+slashed)
		if ok {
			if err != nil || string(data) != "[]" || !fresh || age != 0 {
				t.Errorf("Index(%q) = %q, %v, %v, %v", tt.url, data, age, fresh, err)
			}
			continue
		}
		var e *Error
		if !errors.As(err, &e) || e.URL != tt.url || fresh || tt.is != nil && !errors.Is(err, tt.is) {
			t.Errorf("Index(%q): %v, want an *Error naming it", tt.url, err)
		}
	}
	if names := dirNames(t, cache); len(names) != 0 {
		t.Errorf("local indexes were cached: %q", names)
	}
}

func TestIndexNoCacheDir(t *testing.T) {
	s := &indexServer{header: "ETag"}
	s.set("[]", `"1"`)
	srv, _ := server(t, s.ServeHTTP)
	for range 2 {
		data, _, fresh, err := (&Client{}).Index(context.Background(), srv.URL, "")
		if err != nil || string(data) != "[]" || !fresh || s.lastAsked() != "" {
			t.Fatalf("got %q, fresh %v, %v, conditional on %q", data, fresh, err, s.lastAsked())
		}
	}
}
