package launcher

import (
	"testing"

	"github.com/pylauncher/py/internal/request"
	"github.com/pylauncher/py/internal/resolve"
)

// TestKeyOf checks the SearchInfo.company and .tag lines against what
// CPython's test_launcher expects of them.
func TestKeyOf(t *testing.T) {
	def := func(text string) resolve.Default {
		r, err := request.FromDefault(text, "PY_PYTHON")
		if err != nil {
			t.Fatal(err)
		}
		return resolve.Default{Request: &r}
	}
	suite := resolve.Defaults{Python: def("PythonTestSuite/3.100"), Python2: def("PythonTestSuite/3.100-32"), Python3: def("PythonTestSuite/3.100-arm64")}
	opt := func(text string) *request.Request {
		r, err := request.FromOption(text, "")
		if err != nil {
			t.Fatal(err)
		}
		return &r
	}
	sel := func(text string) *request.Request {
		r, err := request.FromSelector(text, "")
		if err != nil {
			t.Fatal(err)
		}
		return &r
	}
	for _, c := range []struct {
		name             string
		explicit, script *request.Request
		virtual          bool
		d                resolve.Defaults
		allow            bool
		want             searchKey
	}{
		{name: "nothing", allow: true},
		{name: "py", d: suite, allow: true, want: searchKey{company: "PythonTestSuite", tag: "3.100", lowPriority: true}},
		{name: "py -2", explicit: opt("2"), d: suite, allow: true, want: searchKey{company: "PythonTestSuite", tag: "3.100-32", lowPriority: true}},
		{name: "py -3", explicit: opt("3"), d: suite, allow: true, want: searchKey{company: "PythonTestSuite", tag: "3.100-arm64", lowPriority: true}},
		{name: "py -3.12-32", explicit: opt("3.12-32"), d: suite, allow: true, want: searchKey{tag: "3.12-32", oldStyle: true}},
		{name: "-V:", explicit: sel("PythonTestSuite/3"), d: suite, want: searchKey{company: "PythonTestSuite", tag: "3"}},
		{name: "-V: tag", explicit: sel("3.100"), d: suite, want: searchKey{tag: "3.100"}},
		{name: "#!/usr/bin/python", virtual: true, d: suite, allow: true, want: searchKey{company: "PythonTestSuite", tag: "3.100", lowPriority: true}},
		{name: "#!/usr/bin/python, no default", virtual: true, allow: true, want: searchKey{lowPriority: true}},
		{name: "#!/usr/bin/python2", script: opt("2"), virtual: true, d: suite, allow: true, want: searchKey{company: "PythonTestSuite", tag: "3.100-32", lowPriority: true}},
		{name: "#!/usr/bin/python3.12", script: opt("3.12"), virtual: true, d: suite, allow: true, want: searchKey{tag: "3.12", oldStyle: true, lowPriority: true}},
		{name: "python=3.999-64", d: resolve.Defaults{Python: def("3.999-64")}, allow: true, want: searchKey{tag: "3.999-64", oldStyle: true, lowPriority: true}},
		// py chains: PY_PYTHON=3 is PY_PYTHON3's.
		{name: "chained", d: resolve.Defaults{Python: def("3"), Python3: def("3.10")}, allow: true, want: searchKey{tag: "3.10", oldStyle: true, lowPriority: true}},
		{name: "PY_PYTHON3=3", explicit: opt("3"), d: resolve.Defaults{Python3: def("3")}, allow: true, want: searchKey{tag: "3", oldStyle: true, lowPriority: true}},
	} {
		if got := keyOf(c.explicit, c.script, c.virtual, c.d, c.allow); got != c.want {
			t.Errorf("%s: keyOf = %+v, want %+v", c.name, got, c.want)
		}
	}
}

func TestSearchInfoLines(t *testing.T) {
	si := searchInfo{originalCmdLine: "py -3", executable: "python.exe", key: searchKey{tag: "3", oldStyle: true}, list: true}
	got := si.lines()
	want := []string{
		"SearchInfo.originalCmdLine: py -3", "SearchInfo.restOfCmdLine: (null)", "SearchInfo.executablePath: (null)",
		"SearchInfo.scriptFile: (null)", "SearchInfo.executable: python.exe", "SearchInfo.executableArgs: (null)",
		"SearchInfo.company: (null)", "SearchInfo.tag: 3", "SearchInfo.oldStyleTag: True", "SearchInfo.lowPriorityTag: False",
		"SearchInfo.allowDefaults: False", "SearchInfo.allowExecutableOverride: False", "SearchInfo.windowed: False",
		"SearchInfo.list: True", "SearchInfo.listPaths: False", "SearchInfo.help: False", "SearchInfo.limitToCompany: (null)",
	}
	if len(got) != len(want) {
		t.Fatalf("%d lines, want %d:\n%q", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d = %q, want %q", i, got[i], want[i])
		}
	}
}
