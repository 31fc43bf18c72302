package installer

import (
	"fmt"
	"time"

	"github.com/schollz/progressbar/v3"
)

// meter shows a download's progress: a bar (bytes, total, rate, time
// left) when stderr is a terminal; otherwise one line when it starts.
// Nothing with -q.
type meter struct {
	bar *progressbar.ProgressBar
}

// progress starts the meter of the archive of key from url; size is -1
// when unknown. A copy from py's cache (local) says so.
func (a *app) progress(key, url string, size int64, local bool) *meter {
	if a.quiet {
		return &meter{}
	}
	what := "Downloading"
	if local {
		what = "Unpacking"
	}
	if !a.term {
		if size >= 0 {
			a.infof("%s %s (%s) from %s", what, key, byteText(size), url)
		} else {
			a.infof("%s %s from %s", what, key, url)
		}
		return &meter{}
	}
	desc := what + " " + key
	if !a.noColor {
		desc = "[cyan]" + desc + "[reset]"
	}
	bar := progressbar.NewOptions64(size,
		progressbar.OptionSetWriter(a.stderr),
		progressbar.OptionSetDescription(desc),
		progressbar.OptionEnableColorCodes(!a.noColor),
		progressbar.OptionShowBytes(true),
		progressbar.OptionShowTotalBytes(true),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionUseIECUnits(true),
	)
	// The rate counts from now, not from the first bytes (whose first
	// rate would be theirs over no time at all).
	bar.StartWithoutRender()
	return &meter{bar: bar}
}

func (m *meter) add(n int) {
	if m.bar != nil {
		m.bar.Add(n)
	}
}

// finish clears the bar.
func (m *meter) finish() {
	if m.bar != nil {
		m.bar.Finish()
		m.bar = nil
	}
}

// byteText writes a size for people: "25.3 MiB".
func byteText(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}
