package unpack

import (
	"archive/tar"
	"errors"
	"io"
	"strconv"
)

// extractTar extracts the tar read from r.
func extractTar(r io.Reader, x *extractor) error {
	lr := &lastReader{r: r}
	tr := tar.NewReader(lr)
	for {
		hdr, err := tr.Next()
		if err == io.EOF && lr.last == 0 {
			// The reader takes the end of its input where a header
			// would be for the end of the tar: here the tar's end
			// marker, its zero blocks, were never read.
			x.entry = ""
			return &Error{Reason: "cut short: the tar ends without its end marker", Err: io.ErrUnexpectedEOF}
		}
		if err == io.EOF {
			return nil
		}
		// ErrInsecurePath (GODEBUG tarinsecurepath=0) comes with the
		// header: the name is judged below like any other.
		if err != nil && !errors.Is(err, tar.ErrInsecurePath) {
			x.entry = ""
			return &Error{Reason: "cannot read: " + err.Error(), Err: err}
		}
		if err := tarEntry(tr, hdr, x); err != nil {
			return err
		}
	}
}

// lastReader keeps how many bytes the last read gave.
type lastReader struct {
	r    io.Reader
	last int
}

func (r *lastReader) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	r.last = n
	return n, err
}

// tarEntry extracts one entry of a tar.
func tarEntry(tr *tar.Reader, hdr *tar.Header, x *extractor) error {
	if hdr.Typeflag == tar.TypeXGlobalHeader {
		x.entry = hdr.Name
		x.files++ // counted, so that a stream of them ends too
		if x.files > x.lim.MaxFiles {
			return x.fail("more than " + strconv.Itoa(x.lim.MaxFiles) + " entries: over the limit")
		}
		return nil
	}
	name, err := x.begin(hdr.Name)
	if err != nil {
		return err
	}
	switch hdr.Typeflag {
	case tar.TypeDir:
		if name == "." {
			return nil
		}
		return x.dir(name)
	case tar.TypeReg, tar.TypeGNUSparse:
		return x.file(name, hdr.Mode&0o111 != 0, hdr.Size, tr)
	case tar.TypeSymlink:
		return x.symlink(name, hdr.Linkname)
	case tar.TypeLink:
		return x.hardlink(name, hdr.Linkname)
	case tar.TypeChar:
		return x.fail("a character device")
	case tar.TypeBlock:
		return x.fail("a block device")
	case tar.TypeFifo:
		return x.fail("a FIFO")
	}
	return x.fail("an entry of type " + strconv.QuoteRune(rune(hdr.Typeflag)) + ", which is not extracted")
}
