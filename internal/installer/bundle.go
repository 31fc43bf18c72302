package installer

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"

	"github.com/pylauncher/py/internal/atomicfile"
	"github.com/pylauncher/py/internal/catalog"
	"github.com/pylauncher/py/internal/quote"
	"github.com/pylauncher/py/internal/readfile"
	"github.com/pylauncher/py/internal/request"
	"github.com/pylauncher/py/internal/unpack"
)

// bundleIndex is the index of an offline bundle, beside its archives.
const bundleIndex = "index.json"

// archiveExt is the file ending of each format.
var archiveExt = map[unpack.Format]string{unpack.TarGz: ".tar.gz", unpack.TarZst: ".tar.zst", unpack.TarBz2: ".tar.bz2", unpack.Zip: ".zip"}

// bundle runs py install --download DIR: it writes the archives the
// requests choose into DIR, verified, with an index.json whose URLs are
// relative, so that py install --source DIR works on a machine without
// network. An index already in DIR keeps its other entries.
func (a *app) bundle(ctx context.Context, c command, reqs []request.Request, cat catalog.Catalog, source string) error {
	dir, err := filepath.Abs(c.download)
	if err != nil {
		return err
	}
	indexPath := filepath.Join(dir, bundleIndex)
	var kept []catalog.Download
	if data, err := readfile.Read(indexPath, 64<<20); err == nil {
		old, err := catalog.Parse(data)
		if err != nil {
			return fmt.Errorf("%s is there already and is not an index: %w", quote.String(indexPath), err)
		}
		kept = old.Downloads
	}
	var errs []error
	for i := range reqs {
		d, ok := cat.Choose(&reqs[i], a.st.platform)
		if !ok {
			errs = append(errs, &noDownloadError{request: reqs[i].Text, platform: a.st.platform})
			continue
		}
		u := resolveURL(source, d.URL)
		format, err := unpack.FormatOf(u)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		name := d.InstallKey() + archiveExt[format]
		if c.dryRun {
			fmt.Fprintf(a.stdout, "would download %s\n  (%s, sha256 %s)\n  to %s\n", a.client.Rewrite(u), d.InstallKey(), d.SHA256, filepath.Join(dir, name))
			continue
		}
		var bar *meter
		var last int64
		err = a.client.Download(ctx, u, d.SHA256, filepath.Join(dir, name), func(done, total int64) {
			if bar == nil {
				bar = a.progress(d.InstallKey(), a.client.Rewrite(u), total, false)
			}
			if done > last {
				bar.add(int(done - last))
			}
			last = done
		})
		if bar != nil {
			bar.finish()
		}
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			errs = append(errs, err)
			continue
		}
		a.infof("Saved %s", quote.String(filepath.Join(dir, name)))
		d.URL = url.PathEscape(name)
		kept = replaceKey(kept, d)
	}
	if !c.dryRun && len(kept) > 0 {
		data, err := catalog.Marshal(kept)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		if err := atomicfile.Write(indexPath, append(data, '\n'), 0o644); err != nil {
			return err
		}
		a.infof("Wrote %s: install from it with py install --source %s", quote.String(indexPath), quote.String(dir))
	}
	return a.failures(ctx, errs)
}

// replaceKey puts d into ds in place of a download of the same install.
func replaceKey(ds []catalog.Download, d catalog.Download) []catalog.Download {
	for i := range ds {
		if ds[i].InstallKey() == d.InstallKey() {
			ds[i] = d
			return ds
		}
	}
	return append(ds, d)
}
