package cli

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// planeScenario puts c in every text a scenario has: name, description, labels,
// sources, party names; with the values given.
func planeScenario(name string, c rune, annual, growth, payment, end string) string {
	return fmt.Sprintf(`version: 1
name: %q
description: "What %c means, described"
start: 2025Q1
end: %s
streams:
  rev:
    label: "Revenue %c"
    annual: {2025: %s}
    growth: {2026: %s}
    source: "Source %c"
contracts:
  share:
    type: revenue_share
    label: "Share %c"
    payer: "Payer %c"
    payee: Microsoft
    base: rev
    rate: 20%%
    cap: 38B
  buy:
    type: payment
    payer: Microsoft
    payee: "Payer %c"
    schedule: {2026Q1: %s}
  stake:
    type: equity
    holder: "Holder %c"
    stake: 27%%
    valuation: {amount: 852B, at: 2026Q1}
uncertainty:
  runs: 200
  seed: 5
  inputs:
    contracts.share.cap: {dist: triangular, low: 25B, mode: 38B, high: 60B}
`, name, c, end, c, annual, growth, c, c, c, c, payment, c)
}

// No command ends in a panic, whatever the texts hold and however large the
// values: names in every Unicode plane (0-3 and 14-16 hold characters; the
// others are unassigned) and values at the format's limits go through run,
// simulate, table, export (CSV, summary CSV and the PDF, compared with a stored
// scenario) and the scenario commands.
func TestEveryCommandTakesEveryPlane(t *testing.T) {
	db := "--db=" + filepath.Join(t.TempDir(), "d.db")
	type tc struct{ name, annual, growth, payment, end string }
	cases := map[string]tc{}
	for _, r := range []rune{'東', 0x1F680, 0x20000, 0x30000, 0xE0001, 0xF0000, 0x10FFFD} {
		cases[fmt.Sprintf("U+%04X", r)] = tc{fmt.Sprintf("Deal %c U+%04X", r, r), "13B", "50%", "1B", "2030Q4"}
	}
	// The largest amount the format takes (21 digits before the point), growing
	// tenfold-billion a year over the longest horizon (40 years).
	cases["extreme"] = tc{"Deal 🚀 extreme", "999999999999999999999", "10000000000", "999999999999999999999.99", "2064Q4"}
	for label, c := range cases {
		t.Run(label, func(t *testing.T) {
			r := []rune(strings.TrimPrefix(c.name, "Deal "))[0]
			p := writeFile(t, "s.yaml", planeScenario(c.name, r, c.annual, c.growth, c.payment, c.end))
			other := writeFile(t, "o.yaml", planeScenario(c.name+" other", r, "13B", "10%", "1B", "2030Q4"))
			if code, _, errs := cli(t, "scenarios", "import", other, db); code != ExitOK {
				t.Fatalf("import: %s", errs)
			}
			dir := t.TempDir()
			commands := [][]string{
				{"run", p},
				{"simulate", p},
				{"export", p, "--csv", filepath.Join(dir, "s.csv"), "--summary-csv", filepath.Join(dir, "m.csv"), "--labels", "--pdf", filepath.Join(dir, "s.pdf"), "--compare", c.name + " other", db},
				{"scenarios", "list", db},
			}
			if label == "extreme" || label == "U+1F680" {
				commands = append(commands, [][]string{
					{"run", p, "--format", "csv", "--period", "year"},
					{"run", p, "--format", "json"},
					{"table", p, "--x", "contracts.share.cap=25B,60B", "--y", "contracts.share.rate=10%,30%", "--metric", "contract.share.total_paid"},
					{"export", p, "--pdf", filepath.Join(dir, "s.pdf"), "--no-uncertainty", "--period", "year"},
					{"scenarios", "show", c.name + " other", db},
					{"scenarios", "history", c.name + " other", db},
				}...)
			}
			for _, args := range commands {
				code, out, errs := cli(t, args...)
				if strings.Contains(errs, "internal error") || strings.Contains(errs, "panic") || code == ExitFailure {
					t.Errorf("%s: exit %d: %s", strings.Join(args, " "), code, errs)
				}
				// Values that leave the simulation's float range are refused
				// with what to do; everything else works.
				if code != ExitOK && !(label == "extreme" && strings.Contains(errs, "narrow the ranges of the uncertain inputs")) {
					t.Errorf("%s: exit %d: %s", strings.Join(args, " "), code, errs)
				}
				if code == ExitOK && args[0] == "run" && !strings.Contains(out, fmt.Sprintf("%c", r)) {
					t.Errorf("%s: the output lost %c", strings.Join(args, " "), r)
				}
			}
		})
	}
}
