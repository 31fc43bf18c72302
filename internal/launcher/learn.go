package launcher

import (
	"errors"
	"runtime"
	"time"

	"github.com/pylauncher/py/internal/discover"
	"github.com/pylauncher/py/internal/fileid"
	"github.com/pylauncher/py/internal/probe"
	"github.com/pylauncher/py/internal/quote"
	"github.com/pylauncher/py/internal/resolve"
)

// learner tells what an interpreter's name could not say, for
// resolve.Inputs.Learn: from the cache, or by asking the interpreter
// (sharing the work with other py processes: probe.Cache.Ask).
func (a *app) learner(st settings) func(*discover.Interpreter, bool) (resolve.Learned, bool) {
	return func(it *discover.Interpreter, query bool) (resolve.Learned, bool) {
		return a.learn(it, query, st)
	}
}

// learn returns what is known of it: ok is false when nothing is known
// without asking and query is not set.
func (a *app) learn(it *discover.Interpreter, query bool, st settings) (resolve.Learned, bool) {
	if a.cache == nil {
		a.cache = probe.OpenCache(probe.Dir(runtime.GOOS, a.env.Get))
		a.tracef("# interpreter cache: %s", a.cache)
	}
	if it.Untrusted != "" || it.ID == (fileid.ID{}) {
		// Never started, not even to ask: one other users could have
		// put there, or a registration naming no file (kept as
		// registered; running it fails).
		return resolve.Learned{}, false
	}
	e, ok := a.cache.Get(it.Path, it.ID)
	if ok && e.Info == nil {
		a.tracef("# %s does not work (remembered: %s)", quote.String(it.Path), e.Error)
	}
	if !ok {
		if !query {
			return resolve.Learned{}, false
		}
		a.tracef("# asking %s what it is", quote.String(it.Path))
		var err error
		e, err = a.cache.Ask(it.Path, it.ID, st.timeout+2*time.Second, func() (probe.Info, error) {
			return probe.Query(it.Path, a.environ, st.timeout)
		})
		if err != nil {
			// A failure of the moment: skipped this time, not remembered.
			reason := err.Error()
			var qe *probe.QueryError
			if errors.As(err, &qe) {
				reason = qe.Err.Error()
			}
			if errors.Is(err, probe.ErrTimeout) {
				a.warnf("%s did not say what it is within %s; skipping it", quote.String(it.Path), st.timeout)
			} else {
				a.warnf("%s did not say what it is (%s); skipping it this time", quote.String(it.Path), reason)
			}
			return resolve.Learned{Broken: reason + " (this time)"}, true
		}
		if e.Info == nil {
			a.tracef("# %s does not work: %s", quote.String(it.Path), e.Error)
		}
	}
	if e.Info == nil {
		return resolve.Learned{Broken: e.Error}, true
	}
	b, err := e.Info.Build()
	if err != nil {
		return resolve.Learned{Broken: err.Error()}, true
	}
	return resolve.Learned{Build: b, Venv: e.Info.Venv(), Prefix: e.Info.Prefix}, true
}
