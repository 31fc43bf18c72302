package completion_test

// These tests run each script in its real shell, with a py built for the
// test, fake interpreters on PATH and a private cache, and check the
// candidates offered.

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/pylauncher/py/internal/fileid"
	"github.com/pylauncher/py/internal/probe"
)

// need skips t when the program is missing, unless the shells are
// required (requireShells): then it fails.
func need(t *testing.T, prog string) {
	t.Helper()
	if _, err := exec.LookPath(prog); err != nil {
		if requireShells() {
			t.Fatalf("%s is missing, and PY_TEST_REQUIRE_SHELLS is set", prog)
		}
		t.Skipf("%s is missing", prog)
	}
}

// requireShells reports whether a missing bash, zsh or fish fails the
// tests: where PY_TEST_REQUIRE_SHELLS is set (CI installs bash-completion,
// zsh and fish), except on Windows, which has none of them (CI's wine
// run of these tests shares its environment).
func requireShells() bool {
	return os.Getenv("PY_TEST_REQUIRE_SHELLS") != "" && runtime.GOOS != "windows"
}

// pyBin is the directory of the py built for these tests (TestMain).
var pyBin string

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	if runtime.GOOS == "windows" {
		return m.Run()
	}
	if _, err := exec.LookPath("go"); err != nil {
		return m.Run()
	}
	dir, err := os.MkdirTemp("", "py-completion-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	// The fixed places (/usr/bin, Homebrew…) under an empty root, so
	// that only the test's interpreters are found.
	root := filepath.Join(dir, "root")
	bin := filepath.Join(dir, "bin")
	for _, d := range []string{root, bin} {
		if err := os.Mkdir(d, 0o755); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	}
	cmd := exec.Command("go", "build", "-o", filepath.Join(bin, "py"),
		"-ldflags=-X github.com/pylauncher/py/internal/launcher.testOnlyRoot="+root, "../../cmd/py")
	if out, err := cmd.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "go build ./cmd/py: %v\n%s", err, out)
		return 1
	}
	pyBin = bin
	return m.Run()
}

// world is a private machine: fake interpreters that record being run,
// a cache, a working directory with two files.
type world struct {
	dir, work, started string
	env                []string
}

// newWorld makes a world whose PATH holds python3.12, python3.13t,
// pypy3.10 and an unversioned python3; with cached, the cache says
// python3 is 3.11.4, else the cache is empty.
func newWorld(t *testing.T, cached bool) *world {
	t.Helper()
	if pyBin == "" {
		t.Skip("needs a Unix system with the go command, to build py")
	}
	dir := t.TempDir()
	w := &world{dir: dir, work: filepath.Join(dir, "work"), started: filepath.Join(dir, "started")}
	fake := "#!/bin/sh\necho \"$0 $*\" >>" + strconv.Quote(w.started) + "\nexit 1\n"
	bin := filepath.Join(dir, "fake")
	tools := filepath.Join(dir, "tools")
	for _, d := range []string{bin, tools, w.work, filepath.Join(dir, "home")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"python3.12", "python3.13t", "pypy3.10", "python3"} {
		if err := os.WriteFile(filepath.Join(bin, name), []byte(fake), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"script.py", "data.txt"} {
		if err := os.WriteFile(filepath.Join(w.work, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The programs the shells' own completion functions run (fish's
	// __fish_complete_path runs ls), without the system's pythons.
	for _, name := range []string{"ls"} {
		if p, err := exec.LookPath(name); err == nil {
			if err := os.Symlink(p, filepath.Join(tools, name)); err != nil {
				t.Fatal(err)
			}
		}
	}
	cache := filepath.Join(dir, "cache")
	if cached {
		p := filepath.Join(bin, "python3")
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		c := probe.OpenCache(filepath.Join(cache, "py"))
		c.Put(p, fileid.Of(fi), &probe.Info{Impl: "cpython", Version: "3.11.4.final.0", Bits: 64, Machine: "x86_64",
			Prefix: "/usr", BasePrefix: "/usr", Executable: p}, nil)
		if err := c.Save(); err != nil {
			t.Fatal(err)
		}
	}
	w.env = []string{
		"PATH=" + strings.Join([]string{pyBin, bin, tools}, string(os.PathListSeparator)),
		"HOME=" + filepath.Join(dir, "home"),
		"XDG_CACHE_HOME=" + cache,
		"XDG_CONFIG_HOME=" + filepath.Join(dir, "config"),
		"XDG_DATA_HOME=" + filepath.Join(dir, "data"),
		"PYENV_ROOT=" + filepath.Join(dir, "pyenv"),
		"LANG=C.UTF-8",
		"TERM=dumb",
	}
	return w
}

// py runs the test's py with args in w.
func (w *world) py(t *testing.T, args ...string) string {
	t.Helper()
	cmd := exec.Command(filepath.Join(pyBin, "py"), args...)
	cmd.Env, cmd.Dir = w.env, w.work
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("py %s: %v", strings.Join(args, " "), err)
	}
	return string(out)
}

// script writes py's completion script for shell into w and returns
// its path.
func (w *world) script(t *testing.T, shell, name string) string {
	t.Helper()
	p := filepath.Join(w.dir, name)
	if err := os.WriteFile(p, []byte(w.py(t, "--completion", shell)), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// shell runs a shell program in w and returns its output lines.
func (w *world) shell(t *testing.T, args ...string) []string {
	t.Helper()
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env, cmd.Dir = w.env, w.work
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", args[0], err, out)
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimRight(string(out), "\n"), "\n") {
		if l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

// checkNothingStarted fails when a fake interpreter was run.
func (w *world) checkNothingStarted(t *testing.T) {
	t.Helper()
	if data, err := os.ReadFile(w.started); err == nil {
		t.Errorf("completion started interpreters:\n%s", data)
	}
}

// completionCase is a command line (the cursor at its end) and what the
// candidates must and must not hold.
type completionCase struct {
	line        string
	want, never []string
	// exact, when set, is the whole list, in order.
	exact []string
}

// cases are the command lines every shell is tested with, in an empty
// cache's world. Candidates are whole words; bash's are compared after
// the last ":" or "=", as bash inserts them (see bashComplete).
var cases = []completionCase{
	{line: "py ", want: []string{"-0", "--list", "-0p", "--list-paths", "--which", "-V:", "-3", "--help", "--completion", "install", "uninstall", "list", "help"}, never: []string{"script.py", "-3.12"}},
	{line: "py --l", exact: []string{"--list", "--list-paths"}},
	{line: "py -V:", exact: []string{"-V:3.13t", "-V:3.12", "-V:PyPy/3.10", "-V:3"}},
	{line: "py -V:3.1", exact: []string{"-V:3.13t", "-V:3.12"}},
	{line: "py -3", want: []string{"-3", "-3.13t", "-3.12"}, never: []string{"-PyPy/3.10", "-V:3.12", "--list"}},
	{line: "py -3.1", exact: []string{"-3.13t", "-3.12"}},
	{line: "py install -", want: []string{"--force", "-f", "--upgrade", "--source", "--download", "--script", "--dry-run"}, never: []string{"--list", "-0", "--yes"}},
	{line: "py install --script ", want: []string{"script.py", "data.txt"}, never: []string{"--force"}},
	{line: "py uninstall --", want: []string{"--yes", "--dry-run"}, never: []string{"--force"}},
	{line: "py list ", want: []string{"--only-installed", "--online", "--format="}, never: []string{"script.py"}},
	{line: "py list --format=", exact: []string{"--format=table", "--format=json"}},
	{line: "py list --format=j", exact: []string{"--format=json"}},
	{line: "py help ", exact: []string{"install", "uninstall", "list", "help"}},
	{line: "py --completion ", exact: []string{"bash", "zsh", "fish", "powershell"}},
	{line: "py script.py ", want: []string{"script.py", "data.txt"}, never: []string{"-0", "--list", "install"}},
	{line: "py script.py -", never: []string{"-0", "--list", "-V:", "--help"}},
	{line: "py -3.12 ", want: []string{"script.py", "data.txt"}, never: []string{"-0", "install"}},
	{line: "py -m ", want: []string{"script.py"}, never: []string{"-0"}},
	{line: "py scr", exact: []string{"script.py"}},
	{line: "py i", exact: []string{"install"}},
	{line: "py d", exact: []string{"data.txt"}},
}

// check compares got with c.
func (c completionCase) check(t *testing.T, shell string, got []string) {
	t.Helper()
	if c.exact != nil && !slices.Equal(got, c.exact) {
		t.Errorf("%s: %q<TAB> offers %q, want %q", shell, c.line, got, c.exact)
	}
	for _, w := range c.want {
		if !slices.Contains(got, w) {
			t.Errorf("%s: %q<TAB> offers %q, want %q among them", shell, c.line, got, w)
		}
	}
	for _, w := range c.never {
		if slices.Contains(got, w) {
			t.Errorf("%s: %q<TAB> offers %q, want no %q", shell, c.line, got, w)
		}
	}
}

func TestTags(t *testing.T) {
	w := newWorld(t, false)
	if got, want := w.py(t, "--completion", "tags"), "3.13t\n3.12\nPyPy/3.10\n3\n"; got != want {
		t.Errorf("py --completion tags (empty cache) = %q, want %q", got, want)
	}
	w.checkNothingStarted(t)
	w = newWorld(t, true)
	if got, want := w.py(t, "--completion", "tags"), "3.13t\n3.12\n3.11\nPyPy/3.10\n"; got != want {
		t.Errorf("py --completion tags (cached) = %q, want %q", got, want)
	}
	w.checkNothingStarted(t)
}

// bashWords splits a command line as bash does for COMP_WORDS: at
// blanks, and around ":" and "=" (in the default COMP_WORDBREAKS).
func bashWords(line string) []string {
	var words []string
	for _, f := range strings.Split(line, " ") {
		if f == "" {
			continue
		}
		start := 0
		for i, r := range f {
			if r == ':' || r == '=' {
				if i > start {
					words = append(words, f[start:i])
				}
				words = append(words, string(r))
				start = i + 1
			}
		}
		if start < len(f) {
			words = append(words, f[start:])
		}
	}
	if strings.HasSuffix(line, " ") {
		words = append(words, "")
	}
	return words
}

// bashComplete sets COMP_LINE, COMP_POINT, COMP_WORDS and COMP_CWORD as
// bash does for line, calls the completion function that "complete -p
// py" names, and returns COMPREPLY.
func bashComplete(t *testing.T, w *world, script, line string) []string {
	words := bashWords(line)
	prog := `source "$1"
fn=$(complete -p py) || exit 1
fn=${fn#*-F }; fn=${fn%% *}
COMP_LINE=$2 COMP_POINT=${#2} COMP_CWORD=$3 COMP_WORDS=("${@:4}")
"$fn" py "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\n' "${COMPREPLY[@]}"
`
	args := append([]string{"/bin/bash", "--norc", "--noprofile", "-c", prog, "bash", script, line, strconv.Itoa(len(words) - 1)}, words...)
	return w.shell(t, args...)
}

// bashInserted is what bash inserts for a whole-word candidate: the part
// after the line's last ":" or "=", which it does not replace.
func bashInserted(line string, words []string) []string {
	cur := line[strings.LastIndexByte(line, ' ')+1:]
	i := strings.LastIndexAny(cur, ":=")
	if i < 0 || words == nil {
		return words
	}
	out := make([]string, len(words))
	for j, s := range words {
		out[j] = strings.TrimPrefix(s, cur[:i+1])
	}
	return out
}

func TestBash(t *testing.T) {
	need(t, "/bin/bash")
	w := newWorld(t, false)
	script := w.script(t, "bash", "py.bash")
	for _, c := range cases {
		t.Run(c.line, func(t *testing.T) {
			got := bashComplete(t, w, script, c.line)
			c.exact = bashInserted(c.line, c.exact)
			c.want = bashInserted(c.line, c.want)
			c.check(t, "bash", got)
		})
	}
	w.checkNothingStarted(t)
}

// TestBashCompletionLoader checks that bash-completion finds the script
// where the .deb puts it (here, the user's directory) by the command's
// name.
func TestBashCompletionLoader(t *testing.T) {
	const bc = "/usr/share/bash-completion/bash_completion"
	need(t, "/bin/bash")
	if _, err := os.Stat(bc); err != nil {
		if requireShells() {
			t.Fatalf("bash-completion is missing, and PY_TEST_REQUIRE_SHELLS is set")
		}
		t.Skip("bash-completion is not installed")
	}
	w := newWorld(t, false)
	dir := filepath.Join(w.dir, "data", "bash-completion", "completions")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "py"), []byte(w.py(t, "--completion", "bash")), 0o644); err != nil {
		t.Fatal(err)
	}
	got := w.shell(t, "/bin/bash", "--norc", "--noprofile", "-c", `source "$1"; __load_completion py; complete -p py`, "bash", bc)
	if len(got) != 1 || !strings.Contains(got[0], "-F _py_completion py") {
		t.Errorf("bash-completion loaded %q for py, want the script's function", got)
	}
}

// zshComplete runs the zsh script's function with words and CURRENT set
// as zsh's completion system sets them, and compadd and _files replaced
// by functions that print the candidates (compadd's matching: those that
// start with PREFIX; _files: the files that do).
func zshComplete(t *testing.T, w *world, script, line string) []string {
	words := strings.Fields(line)
	if strings.HasSuffix(line, " ") {
		words = append(words, "")
	}
	prog := `
compdef() { :; }
compadd() {
    while [[ $1 == -* && $1 != -- ]]; do
        [[ $1 == -S ]] && shift
        shift
    done
    [[ $1 == -- ]] && shift
    local w
    for w in "$@"; do [[ $w == ${PREFIX}* ]] && print -r -- $w; done
}
_files() { print -rl -- ${PREFIX}*(N) }
source $1
shift
words=("$@")
CURRENT=$#words
PREFIX=$words[CURRENT]
_py_completion
`
	return w.shell(t, append([]string{"zsh", "-f", "-c", prog, "zsh", script}, words...)...)
}

func TestZsh(t *testing.T) {
	need(t, "zsh")
	w := newWorld(t, false)
	script := w.script(t, "zsh", "_py")
	w.shell(t, "zsh", "-n", script)
	for _, c := range cases {
		t.Run(c.line, func(t *testing.T) {
			c.check(t, "zsh", zshComplete(t, w, script, c.line))
		})
	}
	w.checkNothingStarted(t)
}

// TestZshCompsys loads the script as zsh's completion system does (from
// $fpath, by compinit) and checks that it is registered for py.
func TestZshCompsys(t *testing.T) {
	need(t, "zsh")
	w := newWorld(t, false)
	dir := filepath.Join(w.dir, "zfunc")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	w.script(t, "zsh", filepath.Join("zfunc", "_py"))
	got := w.shell(t, "zsh", "-f", "-c", `fpath=($1 $fpath); autoload -Uz compinit; compinit -u -D; print -r -- $_comps[py]`, "zsh", dir)
	if !slices.Equal(got, []string{"_py"}) {
		t.Errorf("compinit registered %q for py, want _py", got)
	}
}

// fishComplete runs fish's own completion (complete -C) for line.
func fishComplete(t *testing.T, w *world, script, line string) []string {
	lines := w.shell(t, "fish", "--no-config", "-c", `source $argv[1]; complete -C $argv[2]`, script, line)
	for i, l := range lines {
		lines[i], _, _ = strings.Cut(l, "\t")
	}
	return lines
}

func TestFish(t *testing.T) {
	need(t, "fish")
	w := newWorld(t, false)
	script := w.script(t, "fish", "py.fish")
	w.shell(t, "fish", "--no-config", "-n", script)
	for _, c := range cases {
		t.Run(c.line, func(t *testing.T) {
			got := fishComplete(t, w, script, c.line)
			if c.exact != nil {
				// fish sorts what it offers.
				c.want, c.exact = c.exact, nil
			}
			c.check(t, "fish", got)
		})
	}
	w.checkNothingStarted(t)
}

func TestPowerShell(t *testing.T) {
	pwsh, err := exec.LookPath("pwsh")
	if err != nil {
		t.Skip("pwsh is not on PATH: the PowerShell script is only checked as text (TestScriptEveryShell)")
	}
	w := newWorld(t, false)
	script := w.script(t, "powershell", "py.ps1")
	for _, c := range cases {
		t.Run(c.line, func(t *testing.T) {
			prog := fmt.Sprintf(`. %s; (TabExpansion2 -inputScript %s -cursorColumn %d).CompletionMatches | ForEach-Object { $_.CompletionText }`,
				psQuote(script), psQuote(c.line), len(c.line))
			got := w.shell(t, pwsh, "-NoProfile", "-NonInteractive", "-Command", prog)
			if c.exact != nil {
				c.want, c.exact = c.exact, nil
			}
			if strings.HasSuffix(c.line, " ") || c.line == "py scr" {
				// PowerShell completes paths itself (as .\script.py).
				c.want = nil
			}
			c.check(t, "powershell", got)
		})
	}
	w.checkNothingStarted(t)
}

func psQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
