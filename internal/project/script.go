package project

import (
	"bytes"
	"fmt"
	"strings"
)

// block is one PEP 723 metadata block.
type block struct {
	typ     string
	start   int // line of "# /// TYPE"
	content string
}

// ScriptMetadata returns the requires-python of a script's PEP 723
// "# /// script" block: data is the start of the script, as much as the
// caller chose to read. found is false when there is no block or it has
// no requires-python.
//
// Blocks are found as the specification's reference expression
// (?m)^# /// (?P<type>[a-zA-Z0-9-]+)$\s(?P<content>(^#(| .*)$\s)+)^# ///$
// finds them: a block runs from "# /// TYPE" to the last "# ///" line
// before the first line that is not "#" or "# ...", and its content is
// its lines without the leading "# " or "#". Line ends may be CRLF. Where
// the specification's text and the expression differ, the text wins: a
// block may have no content lines.
//
// Two script blocks are an error, as the specification requires. A
// "# /// script" line with no end is ignored, as the specification says,
// but reported (an *Error) when no complete script block is found, so
// that the user learns why their metadata was not read. Content that is
// not TOML, or a requires-python that is not a string, is an *Error with
// its line in the script; line is that line, or requires-python's line
// when found.
func ScriptMetadata(data []byte) (requiresPython string, line int, found bool, err error) {
	blocks, unclosed := metadataBlocks(data)
	var script []block
	for _, b := range blocks {
		if b.typ == "script" {
			script = append(script, b)
		}
	}
	switch {
	case len(script) > 1:
		return "", script[1].start, false, &Error{Line: script[1].start,
			Reason: fmt.Sprintf("a second \"# /// script\" metadata block (the first is on line %d); a script may have only one", script[0].start)}
	case len(script) == 0 && len(unclosed) > 0:
		return "", unclosed[0], false, &Error{Line: unclosed[0],
			Reason: "a \"# /// script\" metadata block with no \"# ///\" line to end it"}
	case len(script) == 0:
		return "", 0, false, nil
	}
	b := script[0]
	doc, err := decodeTOML([]byte(b.content), b.start)
	if err != nil {
		if e, ok := err.(*Error); ok {
			e.Reason = strings.Replace(e.Reason, "invalid TOML", "invalid TOML in the script metadata", 1)
		}
		return "", lineOf(err), false, err
	}
	value, ok := doc["requires-python"]
	if !ok {
		return "", 0, false, nil
	}
	line = b.start
	if n := keyLine(b.content, "", "requires-python"); n > 0 {
		line += n
	}
	s, ok := value.(string)
	if !ok {
		return "", line, false, &Error{Line: line, Reason: fmt.Sprintf("requires-python is %s, not a string", tomlType(value))}
	}
	return s, line, true, nil
}

// ScriptRequiresPython parses the requires-python of the script at path,
// whose start is data (see ScriptMetadata). Errors are *Error values
// naming path and line.
func ScriptRequiresPython(data []byte, path string) (r Requirement, found bool, err error) {
	text, line, found, err := ScriptMetadata(data)
	if err != nil || !found {
		return r, false, withPath(err, path)
	}
	return parseRequirement(path, line, text)
}

// metadataBlocks finds the metadata blocks of a script, and the lines of
// "# /// script" starts that have no end.
func metadataBlocks(data []byte) (blocks []block, unclosed []int) {
	text := string(bytes.TrimPrefix(data, bom))
	var lines []string
	var ended []bool // the line has a line end after it
	for text != "" {
		line, rest, found := strings.Cut(text, "\n")
		lines = append(lines, strings.TrimSuffix(line, "\r"))
		ended = append(ended, found)
		text = rest
	}
	for i := 0; i < len(lines); i++ {
		typ, ok := startLine(lines[i])
		if !ok || !ended[i] {
			continue
		}
		// The block ends at the last "# ///" of the run of comment lines
		// that follows; every line before the end needs a line end.
		end := -1
		for j := i + 1; j < len(lines) && isContentLine(lines[j]); j++ {
			if lines[j] == "# ///" {
				end = j
			}
			if !ended[j] {
				break
			}
		}
		if end < 0 {
			if typ == "script" {
				unclosed = append(unclosed, i+1)
			}
			continue
		}
		var content strings.Builder
		for _, l := range lines[i+1 : end] {
			if rest, ok := strings.CutPrefix(l, "# "); ok {
				content.WriteString(rest)
			} else {
				content.WriteString(l[1:])
			}
			content.WriteByte('\n')
		}
		blocks = append(blocks, block{typ: typ, start: i + 1, content: content.String()})
		i = end
	}
	return blocks, unclosed
}

// startLine reports whether line is "# /// TYPE", and TYPE.
func startLine(line string) (string, bool) {
	typ, ok := strings.CutPrefix(line, "# /// ")
	if !ok || typ == "" {
		return "", false
	}
	for i := 0; i < len(typ); i++ {
		c := typ[i]
		if !isDigit(c) && !('a' <= c && c <= 'z') && !('A' <= c && c <= 'Z') && c != '-' {
			return "", false
		}
	}
	return typ, true
}

// isContentLine reports whether line can be inside a block: "#", or "# "
// followed by anything.
func isContentLine(line string) bool {
	return line == "#" || strings.HasPrefix(line, "# ")
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
