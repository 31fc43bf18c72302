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
