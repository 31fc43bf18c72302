//go:build !unix

package readfile

import (
	"io"
	"io/fs"
	"os"
)

func read(path string, max int, head bool) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if k := kind(st.Mode()); k != "" {
		return nil, notRegular(path, k)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil {
		return nil, err
	} else if k := kind(st.Mode()); k != "" {
		return nil, notRegular(path, k)
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

// kind describes a file type other than regular, "" for a regular file.
func kind(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return ""
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeDevice != 0 || m&fs.ModeCharDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "a special file"
}
