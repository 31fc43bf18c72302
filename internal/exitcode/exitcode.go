// Package exitcode names the exit codes of py's programs: py, the venv
// redirector (venvlauncher), the console-script launcher (entrypoint),
// mkentrypoint and the installer (py-install: py install, uninstall,
// list --online).
//
// Codes 100 to 114 are those of CPython's launcher (PC/launcher2.c and
// PC/venvlauncher.c, their RC_* table), with the same meanings, so that
// scripts written against CPython's py.exe read them the same way. 0 to
// 5 and 130 are py's own. Any other code from py is the interpreter's,
// passed through.
//
// The package imports nothing: the small programs (venvlauncher,
// entrypoint) import it.
package exitcode

// py's own codes.
const (
	// OK is success.
	OK = 0
	// Output (1): a program could not do its own input or output. py
	// could not write what it prints (py --list > /dev/full);
	// mkentrypoint could not read the template or the script, or write
	// the launcher.
	Output = 1
	// Usage (2): bad options or arguments (py, venvlauncher install,
	// mkentrypoint, py-install).
	Usage = 2
	// Network (3): an index or an archive could not be fetched, after
	// the retries (py install, py list --online).
	Network = 3
	// Integrity (4): what was fetched is not what the index promised —
	// a sha256 that differs, an entry without one, an archive that is
	// not well formed or would write outside its directory. Nothing was
	// installed (py install).
	Integrity = 4
	// Install (5): the install could not be written or removed — a full
	// disk, a permission, a lock another py install holds too long
	// (py install, py uninstall).
	Install = 5
	// Interrupted (130): stopped by Ctrl-C or a signal; nothing was left
	// half done (py install), as a shell reports SIGINT.
	Interrupted = 130
)

// CPython's launcher's codes (RC_*). Those py's programs do not return
// are named too, so that the table is whole and no number is reused with
// another meaning.
const (
	// NoStdHandles (RC_NO_STD_HANDLES, 100): a standard handle could not
	// be duplicated, or the Ctrl-C handler could not be set. Not used.
	NoStdHandles = 100
	// CreateProcess (RC_CREATE_PROCESS, 101): the interpreter could not
	// be started (py, venvlauncher, entrypoint); also a venv that
	// venvlauncher install could not change.
	CreateProcess = 101
	// BadVirtualPath (RC_BAD_VIRTUAL_PATH, 102): a shebang the launcher
	// cannot use (py); a console-script launcher with no usable #! line
	// or attached archive (entrypoint).
	BadVirtualPath = 102
	// NoPython (RC_NO_PYTHON, 103): no installed Python matches the
	// request (py); no base interpreter where pyvenv.cfg's home says
	// (venvlauncher). Not to be confused with NoPythonAtAll.
	NoPython = 103
	// NoMemory (RC_NO_MEMORY, 104): an allocation failed. Not used.
	NoMemory = 104
	// NoScript (RC_NO_SCRIPT, 105): the script could not be opened;
	// internal to CPython's launcher. Not used.
	NoScript = 105
	// NoVenvCfg (RC_NO_VENV_CFG, 106): no pyvenv.cfg (venvlauncher).
	NoVenvCfg = 106
	// BadVenvCfg (RC_BAD_VENV_CFG, 107): a pyvenv.cfg that cannot be
	// read or has no home (venvlauncher).
	BadVenvCfg = 107
	// NoCommandLine (RC_NO_COMMANDLINE, 108): the process has no command
	// line. Not used.
	NoCommandLine = 108
	// Internal (RC_INTERNAL_ERROR, 109): a bug, or a state the program
	// cannot handle (py).
	Internal = 109
	// DuplicateItem (RC_DUPLICATE_ITEM, 110): internal to CPython's
	// launcher. Not used.
	DuplicateItem = 110
	// Installing (RC_INSTALLING, 111): CPython's launcher started an
	// install and must be run again. Not used.
	Installing = 111
	// NoPythonAtAll (RC_NO_PYTHON_AT_ALL, 112): no Python is installed at
	// all (py).
	NoPythonAtAll = 112
	// NoShebang (RC_NO_SHEBANG, 113): internal to CPython's launcher.
	// Not used.
	NoShebang = 113
	// RecursiveShebang (RC_RECURSIVE_SHEBANG, 114): internal to CPython's
	// launcher. Not used.
	RecursiveShebang = 114
)
