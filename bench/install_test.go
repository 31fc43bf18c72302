package bench

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/pylauncher/py/internal/pbstest"
)

// installRuns is how many times each way installs the archive, in turn.
const installRuns = 9

// BenchmarkInstall compares py install with the least a download and
// extraction can cost, curl -o - URL | tar xz, in one alternating run:
// both fetch python-build-standalone's real 3.14.6 (linux-amd64, about
// 25 MB at gzip's default level) from a local HTTP server. py install
// also verifies the sha256 as it streams, keeps a copy in its cache and
// lays the install out. It reports the medians and their ratio:
//
//	go test -run '^$' -bench Install -benchtime 1x ./bench/
func BenchmarkInstall(b *testing.B) {
	if runtime.GOOS != "linux" || runtime.GOARCH != "amd64" {
		b.Skip("the build served is linux-amd64's")
	}
	for _, tool := range []string{"curl", "tar", "go"} {
		if _, err := exec.LookPath(tool); err != nil {
			b.Skipf("no %s", tool)
		}
	}
	archive := defaultLevel(b, pbstest.InstallOnly(b, pbstest.Tree(b, "3.14.6", "linux-amd64")))
	h := sha256.Sum256(archive)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/index.json" {
			fmt.Fprintf(w, `{"cpython-3.14.6-linux-x86_64-gnu": {"name": "cpython", "arch": {"family": "x86_64", "variant": null},
  "os": "linux", "libc": "gnu", "major": 3, "minor": 14, "patch": 6, "prerelease": "", "url": "/a.tar.gz",
  "sha256": %q, "variant": null, "build": "20260610"}}`, hex.EncodeToString(h[:]))
			return
		}
		http.ServeContent(w, r, "a.tar.gz", time.Time{}, bytes.NewReader(archive))
	}))
	defer srv.Close()

	dir := b.TempDir()
	pyInstall := filepath.Join(dir, "py-install")
	build := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", pyInstall, "../cmd/py-install")
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	b.Logf("archive: %.1f MB", float64(len(archive))/1e6)

	var py, curl []time.Duration
	b.ResetTimer()
	for i := 0; i < installRuns; i++ {
		// A new world each time: the download is never in py's cache.
		run := filepath.Join(dir, fmt.Sprint("run", i))
		cmd := exec.Command(pyInstall, "install", "-q", "--no-bin", "3.14")
		cmd.Env = []string{"HOME=" + run, "XDG_DATA_HOME=" + filepath.Join(run, "data"), "XDG_CACHE_HOME=" + filepath.Join(run, "cache"),
			"PY_INSTALL_SOURCE=" + srv.URL + "/index.json", "PATH=" + os.Getenv("PATH")}
		py = append(py, timed(b, cmd))

		out := filepath.Join(run, "curl")
		if err := os.MkdirAll(out, 0o755); err != nil {
			b.Fatal(err)
		}
		sh := exec.Command("sh", "-c", `curl -sSf -o - "$1" | tar xz -C "$2"`, "sh", srv.URL+"/a.tar.gz", out)
		curl = append(curl, timed(b, sh))
		os.RemoveAll(run)
	}
	b.StopTimer()
	mp, mc := median(py), median(curl)
	b.ReportMetric(float64(mp.Microseconds())/1000, "py-install-ms")
	b.ReportMetric(float64(mc.Microseconds())/1000, "curl|tar-ms")
	b.ReportMetric(float64(mp)/float64(mc), "ratio")
	b.Logf("py install: median %v of %v", mp, py)
	b.Logf("curl | tar: median %v of %v", mc, curl)
}

func timed(b *testing.B, cmd *exec.Cmd) time.Duration {
	start := time.Now()
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("%s: %v\n%s", cmd.Args, err, out)
	}
	return time.Since(start)
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

// defaultLevel recompresses a .tar.gz at gzip's default level, as
// python-build-standalone's archives are.
func defaultLevel(b *testing.B, tgz []byte) []byte {
	zr, err := gzip.NewReader(bytes.NewReader(tgz))
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := io.Copy(zw, zr); err != nil {
		b.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}
