// Command genman writes the man pages of py's programs, made from
// package manual (the source of py's help too), into a directory:
//
//	go run ./internal/manual/genman -version v1.2.3 -o DIR
//
// writes DIR/py.1, DIR/venvlauncher.1 and DIR/mkentrypoint.1. A page's
// date is -date, else SOURCE_DATE_EPOCH's day (UTC), never the clock:
// the same version, date and source give the same bytes.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/pylauncher/py/internal/manual"
)

const usage = `usage: genman -version VERSION -o DIR [-date YYYY-MM-DD]

Writes DIR/py.1, DIR/venvlauncher.1 and DIR/mkentrypoint.1 from package
manual. The pages' date is -date, else the day of SOURCE_DATE_EPOCH (UTC);
one of them is required.
`

func main() {
	os.Exit(run(os.Args[1:], os.Getenv("SOURCE_DATE_EPOCH"), os.Stderr))
}

// run is genman with the given arguments and SOURCE_DATE_EPOCH; it
// returns the exit code.
func run(argv []string, epoch string, stderr io.Writer) int {
	fs := flag.NewFlagSet("genman", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage) }
	version := fs.String("version", "", "")
	dir := fs.String("o", "", "")
	date := fs.String("date", "", "")
	if err := fs.Parse(argv); err != nil {
		return 2
	}
	if *version == "" || *dir == "" || fs.NArg() != 0 {
		fs.Usage()
		return 2
	}
	day, err := pageDate(*date, epoch)
	if err != nil {
		fmt.Fprintf(stderr, "genman: error: %v\n", err)
		return 2
	}
	if err := write(*dir, *version, day); err != nil {
		fmt.Fprintf(stderr, "genman: error: %v\n", err)
		return 1
	}
	return 0
}

// pageDate is the pages' date: date when given (checked), else the UTC
// day of the Unix time epoch.
func pageDate(date, epoch string) (string, error) {
	if date != "" {
		if _, err := time.Parse(time.DateOnly, date); err != nil {
			return "", fmt.Errorf("-date %q is not YYYY-MM-DD", date)
		}
		return date, nil
	}
	if epoch == "" {
		return "", errors.New("no date: give -date YYYY-MM-DD or set SOURCE_DATE_EPOCH")
	}
	sec, err := strconv.ParseInt(epoch, 10, 64)
	if err != nil {
		return "", fmt.Errorf("SOURCE_DATE_EPOCH %q is not a number of seconds", epoch)
	}
	return time.Unix(sec, 0).UTC().Format(time.DateOnly), nil
}

// write writes every page into dir, made if missing.
func write(dir, version, date string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, p := range manual.Pages {
		if err := os.WriteFile(filepath.Join(dir, p.Name+".1"), []byte(manual.Roff(p, version, date)), 0o644); err != nil {
			return err
		}
	}
	return nil
}
