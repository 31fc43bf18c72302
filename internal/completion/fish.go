package completion

import (
	"slices"
	"strings"
)

// fq quotes s for fish: 'it\'s'.
func fq(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

// fishWords writes the printf that offers words, each with its help.
func fishWords(b *strings.Builder, indent string, ws []word) {
	if len(ws) == 0 {
		b.WriteString(indent + "true\n")
		return
	}
	b.WriteString(indent + "printf '%s\\t%s\\n'")
	for _, w := range ws {
		b.WriteString(" " + fq(w.name) + " " + fq(firstLine(w.help)))
	}
	b.WriteString("\n")
}

// fishValues writes the printf that offers values.
func fishValues(b *strings.Builder, indent string, vs []string) {
	if len(vs) == 0 {
		b.WriteString(indent + "true\n")
		return
	}
	b.WriteString(indent + "printf '%s\\n'")
	for _, v := range vs {
		b.WriteString(" " + fq(v))
	}
	b.WriteString("\n")
}

// firstLine returns s up to its first newline.
func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// fish writes the fish script: one function prints the candidates,
// with their help, for the words before the cursor.
func fish(m model) string {
	f := bashFunc(m)
	var b strings.Builder
	b.WriteString(header(m, "fish", "fish"))
	b.WriteString(`# Install it as ~/.config/fish/completions/` + m.prog + `.fish.

function ` + f + `
    set -l words (commandline -opc)
    set -l cur (commandline -ct)
    set -l n (count $words)
    if test $n -eq 1
        switch $cur
`)
	for _, t := range m.tags {
		b.WriteString("            case " + fq(t+"*") + "\n")
		b.WriteString("                for t in (command $words[1] --completion tags 2>/dev/null)\n")
		b.WriteString("                    printf '%s\\t%s\\n' " + fq(t) + "$t 'interpreter'\n")
		b.WriteString("                end\n")
	}
	b.WriteString("            case '' '-*'\n")
	fishWords(&b, "                ", m.first)
	if m.dashVersions {
		// fish's case patterns have no [0-9].
		b.WriteString("                if string match -qr '^-[0-9]' -- $cur\n")
		b.WriteString("                    for t in (command $words[1] --completion tags 2>/dev/null | string match -r '^[0-9].*')\n")
		b.WriteString("                        printf '%s\\t%s\\n' -$t 'interpreter'\n")
		b.WriteString("                    end\n")
		b.WriteString("                end\n")
	}
	b.WriteString("            case '*'\n")
	var cmds []word
	for _, w := range m.first {
		if slices.Contains(commandNames(m), w.name) {
			cmds = append(cmds, w)
		}
	}
	fishWords(&b, "                ", cmds)
	b.WriteString("                __fish_complete_path $cur\n")
	b.WriteString("        end\n        return\n    end\n    switch $words[2]\n")
	for _, v := range m.next {
		b.WriteString("        case " + fq(v.name) + "\n            test $n -eq 2; or return\n")
		if v.values == nil {
			b.WriteString("            __fish_complete_path $cur\n")
		} else {
			fishValues(&b, "            ", v.values)
		}
	}
	for _, c := range m.commands {
		fishCommand(&b, c)
	}
	b.WriteString(`        case '*'
            __fish_complete_path $cur
    end
end

complete -c ` + m.prog + ` -f -a '(` + f + `)'
`)
	return b.String()
}

// fishCommand writes the case of a command word.
func fishCommand(b *strings.Builder, c command) {
	b.WriteString("        case " + fq(c.name) + "\n")
	if len(c.next) > 0 {
		b.WriteString("            switch $words[-1]\n")
		for _, v := range c.next {
			b.WriteString("                case " + fq(v.name) + "\n")
			if v.values == nil {
				b.WriteString("                    __fish_complete_path $cur\n")
			} else {
				fishValues(b, "                    ", v.values)
			}
			b.WriteString("                    return\n")
		}
		b.WriteString("            end\n")
	}
	b.WriteString("            switch $cur\n")
	for _, v := range c.eq {
		if v.values != nil {
			b.WriteString("                case " + fq(v.name+"*") + "\n")
			fishValues(b, "                    ", v.joined())
		}
	}
	switch {
	case c.words != nil:
		b.WriteString("                case '-*'\n")
		fishWords(b, "                    ", c.options)
		b.WriteString("                case '*'\n                    test $n -eq 2; and ")
		fishValues(b, "", c.words)
	case c.args:
		b.WriteString("                case '-*'\n")
		fishWords(b, "                    ", c.options)
		b.WriteString("                case '*'\n                    __fish_complete_path $cur\n")
	default:
		b.WriteString("                case '*'\n")
		fishWords(b, "                    ", c.options)
	}
	b.WriteString("            end\n")
}
