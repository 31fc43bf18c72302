package installer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/pylauncher/py/internal/atomicfile"
	"github.com/pylauncher/py/internal/catalog"
	"github.com/pylauncher/py/internal/fetch"
	"github.com/pylauncher/py/internal/quote"
	"github.com/pylauncher/py/internal/request"
	"github.com/pylauncher/py/internal/store"
	"github.com/pylauncher/py/internal/unpack"
)

// lockWait is how long py install waits for another one to finish with
// the store: an install of a slow download may take that long.
const lockWait = 30 * time.Minute

// install runs py install.
func (a *app) install(ctx context.Context, c command) error {
	source, err := a.source(c)
	if err != nil {
		return err
	}
	var reqs []request.Request
	if !c.upgrade || len(c.requests) > 0 || c.script != "" {
		var fromProject bool
		reqs, fromProject, err = a.wanted(c)
		if err != nil {
			return err
		}
		if fromProject {
			for _, r := range reqs {
				a.infof("Installing %s (from %s)", quote.String(r.Text), r.Origin)
			}
		}
	}
	cat, err := a.loadCatalog(ctx, source)
	if err != nil {
		return err
	}
	if c.download != "" {
		return a.bundle(ctx, c, reqs, cat, source)
	}
	installed, err := a.st.store.List()
	if err != nil {
		return err
	}
	var steps []step
	if c.upgrade {
		steps = upgradePlan(reqs, cat, a.st.platform, installed)
		if len(steps) == 0 {
			a.infof("Nothing to upgrade: py has installed no Python%s", forText(c.requests))
		}
	} else {
		steps = plan(reqs, cat, a.st.platform, installed, c.force)
	}
	return a.perform(ctx, c, steps, source)
}

func forText(reqs []string) string {
	if len(reqs) == 0 {
		return ""
	}
	return " that matches " + quote.String(strings.Join(reqs, " "))
}

// perform carries out the steps, going on after a failure; the first
// failure decides the exit code.
func (a *app) perform(ctx context.Context, c command, steps []step, source string) error {
	var errs []error
	for _, s := range steps {
		var err error
		switch {
		case s.err != nil:
			err = s.err
		case s.newest:
			a.infof("Python %s is the newest of its series (%s)", s.have.Meta.Version, s.have.Meta.Key)
		case s.have != nil:
			a.infof("Python %s is already installed (%s); --force installs it again", s.have.Meta.Version, s.have.Meta.Key)
		case c.dryRun:
			a.dryRun(s, source)
		default:
			err = a.installOne(ctx, s, c, source)
		}
		if err == nil {
			continue
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		errs = append(errs, err)
	}
	return a.failures(ctx, errs)
}

// failures reports each error but the first, which it returns: fail
// reports it last, with its hints, and its exit code is the run's.
func (a *app) failures(ctx context.Context, errs []error) error {
	if len(errs) == 0 {
		return nil
	}
	for _, err := range errs[1:] {
		a.fail(ctx, err)
	}
	return errs[0]
}

// dryRun says what an install would do.
func (a *app) dryRun(s step, source string) {
	fmt.Fprintf(a.stdout, "would download %s\n  (%s, sha256 %s)\n  into %s\n", a.client.Rewrite(resolveURL(source, s.dl.URL)),
		s.key, s.dl.SHA256, filepath.Join(a.st.store.Root, s.key))
	for _, in := range s.replaces {
		fmt.Fprintf(a.stdout, "  then remove %s\n", in.Dir)
	}
}

// source returns the index to read: --source, else the setting. A
// directory stands for the index.json in it (an offline bundle).
func (a *app) source(c command) (string, error) {
	src := a.st.source
	if c.source != "" {
		src = c.source
		if !strings.Contains(src, "://") && !filepath.IsAbs(src) {
			abs, err := filepath.Abs(src)
			if err != nil {
				return "", err
			}
			src = abs
		}
	}
	if !strings.Contains(src, "://") {
		if fi, err := os.Stat(src); err == nil && fi.IsDir() {
			src = filepath.Join(src, bundleIndex)
		}
	}
	return src, nil
}

// maxPages bounds how many pages of a paged index (pymanager's "next")
// are read.
const maxPages = 20

// loadCatalog reads the index at source, and the pages after it, through
// py's cache; when the network fails, the cached copy stands in and py
// says how old it is.
func (a *app) loadCatalog(ctx context.Context, source string) (catalog.Catalog, error) {
	var all catalog.Catalog
	page := source
	for n := 0; page != "" && n < maxPages; n++ {
		cat, err := a.loadPage(ctx, page)
		if err != nil {
			return all, err
		}
		for _, d := range cat.Downloads {
			d.URL = resolveURL(page, d.URL)
			all.Downloads = append(all.Downloads, d)
		}
		next := ""
		if cat.Next != "" {
			next = resolveURL(page, cat.Next)
		}
		page = next
	}
	return all, nil
}

// loadPage reads one page of an index.
func (a *app) loadPage(ctx context.Context, source string) (catalog.Catalog, error) {
	cache := ""
	if a.st.cache != "" {
		cache = filepath.Join(a.st.cache, "indexes")
	}
	a.indexErr = nil
	data, age, fresh, err := a.client.Index(ctx, source, cache)
	if err != nil {
		return catalog.Catalog{}, err
	}
	if !fresh {
		why := "the index could not be fetched"
		if a.indexErr != nil {
			why = a.indexErr.Error()
		}
		a.warnf("%s; using the copy of the index fetched %s ago", why, roundAge(age))
	}
	cat, err := catalog.Parse(data)
	if err != nil {
		return cat, fmt.Errorf("%s: %w", quote.String(source), err)
	}
	return cat, nil
}

func roundAge(d time.Duration) string {
	switch {
	case d >= 48*time.Hour:
		return fmt.Sprintf("%d days", int(d.Hours()/24))
	case d >= 2*time.Hour:
		return fmt.Sprintf("%d hours", int(d.Hours()))
	case d >= 2*time.Minute:
		return fmt.Sprintf("%d minutes", int(d.Minutes()))
	}
	return d.Round(time.Second).String()
}

// resolveURL resolves an index's relative URL against the index's own
// location: a URL, or a file (an offline bundle's index.json).
func resolveURL(source, ref string) string {
	if strings.Contains(ref, "://") {
		return ref
	}
	if strings.Contains(source, "://") {
		base, err := url.Parse(source)
		if err != nil {
			return ref
		}
		r, err := url.Parse(ref)
		if err != nil {
			return ref
		}
		return base.ResolveReference(r).String()
	}
	if filepath.IsAbs(ref) {
		return ref
	}
	rel, err := url.PathUnescape(ref)
	if err != nil {
		rel = ref
	}
	return filepath.Join(filepath.Dir(source), filepath.FromSlash(rel))
}

// lockStore takes the store's lock, saying so when another py install
// holds it.
func (a *app) lockStore(ctx context.Context) (func(), error) {
	if unlock, err := a.st.store.Lock(0); err == nil {
		return unlock, nil
	}
	a.infof("Waiting for another py install to finish with %s", quote.String(a.st.store.Root))
	type result struct {
		unlock func()
		err    error
	}
	done := make(chan result, 1)
	go func() {
		unlock, err := a.st.store.Lock(lockWait)
		done <- result{unlock, err}
	}()
	select {
	case r := <-done:
		return r.unlock, r.err
	case <-ctx.Done():
		go func() {
			if r := <-done; r.unlock != nil {
				r.unlock()
			}
		}()
		return nil, ctx.Err()
	}
}

// installOne downloads, verifies and extracts one install, atomically:
// into a temporary directory beside its place, renamed into place at the
// end. The archive is kept in py's cache as it streams, so that an
// install again (--force) or a second process needs no network.
func (a *app) installOne(ctx context.Context, s step, c command, source string) error {
	unlock, err := a.lockStore(ctx)
	if err != nil {
		return err
	}
	defer unlock()
	if in, err := a.st.store.Get(s.key); err == nil && !c.force {
		a.infof("Python %s is already installed (%s)", in.Meta.Version, in.Meta.Key)
		return nil
	}
	start := time.Now()
	u := resolveURL(source, s.dl.URL)
	format, err := unpack.FormatOf(u)
	if err != nil {
		return err
	}
	var in store.Install
	err = a.client.Retry(ctx, func(int) error {
		p, err := a.st.store.Begin(s.key)
		if err != nil {
			return err
		}
		exe, err := a.fetchInto(ctx, s, u, format, p.Dir())
		if err != nil {
			p.Abort()
			return err
		}
		in, err = p.Commit(a.meta(s, u, exe))
		return err
	})
	if err != nil {
		return installFailure(s.key, err)
	}
	a.infof("Installed Python %s (%s) in %s: %s", in.Meta.Version, in.Meta.Key, time.Since(start).Round(100*time.Millisecond), in.Exe())
	a.afterInstall(&in, c)
	for _, old := range s.replaces {
		a.removeInstall(old, false)
	}
	return nil
}

// installFailure names the install in an error of the machine's (a full
// disk, a permission); the download's and the archive's errors name
// their file already.
func installFailure(key string, err error) error {
	var (
		he *fetch.HashError
		fe *fetch.Error
		ae *unpack.Error
		le *unpack.LayoutError
	)
	if errors.As(err, &he) || errors.As(err, &fe) || errors.As(err, &ae) || errors.As(err, &le) || errors.Is(err, context.Canceled) {
		return err
	}
	return &installError{key, err}
}

// meta is what the marker of s's install records.
func (a *app) meta(s step, u, exe string) store.Meta {
	b := s.dl.Build
	return store.Meta{
		URL: u, SHA256: s.dl.SHA256, Release: s.dl.Release,
		Impl: b.Impl, Version: b.Version.String(), FreeThreaded: b.FreeThreaded, Debug: b.Debug,
		Exe: exe,
	}
}

// fetchInto streams the archive into dir: from the cache when it holds
// it (verified again), else from the network, kept in the cache as it
// streams. It returns the interpreter, relative to dir.
func (a *app) fetchInto(ctx context.Context, s step, u string, format unpack.Format, dir string) (string, error) {
	cached := a.cachePath(s, u)
	if cached != "" && regular(cached) {
		exe, err := a.extract(ctx, s, cached, format, dir, "")
		var he *fetch.HashError
		if err == nil || !errors.As(err, &he) {
			return exe, err
		}
		// A damaged copy: forget it and fetch again.
		os.Remove(cached)
		if err := emptyDir(dir); err != nil {
			return "", err
		}
	}
	return a.extract(ctx, s, u, format, dir, cached)
}

// extract opens u (verified by its sha256), keeping a copy at keep
// unless it is "", and extracts it into dir.
func (a *app) extract(ctx context.Context, s step, u string, format unpack.Format, dir, keep string) (string, error) {
	r, size, err := a.client.Open(ctx, u, s.dl.SHA256)
	if err != nil {
		return "", err
	}
	defer r.Close()
	shown := a.client.Rewrite(u)
	bar := a.progress(s.key, shown, size, !strings.Contains(shown, "://") || strings.HasPrefix(shown, "file:"))
	defer bar.finish()
	var src io.Reader = &counting{r: r, add: bar.add}
	var copy *cacheCopy
	if keep != "" {
		copy = newCacheCopy(keep)
		defer copy.discard()
		src = io.TeeReader(src, copy)
	}
	if err := unpack.Extract(src, format, dir, unpack.Limits{}); err != nil {
		err = readError(err)
		var ae *unpack.Error
		if errors.As(err, &ae) {
			// A tampered archive is more likely than a bad build: the
			// hash, read to the end, says which.
			var he *fetch.HashError
			if _, derr := io.Copy(io.Discard, src); errors.As(derr, &he) {
				return "", he
			}
		}
		return "", err
	}
	// The archive may end before the stream does; the hash is checked
	// at the stream's end.
	if _, err := io.Copy(io.Discard, src); err != nil {
		return "", err
	}
	copy.keep()
	return unpack.Layout(dir, a.st.goos)
}

// readError returns the download's error behind an extraction that
// failed because the stream did: the truer reason (a stall, a hash
// that differs, Ctrl-C).
func readError(err error) error {
	var fe *fetch.Error
	var he *fetch.HashError
	switch {
	case errors.As(err, &he):
		return he
	case errors.As(err, &fe):
		return fe
	}
	return err
}

// cachePath is where the archive of s is kept: py's cache, by key and
// hash, with the archive's own ending.
func (a *app) cachePath(s step, u string) string {
	if a.st.cache == "" || s.dl.SHA256 == "" {
		return ""
	}
	format, err := unpack.FormatOf(u)
	if err != nil {
		return ""
	}
	ext := map[unpack.Format]string{unpack.TarGz: ".tar.gz", unpack.TarZst: ".tar.zst", unpack.TarBz2: ".tar.bz2", unpack.Zip: ".zip"}[format]
	return filepath.Join(a.st.cache, "downloads", s.key+"-"+s.dl.SHA256[:min(16, len(s.dl.SHA256))]+ext)
}

func regular(path string) bool {
	fi, err := os.Lstat(path)
	return err == nil && fi.Mode().IsRegular()
}

// emptyDir removes what dir holds.
func emptyDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
			return err
		}
	}
	return nil
}

// counting tells add how many bytes went through.
type counting struct {
	r   io.Reader
	add func(int)
}

func (c *counting) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if n > 0 {
		c.add(n)
	}
	return n, err
}

// cacheCopy writes an archive into the cache as it streams. A cache that
// cannot be written is no error: the copy is dropped.
type cacheCopy struct {
	path string
	f    *os.File
}

func newCacheCopy(path string) *cacheCopy {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return &cacheCopy{}
	}
	atomicfile.RemoveStale(dir, func(string) bool { return true })
	f, err := atomicfile.CreateTemp(path)
	if err != nil {
		return &cacheCopy{}
	}
	return &cacheCopy{path: path, f: f}
}

func (c *cacheCopy) Write(p []byte) (int, error) {
	if c.f != nil {
		if _, err := c.f.Write(p); err != nil {
			c.discard()
		}
	}
	return len(p), nil
}

// keep puts the copy in place: the whole archive, verified.
func (c *cacheCopy) keep() {
	if c == nil || c.f == nil {
		return
	}
	tmp := c.f.Name()
	err := c.f.Close()
	c.f = nil
	if err != nil || os.Rename(tmp, c.path) != nil {
		os.Remove(tmp)
	}
}

// discard drops the copy, unless it was kept.
func (c *cacheCopy) discard() {
	if c == nil || c.f == nil {
		return
	}
	c.f.Close()
	os.Remove(c.f.Name())
	c.f = nil
}
