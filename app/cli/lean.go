//go:build lean

package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"dealmodel/backend/scenario"
)

// FullProgram is the file name of the full command line, which the lean build
// (installed as dealmodel) runs for everything it does not do itself. make cli
// writes it beside dealmodel in build/bin; the Debian package installs it in
// /usr/lib/dealmodel.
const FullProgram = "dealmodel-full"

func init() { delegate = runFull }

// resolveStored: a stored scenario is for the full command line.
func resolveStored(*env, string, string) (*scenario.Scenario, error) {
	return nil, errNeedsFull
}

// storeMessage: the lean build has no store, so no store errors.
func storeMessage(io.Writer, error) bool { return false }

// runFull runs the full command line with args in this process's place.
func runFull(args []string, stderr io.Writer) int {
	path, err := fullPath()
	if err != nil {
		fmt.Fprintln(stderr, "dealmodel:", err)
		return ExitFailure
	}
	return execFull(path, args, stderr)
}

// fullPath finds the full command line beside this program (build/bin), or in
// ../lib/dealmodel from it (/usr/bin and /usr/lib/dealmodel).
func fullPath() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("cannot find this program's folder, to run %s: %v", FullProgram, err)
	}
	if real, err := filepath.EvalSymlinks(exe); err == nil {
		exe = real
	}
	dir := filepath.Dir(exe)
	tried := []string{filepath.Join(dir, FullProgram), filepath.Join(dir, "..", "lib", "dealmodel", FullProgram)}
	for _, p := range tried {
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
	}
	return "", fmt.Errorf("this command needs the full command line, %s, which is not installed (looked for %s and %s): reinstall Dealmodel", FullProgram, tried[0], tried[1])
}
