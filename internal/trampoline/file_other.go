//go:build !unix && !windows

package trampoline

import "os"

const (
	windows     = false
	pathSep     = "/"
	pathListSep = ":"
)

// openFile opens the launcher at path: a regular file only, checked
// before opening (a FIFO would block) and again after.
func openFile(path string) (*os.File, int64, error) {
	if st, err := os.Stat(path); err != nil {
		return nil, 0, err
	} else if !st.Mode().IsRegular() {
		return nil, 0, errNotRegular
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, 0, errNotRegular
	}
	return f, st.Size(), nil
}

func isFile(path string, exec bool) bool {
	st, err := os.Stat(path)
	return err == nil && st.Mode().IsRegular()
}
