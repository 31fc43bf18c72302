package launcher

import (
	"encoding/json"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/pylauncher/py/internal/cli"
	"github.com/pylauncher/py/internal/discover"
	"github.com/pylauncher/py/internal/resolve"
)

// entry is one line of a listing.
type entry struct {
	label string
	in    *discover.Interpreter
}

// listing is what --list shows: the interpreters py can run, and those
// it will not run unasked.
type listing struct {
	entries []entry
	// broken are the interpreters that do not work (Interpreter.Broken
	// says why).
	broken []*discover.Interpreter
	// untrusted are those in places other users can write
	// (Interpreter.Untrusted): never asked, run only when named.
	untrusted []*discover.Interpreter
}

// listEntries returns what --list shows: the environments, then every
// install in preference order, then those that do not work. Interpreters
// whose names did not say enough are asked (once; the answers are
// cached).
func (l *launch) listEntries(in resolve.Inputs) listing {
	var ls listing
	envLabels := map[discover.Source]string{discover.VirtualEnv: "(venv)", discover.Conda: "(conda)", discover.Project: "(.venv)"}
	for _, e := range []*discover.Env{in.Found.VirtualEnv, in.Found.Conda, in.Found.Project} {
		if e == nil || e.Interp == nil || e.Base {
			continue
		}
		if !e.Interp.Settled && !l.details(e.Interp, true) {
			ls.broken = append(ls.broken, e.Interp)
			continue
		}
		ls.entries = append(ls.entries, entry{envLabels[e.Source], e.Interp})
	}
	installs := append([]*discover.Interpreter(nil), in.Found.Installs...)
	if c := in.Found.Conda; c != nil && c.Base && c.Interp != nil {
		installs = append(installs, c.Interp)
	}
	var working []*discover.Interpreter
	for _, it := range installs {
		if it.Untrusted != "" {
			ls.untrusted = append(ls.untrusted, it)
			l.warnf("%s runs only when named by its path (py -V:%s): %s", quote(it.Path), it.Path, it.Untrusted)
			continue
		}
		if !it.Settled && !l.details(it, true) {
			ls.broken = append(ls.broken, it)
			continue
		}
		working = append(working, it)
	}
	resolve.Sort(working)
	for _, it := range working {
		label := "-V:" + it.Tag()
		if it.Company() != "PythonCore" {
			label = "-V:" + it.Company() + "/" + it.Tag()
		}
		if it.Venv {
			label = "(venv)"
		}
		ls.entries = append(ls.entries, entry{label, it})
	}
	return ls
}

func displayName(it *discover.Interpreter) string {
	if it.Display != "" {
		return it.Display
	}
	name := "Python"
	switch it.Impl {
	case "cpython":
	case "pypy":
		name = "PyPy"
	case "graalpy":
		name = "GraalPy"
	default:
		name = it.Company()
	}
	s := name + " " + it.Version.String()
	if it.FreeThreaded {
		s += " free-threaded"
	}
	if it.Debug {
		s += " debug"
	}
	return s
}

// list prints the interpreters found, marking the one py would run with
// "*", in CPython's launcher layout or as JSON, then those that do not
// work, with the reason. It exits 0 (ExitOutput when stdout fails).
func (l *launch) list(inv cli.Invocation, in resolve.Inputs) int {
	ls := l.listEntries(in)
	in.Warn = func(string) {} // the listing shows what is ignored
	ch, err := resolve.Choose(in)
	l.saveCache()
	if err != nil {
		l.warnf("no interpreter is the default: %v", err)
	}
	if inv.Format == cli.JSON {
		picks := map[*discover.Interpreter][]string{}
		for _, r := range in.Requests() {
			if c := resolve.Pick(in, r); c != nil {
				picks[c] = append(picks[c], r.Text+" ("+r.Origin+")")
			}
		}
		return l.listJSON(ls, ch.Interp, picks)
	}
	var b strings.Builder
	if len(ls.entries) == 0 {
		b.WriteString("No installed Pythons found!\n")
	}
	width := 0
	for _, e := range ls.entries {
		width = max(width, utf8.RuneCountInString(displayName(e.in)))
	}
	for _, e := range ls.entries {
		label := e.label
		if e.in == ch.Interp {
			label += " *"
		}
		// " %-16s %s" and " %-16s %-*s  %s", without fmt's start-up.
		b.WriteByte(' ')
		pad(&b, label, 16)
		b.WriteByte(' ')
		if inv.Mode == cli.ListPaths {
			b.WriteString(printable(e.in.Path))
		} else {
			pad(&b, displayName(e.in), width)
			b.WriteString("  ")
			b.WriteString(e.in.Source.String())
		}
		b.WriteByte('\n')
	}
	for _, it := range ls.broken {
		passedOver(&b, "(not working)", it, it.Broken)
	}
	for _, it := range ls.untrusted {
		passedOver(&b, "(untrusted)", it, it.Untrusted)
	}
	io.WriteString(l.stdout, b.String())
	return ExitOK
}

// passedOver writes the line of an interpreter py does not run unasked:
// its label, path, source and why.
func passedOver(b *strings.Builder, label string, it *discover.Interpreter, why string) {
	b.WriteByte(' ')
	pad(b, label, 16)
	b.WriteByte(' ')
	b.WriteString(printable(it.Path))
	b.WriteString("  ")
	b.WriteString(it.Source.String())
	b.WriteString(": ")
	b.WriteString(printable(why))
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

func (l *launch) listJSON(ls listing, def *discover.Interpreter, picks map[*discover.Interpreter][]string) int {
	doc := JSONList{Schema: 1, Interpreters: []JSONInterpreter{}}
	for _, it := range ls.broken {
		doc.NotWorking = append(doc.NotWorking, JSONPassedOver{Path: it.Path, Source: it.Source.String(), Reason: it.Broken})
	}
	for _, it := range ls.untrusted {
		doc.Untrusted = append(doc.Untrusted, JSONPassedOver{Path: it.Path, Source: it.Source.String(), Reason: it.Untrusted})
	}
	for _, e := range ls.entries {
		it := e.in
		doc.Interpreters = append(doc.Interpreters, JSONInterpreter{
			Path:           it.Path,
			Version:        it.Version.String(),
			Implementation: it.Impl,
			Company:        it.Company(),
			Tag:            it.Tag(),
			Source:         it.Source.String(),
			FreeThreaded:   it.FreeThreaded,
			Prerelease:     it.Version.Prerelease(),
			Debug:          it.Debug,
			Venv:           it.Venv,
			Prefix:         it.Prefix,
			Architecture:   it.Machine,
			Bits:           it.Bits,
			Default:        it == def,
			RequestedBy:    picks[it],
		})
	}
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		l.errorf("%v", err)
		return ExitInternal
	}
	l.stdout.Write(append(data, '\n'))
	return ExitOK
}
