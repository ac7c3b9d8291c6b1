package cli

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"dealmodel/scenarios"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/golden")

// cli runs the command line and returns its exit status, stdout and stderr.
func cli(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, &out, &errb)
	return code, out.String(), errb.String()
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// The JSON of every built-in scenario, in both period views, matches its golden file.
// The golden files were checked against an independent computation; run
// `go test ./app/cli -update` after an intended change and review the diff.
func TestRunGolden(t *testing.T) {
	for _, b := range scenarios.All() {
		for _, period := range []string{"quarter", "year"} {
			name := b.Stem + "." + period + ".json"
			t.Run(name, func(t *testing.T) {
				code, out, errs := cli(t, "run", b.Stem, "--format", "json", "--period", period)
				if code != ExitOK || errs != "" {
					t.Fatalf("exit %d, stderr %q", code, errs)
				}
				path := filepath.Join("testdata", "golden", name)
				if *update {
					if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run with -update to create it)", err)
				}
				if out != string(want) {
					t.Fatalf("output differs from %s (run with -update after an intended change)", path)
				}
			})
		}
	}
}

// Figures computed independently of the engine (exact decimal arithmetic by hand,
// from the scenario files) for the Microsoft cap scenarios.
func TestRunMatchesIndependentFigures(t *testing.T) {
	cases := []struct {
		stem, totalPaid, capHit, npv string
	}{
		// 20% from 2025Q1, uncapped through 2026Q1 ($3.76B on 13.1B and the 5.7B
		// actual), then counted toward the cap from 2026Q2; 2030 at $280B.
		{"microsoft-cap", "41760000000.00", `"2029Q2"`, "31664336885.28"},
		{"microsoft-cap-low", "29760000000.00", `"2028Q3"`, "23515477852.78"},
		{"microsoft-cap-high", "71760000000.00", `"2030Q2"`, "50263481179.80"},
		{"microsoft-no-cap", "112400000000.00", "null", "73742512095.51"},
	}
	for _, c := range cases {
		_, out, _ := cli(t, "run", c.stem, "--format", "json")
		var doc struct {
			Summary map[string]json.RawMessage `json:"summary"`
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for k, v := range doc.Summary {
			got[k] = string(v)
		}
		if got["contract.msft_revshare.total_paid"] != `"`+c.totalPaid+`"` || got["contract.msft_revshare.cap_hit"] != c.capHit || got["contract.msft_revshare.npv"] != `"`+c.npv+`"` {
			t.Errorf("%s: total %s, cap_hit %s, npv %s", c.stem, got["contract.msft_revshare.total_paid"], got["contract.msft_revshare.cap_hit"], got["contract.msft_revshare.npv"])
		}
	}
}

// The combined briefing's totals, computed independently of the engine.
func TestRunBriefingMatchesIndependentFigures(t *testing.T) {
	_, out, _ := cli(t, "run", "briefing", "--format", "json", "--period", "year")
	var doc struct {
		Series  map[string][]string `json:"series"`
		Summary map[string]any      `json:"summary"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		// AWS 38B + expansion 80B of 100B (20B after 2032: 5 quarters × 2 GW × 8B / 4),
		// Azure 250B, Oracle 300B, CoreWeave 22.4B, Cerebras 20B.
		"total.commitments.total_paid":      "710400000000.00",
		"total.commitments.outside_horizon": "20000000000.00",
		// Compute, 41.76B to Microsoft, less Amazon's 50B and the reverse share
		// (20% of 7.33B / 4 over 5 quarters = 1.8325B).
		"party.OpenAI.net_total":      "-700327500000.00",
		"party.Microsoft.net_total":   "289927500000.00",
		"party.AWS.net_total":         "118000000000.00",
		"party.Oracle.net_total":      "300000000000.00",
		"party.CoreWeave.net_total":   "22400000000.00",
		"party.Cerebras.net_total":    "20000000000.00",
		"party.Amazon.net_total":      "-50000000000.00",
		"total.commitments.peak_year": "2028",
	}
	for k, v := range want {
		if doc.Summary[k] != v {
			t.Errorf("%s = %v, want %s", k, doc.Summary[k], v)
		}
	}
	spend := strings.Join(doc.Series["total.commitments.paid"], " ")
	if spend != "3240769230.77 28522735042.74 80603931623.93 137492820512.82 134492820512.82 132982820512.82 131012820512.82 62051282051.28" {
		t.Errorf("compute spend by year: %s", spend)
	}
}

func TestRunJSONShape(t *testing.T) {
	p := writeFile(t, "s.yaml", `version: 1
name: "Unseen"
start: 2025Q3
end: 2026Q2
streams:
  rev: {annual: {2025: 10.004, 2026: 20}}
contracts:
  share: {type: revenue_share, payer: A, payee: B, base: rev, rate: 50%, cap: 7}
`)
	code, out, errs := cli(t, "run", p, "--format", "json", "--period", "year")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d: %s", code, errs)
	}
	want := `{
  "scenario": "Unseen",
  "period": "year",
  "periods": ["2025", "2026"],
  "series": {
    "stream.rev": ["5.00", "10.00"],
    "contract.share.accrued": ["2.50", "5.00"],
    "contract.share.paid": ["2.50", "4.50"],
    "contract.share.cumulative": ["2.50", "7.00"],
    "party.A.in": ["0.00", "0.00"],
    "party.A.out": ["2.50", "4.50"],
    "party.A.net": ["-2.50", "-4.50"],
    "party.B.in": ["2.50", "4.50"],
    "party.B.out": ["0.00", "0.00"],
    "party.B.net": ["2.50", "4.50"]
  },
  "summary": {
    "stream.rev.total": "15.00",
    "contract.share.total_paid": "7.00",
    "contract.share.cap_hit": "2026Q2",
    "contract.share.npv": "7.00",
    "contract.share.total_accrued": "7.50",
    "contract.share.cap_savings": "0.50",
    "party.A.net_total": "-7.00",
    "party.B.net_total": "7.00"
  }
}
`
	if out != want {
		t.Fatalf("got:\n%s\nwant:\n%s", out, want)
	}
}

// A scenario whose texts are still as a template wrote them says so: a note on
// stderr in every format, and a "placeholders" list in the JSON; the figures and
// the exit status are as for any scenario.
func TestRunNotesPlaceholders(t *testing.T) {
	p := writeFile(t, "s.yaml", `version: 1
name: "From a template"
start: 2025Q3
end: 2026Q2
streams:
  rev: {annual: {2025: 10, 2026: 20}}
contracts:
  share:
    type: revenue_share
    payer: Company
    payee: Real Partner Inc.
    base: rev
    rate: 50%
    sources: ["Placeholder from the template: replace with the figure and its source"]
`)
	code, out, errs := cli(t, "run", p, "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	want := "dealmodel: note: in \"From a template\", 2 texts are still as the template wrote them (payer “Company”, source “Placeholder from the template: replace with the figure and its source”): replace them before the figures are passed on\n"
	if errs != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", errs, want)
	}
	var doc struct {
		Series       map[string][]string `json:"series"`
		Placeholders []struct {
			Path, Owner, What, Value string
		} `json:"placeholders"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if len(doc.Series["contract.share.paid"]) != 4 {
		t.Errorf("series %v", doc.Series)
	}
	if len(doc.Placeholders) != 2 || doc.Placeholders[0].Path != "contracts.share.payer" || doc.Placeholders[0].Value != "Company" ||
		doc.Placeholders[1].Path != "contracts.share.sources" || doc.Placeholders[1].What != "source" {
		t.Errorf("placeholders %+v", doc.Placeholders)
	}
	for _, format := range []string{"table", "csv"} {
		code, out, errs := cli(t, "run", p, "--format", format)
		if code != 0 || errs != want || strings.Contains(out, "placeholder") {
			t.Errorf("%s: exit %d, stderr %q, output mentions placeholders: %v", format, code, errs, strings.Contains(out, "placeholder"))
		}
	}
	// The export says it too (its PDF has the caveat on its summary page).
	code, _, errs = cli(t, "export", p, "--csv", filepath.Join(t.TempDir(), "s.csv"))
	if code != 0 || errs != want {
		t.Errorf("export: exit %d, stderr %q", code, errs)
	}
}

func TestRunRejectsMalformedFile(t *testing.T) {
	p := writeFile(t, "bad.yaml", "version: 1\nname: x\nstart: 2025Q1\nend: 2025Q4\nstreams:\n  rev:\n    anual: {2025: 1}\n")
	code, out, errs := cli(t, "run", p, "--format", "json")
	if code != ExitInvalid {
		t.Fatalf("exit %d, want %d", code, ExitInvalid)
	}
	if out != "" {
		t.Fatalf("stdout not empty: %q", out)
	}
	for _, want := range []string{p + ":7:5", "streams.rev.anual", `did you mean "annual"`} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q: %s", want, errs)
		}
	}
}

func TestRunInvalidArguments(t *testing.T) {
	cases := [][]string{
		{"run"},
		{"run", "briefing", "extra"},
		{"run", "briefing", "--format", "xml"},
		{"run", "briefing", "--period", "month"},
		{"run", "briefing", "--nope"},
		{"run", "no-such-scenario"},
		{"run", "missing.yaml"},
		{"frobnicate"},
	}
	for _, args := range cases {
		code, out, errs := cli(t, args...)
		if code != ExitInvalid || out != "" || errs == "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errs)
		}
	}
}

func TestRunByNameAndFormats(t *testing.T) {
	b, _ := scenarios.ByStem("microsoft-cap")
	var name string
	for _, l := range strings.Split(string(b.Data), "\n") {
		if strings.HasPrefix(l, "name:") {
			name = strings.Trim(strings.TrimSpace(strings.TrimPrefix(l, "name:")), `"`)
		}
	}
	_, byStem, _ := cli(t, "run", "microsoft-cap", "--format", "csv")
	code, byName, errs := cli(t, "run", name, "--format", "csv")
	if code != 0 || byName != byStem {
		t.Fatalf("by name %q: exit %d %s", name, code, errs)
	}
	lines := strings.Split(strings.TrimSpace(byStem), "\n")
	if len(lines) != 33 || !strings.HasPrefix(lines[0], "period,stream.openai_revenue,") || !strings.HasPrefix(lines[1], "2025Q1,") {
		t.Fatalf("csv: %d lines, header %q", len(lines), lines[0])
	}
	// The table fits an 80-column terminal.
	_, table, _ := cli(t, "run", "briefing", "--period", "year")
	for _, l := range strings.Split(table, "\n") {
		if utf8.RuneCountInString(l) > 80 {
			t.Errorf("line wider than 80 columns: %q", l)
		}
	}
	if !strings.Contains(table, "$38.00B") || !strings.Contains(table, "2029Q2") {
		t.Errorf("table lacks the key figures:\n%s", table)
	}
}

func TestCommandHelp(t *testing.T) {
	for _, name := range []string{"run", "export", "simulate", "scenarios list", "serve"} {
		args := append(strings.Fields(name), "--help")
		code, out, errs := cli(t, args...)
		if code != ExitOK || errs != "" || !strings.Contains(out, "Usage: dealmodel") || !strings.Contains(out, "-") {
			t.Errorf("%s --help: exit %d, stdout %q, stderr %q", name, code, out, errs)
		}
	}
}

// --db naming a scenario file is refused, and the file is left alone.
func TestDatabaseFlagRefusesScenarioFiles(t *testing.T) {
	p := writeFile(t, "mine.yaml", storedScenario)
	code, out, errs := cli(t, "scenarios", "list", "--db", p)
	if code != ExitInvalid || out != "" || !strings.Contains(errs, "scenario file, not a database") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if data, err := os.ReadFile(p); err != nil || string(data) != storedScenario {
		t.Fatalf("the scenario file was touched: %v", err)
	}
}
