package launcher

import (
	"os"
	"strings"
	"testing"

	"github.com/pylauncher/py/internal/exitcode"
)

// projectWorld has four pyenv installs (their directories say what they
// are) and a project at app, the current directory being app/src/deep.
func projectWorld(t *testing.T) (w *world, py map[string]string) {
	w = newWorld(t)
	py = map[string]string{}
	for _, v := range []string{"3.13.1", "3.12.4", "3.11.9", "3.10.14"} {
		feature := v[:strings.LastIndexByte(v, '.')]
		py[feature] = w.python("pyenv/versions/"+v+"/bin/python"+feature, v)
	}
	if err := os.MkdirAll(w.path("app/src/deep"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(w.path("app/src/deep"))
	return w, py
}

func TestMainPythonVersion(t *testing.T) {
	w, py := projectWorld(t)
	w.py("-c", "pass").ok(t, py["3.13"]+" -c pass\n")

	// The first satisfiable line wins; comments are no lines.
	pv := w.write("app/.python-version", "# pins\n3.99\n3.10   # fallback\n", 0o644)
	w.py("-c", "pass").ok(t, py["3.10"]+" -c pass\n")
	// It beats PY_PYTHON; an explicit request beats it.
	w.setenv("PY_PYTHON", "3.12")
	w.py("-c", "pass").ok(t, py["3.10"]+" -c pass\n")
	w.setenv("PY_PYTHON", "")
	w.py("-3.12", "-c", "pass").ok(t, py["3.12"]+" -c pass\n")
	r := w.py("--which")
	if !strings.Contains(r.stdout, "the project asks for Python 3.99 (.python-version in "+w.path("app")+", line 2)") {
		t.Errorf("--which with a .python-version:\n%s", r.stdout)
	}

	// Lines that are no requests: one warning, naming the first (of
	// those the file's reading finds, and those no request reads).
	w.write("app/.python-version", "!!\n3.11\ntwo words\n", 0o644)
	r = w.py("-c", "pass")
	if want := `py: warning: ignoring 2 lines of "` + pv + `"; the first, line 1: "!!": invalid version specifier`; r.stdout != py["3.11"]+" -c pass\n" || !strings.HasPrefix(r.stderr, want) || strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("bad lines: stdout %q, stderr %q; want %q…", r.stdout, r.stderr, want)
	}
	w.write("app/.python-version", "3.11\n!!\n", 0o644)
	r = w.py("-c", "pass")
	if want := `py: warning: ignoring line 2 of "` + pv + `": "!!": `; !strings.HasPrefix(r.stderr, want) || strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("a bad line: stderr %q, want %q…", r.stderr, want)
	}
	// A file too large to read is ignored, with a warning.
	w.write("app/.python-version", "3.11\n"+strings.Repeat("#", 70<<10)+"\n", 0o644)
	r = w.py("-c", "pass")
	if want := `py: warning: ignoring "` + pv + `": larger than 65536 bytes: file too large` + "\n"; r.stdout != py["3.13"]+" -c pass\n" || r.stderr != want {
		t.Errorf("a large .python-version: stdout %q, stderr %q; want %q", r.stdout, r.stderr, want)
	}

	// pyenv names: an environment in $PYENV_ROOT/versions runs; an unknown
	// name is skipped with one warning; "system" is skipped.
	env := w.venv("pyenv/versions/myenv", "pyenv/versions/3.11.9/bin/python3.11", "3.11.9")
	w.write("app/.python-version", "nosuchenv\nsystem\nmyenv\n", 0o644)
	r = w.py("-c", "pass")
	if want := `py: warning: ignoring line 1 of "` + pv + `": "nosuchenv" is neither a version nor a pyenv environment` + "\n"; r.stdout != env+"/bin/python -c pass\n" || r.stderr != want {
		t.Errorf("pyenv names: stdout %q, stderr %q; want %q", r.stdout, r.stderr, want)
	}
	w.write("app/.python-version", "nosuch1\n3.x\n3.12\n", 0o644)
	r = w.py("-c", "pass")
	if want := `py: warning: ignoring 2 lines of "` + pv + `"; the first, line 1: "nosuch1" is neither a version nor a pyenv environment` + "\n"; r.stdout != py["3.12"]+" -c pass\n" || r.stderr != want {
		t.Errorf("unknown names: stdout %q, stderr %q; want %q", r.stdout, r.stderr, want)
	}
	// A pin nothing satisfies: 103, naming the file and line.
	w.write("app/.python-version", "3.98\n", 0o644)
	w.py("-c", "pass").fails(t, exitcode.NoPython,
		`py: error: no installed Python matches "3.98" (from .python-version in `+w.path("app")+`, line 1)`,
		`py: hint: run "py install 3.98" to install it, or "py --list" to see the installed versions`)
	// A .python-version that is a directory is no file: the walk goes on
	// up, to the user's.
	os.Remove(pv)
	if err := os.Mkdir(pv, 0o755); err != nil {
		t.Fatal(err)
	}
	w.write(".python-version", "3.12\n", 0o644)
	w.py("-c", "pass").ok(t, py["3.12"]+" -c pass\n")
}

func TestMainPyproject(t *testing.T) {
	w, py := projectWorld(t)
	pp := w.write("app/pyproject.toml", "[project]\nname = \"app\"\nrequires-python = \">=3.10,<3.12\"\n", 0o644)
	w.py("-c", "pass").ok(t, py["3.11"]+" -c pass\n")
	// With a .python-version, both must hold.
	w.write("app/.python-version", "3.12\n", 0o644)
	w.py("-c", "pass").fails(t, exitcode.NoPython,
		`py: error: no installed Python matches "3.12" (from .python-version in `+w.path("app")+`, line 1)`,
		`py: hint: run "py install 3.12" to install it, or "py --list" to see the installed versions`)
	os.Remove(w.path("app/.python-version"))
	w.write("app/pyproject.toml", "[project]\nrequires-python = \">=3.15\"\n", 0o644)
	w.py("-c", "pass").fails(t, exitcode.NoPython,
		`py: error: no installed Python matches ">=3.15" (from requires-python in `+pp+`)`,
		`py: hint: run "py install '>=3.15'" to install it, or "py --list" to see the installed versions`)
	// An explicit request does not read the project's files at all.
	w.write("app/pyproject.toml", "[project]\nrequires-python = >=3.10\n", 0o644)
	w.py("-3.12", "-c", "pass").ok(t, py["3.12"]+" -c pass\n")
	// A malformed pyproject.toml is an error naming its line: py does
	// not guess.
	r := w.py("-c", "pass")
	if r.code != exitcode.NoPython || !strings.HasPrefix(r.stderr, `py: error: line 2 of "`+pp+`": `) ||
		!strings.HasSuffix(r.stderr, "\npy: hint: fix the file, or run py with an explicit version (py -3.12)\n") || r.stdout != "" {
		t.Errorf("a malformed pyproject.toml: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	w.write("app/pyproject.toml", "[project]\nrequires-python = \">=3.11,<\"\n", 0o644)
	r = w.py("-c", "pass")
	if r.code != exitcode.NoPython || !strings.Contains(r.stderr, "invalid version specifier") || !strings.Contains(r.stderr, "py: hint: fix the file") {
		t.Errorf("a bad requires-python: exit %d, stderr %q", r.code, r.stderr)
	}
	// Turned off in py.ini, the project's files are not read.
	w.write("config/py/py.ini", "[settings]\nproject_files = false\n", 0o644)
	w.py("-c", "pass").ok(t, py["3.13"]+" -c pass\n")
}

func TestMainScriptMetadata(t *testing.T) {
	w, py := projectWorld(t)
	tool := w.write("tool.py", "#!/usr/bin/env python3\n# /// script\n# requires-python = \">=3.12,<3.13\"\n# dependencies = []\n# ///\nprint(1)\n", 0o644)
	w.py(tool, "x").ok(t, py["3.12"]+" "+tool+" x\n")
	// Against the project's pin, the script wins, with a warning.
	w.write("app/.python-version", "3.10\n", 0o644)
	r := w.py(tool)
	if r.stdout != py["3.12"]+" "+tool+"\n" || !strings.HasPrefix(r.stderr, "py: warning: the script's request") {
		t.Errorf("script against pin: stdout %q, stderr %q", r.stdout, r.stderr)
	}
	// An explicit request beats it.
	w.py("-3.11", tool).ok(t, py["3.11"]+" "+tool+"\n")
	os.Remove(w.path("app/.python-version"))

	// A malformed block, or requires-python, is ignored with a warning.
	bad := w.write("bad.py", "# /// script\n# requires-python = [not toml\n# ///\n", 0o644)
	r = w.py(bad)
	if r.stdout != py["3.13"]+" "+bad+"\n" || !strings.HasPrefix(r.stderr, `py: warning: ignoring the inline metadata of "`+bad+`": `) {
		t.Errorf("malformed metadata: stdout %q, stderr %q", r.stdout, r.stderr)
	}
	bad2 := w.write("bad2.py", "# /// script\n# requires-python = \">=3.11,<\"\n# ///\n", 0o644)
	r = w.py(bad2)
	if r.stdout != py["3.13"]+" "+bad2+"\n" || !strings.HasPrefix(r.stderr, `py: warning: ignoring the inline metadata of "`+bad2+`": line 2 of "`+bad2+`": requires-python: invalid version specifier`) {
		t.Errorf("bad requires-python: stdout %q, stderr %q", r.stdout, r.stderr)
	}
	// A script without the block, and a directory, run as they are.
	plain := w.write("plain.py", "print(1)\n", 0o644)
	w.py(plain).ok(t, py["3.13"]+" "+plain+"\n")
	w.py(w.path("app")).ok(t, py["3.13"]+" "+w.path("app")+"\n")
}

func TestMainProjectVenv(t *testing.T) {
	w, py := projectWorld(t)
	env := w.venv("app/.venv", "pyenv/versions/3.10.14/bin/python3.10", "3.10.14")
	w.py("-c", "pass").ok(t, env+"/bin/python -c pass\n")
	w.py("-3.12", "-c", "pass").ok(t, py["3.12"]+" -c pass\n")
	r := w.py("-0")
	if !strings.HasPrefix(r.stdout, " (.venv) *        Python 3.10.14  .venv\n") {
		t.Errorf("py -0 with a .venv:\n%s", r.stdout)
	}
	// A stale .venv is reported and passed over.
	w.write("app/.python-version", "3.11\n", 0o644)
	r = w.py("-c", "pass")
	if want := `py: warning: the project environment "` + env + `" is stale: it is Python 3.10.14, and the project asks for 3.11 (.python-version)` + "\n"; r.stdout != py["3.11"]+" -c pass\n" || r.stderr != want {
		t.Errorf("a stale .venv: stdout %q, stderr %q; want %q", r.stdout, r.stderr, want)
	}
	os.Remove(w.path("app/.python-version"))
	// Turned off in py.ini.
	w.write("config/py/py.ini", "[settings]\nproject_venv = no\n", 0o644)
	w.py("-c", "pass").ok(t, py["3.13"]+" -c pass\n")
}

// A project file of another user's, in a directory every user can write,
// may have been planted: it is used only when trusted_dirs says so.
func TestMainProjectTrust(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("giving a file to another user needs root")
	}
	w, py := projectWorld(t)
	if err := os.Chmod(w.path("app"), 0o1777); err != nil {
		t.Fatal(err)
	}
	pv := w.write("app/.python-version", "3.11\n", 0o644)
	if err := os.Lchown(pv, 65534, 65534); err != nil {
		t.Fatal(err)
	}
	r := w.py("-c", "pass")
	if r.stdout != py["3.13"]+" -c pass\n" || !strings.HasPrefix(r.stderr, `py: warning: ignoring "`+pv+`": it is owned by `) ||
		!strings.Contains(r.stderr, `to trust it, add "`+w.path("app")+`" to trusted_dirs under [settings] in "`+w.path("config/py/py.ini")+`"`) {
		t.Errorf("an untrusted .python-version: stdout %q, stderr %q", r.stdout, r.stderr)
	}
	w.write("config/py/py.ini", "[settings]\ntrusted_dirs = "+w.path("app")+"\n", 0o644)
	w.py("-c", "pass").ok(t, py["3.11"]+" -c pass\n")
}

func TestMainSettingsWarnings(t *testing.T) {
	w := newWorld(t)
	py312 := w.python("bin/python3.12", "3.12.4")
	py311 := w.python("bin/python3.11", "3.11.9")
	ini := w.path("config/py/py.ini")
	for _, tt := range []struct {
		name, ini, stdout string
		stderr            []string
	}{
		{"defaults", "[defaults]\npython=3.11\n", py311, nil},
		{"one bad line", "[defaults]\npython=3.11\njunk\n", py311,
			[]string{`py: warning: ignoring line 3 of "` + ini + `": `}},
		{"many bad lines", "python=3.10\n[defaults]\nthis line is junk\npython=3.11\n", py311,
			[]string{`py: warning: ignoring 2 lines of "` + ini + `"; the first, line 1: a key outside any [section]`}},
		{"a setting that is no boolean", "[settings]\nallow_prereleases = maybe\n", py312,
			[]string{`py: warning: [settings] allow_prereleases in "` + ini + `" is "maybe", not true or false; using false`}},
		{"a relative trusted dir", "[settings]\ntrusted_dirs = rel\n", py312,
			[]string{`py: warning: [settings] trusted_dirs in "` + ini + `": "rel" is not an absolute path; ignored`}},
		{"not text", "[defaults]\npython=3.11\xff\xfe\n", py312,
			[]string{`py: warning: ignoring "` + ini + `": not UTF-8, or UTF-16 with a byte order mark`}},
	} {
		w.write("config/py/py.ini", tt.ini, 0o644)
		r := w.py("-c", "pass")
		lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
		if r.stderr == "" {
			lines = nil
		}
		ok := r.code == 0 && r.stdout == tt.stdout+" -c pass\n" && len(lines) == len(tt.stderr)
		for i := 0; ok && i < len(lines); i++ {
			ok = strings.HasPrefix(lines[i], tt.stderr[i])
		}
		if !ok {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want %q, %q", tt.name, r.code, r.stdout, r.stderr, tt.stdout, tt.stderr)
		}
	}
	// A py.ini that is a directory.
	os.Remove(ini)
	if err := os.Mkdir(ini, 0o755); err != nil {
		t.Fatal(err)
	}
	r := w.py("-c", "pass")
	if want := `py: warning: ignoring "` + ini + `": not a regular file (a directory)` + "\n"; r.stdout != py312+" -c pass\n" || r.stderr != want {
		t.Errorf("a py.ini directory: stdout %q, stderr %q; want %q", r.stdout, r.stderr, want)
	}
	// The debug trace names the py.ini files.
	w.setenv("PYLAUNCHER_DEBUG", "1")
	if r := w.py("-c", "pass"); !strings.Contains(r.stderr, `# py.ini: "`+ini+`"`+"\n") {
		t.Errorf("the trace does not name py.ini:\n%s", r.stderr)
	}
}

// Without a current directory, one warning: the project's files were not
// searched.
func TestMainNoWorkingDir(t *testing.T) {
	w := newWorld(t)
	py312 := w.python("bin/python3.12", "3.12.4")
	if err := os.Mkdir(w.path("gone"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(w.path("gone"))
	if err := os.Remove(w.path("gone")); err != nil {
		t.Fatal(err)
	}
	r := w.py("--which")
	if want := "py: warning: cannot tell the current directory (no such file or directory): the project's files and .venv were not searched\n"; r.stderr != want ||
		!strings.HasPrefix(r.stdout, py312+"\n") || !strings.Contains(r.stdout, "  - no .venv was searched for: the current directory is unknown\n") {
		t.Errorf("no current directory: stdout %q, stderr %q", r.stdout, r.stderr)
	}
	// A script named by its absolute path still has its relative
	// program, from its own directory; by a relative path, not.
	w.write("s.sh", "#!bin/run\n", 0o644)
	r = w.py(w.path("s.sh"))
	if r.stdout != w.path("bin/run")+" "+w.path("s.sh")+"\n" {
		t.Errorf("an absolute script: stdout %q, stderr %q", r.stdout, r.stderr)
	}
	if err := os.Symlink(w.path("s.sh"), w.path("link.sh")); err != nil {
		t.Fatal(err)
	}
	r = w.run("py", "../link.sh")
	if r.code != exitcode.BadVirtualPath || !strings.HasSuffix(r.stderr,
		`py: error: cannot use the shebang of "../link.sh": names the relative program "bin/run", and the current directory is unknown`+"\n") {
		t.Errorf("a relative script: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}
