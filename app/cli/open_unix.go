//go:build unix

package cli

import (
	"fmt"
	"os"
	"syscall"
)

// launch replaces this process with the desktop app, so that whoever started
// dealmodel (a terminal, make run, a test) holds the app's process and sees its
// exit status.
func launch(path string) error {
	if err := syscall.Exec(path, []string{path}, os.Environ()); err != nil {
		return fmt.Errorf("%w %s: %v", errLaunch, path, err)
	}
	return nil
}
