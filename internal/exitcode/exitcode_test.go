package exitcode

import (
	"strconv"
	"strings"
	"testing"
)

// rcTable is the RC_* table of CPython's PC/launcher2.c (the same in
// PC/venvlauncher.c), as written there.
const rcTable = `
#define RC_NO_STD_HANDLES   100
#define RC_CREATE_PROCESS   101
#define RC_BAD_VIRTUAL_PATH 102
#define RC_NO_PYTHON        103
#define RC_NO_MEMORY        104
#define RC_NO_SCRIPT        105
#define RC_NO_VENV_CFG      106
#define RC_BAD_VENV_CFG     107
#define RC_NO_COMMANDLINE   108
#define RC_INTERNAL_ERROR   109
#define RC_DUPLICATE_ITEM   110
#define RC_INSTALLING       111
#define RC_NO_PYTHON_AT_ALL 112
#define RC_NO_SHEBANG       113
#define RC_RECURSIVE_SHEBANG 114
`

// names maps CPython's names to this package's constants.
var names = map[string]int{
	"RC_NO_STD_HANDLES":    NoStdHandles,
	"RC_CREATE_PROCESS":    CreateProcess,
	"RC_BAD_VIRTUAL_PATH":  BadVirtualPath,
	"RC_NO_PYTHON":         NoPython,
	"RC_NO_MEMORY":         NoMemory,
	"RC_NO_SCRIPT":         NoScript,
	"RC_NO_VENV_CFG":       NoVenvCfg,
	"RC_BAD_VENV_CFG":      BadVenvCfg,
	"RC_NO_COMMANDLINE":    NoCommandLine,
	"RC_INTERNAL_ERROR":    Internal,
	"RC_DUPLICATE_ITEM":    DuplicateItem,
	"RC_INSTALLING":        Installing,
	"RC_NO_PYTHON_AT_ALL":  NoPythonAtAll,
	"RC_NO_SHEBANG":        NoShebang,
	"RC_RECURSIVE_SHEBANG": RecursiveShebang,
}

func TestCPythonTable(t *testing.T) {
	seen := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(rcTable), "\n") {
		f := strings.Fields(line)
		if len(f) != 3 || f[0] != "#define" {
			t.Fatalf("bad table line %q", line)
		}
		want, err := strconv.Atoi(f[2])
		if err != nil {
			t.Fatalf("bad table line %q", line)
		}
		got, ok := names[f[1]]
		if !ok {
			t.Errorf("%s (%d) has no constant", f[1], want)
			continue
		}
		seen[f[1]] = true
		if got != want {
			t.Errorf("the constant for %s = %d, want %d", f[1], got, want)
		}
	}
	for name := range names {
		if !seen[name] {
			t.Errorf("%s is not in CPython's table", name)
		}
	}
}

// py's own codes stay apart from CPython's and from one another.
func TestOwnCodes(t *testing.T) {
	own := map[int]string{}
	for name, code := range map[string]int{"OK": OK, "Output": Output, "Usage": Usage, "Network": Network, "Integrity": Integrity, "Install": Install, "Interrupted": Interrupted} {
		if code >= NoStdHandles && code <= RecursiveShebang {
			t.Errorf("%s = %d is one of CPython's codes", name, code)
		}
		if other, ok := own[code]; ok {
			t.Errorf("%s and %s are both %d", name, other, code)
		}
		own[code] = name
	}
	if OK != 0 || Output != 1 || Usage != 2 {
		t.Errorf("OK, Output, Usage = %d, %d, %d; want 0, 1, 2 (py's codes today)", OK, Output, Usage)
	}
}
