package fetch

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/pylauncher/py/internal/atomicfile"
	"github.com/pylauncher/py/internal/quote"
	"github.com/pylauncher/py/internal/readfile"
)

// MaxIndex bounds the size of an index: uv's download-metadata.json is
// about 1 MiB.
const MaxIndex = 64 << 20

// Index returns the index at url, the mirror applied (see Rewrite).
//
// file:// URLs and paths are read directly (fresh, age 0). Over http(s),
// the index goes through a cache file in cacheDir ("" for none): with a
// cached copy, the request is conditional (If-None-Match with its ETag,
// If-Modified-Since with its Last-Modified), and a 304 returns the cached
// copy, fresh. When the network fails (no answer, after the retries, or
// a 5xx, 429 or 408) and there is a cached copy, Index returns it with
// fresh false and its age (the time since it was last fetched or
// confirmed), and tells Warn why; a 4xx is an error even then. A cache
// file that cannot be read or is corrupt counts as none, and a cache that
// cannot be written is no error.
func (c *Client) Index(ctx context.Context, url, cacheDir string) (data []byte, age time.Duration, fresh bool, err error) {
	u := c.Rewrite(url)
	switch kind(u) {
	case fileURL:
		path, err := filePath(u, runtime.GOOS)
		if err != nil {
			return nil, 0, false, &Error{URL: u, Err: err}
		}
		data, err = readIndex(u, path)
		return data, 0, err == nil, err
	case pathURL:
		data, err = readIndex(u, u)
		return data, 0, err == nil, err
	case otherURL:
		scheme, _, _ := strings.Cut(u, ":")
		return nil, 0, false, &Error{URL: u, Err: fmt.Errorf("unsupported scheme %s", quote.String(scheme))}
	}
	var cached *cacheEntry
	var path string
	if cacheDir != "" {
		path = cacheFile(cacheDir, u)
		cached = readCache(path, u)
	}
	var got *cacheEntry
	err = c.Retry(ctx, func(int) error {
		var err error
		got, err = c.getIndex(ctx, u, cached)
		return err
	})
	if err != nil {
		var e *Error
		if !errors.As(err, &e) {
			e = &Error{URL: u, Err: err} // the context, done between tries
		}
		if cached == nil || ctx.Err() != nil || e.Status != 0 && !e.Transient {
			return nil, 0, false, e
		}
		if c.Warn != nil {
			c.Warn(e)
		}
		return cached.data, max(0, now().Sub(cached.Checked)), false, nil
	}
	if path != "" {
		got.write(path) // a cache that cannot be written is no error
	}
	return got.data, 0, true, nil
}

// readIndex reads the index in the file at path, which u names.
func readIndex(u, path string) ([]byte, error) {
	data, err := readfile.Read(path, MaxIndex)
	if err != nil {
		return nil, &Error{URL: u, Err: pathReason(err)}
	}
	return data, nil
}

// getIndex asks for the index at u, conditionally when there is a cached
// copy, and returns the new cache entry.
func (c *Client) getIndex(ctx context.Context, u string, cached *cacheEntry) (*cacheEntry, error) {
	hdr := http.Header{}
	if cached != nil {
		if cached.ETag != "" {
			hdr.Set("If-None-Match", cached.ETag)
		}
		if cached.LastModified != "" {
			hdr.Set("If-Modified-Since", cached.LastModified)
		}
	}
	resp, b, err := c.request(ctx, u, hdr)
	if err != nil {
		return nil, err
	}
	defer b.Close()
	got := &cacheEntry{cacheHeader: cacheHeader{
		URL:          u,
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
		Checked:      now().UTC(),
	}}
	switch {
	case resp.StatusCode == http.StatusNotModified && cached != nil:
		if got.ETag == "" {
			got.ETag = cached.ETag
		}
		if got.LastModified == "" {
			got.LastModified = cached.LastModified
		}
		got.data = cached.data
	case resp.StatusCode == http.StatusOK:
		data, err := io.ReadAll(io.LimitReader(b, MaxIndex+1))
		if err != nil {
			return nil, err
		}
		if len(data) > MaxIndex {
			return nil, &Error{URL: u, Err: fmt.Errorf("the index is larger than %d bytes", MaxIndex)}
		}
		got.data = data
	default:
		return nil, statusError(u, resp)
	}
	return got, nil
}

// A cache file holds a header, JSON on one line, then the index.
type cacheHeader struct {
	URL          string    `json:"url"`
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last-modified,omitempty"`
	Checked      time.Time `json:"checked"` // when last fetched or confirmed
	Size         int       `json:"size"`
	SHA256       string    `json:"sha256"`
}

type cacheEntry struct {
	cacheHeader
	data []byte
}

// cacheFile is the name of the cache file of the index at u.
func cacheFile(dir, u string) string {
	sum := sha256.Sum256([]byte(u))
	return filepath.Join(dir, "index-"+hex.EncodeToString(sum[:12])+".cache")
}

// readCache returns the entry for u in the cache file at path, or nil
// when there is none that is whole.
func readCache(path, u string) *cacheEntry {
	b, err := readfile.Read(path, MaxIndex+64<<10)
	if err != nil {
		return nil
	}
	line, data, ok := bytes.Cut(b, []byte("\n"))
	var e cacheEntry
	if !ok || json.Unmarshal(line, &e.cacheHeader) != nil || e.URL != u || e.Size != len(data) {
		return nil
	}
	if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != e.SHA256 {
		return nil
	}
	e.data = data
	return &e
}

// write writes e to the cache file at path.
func (e *cacheEntry) write(path string) error {
	e.Size = len(e.data)
	sum := sha256.Sum256(e.data)
	e.SHA256 = hex.EncodeToString(sum[:])
	line, err := json.Marshal(&e.cacheHeader)
	if err != nil {
		return err
	}
	return atomicfile.Write(path, append(append(line, '\n'), e.data...), 0o644)
}
