package run

import (
	"errors"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"unsafe"

	"golang.org/x/sys/windows"
)

// execProgram starts the program with argv quoted the usual way.
func execProgram(path string, argv, env []string) (int, error) {
	var b strings.Builder
	for i, a := range argv {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(QuoteArg(a))
	}
	return spawn(path, b.String(), env)
}

// execTail starts the program with head quoted and tail appended verbatim.
func execTail(path string, head []string, tail string, env []string) (int, error) {
	var b strings.Builder
	for i, a := range head {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(QuoteArg(a))
	}
	b.WriteString(tail)
	return spawn(path, b.String(), env)
}

// spawn runs path with the command line line and waits. The child is put
// in a job object that kills it when the launcher dies (and lets its own
// children break away, as CPython's launcher does); Ctrl+C and
// Ctrl+Break are left to the child, which shares the console.
func spawn(path, line string, env []string) (int, error) {
	signal.Notify(make(chan os.Signal, 1), os.Interrupt, syscall.SIGTERM)
	job, err := windows.CreateJobObject(nil, nil)
	if err != nil {
		return 0, err
	}
	info := windows.JOBOBJECT_EXTENDED_LIMIT_INFORMATION{}
	info.BasicLimitInformation.LimitFlags = windows.JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE | windows.JOB_OBJECT_LIMIT_SILENT_BREAKAWAY_OK
	if _, err := windows.SetInformationJobObject(job, windows.JobObjectExtendedLimitInformation,
		uintptr(unsafe.Pointer(&info)), uint32(unsafe.Sizeof(info))); err != nil {
		return 0, err
	}
	attr := &syscall.ProcAttr{
		Env:   env,
		Files: []uintptr{os.Stdin.Fd(), os.Stdout.Fd(), os.Stderr.Fd()},
		Sys:   &syscall.SysProcAttr{CmdLine: line},
	}
	_, h, err := syscall.StartProcess(path, nil, attr)
	if err != nil {
		return 0, err
	}
	ph := windows.Handle(h)
	defer windows.CloseHandle(ph)
	// Assignment can fail when py itself runs in a job that forbids
	// nesting; the child then just is not killed with py.
	_ = windows.AssignProcessToJobObject(job, ph)
	if _, err := windows.WaitForSingleObject(ph, windows.INFINITE); err != nil {
		return 0, err
	}
	var code uint32
	if err := windows.GetExitCodeProcess(ph, &code); err != nil {
		return 0, errors.New("cannot get the exit code: " + err.Error())
	}
	return int(code), nil
}

func equalName(a, b string) bool { return strings.EqualFold(a, b) }

// rawArgs returns the process's own command line after argv[0] and skip
// more arguments, verbatim (with its leading white space).
func rawArgs(skip int) (string, bool) {
	return CommandLineTail(windows.UTF16PtrToString(windows.GetCommandLine()), skip), true
}
