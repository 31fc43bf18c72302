package installer

import (
	"fmt"
	"slices"

	"github.com/pylauncher/py/internal/catalog"
	"github.com/pylauncher/py/internal/pyver"
	"github.com/pylauncher/py/internal/request"
	"github.com/pylauncher/py/internal/store"
)

// step is what py install does for one request.
type step struct {
	// req is the request, as written.
	req string
	// dl is the download chosen for it; key its install's name.
	dl  catalog.Download
	key string
	// have, when set, is the install of py's that already satisfies the
	// request: nothing is done (unless force).
	have *store.Install
	// replaces are the installs an upgrade removes once dl is in place.
	replaces []store.Install
	// newest is set for an upgrade with nothing newer to install.
	newest bool
	// err is why nothing can be done for req.
	err error
}

// plan chooses a download for each request. An install of py's that
// satisfies a request, and is a build py would prefer for it (standard
// CPython for "3.14", not free-threaded or debug), counts as there. It is
// pure.
func plan(reqs []request.Request, cat catalog.Catalog, p catalog.Platform, installed []store.Install, force bool) []step {
	var steps []step
	seen := map[string]bool{}
	for i := range reqs {
		r := &reqs[i]
		s := step{req: r.Text}
		if have := satisfying(r, installed); have != nil && !force {
			s.have = have
			steps = append(steps, s)
			continue
		}
		d, ok := cat.Choose(r, p)
		if !ok {
			s.err = &noDownloadError{request: r.Text, platform: p}
			steps = append(steps, s)
			continue
		}
		s.dl, s.key = d, d.InstallKey()
		if seen[s.key] {
			continue // two requests, one download
		}
		seen[s.key] = true
		if !force {
			if in := byKey(installed, s.key); in != nil {
				s.have = in
			}
		}
		steps = append(steps, s)
	}
	return steps
}

// satisfying returns the install of py's that r would run, if any: the
// newest that matches r and is a build r prefers.
func satisfying(r *request.Request, installed []store.Install) *store.Install {
	var best *store.Install
	for i := range installed {
		in := &installed[i]
		b := in.Meta.Build()
		if r.Match(b) != pyver.Yes || !r.Preferred(b, true) {
			continue
		}
		if best == nil || pyver.Compare(b.Version, best.Meta.Build().Version) > 0 {
			best = in
		}
	}
	return best
}

func byKey(installed []store.Install, key string) *store.Install {
	for i := range installed {
		if installed[i].Meta.Key == key {
			return &installed[i]
		}
	}
	return nil
}

// series is the installs of one minor version of one build: what an
// upgrade moves to the newest patch release.
type series struct {
	impl          string
	major, minor  int
	ft, debug     bool
	installs      []store.Install
	newestVersion pyver.Version
}

// request asks for the series' newest release: cpython@3.14, with t or
// d for the variants.
func (s series) request() (request.Request, error) {
	text := fmt.Sprintf("%s@%d.%d", s.impl, s.major, s.minor)
	if s.ft {
		text += "t"
	}
	if s.debug {
		text += "d"
	}
	return request.FromLine(text, "py install --upgrade")
}

// upgradePlan returns, for each series of installs that reqs select
// (all when reqs is empty), the newest release of that series if it is
// newer than every install of it; the installs it replaces go when it is
// in place. It is pure.
func upgradePlan(reqs []request.Request, cat catalog.Catalog, p catalog.Platform, installed []store.Install) []step {
	var all []*series
	for _, in := range installed {
		if len(reqs) > 0 && !slices.ContainsFunc(reqs, func(r request.Request) bool { return r.Match(in.Meta.Build()) == pyver.Yes }) {
			continue
		}
		b := in.Meta.Build()
		i := slices.IndexFunc(all, func(s *series) bool {
			return s.impl == b.Impl && s.major == b.Version.Major && s.minor == b.Version.Minor && s.ft == b.FreeThreaded && s.debug == b.Debug
		})
		if i < 0 {
			all = append(all, &series{impl: b.Impl, major: b.Version.Major, minor: b.Version.Minor, ft: b.FreeThreaded, debug: b.Debug})
			i = len(all) - 1
		}
		s := all[i]
		s.installs = append(s.installs, in)
		if pyver.Compare(b.Version, s.newestVersion) > 0 {
			s.newestVersion = b.Version
		}
	}
	var steps []step
	for _, s := range all {
		r, err := s.request()
		st := step{req: r.Text}
		switch d, ok := cat.Choose(&r, p); {
		case err != nil || !ok:
			st.err = &noDownloadError{request: r.Text, platform: p}
		case pyver.Compare(d.Build.Version, s.newestVersion) <= 0:
			st.newest, st.have = true, &s.installs[0]
			for i := range s.installs {
				if s.installs[i].Meta.Build().Version == s.newestVersion {
					st.have = &s.installs[i]
				}
			}
		default:
			st.dl, st.key, st.replaces = d, d.InstallKey(), s.installs
		}
		steps = append(steps, st)
	}
	return steps
}
