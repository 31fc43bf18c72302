// Package environ reads and edits environment lists ("NAME=value") by the
// platform's rule for names: Windows ignores their case, other systems do
// not. It is linked into the small programs (venvlauncher, entrypoint):
// it stays small, and folds case only where names ignore it.
package environ

import (
	"runtime"
	"strings"
)

// IgnoreCase is set where variable names ignore case (Windows).
const IgnoreCase = runtime.GOOS == "windows"

// EqualName reports whether a and b name the same variable here.
func EqualName(a, b string) bool { return a == b || IgnoreCase && strings.EqualFold(a, b) }

// Sets reports whether kv ("NAME=value") sets the variable name.
func Sets(kv, name string) bool {
	return len(kv) > len(name) && kv[len(name)] == '=' && EqualName(kv[:len(name)], name)
}

// Without returns env without any setting of the variable name, in a new
// list; env is left as it is.
func Without(env []string, name string) []string {
	out := env[:0:0]
	for _, kv := range env {
		if !Sets(kv, name) {
			out = append(out, kv)
		}
	}
	return out
}

// Env is an environment list as a value, read by name.
type Env struct {
	list []string
	fold bool
}

// New wraps an environment list ("NAME=value"), with this system's rule
// for names.
func New(list []string) *Env { return &Env{list: list, fold: IgnoreCase} }

// NewFold wraps an environment list whose names ignore case when fold is
// set (another system's rule: for tests).
func NewFold(list []string, fold bool) *Env { return &Env{list: list, fold: fold} }

// Get returns the value of name, "" when unset; the first of duplicate
// entries wins, as in package os. A launch reads a few dozen names from
// a few dozen entries: a scan costs less than building a map.
func (e *Env) Get(name string) string {
	if name == "" {
		return ""
	}
	for _, kv := range e.list {
		if len(kv) <= len(name) || kv[len(name)] != '=' {
			continue
		}
		if k := kv[:len(name)]; k == name || e.fold && strings.EqualFold(k, name) {
			return kv[len(name)+1:]
		}
	}
	return ""
}
