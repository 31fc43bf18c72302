// Package trampoline reads and writes console-script launchers in
// distlib's format: a template executable, then a line
// "#!<interpreter> [args]\n", then a zip archive holding __main__.py.
// The launcher finds the line through the zip's end-of-central-directory
// record, so the template needs no knowledge of its own size.
//
// Reading is kept cheap and small: it reads the end of the file and the
// bytes before the archive, nothing else, and imports little.
package trampoline

import (
	"errors"
	"io"
	"strings"
	"unicode/utf8"
)

// Limits.
const (
	// MaxShebang is the longest shebang line accepted, in bytes.
	MaxShebang = 4096
	// eocdSize is the size of the end-of-central-directory record
	// without its comment, whose length is at most 65535.
	eocdSize   = 22
	maxComment = 65535
	// cdHeaderSize and localHeaderSize are the sizes of a central
	// directory header and of a local file header, without their
	// variable parts.
	cdHeaderSize    = 46
	localHeaderSize = 30
)

// Errors of Parse.
var (
	ErrNoArchive    = errors.New("no zip archive is attached (a template, not a launcher)")
	ErrCorrupt      = errors.New("the attached zip archive is corrupt")
	ErrEmptyArchive = errors.New("the attached zip archive holds no files")
	ErrNoShebang    = errors.New("no #! line before the attached zip archive")
	ErrLongLine     = errors.New("the #! line is longer than 4096 bytes")
	ErrNUL          = errors.New("the #! line holds a NUL byte")
	ErrNotUTF8      = errors.New("the #! line is not UTF-8")
	ErrBadShebang   = errors.New("the #! line names no interpreter")
)

// errNotRegular is the launcher's own path naming something other than a
// regular file: it is never read.
var errNotRegular = errors.New("not a regular file")

// Trailer is what a launcher carries after its template.
type Trailer struct {
	// Shebang is the text after "#!", without the line end.
	Shebang string
	// ShebangOffset is where "#!" starts: the template's size.
	ShebangOffset int64
	// ArchiveOffset is where the zip archive starts.
	ArchiveOffset int64
}

// Parse finds the shebang line of the launcher r of the given size.
func Parse(r io.ReaderAt, size int64) (Trailer, error) {
	z, err := readDirectory(r, size)
	if err != nil {
		return Trailer{}, err
	}
	zipapp, err := checkArchiveStart(r, z)
	if err != nil {
		return Trailer{}, err
	}
	if zipapp {
		return readLineAt(r, z.archive, size)
	}
	return readLineBefore(r, z.archive)
}

// zipDir is where a launcher's zip archive lies, as its
// end-of-central-directory record says.
type zipDir struct {
	// archive is where the archive starts: its offsets count from there.
	archive int64
	// cdStart is where the central directory starts.
	cdStart int64
	// first starts with the central directory's first header.
	first []byte
}

// readDirectory reads the end of the launcher r and finds the zip
// archive's end-of-central-directory record there, then checks the
// central directory.
func readDirectory(r io.ReaderAt, size int64) (zipDir, error) {
	// The end of central directory record is in the last 22 + 65535
	// bytes.
	n := int64(eocdSize + maxComment)
	if n > size {
		n = size
	}
	tail := make([]byte, n)
	tailPos := size - n
	if _, err := r.ReadAt(tail, tailPos); err != nil && err != io.EOF {
		return zipDir{}, err
	}
	eocd := findEOCD(tail)
	if eocd < 0 {
		return zipDir{}, ErrNoArchive
	}
	z, entries, err := parseEOCD(tail[eocd:], tailPos+int64(eocd))
	if err != nil {
		return zipDir{}, err
	}
	// The central directory is checked in full when it lies within the
	// bytes read already (as in any launcher mkentrypoint or pip
	// writes); else its first header is.
	if z.cdStart >= tailPos {
		z.first, err = checkDirectory(tail[z.cdStart-tailPos:eocd], entries)
	} else {
		z.first, err = readFirstHeader(r, z.cdStart)
	}
	return z, err
}

// findEOCD returns where the end-of-central-directory record starts in
// tail, the end of the file, or -1: the last signature whose comment
// runs exactly to the end is the real one.
func findEOCD(tail []byte) int {
	for i := len(tail) - eocdSize; i >= 0; i-- {
		if tail[i] == 'P' && tail[i+1] == 'K' && tail[i+2] == 5 && tail[i+3] == 6 {
			commentLen := int(le16(tail[i+20:]))
			if i+eocdSize+commentLen == len(tail) {
				return i
			}
		}
	}
	return -1
}

// parseEOCD reads the end-of-central-directory record rec, found at pos
// in the file: where the archive and its central directory start, and
// how many entries the directory holds.
func parseEOCD(rec []byte, pos int64) (z zipDir, entries int64, err error) {
	if le16(rec[4:]) != 0 || le16(rec[6:]) != 0 || le16(rec[8:]) != le16(rec[10:]) {
		return zipDir{}, 0, ErrCorrupt // split over several "disks"
	}
	entries = int64(le16(rec[10:]))
	cdSize := int64(le32(rec[12:]))
	cdOffset := int64(le32(rec[16:]))
	if entries == 0 {
		if cdSize == 0 {
			return zipDir{}, 0, ErrEmptyArchive
		}
		return zipDir{}, 0, ErrCorrupt
	}
	z.cdStart = pos - cdSize
	z.archive = z.cdStart - cdOffset
	if cdSize < entries*cdHeaderSize || z.cdStart < 0 || z.archive < 0 {
		return zipDir{}, 0, ErrCorrupt
	}
	return z, entries, nil
}

// checkDirectory checks the central directory cd, which runs up to the
// end-of-central-directory record: as many entries as the record says,
// each a 46-byte header "PK\x01\x02" followed by a name, an extra field
// and a comment, and nothing else. It returns cd.
func checkDirectory(cd []byte, entries int64) ([]byte, error) {
	rest := cd
	for k := int64(0); k < entries; k++ {
		if len(rest) < cdHeaderSize || string(rest[:4]) != "PK\x01\x02" {
			return nil, ErrCorrupt
		}
		l := cdHeaderSize + int(le16(rest[28:])) + int(le16(rest[30:])) + int(le16(rest[32:]))
		if l > len(rest) {
			return nil, ErrCorrupt
		}
		rest = rest[l:]
	}
	if len(rest) != 0 {
		return nil, ErrCorrupt
	}
	return cd, nil
}

// readFirstHeader reads the central directory's first header, at off.
func readFirstHeader(r io.ReaderAt, off int64) ([]byte, error) {
	first := make([]byte, cdHeaderSize)
	if _, err := r.ReadAt(first, off); err != nil || string(first[:4]) != "PK\x01\x02" {
		return nil, ErrCorrupt
	}
	return first, nil
}

// checkArchiveStart checks that the first entry's local header is where
// the offsets say, before the central directory, and what the archive
// starts with: a local file header, or, for an archive whose offsets
// count the shebang (a zipapp), the "#!" of the line itself; then zipapp
// is true.
func checkArchiveStart(r io.ReaderAt, z zipDir) (zipapp bool, err error) {
	local := z.archive + int64(le32(z.first[42:]))
	if local+localHeaderSize > z.cdStart {
		return false, ErrCorrupt
	}
	head := make([]byte, 4)
	if _, err := r.ReadAt(head, z.archive); err != nil {
		return false, ErrCorrupt
	}
	if local != z.archive {
		sig := make([]byte, 4)
		if _, err := r.ReadAt(sig, local); err != nil || string(sig) != "PK\x03\x04" {
			return false, ErrCorrupt
		}
		if head[0] == '#' && head[1] == '!' {
			return true, nil
		}
	}
	if string(head) != "PK\x03\x04" {
		return false, ErrCorrupt
	}
	return false, nil
}

// readLineBefore reads the #! line that ends just before the archive at
// off, in "\n" or "\r\n".
func readLineBefore(r io.ReaderAt, off int64) (Trailer, error) {
	back := int64(2 + MaxShebang + 2)
	if back > off {
		back = off
	}
	buf := make([]byte, back)
	if _, err := r.ReadAt(buf, off-back); err != nil {
		return Trailer{}, ErrCorrupt
	}
	end := trimLineEnds(buf)
	if end == len(buf) {
		return Trailer{}, ErrNoShebang // the line must end before the archive
	}
	start := lineStart(buf, end)
	if start < 0 {
		return Trailer{}, lineError(r, off)
	}
	line := string(buf[start+2 : end])
	if len(line) > MaxShebang {
		return Trailer{}, ErrLongLine
	}
	line = strings.TrimSpace(line)
	if line == "" {
		return Trailer{}, ErrBadShebang
	}
	return Trailer{Shebang: line, ShebangOffset: off - back + int64(start), ArchiveOffset: off}, nil
}

// trimLineEnds returns the length of buf without its trailing line ends.
func trimLineEnds(buf []byte) int {
	end := len(buf)
	for end > 0 && isLineEnd(buf[end-1]) {
		end--
	}
	return end
}

// lineStart returns where the #! line ending at end starts in buf, or
// -1. The template's last bytes run into "#!" with no line end between:
// the line starts at the earliest "#!" after which there is only text
// (no line end, no NUL, valid UTF-8) up to the line end.
func lineStart(buf []byte, end int) int {
	start := -1
	for i := end - 2; i >= 0; i-- {
		c := buf[i+1]
		if isLineEnd(c) || c == 0 {
			break
		}
		if buf[i] == '#' && c == '!' && utf8.Valid(buf[i+2:end]) {
			start = i
		}
	}
	return start
}

// lineError says why no #! line was found before the archive at off. The
// line, if there is one, starts at the last "#!" of the last line. Text
// running on for more than MaxShebang bytes after it is a line too long;
// otherwise, within MaxShebang bytes of the line end, a NUL or bytes that
// are not UTF-8 after it are what is wrong with the line. (A "#!" farther
// back, soon followed by a NUL, is the template's: no line.) Only
// failures come here, so it may read more than Parse: up to 64 KiB
// before the archive.
func lineError(r io.ReaderAt, off int64) error {
	back := int64(64<<10 + 2 + MaxShebang + 2)
	if back > off {
		back = off
	}
	buf := make([]byte, back)
	if _, err := r.ReadAt(buf, off-back); err != nil {
		return ErrCorrupt
	}
	end := trimLineEnds(buf)
	for i := end - 2; i >= 0 && !isLineEnd(buf[i+1]); i-- {
		if buf[i] != '#' || buf[i+1] != '!' {
			continue
		}
		text := buf[i+2 : end]
		run := 0
		for run < len(text) && text[run] != 0 {
			run++
		}
		switch {
		case run > MaxShebang:
			return ErrLongLine
		case len(text) > MaxShebang:
			return ErrNoShebang
		case run < len(text):
			return ErrNUL
		case !utf8.Valid(text):
			return ErrNotUTF8
		}
		return ErrNoShebang
	}
	return ErrNoShebang
}

// readLineAt reads a "#!" line starting at off.
func readLineAt(r io.ReaderAt, off, size int64) (Trailer, error) {
	n := int64(2 + MaxShebang + 2)
	if off+n > size {
		n = size - off
	}
	buf := make([]byte, n)
	if _, err := r.ReadAt(buf, off); err != nil && err != io.EOF {
		return Trailer{}, ErrCorrupt
	}
	end := 2
	for end < len(buf) && !isLineEnd(buf[end]) {
		end++
	}
	text := buf[2:end]
	switch {
	case end-2 > MaxShebang:
		return Trailer{}, ErrLongLine
	case containsNUL(text):
		return Trailer{}, ErrNUL
	case end == len(buf):
		if n == 2+MaxShebang+2 {
			return Trailer{}, ErrLongLine
		}
		return Trailer{}, ErrNoShebang
	case !utf8.Valid(text):
		return Trailer{}, ErrNotUTF8
	}
	line := strings.TrimSpace(string(text))
	if line == "" {
		return Trailer{}, ErrBadShebang
	}
	return Trailer{Shebang: line, ShebangOffset: off, ArchiveOffset: off}, nil
}

func isLineEnd(c byte) bool { return c == '\n' || c == '\r' }

func containsNUL(b []byte) bool {
	for _, c := range b {
		if c == 0 {
			return true
		}
	}
	return false
}

func le16(b []byte) uint16 { return uint16(b[0]) | uint16(b[1])<<8 }
func le32(b []byte) uint32 {
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
}
