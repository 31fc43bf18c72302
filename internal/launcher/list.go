package launcher

import (
	"encoding/json"
	"strings"
	"unicode/utf8"

	"github.com/pylauncher/py/internal/cli"
	"github.com/pylauncher/py/internal/discover"
	"github.com/pylauncher/py/internal/exitcode"
	"github.com/pylauncher/py/internal/fileid"
	"github.com/pylauncher/py/internal/pyver"
	"github.com/pylauncher/py/internal/quote"
	"github.com/pylauncher/py/internal/resolve"
)

// entry is one line of a listing: an interpreter and what is known of
// it.
type entry struct {
	label  string
	it     *discover.Interpreter
	b      pyver.Build
	venv   bool
	prefix string
}

// listing is what --list shows: the interpreters py can run, and those
// it will not run unasked.
type listing struct {
	entries []entry
	// broken are the interpreters that do not work, with why.
	broken []passed
	// untrusted are those in places other users can write
	// (Interpreter.Untrusted): never asked, run only when named.
	untrusted []passed
}

// passed is an interpreter py does not run unasked, and why.
type passed struct {
	it  *discover.Interpreter
	why string
}

// describe returns what is known of it, asking it (once; the answers are
// cached) when its name did not say enough. ok is false when it does not
// work; why then says why.
func (a *app) describe(it *discover.Interpreter, st settings) (e entry, ok bool, why string) {
	e = entry{it: it, b: it.Build, venv: it.Venv, prefix: it.Prefix}
	if it.Settled {
		if it.Version.Micro < 0 && it.ID != (fileid.ID{}) {
			// A registration that says X.Y only: the cache may know
			// X.Y.Z (it is not asked: a listing asks only what is
			// unknown).
			if l, known := a.learn(it, false, st); known && l.Broken == "" &&
				l.Build.Version.Major == it.Version.Major && l.Build.Version.Minor == it.Version.Minor {
				e.b.Version = l.Build.Version
			}
		}
		return e, true, ""
	}
	l, known := a.learn(it, true, st)
	switch {
	case !known:
		return e, true, ""
	case l.Broken != "":
		return e, false, l.Broken
	}
	e.b = l.Build
	if l.Venv && !e.venv {
		e.venv, e.prefix = true, l.Prefix
	}
	return e, true, ""
}

// listEntries returns what --list shows: the environments, then every
// install in preference order, then those that do not work.
func (a *app) listEntries(in resolve.Inputs, st settings) listing {
	var ls listing
	envLabels := map[discover.Source]string{discover.VirtualEnv: "(venv)", discover.Conda: "(conda)", discover.Project: "(.venv)"}
	for _, env := range []*discover.Env{in.Found.VirtualEnv, in.Found.Conda, in.Found.Project} {
		if env == nil || env.Interp == nil || env.Base {
			continue
		}
		e, ok, why := a.describe(env.Interp, st)
		if !ok {
			ls.broken = append(ls.broken, passed{env.Interp, why})
			continue
		}
		e.label = envLabels[env.Source]
		ls.entries = append(ls.entries, e)
	}
	installs := append([]*discover.Interpreter(nil), in.Found.Installs...)
	if c := in.Found.Conda; c != nil && c.Base && c.Interp != nil {
		installs = append(installs, c.Interp)
	}
	var working []entry
	for _, it := range installs {
		if it.Untrusted != "" {
			ls.untrusted = append(ls.untrusted, passed{it, it.Untrusted})
			a.warnf("%s runs only when named by its path (py -V:%s): %s", quote.String(it.Path), it.Path, it.Untrusted)
			continue
		}
		e, ok, why := a.describe(it, st)
		if !ok {
			ls.broken = append(ls.broken, passed{it, why})
			continue
		}
		working = append(working, e)
	}
	sortEntries(working)
	for _, e := range working {
		e.label = "-V:" + e.b.Tag()
		if e.b.Company() != "PythonCore" {
			e.label = "-V:" + e.b.Company() + "/" + e.b.Tag()
		}
		if e.venv {
			e.label = "(venv)"
		}
		ls.entries = append(ls.entries, e)
	}
	return ls
}

// only returns the part of ls from source (py list --only-installed).
func (ls listing) only(source discover.Source) listing {
	var out listing
	for _, e := range ls.entries {
		if e.it.Source == source {
			out.entries = append(out.entries, e)
		}
	}
	for _, p := range ls.broken {
		if p.it.Source == source {
			out.broken = append(out.broken, p)
		}
	}
	for _, p := range ls.untrusted {
		if p.it.Source == source {
			out.untrusted = append(out.untrusted, p)
		}
	}
	return out
}

// sortEntries orders entries as resolve orders candidates.
func sortEntries(es []entry) {
	its := make([]*discover.Interpreter, len(es))
	byIt := map[*discover.Interpreter]entry{}
	for i, e := range es {
		c := *e.it
		c.Build = e.b
		its[i] = &c
		byIt[&c] = e
	}
	resolve.Sort(its)
	for i, it := range its {
		es[i] = byIt[it]
	}
}

func displayName(it *discover.Interpreter, b pyver.Build) string {
	if it.Display != "" {
		return it.Display
	}
	name := "Python"
	switch b.Impl {
	case "cpython":
	case "pypy":
		name = "PyPy"
	case "graalpy":
		name = "GraalPy"
	default:
		name = b.Company()
	}
	s := name + " " + b.Version.String()
	if b.FreeThreaded {
		s += " free-threaded"
	}
	if b.Debug {
		s += " debug"
	}
	return s
}

// list prints the interpreters found, marking the one py would run with
// "*", in CPython's launcher layout or as JSON, then those that do not
// work, with the reason. It exits 0 (exitcode.Output when stdout fails).
func (a *app) list(inv invocation, in resolve.Inputs, st settings) action {
	ls := a.listEntries(in, st)
	if inv.OnlyInstalled {
		ls = ls.only(discover.Managed)
	}
	ch, err := resolve.Choose(in)
	a.report(ch, false) // the listing shows what is ignored
	if err != nil {
		a.warnf("no interpreter is the default: %v", err)
	}
	if inv.Format == cli.JSON {
		picks := map[*discover.Interpreter][]string{}
		for _, r := range in.Requests() {
			if c := resolve.Pick(in, r); c != nil {
				picks[c] = append(picks[c], r.Text+" ("+r.Origin+")")
			}
		}
		return a.listJSON(ls, ch.Interp, picks)
	}
	var b strings.Builder
	switch {
	case len(ls.entries) > 0:
	case inv.OnlyInstalled:
		b.WriteString("No Pythons installed by py install!\n")
	default:
		b.WriteString("No installed Pythons found!\n")
	}
	width := 0
	for _, e := range ls.entries {
		width = max(width, utf8.RuneCountInString(displayName(e.it, e.b)))
	}
	for _, e := range ls.entries {
		label := e.label
		if e.it == ch.Interp {
			label += " *"
		}
		// " %-16s %s" and " %-16s %-*s  %s", without fmt's start-up.
		b.WriteByte(' ')
		pad(&b, label, 16)
		b.WriteByte(' ')
		if inv.Mode == cli.ListPaths {
			// The command line py would start, as CPython's launcher
			// shows it: the registry's ExecutableArguments follow.
			b.WriteString(quote.Visible(e.it.Path))
			if e.it.Args != "" {
				b.WriteByte(' ')
				b.WriteString(quote.Visible(e.it.Args))
			}
		} else {
			pad(&b, displayName(e.it, e.b), width)
			b.WriteString("  ")
			b.WriteString(e.it.Source.String())
		}
		b.WriteByte('\n')
	}
	for _, p := range ls.broken {
		passedOver(&b, "(not working)", p.it, p.why)
	}
	for _, p := range ls.untrusted {
		passedOver(&b, "(untrusted)", p.it, p.why)
	}
	return action{output: b.String()}
}

// passedOver writes the line of an interpreter py does not run unasked:
// its label, path, source and why.
func passedOver(b *strings.Builder, label string, it *discover.Interpreter, why string) {
	b.WriteByte(' ')
	pad(b, label, 16)
	b.WriteByte(' ')
	b.WriteString(quote.Visible(it.Path))
	b.WriteString("  ")
	b.WriteString(it.Source.String())
	b.WriteString(": ")
	b.WriteString(quote.Visible(why))
	b.WriteByte('\n')
}

// pad writes s left-aligned in a field of width characters.
func pad(b *strings.Builder, s string, width int) {
	b.WriteString(s)
	for n := utf8.RuneCountInString(s); n < width; n++ {
		b.WriteByte(' ')
	}
}

// JSONInterpreter is one interpreter in `py --list --format=json`. The
// field names and meanings are stable; fields may be added.
type JSONInterpreter struct {
	Path           string `json:"path"`
	Version        string `json:"version"`
	Implementation string `json:"implementation"`
	Company        string `json:"company"`
	Tag            string `json:"tag"`
	Source         string `json:"source"`
	FreeThreaded   bool   `json:"free_threaded"`
	Prerelease     bool   `json:"prerelease"`
	Debug          bool   `json:"debug"`
	Venv           bool   `json:"venv"`
	Prefix         string `json:"prefix,omitempty"`
	Architecture   string `json:"architecture,omitempty"`
	Bits           int    `json:"bits,omitempty"`
	Default        bool   `json:"default"`
	// RequestedBy lists the requests (a .python-version line,
	// requires-python, …) that would each choose this interpreter.
	RequestedBy []string `json:"requested_by,omitempty"`
}

// JSONPassedOver is an interpreter py found but does not run: in
// not_working, it failed when asked what it is; in untrusted, it is in a
// place other users can write, and runs only when named by its path.
type JSONPassedOver struct {
	Path   string `json:"path"`
	Source string `json:"source"`
	// Reason says why.
	Reason string `json:"reason"`
}

// JSONList is the document `py --list --format=json` prints.
type JSONList struct {
	Schema       int               `json:"schema"`
	Interpreters []JSONInterpreter `json:"interpreters"`
	NotWorking   []JSONPassedOver  `json:"not_working,omitempty"`
	Untrusted    []JSONPassedOver  `json:"untrusted,omitempty"`
}

func (a *app) listJSON(ls listing, def *discover.Interpreter, picks map[*discover.Interpreter][]string) action {
	doc := JSONList{Schema: 1, Interpreters: []JSONInterpreter{}}
	for _, p := range ls.broken {
		doc.NotWorking = append(doc.NotWorking, JSONPassedOver{Path: p.it.Path, Source: p.it.Source.String(), Reason: p.why})
	}
	for _, p := range ls.untrusted {
		doc.Untrusted = append(doc.Untrusted, JSONPassedOver{Path: p.it.Path, Source: p.it.Source.String(), Reason: p.why})
	}
	for _, e := range ls.entries {
		it, b := e.it, e.b
		doc.Interpreters = append(doc.Interpreters, JSONInterpreter{
			Path:           it.Path,
			Version:        b.Version.String(),
			Implementation: b.Impl,
			Company:        b.Company(),
			Tag:            b.Tag(),
			Source:         it.Source.String(),
			FreeThreaded:   b.FreeThreaded,
			Prerelease:     b.Version.Prerelease(),
			Debug:          b.Debug,
			Venv:           e.venv,
			Prefix:         e.prefix,
			Architecture:   b.Machine,
			Bits:           b.Bits,
			Default:        it == def,
			RequestedBy:    picks[it],
		})
	}
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		a.errorf("%v", err)
		return action{code: exitcode.Internal}
	}
	return action{output: string(data) + "\n"}
}
