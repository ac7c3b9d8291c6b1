package sim

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"dealmodel/backend/scenario"
)

// v2Cases are the hand-computed cases of format v2 (app/cli/testdata/v2), one per
// feature of the format.
var v2Cases = []string{"actuals", "revshare", "equity", "tranches", "capacity"}

// TestFloatMatchesEngineV2: the float model agrees with the exact engine to 1e-9
// on every feature of format v2, at the hand-computed cases' values and at random
// values of all their numeric fields.
func TestFloatMatchesEngineV2(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, stem := range v2Cases {
		t.Run(stem, func(t *testing.T) {
			path := filepath.Join("..", "..", "app", "cli", "testdata", "v2", stem+".yaml")
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			s, err := scenario.Parse(path, data)
			if err != nil {
				t.Fatal(err)
			}
			m := mustCompile(t, s)
			w := m.newWork()
			if err := m.eval(w); err != nil {
				t.Fatal(err)
			}
			compareExact(t, "base", m, w, evalExact(t, s))
			if checked := checkRandomFields(t, s, rng, 80); checked < 30 {
				t.Errorf("only %d random scenarios were valid", checked)
			}
		})
	}
}

// TestFloatMatchesEngineV2Edges: v2 features where the cases are quiet: a cap that
// counts from before the horizon and is reached by paid_before, a cap lowered by a
// change below what already counts, a rate change, linear marks with a flat
// stretch and marks after end, a capacity running past both ends of the horizon
// with two price changes, a lapsed tranche, actuals of a stream listed from before
// the horizon, and a discount rate.
func TestFloatMatchesEngineV2Edges(t *testing.T) {
	s := mustParse(t, `version: 2
name: v2 edges
start: 2025Q3
end: 2029Q2
discount_rate: 7.5%
streams:
  rev:
    annual: {2024: 8B, 2025: 12B, 2026: 20B}
    growth: {2027: 35%}
    actuals: {2025Q3: 2B, 2026Q2: 6B, 2031Q1: 9B}
contracts:
  early:
    type: revenue_share
    payer: A
    payee: B
    base: rev
    rate: 10%
    from: 2024Q1
    until: 2028Q4
    cap: 2B
    cap_from: 2024Q3
    paid_before: 2B
  lowered:
    type: revenue_share
    payer: A
    payee: C
    base: rev
    rate: 20%
    cap_from: 2025Q4
    paid_before: 0.5B
    changes:
      2026Q1: {cap: 9B, note: "Capped"}
      2027Q1: {rate: 12.5%, cap: 6B}
      2028Q1: {cap: 30B}
  stake:
    type: equity
    holder: B
    stake: 30%
    changes:
      2026Q3: {stake: 27.5%}
      2028Q1: {stake: 25%}
    valuation:
      method: marks
      interpolate: linear
      marks: {2025Q1: 300B, 2025Q4: 500B, 2026Q2: 500B, 2027Q3: 852B, 2031Q4: 2T}
  compute:
    type: capacity
    payer: A
    payee: D
    gw: {2024Q4: 0.5, 2026Q1: "1.5GW", 2027Q3: "2500MW"}
    price: 12B
    until: 2030Q2
    changes:
      2026Q3: {price: 11B}
      2029Q4: {price: 9.5B}
  money:
    type: payment
    payer: E
    payee: A
    tranches:
      one: {at: 2025Q3, amount: 5B}
      lapsed: {at: 2027Q2, amount: 3B, expires: 2026}
      late: {at: 2030Q1, amount: 4B, expires: 2030}
      early: {at: 2024Q2, amount: 1B}
`)
	m := mustCompile(t, s)
	w := m.newWork()
	if err := m.eval(w); err != nil {
		t.Fatal(err)
	}
	res := evalExact(t, s)
	compareExact(t, "base", m, w, res)
	if got := res.MetricByID("contract.early.cap_hit"); got.Null || got.Quarter.String() != "2024Q3" {
		t.Errorf("a cap reached by paid_before binds at cap_from, got %+v", got)
	}
	if checked := checkRandomFields(t, s, rand.New(rand.NewPCG(5, 6)), 200); checked < 60 {
		t.Errorf("only %d random scenarios were valid", checked)
	}
}
