// Package resolve chooses the interpreter to run: it applies py's
// precedence rules (an explicit request, the active environment, the
// project's .venv, the user's defaults, the newest stable CPython) to what
// package discover found, and records why at every step.
package resolve

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/pylauncher/py/internal/config"
	"github.com/pylauncher/py/internal/discover"
	"github.com/pylauncher/py/internal/pep440"
	"github.com/pylauncher/py/internal/project"
	"github.com/pylauncher/py/internal/pyver"
)

// Request is a parsed request and where it came from: a version, tag or
// implementation (pyver.Request), a PEP 440 specifier set, a pin of a
// .python-version file, or an interpreter named by its path.
type Request struct {
	pyver.Request
	// Spec, when set, is a PEP 440 specifier set the version must satisfy
	// (requires-python, -V:">=3.11,<3.13").
	Spec pep440.SpecifierSet
	// Pin, when set, is a .python-version line, matched by its own rules.
	Pin *project.Pin
	// Path, when set, names the interpreter itself (-V:/opt/py/bin/python3,
	// a venv directory, a pyenv-virtualenv environment).
	Path string
	// Origin names the place the request came from, for messages:
	// "the command line", "PY_PYTHON", `[defaults] python in "/x/py.ini"`.
	Origin string
}

// Describe formats the request and its origin: `"3.12" (from PY_PYTHON)`.
func (r *Request) Describe() string {
	return strconv.Quote(r.Text) + " (from " + r.Origin + ")"
}

// Match reports whether build b satisfies r (Maybe: b lacks a detail r
// constrains).
func (r *Request) Match(b pyver.Build) pyver.Match {
	if r.Pin != nil {
		return r.Pin.Match(b)
	}
	m := r.Request.Match(b)
	if m != pyver.No && r.Spec != nil {
		switch r.Spec.MatchVersion(b.Version, false) {
		case pyver.No:
			return pyver.No
		case pyver.Maybe:
			m = pyver.Maybe
		}
	}
	return m
}

// Preferred reports whether b is among the builds chosen first for r (see
// pyver.Request.Preferred); a specifier naming a pre-release lets
// pre-releases in.
func (r *Request) Preferred(b pyver.Build, allowPre bool) bool {
	base := r.Request
	if r.Pin != nil {
		base = r.Pin.Request
		allowPre = allowPre || r.Pin.Spec.NamesPrerelease()
	}
	return base.Preferred(b, allowPre || r.Spec.NamesPrerelease())
}

// text is the request as written, for traces.
func (r *Request) text() string {
	if r.Text == "" {
		return "any version"
	}
	return r.Text
}

// allOf is a request made of several: a build must satisfy each.
type allOf []*Request

func (rs allOf) Match(b pyver.Build) pyver.Match {
	m := pyver.Yes
	for _, r := range rs {
		switch r.Match(b) {
		case pyver.No:
			return pyver.No
		case pyver.Maybe:
			m = pyver.Maybe
		}
	}
	return m
}

func (rs allOf) Preferred(b pyver.Build, allowPre bool) bool {
	for _, r := range rs {
		if !r.Preferred(b, allowPre) {
			return false
		}
	}
	return true
}

func (rs allOf) text() string {
	var parts []string
	for _, r := range rs {
		parts = append(parts, r.text())
	}
	return strings.Join(parts, " and ")
}

// matcher is what pick chooses for: a Request or an allOf.
type matcher interface {
	Match(pyver.Build) pyver.Match
	Preferred(pyver.Build, bool) bool
	text() string
}

// NoMatchError reports a request that no interpreter satisfies.
type NoMatchError struct {
	Request *Request
	// Untrusted are interpreters that might satisfy it but are chosen
	// only when named by their path.
	Untrusted []*discover.Interpreter
}

func (e *NoMatchError) Error() string {
	return "no installed Python matches " + e.Request.Describe()
}

// NoPythonError reports that no interpreter was found at all.
type NoPythonError struct{}

func (NoPythonError) Error() string { return "no Python installation was found" }

// BadRequestError reports a default that cannot be parsed.
type BadRequestError struct {
	Origin string
	Err    error
}

func (e *BadRequestError) Error() string { return e.Err.Error() + " (from " + e.Origin + ")" }
func (e *BadRequestError) Unwrap() error { return e.Err }

// Inputs are everything Choose decides from.
type Inputs struct {
	// Explicit is the request given on the command line, or nil.
	Explicit *Request
	// Script holds the script's requests: its shebang's (#!/usr/bin/python3.9
	// asks for 3.9) and its PEP 723 requires-python. Unlike an explicit
	// request, they are satisfied by an active or project environment of
	// a matching version.
	Script []*Request
	// Pins are the lines of the nearest .python-version, in order (the
	// first satisfiable wins), from the file PinsFile; RequiresPython is
	// the nearest pyproject.toml's. Together, the project's requests.
	Pins           []*Request
	PinsFile       string
	RequiresPython *Request
	Found          *discover.Found
	Getenv         func(string) string
	Config         *config.Config
	// AllowPre lets pre-releases be chosen like stable releases.
	AllowPre bool
	// Details fills in what an interpreter's name could not say, from
	// the cache and, if query is set and the cache has no answer, by
	// asking the interpreter. It reports false when the interpreter does
	// not work. Nil means nothing more can be learned.
	Details func(in *discover.Interpreter, query bool) bool
	// Warn reports a problem the user should see (a broken VIRTUAL_ENV).
	Warn func(string)
	// Trace, if set, receives a line for every candidate considered.
	Trace func(string)
	// Explain asks for Choice.Reasons (py --which).
	Explain bool
}

// Choice is the result of Choose.
type Choice struct {
	Interp *discover.Interpreter
	// Request is the request that was satisfied, nil when none applied.
	Request *Request
	// Reasons tells, step by step, how the choice was made.
	Reasons []string
}

// Choose applies the precedence rules. It returns *NoMatchError when a
// request cannot be satisfied, NoPythonError when there is no interpreter
// at all, and *BadRequestError for a malformed default. With Explain,
// the reasons end with the interpreters passed over because they do not
// work.
func Choose(in Inputs) (Choice, error) {
	ch, err := choose(in)
	if nm, ok := err.(*NoMatchError); ok {
		for _, c := range in.Found.Installs {
			if c.Untrusted != "" && nm.Request.Match(c.Build) != pyver.No {
				nm.Untrusted = append(nm.Untrusted, c)
			}
		}
	}
	if in.Explain {
		for _, c := range in.Found.All() {
			switch {
			case c.Broken != "":
				ch.Reasons = append(ch.Reasons, fmt.Sprintf("passed over %s: it does not work: %s", c.Path, c.Broken))
			case c.Untrusted != "":
				ch.Reasons = append(ch.Reasons, fmt.Sprintf("passed over %s: it runs only when named by its path, as %s", c.Path, c.Untrusted))
			}
		}
	}
	return ch, err
}

func choose(in Inputs) (Choice, error) {
	var ch Choice
	// The reasons are formatted only when someone reads them: a launch
	// should not pay for --which.
	why := func(format string, args ...any) {
		if in.Explain {
			ch.Reasons = append(ch.Reasons, fmt.Sprintf(format, args...))
		}
	}
	pool := Pool(in.Found)

	// 1. An explicit request never runs a virtual environment (PEP 486),
	// unless it names one by its path.
	if in.Explicit != nil && in.Explicit.Path != "" {
		c := pathInterpreter(in.Explicit.Path)
		if c == nil {
			return ch, &NoMatchError{Request: in.Explicit}
		}
		why("%s names %s", in.Explicit.Origin, in.Explicit.Path)
		ch.Interp, ch.Request = c, in.Explicit
		return ch, nil
	}
	if in.Explicit != nil {
		req, err := chainDefault(in, in.Explicit)
		if err != nil {
			return ch, err
		}
		if req != in.Explicit {
			why("%s asks for Python %s; %s names %q", in.Explicit.Origin, in.Explicit.Text, req.Origin, req.Text)
		}
		return pickOrFail(in, pool, req, &ch, why)
	}
	why("no version was requested on the command line")

	script := allOf(in.Script)
	for _, r := range in.Script {
		why("the script asks for Python %s (%s)", r.Text, r.Origin)
	}
	proj := in.projectRequests()
	for _, r := range proj {
		why("the project asks for Python %s (%s)", r.Text, r.Origin)
	}

	// 3. The active environment, if it satisfies the script.
	for _, e := range []*discover.Env{in.Found.VirtualEnv, in.Found.Conda} {
		if e == nil {
			continue
		}
		name := e.Source.String()
		switch {
		case e.Base:
			why("%s=%s is conda's base environment: an install, not an activated environment", name, e.Dir)
		case e.Interp == nil:
			in.warn(fmt.Sprintf("%s=%q is ignored: %s", name, e.Dir, e.Problem))
			why("%s=%s is ignored: %s", name, e.Dir, e.Problem)
		case !satisfies(in, e.Interp, script):
			why("%s is Python %s, not the %s the script asks for", name, e.Interp.Version, script.text())
		default:
			why("%s is set: running its interpreter", name)
			ch.Interp = e.Interp
			return ch, nil
		}
	}
	if in.Found.VirtualEnv == nil && in.Found.Conda == nil {
		why("no virtual environment is active (VIRTUAL_ENV and CONDA_PREFIX are not set)")
	}

	// 4. The project's .venv, if it satisfies the script and the project.
	if e := in.Found.Project; e != nil {
		switch {
		case e.Interp == nil:
			in.warn(fmt.Sprintf("the project environment %q is ignored: %s", e.Dir, e.Problem))
			why(".venv %s is ignored: %s", e.Dir, e.Problem)
		case !satisfies(in, e.Interp, script):
			why("the project environment %s is Python %s, not the %s the script asks for", e.Dir, e.Interp.Version, script.text())
		case !in.projectSatisfied(e.Interp):
			msg := fmt.Sprintf("the project environment %q is stale: it is Python %s, and the project asks for %s", e.Dir, e.Interp.Version, in.projectText())
			in.warn(msg)
			why("%s", msg)
		default:
			why("found the project environment %s", e.Dir)
			ch.Interp = e.Interp
			return ch, nil
		}
	} else if in.Found.ProjectSearched {
		why("no .venv was found in the current directory or its parents")
	} else if in.Found.ProjectSkipped != "" {
		why("no .venv was searched for: %s", in.Found.ProjectSkipped)
	} else {
		why("the .venv search is turned off ([settings] project_venv in py.ini)")
	}

	// 5. The newest interpreter that satisfies the script's and the
	// project's requests. The pins of .python-version are tried in order.
	if len(in.Script) > 0 || len(in.Pins) > 0 || in.RequiresPython != nil {
		return in.chooseRequested(pool, script, &ch, why)
	}

	// 6. The user's default.
	if def, err := lookupDefault(in, "PY_PYTHON", "python"); err != nil {
		return ch, err
	} else if def != nil {
		req, err := chainDefault(in, def)
		if err != nil {
			return ch, err
		}
		if req != def {
			why("%s names Python %s; %s names %q", def.Origin, def.Text, req.Origin, req.Text)
		}
		return pickOrFail(in, pool, req, &ch, why)
	}
	why("no default is configured (PY_PYTHON, [defaults] python in py.ini)")

	// 7. The newest stable standard CPython 3, else the newest Python 3,
	// else the newest Python.
	three := &Request{Request: pyver.Request{Text: "3", Version: pyver.Version{Major: 3, Minor: -1, Micro: -1}}}
	if c := pick(in, pool, three); c != nil {
		if three.Preferred(c.Build, in.AllowPre) {
			why("chose the newest stable CPython 3")
		} else {
			why("chose the newest Python 3 (no stable CPython 3 was found)")
		}
		ch.Interp = c
		return ch, nil
	}
	if c := pick(in, pool, &Request{Request: pyver.Request{Version: pyver.Unknown}}); c != nil {
		why("chose the newest Python (no Python 3 was found)")
		ch.Interp = c
		return ch, nil
	}
	return ch, NoPythonError{}
}

// satisfies reports whether environment interpreter c satisfies req (any
// interpreter satisfies no request).
func satisfies(in Inputs, c *discover.Interpreter, req matcher) bool {
	m := req.Match(c.Build)
	if m == pyver.Maybe && in.Details != nil && in.Details(c, true) {
		m = req.Match(c.Build)
	}
	return m == pyver.Yes
}

func (in Inputs) warn(msg string) {
	if in.Warn != nil {
		in.Warn(msg)
	}
}

func pickOrFail(in Inputs, pool []*discover.Interpreter, req *Request, ch *Choice, why func(string, ...any)) (Choice, error) {
	ch.Request = req
	c := pick(in, pool, req)
	if c == nil {
		if len(pool) == 0 && in.Found.VirtualEnv == nil && in.Found.Conda == nil && in.Found.Project == nil {
			return *ch, NoPythonError{}
		}
		return *ch, &NoMatchError{Request: req}
	}
	how := "best"
	if !req.Preferred(c.Build, in.AllowPre) {
		how = "only"
	}
	why("Python %s (from %s) is satisfied by %s %s, the %s match", req.Text, req.Origin, c.Impl, c.Version, how)
	ch.Interp = c
	return *ch, nil
}

// lookupDefault reads a default: the environment variable, then the
// [defaults] key of py.ini. It returns nil when neither is set.
func lookupDefault(in Inputs, envName, iniKey string) (*Request, error) {
	origin, text := "", ""
	if v := strings.TrimSpace(in.Getenv(envName)); v != "" {
		origin, text = envName, v
	} else if v, ok := in.Config.Lookup("defaults", iniKey); ok && strings.TrimSpace(v.Value) != "" {
		origin, text = v.Origin(), strings.TrimSpace(v.Value)
	} else {
		return nil, nil
	}
	r, err := ParseDefault(text)
	if err != nil {
		return nil, &BadRequestError{Origin: origin, Err: err}
	}
	return &Request{Request: r, Origin: origin}, nil
}

// ParseDefault parses the value of PY_PYTHON or a [defaults] key: a tag
// ("3.12", "3.12-32", "3.13t"), an implementation and version
// ("pypy3.9"), or, with a "/", a PEP 514 "Company/Tag".
func ParseDefault(s string) (pyver.Request, error) {
	if strings.Contains(s, "/") {
		return pyver.ParseSelector(s)
	}
	r, err := pyver.ParseTag(s)
	if err != nil && s != "" && (s[0] < '0' || s[0] > '9') {
		if sr, serr := pyver.ParseSelector(s); serr == nil && sr.Impl != "" {
			return sr, nil
		}
	}
	return r, err
}

// chainDefault follows the major-version defaults: a request for exactly
// "3" (or "2") uses PY_PYTHON3 (PY_PYTHON2), then [defaults] python3
// (python2), when set. So PY_PYTHON=3 with PY_PYTHON3=3.9 gives 3.9, as
// CPython's documentation promises.
func chainDefault(in Inputs, r *Request) (*Request, error) {
	if !r.Chains() {
		return r, nil
	}
	var env, key string
	switch r.Version.Major {
	case 3:
		env, key = "PY_PYTHON3", "python3"
	case 2:
		env, key = "PY_PYTHON2", "python2"
	default:
		return r, nil
	}
	def, err := lookupDefault(in, env, key)
	if err != nil || def == nil {
		return r, err
	}
	if def.Version.Known() && def.Version.Major != r.Version.Major {
		return nil, &BadRequestError{Origin: def.Origin, Err: fmt.Errorf("%q is not a Python %d version", def.Text, r.Version.Major)}
	}
	return def, nil
}

// Chains reports whether r is a bare major version ("3", "2") that
// PY_PYTHON3 or PY_PYTHON2 (or py.ini's python3, python2) may replace.
func (r *Request) Chains() bool {
	return r.Company == "" && r.Tag == "" && r.Impl == "" && !r.FreeThreaded && !r.Debug &&
		r.Bits == 0 && !r.Not32 && r.Machine == "" && r.Version.Minor < 0 &&
		(r.Version.Major == 3 || r.Version.Major == 2)
}

// Pool returns the interpreters that version requests choose from: every
// install, but no virtual environment, and none that other users could
// have put there (discover.Interpreter.Untrusted).
func Pool(f *discover.Found) []*discover.Interpreter {
	var pool []*discover.Interpreter
	for _, in := range f.Installs {
		if !in.Venv && in.Untrusted == "" {
			pool = append(pool, in)
		}
	}
	if f.Conda != nil && f.Conda.Base && f.Conda.Interp != nil {
		pool = append(pool, f.Conda.Interp)
	}
	return pool
}

// pick returns the best interpreter in pool for req, or nil.
//
// Names say most of what matters. Where they do not, pick asks
// in.Details: about an interpreter whose version is unknown (a python3
// that links to no versioned name) before ordering, since it could be the
// newest; about the chosen one when only its file name spoke, from the
// cache only (no interpreter is started for what a name says); and, with a
// query, about one the request needs a detail of (-3.12-32, -V:3.12.1).
func pick(in Inputs, pool []*discover.Interpreter, req matcher) *discover.Interpreter {
	best, broken := pickBest(in, pool, req)
	if in.Trace != nil {
		for _, c := range pool {
			in.Trace(fmt.Sprintf("# candidate %q (%s %s, %s): %s", c.Path, c.Impl, c.Version, c.Source, verdict(in, c, req, best, broken[c])))
		}
	}
	return best
}

// verdict says why candidate c was chosen or passed over.
func verdict(in Inputs, c *discover.Interpreter, req matcher, best *discover.Interpreter, broken bool) string {
	text := req.text()
	switch {
	case c == best:
		return "chosen for " + strconv.Quote(text)
	case broken && c.Broken != "":
		return "passed over: it does not work: " + c.Broken
	case broken:
		return "passed over: it cannot tell whether it matches"
	case req.Match(c.Build) == pyver.No:
		return "passed over: does not match " + strconv.Quote(text)
	case !req.Preferred(c.Build, in.AllowPre):
		var kinds []string
		if c.Version.Prerelease() {
			kinds = append(kinds, "a pre-release")
		}
		if c.FreeThreaded {
			kinds = append(kinds, "free-threaded")
		}
		if c.Debug {
			kinds = append(kinds, "a debug build")
		}
		if c.Impl != pyver.CPython {
			kinds = append(kinds, "not CPython")
		}
		return "passed over: " + strings.Join(kinds, ", ") + ", and not asked for"
	case best != nil:
		return "passed over: " + best.Path + " comes first"
	}
	return "passed over"
}

func pickBest(in Inputs, pool []*discover.Interpreter, req matcher) (*discover.Interpreter, map[*discover.Interpreter]bool) {
	broken := map[*discover.Interpreter]bool{}
	cached := map[*discover.Interpreter]bool{}
	queried := map[*discover.Interpreter]bool{}
	ask := func(c *discover.Interpreter, query bool) {
		cached[c] = true
		if query {
			queried[c] = true
		}
		if in.Details != nil && !in.Details(c, query) {
			broken[c] = true
		}
	}
	for _, c := range pool {
		if c.Version.Minor < 0 {
			ask(c, true)
		}
	}
	for {
		Sort(pool)
		best := first(in, pool, req, broken)
		switch {
		case best == nil:
			return nil, broken
		case !best.Settled && !cached[best]:
			ask(best, false)
			continue
		}
		switch req.Match(best.Build) {
		case pyver.Yes:
			return best, broken
		case pyver.Maybe:
			if !queried[best] {
				ask(best, true)
				continue
			}
		}
		broken[best] = true // a detail that cannot be learned: no match
	}
}

// first returns the first candidate that may satisfy req: a preferred
// build if there is one, else any build.
func first(in Inputs, pool []*discover.Interpreter, req matcher, broken map[*discover.Interpreter]bool) *discover.Interpreter {
	for pass := 0; pass < 2; pass++ {
		for _, c := range pool {
			if broken[c] || req.Match(c.Build) == pyver.No {
				continue
			}
			if pass == 0 && !req.Preferred(c.Build, in.AllowPre) {
				continue
			}
			return c
		}
	}
	return nil
}

// Sort orders interpreters from most to least preferred: newest feature
// version (X.Y) first; at the same version a standard build before
// free-threaded, debug and other implementations, and a stable release
// before a pre-release; then the earlier on PATH, then by source; then the
// newest micro release; then by path.
func Sort(pool []*discover.Interpreter) {
	slices.SortStableFunc(pool, func(a, b *discover.Interpreter) int {
		if c := cmp.Compare(b.Version.Major, a.Version.Major); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Version.Minor, a.Version.Minor); c != 0 {
			return c
		}
		if c := cmp.Compare(variantRank(a.Build), variantRank(b.Build)); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Rank, b.Rank); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Source, b.Source); c != 0 {
			return c
		}
		if c := pyver.Compare(b.Version, a.Version); c != 0 {
			return c
		}
		return strings.Compare(a.Path, b.Path)
	})
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
