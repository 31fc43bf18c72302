package launcher

import (
	"fmt"
	"strings"

	"github.com/pylauncher/py/internal/resolve"
)

// which prints the interpreter py would run, then the reasons, one per
// line, and runs nothing. When nothing would run, it prints the reasons
// and fails as a launch would.
func (l *launch) which(in resolve.Inputs, plan *scriptPlan) int {
	ch, err := resolve.Choose(in)
	l.saveCache()
	var b strings.Builder
	if err == nil {
		fmt.Fprintln(&b, ch.Interp.Path)
	}
	var reasons []string
	if plan != nil {
		reasons = plan.reasons
	}
	for _, r := range append(reasons, ch.Reasons...) {
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

// whichProgram prints the program a script's shebang names, and why.
func (l *launch) whichProgram(plan *scriptPlan) int {
	var b strings.Builder
	fmt.Fprintln(&b, plan.program)
	for _, r := range plan.reasons {
		fmt.Fprintf(&b, "  - %s\n", r)
	}
	fmt.Fprint(l.stdout, b.String())
	return ExitOK
}
