package fetch

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

const archive = "/20260814/cpython-3.15.0rc1%2B20260814-aarch64-apple-darwin-install_only_stripped.tar.gz"

func TestRewrite(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct{ mirror, in, want string }{
		{"", PBSPrefix + archive, PBSPrefix + archive},
		{"https://mirror.example/pbs", PBSPrefix + archive, "https://mirror.example/pbs" + archive},
		{"https://mirror.example/pbs/", PBSPrefix + archive, "https://mirror.example/pbs" + archive},
		{"https://mirror.example/pbs", OldPBSPrefix + archive, "https://mirror.example/pbs" + archive},
		{"http://10.0.0.1:8080", PBSPrefix + archive, "http://10.0.0.1:8080" + archive},
		{"file:///srv/pbs", PBSPrefix + archive, "file:///srv/pbs" + archive},
		{"FILE:///srv/pbs/", PBSPrefix + archive, "FILE:///srv/pbs" + archive},
		// A plain path: the rest unescaped, joined with the system's separators.
		{dir, PBSPrefix + archive, filepath.Join(dir, "20260814", "cpython-3.15.0rc1+20260814-aarch64-apple-darwin-install_only_stripped.tar.gz")},
		{dir, PBSPrefix + "/bad%zz", filepath.Join(dir, "bad%zz")},
		// Not the prefix: left alone.
		{"https://mirror.example/pbs", PBSPrefix + "x" + archive, PBSPrefix + "x" + archive},
		{"https://mirror.example/pbs", PBSPrefix, PBSPrefix},
		{"https://mirror.example/pbs", "https://www.python.org/ftp/python/3.14.6/python-3.14.6-amd64.zip", "https://www.python.org/ftp/python/3.14.6/python-3.14.6-amd64.zip"},
		{"https://mirror.example/pbs", "http://github.com/astral-sh/python-build-standalone/releases/download" + archive, "http://github.com/astral-sh/python-build-standalone/releases/download" + archive},
	} {
		c := &Client{Mirror: tt.mirror}
		if got := c.Rewrite(tt.in); got != tt.want {
			t.Errorf("Mirror %q: Rewrite(%q) = %q, want %q", tt.mirror, tt.in, got, tt.want)
		}
	}
}

func TestKind(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want urlKind
	}{
		{"https://x/y", httpURL},
		{"HTTP://x/y", httpURL},
		{"file:///x/y", fileURL},
		{"file:rel/y", fileURL},
		{"ftp://x/y", otherURL},
		{"s3://bucket/y", otherURL},
		{"/srv/pbs/x.tar.gz", pathURL},
		{"rel/x.tar.gz", pathURL},
		{`C:\mirror\x.zip`, pathURL},
		{"C:/mirror/x.zip", pathURL},
		{`\\server\share\x.zip`, pathURL},
		{"a b://x", pathURL},
		{"weird:name", pathURL},
		{"", pathURL},
	} {
		if got := kind(tt.in); got != tt.want {
			t.Errorf("kind(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestFilePath(t *testing.T) {
	for _, tt := range []struct{ in, goos, want, err string }{
		{"file:///srv/pbs/a+b.tar.gz", "linux", "/srv/pbs/a+b.tar.gz", ""},
		{"file:///srv/pbs/a%2Bb%20c.tar.gz", "linux", "/srv/pbs/a+b c.tar.gz", ""},
		{"file://localhost/srv/x", "darwin", "/srv/x", ""},
		{"file:/srv/x", "linux", "/srv/x", ""},
		{"file:rel/x%2By", "linux", "rel/x+y", ""},
		{"file://server/share/x", "linux", "", `a file URL of another machine ("server")`},
		{"file://", "linux", "", "a file URL without a path"},
		{"file:///C:/mirror/a%2Bb.zip", "windows", `C:\mirror\a+b.zip`, ""},
		{"file://localhost/c:/mirror/x", "windows", `c:\mirror\x`, ""},
		{"file://server/share/x.zip", "windows", `\\server\share\x.zip`, ""},
		{"file:///srv/x", "windows", `\srv\x`, ""},
		{"file:///%zz", "linux", "", `invalid URL escape "%zz"`},
	} {
		got, err := filePath(tt.in, tt.goos)
		if got != tt.want || fmt.Sprint(err) != tt.err && (err != nil || tt.err != "") {
			t.Errorf("filePath(%q, %s) = %q, %v; want %q, %s", tt.in, tt.goos, got, err, tt.want, tt.err)
		}
	}
}

func TestCheckHash(t *testing.T) {
	const h = "ae0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd"
	for _, tt := range []struct {
		in, want string
		err      error
	}{
		{h, h, nil},
		{"AE0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCD", h, nil},
		{"", "", ErrNoHash},
		{"ae01", "", ErrBadHash},
		{h[:63] + "g", "", ErrBadHash},
		{h + "0", "", ErrBadHash},
	} {
		got, err := checkHash(tt.in)
		if got != tt.want || !errors.Is(err, tt.err) || (err == nil) != (tt.err == nil) {
			t.Errorf("checkHash(%q) = %q, %v; want %q, %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func TestMessages(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want string
	}{
		{&Error{URL: "https://x/a.tar.gz", Status: 503, Transient: true}, `cannot download "https://x/a.tar.gz": 503 Service Unavailable`},
		{&Error{URL: "https://x/a.tar.gz", Status: 599}, `cannot download "https://x/a.tar.gz": 599`},
		{&Error{URL: `C:\mirror\a.zip`, Err: errors.New("no such file or directory")}, `cannot download "C:\mirror\a.zip": no such file or directory`},
		{&Error{URL: "https://x/a", Err: errors.New("line\nbreak")}, `cannot download "https://x/a": line\nbreak`},
		{&Error{URL: "https://x/a"}, `cannot download "https://x/a": failed`},
		{&Error{URL: "https://x/a", Err: ErrNoHash}, `cannot download "https://x/a": the index gives no sha256`},
		{&Error{URL: "https://x/a", Err: &truncated{n: 500, size: 1000}}, `cannot download "https://x/a": the transfer ended after 500 of 1000 bytes`},
		{&Error{URL: "https://x/a", Err: &truncated{n: 500, size: -1}}, `cannot download "https://x/a": the transfer ended early, after 500 bytes`},
		{&HashError{URL: `C:\b\a.zip`, Want: "aa", Got: "bb"}, `the download of "C:\b\a.zip" has sha256 bb, not aa`},
	} {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("message %s, want %s", got, tt.want)
		}
	}
}

type timeoutError struct{}

func (timeoutError) Error() string   { return "i/o timeout" }
func (timeoutError) Timeout() bool   { return true }
func (timeoutError) Temporary() bool { return true }

func TestTransient(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want bool
	}{
		{nil, false},
		{&Error{Status: 503, Transient: true}, true},
		{&Error{Status: 404}, false},
		{fmt.Errorf("extracting: %w", &Error{Status: 500, Transient: true}), true},
		{&HashError{}, false},
		{&Error{Err: &HashError{}, Transient: true}, false},
		{fmt.Errorf("%w: no data for 1s", ErrStalled), true},
		{io.ErrUnexpectedEOF, true},
		{&truncated{}, true},
		{&net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}, true},
		{&net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}, true},
		{timeoutError{}, true},
		{context.DeadlineExceeded, true}, // a timeout (Retry stops on its own context first)
		{context.Canceled, false},
		{&net.DNSError{Err: "no such host", Name: "github.com", IsNotFound: true}, false},
		{&net.DNSError{Err: "server misbehaving", Name: "github.com", IsTemporary: true}, true},
		{x509.UnknownAuthorityError{}, false},
		{&net.OpError{Op: "remote error", Err: x509.HostnameError{Host: "x"}}, false},
		{&fs.PathError{Op: "open", Path: "/x", Err: fs.ErrNotExist}, false},
		{os.ErrPermission, false},
		{errors.New("something else"), false},
	} {
		if got := Transient(tt.err); got != tt.want {
			t.Errorf("Transient(%#v) = %v, want %v", tt.err, got, tt.want)
		}
	}
	// What an HTTP transfer returns is transient unless known otherwise.
	if !transient(errors.New("http2: server sent GOAWAY"), true) || transient(context.Canceled, true) {
		t.Error("transient(_, true) does not default to true")
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		in   string
		want time.Duration
	}{
		{"", 0},
		{"0", 0},
		{"5", 5 * time.Second},
		{"3600", maxRetryAfter},
		{"99999999999999", 0},
		{"-1", 0},
		{"soon", 0},
		{"Tue, 01 Dec 2026 12:00:10 GMT", 10 * time.Second},
		{"Tue, 01 Dec 2026 11:00:00 GMT", 0},
		{"Wed, 02 Dec 2026 12:00:00 GMT", maxRetryAfter},
	} {
		if got := retryAfter(tt.in, now); got != tt.want {
			t.Errorf("retryAfter(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestDefaults(t *testing.T) {
	for _, tt := range []struct {
		c       *Client
		retries int
		stall   time.Duration
	}{
		{&Client{}, 3, 30 * time.Second},
		{&Client{Retries: 5, Stall: time.Second}, 5, time.Second},
		{&Client{Retries: -1, Stall: -1}, 0, 30 * time.Second},
	} {
		if r, s := tt.c.retries(), tt.c.stall(); r != tt.retries || s != tt.stall {
			t.Errorf("Retries %d, Stall %v: %d, %v; want %d, %v", tt.c.Retries, tt.c.Stall, r, s, tt.retries, tt.stall)
		}
	}
}
