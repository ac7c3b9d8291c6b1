package app

import (
	"os"
	"runtime/debug"
)

// SoftMemoryLimit is the heap size above which the window and the browser mode
// collect garbage harder (runtime/debug.SetMemoryLimit): a simulation of a large
// scenario allocates in bursts, and without a limit the heap may grow to twice what
// it holds before a collection. It is soft: the process may go above it when it
// needs more, it then only works harder to come back.
const SoftMemoryLimit = 128 << 20

// LimitMemory sets SoftMemoryLimit for a long-running process, unless GOMEMLIMIT
// sets another.
func LimitMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(SoftMemoryLimit)
	}
}
