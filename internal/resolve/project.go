package resolve

import (
	"fmt"
	"strings"

	"github.com/pylauncher/py/internal/discover"
	"github.com/pylauncher/py/internal/quote"
	"github.com/pylauncher/py/internal/request"
)

// projectRequests lists the project's requests, for the reasons.
func (c *chooser) projectRequests() []*request.Request {
	var rs []*request.Request
	if len(c.in.Pins) > 0 {
		rs = append(rs, c.in.Pins[0].Request)
	}
	if c.in.RequiresPython != nil {
		rs = append(rs, c.in.RequiresPython)
	}
	return rs
}

// projectText describes the project's requests for messages.
func (c *chooser) projectText() string {
	var parts []string
	if len(c.in.Pins) > 0 {
		var pins []string
		for _, p := range c.in.Pins {
			pins = append(pins, p.Request.Text)
		}
		parts = append(parts, strings.Join(pins, " or ")+" (.python-version)")
	}
	if c.in.RequiresPython != nil {
		parts = append(parts, c.in.RequiresPython.Text+" (requires-python)")
	}
	return strings.Join(parts, " and ")
}

// projectSatisfied reports whether environment interpreter it satisfies
// requires-python and one of the pins (a pin naming an interpreter is
// satisfied by that one only).
func (c *chooser) projectSatisfied(it *discover.Interpreter) bool {
	if c.in.RequiresPython != nil && !c.satisfies(it, request.Set{c.in.RequiresPython}) {
		return false
	}
	if len(c.in.Pins) == 0 {
		return true
	}
	for _, p := range c.in.Pins {
		if p.Interp != nil {
			if p.Interp == it || discover.SameInterpreter(p.Interp, it) {
				return true
			}
			continue
		}
		if named(p.Request) {
			continue
		}
		if c.satisfies(it, request.Set{p.Request}) {
			return true
		}
	}
	return false
}

// named reports a request that names an interpreter rather than
// describing one.
func named(r *request.Request) bool {
	return r.Kind == request.Path || r.Kind == request.Name || r.Kind == request.System
}

// requested is rule 5: the newest interpreter that satisfies the
// script's requests and the project's — the pins in order, each with
// requires-python. When no interpreter satisfies both, the script's win,
// and a warning says what was dropped.
func (c *chooser) requested() (*discover.Interpreter, *request.Request, error) {
	in := c.in
	// A bare "#!/usr/bin/python3" follows PY_PYTHON3, as before.
	var script request.Set
	for _, r := range in.Script {
		cr, err := c.chain(r)
		if err != nil {
			return nil, r, err
		}
		if cr != r {
			c.why("%s names %s", cr.Origin, quote.String(cr.Text))
		}
		script = append(script, cr)
	}
	if len(script) == 1 && script[0] != in.Script[0] && len(in.Pins) == 0 && in.RequiresPython == nil {
		// "#!/usr/bin/python2" with PY_PYTHON2 set is "py -2": the
		// default is read as it is there (a Company/Tag selector by
		// launcher2's rules first).
		return c.pickOrFail(script[0])
	}
	var base request.Set
	if in.RequiresPython != nil {
		base = append(base, in.RequiresPython)
	}
	try := func(reqs request.Set) *discover.Interpreter {
		if len(reqs) == 0 {
			return nil
		}
		return c.pick(c.pool(), versionMatcher{reqs})
	}
	done := func(it *discover.Interpreter, reqs request.Set) (*discover.Interpreter, *request.Request, error) {
		b := c.view(it).b
		c.why("Python %s is satisfied by %s %s", reqs, b.Impl, b.Version)
		return it, reqs[0], nil
	}
	// The pins, in order.
	for _, p := range in.Pins {
		if named(p.Request) {
			if it := c.namedPin(p, script); it != nil {
				return it, p.Request, nil
			}
			continue
		}
		reqs := append(append(request.Set{p.Request}, base...), script...)
		if it := try(reqs); it != nil {
			return done(it, reqs)
		}
		c.why("nothing installed satisfies %s (%s)", reqs, p.Request.Origin)
	}
	if len(in.Pins) == 0 {
		reqs := append(append(request.Set{}, base...), script...)
		if it := try(reqs); it != nil {
			return done(it, reqs)
		}
	}
	// Nothing satisfies the script and the project together.
	if len(script) > 0 && (len(in.Pins) > 0 || in.RequiresPython != nil) {
		if it := try(script); it != nil {
			c.warn(fmt.Sprintf("the script's request (%s) and the project's (%s) contradict each other; the project's are dropped", script, c.projectText()))
			return done(it, script)
		}
		return nil, script[0], &NoMatchError{Request: script[0]}
	}
	switch {
	case len(in.Pins) > 0:
		return nil, in.Pins[0].Request, &NoMatchError{Request: in.Pins[0].Request}
	case in.RequiresPython != nil:
		return nil, in.RequiresPython, &NoMatchError{Request: in.RequiresPython}
	}
	return nil, script[0], &NoMatchError{Request: script[0]}
}

// namedPin applies a pin that names an interpreter (a pyenv environment,
// a path): it runs when it is there and satisfies the script.
func (c *chooser) namedPin(p Pin, script request.Set) *discover.Interpreter {
	r := p.Request
	switch {
	case r.Kind == request.System:
		c.why("%s: pyenv's \"system\" is not a request; skipped", r.Origin)
		return nil
	case p.Interp == nil:
		c.why("%s: %s names no interpreter; skipped", r.Origin, quote.String(r.Text))
		return nil
	case len(script) > 0 && !c.satisfies(p.Interp, script):
		c.why("%s names %s, which does not satisfy the script", r.Origin, p.Interp.Path)
		return nil
	}
	c.why("%s names the interpreter %s", r.Origin, p.Interp.Path)
	return p.Interp
}

// Pick returns the interpreter req alone would choose among the installs,
// or nil (for --list's marks).
func Pick(in Inputs, req *request.Request) *discover.Interpreter {
	c := newChooser(in)
	if named(req) {
		return nil
	}
	if req.HasTag {
		if it := c.pick(c.pool(), tagMatcher{req}); it != nil || req.Kind == request.Tag {
			return it
		}
	}
	return c.pick(c.pool(), versionMatcher{req})
}

// Requests lists every request in in: explicit, script and project.
func (in Inputs) Requests() []*request.Request {
	var rs []*request.Request
	if in.Explicit != nil {
		rs = append(rs, in.Explicit)
	}
	rs = append(rs, in.Script...)
	for _, p := range in.Pins {
		rs = append(rs, p.Request)
	}
	if in.RequiresPython != nil {
		rs = append(rs, in.RequiresPython)
	}
	return rs
}
