//go:build lean && unix

package cli

import (
	"fmt"
	"io"
	"os"
	"syscall"
)

// execFull replaces this process with the full command line, which so inherits
// its standard streams, and whose exit status is the caller's.
func execFull(path string, args []string, stderr io.Writer) int {
	err := syscall.Exec(path, append([]string{path}, args...), os.Environ())
	fmt.Fprintf(stderr, "dealmodel: running %s: %v\n", path, err)
	return ExitFailure
}
