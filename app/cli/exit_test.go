package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dealmodel/backend/fault"
)

// Every kind of failure exits with its documented status, through real commands:
// what the user can fix (invalid input, a name that is not there, a name taken)
// exits 2, anything else 1; stderr says what happened, without a Go trace.
func TestExitStatusOfEachKind(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("version: 2\nname: [\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		exit int
		says string
	}{
		{[]string{"run", bad}, ExitInvalid, "bad.yaml:2"},
		{[]string{"run", "briefing", "--period", "decade", "--db", db}, ExitInvalid, "decade"},
		{[]string{"scenarios", "show", "No such scenario", "--db", db}, ExitInvalid, "No such scenario"},
		{[]string{"scenarios", "copy", "OpenAI compute commitments and Amazon's investment", "Briefing: OpenAI's deals with Microsoft, Amazon, Oracle and others", "--db", db}, ExitInvalid, "Briefing"},
		{[]string{"scenarios", "list", "--db", "/dev/null/x.db"}, ExitFailure, "Cannot create the folder of the database"},
	} {
		code, _, errs := cli(t, c.args...)
		if code != c.exit || !strings.Contains(errs, c.says) || strings.Contains(errs, "goroutine") {
			t.Errorf("%v: exit %d, stderr %q; want %d saying %q", c.args, code, errs, c.exit, c.says)
		}
	}
}

// The mapping itself, kind by kind: the one place kinds become exit statuses.
func TestExitOfKinds(t *testing.T) {
	for k, want := range map[fault.Kind]int{
		"":             ExitOK,
		fault.Invalid:  ExitInvalid,
		fault.NotFound: ExitInvalid,
		fault.Conflict: ExitInvalid,
		fault.Busy:     ExitFailure,
		fault.Internal: ExitFailure,
	} {
		if got := exitOf(k); got != want {
			t.Errorf("exitOf(%q) = %d, want %d", k, got, want)
		}
	}
}
