// Command mkentrypoint writes a console-script launcher: the entrypoint
// template, a "#!" line naming the interpreter, and a zip archive whose
// __main__.py calls module:function (or is a given script).
//
//	mkentrypoint -python /venv/bin/python -o /venv/bin/black black:patched_main
//	mkentrypoint -python '<launcher_dir>/python' -o bin/tool tool.cli:main
//	mkentrypoint -python '/usr/bin/env python3' -script run.py -o run
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/pylauncher/py/internal/scriptmaker"
)

const usage = `usage: mkentrypoint -python INTERPRETER -o OUTPUT [-template FILE] [-arg OPT]... (module:function | -script FILE)

Writes a console-script launcher in distlib's format (what pip puts in a
venv's Scripts/bin): the entrypoint template, "#!INTERPRETER [OPT...]",
and a zip archive with __main__.py. OUTPUT is written atomically, mode 0755.

  -python     the interpreter: an absolute path, "<launcher_dir>/python"
              (relative to the launcher, for relocatable venvs), or
              "/usr/bin/env python3"
  -o          the launcher to write
  -template   the entrypoint template (default: entrypoint beside
              mkentrypoint, else on PATH)
  -arg        an interpreter option placed before the launcher (repeatable)
  -script     a file to run as __main__.py instead of module:function
`

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
	fs.Usage = func() { fmt.Fprint(stderr, usage) }
	python := fs.String("python", "", "")
	out := fs.String("o", "", "")
	tmpl := fs.String("template", "", "")
	script := fs.String("script", "", "")
	var args multi
	fs.Var(&args, "arg", "")
	if err := fs.Parse(argv); err != nil {
		return 2
	}
	if *python == "" || *out == "" || (*script == "") == (fs.NArg() != 1) {
		fs.Usage()
		return 2
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "mkentrypoint: error: "+format+"\n", a...)
		return 1
	}
	if *tmpl == "" {
		*tmpl = findTemplate()
		if *tmpl == "" {
			return fail("no entrypoint template beside mkentrypoint or on PATH; give -template")
		}
	}
	template, err := os.ReadFile(*tmpl)
	if err != nil {
		return fail("cannot read the template: %v", err)
	}
	o := scriptmaker.Options{Template: template, Interpreter: *python, Args: args}
	if *script != "" {
		if o.Script, err = os.ReadFile(*script); err != nil {
			return fail("cannot read the script: %v", err)
		}
	} else {
		o.Entry = fs.Arg(0)
	}
	data, err := scriptmaker.Build(o)
	if err != nil {
		return fail("%v", err)
	}
	if err := scriptmaker.Write(*out, data); err != nil {
		return fail("cannot write %q: %v", *out, err)
	}
	return 0
}

func findTemplate() string {
	name := "entrypoint"
	if os.PathSeparator == '\\' {
		name += ".exe"
	}
	if self, err := os.Executable(); err == nil {
		p := filepath.Join(filepath.Dir(self), name)
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("entrypoint"); err == nil {
		return p
	}
	return ""
}
