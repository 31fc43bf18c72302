package trampoline_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/pylauncher/py/internal/exitcode"
	"github.com/pylauncher/py/internal/trampoline"
)

// Run's errors say which exit code applies and keep their cause.
func TestRunErrors(t *testing.T) {
	dir := t.TempDir()
	good := launcher(t, "/venv/bin/python", nil, "")
	for _, tt := range []struct {
		name  string
		data  []byte
		code  int
		cause error
		msg   string
	}{
		{"tool", template, exitcode.BadVirtualPath, trampoline.ErrNoArchive, trampoline.ErrNoArchive.Error()},
		{"tool.exe", good, exitcode.CreateProcess, nil, `no interpreter at "/venv/bin/python" (from #!/venv/bin/python)`},
	} {
		self := filepath.Join(dir, tt.name)
		if err := os.WriteFile(self, tt.data, 0o755); err != nil {
			t.Fatal(err)
		}
		_, err := trampoline.Run([]string{self}, nil, self)
		var e *trampoline.Error
		if !errors.As(err, &e) || e.Code != tt.code || e.Launcher != self || e.Msg != tt.msg || tt.cause != nil && !errors.Is(err, tt.cause) {
			t.Errorf("Run(%s) error = %#v, want code %d, message %q, cause %v", tt.name, err, tt.code, tt.msg, tt.cause)
		}
		if want := `"` + self + `": ` + tt.msg; err != nil && err.Error() != want {
			t.Errorf("Run(%s) error = %q, want %q", tt.name, err, want)
		}
	}
	if got := trampoline.Name(`C:\venv\Scripts\black.EXE`); got != "black" {
		t.Errorf("Name = %q, want black", got)
	}
}
