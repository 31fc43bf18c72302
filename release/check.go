package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// checkReproducible builds the release twice and compares every file:
// first from the work tree into o.out, then from a copy of the work tree
// in a temporary directory (another path: -trimpath must hide it) into
// another, with the same version and time (and with -fresh-cache an empty
// build cache). It fails naming each file that differs, and keeps the
// second build for a look.
func checkReproducible(o options, s source, log io.Writer) error {
	tmp, err := os.MkdirTemp("", "py-release-check-")
	if err != nil {
		return err
	}
	t := time.Now()
	fmt.Fprintf(log, "== build 1: %s into %s\n", o.root, o.out)
	first, err := release(o, s, log)
	if err != nil {
		return err
	}
	d1 := time.Since(t)
	second := o
	second.root = filepath.Join(tmp, "src")
	second.out = filepath.Join(tmp, "dist")
	if err := copyTree(o.root, second.root); err != nil {
		return err
	}
	if o.freshCache {
		second.env = append(append([]string(nil), o.env...), "GOCACHE="+filepath.Join(tmp, "gocache"))
	}
	s2 := s
	s2.Root = second.root
	t = time.Now()
	fmt.Fprintf(log, "== build 2: a copy in %s into %s\n", second.root, second.out)
	names, err := release(second, s2, log)
	if err != nil {
		return err
	}
	d2 := time.Since(t)
	diffs, report, err := compareTrees(o.out, second.out, first, names)
	if err != nil {
		return err
	}
	fmt.Fprintf(log, "== compared (build 1: %.1fs, build 2: %.1fs)\n%s", d1.Seconds(), d2.Seconds(), report)
	if len(diffs) > 0 {
		return fmt.Errorf("the two builds differ: %s (the second is kept in %s)", strings.Join(diffs, ", "), tmp)
	}
	fmt.Fprintf(log, "reproducible: %d files, byte for byte\n", len(first))
	return os.RemoveAll(tmp)
}

// compareTrees compares the files of two releases: each of names1 (in
// dir1) and names2 (in dir2). It returns the names that differ or are in
// one only, and a report: a line a file, its sha256 and "same" or
// "DIFFERENT".
func compareTrees(dir1, dir2 string, names1, names2 []string) ([]string, string, error) {
	all := map[string]bool{}
	for _, n := range names1 {
		all[n] = true
	}
	for _, n := range names2 {
		all[n] = true
	}
	var sorted []string
	for n := range all {
		sorted = append(sorted, n)
	}
	sort.Strings(sorted)
	var diffs []string
	var b strings.Builder
	for _, n := range sorted {
		a, errA := os.ReadFile(filepath.Join(dir1, n))
		c, errC := os.ReadFile(filepath.Join(dir2, n))
		switch {
		case errA != nil || errC != nil:
			diffs = append(diffs, n)
			fmt.Fprintf(&b, "%-64s  MISSING  %s\n", "", n)
		case !bytes.Equal(a, c):
			diffs = append(diffs, n)
			fmt.Fprintf(&b, "%-64s  DIFFERENT  %s\n", hash(a)+" "+hash(c)[:8], n)
		default:
			fmt.Fprintf(&b, "%s  same  %s\n", hash(a), n)
		}
	}
	return diffs, b.String(), nil
}

func hash(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// copyTree copies the work tree at root into dst: the files git tracks
// and those it would (not ignored), as they are in the work tree, with
// their x bits; not .git, so the copy is built from the same bytes
// without git.
func copyTree(root, dst string) error {
	out, err := exec.Command("git", "-C", root, "ls-files", "-z", "--cached", "--others", "--exclude-standard").Output()
	if err != nil {
		return fmt.Errorf("git ls-files: %v", err)
	}
	for _, name := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		src := filepath.Join(root, filepath.FromSlash(name))
		fi, err := os.Lstat(src)
		if err != nil {
			if os.IsNotExist(err) {
				continue // deleted in the work tree
			}
			return err
		}
		d := filepath.Join(dst, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(d), 0o755); err != nil {
			return err
		}
		switch {
		case fi.Mode()&fs.ModeSymlink != 0:
			target, err := os.Readlink(src)
			if err != nil {
				return err
			}
			if err := os.Symlink(target, d); err != nil {
				return err
			}
		case fi.Mode().IsRegular():
			data, err := os.ReadFile(src)
			if err != nil {
				return err
			}
			if err := os.WriteFile(d, data, fi.Mode().Perm()); err != nil {
				return err
			}
		}
	}
	return nil
}
