package completion

import "strings"

// zsh writes the zsh script: an autoloadable #compdef file that can also
// be sourced (it then registers itself with compdef).
func zsh(m model) string {
	f := bashFunc(m)
	var b strings.Builder
	b.WriteString("#compdef " + m.prog + "\n")
	b.WriteString(header(m, "zsh", "zsh"))
	b.WriteString(`# Put it in a directory of $fpath as _` + m.prog + ` (before compinit), or source it after compinit.

` + f + `_add() {
    # Offers the candidates that start with the word; those ending in : or = take no space after them.
    local -a sp nosp
    local w
    for w in "$@"; do
        if [[ $w == *[:=] ]]; then nosp+=("$w"); else sp+=("$w"); fi
    done
    (( $#sp )) && compadd -- "${sp[@]}"
    (( $#nosp )) && compadd -S '' -- "${nosp[@]}"
    return 0
}

` + f + `_tags() {
    # Offers $1 before each tag "$2 --completion tags" prints (with $3,
    # only the versions: those that start with a digit).
    local -a tags
    tags=("${(@f)$("$2" --completion tags 2>/dev/null)}")
    tags=(${tags:#})
    [[ -n $3 ]] && tags=(${(M)tags:#[0-9]*})
    (( $#tags )) && compadd -- "$1"${^tags}
    return 0
}

` + f + `() {
    local cur=${words[CURRENT]} prev=${words[CURRENT-1]} prog=${(Q)words[1]}
    if (( CURRENT == 2 )); then
        case $cur in
`)
	for _, t := range m.tags {
		b.WriteString("        " + sq(t) + "*) " + f + "_tags " + sq(t) + " \"$prog\" ;;\n")
	}
	if m.dashVersions {
		b.WriteString("        -[0-9]*) " + f + "_add " + sqList(names(m.first)) + "; " + f + "_tags - \"$prog\" versions ;;\n")
	}
	b.WriteString("        '' | -*) " + f + "_add " + sqList(names(m.first)) + " ;;\n")
	b.WriteString("        *) " + f + "_add " + sqList(commandNames(m)) + "; _files ;;\n")
	b.WriteString("        esac\n        return\n    fi\n    case ${words[2]} in\n")
	for _, v := range m.next {
		b.WriteString("    " + sq(v.name) + ")\n        if (( CURRENT == 3 )); then\n")
		if v.values == nil {
			b.WriteString("            _files\n")
		} else {
			b.WriteString("            " + f + "_add " + sqList(v.values) + "\n")
		}
		b.WriteString("        fi ;;\n")
	}
	for _, c := range m.commands {
		zshCommand(&b, f, c)
	}
	b.WriteString(`    *) _files ;;
    esac
}

if [[ $funcstack[1] == ` + f + ` || $funcstack[1] == _` + m.prog + ` ]]; then
    ` + f + ` "$@"
else
    compdef ` + f + ` ` + m.prog + `
fi
`)
	return b.String()
}

// zshCommand writes the case of a command word.
func zshCommand(b *strings.Builder, f string, c command) {
	b.WriteString("    " + sq(c.name) + ")\n")
	if len(c.next) > 0 {
		b.WriteString("        case $prev in\n")
		for _, v := range c.next {
			b.WriteString("        " + sq(v.name) + ")\n")
			if v.values == nil {
				b.WriteString("            _files; return ;;\n")
			} else {
				b.WriteString("            " + f + "_add " + sqList(v.values) + "; return ;;\n")
			}
		}
		b.WriteString("        esac\n")
	}
	b.WriteString("        case $cur in\n")
	for _, v := range c.eq {
		if v.values != nil {
			b.WriteString("        " + sq(v.name) + "*) " + f + "_add " + sqList(v.joined()) + " ;;\n")
		}
	}
	switch {
	case c.words != nil:
		b.WriteString("        -*) " + f + "_add " + sqList(names(c.options)) + " ;;\n")
		b.WriteString("        *) (( CURRENT == 3 )) && " + f + "_add " + sqList(c.words) + " ;;\n")
	case c.args:
		b.WriteString("        -*) " + f + "_add " + sqList(names(c.options)) + " ;;\n")
		b.WriteString("        *) _files ;;\n")
	default:
		b.WriteString("        *) " + f + "_add " + sqList(names(c.options)) + " ;;\n")
	}
	b.WriteString("        esac ;;\n")
}
