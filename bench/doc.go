// Package bench holds py's performance benchmarks: Go benchmarks of the
// discovery and selection hot path (discover_test.go), and, under floor/
// and compare/, the end-to-end start-up comparison that run.sh drives.
// See README.md.
package bench
