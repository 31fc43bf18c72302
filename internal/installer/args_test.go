package installer

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParseArgs(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want command
	}{
		{[]string{"install", "3.14"}, command{name: "install", requests: []string{"3.14"}}},
		{[]string{"install", "-f", "3.14", "--upgrade", "3.13t", "-q"},
			command{name: "install", requests: []string{"3.14", "3.13t"}, force: true, upgrade: true, quiet: true}},
		{[]string{"install", "--source", "/x/index.json", "--dry-run", "--no-bin", "3"},
			command{name: "install", requests: []string{"3"}, source: "/x/index.json", dryRun: true, noBin: true}},
		{[]string{"install", "-s=/x", "--download=d", "3.12"}, command{name: "install", requests: []string{"3.12"}, source: "/x", download: "d"}},
		{[]string{"install", "--script", "s.py"}, command{name: "install", script: "s.py"}},
		{[]string{"install", "--", "-3"}, command{name: "install", requests: []string{"-3"}}},
		{[]string{"install", ">=3.12", ""}, command{name: "install", requests: []string{">=3.12", ""}}},
		{[]string{"install"}, command{name: "install"}},
		{[]string{"uninstall", "-y", "3.14"}, command{name: "uninstall", requests: []string{"3.14"}, yes: true}},
		{[]string{"list", "--online", "--format=json", "3.14"}, command{name: "list", requests: []string{"3.14"}, online: true, json: true}},
		{[]string{"list", "--format", "table", "--online", "--only-installed"}, command{name: "list", online: true, onlyInstalled: true}},
		{[]string{"help"}, command{name: "help"}},
		{[]string{"help", "install"}, command{name: "help", topic: "install"}},
		{[]string{"install", "3.14", "--help"}, command{name: "help", topic: "install"}},
		{[]string{"uninstall", "-h"}, command{name: "help", topic: "uninstall"}},
		{[]string{"install", "--", "--help"}, command{name: "install", requests: []string{"--help"}}},
	} {
		got, err := parseArgs(tt.args)
		if err != nil {
			t.Errorf("parseArgs(%q): %v", tt.args, err)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("parseArgs(%q) =\n %+v, want\n %+v", tt.args, got, tt.want)
		}
	}
}

func TestParseArgsErrors(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{nil, "no command given"},
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"install", "--frob"}, `unknown option "--frob" for py install`},
		{[]string{"install", "-y"}, `unknown option "-y" for py install`},
		{[]string{"install", "--force=yes"}, `the option "--force" takes no value`},
		{[]string{"install", "--source"}, `the option "--source" needs a value`},
		{[]string{"install", "--source="}, `the option "--source" needs a value`},
		{[]string{"install", "--script", "s.py", "3.14"}, "not both"},
		{[]string{"install", "--download", "d"}, "--download needs the requests"},
		{[]string{"install", "--download", "d", "-u", "3"}, "cannot --upgrade"},
		{[]string{"uninstall"}, "needs the Pythons to remove"},
		{[]string{"uninstall", "--force", "3"}, `unknown option "--force" for py uninstall`},
		{[]string{"list"}, "py list --online"},
		{[]string{"list", "--online", "--format=xml"}, `unknown list format "xml"`},
		{[]string{"list", "--online", "--format"}, `"--format" needs a value`},
		{[]string{"help", "a", "b"}, "one command at most"},
	} {
		_, err := parseArgs(tt.args)
		var ue *usageError
		if !errors.As(err, &ue) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("parseArgs(%q) = %v, want a usage error with %q", tt.args, err, tt.want)
		}
	}
}

// FuzzParseArgs: parseArgs never panics, errors are usage errors, and
// every argument that is not an option or an option's value is a
// request, in order.
func FuzzParseArgs(f *testing.F) {
	for _, s := range []string{"install\x003.14\x00-f", "install\x00--source\x00x\x003", "list\x00--online\x00--format=json",
		"uninstall\x00-y\x003.12", "help\x00install", "install\x00--\x00-f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		args := strings.Split(s, "\x00")
		c, err := parseArgs(args)
		if err != nil {
			var ue *usageError
			if !errors.As(err, &ue) {
				t.Fatalf("parseArgs(%q) error %v is not a usage error", args, err)
			}
			return
		}
		if c.name != args[0] {
			t.Fatalf("parseArgs(%q).name = %q", args, c.name)
		}
		// The requests are a subsequence of the arguments.
		i := 1
		for _, r := range c.requests {
			for i < len(args) && args[i] != r {
				i++
			}
			if i == len(args) {
				t.Fatalf("parseArgs(%q): request %q is not among the arguments, in order", args, r)
			}
			i++
		}
	})
}
