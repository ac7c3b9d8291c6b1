package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The lean build links none of what `dealmodel run` on a built-in does not use.
func TestLeanBuildLinksNoStorePDFChartsOrWeb(t *testing.T) {
	out, err := exec.Command("go", "list", "-tags", "lean", "-deps", ".").Output()
	if err != nil {
		t.Fatal(err)
	}
	deps := "\n" + string(out)
	for _, heavy := range []string{"modernc.org/sqlite", "codeberg.org/go-pdf/fpdf", "github.com/go-echarts/go-echarts/v2/charts", "net/http", "dealmodel/backend/store", "dealmodel/backend/report", "dealmodel/app/web", "dealmodel/frontend", "runtime/metrics"} {
		if strings.Contains(deps, "\n"+heavy+"\n") {
			t.Errorf("the lean build links %s", heavy)
		}
	}
}

// build compiles this command, lean or whole, into dir as name.
func build(t *testing.T, dir, name string, lean bool) string {
	t.Helper()
	out := filepath.Join(dir, name)
	args := []string{"build", "-o", out}
	if lean {
		args = append(args, "-tags", "lean")
	}
	cmd := exec.Command("go", append(args, ".")...)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, b)
	}
	return out
}

func run(t *testing.T, bin string, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		status = ee.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	return o.String(), e.String(), status
}

// The lean build prints what the full command line prints, and hands it what it
// does not do itself: a stored scenario, the other commands, the usage.
func TestLeanBuildMatchesTheFullCommandLine(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command twice")
	}
	dir := t.TempDir()
	full := build(t, dir, "dealmodel-full", false)
	lean := build(t, dir, "dealmodel", true)
	t.Setenv("DEALMODEL_DB", filepath.Join(dir, "scenarios.db"))
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
	file := filepath.Join(dir, "copy.yaml")
	data, err := os.ReadFile("../../scenarios/compute.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	// A built-in by its name rather than its stem comes from the store.
	out, _, _ := run(t, full, "run", "compute", "--format", "json")
	var named struct{ Scenario string }
	if err := json.Unmarshal([]byte(out), &named); err != nil || named.Scenario == "" {
		t.Fatalf("run compute --format json: %v %q", err, out)
	}
	for _, args := range [][]string{
		{"run", "briefing"},
		{"run", "briefing", "--format", "json"},
		{"run", "briefing", "--format", "csv", "--period", "year"},
		{"run", file},
		{"run", "-h"},
		{"run", "nosuch"}, // not built in: the full one says so
		{"run", named.Scenario, "--period", "year"},
		{"run"},
		{"version"},
		{"--version"},
		{"scenarios", "list"},
		{"help"},
		{},
		{"bogus"},
	} {
		fo, fe, fs := run(t, full, args...)
		lo, le, ls := run(t, lean, args...)
		if lo != fo || le != fe || ls != fs {
			t.Errorf("dealmodel %q: the lean build printed\n%s%s(status %d)\nthe full one\n%s%s(status %d)", args, lo, le, ls, fo, fe, fs)
		}
	}

	// Without the full command line beside it, the lean build says what is missing.
	alone := t.TempDir()
	lonely := filepath.Join(alone, "dealmodel")
	if err := os.Rename(lean, lonely); err != nil {
		t.Fatal(err)
	}
	if _, _, status := run(t, lonely, "run", "briefing"); status != 0 {
		t.Errorf("run briefing without dealmodel-full: status %d", status)
	}
	_, stderr, status := run(t, lonely, "scenarios", "list")
	if status != 1 || !strings.Contains(stderr, "dealmodel-full") || !strings.Contains(stderr, "reinstall") {
		t.Errorf("scenarios list without dealmodel-full: status %d, %q", status, stderr)
	}
}
