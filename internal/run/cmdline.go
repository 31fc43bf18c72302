package run

import "strings"

// CommandLineTail returns what follows argv[0] and skip more arguments in
// the Windows command line line, verbatim, starting with the white space
// before the next argument ("" when nothing follows). The arguments are
// split as a Go program's os.Args has them, since py counts its arguments
// there: the CommandLineToArgvW rules (backslashes before a quote), with
// "" inside quotes a quote that ends them (the rule before 2008, which Go
// follows), and argv[0] read like any other argument.
func CommandLineTail(line string, skip int) string {
	i := skipArg(line, 0)
	for ; skip > 0; skip-- {
		i = skipArg(line, i)
	}
	return line[i:]
}

// skipArg returns the index just after the argument that starts at or
// after i (after any white space).
func skipArg(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	inQuote := false
	for i < len(s) {
		switch c := s[i]; {
		case (c == ' ' || c == '\t') && !inQuote:
			return i
		case c == '\\':
			j := i
			for j < len(s) && s[j] == '\\' {
				j++
			}
			if j < len(s) && s[j] == '"' && (j-i)%2 == 1 {
				j++ // an escaped quote
			}
			i = j
		case c == '"':
			if inQuote && i+1 < len(s) && s[i+1] == '"' {
				// A quote, and the end of the quoted part.
				inQuote = false
				i += 2
				continue
			}
			inQuote = !inQuote
			i++
		default:
			i++
		}
	}
	return i
}

// QuoteArg quotes s as CommandLineToArgvW reads it back (what
// syscall.EscapeArg does on Windows), on any platform.
func QuoteArg(s string) string {
	if s == "" {
		return `""`
	}
	if !strings.ContainsAny(s, " \t\"") {
		return s
	}
	var b strings.Builder
	b.WriteByte('"')
	slashes := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			slashes++
		case '"':
			for ; slashes > 0; slashes-- {
				b.WriteByte('\\')
			}
			b.WriteByte('\\')
		default:
			slashes = 0
		}
		b.WriteByte(s[i])
	}
	for ; slashes > 0; slashes-- {
		b.WriteByte('\\')
	}
	b.WriteByte('"')
	return b.String()
}

// Argv0 returns the program name a Windows command line starts with, as
// CPython's launcher reads it: a quoted name runs to the next quote
// (quotes inside have no effect, nothing is escaped), an unquoted one to
// the first space or tab; the quotes are not part of it.
func Argv0(line string) string {
	if strings.HasPrefix(line, `"`) {
		if i := strings.IndexByte(line[1:], '"'); i >= 0 {
			return line[1 : 1+i]
		}
		return line[1:]
	}
	if i := strings.IndexAny(line, " \t"); i >= 0 {
		return line[:i]
	}
	return line
}
