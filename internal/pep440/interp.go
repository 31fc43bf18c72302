package pep440

import (
	"strconv"
	"strings"

	"github.com/pylauncher/py/internal/pyver"
)

// FromInterpreter converts an interpreter's version (3.12.1, 3.14.0rc1)
// into a PEP 440 version. ok is false when a part of it is unknown (a file
// named python3.12 tells no micro version).
func FromInterpreter(pv pyver.Version) (v Version, ok bool) {
	if pv.Major < 0 || pv.Minor < 0 || pv.Micro < 0 {
		return Version{}, false
	}
	v = Version{Release: []int{pv.Major, pv.Minor, pv.Micro}, Post: -1, Dev: -1}
	if pv.Pre == "" {
		return v, true
	}
	if pv.Pre == "dev" {
		v.Dev = 0
		return v, true
	}
	for _, kind := range []string{"rc", "a", "b"} {
		if rest, cut := strings.CutPrefix(pv.Pre, kind); cut {
			n, err := strconv.Atoi(rest)
			if err != nil || n < 0 {
				return Version{}, false
			}
			v.Pre, v.PreN = kind, n
			return v, true
		}
	}
	return Version{}, false
}

// MatchInterpreter reports whether an interpreter of version pv surely
// satisfies the set. A pre-release interpreter (3.14.0rc1) satisfies it
// only when a clause names a pre-release (">=3.14.0b1"). When pv lacks its
// minor or micro number the answer is true only if every version pv could
// be satisfies the set; see MatchVersion to tell "no" from "maybe".
func (set SpecifierSet) MatchInterpreter(pv pyver.Version) bool {
	return set.MatchVersion(pv, false) == pyver.Yes
}

// sampleLimit stands for "a very large release number" when sampling.
const sampleLimit = 1 << 30

// MatchVersion reports whether an interpreter of version pv satisfies the
// set: Yes, No, or Maybe when pv lacks a part (python3.12 has no micro
// version) and the possible versions disagree — then the interpreter has
// to be asked. Pre-releases satisfy the set only when prereleases is set
// or a clause names one.
func (set SpecifierSet) MatchVersion(pv pyver.Version, prereleases bool) pyver.Match {
	if !pv.Known() {
		if len(set) == 0 {
			return pyver.Yes
		}
		return pyver.Maybe
	}
	if v, ok := FromInterpreter(pv); ok {
		if set.Contains(v, prereleases) {
			return pyver.Yes
		}
		return pyver.No
	}
	if pv.Pre != "" {
		// A branch head (pyenv's 3.14-dev): a pre-release of some 3.14.x.
		if !prereleases && !set.NamesPrerelease() {
			return pyver.No
		}
		if len(set) == 0 {
			return pyver.Yes
		}
		return pyver.Maybe
	}
	// Try the final releases pv could be. Each clause's answer changes
	// only at the numbers it names, so trying each named number, its
	// neighbours, 0 and a very large number covers every case.
	minors := []int{pv.Minor}
	if pv.Minor < 0 {
		minors = set.samples([]int{pv.Major})
	}
	yes, no := false, false
	for _, minor := range minors {
		micros := []int{pv.Micro}
		if pv.Micro < 0 {
			micros = set.samples([]int{pv.Major, minor})
		}
		for _, micro := range micros {
			v := Version{Release: []int{pv.Major, minor, micro}, Post: -1, Dev: -1}
			if set.Contains(v, prereleases) {
				yes = true
			} else {
				no = true
			}
			if yes && no {
				return pyver.Maybe
			}
		}
	}
	if no {
		return pyver.No
	}
	return pyver.Yes
}

// samples returns the numbers worth trying at the release position after
// prefix: 0, a very large number, and each number that a clause whose
// release starts with prefix names there, with its neighbours.
func (set SpecifierSet) samples(prefix []int) []int {
	out := []int{0, sampleLimit}
	add := func(n int) {
		if n < 0 || n > sampleLimit {
			return
		}
		for _, m := range out {
			if m == n {
				return
			}
		}
		out = append(out, n)
	}
	for _, s := range set {
		w := s.Version
		if s.Op == "===" {
			var err error
			if w, err = ParseVersion(s.Arbitrary); err != nil {
				continue
			}
		}
		if w.Epoch != 0 {
			continue
		}
		if n, ok := releaseAfter(w.Release, prefix); ok {
			add(n - 1)
			add(n)
			add(n + 1)
		}
	}
	return out
}

// releaseAfter returns the number at position len(prefix) of release,
// padded with zeros, if release starts with prefix.
func releaseAfter(release, prefix []int) (int, bool) {
	at := func(i int) int {
		if i < len(release) {
			return release[i]
		}
		return 0
	}
	for i, n := range prefix {
		if at(i) != n {
			return 0, false
		}
	}
	return at(len(prefix)), true
}
