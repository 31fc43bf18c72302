// Package quote sets values apart in messages as people write them: in
// double quotes, with no Go escapes — a Windows path keeps its single
// backslashes ("C:\Python314\python.exe", not "C:\\Python314\\python.exe")
// — and with control characters made visible, so that a message stays one
// line and a terminal never acts on what it prints.
package quote

import (
	"strconv"
	"strings"
)

// String returns s in double quotes, for a message.
func String(s string) string { return `"` + Visible(s) + `"` }

// Visible makes s safe to show on a terminal, on one line: control
// characters (C0, DEL, C1: line ends, ESC sequences, NUL) are written as
// Go escapes (\n, \x1b); everything else is left as it is, backslashes
// included.
func Visible(s string) string {
	if strings.IndexFunc(s, IsControl) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if !IsControl(r) {
			b.WriteRune(r)
			continue
		}
		q := strconv.QuoteRune(r) // '\n', '\x1b', '\u0085'
		b.WriteString(q[1 : len(q)-1])
	}
	return b.String()
}

// IsControl reports the characters a terminal acts on: C0, DEL and C1.
func IsControl(r rune) bool { return r < 0x20 || r >= 0x7f && r <= 0x9f }
