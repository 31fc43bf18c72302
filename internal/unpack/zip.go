package unpack

import (
	"archive/zip"
	"errors"
	"io"
	"io/fs"
	"strconv"
)

// maxZipSymlink is the longest target a zip's symbolic link may have.
const maxZipSymlink = 4096

// extractZip extracts the zip of size bytes read from r.
func extractZip(r io.ReaderAt, size int64, x *extractor) error {
	zr, err := zip.NewReader(r, size)
	// ErrInsecurePath (GODEBUG zipinsecurepath=0) comes with the reader:
	// the names are judged below like any other.
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return &Error{Reason: "cannot read: " + err.Error(), Err: err}
	}
	if len(zr.File) > x.lim.MaxFiles {
		return &Error{Reason: strconv.Itoa(len(zr.File)) + " entries: more than " + strconv.Itoa(x.lim.MaxFiles) + ", over the limit"}
	}
	// The sizes the zip says, checked before anything is written; file
	// checks them again, against what is read.
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if f.UncompressedSize64 > uint64(x.lim.MaxBytes) || total > uint64(x.lim.MaxBytes) {
			return &Error{Entry: f.Name, Reason: "over the size limit of " + strconv.FormatInt(x.lim.MaxBytes, 10) + " bytes in all"}
		}
	}
	for _, f := range zr.File {
		if err := zipEntry(f, x); err != nil {
			return err
		}
	}
	return nil
}

// zipEntry extracts one entry of a zip.
func zipEntry(f *zip.File, x *extractor) error {
	name, err := x.begin(f.Name)
	if err != nil {
		return err
	}
	mode := f.Mode()
	switch mode.Type() {
	case fs.ModeDir:
		if name == "." {
			return nil
		}
		return x.dir(name)
	case 0:
		rc, err := f.Open()
		if err != nil {
			return x.readFail(err)
		}
		defer rc.Close()
		return x.file(name, mode&0o111 != 0, int64(f.UncompressedSize64), rc)
	case fs.ModeSymlink:
		target, err := zipSymlink(f, x)
		if err != nil {
			return err
		}
		return x.symlink(name, target)
	case fs.ModeDevice | fs.ModeCharDevice:
		return x.fail("a character device")
	case fs.ModeDevice:
		return x.fail("a block device")
	case fs.ModeNamedPipe:
		return x.fail("a FIFO")
	case fs.ModeSocket:
		return x.fail("a socket")
	}
	return x.fail("an entry of mode " + mode.String() + ", which is not extracted")
}

// zipSymlink reads a zip symbolic link's target: its content.
func zipSymlink(f *zip.File, x *extractor) (string, error) {
	if f.UncompressedSize64 > maxZipSymlink {
		return "", x.fail("symlink of " + strconv.FormatUint(f.UncompressedSize64, 10) + " bytes: too long")
	}
	rc, err := f.Open()
	if err != nil {
		return "", x.readFail(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, maxZipSymlink+1))
	switch {
	case err != nil:
		return "", x.readFail(err)
	case len(b) > maxZipSymlink:
		return "", x.fail("symlink too long")
	}
	return string(b), nil
}
