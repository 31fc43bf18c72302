//go:build windows

// Command winevenv times two venv redirectors starting the same real
// CPython, side by side: a venv's Scripts\python.exe that is CPython's
// own venvlauncher.exe, one that is ours (venvlauncher install), and the
// base python.exe run directly, all with the same arguments (-c pass by
// default). It is meant to run under wine (bench/wine.sh sets it up), and
// works on Windows as it is.
//
//	winevenv -cpython VENV1\Scripts\python.exe -ours VENV2\Scripts\python.exe -base BASE\python.exe [-floor FLOOR.exe] [-n 200] [-warmup 10] [-- args]
//
// With -floor it also runs FLOOR.exe BASE\python.exe with the arguments:
// bench/floor, a bare Go program that only starts its argument and waits
// (the least any Go launcher costs here). The variants run interleaved in one loop, the order rotating every
// round, so that load and drift hit all alike. Each run's standard output
// and error are pipes (a real CPython under wine 8 cannot start with a
// regular file there) and standard input the null device. It prints each
// variant's median, p10 and p90 wall time, each redirector's overhead
// over the base (difference of medians, and median of the per-round
// differences), and the ratio of our overhead to CPython's with a
// bootstrap 90% interval, ending with one RESULT line. A run that fails
// (wine 8 under load sometimes fails a CreateProcess, for any caller) is
// reported on stderr, counted and run again; too many failures end it.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"slices"
	"time"
)

func main() {
	cpython := flag.String("cpython", "", "a venv's python.exe that is CPython's venvlauncher.exe")
	ours := flag.String("ours", "", "a venv's python.exe that is our venvlauncher.exe")
	base := flag.String("base", "", "the base interpreter both redirect to")
	floor := flag.String("floor", "", "bench/floor built for Windows: also time FLOOR BASE ARGS")
	n := flag.Int("n", 200, "timed rounds (each runs every variant once)")
	warmup := flag.Int("warmup", 10, "untimed rounds first")
	flag.Parse()
	if *cpython == "" || *ours == "" || *base == "" || *n < 1 {
		fmt.Fprintln(os.Stderr, "usage: winevenv -cpython PYTHON.EXE -ours PYTHON.EXE -base PYTHON.EXE [-n N] [-warmup N] [-- ARGS]")
		os.Exit(2)
	}
	args := flag.Args()
	if len(args) == 0 {
		args = []string{"-c", "pass"}
	}
	names := []string{"base", "cpython", "ours"}
	exes := map[string]string{"base": *base, "cpython": *cpython, "ours": *ours}
	argv := map[string][]string{"base": args, "cpython": args, "ours": args}
	if *floor != "" {
		names = append(names, "floor")
		exes["floor"] = *floor
		argv["floor"] = append([]string{*base}, args...)
	}
	for _, name := range names {
		if err := run(exes[name], argv[name]); err != nil {
			fmt.Fprintf(os.Stderr, "winevenv: %s (\"%s\"): %v\n", name, exes[name], err)
			os.Exit(1)
		}
	}
	times := map[string][]float64{}
	failed := map[string]int{}
	for round := -*warmup; round < *n; round++ {
		for i := range names {
			name := names[(i+round+*warmup)%len(names)]
			for {
				start := time.Now()
				err := run(exes[name], argv[name])
				d := time.Since(start)
				if err == nil {
					if round >= 0 {
						times[name] = append(times[name], float64(d.Microseconds())/1000)
					}
					break
				}
				// Wine 8 under load now and then fails a CreateProcess
				// ("Internal error."), whoever calls it: such a run is
				// counted, reported and run again, unless it keeps
				// happening.
				failed[name]++
				fmt.Fprintf(os.Stderr, "winevenv: %s (run again): %v\n", name, err)
				if failed[name] > 3+(*n+*warmup)/20 {
					fmt.Fprintf(os.Stderr, "winevenv: %s failed %d times: giving up\n", name, failed[name])
					os.Exit(1)
				}
			}
		}
	}
	report(os.Stdout, names, times, *n, args)
	for _, name := range names {
		if failed[name] > 0 {
			fmt.Printf("%s: %d run(s) failed to start and were run again\n", name, failed[name])
		}
	}
}

func run(exe string, args []string) error {
	cmd := exec.Command(exe, args...)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr // pipes, drained
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%v: %s", err, bytes.TrimSpace(stderr.Bytes()))
	}
	return nil
}

func report(w io.Writer, names []string, times map[string][]float64, n int, args []string) {
	fmt.Fprintf(w, "%d interleaved rounds of %q (ms)\n", n, args)
	fmt.Fprintf(w, "%-8s %9s %9s %9s\n", "variant", "median", "p10", "p90")
	med := map[string]float64{}
	for _, name := range names {
		med[name] = quantile(times[name], 0.5)
		fmt.Fprintf(w, "%-8s %9.2f %9.2f %9.2f\n", name, med[name], quantile(times[name], 0.1), quantile(times[name], 0.9))
	}
	over := func(name string) float64 { return med[name] - med["base"] }
	paired := func(name string) float64 {
		d := make([]float64, n)
		for i := range d {
			d[i] = times[name][i] - times["base"][i]
		}
		return quantile(d, 0.5)
	}
	fmt.Fprintf(w, "overhead over base: cpython %+.2f (paired %+.2f), ours %+.2f (paired %+.2f)\n", over("cpython"), paired("cpython"), over("ours"), paired("ours"))
	ratio := over("ours") / over("cpython")
	lo, hi := bootstrap(times, n)
	fmt.Fprintf(w, "ratio ours/cpython overhead %.2f (bootstrap 90%% %.2f-%.2f); medians ours/cpython %.3f\n", ratio, lo, hi, med["ours"]/med["cpython"])
	floor := ""
	if _, ok := times["floor"]; ok {
		fmt.Fprintf(w, "floor (a bare Go spawn-and-wait) overhead %+.2f (paired %+.2f); ours/floor %.2f\n", over("floor"), paired("floor"), over("ours")/over("floor"))
		floor = fmt.Sprintf(" floor_overhead_ms=%.2f ours_floor_ratio=%.3f", over("floor"), over("ours")/over("floor"))
	}
	fmt.Fprintf(w, "RESULT ratio=%.3f lo=%.3f hi=%.3f base_ms=%.2f cpython_ms=%.2f ours_ms=%.2f cpython_overhead_ms=%.2f ours_overhead_ms=%.2f%s\n",
		ratio, lo, hi, med["base"], med["cpython"], med["ours"], over("cpython"), over("ours"), floor)
}

// bootstrap resamples whole rounds and returns the 5th and 95th
// percentiles of the overhead ratio.
func bootstrap(times map[string][]float64, n int) (lo, hi float64) {
	r := rand.New(rand.NewPCG(1, 2))
	var ratios []float64
	b, c, o := make([]float64, n), make([]float64, n), make([]float64, n)
	for range 1000 {
		for i := range n {
			j := r.IntN(n)
			b[i], c[i], o[i] = times["base"][j], times["cpython"][j], times["ours"][j]
		}
		mb := quantile(b, 0.5)
		if d := quantile(c, 0.5) - mb; d > 0 {
			ratios = append(ratios, (quantile(o, 0.5)-mb)/d)
		}
	}
	if len(ratios) == 0 {
		return 0, 0
	}
	return quantile(ratios, 0.05), quantile(ratios, 0.95)
}

func quantile(xs []float64, q float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	pos := q * float64(len(s)-1)
	i := int(pos)
	if i+1 >= len(s) {
		return s[len(s)-1]
	}
	return s[i] + (pos-float64(i))*(s[i+1]-s[i])
}
