//go:build !unix

package cli

import (
	"fmt"
	"os/exec"
)

// launch starts the desktop app and returns: a window needs no console.
func launch(path string) error {
	if err := exec.Command(path).Start(); err != nil {
		return fmt.Errorf("%w %s: %v", errLaunch, path, err)
	}
	return nil
}
