// Package unpack extracts the archives Pythons are shipped in —
// python-build-standalone's .tar.gz and .tar.zst, PyPy's .tar.bz2,
// pymanager's .zip and .nupkg — safely, and lays a python-build-standalone
// extraction out as an install.
//
// Safe means that nothing an archive says can make Extract write outside
// its directory, go through a link it planted, create a device, or set
// odd modes: every such entry is an *Error and extraction stops there.
// The directory is the caller's own: Extract guards against the archive,
// not against another process changing the directory while it works.
//
// On Windows no symbolic link is extracted: every one is an *Error, so
// that none can be there to write through. Windows makes them only with a
// privilege or in Developer Mode, and decides when one is made whether it
// is a file's or a directory's; wine 8 says it made one and makes
// nothing, and its os.Lstat follows a Unix symbolic link as if it were
// what it points to, so that a link made as one could not be seen. The
// archives of Pythons for Windows — python-build-standalone's Windows
// builds, pymanager's packages — have no symbolic links. Hard links, to a
// file extracted before, are made everywhere.
package unpack

import (
	"compress/bzip2"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/klauspost/compress/zstd"

	"github.com/pylauncher/py/internal/quote"
)

// Format is an archive format.
type Format int

// The formats, from 1: the zero Format is none.
const (
	TarGz  Format = iota + 1 // .tar.gz, .tgz
	TarZst                   // .tar.zst
	TarBz2                   // .tar.bz2
	Zip                      // .zip, .nupkg
)

func (f Format) String() string {
	switch f {
	case TarGz:
		return "tar.gz"
	case TarZst:
		return "tar.zst"
	case TarBz2:
		return "tar.bz2"
	case Zip:
		return "zip"
	}
	return "Format(" + strconv.Itoa(int(f)) + ")"
}

// suffixes maps the ends of names to formats, longest first where one
// ends another.
var suffixes = []struct {
	suffix string
	format Format
}{
	{".tar.gz", TarGz}, {".tgz", TarGz},
	{".tar.zst", TarZst},
	{".tar.bz2", TarBz2},
	{".zip", Zip}, {".nupkg", Zip},
}

// FormatError is a name whose format FormatOf does not know.
type FormatError struct{ Name string }

func (e *FormatError) Error() string {
	return "unknown archive format: " + quote.String(e.Name) +
		" (want .tar.gz, .tgz, .tar.zst, .tar.bz2, .zip or .nupkg)"
}

// FormatOf tells an archive's format by how its name ends, in any case.
// The name is a file's or a URL's: a URL's query and fragment are not
// part of it, and its path may be escaped (%2B).
func FormatOf(name string) (Format, error) {
	base := name
	if strings.Contains(name, "://") {
		if u, err := url.Parse(name); err == nil {
			base = u.Path
		}
	}
	base = strings.ToLower(base)
	for _, s := range suffixes {
		if strings.HasSuffix(base, s.suffix) && len(base) > len(s.suffix) {
			return s.format, nil
		}
	}
	return 0, &FormatError{name}
}

// Default limits.
const (
	DefaultMaxBytes = 2 << 30 // 2 GiB
	DefaultMaxFiles = 100_000
)

// Limits bound what an archive may unpack to.
type Limits struct {
	// MaxBytes is the most bytes all the files may hold together,
	// uncompressed; 0 (or less) is DefaultMaxBytes.
	MaxBytes int64
	// MaxFiles is the most entries — files, directories, links — the
	// archive may have; 0 (or less) is DefaultMaxFiles.
	MaxFiles int
}

func (l Limits) orDefaults() Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultMaxBytes
	}
	if l.MaxFiles <= 0 {
		l.MaxFiles = DefaultMaxFiles
	}
	return l
}

// Error is an archive Extract refuses or cannot read: an unsafe entry, a
// limit passed, an entry of a kind it does not extract, or data that is
// corrupt or cut short.
type Error struct {
	// Entry is the entry's name as the archive has it; "" when the fault
	// is not in one entry (a bad gzip header, too many entries in a zip).
	Entry string
	// Reason is what is wrong, lower-case.
	Reason string
	// Err is the decoder's error behind Reason, if any.
	Err error
}

func (e *Error) Error() string {
	if e.Entry == "" {
		return "bad archive: " + e.Reason
	}
	return "bad archive entry " + quote.String(e.Entry) + ": " + e.Reason
}

func (e *Error) Unwrap() error { return e.Err }

// Extract reads an archive of format f from r into dir, which must exist
// and be empty. Directories are made 0755 and files 0644, or 0755 when the
// archive gives them any execute bit (umask aside: modes are set, never
// setuid, setgid or sticky; Windows has no such modes, and nothing is
// made read-only there); times are not restored. Symbolic links are made when they point
// inside dir, but not on Windows, where every one is refused; hard links
// when they name a file extracted before. A later entry of the same name
// as a file replaces it.
//
// Anything wrong with the archive is an *Error, and extraction stops
// there; errors of the file system (a full disk) come as the os package
// gives them. Either way dir is left as it is, part-filled: removing it
// is the caller's.
//
// A zip needs random access: when r is also an io.ReaderAt and an
// io.Seeker (an *os.File of a regular file, a *bytes.Reader), it is read
// from its current offset to its end in place; otherwise it is first
// copied to a temporary file in dir's parent, removed afterwards.
func Extract(r io.Reader, f Format, dir string, lim Limits) error {
	if err := emptyDir(dir); err != nil {
		return err
	}
	return newExtractor(dir, lim.orDefaults()).extract(r, f)
}

// extract reads an archive of format f from r into x's root.
func (x *extractor) extract(r io.Reader, f Format) error {
	switch f {
	case TarGz, TarZst, TarBz2:
		return extractCompressedTar(r, f, x)
	case Zip:
		return extractZipFrom(r, x.root, x)
	}
	return fmt.Errorf("unpack: unknown format %d", int(f))
}

// emptyDir checks that dir is an empty directory.
func emptyDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	names, err := d.Readdirnames(1)
	switch {
	case len(names) > 0:
		return errors.New("extracting into " + quote.String(dir) + ": the directory is not empty")
	case err == io.EOF:
		return nil
	case err != nil:
		return fmt.Errorf("extracting into %s: %w", quote.String(dir), err)
	}
	return nil
}

// maxTrailing is how much an archive may hold after the tar's end (its
// padding): it is read to the end, so that a stream cut short or
// corrupt there is an error too.
const maxTrailing = 1 << 20

func extractCompressedTar(r io.Reader, f Format, x *extractor) error {
	var dec io.Reader
	switch f {
	case TarGz:
		z, err := gzip.NewReader(r)
		if err != nil {
			return &Error{Reason: "not gzip data: " + err.Error(), Err: err}
		}
		defer z.Close()
		dec = z
	case TarZst:
		z, err := zstd.NewReader(r, zstd.WithDecoderConcurrency(1))
		if err != nil {
			return &Error{Reason: "not zstd data: " + err.Error(), Err: err}
		}
		defer z.Close()
		dec = z
	case TarBz2:
		dec = bzip2.NewReader(r)
	}
	if err := extractTar(dec, x); err != nil {
		return err
	}
	n, err := io.Copy(io.Discard, io.LimitReader(dec, maxTrailing+1))
	switch {
	case err != nil:
		return &Error{Reason: "cannot read past the end of the tar: " + err.Error(), Err: err}
	case n > maxTrailing:
		return &Error{Reason: "more than 1 MiB of data after the end of the tar"}
	}
	return nil
}

// recordingReader keeps the error its reader gave, so that an error of
// io.Copy can be told to be the archive's rather than the file system's.
type recordingReader struct {
	r   io.Reader
	err error
}

func (r *recordingReader) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	if err != nil && err != io.EOF {
		r.err = err
	}
	return n, err
}

// extractZipFrom reads a zip from r in place if it can, else from a copy
// in dir's parent.
func extractZipFrom(r io.Reader, dir string, x *extractor) error {
	if rs, ok := r.(interface {
		io.ReaderAt
		io.Seeker
	}); ok {
		start, err1 := rs.Seek(0, io.SeekCurrent)
		end, err2 := rs.Seek(0, io.SeekEnd)
		if err1 == nil && err2 == nil && end >= start {
			return extractZip(io.NewSectionReader(rs, start, end-start), end-start, x)
		}
		if err1 == nil {
			if _, err := rs.Seek(start, io.SeekStart); err != nil {
				return err
			}
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(filepath.Clean(dir)), ".unpack-*.zip")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	// A zip is at most a little larger than what it holds: its headers.
	max := x.lim.MaxBytes + int64(x.lim.MaxFiles)*1024 + 1<<20
	src := &recordingReader{r: r}
	n, err := io.Copy(tmp, io.LimitReader(src, max+1))
	switch {
	case src.err != nil:
		return &Error{Reason: "cannot read: " + src.err.Error(), Err: src.err}
	case err != nil:
		return err
	case n > max:
		return &Error{Reason: "larger than " + strconv.FormatInt(max, 10) + " bytes: over the size limit"}
	}
	return extractZip(tmp, n, x)
}
