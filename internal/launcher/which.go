package launcher

import (
	"strings"

	"github.com/pylauncher/py/internal/quote"
	"github.com/pylauncher/py/internal/resolve"
)

// which prints the interpreter py would run, then the reasons, one per
// line, and runs nothing. When nothing would run, it prints the reasons
// and fails as a launch would.
func (a *app) which(in resolve.Inputs, plan *scriptPlan) action {
	ch, err := resolve.Choose(in)
	a.report(ch, true)
	var b strings.Builder
	if err == nil {
		b.WriteString(quote.Visible(ch.Interp.Path) + "\n")
	}
	var reasons []string
	if plan != nil {
		reasons = plan.reasons
	}
	for _, r := range append(reasons, ch.Reasons...) {
		b.WriteString("  - " + quote.Visible(r) + "\n")
	}
	if err == nil {
		where := "found in " + ch.Interp.Source.String()
		if ch.Venv {
			where += ", virtual environment " + ch.Prefix
		}
		b.WriteString("  = " + displayName(ch.Interp, ch.Build) + ", " + quote.Visible(where) + "\n")
		return action{output: b.String()}
	}
	return action{output: b.String(), code: a.fail(err)}
}

// whichProgram describes the program a script's shebang names, and why.
func whichProgram(plan *scriptPlan) string {
	var b strings.Builder
	b.WriteString(quote.Visible(plan.program) + "\n")
	for _, r := range plan.reasons {
		b.WriteString("  - " + quote.Visible(r) + "\n")
	}
	return b.String()
}
