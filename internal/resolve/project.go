package resolve

import (
	"fmt"
	"os"
	"strings"

	"github.com/pylauncher/py/internal/discover"
	"github.com/pylauncher/py/internal/pyver"
	"github.com/pylauncher/py/internal/venv"
)

// projectRequests lists the project's requests, for the reasons.
func (in Inputs) projectRequests() []*Request {
	var rs []*Request
	if len(in.Pins) > 0 {
		rs = append(rs, in.Pins[0])
	}
	if in.RequiresPython != nil {
		rs = append(rs, in.RequiresPython)
	}
	return rs
}

// projectText describes the project's requests for messages.
func (in Inputs) projectText() string {
	var parts []string
	if len(in.Pins) > 0 {
		var pins []string
		for _, p := range in.Pins {
			pins = append(pins, p.Text)
		}
		parts = append(parts, strings.Join(pins, " or ")+" (.python-version)")
	}
	if in.RequiresPython != nil {
		parts = append(parts, in.RequiresPython.Text+" (requires-python)")
	}
	return strings.Join(parts, " and ")
}

// projectSatisfied reports whether c satisfies requires-python and one
// of the pins (a pin naming an environment is satisfied by that one only).
func (in Inputs) projectSatisfied(c *discover.Interpreter) bool {
	if in.RequiresPython != nil && !satisfies(in, c, in.RequiresPython) {
		return false
	}
	if len(in.Pins) == 0 {
		return true
	}
	for _, p := range in.Pins {
		if p.Path != "" {
			if sameFile(p.Path, c.Path) || strings.EqualFold(p.Path, c.Prefix) {
				return true
			}
			continue
		}
		if satisfies(in, c, p) {
			return true
		}
	}
	return false
}

func sameFile(a, b string) bool {
	fa, err1 := os.Stat(a)
	fb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(fa, fb)
}

// chooseRequested is step 5: the newest interpreter that satisfies the
// script's requests and the project's — the pins in order, each with
// requires-python. When no interpreter satisfies both, the script's win,
// and a warning says what was dropped.
func (in Inputs) chooseRequested(pool []*discover.Interpreter, script allOf, ch *Choice, why func(string, ...any)) (Choice, error) {
	// A bare "#!/usr/bin/python3" follows PY_PYTHON3, as before.
	var scriptReqs allOf
	for _, r := range script {
		cr, err := chainDefault(in, r)
		if err != nil {
			return *ch, err
		}
		if cr != r {
			why("%s names %q", cr.Origin, cr.Text)
		}
		scriptReqs = append(scriptReqs, cr)
	}
	var projectBase allOf
	if in.RequiresPython != nil {
		projectBase = append(projectBase, in.RequiresPython)
	}
	try := func(reqs allOf) *discover.Interpreter {
		if len(reqs) == 0 {
			return nil
		}
		return pick(in, pool, reqs)
	}
	done := func(c *discover.Interpreter, reqs allOf) (Choice, error) {
		why("Python %s is satisfied by %s %s", reqs.text(), c.Impl, c.Version)
		ch.Interp = c
		if len(reqs) > 0 {
			ch.Request = reqs[0]
		}
		return *ch, nil
	}
	// The pins, in order.
	for _, p := range in.Pins {
		if p.Path != "" {
			c := pathInterpreter(p.Path)
			if c == nil {
				why("%s: %q holds no interpreter; skipped", p.Origin, p.Path)
				continue
			}
			if len(scriptReqs) > 0 && !satisfies(in, c, scriptReqs) {
				why("%s names %s, which does not satisfy the script", p.Origin, p.Path)
				continue
			}
			why("%s names the environment %s", p.Origin, p.Path)
			ch.Interp, ch.Request = c, p
			return *ch, nil
		}
		reqs := append(append(allOf{p}, projectBase...), scriptReqs...)
		if c := try(reqs); c != nil {
			return done(c, reqs)
		}
		why("nothing installed satisfies %s (%s)", reqs.text(), p.Origin)
	}
	if len(in.Pins) == 0 {
		reqs := append(append(allOf{}, projectBase...), scriptReqs...)
		if c := try(reqs); c != nil {
			return done(c, reqs)
		}
	}
	// Nothing satisfies the script and the project together.
	if len(scriptReqs) > 0 && (len(in.Pins) > 0 || in.RequiresPython != nil) {
		if c := try(scriptReqs); c != nil {
			in.warn(fmt.Sprintf("the script's request (%s) and the project's (%s) contradict each other; the project's are dropped", scriptReqs.text(), in.projectText()))
			return done(c, scriptReqs)
		}
		return *ch, &NoMatchError{Request: scriptReqs[0]}
	}
	if len(in.Pins) > 0 {
		return *ch, &NoMatchError{Request: in.Pins[0]}
	}
	if in.RequiresPython != nil {
		return *ch, &NoMatchError{Request: in.RequiresPython}
	}
	return *ch, &NoMatchError{Request: scriptReqs[0]}
}

// pathInterpreter describes the interpreter at path — an executable, or a
// virtual environment's directory — or returns nil.
func pathInterpreter(path string) *discover.Interpreter {
	exe, prefix := path, ""
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		prefix = path
		exe = venv.Interpreter(path, goos())
	}
	fi, err := os.Stat(exe)
	if err != nil || fi.IsDir() {
		return nil
	}
	in := &discover.Interpreter{Path: exe, Source: discover.Path, Rank: discover.NotOnPath, Prefix: prefix}
	in.Build = pyver.Build{Impl: pyver.CPython, Version: pyver.Unknown}
	if prefix != "" {
		if cfg, err := venv.ReadCfg(prefix); err == nil {
			in.Venv = true
			if v, ok := pyver.ParseVersion(cfg.Version); ok {
				in.Version = v
			}
		}
	}
	return in
}

// Pick returns the interpreter req alone would choose among the installs,
// or nil (for --list's marks).
func Pick(in Inputs, req *Request) *discover.Interpreter {
	if req.Path != "" {
		return nil
	}
	return pick(in, Pool(in.Found), req)
}

// Requests lists every request in in: explicit, script and project.
func (in Inputs) Requests() []*Request {
	var rs []*Request
	if in.Explicit != nil {
		rs = append(rs, in.Explicit)
	}
	rs = append(rs, in.Script...)
	rs = append(rs, in.Pins...)
	if in.RequiresPython != nil {
		rs = append(rs, in.RequiresPython)
	}
	return rs
}
