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
}

// Command is one of py's command words (py install, py list).
type Command struct {
	Name string
	// Args names its arguments in a synopsis: "REQUEST...".
	Args    string
	Options []Option
	Help    string
}

// Page is what one program says about itself.
type Page struct {
	Name string
	// Summary is the man page's one line: "the Python launcher".
	Summary  string
	Options  []Option
	Commands []Command
}

// Py is py's page: its launcher options (only as the first argument)
// and commands.
var Py = Page{
	Name:    "py",
	Summary: "the Python launcher",
	Options: []Option{
		{Names: []string{"-3", "-2"}, Help: "the newest Python 3 (2), or the one PY_PYTHON3 (PY_PYTHON2) names"},
		{Names: []string{"-3.12"}, Help: "Python 3.12; -3.13t free-threaded; -3.12-32, -3.12-64 by pointer size"},
		{Names: []string{"-V:"}, Arg: "TAG", Help: "a PEP 514 tag, else a request: -V:3.12, -V:3.13t, -V:cp312, -V:pypy3.10, -V:\">=3.11,<3.13\", -V:/path/to/python, -V:mypython3"},
		{Names: []string{"-V:"}, Arg: "COMPANY/TAG", Help: "a PEP 514 company and tag: -V:PythonCore/3.12, -V:PyPy/3.9"},
		{Names: []string{"-0", "--list"}, Help: "list the interpreters found; * marks the one py would run"},
		{Names: []string{"-0p", "--list-paths"}, Help: "the same with their paths; add --format=json for JSON"},
		{Names: []string{"--which"}, Help: "print the interpreter py would run, and why; run nothing"},
		{Names: []string{"-h", "--help"}, Help: "print this help, then Python's own"},
	},
	Commands: []Command{
		{Name: "install", Args: "REQUEST...", Help: "install Pythons: py install 3.14, py install 3.13t pypy3.10",
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
			Options: []Option{
				{Names: []string{"-y", "--yes"}, Help: "remove without asking"},
				{Names: []string{"--dry-run"}, Help: "print what would be removed"},
				{Names: []string{"-q", "--quiet"}, Help: "print only warnings and errors"},
			}},
		{Name: "list", Help: "the same as -0; --only-installed, --online, --format=json",
			Options: []Option{
				{Names: []string{"--only-installed"}, Help: "only the Pythons py install made"},
				{Names: []string{"--online"}, Help: "the downloads for this machine, newest first"},
				{Names: []string{"-s", "--source"}, Arg: "INDEX", Help: "with --online, read this index"},
				{Names: []string{"--format="}, Arg: "FORMAT", Values: []string{"table", "json"}, Help: "table (the default) or json"},
			}},
		{Name: "help", Args: "[COMMAND]", Help: "this help, or a command's"},
	},
}
