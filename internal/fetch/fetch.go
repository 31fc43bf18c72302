// Package fetch downloads what py installs: python-build-standalone's
// archives (the builds uv installs), pymanager's Windows packages and the
// indexes that list them.
//
// Every archive is verified by its sha256 while it streams, and py
// installs nothing it cannot verify. A mirror replaces
// python-build-standalone's download prefix; URLs may be http, https,
// file:// or plain paths (an offline bundle). Transient failures — a
// dropped connection, a timeout, a stalled transfer, a 5xx, 429 or 408 —
// are retried with backoff, each time from the start: there are no
// resumed downloads. Proxies come from HTTPS_PROXY, HTTP_PROXY and
// NO_PROXY, through http.ProxyFromEnvironment, unless told otherwise.
package fetch

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pylauncher/py/internal/quote"
)

// PBSPrefix is where python-build-standalone's releases are downloaded
// (uv's default); OldPBSPrefix the earlier github.com/indygreg one.
const (
	PBSPrefix    = "https://github.com/astral-sh/python-build-standalone/releases/download"
	OldPBSPrefix = "https://github.com/indygreg/python-build-standalone/releases/download"
)

// Defaults of the Client's fields.
const (
	DefaultRetries = 3
	DefaultStall   = 30 * time.Second
)

// Client downloads. Its zero value is ready to use; it is safe for
// concurrent use and must not be copied after its first use.
type Client struct {
	// HTTP makes the requests. nil: a client with a dial and TLS
	// handshake timeout and Proxy.
	HTTP *http.Client
	// Proxy chooses the proxy of a request for the default HTTP client
	// (it is not used when HTTP is set). nil: http.ProxyFromEnvironment,
	// which honours HTTPS_PROXY, HTTP_PROXY and NO_PROXY.
	Proxy func(*http.Request) (*url.URL, error)
	// Mirror, when set, replaces PBSPrefix (and OldPBSPrefix) at the
	// start of a URL. It may be an http(s) or file:// URL or a plain
	// directory path.
	Mirror string
	// Retries is how many times a transient failure is retried, with
	// backoff. 0: DefaultRetries; negative: none.
	Retries int
	// Stall is how long a transfer may go without delivering a byte
	// before it fails, transiently. 0: DefaultStall.
	Stall time.Duration
	// Backoff is the wait before retry n (n = 1, 2…). nil: 0.5 s, 1 s,
	// 2 s… (doubling up to 30 s) with ±25 % of jitter.
	Backoff func(attempt int) time.Duration
	// UserAgent, when set, is sent with every request.
	UserAgent string
	// Warn, when not nil, is told of a failure Index worked around: the
	// error of the network when a cached copy stands in for it.
	Warn func(err error)

	once   sync.Once
	client *http.Client
}

func (c *Client) httpClient() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	c.once.Do(func() {
		proxy := c.Proxy
		if proxy == nil {
			proxy = http.ProxyFromEnvironment
		}
		c.client = &http.Client{Transport: &http.Transport{
			Proxy:                 proxy,
			DialContext:           (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
			TLSHandshakeTimeout:   10 * time.Second,
			ForceAttemptHTTP2:     true,
			MaxIdleConns:          10,
			IdleConnTimeout:       90 * time.Second,
			ExpectContinueTimeout: time.Second,
		}}
	})
	return c.client
}

func (c *Client) retries() int {
	switch {
	case c.Retries < 0:
		return 0
	case c.Retries == 0:
		return DefaultRetries
	}
	return c.Retries
}

func (c *Client) stall() time.Duration {
	if c.Stall <= 0 {
		return DefaultStall
	}
	return c.Stall
}

// Rewrite returns url with the mirror applied: when Mirror is set and url
// starts with PBSPrefix or OldPBSPrefix followed by "/", that prefix is
// replaced by Mirror. With a Mirror that is a plain directory path, the
// result is a plain path: the rest of url, unescaped ("%2B" is "+"), is
// joined to it with the separators of the system.
func (c *Client) Rewrite(rawURL string) string {
	if c.Mirror == "" {
		return rawURL
	}
	var rest string
	for _, p := range []string{PBSPrefix, OldPBSPrefix} {
		if r, ok := strings.CutPrefix(rawURL, p); ok && strings.HasPrefix(r, "/") {
			rest = r
			break
		}
	}
	if rest == "" {
		return rawURL
	}
	if kind(c.Mirror) != pathURL {
		return strings.TrimRight(c.Mirror, "/") + rest
	}
	if u, err := url.PathUnescape(rest); err == nil {
		rest = u
	}
	return filepath.Join(c.Mirror, filepath.FromSlash(rest))
}

// urlKind is what a URL names.
type urlKind int

const (
	pathURL  urlKind = iota // a plain path
	httpURL                 // http:// or https://
	fileURL                 // file:
	otherURL                // any other scheme: unsupported
)

// kind tells URLs from plain paths: a scheme is two characters or more
// ("C:\Python" is a path), and other than file: it needs "://".
func kind(s string) urlKind {
	i := strings.IndexByte(s, ':')
	if i < 2 || !validScheme(s[:i]) {
		return pathURL
	}
	switch scheme := strings.ToLower(s[:i]); {
	case scheme == "http" || scheme == "https":
		return httpURL
	case scheme == "file":
		return fileURL
	case strings.HasPrefix(s[i:], "://"):
		return otherURL
	}
	return pathURL
}

func validScheme(s string) bool {
	for i, r := range s {
		letter := 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
		if !letter && (i == 0 || !('0' <= r && r <= '9' || r == '+' || r == '-' || r == '.')) {
			return false
		}
	}
	return true
}

// Error is a download that failed.
type Error struct {
	// URL is what was asked for, the mirror applied.
	URL string
	// Err is the reason, nil when Status says it all.
	Err error
	// Status is the HTTP status of the answer, 0 without one.
	Status int
	// Transient is true when trying again may succeed.
	Transient bool
	// RetryAfter is how long the server asked to wait (Retry-After), 0
	// when it did not.
	RetryAfter time.Duration
}

func (e *Error) Error() string {
	var reason string
	switch {
	case e.Err != nil:
		reason = quote.Visible(e.Err.Error())
	case e.Status != 0:
		reason = strconv.Itoa(e.Status)
		if t := http.StatusText(e.Status); t != "" {
			reason += " " + t
		}
	default:
		reason = "failed"
	}
	return "cannot download " + quote.String(e.URL) + ": " + reason
}

func (e *Error) Unwrap() error { return e.Err }

// HashError is a download whose sha256 is not the one expected.
type HashError struct{ URL, Want, Got string }

func (e *HashError) Error() string {
	return "the download of " + quote.String(e.URL) + " has sha256 " + e.Got + ", not " + e.Want
}

// ErrNoHash refuses a download without a sha256 to verify it by.
var ErrNoHash = errors.New("the index gives no sha256")

// ErrBadHash refuses a sha256 that is not 64 hexadecimal digits.
var ErrBadHash = errors.New("the index gives a malformed sha256")

// ErrStalled is matched (errors.Is) by the failure of a transfer that
// went Stall without delivering a byte.
var ErrStalled = errors.New("the transfer stalled")

// Transient reports whether trying again may succeed where err failed:
// connection errors, timeouts, stalls, truncated transfers, and the HTTP
// statuses 5xx, 429 and 408. Not other 4xx, not a hash mismatch, not a
// missing file, not a cancelled context.
func Transient(err error) bool {
	var he *HashError
	if errors.As(err, &he) {
		return false
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Transient
	}
	return transient(err, false)
}

// transientStatus is true for the HTTP statuses worth trying again.
func transientStatus(code int) bool {
	return code >= 500 || code == http.StatusTooManyRequests || code == http.StatusRequestTimeout
}

// transient classifies an error of the network; dflt is the answer for
// errors it does not know (true for what an HTTP transfer returns).
func transient(err error, dflt bool) bool {
	var (
		dns      *net.DNSError
		ne       net.Error
		op       *net.OpError
		verify   *tls.CertificateVerificationError
		unknown  x509.UnknownAuthorityError
		hostname x509.HostnameError
		invalid  x509.CertificateInvalidError
	)
	switch {
	case err == nil:
		return false
	case errors.Is(err, ErrStalled):
		return true
	case errors.Is(err, context.Canceled):
		return false
	case errors.As(err, &verify), errors.As(err, &unknown), errors.As(err, &hostname), errors.As(err, &invalid):
		return false
	case errors.As(err, &dns):
		return !dns.IsNotFound
	case errors.As(err, &ne) && ne.Timeout():
		return true
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return true
	case errors.As(err, &op):
		return true
	}
	return dflt
}
