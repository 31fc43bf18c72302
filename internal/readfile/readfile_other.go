//go:build !unix

package readfile

import (
	"io"
	"io/fs"
	"os"
	"syscall"
)

func read(path string, max int, head bool) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, &fs.PathError{Op: "read", Path: path, Err: syscall.EISDIR}
	}
	data, err := io.ReadAll(io.LimitReader(f, int64(max)+1))
	if err != nil {
		return nil, err
	}
	if len(data) > max {
		if head {
			return data[:max], nil
		}
		return nil, ErrTooLarge
	}
	return data, nil
}
