package store

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

func meta(version string) Meta {
	return Meta{Impl: "cpython", Version: version, Exe: "bin/python3", URL: "https://example.invalid/x.tar.gz", SHA256: "00"}
}

// install commits an install of key whose interpreter is a file holding
// content.
func install(t *testing.T, s Store, key, content string) Install {
	t.Helper()
	p, err := s.Begin(key)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(p.Dir(), "bin"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(p.Dir(), "bin", "python3"), []byte(content), 0o755); err != nil {
		t.Fatal(err)
	}
	in, err := p.Commit(meta("3.14.6"))
	if err != nil {
		t.Fatal(err)
	}
	return in
}

func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestInstallListGetRemove(t *testing.T) {
	s := Store{Root: filepath.Join(t.TempDir(), "installs")}
	if ins, err := s.List(); err != nil || len(ins) != 0 {
		t.Fatalf("List of a missing store = %v, %v", ins, err)
	}
	unlock, err := s.Lock(time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()

	in := install(t, s, "cpython-3.14.6-linux-x86_64-gnu", "one")
	if got, want := in.Exe(), filepath.Join(s.Root, "cpython-3.14.6-linux-x86_64-gnu", "bin", "python3"); got != want {
		t.Errorf("Exe = %s, want %s", got, want)
	}
	install(t, s, "cpython-3.11.11-linux-x86_64-gnu", "two")
	// A directory py did not make is neither listed nor removed.
	if err := os.Mkdir(filepath.Join(s.Root, "mine"), 0o755); err != nil {
		t.Fatal(err)
	}

	ins, err := s.List()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := Keys(ins), []string{"cpython-3.11.11-linux-x86_64-gnu", "cpython-3.14.6-linux-x86_64-gnu"}; !slices.Equal(got, want) {
		t.Errorf("List = %v, want %v", got, want)
	}
	got, err := s.Get("cpython-3.14.6-linux-x86_64-gnu")
	if err != nil {
		t.Fatal(err)
	}
	if got.Meta.Key != "cpython-3.14.6-linux-x86_64-gnu" || got.Meta.Installed.IsZero() || got.Meta.Build().Version.String() != "3.14.6" {
		t.Errorf("Get = %+v", got.Meta)
	}

	got.Meta.Aliases = []string{"/bin/python3.14"}
	if err := s.Save(got); err != nil {
		t.Fatal(err)
	}
	if again, err := s.Get(got.Meta.Key); err != nil || !slices.Equal(again.Meta.Aliases, got.Meta.Aliases) {
		t.Errorf("after Save, Get = %+v, %v", again.Meta, err)
	}
	if err := s.Save(Install{Meta: Meta{Key: "mine"}}); !errors.Is(err, ErrNotOurs) {
		t.Errorf("Save(mine) = %v, want ErrNotOurs", err)
	}
	if _, err := s.Remove("mine"); !errors.Is(err, ErrNotOurs) {
		t.Errorf("Remove(mine) = %v, want ErrNotOurs", err)
	}
	if _, err := os.Stat(filepath.Join(s.Root, "mine")); err != nil {
		t.Errorf("Remove(mine) touched it: %v", err)
	}
	if left, err := s.Remove("cpython-3.11.11-linux-x86_64-gnu"); err != nil || left != "" {
		t.Fatalf("Remove = %q, %v", left, err)
	}
	if _, err := s.Remove("cpython-3.11.11-linux-x86_64-gnu"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("second Remove = %v, want not exist", err)
	}
	if got, want := entries(t, s.Root), []string{LockFile, "cpython-3.14.6-linux-x86_64-gnu", "mine"}; !slices.Equal(got, want) {
		t.Errorf("store holds %v, want %v", got, want)
	}
}

func TestCommitReplaces(t *testing.T) {
	s := Store{Root: t.TempDir()}
	key := "cpython-3.14.6-linux-x86_64-gnu"
	install(t, s, key, "old")
	in := install(t, s, key, "new")
	data, err := os.ReadFile(in.Exe())
	if err != nil || string(data) != "new" {
		t.Fatalf("after replacing, the interpreter holds %q, %v", data, err)
	}
	if got, want := entries(t, s.Root), []string{key}; !slices.Equal(got, want) {
		t.Errorf("store holds %v, want %v", got, want)
	}
}

// TestRemoveInUse: an install whose file is open (on Windows, a Python
// that runs from it: its files cannot be deleted) is removed whole or
// not at all. Either Remove fails and the install is there, whole, or
// it is gone, and what was left aside is deleted by a later Remove once
// the file is closed.
func TestRemoveInUse(t *testing.T) {
	s := Store{Root: t.TempDir()}
	busy := install(t, s, "cpython-3.14.6-linux-x86_64-gnu", "busy")
	install(t, s, "cpython-3.13.1-linux-x86_64-gnu", "other")
	f, err := os.Open(busy.Exe())
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	left, err := s.Remove(busy.Meta.Key)
	if err != nil {
		t.Logf("Remove of an install in use: %v", err)
		if _, gerr := s.Get(busy.Meta.Key); gerr != nil {
			t.Fatalf("Remove failed (%v) and the install is gone: %v", err, gerr)
		}
		if data, rerr := os.ReadFile(busy.Exe()); rerr != nil || string(data) != "busy" {
			t.Fatalf("Remove failed (%v) and the install is not whole: %q, %v", err, data, rerr)
		}
		return
	}
	if _, err := s.Get(busy.Meta.Key); err == nil {
		t.Fatalf("Remove succeeded and the install is there")
	}
	if ins, _ := s.List(); !slices.Equal(Keys(ins), []string{"cpython-3.13.1-linux-x86_64-gnu"}) {
		t.Errorf("List = %v", Keys(ins))
	}
	if left != "" {
		t.Logf("left %s", left)
		if _, err := os.Stat(left); err != nil {
			t.Errorf("Remove says it left %s: %v", left, err)
		}
	}
	f.Close()
	if _, err := s.Remove("cpython-3.13.1-linux-x86_64-gnu"); err != nil {
		t.Fatal(err)
	}
	if got := entries(t, s.Root); len(got) != 0 {
		t.Errorf("after the file is closed and another Remove, the store holds %v", got)
	}
}

func TestAbortAndKilledRuns(t *testing.T) {
	s := Store{Root: t.TempDir()}
	p, err := s.Begin("cpython-3.13.1-linux-x86_64-gnu")
	if err != nil {
		t.Fatal(err)
	}
	p.Abort()
	if got := entries(t, s.Root); len(got) != 0 {
		t.Errorf("after Abort the store holds %v", got)
	}
	// A killed run leaves its temporary directory; the next install
	// removes it, and nothing lists it meanwhile.
	if _, err := s.Begin("cpython-3.13.1-linux-x86_64-gnu"); err != nil {
		t.Fatal(err)
	}
	if ins, _ := s.List(); len(ins) != 0 {
		t.Errorf("an install in progress is listed: %v", ins)
	}
	install(t, s, "cpython-3.12.1-linux-x86_64-gnu", "x")
	if got, want := entries(t, s.Root), []string{"cpython-3.12.1-linux-x86_64-gnu"}; !slices.Equal(got, want) {
		t.Errorf("store holds %v, want %v", got, want)
	}
}

func TestBadKeysAndMarkers(t *testing.T) {
	s := Store{Root: t.TempDir()}
	for _, key := range []string{"", ".", "..", ".tmp-x", "../x", `a\b`, "a/b", "c:x", "a b", "é"} {
		if _, err := s.Begin(key); err == nil {
			t.Errorf("Begin(%q) succeeded", key)
		}
		if _, err := s.Get(key); err == nil {
			t.Errorf("Get(%q) succeeded", key)
		}
	}
	dir := filepath.Join(s.Root, "k")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, marker := range []string{"not json", `{"key":"other","executable":"bin/python3"}`, `{"key":"k"}`} {
		if err := os.WriteFile(filepath.Join(dir, MarkerFile), []byte(marker), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Get("k"); err == nil {
			t.Errorf("Get accepted the marker %s", marker)
		}
		if _, err := s.Remove("k"); err == nil {
			t.Errorf("Remove accepted the marker %s", marker)
		}
	}
}

func TestLockWhereNoStoreCanBe(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Store{Root: filepath.Join(file, "installs")}.Lock(time.Second)
	var e *Error
	if !errors.As(err, &e) || e.Op != "cannot create" {
		t.Errorf("Lock under a file = %v", err)
	}
}
