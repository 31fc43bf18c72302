//go:build !unix

package atomicfile

func mkfifo(p string) error { return errNoFIFO }
