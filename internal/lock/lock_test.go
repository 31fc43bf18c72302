package lock

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// A lock held by another process keeps this one waiting until its
// deadline; another byte of the same file is free; the lock dies with
// its process.
func TestByte(t *testing.T) {
	if os.Getenv("LOCK_TEST_HOLD") != "" {
		unlock, ok := Byte(os.Getenv("LOCK_TEST_HOLD"), 7, time.Now().Add(5*time.Second))
		if !ok {
			os.Exit(3)
		}
		os.Stdout.WriteString("held\n")
		time.Sleep(time.Minute)
		unlock()
		os.Exit(0)
	}
	path := filepath.Join(t.TempDir(), "x.lock")
	cmd := exec.Command(os.Args[0], "-test.run=^TestByte$")
	cmd.Env = append(os.Environ(), "LOCK_TEST_HOLD="+path)
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	buf := make([]byte, 5)
	if _, err := out.Read(buf); err != nil || string(buf) != "held\n" {
		t.Fatalf("the other process did not take the lock: %q, %v", buf, err)
	}
	start := time.Now()
	if _, ok := Byte(path, 7, time.Now().Add(200*time.Millisecond)); ok {
		t.Fatalf("took a lock another process holds")
	}
	if d := time.Since(start); d < 150*time.Millisecond {
		t.Errorf("gave up after %v, before its deadline", d)
	}
	unlock, ok := Byte(path, 8, time.Now().Add(time.Second))
	if !ok {
		t.Fatalf("another byte of the same file is not free")
	}
	unlock()
	cmd.Process.Kill()
	cmd.Wait()
	unlock, ok = Byte(path, 7, time.Now().Add(5*time.Second))
	if !ok {
		t.Fatalf("the lock did not die with its process")
	}
	unlock()
	if runtime.GOOS != "windows" {
		if _, ok := Byte(t.TempDir(), 0, time.Now()); ok {
			t.Errorf("locked a directory")
		}
	}
}
