//go:build lean && !unix

package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
)

// execFull runs the full command line on this process's standard streams and
// returns its exit status.
func execFull(path string, args []string, stderr io.Writer) int {
	cmd := exec.Command(path, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &ee):
		return ee.ExitCode()
	}
	fmt.Fprintf(stderr, "dealmodel: running %s: %v\n", path, err)
	return ExitFailure
}
