package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"dealmodel/backend/engine"
)

// planeChars holds a character of every Unicode plane: letters and symbols of the
// Basic Multilingual Plane, emoji and mathematical letters (plane 1), CJK
// extensions (2, 3), unassigned planes (4-13), tags (14) and private use (15, 16).
var planeChars = []rune{'é', '€', 0x1F680, 0x1D538, 0x20000, 0x30000, 0x40000, 0x50000, 0x60000,
	0x70000, 0x80000, 0x90000, 0xA0000, 0xB0000, 0xC0000, 0xD0000, 0xE0001, 0xF0000, 0x10FFFD}

func hostileScenario(t *testing.T, name, party, growth, end string) string {
	t.Helper()
	return fmt.Sprintf(`version: 1
name: %q
description: %q
start: 2025Q1
end: %s
streams:
  rev:
    label: %q
    annual: {2025: 1B}
    growth: {2026: %s}
    source: %q
contracts:
  share:
    type: revenue_share
    label: %q
    payer: %q
    payee: Microsoft
    base: rev
    rate: 20%%
    cap: 38B
  buy:
    type: payment
    payer: Microsoft
    payee: %q
    schedule: {2026Q1: 999999999999999}
  stake:
    type: equity
    holder: %q
    stake: 27%%
    valuation: {amount: 852B, at: 2026Q1}
uncertainty:
  inputs:
    contracts.share.cap: {dist: triangular, low: 25B, mode: 38B, high: 60B}
`, name, name+" described", end, name+" revenue", growth, name+" source", name+" share", party, party, party)
}

// Every export takes names in every Unicode plane and extreme but valid values:
// no panic, no error; the PDF prints what its font cannot hold as U+FFFD and says
// so; the CSV keeps every character.
func TestExportsTakeEveryPlaneAndExtremeValues(t *testing.T) {
	cases := map[string]struct{ name, party, growth, end string }{}
	for _, r := range planeChars {
		n := fmt.Sprintf("Deal %c U+%04X", r, r)
		cases[n] = struct{ name, party, growth, end string }{n, fmt.Sprintf("Party %c", r), "10%", "2032Q4"}
	}
	// A growth of 10^10 a year over 40 years: exact amounts of hundreds of
	// digits, far past float64 for the charts.
	cases["extreme"] = struct{ name, party, growth, end string }{"Deal 🚀 extreme", "OpenAI", "10000000000", "2064Q4"}
	cases["shrinking"] = struct{ name, party, growth, end string }{"Shrinking", "OpenAI", "-100%", "2064Q4"}
	for label, c := range cases {
		t.Run(label, func(t *testing.T) {
			s := mustParse(t, "h.yaml", []byte(hostileScenario(t, c.name, c.party, c.growth, c.end)))
			other := mustParse(t, "o.yaml", []byte(hostileScenario(t, c.name+" 𝔹 other", "Other 🚀", "5%", "2030Q4")))
			q := mustRun(t, s)
			for _, r := range []*engine.Result{q, q.ByYear()} {
				var sched, sum bytes.Buffer
				if err := WriteScheduleCSV(&sched, r, CSVOptions{Labels: true}); err != nil {
					t.Fatal(err)
				}
				if err := WriteSummaryCSV(&sum, r, CSVOptions{Labels: true}); err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(sched.String(), c.party) || !strings.Contains(sum.String(), c.party) {
					t.Errorf("the CSV lost the party name %q", c.party)
				}
			}
			b := &Briefing{Scenario: s, Result: q, Revision: "r1", Now: fixedNow,
				Compare: []Alternative{{Scenario: other, Revision: "r2"}}}
			var pdf []byte
			func() {
				defer func() {
					if v := recover(); v != nil {
						t.Fatalf("WritePDF panicked: %v", v)
					}
				}()
				pdf = mustPDF(t, b)
			}()
			text := flat(strings.Join(pdfText(t, pdf), " "))
			beyond := strings.ContainsFunc(c.name+c.party, func(r rune) bool { return r > 0xFFFF })
			alone := &Briefing{Scenario: s, Result: q}
			if beyond != alone.Unprintable() || !b.Unprintable() {
				t.Errorf("Unprintable() = %v alone, %v with a compared name beyond the BMP; want %v, true", alone.Unprintable(), b.Unprintable(), beyond)
			}
			if has := strings.Contains(text, "are printed as \uFFFD"); has != true {
				// The compared scenario's name always has a character beyond the BMP.
				t.Errorf("the PDF does not say it replaced characters")
			}
			if !beyond && !strings.Contains(text, c.name) {
				t.Errorf("the PDF does not show the name %q", c.name)
			}
			if beyond && !strings.Contains(text, strings.Map(func(r rune) rune {
				if r > 0xFFFF {
					return '\uFFFD'
				}
				return r
			}, c.name)) {
				t.Errorf("the PDF does not show the name %q with its replacement", c.name)
			}
		})
	}
}

func TestNiceTicksTakesAnyRange(t *testing.T) {
	for _, c := range [][2]float64{{0, 1e308}, {0, 1.7976931348623157e308}, {-1e308, 1e308}, {0, 0}, {5, 5},
		{1e300, 1e300}, {0, 1e-300}} {
		ticks, step := niceTicks(c[0], c[1], 5)
		if len(ticks) == 0 || len(ticks) > 30 || step <= 0 {
			t.Errorf("niceTicks(%g, %g) = %v, %g", c[0], c[1], ticks, step)
		}
	}
}
