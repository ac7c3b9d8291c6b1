package cli

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// DesktopProgram is the file name of the desktop app, which the packages install
// beside this command and make build writes beside it in build/bin.
const DesktopProgram = "dealmodel-desktop"

// EnvDesktop names the environment variable that points at the desktop app, for a
// layout where it is not beside this command.
const EnvDesktop = "DEALMODEL_DESKTOP"

func init() {
	register(command{
		name: "open", order: 1, run: openCmd,
		args: "",
		help: "open the desktop app (what dealmodel without arguments does when there is a display)",
	})
}

func openCmd(e *env, args []string) error {
	if len(args) > 0 {
		return invalidf("open takes no arguments (found %q)", args[0])
	}
	if !HasDisplay() {
		return invalidf("there is no display to open the desktop app on (DISPLAY and WAYLAND_DISPLAY are unset): use dealmodel serve --open to use the app in a browser")
	}
	path, err := desktopPath()
	if err != nil {
		return err
	}
	return launch(path)
}

// HasDisplay tells whether a desktop window can open: on Windows and macOS there
// is always a desktop; elsewhere, an X11 or Wayland display must be named.
func HasDisplay() bool {
	switch runtime.GOOS {
	case "windows", "darwin":
		return true
	}
	return os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != ""
}

// desktopPath finds the desktop app: $DEALMODEL_DESKTOP, else beside this program
// (symbolic links followed), else on PATH.
func desktopPath() (string, error) {
	if p := os.Getenv(EnvDesktop); p != "" {
		if isExecutable(p) {
			return p, nil
		}
		return "", fmt.Errorf("%s=%s is not an executable file", EnvDesktop, p)
	}
	name := DesktopProgram
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	var looked []string
	if exe, err := os.Executable(); err == nil {
		if real, err := filepath.EvalSymlinks(exe); err == nil {
			exe = real
		}
		p := filepath.Join(filepath.Dir(exe), name)
		if isExecutable(p) {
			return p, nil
		}
		looked = append(looked, filepath.Dir(exe))
	}
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	looked = append(looked, "PATH")
	return "", fmt.Errorf("the desktop app (%s) is not installed: looked in %s. Install the package, build it with make build, or use dealmodel serve --open", name, strings.Join(looked, " and "))
}

func isExecutable(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular() && (runtime.GOOS == "windows" || fi.Mode().Perm()&0o111 != 0)
}

var errLaunch = errors.New("could not start the desktop app")
