package installer

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/pylauncher/py/internal/manual"
	"github.com/pylauncher/py/internal/version"
)

// py-install's help says which py-install it is: its overview starts with
// the version, a command's help ends with it.
func TestHelpVersion(t *testing.T) {
	old := version.Version
	defer func() { version.Version = old }()
	version.Version = "v1.2.3"
	env := []string{"HOME=" + t.TempDir(), "XDG_CONFIG_HOME=" + t.TempDir(), "LOCALAPPDATA=" + t.TempDir()}
	for _, tt := range []struct {
		args           []string
		prefix, suffix string
	}{
		{[]string{"py-install", "help"}, "py-install v1.2.3\n\nusage: py-install COMMAND", ""},
		{[]string{"py-install", "help", "install"}, "usage: py install ", "\n(py-install v1.2.3)\n"},
		{[]string{"py-install", "help", "uninstall"}, "usage: py uninstall ", "\n(py-install v1.2.3)\n"},
		{[]string{"py-install", "help", "list"}, "usage: py list ", "\n(py-install v1.2.3)\n"},
	} {
		var stdout, stderr bytes.Buffer
		code := Main(context.Background(), tt.args, env, IO{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr})
		out := stdout.String()
		if code != 0 || !strings.HasPrefix(out, tt.prefix) || !strings.HasSuffix(out, tt.suffix) || stderr.Len() != 0 {
			t.Errorf("%q: exit %d, stdout %q, stderr %q", tt.args, code, out, stderr.String())
		}
	}
}

// A command's help is manual.Py's, as py's man page is: every command
// of manual.Py has one, with its settings.
func TestHelpsFromManual(t *testing.T) {
	if len(helps) != len(manual.Py.Commands) {
		t.Errorf("%d helps for %d commands", len(helps), len(manual.Py.Commands))
	}
	for i := range manual.Py.Commands {
		c := &manual.Py.Commands[i]
		if got, want := helps[c.Name], manual.CommandHelp(&manual.Py, c); got != want {
			t.Errorf("helps[%q] =\n%s\nwant\n%s", c.Name, got, want)
		}
	}
	if !strings.Contains(helps["install"], "\nSettings (the variable first, then py.ini's [install] section):\n  PY_INSTALL_SOURCE, source  ") {
		t.Errorf("py help install lacks its settings:\n%s", helps["install"])
	}
}
