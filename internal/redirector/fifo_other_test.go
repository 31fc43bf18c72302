//go:build !unix

package redirector

import "errors"

func mkfifo(p string) error { return errors.New("no FIFOs here") }
