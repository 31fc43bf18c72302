package launcher

import (
	"github.com/pylauncher/py/internal/cli"
	"github.com/pylauncher/py/internal/completion"
	"github.com/pylauncher/py/internal/discover"
	"github.com/pylauncher/py/internal/resolve"
)

// completion is the action of --completion: a shell's script, or the
// tags -V: takes, one a line (--completion tags, which the scripts run).
func (a *app) completion(inv invocation, st settings) action {
	if inv.Shell != cli.Tags {
		s, err := completion.Script(inv.Shell)
		if err != nil {
			return action{code: a.fail(&cli.UsageError{Arg: inv.Shell, Reason: err.Error()})}
		}
		return action{output: s}
	}
	f := a.discovery(st, a.workingDir(), projectFiles{}, requests{}, false)
	var out []byte
	for _, t := range completionTags(f.Found, func(it *discover.Interpreter) (resolve.Learned, bool) {
		return a.learn(it, false, st)
	}) {
		out = append(append(out, t...), '\n')
	}
	return action{output: string(out)}
}

// completionTags returns what -V: takes for each install found, as
// --list labels them (3.12, 3.13t, PyPy/3.10), and COMPANY/TAG too for
// a registry's PythonCore installs, in --list's order, each once. known
// tells what the cache knows of an interpreter its name did not settle:
// nothing is started, and one the cache does not know contributes what
// its name says (python3.12: 3.12; python3: 3).
func completionTags(f *discover.Found, known func(*discover.Interpreter) (resolve.Learned, bool)) []string {
	var its []*discover.Interpreter
	for _, it := range f.Installs {
		if it.Untrusted != "" || it.Venv {
			continue
		}
		c := *it
		if !it.Settled {
			if l, ok := known(it); ok {
				if l.Broken != "" || l.Venv {
					continue
				}
				c.Build = l.Build
			}
		}
		if c.Version.Major < 0 && c.TagName == "" {
			continue
		}
		its = append(its, &c)
	}
	resolve.Sort(its)
	var tags []string
	seen := map[string]bool{}
	add := func(t string) {
		if !seen[t] {
			seen[t] = true
			tags = append(tags, t)
		}
	}
	for _, it := range its {
		company, tag := it.Company(), it.Tag()
		if company != "PythonCore" {
			add(company + "/" + tag)
			continue
		}
		add(tag)
		if it.Source == discover.Registry {
			add(company + "/" + tag)
		}
	}
	return tags
}
