//go:build !windows

package launcher

// messageBox: only Windows has pyw.
func messageBox(title, text string) {}
