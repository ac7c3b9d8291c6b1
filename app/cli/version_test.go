package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"dealmodel/internal/version"
)

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		code, out, errOut := cli(t, args...)
		if code != ExitOK || errOut != "" {
			t.Fatalf("%v: exit %d, stderr %q", args, code, errOut)
		}
		if out != version.Get().String() {
			t.Errorf("%v printed %q", args, out)
		}
		for _, w := range []string{"Dealmodel ", "\ncommit ", "\nbuilt ", "\ngo        " + runtime.Version() + "\n"} {
			if !strings.Contains(out, w) {
				t.Errorf("%v: %q lacks %q", args, out, w)
			}
		}
	}
	code, out, _ := cli(t, "version", "--format", "json")
	var got version.Info
	if code != ExitOK || json.Unmarshal([]byte(out), &got) != nil || got != version.Get() {
		t.Fatalf("exit %d, %q", code, out)
	}
	if code, out, errOut := cli(t, "version", "extra"); code != ExitInvalid || out != "" || !strings.Contains(errOut, "no arguments") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

func TestOpenWithoutDisplay(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		t.Skip("always a desktop there")
	}
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
	if HasDisplay() {
		t.Fatal("a display without DISPLAY or WAYLAND_DISPLAY")
	}
	code, out, errOut := cli(t, "open")
	if code != ExitInvalid || out != "" || !strings.Contains(errOut, "serve --open") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	t.Setenv("WAYLAND_DISPLAY", "wayland-0")
	if !HasDisplay() {
		t.Error("no display with WAYLAND_DISPLAY set")
	}
}

func TestDesktopPath(t *testing.T) {
	dir := t.TempDir()
	app := filepath.Join(dir, "app")
	if err := os.WriteFile(app, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv(EnvDesktop, app)
	if p, err := desktopPath(); err != nil || p != app {
		t.Fatalf("%q, %v", p, err)
	}
	t.Setenv(EnvDesktop, filepath.Join(dir, "missing"))
	if _, err := desktopPath(); err == nil || !strings.Contains(err.Error(), EnvDesktop) {
		t.Fatalf("%v", err)
	}
	// Neither beside the test binary nor on PATH: say where it looked and what to do.
	t.Setenv(EnvDesktop, "")
	t.Setenv("PATH", dir)
	_, err := desktopPath()
	if err == nil || !strings.Contains(err.Error(), "not installed") || !strings.Contains(err.Error(), "make build") {
		t.Fatalf("%v", err)
	}
}
