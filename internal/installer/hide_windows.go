package installer

import "golang.org/x/sys/windows"

// hide gives the file at path Windows' hidden attribute, so that dir and
// Explorer do not list it; a failure only leaves it seen.
func hide(path string) {
	p, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return
	}
	attrs, err := windows.GetFileAttributes(p)
	if err != nil {
		return
	}
	windows.SetFileAttributes(p, attrs|windows.FILE_ATTRIBUTE_HIDDEN)
}
