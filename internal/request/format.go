package request

import (
	"strconv"
	"strings"

	"github.com/pylauncher/py/internal/pyver"
)

// String writes the request in its own syntax, canonically where it can
// (3.12.0rc1 for 3.12rc1, cpython@3.12 for cp312): parsing it with the
// same syntax gives the same request (Text and Origin aside).
func (r *Request) String() string {
	if r.HasTag {
		if r.Company != "" || strings.Contains(r.Text, "/") {
			return r.Company + "/" + r.Tag
		}
		return r.Tag
	}
	switch r.Kind {
	case Any:
		if r.Syntax == Selector {
			return ""
		}
		return "any"
	case Default:
		return "default"
	case Path:
		return r.Path
	case Name:
		return r.Name
	case System:
		return "system"
	case Tag:
		return r.Text
	}
	return r.versionString()
}

// versionString writes a Version request: uv's implementation@version
// (or @specifier), flags and variants, and launcher2's -32, -64, -arm64.
func (r *Request) versionString() string {
	if r.Syntax == Specifier {
		return r.Spec.String()
	}
	if r.Machine != "" && r.Machine != "arm64" || r.Machine == "arm64" && r.Syntax != Option {
		return r.Text // an install key: kept as written
	}
	var b strings.Builder
	switch r.Impl {
	case "":
	case pyver.CPython, pyver.PyPy, pyver.GraalPy:
		b.WriteString(r.Impl)
		b.WriteByte('@')
	default:
		return r.Text
	}
	switch {
	case r.Spec != nil:
		b.WriteString(r.Spec.String())
		if r.FreeThreaded {
			b.WriteByte('t')
		}
		return b.String()
	case !r.Version.Known() && r.Impl == "":
		return r.Text
	case !r.Version.Known():
		return strings.TrimSuffix(b.String(), "@")
	}
	b.WriteString(versionText(r.Version))
	b.WriteString(r.flags())
	return b.String()
}

// flags writes the variant and architecture of a version request.
func (r *Request) flags() string {
	s := ""
	if r.FreeThreaded {
		s += "t"
	}
	if r.Debug {
		s += "d"
	}
	if r.GIL {
		s += "+gil"
	}
	switch {
	case r.Bits == 32:
		s += "-32"
	case r.Not32:
		s += "-64"
	case r.Machine == "arm64":
		s += "-arm64"
	}
	return s
}

// versionText writes a requested version: 3, 3.12, 3.12.1, 3.14.0rc1.
func versionText(v pyver.Version) string {
	s := strconv.Itoa(v.Major)
	if v.Minor >= 0 {
		s += "." + strconv.Itoa(v.Minor)
		if v.Micro >= 0 {
			s += "." + strconv.Itoa(v.Micro)
		}
	}
	return s + v.Pre
}

// Describe formats the request and its origin: `"3.12" (from PY_PYTHON)`.
// The text is quoted as people write it (no Go escapes: Windows paths
// keep single backslashes).
func (r *Request) Describe() string {
	if r.Origin == "" {
		return `"` + r.Text + `"`
	}
	return `"` + r.Text + `" (from ` + r.Origin + ")"
}
