//go:build unix

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pylauncher/py/internal/probe"
)

// alive reports whether process pid exists and is not a zombie.
func alive(pid int) bool {
	if syscall.Kill(pid, 0) != nil {
		return false
	}
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return true // no /proc: trust kill(2)
	}
	// pid (comm) STATE …
	s := string(data)
	if i := strings.LastIndexByte(s, ')'); i >= 0 && i+2 < len(s) {
		return s[i+2] != 'Z'
	}
	return true
}

// A query dies with py: killed by SIGKILL (Linux: the parent-death
// signal), by SIGTERM or by Ctrl-C (SIGINT), py takes the interpreter it
// was asking, and what that started, with it.
func TestQueryDiesWithPy(t *testing.T) {
	py := buildPy(t)
	for _, tt := range []struct {
		sig syscall.Signal
		// fork: the interpreter is a wrapper whose child does the
		// waiting (only py's process-group kill reaches it).
		fork bool
	}{
		{syscall.SIGKILL, false},
		{syscall.SIGTERM, false},
		{syscall.SIGINT, false},
		{syscall.SIGTERM, true},
		{syscall.SIGINT, true},
	} {
		name := tt.sig.String()
		if tt.fork {
			name += " with a child"
		}
		t.Run(name, func(t *testing.T) {
			if tt.sig == syscall.SIGKILL && !hasDeathSignal {
				t.Skip("only Linux has a parent-death signal")
			}
			dir := t.TempDir()
			pidfile := filepath.Join(dir, "pid")
			body := "echo $$ > '" + pidfile + "'\nexec sleep 60\n"
			if tt.fork {
				body = "sh -c 'echo $$ > \"" + pidfile + "\"; exec sleep 60'\necho done\n"
			}
			os.Mkdir(filepath.Join(dir, "bin"), 0o755)
			if err := os.WriteFile(filepath.Join(dir, "bin", "python3"), []byte("#!/bin/sh\n"+body), 0o755); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(py, "--list")
			cmd.Env = []string{"PATH=" + filepath.Join(dir, "bin") + ":/usr/bin:/bin", "HOME=" + dir, "XDG_CACHE_HOME=" + filepath.Join(dir, "cache"),
				"XDG_CONFIG_HOME=" + filepath.Join(dir, "config"), "PYENV_ROOT=" + filepath.Join(dir, "pyenv"), "PYLAUNCHER_QUERY_TIMEOUT=60s"}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			defer cmd.Process.Kill()
			var pid int
			for deadline := time.Now().Add(20 * time.Second); pid == 0; time.Sleep(10 * time.Millisecond) {
				if time.Now().After(deadline) {
					t.Fatal("the query never started")
				}
				data, _ := os.ReadFile(pidfile)
				pid, _ = strconv.Atoi(strings.TrimSpace(string(data)))
			}
			defer syscall.Kill(pid, syscall.SIGKILL)
			cmd.Process.Signal(tt.sig)
			cmd.Wait()
			if ws := cmd.ProcessState.Sys().(syscall.WaitStatus); !ws.Signaled() || ws.Signal() != tt.sig {
				t.Errorf("py ended with %v, want killed by %v", cmd.ProcessState, tt.sig)
			}
			for deadline := time.Now().Add(5 * time.Second); alive(pid); time.Sleep(10 * time.Millisecond) {
				if time.Now().After(deadline) {
					t.Fatalf("the query (pid %d) still runs 5 s after py was killed by %v", pid, tt.sig)
				}
			}
		})
	}
}

// fakeQueryAnswer is a shell interpreter for the concurrency test: it
// logs each query, takes a little while, and answers as version v.
func fakeQueryAnswer(t *testing.T, path, log, v string) {
	t.Helper()
	prefix := filepath.Dir(filepath.Dir(path))
	answer := `{"implementation": "cpython", "version": "` + v + `.final.0", "free_threaded": false, "debug": false, "bits": 64, "machine": "x86_64", "prefix": "` + prefix + `", "base_prefix": "` + prefix + `", "executable": "` + path + `"}`
	script := "#!/bin/sh\n" +
		"for a; do case $a in *" + probe.Marker + "*) echo \"query $0\" >> '" + log + "'; sleep 0.05; echo '" + probe.Marker + answer + "'; exit 0;; esac; done\n" +
		"echo \"run $0\"\n"
	os.MkdirAll(filepath.Dir(path), 0o755)
	if err := os.WriteFile(path, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
}

// A hundred py started at once on a fresh cache share the work: each
// unversioned interpreter is asked once, and all choose what one run
// chooses. Then py is killed at random moments, many of them while it
// writes the cache: the cache always parses, and the runs that finish
// still agree.
func TestConcurrentColdStart(t *testing.T) {
	const n = 100
	py := buildPy(t)
	dir := t.TempDir()
	log := filepath.Join(dir, "log")
	versions := map[string]string{"a": "3.12.5", "b": "3.13.1", "c": "3.11.2", "d": "3.10.4", "e": "3.9.19"}
	var path []string
	for _, d := range []string{"a", "b", "c", "d", "e"} {
		fakeQueryAnswer(t, filepath.Join(dir, d, "bin", "python3"), log, versions[d])
		path = append(path, filepath.Join(dir, d, "bin"))
	}
	cacheHome := filepath.Join(dir, "cache")
	env := []string{"PATH=" + strings.Join(path, ":"), "HOME=" + dir, "XDG_CACHE_HOME=" + cacheHome,
		"XDG_CONFIG_HOME=" + filepath.Join(dir, "config"), "PYENV_ROOT=" + filepath.Join(dir, "pyenv"), "PYLAUNCHER_DRYRUN=1"}
	want := filepath.Join(dir, "b", "bin", "python3") + " -c pass\n"

	start := func() []*exec.Cmd {
		cmds := make([]*exec.Cmd, n)
		for i := range cmds {
			cmds[i] = exec.Command(py, "-c", "pass")
			cmds[i].Env = env
			cmds[i].Stdout = new(strings.Builder)
			cmds[i].Stderr = new(strings.Builder)
		}
		for _, c := range cmds {
			if err := c.Start(); err != nil {
				t.Fatal(err)
			}
		}
		return cmds
	}

	for _, c := range start() {
		if err := c.Wait(); err != nil {
			t.Errorf("py: %v\n%s", err, c.Stderr)
			continue
		}
		if got := c.Stdout.(*strings.Builder).String(); got != want {
			t.Errorf("py chose %q, want %q (stderr %q)", got, want, c.Stderr)
		}
	}
	data, _ := os.ReadFile(log)
	for d := range versions {
		exe := filepath.Join(dir, d, "bin", "python3")
		if got := strings.Count(string(data), "query "+exe+"\n"); got != 1 {
			t.Errorf("%s was asked %d times by %d py started at once, want once", exe, got, n)
		}
	}
	checkCache(t, cacheHome, len(versions))

	// Killed at random points, on a fresh cache each round.
	for round := 0; round < 3; round++ {
		os.RemoveAll(cacheHome)
		cmds := start()
		for i, c := range cmds {
			if i%2 == 0 {
				time.Sleep(time.Duration(i%7) * time.Millisecond)
				c.Process.Kill()
			}
		}
		for i, c := range cmds {
			err := c.Wait()
			if i%2 == 0 {
				continue
			}
			if got := c.Stdout.(*strings.Builder).String(); err != nil || got != want {
				t.Errorf("round %d: py chose %q (%v), want %q (stderr %q)", round, got, err, want, c.Stderr)
			}
		}
		checkCache(t, cacheHome, len(versions))
	}
}

// checkCache checks that py's interpreter cache under cacheHome parses,
// line by line, and holds n entries.
func checkCache(t *testing.T, cacheHome string, n int) {
	t.Helper()
	dir := filepath.Join(cacheHome, "py")
	data, err := os.ReadFile(filepath.Join(dir, probe.CacheFile))
	if err != nil {
		t.Fatalf("no cache: %v", err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if got, want := probe.OpenCache(dir).String(), "("+strconv.Itoa(len(lines)-1)+" entries)"; !strings.HasSuffix(got, want) || len(lines)-1 != n {
		t.Errorf("the cache %s has %d lines after its header, want %d, each an entry:\n%s", got, len(lines)-1, n, data)
	}
}
