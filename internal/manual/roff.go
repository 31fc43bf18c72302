package manual

import (
	"fmt"
	"strings"
)

// Roff is p's man page, section 1, in man(7) roff: version is the
// program's, date the page's ("2026-12-01": given, never the clock, so
// that the same source makes the same bytes).
func Roff(p *Page, version, date string) string {
	var b strings.Builder
	b.WriteString(`.\" ` + esc(p.Name) + "(1), made by go run ./internal/manual/genman from package manual; do not edit.\n")
	fmt.Fprintf(&b, ".TH %s 1 %s %s %s\n", arg(strings.ToUpper(p.Name)), arg(date), arg(p.Name+" "+version), arg("User Commands"))
	// Not hyphenated, not justified: options and paths stay whole.
	b.WriteString(".nh\n.ad l\n")
	b.WriteString(".SH NAME\n")
	text(&b, esc(p.Name)+` \- `+esc(p.Summary))
	roffSynopsis(&b, p)
	b.WriteString(".SH DESCRIPTION\n")
	for _, ps := range [][]string{p.Description, p.Manual, p.Details} {
		for _, s := range ps {
			b.WriteString(".PP\n")
			text(&b, esc(s))
		}
	}
	if len(p.Options) > 0 {
		b.WriteString(".SH OPTIONS\n")
		if p.OptionsHeading != "" {
			text(&b, esc(p.OptionsHeading+"."))
		}
		roffOptions(&b, p.Options)
	}
	if len(p.Commands) > 0 {
		roffCommands(&b, p)
	}
	if vars := environment(p); len(vars) > 0 {
		b.WriteString(".SH ENVIRONMENT\n")
		for _, v := range vars {
			item(&b, `\fB`+esc(v.Name)+`\fR`, v.Help)
		}
	}
	if len(p.Files) > 0 {
		b.WriteString(".SH FILES\n")
		for _, f := range p.Files {
			item(&b, `\fI`+esc(f.Path)+`\fR`, f.Help)
		}
	}
	if len(p.ExitStatus) > 0 {
		b.WriteString(".SH \"EXIT STATUS\"\n")
		for _, s := range p.ExitStatus {
			item(&b, esc(s.Code), s.Help)
		}
	}
	// The version is in the footer too, but there the date overprints a
	// long one (a Go pseudo-version) on a terminal 80 wide.
	b.WriteString(".SH VERSION\n")
	text(&b, "This page describes "+esc(p.Name)+`\ `+esc(version)+".")
	if len(p.SeeAlso) > 0 {
		b.WriteString(".SH \"SEE ALSO\"\n")
		refs := make([]string, len(p.SeeAlso))
		for i, r := range p.SeeAlso {
			name, sec, _ := strings.Cut(r, "(")
			refs[i] = `\fB` + esc(name) + `\fR(` + esc(sec)
		}
		text(&b, strings.Join(refs, ", "))
	}
	return b.String()
}

// roffSynopsis writes p's usage lines, then one for each command.
func roffSynopsis(b *strings.Builder, p *Page) {
	b.WriteString(".SH SYNOPSIS\n")
	var lines [][2]string
	for _, s := range p.Synopsis {
		lines = append(lines, [2]string{p.Name, s})
	}
	for _, c := range p.Commands {
		lines = append(lines, [2]string{p.Name + " " + c.Name, c.usage()})
	}
	for i, l := range lines {
		if i > 0 {
			b.WriteString(".br\n")
		}
		text(b, strings.TrimSpace(`\fB`+esc(l[0])+`\fR `+esc(l[1])))
	}
}

// roffCommands writes a subsection for each of p's commands.
func roffCommands(b *strings.Builder, p *Page) {
	b.WriteString(".SH COMMANDS\n")
	if p.CommandsHeading != "" {
		text(b, esc(p.CommandsHeading+"."))
	}
	for i := range p.Commands {
		c := &p.Commands[i]
		fmt.Fprintf(b, ".SS %s\n", arg(strings.TrimSpace(p.Name+" "+c.Name+" "+c.usage())))
		text(b, esc(sentence(c.Help)))
		for _, s := range c.Description {
			b.WriteString(".PP\n")
			text(b, esc(s))
		}
		roffOptions(b, c.Options)
		if len(c.Settings) > 0 {
			b.WriteString(".PP\n")
			text(b, esc(settingsHeading(c)+":"))
			for _, s := range c.Settings {
				item(b, `\fB`+esc(s.Variable)+`\fR, \fB`+esc(s.Key)+`\fR`, s.Help)
			}
		}
	}
}

// environment is p's variables, then its commands' settings.
func environment(p *Page) []Variable {
	vars := append([]Variable(nil), p.Environment...)
	for _, c := range p.Commands {
		for _, s := range c.Settings {
			vars = append(vars, Variable{Name: s.Variable,
				Help: s.Help + ", for " + p.Name + " " + c.Name + "; when unset, py.ini's [" + c.SettingsSection + "] " + s.Key})
		}
	}
	return vars
}

// roffOptions writes opts as a tagged list.
func roffOptions(b *strings.Builder, opts []Option) {
	for _, o := range opts {
		names := make([]string, len(o.Names))
		for i, n := range o.Names {
			names[i] = `\fB` + esc(n) + `\fR`
		}
		tag := strings.Join(names, ", ")
		switch {
		case o.Arg == "":
		case strings.HasSuffix(o.Names[len(o.Names)-1], ":"), strings.HasSuffix(o.Names[len(o.Names)-1], "="):
			tag += `\fI` + esc(o.Arg) + `\fR`
		default:
			tag += ` \fI` + esc(o.Arg) + `\fR`
		}
		item(b, tag, o.Help)
	}
}

// item writes a tagged paragraph: tag is roff already, help plain text
// written as a sentence.
func item(b *strings.Builder, tag, help string) {
	b.WriteString(".TP\n")
	text(b, tag)
	text(b, esc(sentence(help)))
}

// sentence is help (which starts small, without a full stop) as a
// sentence: a capital first, a full stop last.
func sentence(help string) string {
	if !strings.HasSuffix(help, ".") {
		help += "."
	}
	return upper(help)
}

// small are names spelled small even first in a sentence, besides the
// pages' own.
var small = []string{"pyenv", "uv", "mise", "asdf", "pyvenv.cfg"}

// upper is s with its first letter a capital, unless its first word is
// a name spelled small (py, pyenv's, pyvenv.cfg).
func upper(s string) string {
	word, _, _ := strings.Cut(s, " ")
	word = strings.TrimSuffix(strings.TrimRight(word, ",:;"), "'s")
	for _, p := range Pages {
		if word == p.Name {
			return s
		}
	}
	for _, n := range small {
		if word == n {
			return s
		}
	}
	if s != "" && 'a' <= s[0] && s[0] <= 'z' {
		return string(s[0]-'a'+'A') + s[1:]
	}
	return s
}

// text writes s, roff already escaped, as one text line: a line
// starting with a dot or a quote would be a request, so it starts with
// the zero-width \& instead.
func text(b *strings.Builder, s string) {
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		b.WriteString(`\&`)
	}
	b.WriteString(s + "\n")
}

// esc is plain text s as roff: backslashes and hyphens escaped,
// characters beyond ASCII named (\[u2014]), control characters (a line
// end too) made spaces, so that s stays on its line.
func esc(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\e`)
		case r == '-':
			b.WriteString(`\-`)
		case r < ' ' || r == 0x7f:
			b.WriteByte(' ')
		case r > 0x7f:
			fmt.Fprintf(&b, `\[u%04X]`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// arg is plain text s as a quoted macro argument.
func arg(s string) string {
	return `"` + strings.ReplaceAll(esc(s), `"`, `\(dq`) + `"`
}
