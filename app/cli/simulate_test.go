package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// simCLI runs the command line and returns its output and exit status. A name
// that is neither a file nor a built-in is looked up in a database of the test's
// own, never the user's.
func simCLI(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	t.Setenv("DEALMODEL_DB", filepath.Join(t.TempDir(), "dealmodel.db"))
	var o, e bytes.Buffer
	code = Main(args, &o, &e)
	return o.String(), e.String(), code
}

var twoDecimals = regexp.MustCompile(`^-?[0-9]+\.[0-9]{2}$`)

func TestSimulateJSON(t *testing.T) {
	out, errOut, code := simCLI(t, "simulate", "briefing", "--format", "json", "--runs", "2000", "--seed", "9")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc struct {
		Runs       int                           `json:"runs"`
		Seed       int64                         `json:"seed"`
		Summary    map[string]map[string]string  `json:"summary"`
		CapBindsBy map[string]map[string]float64 `json:"cap_binds_by"`
		Tornado    []map[string]string           `json:"tornado"`
		Omitted    *int                          `json:"tornado_omitted"`
		Metric     string                        `json:"metric"`
		Histogram  struct {
			Edges  []string
			Counts []int
		} `json:"histogram"`
		Bands struct {
			Periods []string                       `json:"periods"`
			Series  map[string]map[string][]string `json:"series"`
		} `json:"bands"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if doc.Runs != 2000 || doc.Seed != 9 {
		t.Errorf("runs %d, seed %d", doc.Runs, doc.Seed)
	}
	// Every amount metric of `run`, with ids as `run` writes them.
	runOut, _, _ := simCLI(t, "run", "briefing", "--format", "json")
	var run struct{ Summary map[string]*string }
	if err := json.Unmarshal([]byte(runOut), &run); err != nil {
		t.Fatal(err)
	}
	for id, v := range run.Summary {
		if v == nil || !twoDecimals.MatchString(*v) {
			continue // a quarter or a year
		}
		st, ok := doc.Summary[id]
		if !ok {
			t.Errorf("summary lacks %s", id)
			continue
		}
		if len(st) != 9 {
			t.Errorf("%s has keys %v", id, st)
		}
		for _, k := range []string{"mean", "sd", "p5", "p10", "p25", "p50", "p75", "p90", "p95"} {
			if !twoDecimals.MatchString(st[k]) {
				t.Errorf("%s.%s = %q, not an amount with two decimals", id, k, st[k])
			}
		}
	}
	if len(doc.Summary) != 52 {
		t.Errorf("%d summary metrics, want the 52 amount metrics of the briefing", len(doc.Summary))
	}
	years := doc.CapBindsBy["msft_revshare"]
	if len(years) != 8 {
		t.Fatalf("cap_binds_by: %v", doc.CapBindsBy)
	}
	prev := 0.0
	for _, y := range []string{"2025", "2026", "2027", "2028", "2029", "2030", "2031", "2032"} {
		p, ok := years[y]
		if !ok || p < prev || p > 1 {
			t.Errorf("cap_binds_by %s = %v (after %v)", y, p, prev)
		}
		prev = p
	}
	if len(doc.Tornado) != 19 || doc.Tornado[0]["input"] != "contracts.msft_revshare.cap" || !twoDecimals.MatchString(doc.Tornado[0]["swing"]) {
		t.Errorf("tornado: %v", doc.Tornado)
	}
	if doc.Omitted == nil || *doc.Omitted != 0 {
		t.Errorf("tornado_omitted: %v, want 0 (the briefing's 19 inputs all have a bar)", doc.Omitted)
	}
	if doc.Metric != "contract.msft_revshare.total_paid" || len(doc.Histogram.Edges) != 41 || len(doc.Histogram.Counts) != 40 {
		t.Errorf("metric %s, histogram %d edges", doc.Metric, len(doc.Histogram.Edges))
	}
	if len(doc.Bands.Periods) != 32 || len(doc.Bands.Series["contract.msft_revshare.cumulative"]["p90"]) != 32 {
		t.Errorf("bands: %d periods", len(doc.Bands.Periods))
	}

	// The same seed prints the same document.
	again, _, _ := simCLI(t, "simulate", "briefing", "--format", "json", "--runs", "2000", "--seed", "9")
	if again != out {
		t.Error("the same seed printed another document")
	}
}

func TestSimulateDefaults(t *testing.T) {
	out, errOut, code := simCLI(t, "simulate", "microsoft-cap", "--format", "json")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.HasPrefix(out, "{\n  \"runs\": 10000,\n  \"seed\": 42,\n  \"summary\": {") {
		t.Errorf("the document starts %q", out[:min(80, len(out))])
	}
}

func TestSimulateTable(t *testing.T) {
	for _, name := range []string{"briefing", "microsoft-no-cap", "compute", "valuation-multiple"} {
		out, errOut, code := simCLI(t, "simulate", name, "--runs", "1000")
		if code != ExitOK {
			t.Fatalf("%s: exit %d: %s", name, code, errOut)
		}
		for _, line := range strings.Split(out, "\n") {
			if n := utf8.RuneCountInString(line); n > 80 {
				t.Errorf("%s: a line of %d characters: %q", name, n, line)
			}
		}
		for _, want := range []string{"Monte Carlo: 1,000 runs", "Mean", "Tornado:", "Distribution:"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: the table lacks %q", name, want)
			}
		}
	}
}

func TestSimulateInvalid(t *testing.T) {
	dir := t.TempDir()
	plain := filepath.Join(dir, "plain.yaml")
	if err := os.WriteFile(plain, []byte("version: 1\nname: plain\nstart: 2026Q1\nend: 2026Q4\nstreams:\n  rev:\n    annual: {2026: 1B}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		args []string
		msg  string
	}{
		{[]string{"simulate", plain}, "no uncertain inputs"},
		{[]string{"simulate", "briefing", "--runs", "0"}, "--runs 0"},
		{[]string{"simulate", "briefing", "--runs", "many"}, "runs"},
		{[]string{"simulate", "briefing", "--seed", "x"}, "--seed"},
		{[]string{"simulate", "briefing", "--format", "xml"}, "--format"},
		{[]string{"simulate", "briefing", "--metric", "contract.msft_revshare.total_pad"}, "did you mean contract.msft_revshare.total_paid"},
		{[]string{"simulate", "briefing", "--metric", "contract.msft_revshare.cap_hit"}, "not an amount"},
		{[]string{"simulate", "nosuchscenario"}, "no scenario file, built-in or stored scenario"},
		{[]string{"simulate", "briefing", "compute"}, "one scenario"},
		{[]string{"simulate"}, "one scenario"},
	}
	for _, c := range cases {
		out, errOut, code := simCLI(t, c.args...)
		if code != ExitInvalid || out != "" || !strings.Contains(errOut, c.msg) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 mentioning %q", c.args, code, out, errOut, c.msg)
		}
	}
}

// TestSimulateStored: simulate and solve find a scenario stored in the database
// by its name.
func TestSimulateStored(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "lib.db")
	src := filepath.Join(dir, "study.yaml")
	data, err := os.ReadFile(filepath.Join("..", "..", "scenarios", "microsoft-cap.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	data = bytes.Replace(data, []byte("name: "), []byte("name: \"Cap study\"\n# was: "), 1)
	if err := os.WriteFile(src, data, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := simCLI(t, "scenarios", "import", src, "--db", db); code != ExitOK {
		t.Fatalf("import: exit %d: %s", code, errOut)
	}
	if out, errOut, code := simCLI(t, "simulate", "Cap study", "--db", db, "--runs", "500"); code != ExitOK || !strings.HasPrefix(out, "Cap study\n") {
		t.Errorf("simulate: exit %d: %s%s", code, errOut, out)
	}
	if out, errOut, code := simCLI(t, "solve", "Cap study", "--db", db, "--input", "contracts.msft_revshare.cap",
		"--metric", "contract.msft_revshare.total_paid", "--target", "30B"); code != ExitOK || !strings.HasPrefix(out, "contracts.msft_revshare.cap = 26.24B\n") {
		t.Errorf("solve: exit %d: %s%s", code, errOut, out)
	}
}
