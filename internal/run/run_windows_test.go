package run

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/windows"
)

// The test binary doubles as the child and the launcher of these tests.
func TestMain(m *testing.M) {
	switch os.Getenv("RUN_TEST_ROLE") {
	case "child":
		line := windows.UTF16PtrToString(windows.GetCommandLine())
		os.WriteFile(os.Getenv("RUN_TEST_OUT"), []byte(line+"\n"+strings.Join(os.Args[1:], "|")+"\n"+os.Getenv("RUN_TEST_VAR")), 0o644)
		code, _ := strconv.Atoi(os.Getenv("RUN_TEST_CODE"))
		os.Exit(code)
	case "sleeper":
		os.WriteFile(os.Getenv("RUN_TEST_OUT"), []byte(strconv.Itoa(os.Getpid())), 0o644)
		time.Sleep(time.Minute)
		os.Exit(0)
	case "launcher":
		self, _ := os.Executable()
		env := append(os.Environ(), "RUN_TEST_ROLE=sleeper")
		code, err := Exec(self, []string{self}, env)
		if err != nil {
			os.Exit(99)
		}
		os.Exit(code)
	}
	os.Exit(m.Run())
}

func TestExecTailVerbatim(t *testing.T) {
	self, _ := os.Executable()
	out := filepath.Join(t.TempDir(), "out")
	env := append(os.Environ(), "RUN_TEST_ROLE=child", "RUN_TEST_OUT="+out, "RUN_TEST_CODE=3", "RUN_TEST_VAR=x")
	tail := ` "a b" "quote\"inside" back\slash\\ é "" -3`
	code, err := ExecTail(self, []string{self, "pre arg"}, tail, env)
	if err != nil || code != 3 {
		t.Fatalf("ExecTail = %d, %v; want 3", code, err)
	}
	data, _ := os.ReadFile(out)
	lines := strings.SplitN(string(data), "\n", 3)
	if len(lines) != 3 {
		t.Fatalf("child wrote %q", data)
	}
	if want := syscallEscape(self) + ` "pre arg"` + tail; lines[0] != want {
		t.Errorf("child's command line = %q, want %q", lines[0], want)
	}
	if want := `pre arg|a b|quote"inside|back\slash\\|é||-3`; lines[1] != want {
		t.Errorf("child's args = %q, want %q", lines[1], want)
	}
	if lines[2] != "x" {
		t.Errorf("child's environment lost RUN_TEST_VAR: %q", lines[2])
	}
}

func syscallEscape(s string) string {
	if strings.ContainsAny(s, " \t\"") {
		return `"` + s + `"`
	}
	return s
}

// Killing the launcher kills the interpreter it started (the job object).
func TestJobKillsChild(t *testing.T) {
	self, _ := os.Executable()
	out := filepath.Join(t.TempDir(), "pid")
	cmd := exec.Command(self)
	cmd.Env = append(os.Environ(), "RUN_TEST_ROLE=launcher", "RUN_TEST_OUT="+out)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var pid int
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if data, err := os.ReadFile(out); err == nil && len(data) > 0 {
			pid, _ = strconv.Atoi(string(data))
			break
		}
	}
	if pid == 0 {
		cmd.Process.Kill()
		t.Fatal("the child never started")
	}
	h, err := windows.OpenProcess(windows.SYNCHRONIZE, false, uint32(pid))
	if err != nil {
		t.Fatalf("OpenProcess(child): %v", err)
	}
	defer windows.CloseHandle(h)
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	ev, err := windows.WaitForSingleObject(h, 10000)
	if err != nil || ev != windows.WAIT_OBJECT_0 {
		t.Errorf("the child outlived its launcher (wait = %d, %v)", ev, err)
	}
}
