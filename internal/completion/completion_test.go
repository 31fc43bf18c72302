package completion

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/pylauncher/py/internal/cli"
	"github.com/pylauncher/py/internal/manual"
)

// quoters are how each shell's script quotes a word.
var quoters = map[string]func(string) string{"bash": sq, "zsh": sq, "fish": fq, "powershell": pq}

func TestScriptEveryShell(t *testing.T) {
	for _, shell := range cli.Shells {
		if _, ok := quoters[shell]; !ok {
			t.Errorf("no test quoter for the shell %q", shell)
		}
		s, err := Script(shell)
		if err != nil {
			t.Errorf("Script(%q) error: %v", shell, err)
			continue
		}
		if !strings.HasSuffix(s, "\n") || !strings.Contains(s, "--completion tags") {
			t.Errorf("Script(%q) does not end in a newline or does not run py --completion tags", shell)
		}
	}
	if s, err := Script("nosuch"); err == nil {
		t.Errorf("Script(%q) = %q, want an error", "nosuch", s)
	}
}

// TestScriptsFollowManual checks that every name in the manual, and one
// added to it, is a candidate in every shell's script.
func TestScriptsFollowManual(t *testing.T) {
	p := manual.Py
	p.Options = slices.Clip(p.Options)
	p.Options = append(p.Options, manual.Option{Names: []string{"--frobnicate"}, Help: "frobnicate"})
	p.Commands = append(p.Commands, manual.Command{Name: "zap", Options: []manual.Option{
		{Names: []string{"--level="}, Arg: "LEVEL", Values: []string{"low", "high"}, Help: "how hard"},
		{Names: []string{"--with"}, Arg: "THING", Values: []string{"this", "that"}, Help: "with what"},
	}})
	var want []string
	for _, o := range p.Options {
		if !o.Example {
			want = append(want, o.Names...)
		}
	}
	for _, c := range p.Commands {
		want = append(want, c.Name)
		for _, o := range c.Options {
			want = append(want, o.Names...)
			for _, v := range o.Values {
				if strings.HasSuffix(o.Names[0], "=") {
					v = o.Names[0] + v
				}
				want = append(want, v)
			}
		}
	}
	want = append(want, cli.Shells...)
	for _, shell := range cli.Shells {
		s, err := script(shell, p)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range want {
			if q := quoters[shell](w); !strings.Contains(s, q) {
				t.Errorf("%s script: no candidate %s", shell, q)
			}
		}
	}
}

// TestManualCompletion checks that the manual's --completion takes
// exactly the shells py writes a script for.
func TestManualCompletion(t *testing.T) {
	for _, o := range manual.Py.Options {
		if slices.Contains(o.Names, "--completion") {
			if !slices.Equal(o.Values, cli.Shells) {
				t.Errorf("manual's --completion takes %q, cli's %q", o.Values, cli.Shells)
			}
			return
		}
	}
	t.Error("the manual has no --completion")
}

func TestBuild(t *testing.T) {
	p := manual.Page{
		Name: "py",
		Options: []manual.Option{
			{Names: []string{"-V:"}, Arg: "TAG"},
			{Names: []string{"-V:"}, Arg: "COMPANY/TAG"},
			{Names: []string{"-0", "--list"}},
			{Names: []string{"--completion"}, Arg: "SHELL", Values: []string{"bash"}},
			{Names: []string{"--config"}, Arg: "FILE"},
		},
		Commands: []manual.Command{
			{Name: "install", Args: "REQUEST...", Options: []manual.Option{
				{Names: []string{"-f", "--force"}},
				{Names: []string{"-s", "--source"}, Arg: "INDEX"},
			}},
			{Name: "list", Options: []manual.Option{
				{Names: []string{"--format="}, Arg: "FORMAT", Values: []string{"table", "json"}},
			}},
			{Name: "help", Args: "[COMMAND]"},
		},
	}
	want := model{
		prog:  "py",
		first: []word{{"-V:", ""}, {"-0", ""}, {"--list", ""}, {"--completion", ""}, {"--config", ""}, {"install", ""}, {"list", ""}, {"help", ""}},
		tags:  []string{"-V:"},
		next:  []valued{{"--completion", []string{"bash"}}, {"--config", nil}},
		commands: []command{
			{name: "install", args: true, options: []word{{"-f", ""}, {"--force", ""}, {"-s", ""}, {"--source", ""}},
				next: []valued{{"-s", nil}, {"--source", nil}}},
			{name: "list", options: []word{{"--format=", ""}}, eq: []valued{{"--format=", []string{"table", "json"}}}},
			{name: "help", args: true, words: []string{"install", "list", "help"}},
		},
	}
	if got := build(p); !reflect.DeepEqual(got, want) {
		t.Errorf("build() =\n%+v\nwant\n%+v", got, want)
	}
}

func TestQuoting(t *testing.T) {
	tests := []struct {
		shell, in, want string
	}{
		{"bash", "-V:", "'-V:'"},
		{"bash", "it's", `'it'\''s'`},
		{"fish", `it's \ x`, `'it\'s \\ x'`},
		{"powershell", "it's", "'it''s'"},
	}
	for _, tt := range tests {
		if got := quoters[tt.shell](tt.in); got != tt.want {
			t.Errorf("%s quote(%q) = %s, want %s", tt.shell, tt.in, got, tt.want)
		}
	}
}
