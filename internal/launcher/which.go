package launcher

import (
	"fmt"
	"strings"

	"github.com/pylauncher/py/internal/resolve"
)

// which prints the interpreter py would run, then the reasons, one per
// line, and runs nothing. When nothing would run, it prints the reasons
// and fails as a launch would.
func (l *launch) which(in resolve.Inputs) int {
	ch, err := resolve.Choose(in)
	l.saveCache()
	var b strings.Builder
	if err == nil {
		fmt.Fprintln(&b, ch.Interp.Path)
	}
	for _, r := range ch.Reasons {
		fmt.Fprintf(&b, "  - %s\n", r)
	}
	if err == nil {
		it := ch.Interp
		where := "found in " + it.Source.String()
		if it.Venv {
			where += ", virtual environment " + it.Prefix
		}
		fmt.Fprintf(&b, "  = %s, %s\n", displayName(it), where)
	}
	fmt.Fprint(l.stdout, b.String())
	if err != nil {
		return l.fail(err)
	}
	return ExitOK
}
