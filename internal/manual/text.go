package manual

import (
	"strings"
)

// width is the widest a line of help may be (a word longer than a line
// overflows it).
const width = 79

// Spelling is how o is written in a help or a man page: its names, the
// argument after the last ("-s, --source INDEX", "-V:TAG").
func Spelling(o Option) string {
	s := strings.Join(o.Names, ", ")
	switch {
	case o.Arg == "":
	case strings.HasSuffix(s, ":"), strings.HasSuffix(s, "="):
		s += o.Arg
	default:
		s += " " + o.Arg
	}
	return s
}

// usage is c's synopsis after the program and command names.
func (c *Command) usage() string {
	if c.Usage != "" {
		return c.Usage
	}
	return c.Args
}

// Command returns p's command called name, or nil.
func (p *Page) Command(name string) *Command {
	for i := range p.Commands {
		if p.Commands[i].Name == name {
			return &p.Commands[i]
		}
	}
	return nil
}

// Help is the plain-text help of p as the program called name prints
// it, with its version and, when config is not empty, a line saying
// which configuration files it reads (py's depend on the machine). See
// [Page] for what it holds.
func Help(p *Page, name, version, config string) string {
	var b strings.Builder
	if p.Title != "" {
		b.WriteString(p.Title + " " + version + "\n\n")
	}
	for i, s := range p.Synopsis {
		lead := "usage: "
		if i > 0 {
			lead = "       "
		}
		b.WriteString(lead + name + " " + s + "\n")
	}
	paragraphs(&b, p.Description)
	if len(p.Options) > 0 {
		b.WriteString("\n")
		heading(&b, p.OptionsHeading)
		table(&b, optionRows(p.Options))
	}
	if len(p.Commands) > 0 {
		var rows [][2]string
		for _, c := range p.Commands {
			rows = append(rows, [2]string{strings.TrimSpace(c.Name + " " + c.Args), c.Help})
		}
		b.WriteString("\n")
		heading(&b, p.CommandsHeading)
		table(&b, rows)
	}
	paragraphs(&b, p.Details)
	var names []string
	for _, v := range p.Environment {
		if v.InHelp {
			names = append(names, v.Name)
		}
	}
	if len(names) > 0 || config != "" {
		b.WriteString("\n")
	}
	if len(names) > 0 {
		wrap(&b, "Environment: "+strings.Join(names, ", "), "")
	}
	if config != "" {
		b.WriteString("Configuration: " + config + "\n")
	}
	if p.HelpExit && len(p.ExitStatus) > 0 {
		var s []string
		for _, st := range p.ExitStatus {
			s = append(s, st.Code+" "+st.Help)
		}
		b.WriteString("\n")
		wrap(&b, "Exit status: "+strings.Join(s, "; ")+".", "")
	}
	if p.Title == "" {
		b.WriteString("\n" + name + " " + version + "\n")
	}
	return b.String()
}

// CommandHelp is the plain-text help of p's command c: "usage: py
// install ...", its description, options and settings.
func CommandHelp(p *Page, c *Command) string {
	var b strings.Builder
	b.WriteString(strings.TrimSpace("usage: "+p.Name+" "+c.Name+" "+c.usage()) + "\n")
	paragraphs(&b, c.Description)
	if len(c.Options) > 0 {
		b.WriteString("\nOptions:\n")
		table(&b, optionRows(c.Options))
	}
	if len(c.Settings) > 0 {
		b.WriteString("\n" + settingsHeading(c) + ":\n")
		var rows [][2]string
		for _, s := range c.Settings {
			rows = append(rows, [2]string{s.Variable + ", " + s.Key, s.Help})
		}
		table(&b, rows)
	}
	return b.String()
}

// settingsHeading introduces c's settings.
func settingsHeading(c *Command) string {
	return "Settings (the variable first, then py.ini's [" + c.SettingsSection + "] section)"
}

func optionRows(opts []Option) [][2]string {
	rows := make([][2]string, len(opts))
	for i, o := range opts {
		rows[i] = [2]string{Spelling(o), o.Help}
	}
	return rows
}

// heading writes h as a heading line, when there is one.
func heading(b *strings.Builder, h string) {
	if h != "" {
		b.WriteString(h + ":\n")
	}
}

// paragraphs writes each of ps wrapped, after an empty line.
func paragraphs(b *strings.Builder, ps []string) {
	for _, p := range ps {
		b.WriteString("\n")
		wrap(b, p, "")
	}
}

// table writes rows as two columns, indented by two spaces, the second
// wrapped beside the widest first.
func table(b *strings.Builder, rows [][2]string) {
	col := 0
	for _, r := range rows {
		col = max(col, len(r[0]))
	}
	col += 4
	for _, r := range rows {
		if r[1] == "" {
			b.WriteString("  " + r[0] + "\n")
			continue
		}
		var t strings.Builder
		wrap(&t, r[1], strings.Repeat(" ", col))
		b.WriteString("  " + r[0] + strings.Repeat(" ", col-2-len(r[0])) + strings.TrimLeft(t.String(), " "))
	}
}

// wrap writes s in lines of at most width characters, each starting
// with indent.
func wrap(b *strings.Builder, s, indent string) {
	line := indent
	for _, w := range strings.Fields(s) {
		if len(line) > len(indent) && len(line)+1+len(w) > width {
			b.WriteString(line + "\n")
			line = indent
		}
		if len(line) > len(indent) {
			line += " "
		}
		line += w
	}
	b.WriteString(line + "\n")
}
