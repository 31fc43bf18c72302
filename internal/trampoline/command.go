package trampoline

import (
	"errors"
	"strings"
)

// LauncherDir is distlib's prefix for an interpreter path relative to the
// launcher's own directory, used by relocatable environments.
const LauncherDir = "<launcher_dir>"

// Command is the interpreter a shebang names.
type Command struct {
	// Path is the interpreter: absolute, or found on PATH for
	// /usr/bin/env NAME (then Env is set and Path is NAME).
	Path string
	Env  bool
	// Args are the shebang's arguments, split at white space.
	Args []string
}

// Errors of ParseCommand.
var (
	// ErrEmptyEnv reports "/usr/bin/env" with no program.
	ErrEmptyEnv = errors.New("/usr/bin/env names no interpreter")
	// ErrRelative reports an interpreter path that is not absolute:
	// the launcher would look for it in the current directory.
	ErrRelative = errors.New("the interpreter is not an absolute path")
)

// IsAbs reports whether path is absolute on Unix ("/…") or on Windows
// ("C:\…", "C:/…", "\\server\share…"), whichever system the launcher
// runs on.
func IsAbs(path string) bool {
	if strings.HasPrefix(path, "/") || strings.HasPrefix(path, `\\`) {
		return true
	}
	return len(path) >= 3 && path[1] == ':' && (path[2] == '\\' || path[2] == '/') &&
		('a' <= path[0]|0x20 && path[0]|0x20 <= 'z')
}

// ParseCommand parses a launcher's shebang text: an absolute interpreter
// path (in double quotes when it holds spaces), distlib's
// <launcher_dir>/python form (resolved against launcherDir), or
// /usr/bin/env NAME; then arguments. A relative path is ErrRelative.
func ParseCommand(shebang, launcherDir string) (Command, error) {
	s := strings.TrimSpace(shebang)
	var c Command
	if rest, ok := strings.CutPrefix(s, LauncherDir); ok {
		rest = strings.TrimLeft(rest, `\/`)
		path, args, err := firstWord(rest)
		if err != nil {
			return c, err
		}
		c.Path = joinDir(launcherDir, path)
		c.Args = args
		return c, nil
	}
	if rest, ok := strings.CutPrefix(s, "/usr/bin/env"); ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t') {
		f := strings.Fields(rest)
		if len(f) == 0 {
			return c, ErrEmptyEnv
		}
		c.Path, c.Env = f[0], true
		if len(f) > 1 {
			c.Args = f[1:]
		}
		return c, nil
	}
	path, args, err := firstWord(s)
	if err != nil {
		return c, err
	}
	if !IsAbs(path) {
		return c, ErrRelative
	}
	c.Path, c.Args = path, args
	return c, nil
}

// firstWord splits off the first word, which may be double-quoted.
func firstWord(s string) (string, []string, error) {
	s = strings.TrimSpace(s)
	var word, rest string
	if strings.HasPrefix(s, `"`) {
		end := strings.IndexByte(s[1:], '"')
		if end < 0 {
			return "", nil, errors.New("unterminated quote in the #! line")
		}
		word, rest = s[1:1+end], s[2+end:]
	} else {
		i := strings.IndexAny(s, " \t")
		if i < 0 {
			i = len(s)
		}
		word, rest = s[:i], s[i:]
	}
	if word == "" {
		return "", nil, ErrBadShebang
	}
	args := strings.Fields(rest)
	if len(args) == 0 {
		args = nil
	}
	return word, args, nil
}

// joinDir joins a launcher directory and a relative path written with
// either separator.
func joinDir(dir, rel string) string {
	rel = strings.Trim(rel, `"`)
	sep := "/"
	if strings.Contains(dir, `\`) && !strings.Contains(dir, "/") {
		sep = `\`
	}
	rel = strings.NewReplacer(`\`, sep, "/", sep).Replace(rel)
	if strings.HasSuffix(dir, sep) {
		return dir + rel
	}
	return dir + sep + rel
}
