package manual

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pylauncher/py/internal/redirector"
)

// tiny is a page with one of everything, for the renderers' exact output.
var tiny = Page{
	Name:     "tool",
	Summary:  "a tool",
	Title:    "Tool",
	Synopsis: []string{"[-x] FILE"},
	Options: []Option{
		{Names: []string{"-x", "--extra"}, Help: "do more"},
		{Names: []string{"-V:"}, Arg: "TAG", Help: "pick a tag"},
		{Names: []string{"-s", "--source"}, Arg: "INDEX", Help: "read INDEX"},
	},
	OptionsHeading:  "Options",
	CommandsHeading: "Commands",
	Commands: []Command{{Name: "run", Args: "FILE", Usage: "[-q] FILE", Help: "run FILE",
		Description: []string{".FILE is run."},
		Options:     []Option{{Names: []string{"-q"}, Help: "quietly"}},
		Settings:    []Setting{{Variable: "TOOL_BIN", Key: "bin", Help: "where it goes"}}, SettingsSection: "run"}},
	Description: []string{"Does things."},
	Details:     []string{"More things."},
	Manual:      []string{"Only in the man page."},
	Environment: []Variable{{Name: "TOOL_DEBUG", Help: "trace", InHelp: true}, {Name: "TOOL_QUIET", Help: "say less"}},
	Files:       []File{{Path: "~/.tool", Help: "settings"}},
	ExitStatus:  []Status{{Code: "0", Help: "done"}, {Code: "2", Help: "bad usage"}},
	SeeAlso:     []string{"py(1)"},
}

func TestRenderers(t *testing.T) {
	noTitle := tiny
	noTitle.Title, noTitle.HelpExit = "", true
	for _, tt := range []struct {
		name, got, want string
	}{
		{"Help", Help(&tiny, "tl", "v1", "~/.tool"), `Tool v1

usage: tl [-x] FILE

Does things.

Options:
  -x, --extra         do more
  -V:TAG              pick a tag
  -s, --source INDEX  read INDEX

Commands:
  run FILE  run FILE

More things.

Environment: TOOL_DEBUG
Configuration: ~/.tool
`},
		{"Help without a title", Help(&noTitle, "tool", "v1", ""), `usage: tool [-x] FILE

Does things.

Options:
  -x, --extra         do more
  -V:TAG              pick a tag
  -s, --source INDEX  read INDEX

Commands:
  run FILE  run FILE

More things.

Environment: TOOL_DEBUG

Exit status: 0 done; 2 bad usage.

tool v1
`},
		{"CommandHelp", CommandHelp(&tiny, tiny.Command("run")), `usage: tool run [-q] FILE

.FILE is run.

Options:
  -q  quietly

Settings (the variable first, then py.ini's [run] section):
  TOOL_BIN, bin  where it goes
`},
		{"Roff", Roff(&tiny, "v1", "2026-12-01"), `.\" tool(1), made by go run ./internal/manual/genman from package manual; do not edit.
.TH "TOOL" 1 "2026\-12\-01" "tool v1" "User Commands"
.nh
.ad l
.SH NAME
tool \- a tool
.SH SYNOPSIS
\fBtool\fR [\-x] FILE
.br
\fBtool run\fR [\-q] FILE
.SH DESCRIPTION
.PP
Does things.
.PP
Only in the man page.
.PP
More things.
.SH OPTIONS
Options.
.TP
\fB\-x\fR, \fB\-\-extra\fR
Do more.
.TP
\fB\-V:\fR\fITAG\fR
Pick a tag.
.TP
\fB\-s\fR, \fB\-\-source\fR \fIINDEX\fR
Read INDEX.
.SH COMMANDS
Commands.
.SS "tool run [\-q] FILE"
Run FILE.
.PP
\&.FILE is run.
.TP
\fB\-q\fR
Quietly.
.PP
Settings (the variable first, then py.ini's [run] section):
.TP
\fBTOOL_BIN\fR, \fBbin\fR
Where it goes.
.SH ENVIRONMENT
.TP
\fBTOOL_DEBUG\fR
Trace.
.TP
\fBTOOL_QUIET\fR
Say less.
.TP
\fBTOOL_BIN\fR
Where it goes, for tool run; when unset, py.ini's [run] bin.
.SH FILES
.TP
\fI~/.tool\fR
Settings.
.SH "EXIT STATUS"
.TP
0
Done.
.TP
2
Bad usage.
.SH VERSION
This page describes tool\ v1.
.SH "SEE ALSO"
\fBpy\fR(1)
`},
	} {
		if tt.got != tt.want {
			t.Errorf("%s =\n%s\nwant\n%s", tt.name, tt.got, tt.want)
		}
	}
}

// Text is escaped; a line of it that starts with a dot or a quote (as
// tiny's ".FILE is run.") is not a request.
func TestEscape(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"-3.12", `\-3.12`},
		{`C:\py.ini`, `C:\epy.ini`},
		{`\fBbold`, `\efBbold`},
		{"a\nb", "a b"},
		{"x\x00y\x7f", "x y "},
		{"a — b", `a \[u2014] b`},
		{"é", `\[u00E9]`},
		{"\U0001F40D", `\[u1F40D]`},
		{`"quoted"`, `"quoted"`},
	} {
		if got := esc(tt.in); got != tt.want {
			t.Errorf("esc(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{".TH evil", "\\&.TH evil\n"},
		{"'br", "\\&'br\n"},
		{"ok .x", "ok .x\n"},
		{`\fBx\fR`, "\\fBx\\fR\n"},
	} {
		var b strings.Builder
		text(&b, tt.in)
		if b.String() != tt.want {
			t.Errorf("text(%q) = %q, want %q", tt.in, b.String(), tt.want)
		}
	}
	if got, want := arg(`say "hi"-now`), `"say \(dqhi\(dq\-now"`; got != want {
		t.Errorf("arg = %s, want %s", got, want)
	}
	for _, tt := range []struct{ in, want string }{
		{"the index", "The index."},
		{"py install: done", "py install: done."},
		{"venvlauncher's copy.", "venvlauncher's copy."},
		{"pyenv's directory", "pyenv's directory."},
		{"pyvenv.cfg is bad", "pyvenv.cfg is bad."},
		{"42 things", "42 things."},
	} {
		if got := sentence(tt.in); got != tt.want {
			t.Errorf("sentence(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// requests are the only requests Roff writes.
var requests = map[string]bool{`.\"`: true, ".TH": true, ".nh": true, ".ad": true, ".SH": true, ".SS": true, ".PP": true, ".TP": true, ".br": true}

// escapes are the escapes Roff writes: \e, \-, \[uXXXX], \&, \fB/\fI/\fR,
// \(dq, and the one unbreakable space "\ " it writes itself; any other
// backslash would be text read as roff.
var escapes = regexp.MustCompile(`\\(e|-|\[u[0-9A-F]{4,6}\]|&|f[BIR]|\(dq)|^This page describes .*\\ `)

// checkRoff fails t when a line of man, made from text that may hold
// anything, is a request Roff did not mean, or holds an escape it did
// not write.
func checkRoff(t *testing.T, man string) {
	t.Helper()
	for _, line := range strings.Split(strings.TrimSuffix(man, "\n"), "\n") {
		if strings.HasPrefix(line, ".") || strings.HasPrefix(line, "'") {
			if req, _, _ := strings.Cut(line, " "); !requests[req] {
				t.Errorf("line %q is a request", line)
			}
		}
		if strings.HasPrefix(line, `.\"`) {
			continue
		}
		if rest := escapes.ReplaceAllString(line, ""); strings.Contains(rest, `\`) {
			t.Errorf("line %q holds a backslash that is no escape of Roff's", line)
		}
	}
}

func FuzzRoff(f *testing.F) {
	for _, s := range []string{".TH x", "'br", `\fBx`, "a\n.SH y", "-V:\">=3\"", "\\", "é\r\n'"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p := Page{Name: "x" + s, Summary: s, Synopsis: []string{s}, Description: []string{s},
			Options:     []Option{{Names: []string{s, "-" + s}, Arg: s, Help: s}},
			Commands:    []Command{{Name: s, Usage: s, Help: s, Description: []string{s}, Settings: []Setting{{s, s, s}}, SettingsSection: s}},
			Environment: []Variable{{Name: s, Help: s}}, Files: []File{{s, s}}, ExitStatus: []Status{{s, s}}, SeeAlso: []string{s + "(1)"}}
		checkRoff(t, Roff(&p, s, s))
	})
}

// Every page's roff is only our requests and escapes.
func TestRoffClean(t *testing.T) {
	for _, p := range Pages {
		checkRoff(t, Roff(p, "v1.2.3", "2026-12-01"))
	}
}

// spelled matches the options a help lists: "  -s, --source INDEX  ...".
var spelled = regexp.MustCompile(`(?m)^  (-[^\s,]*(?:, -[^\s,]*)*)`)

// commandLine matches the commands a help lists: "  install REQUEST...".
var commandLine = regexp.MustCompile(`(?m)^  ([a-z]+)\b`)

// tags are the words of the man page's tagged paragraphs (.TP), as man
// shows them: "-s", "--source", "INDEX", "-V:TAG".
func tags(man string) map[string]bool {
	unroff := strings.NewReplacer(`\fB`, "", `\fI`, "", `\fR`, "", `\-`, "-", `\e`, `\`, ",", " ")
	words := map[string]bool{}
	lines := strings.Split(man, "\n")
	for i, line := range lines[1:] {
		if lines[i] == ".TP" {
			for _, w := range strings.Fields(unroff.Replace(line)) {
				words[w] = true
			}
		}
	}
	return words
}

// inMan checks that every option spelled in help, and every command,
// appears in the roff man page man.
func inMan(t *testing.T, what, help, man string, commands bool) {
	t.Helper()
	n := 0
	words := tags(man)
	for _, m := range spelled.FindAllStringSubmatch(help, -1) {
		for _, name := range strings.Split(m[1], ", ") {
			n++
			if !words[name] {
				t.Errorf("%s lists %s, which its man page does not", what, name)
			}
		}
	}
	if n == 0 {
		t.Errorf("%s lists no options:\n%s", what, help)
	}
	if !commands {
		return
	}
	_, list, _ := strings.Cut(help, "\nCommands")
	list, _, _ = strings.Cut(list, "\n\n")
	m := commandLine.FindAllStringSubmatch(list, -1)
	if len(m) == 0 {
		t.Errorf("%s lists no commands", what)
	}
	for _, c := range m {
		if !strings.Contains(man, "\n.SS \"py "+c[1]+" ") && !strings.Contains(man, "\n.SS \"py "+c[1]+"\"") {
			t.Errorf("%s lists the command %s, which its man page does not", what, c[1])
		}
	}
}

// Every option and command py's help shows is in py's man page, and
// every option of each command's help; the same for mkentrypoint.
func TestManHasTheHelp(t *testing.T) {
	man := Roff(&Py, "v1", "2026-12-01")
	help := Help(&Py, "py", "v1", "py.ini")
	inMan(t, "py --help", help, man, true)
	for i := range Py.Commands {
		c := &Py.Commands[i]
		if len(c.Options) > 0 {
			inMan(t, "py help "+c.Name, CommandHelp(&Py, c), man, false)
		}
		for _, s := range c.Settings {
			if !strings.Contains(man, `\fB`+esc(s.Variable)+`\fR`) {
				t.Errorf("py help %s names %s, which the man page does not", c.Name, s.Variable)
			}
		}
	}
	_, env, _ := strings.Cut(help, "\nEnvironment: ")
	env, _, _ = strings.Cut(env, "\nConfiguration")
	for _, v := range strings.Split(strings.ReplaceAll(env, "\n", " "), ", ") {
		if !strings.Contains(man, ".TP\n\\fB"+esc(strings.TrimSpace(v))+"\\fR\n") {
			t.Errorf("py --help names %s, which the man page's ENVIRONMENT does not", v)
		}
	}
	inMan(t, "mkentrypoint's usage", Help(&Mkentrypoint, "mkentrypoint", "v1", ""), Roff(&Mkentrypoint, "v1", "2026-12-01"), false)
}

// What is added to manual.Py shows in py's help and man page alike.
func TestOneSource(t *testing.T) {
	p := Py
	p.Options = append(append([]Option(nil), Py.Options...), Option{Names: []string{"--frobnicate"}, Arg: "HOW", Help: "frobnicate py"})
	p.Commands = append(append([]Command(nil), Py.Commands...), Command{Name: "frob", Args: "THING", Help: "frob a thing",
		Options: []Option{{Names: []string{"--gently"}, Help: "gently"}}})
	help, man := Help(&p, "py", "v1", ""), Roff(&p, "v1", "2026-12-01")
	for _, want := range []string{"\n  --frobnicate HOW  ", "\n  frob THING  "} {
		if !strings.Contains(help, want) {
			t.Errorf("the help lacks %q:\n%s", want, help)
		}
	}
	if got := CommandHelp(&p, p.Command("frob")); !strings.Contains(got, "\n  --gently  gently\n") {
		t.Errorf("frob's help lacks --gently:\n%s", got)
	}
	for _, want := range []string{`\fB\-\-frobnicate\fR \fIHOW\fR`, `.SS "py frob THING"`, `\fB\-\-gently\fR`} {
		if !strings.Contains(man, want) {
			t.Errorf("the man page lacks %q", want)
		}
	}
	inMan(t, "py --help with --frobnicate", help, man, true)
}

// venvlauncher does not import manual (it stays small), so its usage is
// a copy, checked here.
func TestVenvlauncherUsage(t *testing.T) {
	if got := CommandHelp(&Venvlauncher, Venvlauncher.Command("install")); got != redirector.InstallUsage {
		t.Errorf("manual's venvlauncher install help:\n%s\nredirector.InstallUsage:\n%s", got, redirector.InstallUsage)
	}
}

// No line of the help is wider than width, unless it is one word (or a
// usage line, which is not wrapped).
func TestHelpWidth(t *testing.T) {
	texts := []string{Help(&Py, "py", "v1", ""), Help(&Mkentrypoint, "mkentrypoint", "v1", "")}
	for _, p := range Pages {
		for i := range p.Commands {
			texts = append(texts, CommandHelp(p, &p.Commands[i]))
		}
	}
	for _, s := range texts {
		for _, line := range strings.Split(s, "\n") {
			if len(line) > width && !strings.HasPrefix(line, "usage: ") && strings.Contains(strings.TrimSpace(line), " ") {
				t.Errorf("a line of %d characters: %q", len(line), line)
			}
		}
	}
}

// The man pages are clean to groff's strictest warnings, and man shows
// them with the version and date in the footer; a long version (a Go
// pseudo-version, which the date overprints there) whole in the text,
// as release/deb-test.sh looks for it.
func TestGroff(t *testing.T) {
	if _, err := exec.LookPath("groff"); err != nil {
		t.Skip("no groff")
	}
	_, noMan := exec.LookPath("man")
	dir := t.TempDir()
	for _, p := range Pages {
		for _, tt := range []struct {
			version string
			want    []string
		}{
			{"v1.2.3", []string{"\n" + p.Name + " v1.2.3 ", " 2026-12-01 ", "\nNAME\n", p.Summary}},
			{"v0.0.0-20261201131610-3cbab424569f-dirty", []string{" v0.0.0-20261201131610-3cbab424569f-dirty.\n"}},
		} {
			file := filepath.Join(dir, p.Name+".1")
			if err := os.WriteFile(file, []byte(Roff(p, tt.version, "2026-12-01")), 0o644); err != nil {
				t.Fatal(err)
			}
			var stderr bytes.Buffer
			cmd := exec.Command("groff", "-man", "-ww", "-z", file)
			cmd.Stderr = &stderr
			if err := cmd.Run(); err != nil || stderr.Len() > 0 {
				t.Errorf("groff -man -ww -z %s: %v\n%s", p.Name+".1", err, stderr.String())
			}
			outs := map[string][]string{"groff -Tutf8": {"groff", "-man", "-Tutf8", "-rLL=80n", "-P-c", "-P-b", "-P-u", file}}
			if noMan == nil {
				outs["man -l"] = []string{"man", "-l", file}
			}
			for what, args := range outs {
				cmd := exec.Command(args[0], args[1:]...)
				cmd.Env = append(os.Environ(), "MANPAGER=cat", "PAGER=cat", "MANWIDTH=80", "MAN_KEEP_FORMATTING=")
				out, err := cmd.Output()
				if err != nil {
					t.Errorf("%s %s: %v", what, p.Name+".1", err)
					continue
				}
				for _, want := range tt.want {
					if !strings.Contains(string(out), want) {
						t.Errorf("%s %s (version %s) lacks %q:\n%s", what, p.Name+".1", tt.version, want, out)
					}
				}
			}
		}
	}
}
