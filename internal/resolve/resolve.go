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
	"github.com/pylauncher/py/internal/pyver"
)

// Request is a parsed request and where it came from.
type Request struct {
	pyver.Request
	// Origin names the place the request came from, for messages:
	// "the command line", "PY_PYTHON", `[defaults] python in "/x/py.ini"`.
	Origin string
}

// Describe formats the request and its origin: `"3.12" (from PY_PYTHON)`.
func (r *Request) Describe() string {
	return strconv.Quote(r.Text) + " (from " + r.Origin + ")"
}

// NoMatchError reports a request that no interpreter satisfies.
type NoMatchError struct {
	Request *Request
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
	// Script is the request of the script's shebang (#!/usr/bin/python3.9
	// asks for 3.9), or nil. Unlike an explicit request, it is satisfied
	// by an active or project environment of a matching version.
	Script *Request
	Found  *discover.Found
	Getenv func(string) string
	Config *config.Config
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
// at all, and *BadRequestError for a malformed default.
func Choose(in Inputs) (Choice, error) {
	var ch Choice
	why := func(format string, args ...any) { ch.Reasons = append(ch.Reasons, fmt.Sprintf(format, args...)) }
	pool := Pool(in.Found)

	// 1. An explicit request never runs a virtual environment (PEP 486).
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

	script := in.Script
	if script != nil {
		why("the script asks for Python %s (%s)", script.Text, script.Origin)
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
			why("%s is Python %s, not the %s the script asks for", name, e.Interp.Version, script.Text)
		default:
			why("%s is set: running its interpreter", name)
			ch.Interp = e.Interp
			return ch, nil
		}
	}
	if in.Found.VirtualEnv == nil && in.Found.Conda == nil {
		why("no virtual environment is active (VIRTUAL_ENV and CONDA_PREFIX are not set)")
	}

	// 4. The project's .venv.
	if e := in.Found.Project; e != nil {
		if e.Interp == nil {
			in.warn(fmt.Sprintf("the project environment %q is ignored: %s", e.Dir, e.Problem))
			why(".venv %s is ignored: %s", e.Dir, e.Problem)
		} else if !satisfies(in, e.Interp, script) {
			why("the project environment %s is Python %s, not the %s the script asks for", e.Dir, e.Interp.Version, script.Text)
		} else {
			why("found the project environment %s", e.Dir)
			ch.Interp = e.Interp
			return ch, nil
		}
	} else if in.Found.ProjectSearched {
		why("no .venv was found in the current directory or its parents")
	} else {
		why("the .venv search is turned off ([settings] project_venv in py.ini)")
	}

	// 5. The script's request, with the defaults for a bare major
	// version (#!/usr/bin/python3 and PY_PYTHON3).
	if script != nil {
		req, err := chainDefault(in, script)
		if err != nil {
			return ch, err
		}
		if req != script {
			why("%s names %q", req.Origin, req.Text)
		}
		return pickOrFail(in, pool, req, &ch, why)
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
	three := pyver.Request{Text: "3", Version: pyver.Version{Major: 3, Minor: -1, Micro: -1}}
	if c := pick(in, pool, three); c != nil {
		if three.Preferred(c.Build, in.AllowPre) {
			why("chose the newest stable CPython 3")
		} else {
			why("chose the newest Python 3 (no stable CPython 3 was found)")
		}
		ch.Interp = c
		return ch, nil
	}
	if c := pick(in, pool, pyver.Request{Version: pyver.Unknown}); c != nil {
		why("chose the newest Python (no Python 3 was found)")
		ch.Interp = c
		return ch, nil
	}
	return ch, NoPythonError{}
}

// satisfies reports whether environment interpreter c satisfies the
// script's request (any interpreter does when there is none).
func satisfies(in Inputs, c *discover.Interpreter, script *Request) bool {
	if script == nil {
		return true
	}
	m := script.Match(c.Build)
	if m == pyver.Maybe && in.Details != nil && in.Details(c, true) {
		m = script.Match(c.Build)
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
	c := pick(in, pool, req.Request)
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
	if r.Company != "" || r.Tag != "" || r.Impl != "" || r.FreeThreaded || r.Debug ||
		r.Bits != 0 || r.Not32 || r.Machine != "" || r.Version.Minor >= 0 {
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

// Pool returns the interpreters that version requests choose from: every
// install, but no virtual environment.
func Pool(f *discover.Found) []*discover.Interpreter {
	var pool []*discover.Interpreter
	for _, in := range f.Installs {
		if !in.Venv {
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
func pick(in Inputs, pool []*discover.Interpreter, req pyver.Request) *discover.Interpreter {
	best, broken := pickBest(in, pool, req)
	if in.Trace != nil {
		for _, c := range pool {
			in.Trace(fmt.Sprintf("# candidate %q (%s %s, %s): %s", c.Path, c.Impl, c.Version, c.Source, verdict(in, c, req, best, broken[c])))
		}
	}
	return best
}

// verdict says why candidate c was chosen or passed over.
func verdict(in Inputs, c *discover.Interpreter, req pyver.Request, best *discover.Interpreter, broken bool) string {
	text := req.Text
	if text == "" {
		text = "any version"
	}
	switch {
	case c == best:
		return "chosen for " + strconv.Quote(text)
	case broken:
		return "passed over: it does not work, or cannot tell whether it matches"
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

func pickBest(in Inputs, pool []*discover.Interpreter, req pyver.Request) (*discover.Interpreter, map[*discover.Interpreter]bool) {
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
func first(in Inputs, pool []*discover.Interpreter, req pyver.Request, broken map[*discover.Interpreter]bool) *discover.Interpreter {
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
