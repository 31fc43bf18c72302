package installer

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/pylauncher/py/internal/catalog"
	"github.com/pylauncher/py/internal/pyver"
	"github.com/pylauncher/py/internal/request"
	"github.com/pylauncher/py/internal/store"
)

// onlineEntry is one line of py list --online, and its JSON.
type onlineEntry struct {
	Key            string `json:"key"`
	Version        string `json:"version"`
	Implementation string `json:"implementation"`
	FreeThreaded   bool   `json:"free_threaded"`
	Debug          bool   `json:"debug"`
	OS             string `json:"os"`
	Arch           string `json:"arch"`
	Libc           string `json:"libc"`
	URL            string `json:"url"`
	SHA256         string `json:"sha256"`
	Installed      bool   `json:"installed"`
	Path           string `json:"path,omitempty"`
}

// listOnline runs py list --online: the downloads for this machine,
// newest first, those py installed marked; requests filter them.
func (a *app) listOnline(ctx context.Context, c command) error {
	var reqs []request.Request
	for _, t := range c.requests {
		r, err := request.FromLine(t, "the command line")
		if err != nil {
			return &badRequestError{t, err.Error()}
		}
		reqs = append(reqs, r)
	}
	source, err := a.source(c)
	if err != nil {
		return err
	}
	cat, err := a.loadCatalog(ctx, source)
	if err != nil {
		return err
	}
	installed, err := a.st.store.List()
	if err != nil {
		return err
	}
	entries := onlineEntries(cat.For(a.st.platform), reqs, installed, c.onlyInstalled)
	if c.json {
		data, err := json.MarshalIndent(entries, "", "  ")
		if err != nil {
			return err
		}
		a.stdout.Write(append(data, '\n'))
		return nil
	}
	a.stdout.Write([]byte(onlineTable(entries)))
	return nil
}

// onlineEntries are the downloads the requests select (all without
// any), marked installed when py installed them. It is pure.
func onlineEntries(ds []catalog.Download, reqs []request.Request, installed []store.Install, onlyInstalled bool) []onlineEntry {
	entries := []onlineEntry{}
	for _, d := range ds {
		if len(reqs) > 0 && !matchesAny(reqs, d.Build) {
			continue
		}
		e := onlineEntry{
			Key: d.InstallKey(), Version: d.Build.Version.String(), Implementation: d.Build.Impl,
			FreeThreaded: d.Build.FreeThreaded, Debug: d.Build.Debug, OS: d.OS, Arch: d.Arch, Libc: d.Libc,
			URL: d.URL, SHA256: d.SHA256,
		}
		if in := byKey(installed, e.Key); in != nil {
			e.Installed, e.Path = true, in.Exe()
		}
		if onlyInstalled && !e.Installed {
			continue
		}
		entries = append(entries, e)
	}
	return entries
}

func matchesAny(reqs []request.Request, b pyver.Build) bool {
	for i := range reqs {
		if reqs[i].Match(b) == pyver.Yes {
			return true
		}
	}
	return false
}

// onlineTable lays the entries out: key, name, and where it is
// installed.
func onlineTable(entries []onlineEntry) string {
	if len(entries) == 0 {
		return "No downloads match!\n"
	}
	width := 0
	for _, e := range entries {
		width = max(width, utf8.RuneCountInString(e.Key))
	}
	var b strings.Builder
	for _, e := range entries {
		name := displayName(e)
		where := "<download available>"
		if e.Installed {
			where = e.Path
		}
		fmt.Fprintf(&b, " %-*s  %-28s  %s\n", width, e.Key, name, where)
	}
	return b.String()
}

func displayName(e onlineEntry) string {
	name := "Python"
	switch e.Implementation {
	case pyver.PyPy:
		name = "PyPy"
	case pyver.GraalPy:
		name = "GraalPy"
	}
	name += " " + e.Version
	if e.FreeThreaded {
		name += " free-threaded"
	}
	if e.Debug {
		name += " debug"
	}
	return name
}
