package redirector

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/pylauncher/py/internal/pyver"
	"github.com/pylauncher/py/internal/readfile"
	"github.com/pylauncher/py/internal/venv"
)

const installUsage = `usage: venvlauncher install VENV

Replaces the interpreters of the virtual environment VENV (bin/python,
python3, python3.X… on Unix; Scripts\python.exe on Windows) with copies of
this redirector, which runs the base interpreter named by pyvenv.cfg as
the venv's python. Each file is replaced atomically; VENV must hold a
pyvenv.cfg with a home.
`

// maxSelf bounds the size of the redirector copied into a venv.
const maxSelf = 64 << 20

func installMain(args []string, self string) int {
	if len(args) != 3 || args[1] != "install" {
		fmt.Fprint(os.Stderr, installUsage)
		return ExitUsage
	}
	n, err := Install(args[2], self, runtime.GOOS)
	if err != nil {
		return fail(err)
	}
	fmt.Printf("venvlauncher: installed in %d file(s) of %q\n", n, args[2])
	return 0
}

// Install copies the redirector at self over the interpreters of the
// venv in dir and returns how many it replaced. It refuses a directory
// without a pyvenv.cfg naming a home. Every copy is written beside its
// target and renamed over it only once all copies are written, so a
// failure leaves the venv as it was.
func Install(dir, self, goos string) (int, error) {
	cfg, err := venv.ReadCfg(dir)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return 0, &Error{ExitNoVenvCfg, fmt.Sprintf("%q is not a virtual environment: it has no %s", dir, venv.CfgName)}
		}
		return 0, &Error{ExitBadVenvCfg, fmt.Sprintf("cannot read %q: %v", filepath.Join(dir, venv.CfgName), err)}
	}
	if cfg.Home == "" {
		return 0, &Error{ExitBadVenvCfg, fmt.Sprintf("%q is not a virtual environment: %s has no home", dir, venv.CfgName)}
	}
	bin := venv.BinDir(dir, goos)
	entries, err := os.ReadDir(bin)
	if err != nil {
		return 0, &Error{ExitBadVenvCfg, fmt.Sprintf("cannot list %q: %v", bin, err)}
	}
	var targets []string
	for _, e := range entries {
		n := e.Name()
		if goos == "windows" {
			if !strings.EqualFold(filepath.Ext(n), ".exe") {
				continue
			}
		} else if strings.HasSuffix(n, ".exe") {
			continue
		}
		parsed := n
		if goos == "windows" && strings.HasPrefix(strings.ToLower(n), "pythonw") {
			parsed = "python" + n[len("pythonw"):]
		}
		if _, ok := pyver.ParseExeName(parsed); ok && strings.HasPrefix(strings.ToLower(n), "python") {
			targets = append(targets, filepath.Join(bin, n))
		}
	}
	if len(targets) == 0 {
		return 0, &Error{ExitNoPython, fmt.Sprintf("no python executable in %q to replace", bin)}
	}
	data, err := readfile.Read(self, maxSelf)
	if err != nil {
		return 0, &Error{ExitCannotStart, fmt.Sprintf("cannot read the redirector %q: %v", self, err)}
	}
	// On Windows pythonw*.exe gets the GUI build, venvwlauncher.exe,
	// when it sits beside this one (else this one, which opens a console).
	wdata := data
	if goos == "windows" {
		if w, err := readfile.Read(filepath.Join(filepath.Dir(self), "venvwlauncher.exe"), maxSelf); err == nil {
			wdata = w
		}
	}
	var temps []string
	cleanup := func() {
		for _, t := range temps {
			os.Remove(t)
		}
	}
	for _, t := range targets {
		f, err := os.CreateTemp(bin, "."+filepath.Base(t)+".tmp*")
		if err != nil {
			cleanup()
			return 0, &Error{ExitCannotStart, fmt.Sprintf("cannot write in %q: %v", bin, err)}
		}
		temps = append(temps, f.Name())
		content := data
		if goos == "windows" && strings.HasPrefix(strings.ToLower(filepath.Base(t)), "pythonw") {
			content = wdata
		}
		_, werr := f.Write(content)
		if err := errors.Join(werr, f.Chmod(0o755), f.Close()); err != nil {
			cleanup()
			return 0, &Error{ExitCannotStart, fmt.Sprintf("cannot write %q: %v", f.Name(), err)}
		}
	}
	for i, t := range targets {
		if err := os.Rename(temps[i], t); err != nil {
			cleanup()
			return i, &Error{ExitCannotStart, fmt.Sprintf("cannot replace %q: %v", t, err)}
		}
	}
	return len(targets), nil
}
