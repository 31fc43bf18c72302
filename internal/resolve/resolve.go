// Package resolve chooses the interpreter to run: it applies py's
// precedence rules (an explicit request, the active environment, the
// project's .venv, the script's and the project's requests, the user's
// default, the newest stable CPython) to what package discover found.
//
// Choose is pure: it reads no file and no variable, and prints nothing.
// What a name could not say it learns through Inputs.Learn, which returns
// what it learned instead of changing the interpreters it is given; the
// reasons, warnings and trace lines come back in the Choice.
package resolve

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/pylauncher/py/internal/discover"
	"github.com/pylauncher/py/internal/pyver"
	"github.com/pylauncher/py/internal/quote"
	"github.com/pylauncher/py/internal/request"
)

// Learned is what Inputs.Learn found out about an interpreter.
type Learned struct {
	Build pyver.Build
	// Venv and Prefix: the interpreter runs in that virtual environment.
	Venv   bool
	Prefix string
	// Broken, when set, says why the interpreter does not work.
	Broken string
}

// Pin is one line of the project's .python-version.
type Pin struct {
	Request *request.Request
	// Interp is what discovery found for a pin naming an interpreter (a
	// pyenv name, a path): nil when there is none.
	Interp *discover.Interpreter
}

// Default is a user's default (PY_PYTHON, [defaults] python…): a
// request, or the error of one that could not be read. Both nil: unset.
type Default struct {
	Request *request.Request
	Err     error
}

// Defaults are the user's defaults for py, -3 and -2.
type Defaults struct {
	Python, Python3, Python2 Default
}

// Inputs are everything Choose decides from.
type Inputs struct {
	// Explicit is the request given on the command line (or by the
	// launcher's name, or by py in a shebang), or nil.
	Explicit *request.Request
	// ExplicitInterp is what discovery found for an explicit request
	// naming an interpreter (a path, a program on PATH), or nil.
	ExplicitInterp *discover.Interpreter
	// Script holds the script's requests: its shebang's virtual command
	// (#!/usr/bin/python3.9 asks for 3.9) and its PEP 723
	// requires-python. Unlike an explicit request, they are satisfied by
	// an active or project environment of a matching version.
	Script request.Set
	// Pins are the lines of the nearest .python-version, in order (the
	// first satisfiable wins), from the file PinsFile; RequiresPython is
	// the nearest pyproject.toml's. Together, the project's requests.
	Pins           []Pin
	PinsFile       string
	RequiresPython *request.Request
	Defaults       Defaults
	Found          *discover.Found
	// AllowPre lets pre-releases be chosen like stable releases.
	AllowPre bool
	// Learn tells what an interpreter's name could not say: from the
	// cache, or, if query is set and the cache has no answer, by asking
	// the interpreter. ok is false when nothing is known without asking.
	// Nil means nothing more can be learned.
	Learn func(in *discover.Interpreter, query bool) (l Learned, ok bool)
	// Explain asks for Choice.Reasons (py --which); Debug for
	// Choice.Trace (PYLAUNCHER_DEBUG).
	Explain, Debug bool
}

// Choice is the result of Choose.
type Choice struct {
	Interp *discover.Interpreter
	// Build is what is known of Interp (its name's word, or what was
	// learned); Venv and Prefix likewise.
	Build  pyver.Build
	Venv   bool
	Prefix string
	// Request is the request that was satisfied, nil when none applied.
	Request *request.Request
	// Reasons tells, step by step, how the choice was made (Explain).
	Reasons []string
	// Warnings are problems the user should see: an environment that
	// holds no interpreter, a stale .venv, requests that contradict.
	Warnings []string
	// Trace has a line for every candidate considered (Debug).
	Trace []string
	// Broken are the interpreters found not to work, with why.
	Broken map[*discover.Interpreter]string
}

// NoMatchError reports a request that no interpreter satisfies.
type NoMatchError struct {
	Request *request.Request
	// Untrusted are interpreters that might satisfy it but are chosen
	// only when named by their path.
	Untrusted []*discover.Interpreter
}

func (e *NoMatchError) Error() string {
	return "no installed Python matches " + e.Request.Describe()
}

// NoPythonError reports that no interpreter was found at all. Request is
// the request that was to be satisfied, nil when there was none.
type NoPythonError struct {
	Request *request.Request
}

func (NoPythonError) Error() string { return "no Python installation was found" }

// BadRequestError reports a default that cannot be used.
type BadRequestError struct {
	Origin string
	Err    error
}

func (e *BadRequestError) Error() string { return e.Err.Error() + " (from " + e.Origin + ")" }
func (e *BadRequestError) Unwrap() error { return e.Err }

// Choose applies the precedence rules. It returns *NoMatchError when a
// request cannot be satisfied, NoPythonError when there is no interpreter
// at all, and *BadRequestError for a default that cannot be used.
func Choose(in Inputs) (Choice, error) {
	c := newChooser(in)
	in = c.in // with Found set
	it, req, err := c.choose()
	ch := Choice{Request: req, Reasons: c.reasons, Warnings: c.warnings, Trace: c.trace}
	if it != nil {
		v := c.view(it)
		ch.Interp, ch.Build, ch.Venv, ch.Prefix = it, v.b, v.venv, v.prefix
	}
	if nm, ok := err.(*NoMatchError); ok {
		for _, u := range in.Found.Installs {
			if u.Untrusted != "" && nm.Request.Match(u.Build) != pyver.No {
				nm.Untrusted = append(nm.Untrusted, u)
			}
		}
	}
	for _, v := range c.views {
		if v.broken != "" {
			if ch.Broken == nil {
				ch.Broken = map[*discover.Interpreter]string{}
			}
			ch.Broken[v.in] = v.broken
		}
	}
	if in.Explain {
		for _, it := range in.Found.All() {
			switch {
			case ch.Broken[it] != "":
				ch.Reasons = append(ch.Reasons, fmt.Sprintf("passed over %s: it does not work: %s", it.Path, ch.Broken[it]))
			case it.Untrusted != "":
				ch.Reasons = append(ch.Reasons, fmt.Sprintf("passed over %s: it runs only when named by its path, as %s", it.Path, it.Untrusted))
			}
		}
	}
	return ch, err
}

// view is what one Choose knows of an interpreter.
type view struct {
	in      *discover.Interpreter
	b       pyver.Build
	settled bool
	venv    bool
	prefix  string
	// broken says why it does not work; learned and queried say what
	// was asked of Learn.
	broken           string
	learned, queried bool
	// passed marks a candidate the current pick gave up on.
	passed bool
}

// chooser is one Choose's working state.
type chooser struct {
	in Inputs
	// views are searched in order, not a map: a launch sees a dozen
	// interpreters, and a fresh process pays more to set up a map. They
	// live in store, allocated once.
	views    []*view
	store    []view
	reasons  []string
	warnings []string
	trace    []string
}

func newChooser(in Inputs) *chooser {
	if in.Found == nil {
		in.Found = &discover.Found{}
	}
	n := len(in.Found.Installs) + 4
	return &chooser{in: in, views: make([]*view, 0, n), store: make([]view, 0, n)}
}

// why records a reason, formatted only when someone reads it.
func (c *chooser) why(format string, args ...any) {
	if c.in.Explain {
		c.reasons = append(c.reasons, fmt.Sprintf(format, args...))
	}
}

func (c *chooser) warn(msg string) {
	c.warnings = append(c.warnings, msg)
	c.why("%s", msg)
}

// view returns what is known of it, starting from what discovery said.
func (c *chooser) view(it *discover.Interpreter) *view {
	for _, v := range c.views {
		if v.in == it {
			return v
		}
	}
	vv := view{in: it, b: it.Build, settled: it.Settled, venv: it.Venv, prefix: it.Prefix, broken: it.Broken}
	var v *view
	if len(c.store) < cap(c.store) {
		c.store = append(c.store, vv)
		v = &c.store[len(c.store)-1]
	} else {
		v = &vv
	}
	c.views = append(c.views, v)
	return v
}

// learn asks Learn about v, from the cache only unless query is set. It
// reports false when v does not work.
func (c *chooser) learn(v *view, query bool) bool {
	if v.queried || v.learned && !query {
		return v.broken == ""
	}
	v.learned = true
	v.queried = v.queried || query
	if c.in.Learn == nil {
		return v.broken == ""
	}
	l, ok := c.in.Learn(v.in, query)
	switch {
	case !ok:
	case l.Broken != "":
		v.broken = l.Broken
	default:
		v.b, v.settled = l.Build, true
		if l.Venv && !v.venv {
			v.venv, v.prefix = true, l.Prefix
		}
	}
	return v.broken == ""
}

// choose is the precedence rules; it returns the interpreter and the
// request it satisfied.
func (c *chooser) choose() (*discover.Interpreter, *request.Request, error) {
	in := c.in
	// 1. An explicit request never runs a virtual environment (PEP 486),
	// unless it names one by its path.
	if in.Explicit != nil {
		return c.explicit(in.Explicit)
	}
	c.why("no version was requested on the command line")
	for _, r := range in.Script {
		c.why("the script asks for Python %s (%s)", r.Text, r.Origin)
	}
	for _, r := range c.projectRequests() {
		c.why("the project asks for Python %s (%s)", r.Text, r.Origin)
	}
	// 3. The active environment, if it satisfies the script.
	if it := c.activeEnv(); it != nil {
		return it, nil, nil
	}
	// 4. The project's .venv, if it satisfies the script and the project.
	if it := c.projectEnv(); it != nil {
		return it, nil, nil
	}
	// 5. The newest interpreter that satisfies the script's and the
	// project's requests.
	if len(in.Script) > 0 || len(in.Pins) > 0 || in.RequiresPython != nil {
		return c.requested()
	}
	// 6. The user's default; 7. the newest stable CPython 3.
	return c.fallback()
}

// explicit is rule 1.
func (c *chooser) explicit(r *request.Request) (*discover.Interpreter, *request.Request, error) {
	switch {
	case named(r) && !r.HasTag:
		return c.namedExplicit(r)
	case r.Kind == request.Default:
		c.why("%s asks for the default Python", r.Origin)
		return c.fallback()
	}
	req, err := c.chain(r)
	if err != nil {
		return nil, r, err
	}
	if req != r {
		c.why("%s asks for Python %s; %s names %s", r.Origin, r.Text, req.Origin, quote.String(req.Text))
	}
	return c.pickOrFail(req)
}

// namedExplicit is an explicit request naming an interpreter by its path
// or its program name: what discovery found for it.
func (c *chooser) namedExplicit(r *request.Request) (*discover.Interpreter, *request.Request, error) {
	it := c.in.ExplicitInterp
	if it == nil {
		return nil, r, &NoMatchError{Request: r}
	}
	c.why("%s names %s", r.Origin, it.Path)
	if v := c.view(it); c.in.Explain && !v.settled {
		c.learn(v, true) // to say what it is (a launch need not ask)
	}
	return it, r, nil
}

// chain follows the major-version defaults: a request for exactly "3"
// (or "2") uses PY_PYTHON3 (PY_PYTHON2), then [defaults] python3
// (python2), when set. So PY_PYTHON=3 with PY_PYTHON3=3.9 gives 3.9, as
// CPython's documentation promises.
func (c *chooser) chain(r *request.Request) (*request.Request, error) {
	if !r.Chains() {
		return r, nil
	}
	d := c.in.Defaults.Python3
	if r.Version.Major == 2 {
		d = c.in.Defaults.Python2
	}
	switch {
	case d.Err != nil:
		return nil, d.Err
	case d.Request == nil:
		return r, nil
	}
	if dr := d.Request; dr.Kind == request.Version && !dr.HasTag && dr.Version.Known() && dr.Version.Major != r.Version.Major {
		return nil, &BadRequestError{Origin: dr.Origin, Err: fmt.Errorf("%s is not a Python %d version", quote.String(dr.Text), r.Version.Major)}
	}
	return d.Request, nil
}

// activeEnv is rule 3.
func (c *chooser) activeEnv() *discover.Interpreter {
	f := c.in.Found
	for _, e := range []*discover.Env{f.VirtualEnv, f.Conda} {
		if e == nil {
			continue
		}
		name := e.Source.String()
		switch {
		case e.Base:
			c.why("%s=%s is conda's base environment: an install, not an activated environment", name, e.Dir)
		case e.Interp == nil:
			c.warn(fmt.Sprintf("%s=%s is ignored: %s", name, quote.String(e.Dir), e.Problem))
		case !c.satisfies(e.Interp, c.in.Script):
			c.why("%s is Python %s, not the %s the script asks for", name, c.view(e.Interp).b.Version, c.in.Script)
		default:
			c.why("%s is set: running its interpreter", name)
			return e.Interp
		}
	}
	if f.VirtualEnv == nil && f.Conda == nil {
		c.why("no virtual environment is active (VIRTUAL_ENV and CONDA_PREFIX are not set)")
	}
	return nil
}

// projectEnv is rule 4.
func (c *chooser) projectEnv() *discover.Interpreter {
	f := c.in.Found
	e := f.Project
	switch {
	case e == nil && f.ProjectSearched:
		c.why("no .venv was found in the current directory or its parents")
	case e == nil && f.ProjectSkipped != "":
		c.why("no .venv was searched for: %s", f.ProjectSkipped)
	case e == nil:
		c.why("the .venv search is turned off ([settings] project_venv in py.ini)")
	case e.Interp == nil:
		c.warn(fmt.Sprintf("the project environment %s is ignored: %s", quote.String(e.Dir), e.Problem))
	case !c.satisfies(e.Interp, c.in.Script):
		c.why("the project environment %s is Python %s, not the %s the script asks for", e.Dir, c.view(e.Interp).b.Version, c.in.Script)
	case !c.projectSatisfied(e.Interp):
		c.warn(fmt.Sprintf("the project environment %s is stale: it is Python %s, and the project asks for %s", quote.String(e.Dir), c.view(e.Interp).b.Version, c.projectText()))
	default:
		c.why("found the project environment %s", e.Dir)
		return e.Interp
	}
	return nil
}

// fallback is rules 6 and 7.
func (c *chooser) fallback() (*discover.Interpreter, *request.Request, error) {
	d := c.in.Defaults.Python
	switch {
	case d.Err != nil:
		return nil, nil, d.Err
	case d.Request != nil:
		req, err := c.chain(d.Request)
		if err != nil {
			return nil, d.Request, err
		}
		if req != d.Request {
			c.why("%s names Python %s; %s names %s", d.Request.Origin, d.Request.Text, req.Origin, quote.String(req.Text))
		}
		return c.pickOrFail(req)
	}
	c.why("no default is configured (PY_PYTHON, [defaults] python in py.ini)")
	three := &request.Request{Text: "3", Kind: request.Version, Version: pyver.Version{Major: 3, Minor: -1, Micro: -1}}
	if it := c.pick(c.pool(), versionMatcher{three}); it != nil {
		if three.Preferred(c.view(it).b, c.in.AllowPre) {
			c.why("chose the newest stable CPython 3")
		} else {
			c.why("chose the newest Python 3 (no stable CPython 3 was found)")
		}
		return it, nil, nil
	}
	if it := c.pick(c.pool(), versionMatcher{&request.Request{Kind: request.Any, Version: pyver.Unknown}}); it != nil {
		c.why("chose the newest Python (no Python 3 was found)")
		return it, nil, nil
	}
	return nil, nil, NoPythonError{}
}

// pickOrFail picks for an explicit request or a default: launcher2's
// reading of a selector first, then uv's.
func (c *chooser) pickOrFail(req *request.Request) (*discover.Interpreter, *request.Request, error) {
	pool := c.pool()
	var it *discover.Interpreter
	if req.HasTag {
		it = c.pick(pool, tagMatcher{req})
		switch {
		case it == nil && named(req):
			c.why("no install's PEP 514 tag matches %s; looking for it as a program", quote.String(req.Text))
			return c.namedExplicit(req)
		case it == nil && req.Kind != request.Tag:
			c.why("no install's PEP 514 tag matches %s; reading it as a version request", quote.String(req.Text))
		}
	}
	if it == nil && req.Kind != request.Tag {
		it = c.pick(pool, versionMatcher{req})
	}
	if it == nil {
		f := c.in.Found
		if len(pool) == 0 && f.VirtualEnv == nil && f.Conda == nil && f.Project == nil {
			return nil, req, NoPythonError{Request: req}
		}
		return nil, req, &NoMatchError{Request: req}
	}
	if c.in.Explain {
		b := c.view(it).b
		how := "best"
		if !req.Preferred(b, c.in.AllowPre) {
			how = "only"
		}
		c.why("Python %s (from %s) is satisfied by %s %s, the %s match", req.Text, req.Origin, b.Impl, b.Version, how)
	}
	return it, req, nil
}

// satisfies reports whether environment interpreter it satisfies reqs
// (any interpreter satisfies no request), asking it if need be.
func (c *chooser) satisfies(it *discover.Interpreter, reqs request.Set) bool {
	v := c.view(it)
	m := reqs.Match(v.b)
	if m == pyver.Maybe && c.learn(v, true) {
		m = reqs.Match(v.b)
	}
	return m == pyver.Yes
}

// Pool returns the interpreters that version requests choose from: every
// install, but no virtual environment, and none that other users could
// have put there (discover.Interpreter.Untrusted).
func Pool(f *discover.Found) []*discover.Interpreter {
	var pool []*discover.Interpreter
	for _, it := range f.Installs {
		if !it.Venv && it.Untrusted == "" {
			pool = append(pool, it)
		}
	}
	if f.Conda != nil && f.Conda.Base && f.Conda.Interp != nil {
		pool = append(pool, f.Conda.Interp)
	}
	return pool
}

func (c *chooser) pool() []*view {
	var vs []*view
	for _, it := range Pool(c.in.Found) {
		if v := c.view(it); !v.venv {
			vs = append(vs, v)
		}
	}
	return vs
}

// matcher is what pick chooses for.
type matcher interface {
	// tier ranks b for the request: 0 when it cannot match, higher
	// first. Maybe counts as a match until asked.
	tier(b pyver.Build, allowPre bool) int
	match(b pyver.Build) pyver.Match
	text() string
}

// versionMatcher is a request's version reading (or several's): a
// preferred build (stable, standard CPython, unless asked otherwise)
// before any other.
type versionMatcher struct {
	r interface {
		Match(pyver.Build) pyver.Match
		Preferred(pyver.Build, bool) bool
	}
}

func (m versionMatcher) tier(b pyver.Build, allowPre bool) int {
	switch {
	case m.r.Match(b) == pyver.No:
		return 0
	case m.r.Preferred(b, allowPre):
		return 2
	}
	return 1
}
func (m versionMatcher) match(b pyver.Build) pyver.Match { return m.r.Match(b) }
func (m versionMatcher) text() string {
	switch r := m.r.(type) {
	case *request.Request:
		return r.Display()
	case request.Set:
		return r.String()
	}
	return ""
}

// tagMatcher is launcher2's reading of a selector: an exact tag before a
// prefix, a preferred build before others.
type tagMatcher struct{ r *request.Request }

func (m tagMatcher) tier(b pyver.Build, allowPre bool) int {
	t := 0
	switch m.r.MatchTag(b) {
	case request.NoTag:
		return 0
	case request.PrefixTag:
		t = 1
	case request.ExactTag:
		t = 3
	}
	if m.r.Preferred(b, allowPre) {
		t++
	}
	return t
}
func (m tagMatcher) match(b pyver.Build) pyver.Match {
	if m.r.MatchTag(b) == request.NoTag {
		return pyver.No
	}
	return pyver.Yes
}
func (m tagMatcher) text() string { return m.r.Display() }

// pick returns the best interpreter in pool for m, or nil.
//
// Names say most of what matters. Where they do not, pick asks Learn:
// about an interpreter whose version is unknown (a python3 that links to
// no versioned name) before ordering, since it could be the newest; about
// the chosen one when only its file name spoke, from the cache only (no
// interpreter is started for what a name says); and, with a query, about
// one the request needs a detail of (-3.12-32, -V:3.12.1).
func (c *chooser) pick(pool []*view, m matcher) *discover.Interpreter {
	for _, v := range pool {
		if v.b.Version.Minor < 0 {
			c.learn(v, true)
		}
	}
	var best *view
	for _, v := range pool {
		v.passed = false
	}
	for {
		sortViews(pool)
		best = c.first(pool, m)
		if best == nil {
			break
		}
		if !best.settled && !best.learned {
			c.learn(best, false)
			continue
		}
		if best.broken != "" {
			best.passed = true
			continue
		}
		mm := m.match(best.b)
		if mm == pyver.Yes {
			break
		}
		if mm == pyver.Maybe && !best.queried {
			c.learn(best, true)
			continue
		}
		best.passed = true // a detail that cannot be learned: no match
	}
	if c.in.Debug {
		for _, v := range pool {
			c.trace = append(c.trace, fmt.Sprintf("# candidate %q (%s %s, %s): %s", v.in.Path, v.b.Impl, v.b.Version, v.in.Source, c.verdict(v, m, best, v.passed)))
		}
	}
	if best == nil {
		return nil
	}
	return best.in
}

// first returns the candidate of the highest tier, earliest in pool. One
// learned to be a virtual environment since pool was made is no install.
func (c *chooser) first(pool []*view, m matcher) *view {
	var best *view
	bestTier := 0
	for _, v := range pool {
		if v.passed || v.broken != "" || v.venv {
			continue
		}
		if t := m.tier(v.b, c.in.AllowPre); t > bestTier {
			best, bestTier = v, t
		}
	}
	return best
}

// verdict says why candidate v was chosen or passed over.
func (c *chooser) verdict(v *view, m matcher, best *view, passed bool) string {
	text := m.text()
	switch {
	case v == best:
		return "chosen for " + strconv.Quote(text)
	case v.broken != "":
		return "passed over: it does not work: " + v.broken
	case v.venv:
		return "passed over: it runs the virtual environment " + v.prefix
	case passed:
		return "passed over: it cannot tell whether it matches"
	case m.match(v.b) == pyver.No:
		return "passed over: does not match " + strconv.Quote(text)
	case m.tier(v.b, c.in.AllowPre)%2 == 1 && best != nil:
		var kinds []string
		if v.b.Version.Prerelease() {
			kinds = append(kinds, "a pre-release")
		}
		if v.b.FreeThreaded {
			kinds = append(kinds, "free-threaded")
		}
		if v.b.Debug {
			kinds = append(kinds, "a debug build")
		}
		if v.b.Impl != pyver.CPython {
			kinds = append(kinds, "not CPython")
		}
		if len(kinds) > 0 {
			return "passed over: " + strings.Join(kinds, ", ") + ", and not asked for"
		}
	}
	if best != nil {
		return "passed over: " + best.in.Path + " comes first"
	}
	return "passed over"
}

// Sort orders interpreters from most to least preferred (see
// sortViews), by what their names say.
func Sort(pool []*discover.Interpreter) {
	slices.SortStableFunc(pool, func(a, b *discover.Interpreter) int { return compare(a, a.Build, b, b.Build) })
}

func sortViews(pool []*view) {
	slices.SortStableFunc(pool, func(a, b *view) int { return compare(a.in, a.b, b.in, b.b) })
}

// compare orders two interpreters: newest feature version (X.Y) first;
// at the same version a standard build before free-threaded, debug and
// other implementations, and a stable release before a pre-release; then
// the earlier on PATH, then by source; then the newest micro release;
// then by path.
func compare(a *discover.Interpreter, ab pyver.Build, b *discover.Interpreter, bb pyver.Build) int {
	if c := cmp.Compare(bb.Version.Major, ab.Version.Major); c != 0 {
		return c
	}
	if c := cmp.Compare(bb.Version.Minor, ab.Version.Minor); c != 0 {
		return c
	}
	if c := cmp.Compare(variantRank(ab), variantRank(bb)); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Rank, b.Rank); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Source, b.Source); c != 0 {
		return c
	}
	if c := pyver.Compare(bb.Version, ab.Version); c != 0 {
		return c
	}
	if c := strings.Compare(ab.Tag(), bb.Tag()); c != 0 {
		return c
	}
	if c := compareCompany(ab.Company(), bb.Company()); c != 0 {
		return c
	}
	return strings.Compare(a.Path, b.Path)
}

// compareCompany orders PEP 514 companies as CPython's launcher does:
// PythonCore first, then the others by name, ignoring case.
func compareCompany(a, b string) int {
	ac, bc := strings.EqualFold(a, "PythonCore"), strings.EqualFold(b, "PythonCore")
	switch {
	case ac && bc:
		return 0
	case ac:
		return -1
	case bc:
		return 1
	}
	return strings.Compare(strings.ToLower(a), strings.ToLower(b))
}

// variantRank orders builds of one feature version: standard CPython,
// then pre-releases, then free-threaded, debug, other implementations and
// 32-bit builds.
func variantRank(b pyver.Build) int {
	r := 0
	if b.Version.Prerelease() {
		r++
	}
	if b.FreeThreaded {
		r += 2
	}
	if b.Debug {
		r += 4
	}
	if b.Impl != pyver.CPython {
		r += 8
	}
	if b.Bits == 32 {
		// On 64-bit systems a 32-bit build (-V:3.12-32) comes after
		// the 64-bit one, as in CPython's launcher.
		r += 16
	}
	return r
}
