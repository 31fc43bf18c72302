package installer

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/pylauncher/py/internal/pyver"
	"github.com/pylauncher/py/internal/quote"
	"github.com/pylauncher/py/internal/request"
	"github.com/pylauncher/py/internal/store"
)

// afterInstall makes an install's commands and registrations, and
// records them in its marker.
func (a *app) afterInstall(in *store.Install, c command) {
	if !c.noBin {
		in.Meta.Aliases = a.makeAliases(in.Meta.Build())
	}
	in.Meta.Registered = a.register(*in)
	if len(in.Meta.Aliases)+len(in.Meta.Registered) == 0 {
		return
	}
	if err := a.st.store.Save(*in); err != nil {
		a.warnf("%v", err)
	}
}

// removeInstall removes an install, then its registrations and the
// commands no other install claims: an install that cannot be removed
// keeps them. The caller holds the store's lock.
func (a *app) removeInstall(in store.Install, say bool) error {
	others, _ := a.st.store.List()
	left, err := a.st.store.Remove(in.Meta.Key)
	if err != nil {
		return err
	}
	a.unregister(in)
	a.removeAliases(in, others)
	if say {
		a.infof("Removed Python %s (%s)", in.Meta.Version, in.Meta.Key)
	} else {
		a.infof("Removed Python %s (%s), which it replaces", in.Meta.Version, in.Meta.Key)
	}
	if left != "" {
		a.warnf("some files of Python %s are in use (a Python that still runs from it): they stay in %s until py installs or removes a Python again", in.Meta.Version, quote.String(left))
	}
	return nil
}

// selectInstalls returns the installs of py's that the texts name: by
// key, or as requests (every install that matches).
func selectInstalls(texts []string, installed []store.Install) ([]store.Install, error) {
	var out []store.Install
	add := func(in store.Install) {
		if !slices.ContainsFunc(out, func(o store.Install) bool { return o.Meta.Key == in.Meta.Key }) {
			out = append(out, in)
		}
	}
	for _, t := range texts {
		if in := byKey(installed, t); in != nil {
			add(*in)
			continue
		}
		r, err := request.FromLine(t, "the command line")
		if err != nil {
			return nil, &badRequestError{t, err.Error()}
		}
		matched := false
		for _, in := range installed {
			if r.Kind != request.Path && r.Kind != request.Name && r.Match(in.Meta.Build()) == pyver.Yes {
				add(in)
				matched = true
			}
		}
		if !matched {
			return nil, &notInstalledError{t}
		}
	}
	return out, nil
}

// uninstall runs py uninstall: it removes installs py made, after asking
// (unless -y).
func (a *app) uninstall(ctx context.Context, c command) error {
	installed, err := a.st.store.List()
	if err != nil {
		return err
	}
	gone, err := selectInstalls(c.requests, installed)
	if err != nil {
		return err
	}
	if c.dryRun {
		for _, in := range gone {
			fmt.Fprintf(a.stdout, "would remove %s (Python %s)\n", in.Dir, in.Meta.Version)
		}
		return nil
	}
	if !c.yes {
		ok, err := a.confirm(gone)
		if err != nil || !ok {
			return err
		}
	}
	unlock, err := a.lockStore(ctx)
	if err != nil {
		return err
	}
	defer unlock()
	var errs []error
	for _, in := range gone {
		if err := a.removeInstall(in, true); err != nil {
			errs = append(errs, err)
		}
	}
	return a.failures(ctx, errs)
}

// confirm asks on stderr whether to remove the installs, and reads the
// answer from stdin: y or yes removes them; anything else does not. No
// answer at all (stdin closed) is an error.
func (a *app) confirm(gone []store.Install) (bool, error) {
	for _, in := range gone {
		fmt.Fprintf(a.stderr, "  Python %s in %s\n", in.Meta.Version, quote.String(in.Dir))
	}
	fmt.Fprintf(a.stderr, "Remove %s? [y/N] ", plural(len(gone), "this install", "these installs"))
	line, err := bufio.NewReader(io.LimitReader(a.stdin, 1024)).ReadString('\n')
	answer := strings.ToLower(strings.TrimSpace(line))
	if !isTerminal(a.stdin) {
		fmt.Fprintln(a.stderr) // the answer was not echoed
	}
	if err != nil && answer == "" {
		return false, &declinedError{}
	}
	if answer != "y" && answer != "yes" {
		a.infof("Nothing was removed")
		return false, nil
	}
	return true, nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
