package cli

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want Invocation
	}{
		{"no args", nil, Invocation{Mode: Run}},
		{"empty", []string{}, Invocation{Mode: Run, Args: []string{}}},
		{"tag", []string{"-3.12"}, Invocation{Mode: Run, Kind: TagRequest, Request: "3.12", RequestArg: "-3.12", Args: []string{}}},
		{"tag with args", []string{"-3", "-c", "pass"},
			Invocation{Mode: Run, Kind: TagRequest, Request: "3", RequestArg: "-3", Args: []string{"-c", "pass"}}},
		{"bad tag is still a tag", []string{"-3junk"},
			Invocation{Mode: Run, Kind: TagRequest, Request: "3junk", RequestArg: "-3junk", Args: []string{}}},
		{"selector", []string{"-V:Astral/3.13"},
			Invocation{Mode: Run, Kind: SelectorRequest, Request: "Astral/3.13", RequestArg: "-V:Astral/3.13", Args: []string{}}},
		{"long selector", []string{"--version:3.12", "x.py"},
			Invocation{Mode: Run, Kind: SelectorRequest, Request: "3.12", RequestArg: "--version:3.12", Args: []string{"x.py"}}},
		{"empty selector", []string{"-V:"},
			Invocation{Mode: Run, Kind: SelectorRequest, Request: "", RequestArg: "-V:", Args: []string{}}},
		{"python -V", []string{"-V"}, Invocation{Mode: Run, Args: []string{"-V"}}},
		{"python --version", []string{"--version"}, Invocation{Mode: Run, Args: []string{"--version"}}},
		{"list", []string{"-0"}, Invocation{Mode: List, Args: []string{}}},
		{"list long", []string{"--list"}, Invocation{Mode: List, Args: []string{}}},
		{"list paths", []string{"-0p"}, Invocation{Mode: ListPaths, Args: []string{}}},
		{"list paths long", []string{"--list-paths"}, Invocation{Mode: ListPaths, Args: []string{}}},
		{"list json", []string{"-0", "--format=json"}, Invocation{Mode: List, Format: JSON, Args: []string{}}},
		{"list table", []string{"--list", "--format=table"}, Invocation{Mode: List, Format: Table, Args: []string{}}},
		{"list paths json", []string{"--list-paths", "--format=json"}, Invocation{Mode: ListPaths, Format: JSON, Args: []string{}}},
		{"help", []string{"-h"}, Invocation{Mode: Help, Args: []string{"-h"}}},
		{"completion bash", []string{"--completion", "bash"}, Invocation{Mode: Completion, Shell: "bash", Args: []string{}}},
		{"completion powershell", []string{"--completion", "powershell"}, Invocation{Mode: Completion, Shell: "powershell", Args: []string{}}},
		{"completion tags", []string{"--completion", "tags"}, Invocation{Mode: Completion, Shell: "tags", Args: []string{}}},
		{"completion is not the script's", []string{"script.py", "--completion", "bash"}, Invocation{Mode: Run, Args: []string{"script.py", "--completion", "bash"}}},
		{"help long", []string{"--help", "-c", "x"}, Invocation{Mode: Help, Args: []string{"--help", "-c", "x"}}},
		{"double dash", []string{"--"}, Invocation{Mode: Run, Args: []string{"--"}}},
		{"double dash then tag", []string{"--", "-3"}, Invocation{Mode: Run, Args: []string{"--", "-3"}}},
		{"command", []string{"-c", "print(1)"}, Invocation{Mode: Run, Args: []string{"-c", "print(1)"}}},
		{"module", []string{"-m", "pip"}, Invocation{Mode: Run, Args: []string{"-m", "pip"}}},
		{"script owns -3", []string{"script.py", "-3"}, Invocation{Mode: Run, Args: []string{"script.py", "-3"}}},
		{"script owns -0", []string{"script.py", "-0"}, Invocation{Mode: Run, Args: []string{"script.py", "-0"}}},
		{"stdin", []string{"-"}, Invocation{Mode: Run, Args: []string{"-"}}},
		{"dash zero zero", []string{"-00"}, Invocation{Mode: Run, Args: []string{"-00"}}},
		{"python -O", []string{"-O", "x.py"}, Invocation{Mode: Run, Args: []string{"-O", "x.py"}}},
		{"tag then list", []string{"-3.12", "-0"},
			Invocation{Mode: Run, Kind: TagRequest, Request: "3.12", RequestArg: "-3.12", Args: []string{"-0"}}},
		{"which", []string{"--which"}, Invocation{Mode: Which, Args: []string{}}},
		{"which with request", []string{"--which", "-3.12", "-c", "pass"},
			Invocation{Mode: Which, Kind: TagRequest, Request: "3.12", RequestArg: "-3.12", Args: []string{"-c", "pass"}}},
		{"which with selector", []string{"--which", "-V:pypy3.9"},
			Invocation{Mode: Which, Kind: SelectorRequest, Request: "pypy3.9", RequestArg: "-V:pypy3.9", Args: []string{}}},
		{"which script", []string{"--which", "x.py"}, Invocation{Mode: Which, Args: []string{"x.py"}}},
		{"empty string arg", []string{""}, Invocation{Mode: Run, Args: []string{""}}},
		{"install", []string{"install", "3.14", "-q"}, Invocation{Mode: Command, Command: "install", Args: []string{"3.14", "-q"}}},
		{"uninstall", []string{"uninstall"}, Invocation{Mode: Command, Command: "uninstall", Args: []string{}}},
		{"help word", []string{"help", "install"}, Invocation{Mode: Command, Command: "help", Args: []string{"install"}}},
		{"list word", []string{"list"}, Invocation{Mode: List, Args: []string{}}},
		{"list word json", []string{"list", "--format=json"}, Invocation{Mode: List, Format: JSON, Args: []string{}}},
		{"list only installed", []string{"list", "--only-installed"}, Invocation{Mode: List, OnlyInstalled: true, Args: []string{}}},
		{"list paths only installed", []string{"-0p", "--only-installed"}, Invocation{Mode: ListPaths, OnlyInstalled: true, Args: []string{}}},
		{"list online", []string{"list", "--format=json", "--online"},
			Invocation{Mode: Command, Command: "list", Args: []string{"--format=json", "--online"}}},
		{"script named install", []string{"./install"}, Invocation{Mode: Run, Args: []string{"./install"}}},
		{"install after a request", []string{"-3", "install"},
			Invocation{Mode: Run, Kind: TagRequest, Request: "3", RequestArg: "-3", Args: []string{"install"}}},
		{"Install is not a word", []string{"Install"}, Invocation{Mode: Run, Args: []string{"Install"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.args)
			if err != nil {
				t.Fatalf("Parse(%q) error: %v", tt.args, err)
			}
			if !equal(got, tt.want) {
				t.Errorf("Parse(%q) = %+v, want %+v", tt.args, got, tt.want)
			}
			checkSuffix(t, tt.args, got)
		})
	}
}

func equal(a, b Invocation) bool {
	return a.Mode == b.Mode && a.Kind == b.Kind && a.Request == b.Request &&
		a.RequestArg == b.RequestArg && a.Format == b.Format &&
		a.OnlyInstalled == b.OnlyInstalled && a.Command == b.Command &&
		slices.Equal(a.Args, b.Args) && (a.Args == nil) == (b.Args == nil)
}

func TestParseUsageErrors(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		badArg  string
		message string
	}{
		{"unknown format", []string{"--list", "--format=xml"}, "--format=xml", `unknown list format "xml"`},
		{"empty format", []string{"-0", "--format="}, "--format=", `unknown list format ""`},
		{"stray argument", []string{"--list", "foo"}, "foo", `unexpected argument "foo"`},
		{"stray after format", []string{"-0p", "--format=json", "-3"}, "-3", `unexpected argument "-3"`},
		{"list twice", []string{"-0", "-0"}, "-0", `unexpected argument "-0"`},
		{"list word stray", []string{"list", "3.12"}, "3.12", `unexpected argument "3.12"`},
		{"completion no shell", []string{"--completion"}, "--completion", `--completion needs a shell: bash, zsh, fish or powershell`},
		{"completion unknown shell", []string{"--completion", "nosuch"}, "nosuch", `unknown shell "nosuch" for --completion (use bash, zsh, fish or powershell)`},
		{"completion shell case", []string{"--completion", "Bash"}, "Bash", `unknown shell "Bash"`},
		{"completion stray", []string{"--completion", "zsh", "x"}, "x", `unexpected argument "x" after --completion zsh`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.args)
			var ue *UsageError
			if !errors.As(err, &ue) {
				t.Fatalf("Parse(%q) = %+v, %v, want a *UsageError", tt.args, got, err)
			}
			if ue.Arg != tt.badArg {
				t.Errorf("Parse(%q) error Arg = %q, want %q", tt.args, ue.Arg, tt.badArg)
			}
			if !strings.Contains(err.Error(), tt.message) {
				t.Errorf("Parse(%q) error = %q, want it to contain %q", tt.args, err, tt.message)
			}
		})
	}
}

// checkSuffix checks the invariants of a successful Parse: Args is an
// in-order suffix of args, and only the launcher's own options are
// consumed.
func checkSuffix(t *testing.T, args []string, inv Invocation) {
	t.Helper()
	if len(inv.Args) > len(args) {
		t.Fatalf("Parse(%q).Args = %q: longer than the input", args, inv.Args)
	}
	consumed := len(args) - len(inv.Args)
	if !slices.Equal(args[consumed:], inv.Args) {
		t.Errorf("Parse(%q).Args = %q, not a suffix of the input", args, inv.Args)
	}
	checkConsumed(t, args, inv, consumed)
	checkRequest(t, args, inv, consumed)
}

// checkConsumed checks what each mode may take from args: consumed are
// the arguments Parse took.
func checkConsumed(t *testing.T, args []string, inv Invocation, consumed int) {
	t.Helper()
	switch inv.Mode {
	case Run, Help:
		if consumed > 1 {
			t.Errorf("Parse(%q) consumed %d arguments, want at most 1", args, consumed)
		}
		if inv.Mode == Help && consumed != 0 {
			t.Errorf("Parse(%q) consumed %q in help mode, want Python to see -h", args, args[:consumed])
		}
	case Which:
		if consumed > 2 || consumed < 1 || args[0] != "--which" {
			t.Errorf("Parse(%q) consumed %d arguments in --which mode", args, consumed)
		}
	case Command:
		if consumed != 1 || args[0] != inv.Command || !slices.Contains(Commands, inv.Command) {
			t.Errorf("Parse(%q) consumed %d arguments for the command %q, want its word only", args, consumed, inv.Command)
		}
	case List, ListPaths:
		if len(inv.Args) != 0 {
			t.Errorf("Parse(%q).Args = %q in list mode, want none", args, inv.Args)
		}
	case Completion:
		if len(args) != 2 || args[0] != "--completion" || len(inv.Args) != 0 || inv.Shell != args[1] {
			t.Errorf("Parse(%q) = %+v, want --completion and its shell only", args, inv)
		}
	default:
		t.Errorf("Parse(%q).Mode = %v, unknown", args, inv.Mode)
	}
}

// checkRequest checks that a request comes from the last argument Parse
// took, and that no request text comes without one.
func checkRequest(t *testing.T, args []string, inv Invocation, consumed int) {
	t.Helper()
	if inv.Kind == NoRequest {
		if inv.Request != "" || inv.RequestArg != "" {
			t.Errorf("Parse(%q) = %+v: request text without a request", args, inv)
		}
		if inv.Mode == Run && consumed != 0 {
			t.Errorf("Parse(%q) consumed %q without a request", args, args[:consumed])
		}
		return
	}
	// The request comes from the last consumed argument.
	if consumed == 0 || args[consumed-1] != inv.RequestArg {
		t.Errorf("Parse(%q).RequestArg = %q, want the last consumed argument", args, inv.RequestArg)
	}
	if !strings.HasSuffix(inv.RequestArg, inv.Request) {
		t.Errorf("Parse(%q): Request %q is not the end of RequestArg %q", args, inv.Request, inv.RequestArg)
	}
	switch inv.Kind {
	case TagRequest:
		if inv.RequestArg != "-"+inv.Request {
			t.Errorf("Parse(%q): tag RequestArg %q, Request %q", args, inv.RequestArg, inv.Request)
		}
	case SelectorRequest:
		if inv.RequestArg != "-V:"+inv.Request && inv.RequestArg != "--version:"+inv.Request {
			t.Errorf("Parse(%q): selector RequestArg %q, Request %q", args, inv.RequestArg, inv.Request)
		}
	default:
		t.Errorf("Parse(%q).Kind = %v, unknown", args, inv.Kind)
	}
}

func TestUsageErrorMessage(t *testing.T) {
	err := &UsageError{Arg: "x", Reason: "unexpected argument \"x\" after the list option"}
	if got := err.Error(); got != err.Reason {
		t.Errorf("UsageError.Error() = %q, want %q", got, err.Reason)
	}
}

// FuzzParse splits its input at NUL bytes into arguments.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"-3.12", "-V:Astral/3.13", "--version:3.12", "-0p", "-0\x00--format=json",
		"--list\x00--format=xml", "--list\x00foo", "-h", "--help\x00-c\x00x", "--", "-c\x00print(1)",
		"-m\x00pip", "script.py\x00-3", "-", "", "--which\x00-3.12\x00-c\x00pass", "--which",
		"--which\x00--which", "-V:\x00-V:", "install\x003.14", "list\x00--online", "list\x00--only-installed\x00x",
		"--completion", "--completion\x00bash", "--completion\x00tags\x00x",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var args []string
		if s != "" {
			args = strings.Split(s, "\x00")
		}
		orig := slices.Clone(args)
		inv, err := Parse(args)
		if !slices.Equal(args, orig) {
			t.Fatalf("Parse(%q) changed its input to %q", orig, args)
		}
		if err != nil {
			var ue *UsageError
			if !errors.As(err, &ue) {
				t.Fatalf("Parse(%q) error %v is not a *UsageError", args, err)
			}
			if len(args) == 0 || (args[0] != "-0" && args[0] != "--list" && args[0] != "-0p" && args[0] != "--list-paths" && args[0] != "list" && args[0] != "--completion") {
				t.Errorf("Parse(%q) = usage error %v outside a list option", args, err)
			}
			if !slices.Contains(args[1:], ue.Arg) && !(len(args) == 1 && ue.Arg == args[0]) {
				t.Errorf("Parse(%q) error names %q, not one of the arguments", args, ue.Arg)
			}
			return
		}
		checkSuffix(t, args, inv)
	})
}
