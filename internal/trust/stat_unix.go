//go:build unix

package trust

import (
	"os"
	"syscall"
)

// Me returns the user py runs as, for New: the effective user id.
func Me() int { return os.Geteuid() }

// Of returns what the checks need to know of path (following symlinks)
// and of the link itself (the same when path is not a symlink).
func Of(path string) (st, lst Stat, err error) {
	var s syscall.Stat_t
	if err := syscall.Lstat(path, &s); err != nil {
		return st, lst, err
	}
	lst = FromSys(&s)
	if s.Mode&syscall.S_IFMT != syscall.S_IFLNK {
		return lst, lst, nil
	}
	if err := syscall.Stat(path, &s); err != nil {
		return st, lst, err
	}
	return FromSys(&s), lst, nil
}

// FromSys converts a stat(2) result.
func FromSys(s *syscall.Stat_t) Stat {
	return Stat{Mode: uint32(s.Mode), UID: s.Uid, GID: s.Gid} //nolint:unconvert // uint16 on darwin
}
