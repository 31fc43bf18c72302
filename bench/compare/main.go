//go:build unix

// Command compare measures what py adds to an interpreter's start-up.
//
// It runs, interleaved in one loop so that drift and noise hit all alike,
//
//	direct: PYTHON -c pass
//	floor:  FLOOR PYTHON -c pass   (a bare Go program that only execve's)
//	py:     PY -3.12 -c pass
//	peer:   PEER -3.12 -c pass     (with -peer: another launcher, e.g. the Rust python-launcher)
//
// and reports each one's median, p10 and p90 wall time, the overhead of
// floor, py and the peer over direct (difference of medians), the ratio of
// py's overhead to the floor's and, with -peer, the ratios of both
// launchers' overheads to the floor's and of py's to the peer's. It builds
// nothing: run.sh builds the programs.
//
// -path sets PATH for every variant of that comparison (and for the checks
// of what py and the peer run): a launcher that searches PATH costs what
// the PATH it searches holds, so both launchers get the same one.
//
// With -list it also times "py --list"; with -count-queries it counts the
// interpreters py starts to ask what they are (on a warm cache).
//
// With -alias python3.12 it also compares py's argv[0] mode with the
// option, in a loop of their own: a symbolic link named python3.12 to
// each copy of py (as py install makes them), run as "python3.12 -c
// pass", against "py -3.12 -c pass", direct and the floor alternating
// with them. The figure is the alias's overhead minus py's: the alias
// must cost no more than the option. A second loop times both as dry runs
// (PYLAUNCHER_DRYRUN=1: py's own work, without the interpreter's start,
// whose noise is larger than the difference sought), with "floor -exit".
//
// Each launcher (py, floor, the console-script launcher) runs from -copies
// copies in turn, written with ordinary writes into a temporary directory:
// where a binary's pages happen to sit in memory (a file just written by
// the Go linker, the same bytes copied, or read back from disk) moves its
// start-up here by up to 0.2 ms, more than the difference being measured.
// Rotating copies averages that out instead of measuring one file's luck.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"
)

func main() {
	defPython := ""
	if root := os.Getenv("PYENV_ROOT"); root != "" {
		defPython = filepath.Join(root, "versions", "3.12.1", "bin", "python3.12")
	}
	pyPath := flag.String("py", "", "the py binary (required)")
	floorPath := flag.String("floor", "", "the floor binary (required)")
	python := flag.String("python", defPython, "the interpreter that py selects for -request (run directly as the baseline)")
	request := flag.String("request", "-3.12", "the version request given to py")
	n := flag.Int("n", 200, "timed rounds (each runs every variant once)")
	warmup := flag.Int("warmup", 20, "untimed rounds first")
	list := flag.Bool("list", false, "also time \"py --list\" alone")
	countQueries := flag.Bool("count-queries", false, "count the interpreters py starts (PYLAUNCHER_DEBUG=1 trace), on a warm cache")
	launcher := flag.String("entrypoint", "", "also compare this console-script launcher (entrypoint template + payload) with -python running it directly")
	copies := flag.Int("copies", 8, "run each launcher from this many copies of its file, in turn")
	peerPath := flag.String("peer", "", "also run this launcher (e.g. the Rust python-launcher) with -request, in the same loop")
	pathEnv := flag.String("path", "", "PATH for every variant of the -request comparison and the choice checks (default: compare's own)")
	mainLoop := flag.Bool("main", true, "run the -request comparison (-main=false: only the other ones asked for)")
	alias := flag.String("alias", "", "also compare a link to py with this name (e.g. python3.12: its argv[0] mode) with py -request, in a loop of their own")
	flag.Parse()
	if *pyPath == "" || *floorPath == "" || *python == "" {
		fmt.Fprintln(os.Stderr, "compare: -py, -floor and -python are required (-python defaults to $PYENV_ROOT/versions/3.12.1/bin/python3.12)")
		flag.Usage()
		os.Exit(2)
	}
	for _, p := range []*string{pyPath, floorPath, python, peerPath} {
		if *p == "" {
			continue // only -peer may be empty here
		}
		abs, err := filepath.Abs(*p)
		if err != nil {
			fail(err)
		}
		*p = abs
	}

	fmt.Printf("machine: %d CPUs; direct=%s\n", runtime.NumCPU(), *python)
	env := withPath(*pathEnv)
	if *pathEnv != "" {
		fmt.Printf("PATH for the %s comparison: %s\n", *request, *pathEnv)
	}
	checkChoice([]string{*pyPath, *request}, *python, env)
	if *peerPath != "" {
		checkPeer(*peerPath, *request, *python, env)
	}

	if *countQueries {
		countAsks(*pyPath, []string{*request, "-c", "pass"})
		if *list {
			countAsks(*pyPath, []string{"--list"})
		}
		fmt.Println()
	}

	copyDir, err := os.MkdirTemp("", "compare-copies-")
	if err != nil {
		fail(err)
	}
	defer os.RemoveAll(copyDir)
	pys := copiesOf(copyDir, "py", *pyPath, *copies)
	floors := copiesOf(copyDir, "floor", *floorPath, *copies)
	fmt.Printf("launchers: %d copies each, in turn\n", len(pys))

	variants := []variant{
		{name: "direct", argvs: same(*copies, *python, "-c", "pass")},
		{name: "floor", argvs: each(floors, *python, "-c", "pass")},
		{name: "py", argvs: each(pys, *request, "-c", "pass")},
	}
	if *peerPath != "" {
		peers := copiesOf(copyDir, "peer", *peerPath, *copies)
		variants = append(variants, variant{name: "peer", argvs: each(peers, *request, "-c", "pass")})
	}
	for i := range variants {
		variants[i].env = env
	}
	if *mainLoop {
		compare(variants, *n, *warmup, 1.25)
	}

	if *launcher != "" {
		abs, err := filepath.Abs(*launcher)
		if err != nil {
			fail(err)
		}
		launchers := copiesOf(copyDir, "entrypoint", abs, *copies)
		fmt.Println()
		compare([]variant{
			{name: "direct", argvs: same(*copies, *python, abs)},
			{name: "floor", argvs: each(floors, *python, abs)},
			{name: "entrypoint", argvs: each(launchers)},
		}, *n, *warmup, 1.3)
	}

	if *alias != "" {
		aliases := linksTo(pys, *alias)
		checkChoice(aliases[:1], *python, env)
		fmt.Println()
		compareAlias([]variant{
			{name: "direct", argvs: same(*copies, *python, "-c", "pass"), env: env},
			{name: "floor", argvs: each(floors, *python, "-c", "pass"), env: env},
			{name: "py", argvs: each(pys, *request, "-c", "pass"), env: env},
			{name: "alias", argvs: each(aliases, "-c", "pass"), env: env},
		}, *n, *warmup)
		fmt.Println()
		compareAliasDry(pys, aliases, floors, *request, env, *n, *warmup)
	}

	if *list {
		fmt.Println()
		timeList(pys, floors, *n, *warmup)
	}
}

// linksTo makes, beside each program in progs, a symbolic link called
// name to it (its absolute path, as py install links its commands to
// py), and returns the links' paths.
func linksTo(progs []string, name string) []string {
	links := make([]string, len(progs))
	for i, p := range progs {
		links[i] = filepath.Join(filepath.Dir(p), name)
		if err := os.Symlink(p, links[i]); err != nil {
			fail(err)
		}
	}
	return links
}

// copiesOf writes n copies of the executable src into dir/label (as an
// installer would: plain writes) and returns their paths. Each copy keeps
// src's base name, which two launchers may share (py and the Rust peer
// are both "py"): label keeps them apart.
func copiesOf(dir, label, src string, n int) []string {
	data, err := os.ReadFile(src)
	if err != nil {
		fail(err)
	}
	paths := make([]string, max(n, 1))
	for i := range paths {
		sub := filepath.Join(dir, label, fmt.Sprint(i))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			fail(err)
		}
		paths[i] = filepath.Join(sub, filepath.Base(src))
		if err := os.WriteFile(paths[i], data, 0o755); err != nil {
			fail(err)
		}
	}
	return paths
}

// each returns one command line per program in progs, with args after it.
func each(progs []string, args ...string) [][]string {
	argvs := make([][]string, len(progs))
	for i, p := range progs {
		argvs[i] = append([]string{p}, args...)
	}
	return argvs
}

// same returns n copies of one command line.
func same(n int, argv ...string) [][]string {
	argvs := make([][]string, max(n, 1))
	for i := range argvs {
		argvs[i] = argv
	}
	return argvs
}

type variant struct {
	name string
	// argvs are the command lines, one per copy of the program; round r
	// runs argvs[r%len(argvs)].
	argvs [][]string
	env   []string  // the environment; nil: compare's own
	times []float64 // ms, one per timed round
	cpu   []float64 // ms of CPU (user+system) used by the child, likewise
	// faults are the child's minor page faults, likewise.
	faults []float64
}

// run runs the variant once, in round r, and returns its wall time and
// the CPU time (user+system) its process used, in ms, and its minor page
// faults.
func (v *variant) run(r int) (wall, cpu, faults float64) {
	argv := v.argvs[r%len(v.argvs)]
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = v.env
	start := time.Now()
	err := cmd.Run()
	d := time.Since(start)
	if err != nil {
		fail(fmt.Errorf("%s: %v", strings.Join(argv, " "), err))
	}
	c := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		faults = float64(ru.Minflt)
	}
	return ms(d), ms(c), faults
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// compare runs the variants round-robin: warmup untimed rounds, then n
// timed ones. The order within a round rotates, so that no variant
// always follows the same one. vs[0] is the interpreter run directly,
// vs[1] the floor, vs[2] the launcher held to target; a fourth variant
// is a peer launcher that vs[2] is compared with.
func compare(vs []variant, n, warmup int, target float64) {
	runRounds(vs, n, warmup)
	printTable(vs, n, warmup)
	direct, floor, x := &vs[0], &vs[1], &vs[2]
	reportRatio(direct, floor, x, target)
	if len(vs) > 3 {
		reportPeer(direct, floor, x, &vs[3])
	}
}

// compareAlias runs direct, the floor, py with the request and the alias
// (vs[3]) round-robin, and reports the alias's overhead against py's.
func compareAlias(vs []variant, n, warmup int) {
	runRounds(vs, n, warmup)
	printTable(vs, n, warmup)
	direct, py, alias := &vs[0], &vs[2], &vs[3]
	reportRatio(direct, &vs[1], py, 1.25)
	diff := overhead(alias, direct) - overhead(py, direct)
	paired := pairedMedian(alias.times, py.times)
	lo, hi := bootstrapDiff(alias.times, py.times)
	cpu, faults := pairedMedian(alias.cpu, py.cpu), median(alias.faults)-median(py.faults)
	fmt.Printf("%s overhead - %s overhead = %+.3f ms (bootstrap 90%% interval %+.3f–%+.3f; paired %+.3f; CPU paired %+.3f; page faults %+.0f; %s / %s overhead %.2f; target ≤ 0 within noise)\n",
		alias.name, py.name, diff, lo, hi, paired, cpu, faults, alias.name, py.name, ratioOf(overhead(alias, direct), overhead(py, direct)))
	fmt.Printf("RESULT alias alias_minus_py_ms=%.3f alias_minus_py_paired_ms=%.3f alias_minus_py_cpu_ms=%.3f alias_minus_py_faults=%.0f alias_py_ratio=%.2f py_median_ms=%.3f alias_median_ms=%.3f\n",
		diff, paired, cpu, faults, ratioOf(overhead(alias, direct), overhead(py, direct)), median(py.times), median(alias.times))
}

// compareAliasDry times py with the request and the aliases as dry runs,
// interleaved with "floor -exit", and reports the aliases' time minus py's.
func compareAliasDry(pys, aliases, floors []string, request string, env []string, n, warmup int) {
	dry := append(slices.Clip(environ(env)), "PYLAUNCHER_DRYRUN=1")
	vs := []variant{
		{name: "floor -exit", argvs: each(floors, "-exit")},
		{name: "py dry run", argvs: each(pys, request, "-c", "pass"), env: dry},
		{name: "alias dry run", argvs: each(aliases, "-c", "pass"), env: dry},
	}
	runRounds(vs, n, warmup)
	printTable(vs, n, warmup)
	empty, py, alias := &vs[0], &vs[1], &vs[2]
	diff := median(alias.times) - median(py.times)
	paired := pairedMedian(alias.times, py.times)
	lo, hi := bootstrapDiff(alias.times, py.times)
	cpu, faults := pairedMedian(alias.cpu, py.cpu), median(alias.faults)-median(py.faults)
	fmt.Printf("dry runs: %s - %s = %+.3f ms (bootstrap 90%% interval %+.3f–%+.3f; paired %+.3f; CPU paired %+.3f; page faults %+.0f); py's own work, above an empty Go program: %+.3f ms, the alias's %+.3f ms\n",
		alias.name, py.name, diff, lo, hi, paired, cpu, faults, overhead(py, empty), overhead(alias, empty))
	fmt.Printf("RESULT alias_dry alias_minus_py_ms=%.3f alias_minus_py_paired_ms=%.3f alias_minus_py_cpu_ms=%.3f alias_minus_py_faults=%.0f py_dry_median_ms=%.3f alias_dry_median_ms=%.3f empty_go_ms=%.3f\n",
		diff, paired, cpu, faults, median(py.times), median(alias.times), median(empty.times))
}

func runRounds(vs []variant, n, warmup int) {
	for r := range warmup + n {
		for k := range vs {
			v := &vs[(r+k)%len(vs)]
			t, c, f := v.run(r)
			if r >= warmup {
				v.times = append(v.times, t)
				v.cpu = append(v.cpu, c)
				v.faults = append(v.faults, f)
			}
		}
	}
}

// printTable prints each variant's times; vs[0] is the baseline.
func printTable(vs []variant, n, warmup int) {
	direct := &vs[0]
	fmt.Printf("%d interleaved rounds after %d warm-up rounds (times in ms, wall clock around fork/exec/wait)\n", n, warmup)
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "\tmedian\tp10\tp90\toverhead\tpaired\tcpu\tcpu overhead\t")
	for i := range vs {
		v := &vs[i]
		s := slices.Sorted(slices.Values(v.times))
		over, paired, cpuOver := "-", "-", "-"
		if v != direct {
			over = fmt.Sprintf("%+.3f", overhead(v, direct))
			paired = fmt.Sprintf("%+.3f", pairedMedian(v.times, direct.times))
			cpuOver = fmt.Sprintf("%+.3f", median(v.cpu)-median(direct.cpu))
		}
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%.3f\t%s\t%s\t%.3f\t%s\t\n", v.name, quantile(s, .5), quantile(s, .1), quantile(s, .9), over, paired, median(v.cpu), cpuOver)
	}
	tw.Flush()
	for _, v := range vs {
		fmt.Printf("  %-10s = %s\n", v.name, strings.Join(v.argvs[0], " "))
	}
	fmt.Printf("  overhead = median(x) - median(%[1]s); paired = median over rounds of (x - %[1]s) in the same round;\n", direct.name)
	fmt.Println("  cpu = median user+system CPU time of the process (launcher and interpreter together: execve keeps the process)")
}

// overhead is what v adds to direct: the difference of their medians.
func overhead(v, direct *variant) float64 {
	return median(v.times) - median(direct.times)
}

// ratioOf is x/base, or NaN when base is not positive: no launcher costs
// less than nothing, so such a base is noise, not a scale.
func ratioOf(x, base float64) float64 {
	if base <= 0 {
		return math.NaN()
	}
	return x / base
}

// reportRatio prints x's overhead against the floor's: the target.
func reportRatio(direct, floor, x *variant, target float64) {
	floorOver, xOver := overhead(floor, direct), overhead(x, direct)
	ratio := ratioOf(xOver, floorOver)
	lo, hi := bootstrapRatio(direct.times, x.times, floor.times)
	pairedRatio := pairedMedian(x.times, direct.times) / pairedMedian(floor.times, direct.times)
	fmt.Printf("%s overhead / floor overhead = %.2f (bootstrap 90%% interval %.2f–%.2f; paired %.2f; target ≤ %.2f)\n", x.name, ratio, lo, hi, pairedRatio, target)
	fmt.Printf("RESULT %s ratio=%.2f %s_overhead_ms=%.3f floor_overhead_ms=%.3f\n", x.name, ratio, x.name, xOver, floorOver)
}

// reportPeer compares py with a peer launcher timed in the same rounds:
// both overheads against the floor's, and py's against the peer's, which
// must stay below 1 (py_below_peer, by the medians like every ratio here;
// the bootstrap interval says how sure that is on a noisy machine).
func reportPeer(direct, floor, py, peer *variant) {
	floorOver, pyOver, peerOver := overhead(floor, direct), overhead(py, direct), overhead(peer, direct)
	pyPaired, peerPaired := pairedMedian(py.times, direct.times), pairedMedian(peer.times, direct.times)
	pyPeer := ratioOf(pyOver, peerOver)
	lo, hi := bootstrapRatio(direct.times, py.times, peer.times)
	fmt.Printf("%s overhead / floor overhead = %.2f; %s overhead / floor overhead = %.2f\n",
		py.name, ratioOf(pyOver, floorOver), peer.name, ratioOf(peerOver, floorOver))
	fmt.Printf("%s overhead / %s overhead = %.2f (bootstrap 90%% interval %.2f–%.2f; paired %.2f; target < 1)\n",
		py.name, peer.name, pyPeer, lo, hi, pyPaired/peerPaired)
	fmt.Printf("RESULT peer py_floor_ratio=%.2f peer_floor_ratio=%.2f py_peer_ratio=%.2f py_peer_paired_ratio=%.2f"+
		" direct_median_ms=%.3f py_median_ms=%.3f peer_median_ms=%.3f"+
		" floor_overhead_ms=%.3f py_overhead_ms=%.3f peer_overhead_ms=%.3f py_paired_ms=%.3f peer_paired_ms=%.3f py_below_peer=%t\n",
		ratioOf(pyOver, floorOver), ratioOf(peerOver, floorOver), pyPeer, pyPaired/peerPaired,
		median(direct.times), median(py.times), median(peer.times),
		floorOver, pyOver, peerOver, pyPaired, peerPaired, pyOver < peerOver)
}

// bootstrapRatio resamples whole rounds (the runs of a round stay
// together) and returns the 5th and 95th percentiles of the ratio of x's
// overhead over direct to base's.
func bootstrapRatio(direct, x, base []float64) (lo, hi float64) {
	const resamples = 2000
	n := len(direct)
	if n == 0 {
		return math.NaN(), math.NaN()
	}
	rng := rand.New(rand.NewPCG(1, 2))
	d, b, p := make([]float64, n), make([]float64, n), make([]float64, n)
	var ratios []float64
	for range resamples {
		for i := range n {
			j := rng.IntN(n)
			d[i], b[i], p[i] = direct[j], base[j], x[j]
		}
		md := median(d)
		if bo := median(b) - md; bo > 0 {
			ratios = append(ratios, (median(p)-md)/bo)
		}
	}
	if len(ratios) == 0 {
		return math.NaN(), math.NaN()
	}
	slices.Sort(ratios)
	return quantile(ratios, .05), quantile(ratios, .95)
}

// bootstrapDiff resamples whole rounds and returns the 5th and 95th
// percentiles of median(x) - median(base).
func bootstrapDiff(x, base []float64) (lo, hi float64) {
	const resamples = 2000
	n := len(x)
	if n == 0 {
		return math.NaN(), math.NaN()
	}
	rng := rand.New(rand.NewPCG(1, 2))
	xs, bs := make([]float64, n), make([]float64, n)
	diffs := make([]float64, resamples)
	for k := range diffs {
		for i := range n {
			j := rng.IntN(n)
			xs[i], bs[i] = x[j], base[j]
		}
		diffs[k] = median(xs) - median(bs)
	}
	slices.Sort(diffs)
	return quantile(diffs, .05), quantile(diffs, .95)
}

// timeList times "py --list", from the copies of py in turn, interleaved
// with "floor -exit" (a Go program that only starts and exits) for
// reference: the target is absolute, and on a loaded machine the Go
// runtime's start alone takes most of it.
func timeList(pys, floors []string, n, warmup int) {
	list := variant{name: "py --list", argvs: each(pys, "--list")}
	empty := variant{name: "floor -exit", argvs: each(floors, "-exit")}
	out, err := exec.Command(pys[0], "--list").Output()
	if err != nil {
		fail(fmt.Errorf("py --list: %v", err))
	}
	installs := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "-V:") {
			installs++
		}
	}
	for r := range warmup + n {
		vs := [2]*variant{&list, &empty}
		if r%2 == 1 {
			vs[0], vs[1] = vs[1], vs[0]
		}
		for _, v := range vs {
			t, _, _ := v.run(r)
			if r >= warmup {
				v.times = append(v.times, t)
			}
		}
	}
	s := slices.Sorted(slices.Values(list.times))
	e := median(empty.times)
	fmt.Printf("py --list (%d installs listed, %d runs): median %.3f ms, p10 %.3f, p90 %.3f (target ≤ 2 ms warm)\n",
		installs, n, quantile(s, .5), quantile(s, .1), quantile(s, .9))
	fmt.Printf("  an empty Go program (floor -exit), interleaved: median %.3f ms; py --list is %+.3f ms above it (paired %+.3f)\n",
		e, quantile(s, .5)-e, pairedMedian(list.times, empty.times))
	fmt.Printf("RESULT list_median_ms=%.3f list_installs=%d empty_go_ms=%.3f\n", quantile(s, .5), installs, e)
}

// countAsks runs py with the debug trace and counts the interpreters it
// starts to ask what they are: once as the cache is found, then twice
// more to warm it, then once more, which is the figure reported.
func countAsks(py string, args []string) {
	cmdline := "py " + strings.Join(args, " ")
	first := asks(py, args)
	asks(py, args)
	asks(py, args)
	warm := asks(py, args)
	fmt.Printf("%s: interpreter processes started by py: %d (warm cache; first run, with the cache as found: %d)\n", cmdline, len(warm), len(first))
	for _, l := range warm {
		fmt.Printf("    %s\n", l)
	}
	fmt.Printf("RESULT queries_warm=%d queries_first=%d cmd=%q\n", len(warm), len(first), cmdline)
}

func asks(py string, args []string) []string {
	cmd := exec.Command(py, args...)
	cmd.Env = append(os.Environ(), "PYLAUNCHER_DEBUG=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		fail(fmt.Errorf("%s %s: %v\n%s", py, strings.Join(args, " "), err, stderr.String()))
	}
	var found []string
	sc := bufio.NewScanner(&stderr)
	for sc.Scan() {
		if strings.Contains(sc.Text(), "asking") {
			found = append(found, sc.Text())
		}
	}
	return found
}

// checkChoice warns when py's request (argv: py and its request, or an
// alias alone) selects another interpreter than the one run directly:
// the comparison would then be meaningless. env is the environment of
// the timed runs (nil: compare's own).
func checkChoice(argv []string, python string, env []string) {
	args := append(slices.Clone(argv[1:]), "-c", "pass")
	cmd := exec.Command(argv[0], args...)
	cmd.Env = append(environ(env), "PYLAUNCHER_DRYRUN=1")
	out, err := cmd.Output()
	if err != nil {
		fail(fmt.Errorf("%s (dry run): %v", strings.Join(argv, " "), err))
	}
	chosen, _, _ := strings.Cut(strings.TrimSpace(string(out)), " ")
	if chosen != python {
		fmt.Fprintf(os.Stderr, "compare: warning: %s runs %s, not %s\n", strings.Join(argv, " "), chosen, python)
	}
}

// checkPeer does for the peer what checkChoice does for py. The peer has
// no dry run, so this runs once the interpreter it picks and asks it for
// its path. It fails when the peer fails: the Rust launcher only searches
// PATH, and a pyenv shim found there exits 127 when no version is set.
func checkPeer(peer, request, python string, env []string) {
	cmd := exec.Command(peer, request, "-c", "import sys; print(sys.executable)")
	cmd.Env = env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		fail(fmt.Errorf("peer %s: %v (does -path put a directory holding the real interpreter first?)\n%s", request, err, stderr.String()))
	}
	if chosen := strings.TrimSpace(string(out)); chosen != python {
		fmt.Fprintf(os.Stderr, "compare: warning: peer %s runs %s, not %s\n", request, chosen, python)
	}
	fmt.Printf("peer %s runs %s\n", request, strings.TrimSpace(string(out)))
}

// withPath returns compare's environment with PATH set to path, or nil
// (compare's own environment, unchanged) when path is empty.
func withPath(path string) []string {
	if path == "" {
		return nil
	}
	env := slices.DeleteFunc(os.Environ(), func(kv string) bool { return strings.HasPrefix(kv, "PATH=") })
	// Clipped, so that appending to it (checkChoice) never writes into
	// the array the variants share.
	return slices.Clip(append(env, "PATH="+path))
}

// environ is env, or compare's own environment when env is nil (as
// exec.Cmd reads a nil Env).
func environ(env []string) []string {
	if env == nil {
		return os.Environ()
	}
	return env
}

// pairedMedian is the median of the per-round differences x[i] - base[i]:
// less sensitive than a difference of medians to load that changes
// between rounds.
func pairedMedian(x, base []float64) float64 {
	d := make([]float64, len(x))
	for i := range x {
		d[i] = x[i] - base[i]
	}
	return median(d)
}

func median(xs []float64) float64 {
	return quantile(slices.Sorted(slices.Values(xs)), .5)
}

// quantile interpolates linearly in sorted s.
func quantile(s []float64, q float64) float64 {
	if len(s) == 0 {
		return math.NaN()
	}
	pos := q * float64(len(s)-1)
	i := int(pos)
	if i+1 >= len(s) {
		return s[len(s)-1]
	}
	return s[i] + (pos-float64(i))*(s[i+1]-s[i])
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "compare:", err)
	os.Exit(1)
}
