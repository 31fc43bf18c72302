package run

import (
	"errors"
	"strings"
	"sync"
	"syscall"
	"unsafe"
)

// Job-object calls, through kernel32 directly: golang.org/x/sys/windows
// would bring package net into the entrypoint template and double it.
var (
	kernel32                     = syscall.NewLazyDLL("kernel32.dll")
	procCreateJobObjectW         = kernel32.NewProc("CreateJobObjectW")
	procSetInformationJobObject  = kernel32.NewProc("SetInformationJobObject")
	procAssignProcessToJobObject = kernel32.NewProc("AssignProcessToJobObject")
	procSetConsoleCtrlHandler    = kernel32.NewProc("SetConsoleCtrlHandler")
)

var ignoreOnce sync.Once

// ignoreCtrl makes the launcher ignore Ctrl+C, Ctrl+Break and console
// close: the child, on the same console, gets them and decides. (A
// handler, not SetConsoleCtrlHandler(NULL, TRUE), which the child would
// inherit.)
func ignoreCtrl() {
	ignoreOnce.Do(func() {
		procSetConsoleCtrlHandler.Call(syscall.NewCallback(func(uint32) uintptr { return 1 }), 1)
	})
}

func stdHandle(n int) uintptr {
	h, err := syscall.GetStdHandle(n)
	if err != nil {
		return uintptr(syscall.InvalidHandle)
	}
	return uintptr(h)
}

const (
	jobObjectExtendedLimitInformation = 9
	jobObjectLimitKillOnJobClose      = 0x2000
	jobObjectLimitSilentBreakawayOK   = 0x1000
)

// jobExtendedLimits is JOBOBJECT_EXTENDED_LIMIT_INFORMATION (64-bit and
// 32-bit layouts alike: uintptr-sized fields where Windows has them).
type jobExtendedLimits struct {
	PerProcessUserTimeLimit int64
	PerJobUserTimeLimit     int64
	LimitFlags              uint32
	MinimumWorkingSetSize   uintptr
	MaximumWorkingSetSize   uintptr
	ActiveProcessLimit      uint32
	Affinity                uintptr
	PriorityClass           uint32
	SchedulingClass         uint32
	IoInfo                  [6]uint64
	ProcessMemoryLimit      uintptr
	JobMemoryLimit          uintptr
	PeakProcessMemoryUsed   uintptr
	PeakJobMemoryUsed       uintptr
}

// newKillOnCloseJob creates a job object that kills its processes when
// its last handle (py's) closes, and lets their children break away.
func newKillOnCloseJob() (syscall.Handle, error) {
	h, _, err := procCreateJobObjectW.Call(0, 0)
	if h == 0 {
		return 0, err
	}
	info := jobExtendedLimits{LimitFlags: jobObjectLimitKillOnJobClose | jobObjectLimitSilentBreakawayOK}
	ok, _, err := procSetInformationJobObject.Call(h, jobObjectExtendedLimitInformation, uintptr(unsafe.Pointer(&info)), unsafe.Sizeof(info))
	if ok == 0 {
		syscall.CloseHandle(syscall.Handle(h))
		return 0, err
	}
	return syscall.Handle(h), nil
}

var (
	tieOnce sync.Once
	tieJob  syscall.Handle
)

func tie(pid int) bool {
	tieOnce.Do(func() { tieJob, _ = newKillOnCloseJob() })
	if tieJob == 0 {
		return false
	}
	const access = 0x0001 | 0x0100 // PROCESS_TERMINATE | PROCESS_SET_QUOTA
	h, err := syscall.OpenProcess(access, false, uint32(pid))
	if err != nil {
		return false
	}
	defer syscall.CloseHandle(h)
	ok, _, _ := procAssignProcessToJobObject.Call(uintptr(tieJob), uintptr(h))
	return ok != 0
}

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
	ignoreCtrl()
	job, err := newKillOnCloseJob()
	if err != nil {
		return 0, err
	}
	attr := &syscall.ProcAttr{
		Env:   env,
		Files: []uintptr{stdHandle(syscall.STD_INPUT_HANDLE), stdHandle(syscall.STD_OUTPUT_HANDLE), stdHandle(syscall.STD_ERROR_HANDLE)},
		Sys:   &syscall.SysProcAttr{CmdLine: line},
	}
	_, h, err := syscall.StartProcess(path, nil, attr)
	if err != nil {
		return 0, err
	}
	ph := syscall.Handle(h)
	defer syscall.CloseHandle(ph)
	// Assignment can fail when py itself runs in a job that forbids
	// nesting; the child then just is not killed with py.
	procAssignProcessToJobObject.Call(uintptr(job), uintptr(ph))
	if _, err := syscall.WaitForSingleObject(ph, syscall.INFINITE); err != nil {
		return 0, err
	}
	var code uint32
	if err := syscall.GetExitCodeProcess(ph, &code); err != nil {
		return 0, errors.New("cannot get the exit code: " + err.Error())
	}
	return int(code), nil
}

// rawArgs returns the process's own command line after argv[0] and skip
// more arguments, verbatim (with its leading white space).
func rawArgs(skip int) (string, bool) {
	line, _ := commandLine()
	return CommandLineTail(line, skip), true
}

func commandLine() (string, bool) {
	p := syscall.GetCommandLine()
	return syscall.UTF16ToString(unsafe.Slice(p, lineLen(p))), true
}

// lineLen is the length of the NUL-terminated UTF-16 string at p.
func lineLen(p *uint16) int {
	n := 0
	for *(*uint16)(unsafe.Add(unsafe.Pointer(p), 2*n)) != 0 {
		n++
	}
	return n
}
