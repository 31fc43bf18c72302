package manual

// Pages are the programs' pages, each a man page (genman writes
// NAME.1 for each).
var Pages = []*Page{&Py, &Venvlauncher, &Mkentrypoint}

// Venvlauncher is venvlauncher's page: the venv redirector, which takes
// no options of its own as a venv's python.
var Venvlauncher = Page{
	Name:    "venvlauncher",
	Summary: "the venv redirector",
	Commands: []Command{
		{Name: "install", Args: "VENV", Help: "put copies of venvlauncher in place of VENV's interpreters",
			Description: []string{
				"Replaces the interpreters of the virtual environment VENV (bin/python, " +
					"python3, python3.X... on Unix; Scripts\\python.exe on Windows) with copies of " +
					"this redirector, which runs the base interpreter named by pyvenv.cfg as " +
					"the venv's python. VENV must hold a pyvenv.cfg with a home. All or " +
					"nothing: each interpreter must be a regular file or a symlink; each is " +
					"replaced atomically, and a failure puts back those already replaced.",
			}},
	},
	Description: []string{
		"venvlauncher is the small program CPython's Windows venvs use as their " +
			"python.exe, on every platform. Copied into a virtual environment as its " +
			"interpreter, it finds pyvenv.cfg beside itself or one directory up, reads " +
			"home, and runs the base interpreter as the venv's python: sys.prefix is the " +
			"venv, sys.executable the redirector. Nothing of the base interpreter is " +
			"copied or linked, so upgrading it in place keeps the venv working.",
		"Under its own name (venvlauncher, venvwlauncher) it installs itself; under " +
			"any other name it takes no options at all: every argument belongs to Python.",
	},
	Manual: []string{
		"The base interpreter is home/<its own name> (so python3.12 runs python3.12, " +
			"python3.13t the free-threaded build); then virtualenv's base-executable and " +
			"venv's executable when they are in home; then home/python3, home/python.",
		"On Linux it execs the base interpreter with its own path as argv[0]; on macOS " +
			"and Windows it also sets __PYVENV_LAUNCHER__ to its own path, as CPython's " +
			"own redirector does. Arguments, stdin and stdout, exit status and signals " +
			"are the interpreter's.",
		"pyvenv.cfg is read as CPython reads it: lines split at the first =, keys " +
			"trimmed and case-insensitive, values trimmed, the first occurrence wins, " +
			"other lines ignored; a relative home is taken from the directory of " +
			"pyvenv.cfg; only the first 64 KiB are read.",
	},
	Environment: []Variable{
		{Name: "PYLAUNCHER_DEBUG", Help: "trace what it runs, and its own version, on stderr"},
	},
	Files: []File{
		{Path: "pyvenv.cfg", Help: "beside the redirector or one directory up: its home names the base interpreter's directory"},
	},
	ExitStatus: []Status{
		{Code: "the interpreter's", Help: "whatever Python exits with"},
		{Code: "0", Help: "venvlauncher install: installed"},
		{Code: "2", Help: "venvlauncher install: bad usage"},
		{Code: "101", Help: "the base interpreter could not be started (install: a write or rename failed; the venv is as it was)"},
		{Code: "103", Help: "the base interpreter is missing (install: no interpreter, or one that is not a file; nothing written)"},
		{Code: "106", Help: "no pyvenv.cfg beside the redirector or one directory up"},
		{Code: "107", Help: "pyvenv.cfg is not a regular file, or is unreadable, not UTF-8, or without home"},
	},
	SeeAlso: []string{"py(1)", "python3(1)"},
}

// Mkentrypoint is mkentrypoint's page: the maker of console-script
// launchers.
var Mkentrypoint = Page{
	Name:     "mkentrypoint",
	Summary:  "write a console-script launcher",
	Synopsis: []string{"-python INTERPRETER -o OUTPUT [-template FILE] [-arg OPT]... (module:function | -script FILE)"},
	Options: []Option{
		{Names: []string{"-python"}, Arg: "INTERPRETER", Help: "the interpreter: a path (made absolute), \"<launcher_dir>/python\" (relative to the launcher, for relocatable venvs), or \"/usr/bin/env python3\""},
		{Names: []string{"-o"}, Arg: "OUTPUT", Help: "the launcher to write"},
		{Names: []string{"-template"}, Arg: "FILE", Help: "the entrypoint template (default: entrypoint beside mkentrypoint, else in ../lib/py from it, as the .deb installs it, else on PATH; the Windows templates are ../lib/py/windows-ARCH/entrypoint[w].exe)"},
		{Names: []string{"-arg"}, Arg: "OPT", Help: "an interpreter option placed before the launcher (repeatable)"},
		{Names: []string{"-script"}, Arg: "FILE", Help: "a file to run as __main__.py instead of module:function (at most 16 MiB; the template at most 64 MiB; regular files only)"},
	},
	Description: []string{
		"Writes a console-script launcher in distlib's format (what pip puts in a " +
			"venv's Scripts/bin): the entrypoint template, \"#!INTERPRETER [OPT...]\", " +
			"and a zip archive with __main__.py. OUTPUT is written atomically, mode 0755.",
	},
	Details: []string{
		"The interpreter and options must be text the launcher reads back as " +
			"given: no double quote, NUL, line end or other control character, no " +
			"white space within an option.",
	},
	Manual: []string{
		"The launcher runs \"INTERPRETER [OPT...] LAUNCHER ARGUMENT...\": Python runs " +
			"the file as a zip application, with stdin, stdout and stderr passed " +
			"through and the interpreter's exit code.",
	},
	Environment: []Variable{
		{Name: "PATH", Help: "where the entrypoint template is looked for last"},
	},
	ExitStatus: []Status{
		{Code: "0", Help: "written"},
		{Code: "1", Help: "a file could not be read or written"},
		{Code: "2", Help: "bad usage, or an interpreter, option or entry point the launcher could not use"},
	},
	HelpExit: true,
	SeeAlso:  []string{"py(1)", "venvlauncher(1)"},
}
