// Package manual is the one source of what py's programs say about
// themselves: their options, commands, environment and files. py's help,
// the man pages and the shell completions are all made from it, so that
// they cannot drift apart.
package manual

// Option is one of a program's or a command's options.
type Option struct {
	// Names are its spellings as typed, the first the main one:
	// "-0", "--list". A name that takes its value in the same argument
	// ends before it: "-V:" (-V:TAG), "--format=" (--format=json).
	Names []string
	// Arg names its value in the help: "TAG", "DIR"; empty for none.
	Arg string
	// Values are the values it takes, when they are a fixed set
	// (completions offer them): "table", "json".
	Values []string
	// Help says what it does, in one sentence for people.
	Help string
	// Example marks an option written as an instance of a form (-3.12
	// stands for every -X.Y): the help and man pages show it, the
	// completions do not offer it as typed.
	Example bool
}

// Command is one of py's command words (py install, py list).
type Command struct {
	Name string
	// Args names its arguments in a synopsis: "REQUEST...".
	Args    string
	Options []Option
	Help    string
	// Usage is its synopsis in its own help and the man page, after
	// the program and command names: "[options] [REQUEST...]"; Args
	// when empty.
	Usage string
	// Description is what its own help says after the usage line, in
	// paragraphs.
	Description []string
	// Settings are the variables (and py.ini keys) that change what it
	// does; their keys are in the py.ini section SettingsSection.
	Settings        []Setting
	SettingsSection string
}

// Setting is an environment variable and the py.ini key that stands in
// for it when it is not set.
type Setting struct {
	Variable, Key, Help string
}

// Variable is an environment variable a program reads.
type Variable struct {
	Name string
	Help string
	// InHelp is whether the short help names it (the man page names all).
	InHelp bool
}

// File is a file a program reads.
type File struct {
	Path, Help string
}

// Status is an exit status: Code is "0", "106, 107" or "the
// interpreter's".
type Status struct {
	Code, Help string
}

// Page is what one program says about itself. The help (see [Help]) is
// Title and the version, the usage, Description, the options under
// OptionsHeading, the commands under CommandsHeading, Details, the
// variables InHelp, the configuration, and the exit status when
// HelpExit, then (without a Title) the name and version. The man page
// (see [Roff]) has all of these, and Manual too.
type Page struct {
	Name string
	// Summary is the man page's one line: "the Python launcher".
	Summary  string
	Options  []Option
	Commands []Command

	// Title starts the help, followed by the version: "Python launcher".
	Title string
	// Synopsis are the usage lines after the program's name; the man
	// page adds a line for each command.
	Synopsis                        []string
	OptionsHeading, CommandsHeading string
	// Description and Details are paragraphs of plain text, before and
	// after the options and commands in the help; Manual are paragraphs
	// only the man page has. The man page's DESCRIPTION is Description,
	// Manual and Details.
	Description, Details, Manual []string
	Environment                  []Variable
	Files                        []File
	ExitStatus                   []Status
	// HelpExit is whether the help lists ExitStatus too.
	HelpExit bool
	// SeeAlso are other man pages: "python3(1)".
	SeeAlso []string
}

// Py is py's page: its launcher options (only as the first argument)
// and commands.
var Py = Page{
	Name:     "py",
	Summary:  "the Python launcher",
	Title:    "Python launcher",
	Synopsis: []string{"[launcher-option] [python-option...] [script [argument...]]"},

	OptionsHeading:  "Launcher options (only as the first argument; everything else goes to Python)",
	CommandsHeading: "Commands (only as the first argument; a script of that name runs as py ./NAME)",
	Details: []string{
		"Without an option, py runs the first of: the active virtual environment " +
			"(VIRTUAL_ENV, then CONDA_PREFIX), the project's .venv (searched upwards from " +
			"the current directory), the default named by PY_PYTHON or py.ini, and the " +
			"newest stable CPython 3.",
	},
	Manual: []string{
		"py finds the right Python for the job and runs it. It does what CPython's " +
			"Windows launcher (py.exe, PEP 397, 486 and 514) does, on every platform: it " +
			"sees the interpreters on the machine (PATH, pyenv, uv, mise, asdf, Homebrew, " +
			"python.org builds, virtual environments) without shims and without starting " +
			"them, and on Unix it then becomes the chosen Python (execve), so exit status, " +
			"signals and the terminal are Python's. py --which and PYLAUNCHER_DEBUG=1 " +
			"show why it chose what it chose.",
		"The first rule that applies wins: an explicit request (the first argument); " +
			"a script's shebang naming a program (/usr/bin/env NAME found on PATH, a py.ini " +
			"[commands] alias, or a program path); the active environment; the project's " +
			"environment; the newest interpreter that satisfies the script's requests " +
			"(its virtual command, its PEP 723 requires-python) and the project's (the " +
			"nearest .python-version, the nearest pyproject.toml's requires-python); the " +
			"default (PY_PYTHON, then py.ini's [defaults] python); the newest stable, " +
			"standard CPython 3. A request that nothing satisfies is an error (exit 103), " +
			"never a quiet fallback to another version.",
		"On Unix the interpreter gets py's environment less __PYVENV_LAUNCHER__, which " +
			"would make an unrelated Python believe it runs in some venv.",
		"Every message is one line on stderr: py: error: ..., py: warning: ..., " +
			"py: hint: ..., naming the file or setting it is about.",
	},
	Environment: []Variable{
		{Name: "PY_PYTHON", InHelp: true, Help: "the default request, as py.ini's [defaults] python (the variable wins)"},
		{Name: "PY_PYTHON3", InHelp: true, Help: "what -3 and a script's python3 ask for, as py.ini's python3"},
		{Name: "PY_PYTHON2", InHelp: true, Help: "what -2 and a script's python2 ask for, as py.ini's python2"},
		{Name: "PYLAUNCHER_DEBUG", InHelp: true, Help: "trace to stderr"},
		{Name: "PYLAUNCHER_DRYRUN", InHelp: true, Help: "print the command that would run, shell-quoted, and run nothing"},
		{Name: "PYLAUNCHER_QUERY_TIMEOUT", InHelp: true, Help: "how long an interpreter may take to answer a query, e.g. 2s"},
		{Name: "PYLAUNCHER_ALLOW_INSTALL", InHelp: true, Help: "install a missing Python before running it (py.ini's [install] auto)"},
		{Name: "PYLAUNCHER_NO_SEARCH_PATH", Help: "a shebang's /usr/bin/env NAME is not searched on PATH"},
		{Name: "PYLAUNCHER_LIMIT_TO_COMPANY", Help: "Windows: only that company's registrations"},
		{Name: "VIRTUAL_ENV", Help: "the active virtual environment"},
		{Name: "CONDA_PREFIX", Help: "the active conda environment (its base environment counts as an install)"},
		{Name: "PYENV_ROOT", Help: "pyenv's directory (default ~/.pyenv)"},
		{Name: "UV_PYTHON_INSTALL_DIR", Help: "uv's Pythons (default $XDG_DATA_HOME/uv/python)"},
		{Name: "MISE_DATA_DIR", Help: "mise's directory (default $XDG_DATA_HOME/mise)"},
		{Name: "ASDF_DATA_DIR", Help: "asdf's directory (default ~/.asdf)"},
		{Name: "XDG_CONFIG_HOME", Help: "holds the user's py/py.ini (default ~/.config)"},
		{Name: "XDG_DATA_HOME", Help: "holds py install's installs, py/installs (default ~/.local/share)"},
		{Name: "XDG_BIN_HOME", Help: "where py install puts python3.X commands (default ~/.local/bin)"},
		{Name: "NO_COLOR", Help: "py install's progress bar without colour"},
	},
	Files: []File{
		{Path: "$XDG_CONFIG_HOME/py/py.ini", Help: "the user's configuration (default ~/.config/py/py.ini; on Windows %LOCALAPPDATA%\\py.ini), searched first, key by key; its sections are [defaults] (python, python3, python2), [commands] (names a shebang may use, as programs with arguments), [settings] (project_venv, project_files, allow_prereleases, trusted_dirs) and [install] (source, mirror, bin, timeout, auto)"},
		{Path: "py.ini", Help: "the one beside the py executable, searched after the user's"},
		{Path: ".venv", Help: "the project's environment: the nearest holding a pyvenv.cfg, from the current directory up"},
		{Path: ".python-version", Help: "the nearest: one request a line; the first line an installed interpreter satisfies wins"},
		{Path: "pyproject.toml", Help: "the nearest: its [project] requires-python, which every candidate must satisfy"},
	},
	ExitStatus: []Status{
		{Code: "the interpreter's", Help: "whatever Python exits with"},
		{Code: "1", Help: "py could not write its own output"},
		{Code: "2", Help: "bad launcher options (py install, uninstall, list --online: bad usage, or nothing asked)"},
		{Code: "3", Help: "py install, uninstall, list --online: the network (an index or archive could not be fetched, after the retries)"},
		{Code: "4", Help: "py install, uninstall, list --online: integrity (a hash that differs or is missing, an archive that is malformed or reaches outside, an unreadable index)"},
		{Code: "5", Help: "py install, uninstall, list --online: the install could not be written or removed"},
		{Code: "101", Help: "the chosen interpreter could not be started, or a [commands] value names no program"},
		{Code: "102", Help: "a shebang py cannot use"},
		{Code: "103", Help: "no installed Python satisfies the request, or the request is malformed (py install: no download matches it; py uninstall: no install of py's does)"},
		{Code: "109", Help: "an internal error"},
		{Code: "112", Help: "no Python installed at all"},
		{Code: "130", Help: "py install, uninstall, list --online: interrupted"},
	},
	SeeAlso: []string{"python3(1)", "venvlauncher(1)", "mkentrypoint(1)"},
	Options: []Option{
		{Names: []string{"-3", "-2"}, Help: "the newest Python 3 (2), or the one PY_PYTHON3 (PY_PYTHON2) names"},
		{Names: []string{"-3.12"}, Example: true, Help: "Python 3.12; -3.13t free-threaded; -3.12-32, -3.12-64 by pointer size"},
		{Names: []string{"-V:"}, Arg: "TAG", Help: "a PEP 514 tag, else a request: -V:3.12, -V:3.13t, -V:cp312, -V:pypy3.10, -V:\">=3.11,<3.13\", -V:/path/to/python, -V:mypython3"},
		{Names: []string{"-V:"}, Arg: "COMPANY/TAG", Help: "a PEP 514 company and tag: -V:PythonCore/3.12, -V:PyPy/3.9"},
		{Names: []string{"-0", "--list"}, Help: "list the interpreters found; * marks the one py would run"},
		{Names: []string{"-0p", "--list-paths"}, Help: "the same with their paths; add --format=json for JSON"},
		{Names: []string{"--which"}, Help: "print the interpreter py would run (with the launcher option after it, if any), and why; run nothing"},
		{Names: []string{"-h", "--help"}, Help: "print this help, then Python's own"},
		{Names: []string{"--completion"}, Arg: "SHELL", Values: []string{"bash", "zsh", "fish", "powershell"}, Help: "print a completion script for SHELL: bash, zsh, fish or powershell"},
	},
	Commands: []Command{
		{Name: "install", Args: "REQUEST...", Help: "install Pythons: py install 3.14, py install 3.13t pypy3.10",
			Usage: "[options] [REQUEST...]",
			Description: []string{
				"Installs, for each request, the best download for this machine from the " +
					"index: 3.14, 3.13t (free-threaded), cpython@3.12.8, \">=3.12\", pypy3.10. " +
					"Without a request: what the project asks for (its .python-version lines, " +
					"else its requires-python), or with --script FILE what the script's PEP 723 " +
					"block asks for.",
			},
			SettingsSection: "install",
			Settings: []Setting{
				{Variable: "PY_INSTALL_SOURCE", Key: "source", Help: "the index (default: uv's download-metadata.json)"},
				{Variable: "PY_INSTALL_MIRROR", Key: "mirror", Help: "replaces python-build-standalone's download URL"},
				{Variable: "PY_INSTALL_BIN", Key: "bin", Help: "where python3.X commands go (\"none\": nowhere)"},
				{Variable: "PY_INSTALL_TIMEOUT", Key: "timeout", Help: "how long a transfer may go without a byte before it is tried again (default 30s)"},
			},
			Options: []Option{
				{Names: []string{"-f", "--force"}, Help: "install again what is installed already"},
				{Names: []string{"-u", "--upgrade"}, Help: "move each installed minor version (or those the requests name) to its newest patch release"},
				{Names: []string{"-s", "--source"}, Arg: "INDEX", Help: "read this index (a URL, a file, or a directory holding index.json) instead of the default"},
				{Names: []string{"-d", "--download"}, Arg: "DIR", Help: "write the archives and an index.json into DIR, for machines without network (py install --source DIR)"},
				{Names: []string{"--script"}, Arg: "FILE", Help: "install what FILE's PEP 723 block asks for"},
				{Names: []string{"--no-bin"}, Help: "make no python3.X command on PATH"},
				{Names: []string{"--dry-run"}, Help: "print what would be downloaded and where it would go"},
				{Names: []string{"-q", "--quiet"}, Help: "print only warnings and errors"},
			}},
		{Name: "uninstall", Args: "REQUEST...", Help: "remove Pythons that py install made",
			Usage: "[-y] [--dry-run] [-q] REQUEST...",
			Description: []string{
				"Removes the Pythons py install made that the requests match (3.14 removes " +
					"every 3.14 of py's; a key such as cpython-3.14.6-linux-x86_64-gnu removes " +
					"that one), with their python3.X commands and registrations. Pythons py did " +
					"not install are never touched. It asks first, unless -y.",
			},
			Options: []Option{
				{Names: []string{"-y", "--yes"}, Help: "remove without asking"},
				{Names: []string{"--dry-run"}, Help: "print what would be removed"},
				{Names: []string{"-q", "--quiet"}, Help: "print only warnings and errors"},
			}},
		{Name: "list", Help: "the same as -0; --only-installed, --online, --format=json",
			Usage: "[--only-installed] [--online [REQUEST...]] [--format=table|json]",
			Description: []string{
				"py list is py --list: the Pythons py can run. --only-installed keeps those " +
					"py install made; --online lists the downloads for this machine instead, " +
					"newest first, marking those installed (requests filter them).",
			},
			Options: []Option{
				{Names: []string{"--only-installed"}, Help: "only the Pythons py install made"},
				{Names: []string{"--online"}, Help: "the downloads for this machine, newest first"},
				{Names: []string{"-s", "--source"}, Arg: "INDEX", Help: "with --online, read this index"},
				{Names: []string{"--format="}, Arg: "FORMAT", Values: []string{"table", "json"}, Help: "table (the default) or json"},
			}},
		{Name: "help", Args: "[COMMAND]", Help: "this help, or a command's",
			Description: []string{"Prints py's help, or a command's: install, uninstall, list."}},
	},
}
