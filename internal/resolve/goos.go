package resolve

import "runtime"

func goos() string { return runtime.GOOS }
