//go:build !unix && !windows

package trampoline

import "os"

const (
	windows     = false
	pathSep     = "/"
	pathListSep = ":"
)

func writeStderr(s string) { os.Stderr.WriteString(s) }

func openFile(path string) (*os.File, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	return f, st.Size(), nil
}

func isFile(path string, exec bool) bool {
	st, err := os.Stat(path)
	return err == nil && st.Mode().IsRegular()
}
