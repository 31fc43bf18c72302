// Command mkentrypoint writes a console-script launcher: the entrypoint
// template, a "#!" line naming the interpreter, and a zip archive whose
// __main__.py calls module:function (or is a given script).
//
//	mkentrypoint -python /venv/bin/python -o /venv/bin/black black:patched_main
//	mkentrypoint -python '<launcher_dir>/python' -o bin/tool tool.cli:main
//	mkentrypoint -python '/usr/bin/env python3' -script run.py -o run
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pylauncher/py/internal/exitcode"
	"github.com/pylauncher/py/internal/manual"
	"github.com/pylauncher/py/internal/readfile"
	"github.com/pylauncher/py/internal/scriptmaker"
	"github.com/pylauncher/py/internal/version"
)

// Limits on the files read: the template (1.4 MiB as released) and the
// script to run as __main__.py.
const (
	maxTemplate = 64 << 20
	maxScript   = 16 << 20
)

type multi []string

func (m *multi) String() string     { return strings.Join(*m, " ") }
func (m *multi) Set(s string) error { *m = append(*m, s); return nil }

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

// run is mkentrypoint with the given arguments, writing its messages to
// stderr; it returns the exit code.
func run(argv []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("mkentrypoint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, manual.Help(&manual.Mkentrypoint, "mkentrypoint", version.String(), "")) }
	python := fs.String("python", "", "")
	out := fs.String("o", "", "")
	tmpl := fs.String("template", "", "")
	script := fs.String("script", "", "")
	var args multi
	fs.Var(&args, "arg", "")
	if err := fs.Parse(argv); err != nil {
		return exitcode.Usage
	}
	if *python == "" || *out == "" || (*script == "") == (fs.NArg() != 1) {
		fs.Usage()
		return exitcode.Usage
	}
	fail := func(code int, msg string) int {
		fmt.Fprintf(stderr, "mkentrypoint: error: %s\n", msg)
		return code
	}
	// Values the launcher could not use are usage errors, found before
	// any file is read. A relative interpreter path is made absolute:
	// the launcher would look for it in whatever directory it runs in.
	interp, err := scriptmaker.Absolute(*python)
	if err != nil {
		return fail(exitcode.Output, "cannot make "+show(*python)+" absolute: "+err.Error())
	}
	*python = interp
	if _, err := scriptmaker.Shebang(*python, args); err != nil {
		return fail(exitcode.Usage, err.Error())
	}
	o := scriptmaker.Options{Interpreter: *python, Args: args}
	if *script == "" {
		o.Entry = fs.Arg(0)
		if _, err := scriptmaker.MainPy(o.Entry); err != nil {
			return fail(exitcode.Usage, err.Error())
		}
	}
	if *tmpl == "" {
		*tmpl = findTemplate()
		if *tmpl == "" {
			return fail(exitcode.Output, "no entrypoint template beside mkentrypoint or on PATH; give -template")
		}
	}
	if o.Template, err = readfile.Read(*tmpl, maxTemplate); err != nil {
		return fail(exitcode.Output, "cannot read the template "+show(*tmpl)+": "+reason(err, "64 MiB"))
	}
	if *script != "" {
		if o.Script, err = readfile.Read(*script, maxScript); err != nil {
			return fail(exitcode.Output, "cannot read the script "+show(*script)+": "+reason(err, "16 MiB"))
		}
	}
	data, err := scriptmaker.Build(o)
	if err != nil {
		return fail(exitcode.Output, err.Error())
	}
	if err := scriptmaker.Write(*out, data); err != nil {
		return fail(exitcode.Output, "cannot write "+show(*out)+": "+readfile.Reason(err))
	}
	return exitcode.OK
}

// reason is what a person needs of a readfile error; limit is the size
// limit, for people.
func reason(err error, limit string) string {
	if errors.Is(err, readfile.ErrTooLarge) {
		return "larger than " + limit
	}
	return readfile.Reason(err)
}

// show quotes s for a message: as it is (a Windows path keeps its single
// backslashes), or escaped when it would not show as one line of text.
func show(s string) string {
	if utf8.ValidString(s) && !strings.ContainsFunc(s, unicode.IsControl) {
		return `"` + s + `"`
	}
	return strconv.Quote(s)
}

// findTemplate returns the entrypoint template mkentrypoint uses by
// default: the first of templatePlaces that exists, else entrypoint on
// PATH, else "".
func findTemplate() string {
	if self, err := os.Executable(); err == nil {
		for _, p := range templatePlaces(self, runtime.GOOS) {
			if _, err := os.Stat(p); err == nil {
				return p
			}
		}
	}
	if p, err := exec.LookPath("entrypoint"); err == nil {
		return p
	}
	return ""
}

// templatePlaces lists where the template for goos is looked for, given
// mkentrypoint's path self: beside it (an archive, go install), then in
// ../lib/py (the .deb: /usr/bin/mkentrypoint, /usr/lib/py/entrypoint).
func templatePlaces(self, goos string) []string {
	name := "entrypoint"
	if goos == "windows" {
		name += ".exe"
	}
	dir := filepath.Dir(self)
	return []string{filepath.Join(dir, name), filepath.Join(filepath.Dir(dir), "lib", "py", name)}
}
