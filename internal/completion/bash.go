package completion

import (
	"strings"
)

// sq quotes s for a POSIX shell (bash, zsh): 'it'\”s'.
func sq(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// sqList quotes each of ss and joins them with spaces.
func sqList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = sq(s)
	}
	return strings.Join(q, " ")
}

// caseNames is a case pattern matching any of names: -s|--source.
func caseNames(vs []valued) string {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = sq(v.name)
	}
	return strings.Join(q, "|")
}

// bashFunc is the name of the scripts' function, made of the program's.
func bashFunc(m model) string {
	return "_" + strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return r
		}
		return '_'
	}, m.prog) + "_completion"
}

// bash writes the bash script. It reads the words from COMP_LINE, so
// that "-V:3.12" and "--format=json" are one word whatever
// COMP_WORDBREAKS says, and trims the candidates as bash-completion's
// __ltrim_colon_completions does, since bash replaces only what follows
// the last ":" or "=".
func bash(m model) string {
	f := bashFunc(m)
	var b strings.Builder
	b.WriteString(header(m, "bash", "bash"))
	b.WriteString(`# Install it as ~/.local/share/bash-completion/completions/` + m.prog + `, or source it from ~/.bashrc.

` + f + `_tags() {
    # Adds $1 before each tag "$2 --completion tags" prints (with $3,
    # only the versions: those that start with a digit).
    local t
    while IFS= read -r t; do
        [[ -n $t && ( -z $3 || $t == [0-9]* ) ]] && cands+=("$1$t")
    done < <("$2" --completion tags 2>/dev/null)
}

` + f + `() {
    local line=${COMP_LINE:0:COMP_POINT}
    local -a words=() cands=()
    read -ra words <<<"$line"
    if [[ -z $line || $line == *[[:space:]] ]]; then
        words+=("")
    fi
    local cword=$((${#words[@]} - 1))
    local cur=${words[cword]} prev= files=
    ((cword > 0)) && prev=${words[cword - 1]}
    local prog=${words[0]/#\~/$HOME}
    COMPREPLY=()
    if ((cword == 1)); then
        case $cur in
`)
	for _, t := range m.tags {
		b.WriteString("        " + sq(t) + "*) " + f + "_tags " + sq(t) + " \"$prog\" ;;\n")
	}
	if m.dashVersions {
		b.WriteString("        -[0-9]*) cands=(" + sqList(names(m.first)) + "); " + f + "_tags - \"$prog\" versions ;;\n")
	}
	b.WriteString("        '' | -*) cands=(" + sqList(names(m.first)) + ") ;;\n")
	b.WriteString("        *) cands=(" + sqList(commandNames(m)) + "); files=1 ;;\n")
	b.WriteString("        esac\n    else\n        case ${words[1]} in\n")
	for _, v := range m.next {
		b.WriteString("        " + sq(v.name) + ")\n            if ((cword == 2)); then\n")
		if v.values == nil {
			b.WriteString("                files=1\n")
		} else {
			b.WriteString("                cands=(" + sqList(v.values) + ")\n")
		}
		b.WriteString("            fi ;;\n")
	}
	for _, c := range m.commands {
		bashCommand(&b, c)
	}
	b.WriteString(`        *) files=1 ;;
        esac
    fi
    local c
    for c in "${cands[@]}"; do
        [[ $c == "$cur"* ]] && COMPREPLY+=("$c")
    done
    if ((${#COMPREPLY[@]} == 1)) && [[ ${COMPREPLY[0]} == *[:=] ]]; then
        compopt -o nospace 2>/dev/null
    fi
    # Bash replaces only what follows the last word break (: or =).
    local pre=${cur%"${cur##*[:=]}"}
    if [[ -n $pre && $COMP_WORDBREAKS == *"${pre: -1}"* ]] && ((${#COMPREPLY[@]})); then
        COMPREPLY=("${COMPREPLY[@]#"$pre"}")
    fi
    if [[ -n $files ]]; then
        compopt -o filenames 2>/dev/null
        local -a found
        mapfile -t found < <(compgen -f -- "$cur")
        COMPREPLY+=("${found[@]}")
    fi
    return 0
}

complete -F ` + f + ` ` + m.prog + "\n")
	return b.String()
}

// bashCommand writes the case of a command word.
func bashCommand(b *strings.Builder, c command) {
	b.WriteString("        " + sq(c.name) + ")\n")
	in := "            "
	if len(c.next) > 0 {
		b.WriteString("            case $prev in\n")
		var files []valued
		for _, v := range c.next {
			if v.values == nil {
				files = append(files, v)
				continue
			}
			b.WriteString("            " + sq(v.name) + ") cands=(" + sqList(v.values) + ") ;;\n")
		}
		if len(files) > 0 {
			b.WriteString("            " + caseNames(files) + ") files=1 ;;\n")
		}
		b.WriteString("            *)\n")
		in = "                "
	}
	b.WriteString(in + "case $cur in\n")
	for _, v := range c.eq {
		if v.values != nil {
			b.WriteString(in + sq(v.name) + "*) cands=(" + sqList(v.joined()) + ") ;;\n")
		}
	}
	switch {
	case c.words != nil:
		b.WriteString(in + "-*) cands=(" + sqList(names(c.options)) + ") ;;\n")
		b.WriteString(in + "*) ((cword == 2)) && cands=(" + sqList(c.words) + ") ;;\n")
	case c.args:
		b.WriteString(in + "-*) cands=(" + sqList(names(c.options)) + ") ;;\n")
		b.WriteString(in + "*) files=1 ;;\n")
	default:
		b.WriteString(in + "*) cands=(" + sqList(names(c.options)) + ") ;;\n")
	}
	b.WriteString(in + "esac")
	if len(c.next) > 0 {
		b.WriteString(" ;;\n            esac")
	}
	b.WriteString(" ;;\n")
}
