package launcher

import (
	"strings"

	"github.com/pylauncher/py/internal/cli"
	"github.com/pylauncher/py/internal/request"
	"github.com/pylauncher/py/internal/resolve"
	"github.com/pylauncher/py/internal/run"
)

// searchInfo is what CPython's launcher calls its SearchInfo: what a run
// was asked, after the shebang and the defaults, before any interpreter
// is looked for. PYLAUNCHER_DEBUG prints it as launcher2 does, one
// "SearchInfo.name: value" line each, in its order (CPython's
// test_launcher reads them).
type searchInfo struct {
	originalCmdLine, restOfCmdLine                 string
	executablePath, scriptFile, executable, exArgs string
	key                                            searchKey
	allowDefaults, allowExecutableOverride         bool
	windowed, list, listPaths, help                bool
	limitToCompany                                 string
}

// searchKey is the company and tag a run searches for, as launcher2
// would hold them.
type searchKey struct {
	company, tag string
	// oldStyle: an old-style tag (-3.12-32, a shebang's, a default
	// without "/"), matching PythonCore only. lowPriority: a tag from a
	// shebang or a default, which an active virtual environment beats.
	oldStyle, lowPriority bool
}

// keyOf returns the search key of a run: the explicit request (the
// command line's, the launcher name's, py's in a shebang), else the
// shebang's virtual command (virtual: the shebang is one, of any
// version), then, when allowed and the tag is empty, "3" or "2", the
// default (PY_PYTHON, PY_PYTHON3, PY_PYTHON2, [defaults]). Defaults
// chain, as py applies them: PY_PYTHON=3 is then PY_PYTHON3's. It is
// pure.
func keyOf(explicit, script *request.Request, virtual bool, d resolve.Defaults, allowDefaults bool) searchKey {
	var k searchKey
	switch {
	case explicit != nil:
		k = requestKey(explicit)
	case script != nil:
		k = requestKey(script)
		k.lowPriority = true
	case virtual:
		k.lowPriority = true
	}
	for used := 0; allowDefaults && used < 2; used++ {
		if k.tag != "" && !k.oldStyle || k.company != "" {
			break
		}
		var def resolve.Default
		switch k.tag {
		case "":
			def = d.Python
		case "3":
			def = d.Python3
		case "2":
			def = d.Python2
		}
		if def.Request == nil {
			break
		}
		same := def.Request.Text == k.tag
		k = requestKey(def.Request)
		k.lowPriority = true
		if same {
			break
		}
	}
	return k
}

// requestKey is a request's company and tag as launcher2 reads its text:
// a selector (-V:, a default holding "/") is Company/Tag, split at the
// first "/"; anything else is an old-style tag.
func requestKey(r *request.Request) searchKey {
	if r.Syntax != request.Selector {
		return searchKey{tag: r.Text, oldStyle: true}
	}
	if company, tag, ok := strings.Cut(r.Text, "/"); ok {
		return searchKey{company: company, tag: tag}
	}
	return searchKey{tag: r.Text}
}

// lines formats the SearchInfo lines: text as it is, "(null)" when
// unset; booleans True or False.
func (si searchInfo) lines() []string {
	str := func(name, v string) string { return "SearchInfo." + name + ": " + orNull(v) }
	b := func(name string, v bool) string {
		if v {
			return "SearchInfo." + name + ": True"
		}
		return "SearchInfo." + name + ": False"
	}
	return []string{
		str("originalCmdLine", si.originalCmdLine),
		str("restOfCmdLine", si.restOfCmdLine),
		str("executablePath", si.executablePath),
		str("scriptFile", si.scriptFile),
		str("executable", si.executable),
		str("executableArgs", si.exArgs),
		str("company", si.key.company),
		str("tag", si.key.tag),
		b("oldStyleTag", si.key.oldStyle),
		b("lowPriorityTag", si.key.lowPriority),
		b("allowDefaults", si.allowDefaults),
		b("allowExecutableOverride", si.allowExecutableOverride),
		b("windowed", si.windowed),
		b("list", si.list),
		b("listPaths", si.listPaths),
		b("help", si.help),
		str("limitToCompany", si.limitToCompany),
	}
}

// traceSearchInfo prints the SearchInfo lines of a run (PYLAUNCHER_DEBUG).
func (a *app) traceSearchInfo(inv invocation, explicit *request.Request, plan *scriptPlan, reqs requests) {
	if !a.debug {
		return
	}
	si := searchInfo{
		scriptFile:     inv.script(),
		executable:     "python.exe",
		windowed:       a.windowed,
		list:           inv.Mode == cli.List,
		listPaths:      inv.Mode == cli.ListPaths,
		help:           inv.Mode == cli.Help,
		limitToCompany: a.env.Get("PYLAUNCHER_LIMIT_TO_COMPANY"),
	}
	if a.windowed {
		si.executable = "pythonw.exe"
	}
	if line, ok := run.CommandLine(); ok {
		si.originalCmdLine = line
		si.restOfCmdLine, _ = run.RawArgs(inv.Nargs - 1 - len(inv.Args))
	} else {
		// As launcher2 keeps them: the rest starts at the white space
		// before it.
		si.originalCmdLine = quoteArgs(append([]string{inv.Argv0}, inv.All...))
		if len(inv.Args) > 0 {
			si.restOfCmdLine = " " + quoteArgs(inv.Args)
		}
	}
	// launcher2's modes: py and pyw take defaults and may run another
	// program; python3.12 (a launcher named so) may not take defaults.
	si.allowExecutableOverride = true
	si.allowDefaults = inv.NameTag == "" && inv.Kind != cli.SelectorRequest && (explicit == nil || explicit.Syntax != request.Selector)
	var script *request.Request
	virtual := false
	if plan != nil {
		si.executablePath = plan.program
		si.exArgs = plan.raw
		if si.exArgs == "" {
			si.exArgs = strings.Join(plan.args, " ")
		}
		script, virtual = plan.request, plan.virtual
	}
	si.key = keyOf(explicit, script, virtual, reqs.defaults, si.allowDefaults)
	for _, l := range si.lines() {
		a.trace(l)
	}
}
