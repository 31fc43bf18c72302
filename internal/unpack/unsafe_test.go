package unpack

import (
	"archive/tar"
	"bytes"
	"errors"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

var (
	tarOnly = []Format{TarGz}
	zipOnly = []Format{Zip}
	both    = []Format{TarGz, Zip}
)

// unsafeCases are archives Extract must refuse, at entry, for a reason
// that holds want. $OUT in a name or a target is the absolute path of
// the directory beside the one extracted into, which holds the canary
// (on Windows, "C:/…": refused first for its drive letter, winWant).
//
// Where no symbolic links are made (on Windows), a case whose first
// link's target is inside is refused at that link instead, at linkEntry.
var unsafeCases = []struct {
	name      string
	formats   []Format
	goos      string // only there, when set
	es        []ent
	lim       Limits
	entry     string
	want      string
	winWant   string // want on Windows, when it differs
	linkEntry string // entry where no symbolic links are made, when it differs
}{
	// Names.
	{name: "dot-dot", formats: both, es: entries(file("../x", "x")), entry: "../x", want: "climbs out"},
	{name: "dot-dot to the canary", formats: both, es: entries(file("../outside/passwd", "pwned")), entry: "../outside/passwd", want: "climbs out"},
	{name: "absolute", formats: both, es: entries(file("/etc/x", "x")), entry: "/etc/x", want: "absolute name"},
	{name: "absolute to the canary", formats: both, es: entries(file("$OUT/passwd", "pwned")), entry: "$OUT/passwd", want: "absolute name", winWant: "drive letter in the name"},
	{name: "climbing past the top", formats: both, es: entries(file("a/b", "x"), file("a/../../x", "x")), entry: "a/../../x", want: "climbs out"},
	{name: "drive and backslash", formats: both, es: entries(file(`C:\x`, "x")), entry: `C:\x`, want: "backslash"},
	{name: "drive", formats: both, es: entries(file("C:x", "x")), entry: "C:x", want: "drive letter"},
	{name: "drive and slash", formats: both, es: entries(file("c:/x", "x")), entry: "c:/x", want: "drive letter"},
	{name: "dot-dot backslash", formats: both, es: entries(file(`..\x`, "x")), entry: `..\x`, want: "backslash"},
	{name: "backslashes inside", formats: both, es: entries(file(`a\..\..\x`, "x")), entry: `a\..\..\x`, want: "backslash"},
	{name: "names the directory", formats: tarOnly, es: entries(file(".", "x")), entry: ".", want: "names the directory itself"},
	{name: "empty name", formats: both, es: entries(file("", "x")), entry: "", want: "empty name"},
	{name: "reserved name", goos: "windows", formats: both, es: entries(file("a/NUL", "x")), entry: "a/NUL", want: "Windows"},
	{name: "colon", goos: "windows", formats: both, es: entries(file("python.exe:stream", "x")), entry: "python.exe:stream", want: "Windows"},
	{name: "a trailing dot", goos: "windows", formats: both, es: entries(exe("python.exe", "MZ"), file("python.exe.", "x")), entry: "python.exe.", want: "a part ending in a dot or a space"},
	{name: "a trailing space", goos: "windows", formats: both, es: entries(file("Lib /os.py", "x")), entry: "Lib /os.py", want: "a part ending in a dot or a space"},
	{name: "dot-dot and a space", goos: "windows", formats: both, es: entries(dir(".. /"), file(".. /passwd", "pwned")), entry: ".. /", want: "a part ending in a dot or a space"},
	{name: "three dots", goos: "windows", formats: both, es: entries(file(".../x", "x")), entry: ".../x", want: "a part ending in a dot or a space"},
	{name: "hard link to a trailing dot", goos: "windows", formats: tarOnly, es: entries(file("f", "x"), hardlink("h", "f.")), entry: "h", want: "a part ending in a dot or a space"},

	// Symbolic links.
	{name: "symlink to /etc, then through it", formats: both, es: entries(symlink("evil", "/etc"), file("evil/passwd", "pwned")), entry: "evil", want: `symlink to "/etc" points outside`},
	{name: "symlink to the canary, then through it", formats: both, es: entries(symlink("evil", "$OUT"), file("evil/passwd", "pwned")), entry: "evil", want: "points outside"},
	{name: "symlink climbing out", formats: both, es: entries(symlink("d/l", "../..")), entry: "d/l", want: "points outside"},
	{name: "symlink to the canary by dot-dot", formats: both, es: entries(symlink("l", "../outside/passwd")), entry: "l", want: "points outside"},
	{name: "symlink climbing after a name", formats: both, es: entries(symlink("l", "sub/../..")), entry: "l", want: "climbs after it descends"},
	{name: "symlink through a symlink and up", formats: both, es: entries(symlink("d/l", ".."), symlink("e", "d/l/../outside")), entry: "e", want: "climbs after it descends", linkEntry: "d/l"},
	{name: "symlink with backslashes", formats: both, es: entries(symlink("l", `..\..\x`)), entry: "l", want: "backslash"},
	{name: "symlink to a drive", formats: both, es: entries(symlink("l", "C:/Windows")), entry: "l", want: "points outside"},
	{name: "symlink to nothing", formats: both, es: entries(symlink("l", "")), entry: "l", want: "symlink to nothing"},
	{name: "through an inner symlink", formats: both, es: entries(dir("sub"), symlink("l", "sub"), file("l/x", "x")), entry: "l/x", want: `goes through the symlink "l"`, linkEntry: "l"},
	{name: "through an inner symlink, deeper", formats: both, es: entries(dir("a/sub"), symlink("a/l", "sub"), file("a/l/b/c", "x")), entry: "a/l/b/c", want: `goes through the symlink "a/l"`, linkEntry: "a/l"},
	{name: "through a symlink to the top", formats: both, es: entries(symlink("d/l", ".."), file("d/l/x", "x")), entry: "d/l/x", want: "goes through the symlink", linkEntry: "d/l"},
	{name: "over a symlink", formats: both, es: entries(file("f", "x"), symlink("l", "f"), file("l", "pwned")), entry: "l", want: `overwrites the symlink "l"`, linkEntry: "l"},
	{name: "a symlink over a symlink", formats: both, es: entries(symlink("l", "a"), symlink("l", "b")), entry: "l", want: "overwrites the symlink", linkEntry: "l"},
	{name: "a directory over a symlink", formats: both, es: entries(dir("sub"), symlink("l", "sub"), dir("l/")), entry: "l/", want: "a directory over the symlink", linkEntry: "l"},

	// Files and directories in each other's way.
	{name: "a file over a directory", formats: both, es: entries(dir("d"), file("d", "x")), entry: "d", want: "overwrites the directory"},
	{name: "a directory over a file", formats: both, es: entries(file("f", "x"), dir("f/")), entry: "f/", want: "a directory over the file"},
	{name: "through a file", formats: both, es: entries(file("f", "x"), file("f/g", "x")), entry: "f/g", want: "not a directory"},

	// Hard links.
	{name: "hard link to /etc/passwd", formats: tarOnly, es: entries(hardlink("h", "/etc/passwd")), entry: "h", want: `hard link to "/etc/passwd": absolute name`},
	{name: "hard link to the canary", formats: tarOnly, es: entries(hardlink("h", "../outside/passwd")), entry: "h", want: "climbs out"},
	{name: "hard link to the canary, absolute", formats: tarOnly, es: entries(hardlink("h", "$OUT/passwd")), entry: "h", want: "absolute name", winWant: `drive letter in the name`},
	{name: "hard link to nothing extracted", formats: tarOnly, es: entries(hardlink("h", "nothing")), entry: "h", want: "not a file extracted before"},
	{name: "hard link through a symlink", formats: tarOnly, es: entries(file("sub/f", "x"), symlink("l", "sub"), hardlink("h", "l/f")), entry: "h", want: "goes through the symlink", linkEntry: "l"},
	{name: "hard link to a symlink", formats: tarOnly, es: entries(file("f", "x"), symlink("l", "f"), hardlink("h", "l")), entry: "h", want: "not a file extracted before", linkEntry: "l"},
	{name: "hard link to a directory", formats: tarOnly, es: entries(dir("d"), hardlink("h", "d")), entry: "h", want: "not a file"},
	{name: "hard link to itself", formats: tarOnly, es: entries(hardlink("h", "h")), entry: "h", want: "itself"},
	{name: "hard link over a symlink", formats: tarOnly, es: entries(file("f", "x"), symlink("l", "f"), hardlink("l", "f")), entry: "l", want: "overwrites the symlink", linkEntry: "l"},

	// Other kinds.
	{name: "character device", formats: both, es: entries(special("dev/null", tar.TypeChar)), entry: "dev/null", want: "a character device"},
	{name: "block device", formats: both, es: entries(special("dev/sda", tar.TypeBlock)), entry: "dev/sda", want: "a block device"},
	{name: "FIFO", formats: both, es: entries(special("fifo", tar.TypeFifo)), entry: "fifo", want: "a FIFO"},
	{name: "socket", formats: zipOnly, es: entries(special("sock", 's')), entry: "sock", want: "a socket"},
	{name: "unknown tar type", formats: tarOnly, es: entries(special("vol", 'V')), entry: "vol", want: `type 'V', which is not extracted`},

	// Limits.
	{name: "a file over the size limit", formats: both, lim: Limits{MaxBytes: 1000}, es: entries(bigFile("big", 1001)), entry: "big", want: "over the size limit of 1000 bytes"},
	{name: "files over the size limit", formats: both, lim: Limits{MaxBytes: 1000}, es: entries(bigFile("a", 600), bigFile("b", 600)), entry: "b", want: "over the size limit"},
	{name: "a size bomb", formats: both, lim: Limits{MaxBytes: 1 << 20}, es: entries(bigFile("bomb", 10<<20)), entry: "bomb", want: "over the size limit"},
	{name: "too many entries", formats: tarOnly, lim: Limits{MaxFiles: 3}, es: entries(dir("a"), file("a/1", ""), file("a/2", ""), file("a/3", "")), entry: "a/3", want: "more than 3 entries"},
	{name: "too many entries in a zip", formats: zipOnly, lim: Limits{MaxFiles: 3}, es: entries(dir("a"), file("a/1", ""), file("a/2", ""), file("a/3", "")), entry: "", want: "4 entries: more than 3"},
}

// noLinksReason is the reason a symbolic link is refused where none are
// made.
const noLinksReason = "symbolic links are not extracted on Windows"

// TestExtractUnsafe extracts each unsafe case as the platform does, and,
// but on Windows, once more making no symbolic links, as Windows does.
func TestExtractUnsafe(t *testing.T) {
	for _, symlinks := range []bool{true, false} {
		if symlinks && runtime.GOOS == "windows" {
			continue // none made
		}
		for _, tt := range unsafeCases {
			if tt.goos != "" && tt.goos != runtime.GOOS {
				continue
			}
			entry, want := tt.entry, tt.want
			if runtime.GOOS == "windows" && tt.winWant != "" {
				want = tt.winWant
			}
			name := tt.name
			if !symlinks && runtime.GOOS != "windows" {
				name += ", no symlinks"
			}
			if !symlinks && tt.linkEntry != "" {
				entry, want = tt.linkEntry, noLinksReason
			}
			for _, f := range tt.formats {
				t.Run(name+"/"+f.String(), func(t *testing.T) {
					tg := newTarget(t)
					out := filepath.ToSlash(filepath.Join(tg.parent, "outside"))
					es := make([]ent, len(tt.es))
					for i, e := range tt.es {
						e.name = strings.ReplaceAll(e.name, "$OUT", out)
						e.link = strings.ReplaceAll(e.link, "$OUT", out)
						es[i] = e
					}
					err := extractWith(t, archive(t, f, es), f, tg.dir, tt.lim, symlinks)
					var ue *Error
					switch {
					case !errors.As(err, &ue):
						t.Errorf("got %v, want an *Error", err)
					case ue.Entry != strings.ReplaceAll(entry, "$OUT", out):
						t.Errorf("error at entry %q, want %q: %v", ue.Entry, entry, err)
					case !strings.Contains(ue.Reason, want):
						t.Errorf("reason %q, want one with %q", ue.Reason, want)
					}
					tg.checkOutside(t)
					if !symlinks {
						tg.checkNoSymlinks(t)
					}
				})
			}
		}
	}
}

// TestExtractNoSymlinks: where no symbolic links are made, a link inside
// is refused too, and the archive without its links is extracted.
func TestExtractNoSymlinks(t *testing.T) {
	for _, f := range both {
		tg := newTarget(t)
		err := extractWith(t, archive(t, f, sample), f, tg.dir, Limits{}, false)
		var ue *Error
		if !errors.As(err, &ue) || ue.Entry != "python/bin/python3" || ue.Reason != `symlink to "python3.14": `+noLinksReason {
			t.Errorf("%v: %v, want an *Error at python/bin/python3", f, err)
		}
		tg.checkOutside(t)
		tg.checkNoSymlinks(t)

		tg = newTarget(t)
		if err := extractWith(t, archive(t, f, withoutSymlinks(sample)), f, tg.dir, Limits{}, false); err != nil {
			t.Errorf("%v without its links: %v", f, err)
		}
		if got, want := describe(t, tg.dir), platformModes(withoutSymlinkLines(sampleWant)); !slices.Equal(got, want) {
			t.Errorf("%v:\n%s\nwant:\n%s", f, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// TestExtractSafeNames: names that look odd but stay inside are
// extracted, where their cleaned names say. On Windows, which makes no
// symbolic links and takes no name ending in a dot, only the files whose
// names do not.
func TestExtractSafeNames(t *testing.T) {
	es := entries(
		dir("./"),
		file("./a", "1"),
		file("b/../c", "2"),
		file("d//e", "3"),
		file("f/./g", "4"),
		symlink("h/up", ".."),
		symlink("h/same", "."),
		symlink("h/i/j", "../../c"),
		symlink("k", "./c"),
		symlink("dangling", "nothing/there"),
		file("..x", "5"),
		file("x..", "6"),
		file("...", "7"),
	)
	want := []string{
		"d d 755", "d f 755", "d h 755", "d h/i 755",
		"f ... 644 7", "f ..x 644 5", "f a 644 1", "f c 644 2", "f d/e 644 3", "f f/g 644 4", "f x.. 644 6",
		"l dangling -> nothing/there", "l h/i/j -> ../../c", "l h/same -> .", "l h/up -> ..", "l k -> ./c",
	}
	if runtime.GOOS == "windows" {
		es = slices.DeleteFunc(withoutSymlinks(es), func(e ent) bool { return strings.HasSuffix(e.name, ".") })
		want = []string{"d d -", "d f -", "f ..x - 5", "f a - 1", "f c - 2", "f d/e - 3", "f f/g - 4"}
	}
	for _, f := range both {
		tg := newTarget(t)
		if err := Extract(bytes.NewReader(archive(t, f, es)), f, tg.dir, Limits{}); err != nil {
			t.Fatalf("%v: %v", f, err)
		}
		if got := describe(t, tg.dir); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%v:\n%s\nwant:\n%s", f, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		tg.checkOutside(t)
	}
}

// TestExtractLimitsExact: an archive exactly at its limits is extracted.
func TestExtractLimitsExact(t *testing.T) {
	es := entries(dir("a"), bigFile("a/1", 600), bigFile("a/2", 400))
	for _, f := range both {
		err := Extract(bytes.NewReader(archive(t, f, es)), f, newTarget(t).dir, Limits{MaxBytes: 1000, MaxFiles: 3})
		if err != nil {
			t.Errorf("%v at its limits: %v", f, err)
		}
	}
}
