package main

import (
	"os"
	"os/user"
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// cmdChown gives files to another user (root only; see [root]):
//
//	chown USER[:GROUP] PATH...
//
// Symlinks themselves are changed, not their targets.
func cmdChown(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 {
		ts.Fatalf("usage: chown USER[:GROUP] PATH...")
	}
	name, group, _ := strings.Cut(args[0], ":")
	uid, gid := -1, -1
	if name != "" {
		u, err := user.Lookup(name)
		ts.Check(err)
		uid, _ = strconv.Atoi(u.Uid)
	}
	if group != "" {
		g, err := user.LookupGroup(group)
		ts.Check(err)
		gid, _ = strconv.Atoi(g.Gid)
	}
	for _, p := range args[1:] {
		ts.Check(os.Lchown(ts.MkAbs(p), uid, gid))
	}
}

// cmdSetmode sets a file's mode bits as chmod(1) does, sticky bit
// included (testscript's own chmod takes only 0-777):
//
//	setmode OCTAL PATH...
func cmdSetmode(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 {
		ts.Fatalf("usage: setmode OCTAL PATH...")
	}
	mode, err := strconv.ParseUint(args[0], 8, 32)
	ts.Check(err)
	for _, p := range args[1:] {
		fm := os.FileMode(mode & 0o777)
		if mode&0o1000 != 0 {
			fm |= os.ModeSticky
		}
		ts.Check(os.Chmod(ts.MkAbs(p), fm))
	}
}
