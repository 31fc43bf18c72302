package trust

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// abs makes a Unix absolute path absolute on this system too.
func abs(p string) string {
	if runtime.GOOS == "windows" {
		return `C:` + filepath.FromSlash(p)
	}
	return p
}

func checker(t *testing.T, uid int, trusted ...string) *Checker {
	t.Helper()
	dir := t.TempDir()
	c := New(uid, trusted)
	c.PasswdFile, c.GroupFile = filepath.Join(dir, "passwd"), filepath.Join(dir, "group")
	os.WriteFile(c.PasswdFile, []byte("root:x:0:0:root:/root:/bin/sh\nme:x:1000:1000::/home/me:/bin/sh\nbob:x:1001:1001::/home/bob:/bin/sh\n"+
		"eve:x:1002:1005::/home/eve:/bin/sh\nnobody:x:65534:65534::/nonexistent:/usr/sbin/nologin\n"), 0o644)
	os.WriteFile(c.GroupFile, []byte("root:x:0:\nstaff:x:50:bob\nadmin:x:80:bob,me\nsudo:x:27:bob\nme:x:1000:\nbob:x:1001:\nteam:x:1003:me\nshared:x:1004:me,bob\nevegrp:x:1005:\n"), 0o644)
	return c
}

func TestProgram(t *testing.T) {
	mine := Stat{Mode: 0o100755, UID: 1000, GID: 1000}
	bobs := Stat{Mode: 0o100755, UID: 1001, GID: 1001}
	rootFile := Stat{Mode: 0o100755}
	tests := []struct {
		name   string
		uid    int
		file   Stat
		dir    Stat
		want   string // "" for nil
		sticky bool
	}{
		{"my directory", 1000, mine, Stat{Mode: 0o40755, UID: 1000, GID: 1000}, "", false},
		{"root's directory", 1000, rootFile, Stat{Mode: 0o40755}, "", false},
		{"another user's install, only they can write", 1000, bobs, Stat{Mode: 0o40755, UID: 1001, GID: 1001}, "", false},
		{"world-writable", 1000, mine, Stat{Mode: 0o40777, UID: 1000, GID: 1000}, `"/d" is writable by other users`, false},
		{"world-writable, root's", 0, rootFile, Stat{Mode: 0o40777}, `"/d" is writable by other users`, false},
		{"group-writable, a shared group", 1000, mine, Stat{Mode: 0o40775, UID: 1000, GID: 50}, `"/d" is writable by other users`, false},
		{"group-writable, my private group", 1000, mine, Stat{Mode: 0o40775, UID: 1000, GID: 1000}, "", false},
		{"group-writable, a group of me alone that is bob's primary", 1000, mine, Stat{Mode: 0o40775, UID: 1000, GID: 1001}, `"/d" is writable by other users`, false},
		{"group-writable, a group whose only member is me", 1000, mine, Stat{Mode: 0o40775, UID: 1000, GID: 1003}, "", false},
		{"group-writable, me and bob", 1000, mine, Stat{Mode: 0o40775, UID: 1000, GID: 1004}, `"/d" is writable by other users`, false},
		{"group-writable, no members but another's primary group", 1000, mine, Stat{Mode: 0o40775, UID: 1000, GID: 1005}, `"/d" is writable by other users`, false},
		{"group-writable, an unknown group", 1000, mine, Stat{Mode: 0o40775, UID: 1000, GID: 4242}, `"/d" is writable by other users`, false},
		{"group-writable, admin (Homebrew on macOS)", 1000, mine, Stat{Mode: 0o40775, UID: 1000, GID: 80}, "", false},
		{"group-writable, sudo", 1000, rootFile, Stat{Mode: 0o40775, UID: 0, GID: 27}, "", false},
		{"group-writable, root's group", 1000, rootFile, Stat{Mode: 0o40775}, "", false},
		{"world-writable, admin", 1000, mine, Stat{Mode: 0o40777, UID: 1000, GID: 80}, `"/d" is writable by other users`, false},
		{"sticky, my file", 1000, mine, Stat{Mode: 0o41777}, "", false},
		{"sticky, root's file", 1000, rootFile, Stat{Mode: 0o41777}, "", false},
		{"sticky, bob's file", 1000, bobs, Stat{Mode: 0o41777}, `it is owned by bob (uid 1001), in "/d", which every user can write`, true},
		{"sticky, bob's file, as root", 0, bobs, Stat{Mode: 0o41777}, `it is owned by bob (uid 1001), in "/d", which every user can write`, true},
		{"sticky, an unknown user's file", 1000, Stat{Mode: 0o100755, UID: 777}, Stat{Mode: 0o41777}, `it is owned by uid 777, in "/d", which every user can write`, true},
		{"no checks", -1, bobs, Stat{Mode: 0o40777}, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := checker(t, tt.uid)
			err := c.Program(abs("/d/python3"), tt.file, abs("/d"), tt.dir)
			got := ""
			if err != nil {
				got = err.Error()
				var we *WritableError
				if !errors.As(err, &we) || we.Sticky != tt.sticky || we.Path != abs("/d/python3") {
					t.Errorf("error %#v, want a *WritableError for /d/python3, sticky %v", err, tt.sticky)
				}
			}
			if want := strings.ReplaceAll(tt.want, `"/d"`, `"`+abs("/d")+`"`); got != want {
				t.Errorf("Program = %q, want %q", got, want)
			}
		})
	}
	t.Run("trusted directory", func(t *testing.T) {
		c := checker(t, 1000, abs("/d"), abs("/other"))
		if err := c.Program(abs("/d/python3"), bobs, abs("/d"), Stat{Mode: 0o40777}); err != nil {
			t.Errorf("Program in a trusted directory = %v", err)
		}
		if err := c.Program(abs("/dx/python3"), bobs, abs("/dx"), Stat{Mode: 0o40777}); err == nil {
			t.Errorf("Program in /dx, with /d trusted = nil, want an error")
		}
		if err := checker(t, 1000, "*").Program(abs("/x/python3"), bobs, abs("/x"), Stat{Mode: 0o40777}); err != nil {
			t.Errorf("Program with * trusted = %v", err)
		}
	})
}

func TestOwned(t *testing.T) {
	mine, bobs, roots := Stat{UID: 1000}, Stat{UID: 1001}, Stat{UID: 0}
	tests := []struct {
		name     string
		uid      int
		st, lst  Stat
		trusted  []string
		path     string
		wantUID  uint32
		wantName string
		ok       bool
	}{
		{"mine", 1000, mine, mine, nil, "/p/.python-version", 0, "", true},
		{"root's", 1000, roots, roots, nil, "/p/.python-version", 0, "", true},
		{"bob's", 1000, bobs, bobs, nil, "/tmp/.python-version", 1001, "bob", false},
		{"bob's, as root", 0, bobs, bobs, nil, "/tmp/.venv", 1001, "bob", false},
		{"my link to bob's file", 1000, bobs, mine, nil, "/p/pyproject.toml", 1001, "bob", false},
		{"bob's link to my file", 1000, mine, bobs, nil, "/tmp/pyproject.toml", 1001, "bob", false},
		{"bob's, in a trusted directory", 1000, bobs, bobs, []string{"/srv/team"}, "/srv/team/app/.venv", 0, "", true},
		{"bob's, beside a trusted directory", 1000, bobs, bobs, []string{"/srv/team"}, "/srv/teamx/.venv", 1001, "bob", false},
		{"bob's, all trusted", 1000, bobs, bobs, []string{"*"}, "/tmp/.venv", 0, "", true},
		{"no checks", -1, bobs, bobs, nil, "/tmp/.venv", 0, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var trusted []string
			for _, d := range tt.trusted {
				if d != "*" {
					d = abs(d)
				}
				trusted = append(trusted, d)
			}
			path := abs(tt.path)
			err := checker(t, tt.uid, trusted...).Owned(path, tt.st, tt.lst)
			if tt.ok {
				if err != nil {
					t.Errorf("Owned = %v, want nil", err)
				}
				return
			}
			var fe *ForeignError
			if !errors.As(err, &fe) || fe.UID != tt.wantUID || fe.Owner != tt.wantName || fe.Path != path {
				t.Fatalf("Owned = %#v, want a *ForeignError for uid %d (%s)", err, tt.wantUID, tt.wantName)
			}
			if want := "it is owned by bob (uid 1001), not by you or root"; err.Error() != want {
				t.Errorf("message %q, want %q", err, want)
			}
		})
	}
}

func TestParseDirs(t *testing.T) {
	dirs, bad := ParseDirs(" " + abs("/srv/team") + " " + string(filepath.ListSeparator) + "relative" + string(filepath.ListSeparator) + string(filepath.ListSeparator) + "*")
	if want := []string{abs("/srv/team"), "*"}; !slices.Equal(dirs, want) {
		t.Errorf("dirs = %q, want %q", dirs, want)
	}
	if !slices.Equal(bad, []string{"relative"}) {
		t.Errorf("bad = %q, want [relative]", bad)
	}
}
