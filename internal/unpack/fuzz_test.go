package unpack

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// fuzzLimits keep a fuzzed archive small.
var fuzzLimits = Limits{MaxBytes: 1 << 20, MaxFiles: 200}

// fuzzSeeds are the archives of the tests: the sample and the unsafe
// cases, $OUT made a path no run has; each extracted making symbolic
// links and not.
func fuzzSeeds(f *testing.F, format Format) {
	out := "/nonexistent-unpack-fuzz"
	add := func(es []ent) {
		es = slices.Clone(es)
		for i := range es {
			es[i].name = strings.ReplaceAll(es[i].name, "$OUT", out)
			es[i].link = strings.ReplaceAll(es[i].link, "$OUT", out)
		}
		data := tarOf(f, es)
		if format == Zip {
			data = zipOf(f, es)
		}
		f.Add(data, false)
		f.Add(data, true)
	}
	add(sample)
	add(entries(file("a", "x"), symlink("c/d", "../a"), symlink("e", "c/d"), file("c/f", "y")))
	if format != Zip {
		add(append(slices.Clone(sample), sampleHardlink))
	}
	for _, tt := range unsafeCases {
		if slices.Contains(tt.formats, format) && tt.lim == (Limits{}) {
			add(tt.es)
		}
	}
}

// FuzzExtract extracts arbitrary bytes as a tar, making symbolic links
// (but on Windows) or, as on Windows, not. Whatever they are, it must not
// panic, must write nothing outside the directory (nor leave a link there
// that leads out, nor any where none are made), must set only sane
// modes, and must fail, if it fails, with an *Error or an error of the
// file system.
func FuzzExtract(f *testing.F) {
	fuzzSeeds(f, TarGz)
	f.Fuzz(func(t *testing.T, data []byte, noSymlinks bool) {
		tg := newTarget(t)
		x := fuzzExtractor(tg, noSymlinks)
		err := extractTar(bytes.NewReader(data), x)
		checkFuzzed(t, tg, x, err)
	})
}

// FuzzExtractZip is FuzzExtract for zips.
func FuzzExtractZip(f *testing.F) {
	fuzzSeeds(f, Zip)
	f.Fuzz(func(t *testing.T, data []byte, noSymlinks bool) {
		tg := newTarget(t)
		x := fuzzExtractor(tg, noSymlinks)
		err := extractZip(bytes.NewReader(data), int64(len(data)), x)
		checkFuzzed(t, tg, x, err)
	})
}

func fuzzExtractor(tg target, noSymlinks bool) *extractor {
	x := newExtractor(tg.dir, fuzzLimits)
	x.symlinks = x.symlinks && !noSymlinks
	return x
}

func checkFuzzed(t *testing.T, tg target, x *extractor, err error) {
	t.Helper()
	var ue *Error
	var pe *fs.PathError
	var le *os.LinkError
	if err != nil && !errors.As(err, &ue) && !errors.As(err, &pe) && !errors.As(err, &le) {
		t.Errorf("error of type %T: %v", err, err)
	}
	tg.checkOutside(t)
	if !x.symlinks {
		tg.checkNoSymlinks(t)
	}
	if runtime.GOOS == "windows" {
		return
	}
	var total int64
	var files []fs.FileInfo // hard links count once
	walkErr := filepath.WalkDir(tg.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		mode := fi.Mode()
		switch {
		case mode.IsDir():
			if mode.Perm() != 0o755 || mode&(fs.ModeSetuid|fs.ModeSetgid|fs.ModeSticky) != 0 {
				t.Errorf("directory %s: mode %v", p, mode)
			}
		case mode.IsRegular():
			if mode != 0o644 && mode != 0o755 {
				t.Errorf("file %s: mode %v", p, mode)
			}
			if !slices.ContainsFunc(files, func(o fs.FileInfo) bool { return os.SameFile(o, fi) }) {
				files = append(files, fi)
				total += fi.Size()
			}
		case mode&fs.ModeSymlink != 0:
		default:
			t.Errorf("%s: an entry of mode %v", p, mode)
		}
		return nil
	})
	if walkErr != nil {
		t.Fatal(walkErr)
	}
	if total > fuzzLimits.MaxBytes {
		t.Errorf("%d bytes extracted, over the limit", total)
	}
}
