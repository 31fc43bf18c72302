package launcher

import (
	"errors"
	"testing"

	"github.com/pylauncher/py/internal/config"
	"github.com/pylauncher/py/internal/resolve"
)

// iniConfig is a py.ini read from text, as if at path.
func iniConfig(t *testing.T, path, text string) *config.Config {
	t.Helper()
	ini, err := config.ParseINI([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return &config.Config{Sources: []config.Source{{Path: path, INI: ini}}}
}

func TestReadDefaults(t *testing.T) {
	const ini = "/home/me/.config/py/py.ini"
	cfg := iniConfig(t, ini, "[defaults]\npython = 3.11\npython3 = \"3.10\"\npython2 =  \n")
	bad := iniConfig(t, ini, "[defaults]\npython=3junk\n")
	describe := func(d resolve.Default) string {
		switch {
		case d.Err != nil:
			return "error: " + d.Err.Error()
		case d.Request != nil:
			return d.Request.Describe()
		}
		return "none"
	}
	tests := []struct {
		name                     string
		env                      map[string]string
		cfg                      *config.Config
		python, python3, python2 string
	}{
		{name: "nothing", python: "none", python3: "none", python2: "none"},
		{name: "py.ini",
			cfg:     cfg,
			python:  `"3.11" (from [defaults] python in "` + ini + `")`,
			python3: `"3.10" (from [defaults] python3 in "` + ini + `")`,
			python2: "none"},
		{name: "the environment beats py.ini, key by key",
			env: map[string]string{"PY_PYTHON": " 3.12 ", "PY_PYTHON2": "2.7"}, cfg: cfg,
			python:  `"3.12" (from PY_PYTHON)`,
			python3: `"3.10" (from [defaults] python3 in "` + ini + `")`,
			python2: `"2.7" (from PY_PYTHON2)`},
		{name: "a blank variable is unset",
			env: map[string]string{"PY_PYTHON": "  "}, cfg: cfg,
			python:  `"3.11" (from [defaults] python in "` + ini + `")`,
			python3: `"3.10" (from [defaults] python3 in "` + ini + `")`,
			python2: "none"},
		{name: "a selector", env: map[string]string{"PY_PYTHON": "PythonCore/3.12"},
			python: `"PythonCore/3.12" (from PY_PYTHON)`, python3: "none", python2: "none"},
		{name: "malformed in the environment",
			env:     map[string]string{"PY_PYTHON3": "3x"},
			python:  "none",
			python3: `error: invalid request "3x": expected a version such as 3, 3.12, 3.12.1 or 3.13t (from PY_PYTHON3)`,
			python2: "none"},
		{name: "malformed in py.ini", cfg: bad,
			python:  `error: invalid request "3junk": expected a version such as 3, 3.12, 3.12.1 or 3.13t (from [defaults] python in "` + ini + `")`,
			python3: "none", python2: "none"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := readDefaults(func(k string) string { return tt.env[k] }, tt.cfg)
			for _, c := range []struct {
				key  string
				d    resolve.Default
				want string
			}{{"python", d.Python, tt.python}, {"python3", d.Python3, tt.python3}, {"python2", d.Python2, tt.python2}} {
				if got := describe(c.d); got != c.want {
					t.Errorf("%s: %s, want %s", c.key, got, c.want)
				}
				var br *resolve.BadRequestError
				if c.d.Err != nil && !errors.As(c.d.Err, &br) {
					t.Errorf("%s: %T, want a BadRequestError", c.key, c.d.Err)
				}
			}
		})
	}
}
