package sim

import (
	"context"
	"math"
	"reflect"
	"strings"
	"testing"

	"dealmodel/backend/scenario"
)

// quarterDeals has an uncertain quarter of every kind: a revenue share's from,
// until and cap_from, a commitment's from, a capacity's until, a tranche's at and
// expires; two of them correlated.
const quarterDeals = `version: 2
name: uncertain quarters
start: 2025Q1
end: 2028Q4
discount_rate: 8%
streams:
  rev:
    annual: {2025: 10B, 2026: 16B, 2027: 25B, 2028: 36B}
contracts:
  share:
    type: revenue_share
    base: rev
    payer: A
    payee: B
    rate: 20%
    from: 2025Q1
    until: 2028Q4
    cap: 9B
    cap_from: 2026Q1
    changes:
      2027Q1: {rate: 15%}
  com:
    type: commitment
    payer: A
    payee: C
    total: 12B
    from: 2025Q2
    years: 3
  gpu:
    type: capacity
    payer: A
    payee: D
    gw: {2025Q2: 1, 2026Q1: 2}
    price: 4B
    until: 2027Q4
  inv:
    type: payment
    payer: E
    payee: A
    tranches:
      up: {at: 2025Q1, amount: 1B}
      cont: {at: 2026Q4, amount: 3B, expires: 2027Q4}
uncertainty:
  runs: 20000
  seed: 9
  inputs:
    contracts.share.from: {dist: discrete, values: [2025Q1, 2025Q3], p: [50%, 50%]}
    contracts.share.until: {dist: discrete, values: [2028Q2, 2028], p: [40%, 60%]}
    contracts.share.cap_from: {dist: discrete, values: [2025Q3, 2026Q1, 2026Q3], p: [20%, 30%, 50%]}
    contracts.share.cap: {dist: uniform, low: 6B, high: 12B}
    contracts.com.from: {dist: discrete, values: [2024Q4, 2025Q2, 2026Q1], p: [25%, 50%, 25%]}
    contracts.gpu.until: {dist: discrete, values: [2026Q4, 2029Q2], p: [50%, 50%]}
    contracts.inv.tranches.cont.at: {dist: discrete, values: [2026Q2, 2027Q4, 2028Q2], p: [30%, 45%, 25%]}
    contracts.inv.tranches.cont.expires: {dist: discrete, values: [2027Q2, 2027], p: [50%, 50%]}
  correlations:
    - inputs: [contracts.share.from, contracts.inv.tranches.cont.at]
      rho: 0.6
`

// runDraws returns run r's draws as assignments for With.
func runDraws(m *Model, w *work) []Assignment {
	var as []Assignment
	for i := range m.inputs {
		in := &m.inputs[i]
		as = append(as, Assignment{Path: in.path, Value: exact(in.field.Kind, w.vals[in.slot])})
	}
	return as
}

// The float program follows the exact engine for drawn quarters of every kind,
// correlated draws included, run by run.
func TestFloatMatchesEngineQuarters(t *testing.T) {
	s := mustParse(t, quarterDeals)
	m := mustCompile(t, s)
	w := m.newWork()
	if err := m.eval(w); err != nil {
		t.Fatal(err)
	}
	compareExact(t, "base", m, w, evalExact(t, s))
	seen := map[string]bool{}
	for r := range 60 {
		m.draw(w, 9, r)
		if err := m.eval(w); err != nil {
			t.Fatal(err)
		}
		ds, err := With(s, runDraws(m, w))
		if err != nil {
			t.Fatal(err)
		}
		compareExact(t, "run", m, w, evalExact(t, ds))
		for _, in := range m.inputs {
			if in.field.Kind == scenario.KindQuarter {
				seen[in.path+"="+scenario.Quarter(w.vals[in.slot]).String()] = true
			}
		}
	}
	// Every value of every quarter was among the runs compared.
	for _, in := range s.Uncertainty.Inputs {
		if in.Dist != scenario.DistDiscrete {
			continue
		}
		qs, err := in.DiscreteValues(scenario.KindQuarter)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range qs {
			if k := in.Path + "=" + scenario.Quarter(q.IntPart()).String(); !seen[k] {
				t.Errorf("no run drew %s", k)
			}
		}
	}
}

// A discrete quarter reproduces its probabilities: each quarter is drawn in its
// share of the runs, and the tranche is paid in the quarter drawn.
func TestDiscreteQuarterReproducesProbabilities(t *testing.T) {
	y := strings.Replace(quarterDeals, "expires: 2027Q4}", "expires: 2028Q4}", 1) // every draw is payable
	y = strings.Replace(y, "    contracts.inv.tranches.cont.expires: {dist: discrete, values: [2027Q2, 2027], p: [50%, 50%]}\n", "", 1)
	m := mustCompile(t, mustParse(t, y))
	out, err := m.Simulate(context.Background(), Options{Samples: true})
	if err != nil {
		t.Fatal(err)
	}
	sm := out.Samples
	col := -1
	for i, c := range sm.Inputs {
		if c.ID == "contracts.inv.tranches.cont.at" {
			col = i
		}
	}
	if col < 0 || sm.Inputs[col].Kind != string(scenario.KindQuarter) {
		t.Fatalf("no quarter column for the tranche: %+v", sm.Inputs)
	}
	want := map[string]float64{"2026Q2": 0.30, "2027Q4": 0.45, "2028Q2": 0.25}
	count := map[string]int{}
	runs := len(sm.InputValues[col])
	for r, x := range sm.InputValues[col] {
		q := scenario.Quarter(x).String()
		count[q]++
		// The tranche's 3B is paid in the drawn quarter: the payment's NPV is that
		// of 1B in 2025Q1 and 3B in q.
		npv := 1e9/math.Pow(1.08, 0.25) + 3e9/math.Pow(1.08, float64(int(scenario.Quarter(x)-scenario.NewQuarter(2025, 1))+1)/4)
		if got := metricValue(t, sm, "contract.inv.npv", r); math.Abs(got-npv) > 1e-3 {
			t.Fatalf("run %d: the tranche drawn in %s has NPV %.2f, want %.2f", r+1, q, got, npv)
		}
	}
	if len(count) != len(want) {
		t.Fatalf("quarters drawn: %v", count)
	}
	for q, p := range want {
		got := float64(count[q]) / float64(runs)
		if math.Abs(got-p) > 5*math.Sqrt(p*(1-p)/float64(runs)) {
			t.Errorf("%s drawn in %.4f of runs, want %.2f", q, got, p)
		}
	}
}

func metricValue(t *testing.T, sm *Samples, id string, r int) float64 {
	t.Helper()
	for j, c := range sm.Metrics {
		if c.ID == id {
			return sm.MetricValues[j][r]
		}
	}
	t.Fatalf("no metric %s", id)
	return 0
}

// A tranche drawn after its deadline is never paid, inside the horizon or
// outside it; drawn by its deadline it is paid in full.
func TestTrancheAfterDeadlineNeverPaid(t *testing.T) {
	m := mustCompile(t, mustParse(t, quarterDeals))
	out, err := m.Simulate(context.Background(), Options{Runs: 4000, Samples: true})
	if err != nil {
		t.Fatal(err)
	}
	sm := out.Samples
	var at, exp int
	for i, c := range sm.Inputs {
		switch c.ID {
		case "contracts.inv.tranches.cont.at":
			at = i
		case "contracts.inv.tranches.cont.expires":
			exp = i
		}
	}
	lapsed, paid := 0, 0
	for r := range sm.InputValues[at] {
		total := metricValue(t, sm, "contract.inv.total_paid", r) + metricValue(t, sm, "contract.inv.outside_horizon", r)
		want := 4e9
		if sm.InputValues[at][r] > sm.InputValues[exp][r] {
			want = 1e9
			lapsed++
		} else {
			paid++
		}
		if total != want {
			t.Fatalf("run %d: tranche at %s, expiring %s: paid %.2f, want %.2f", r+1,
				scenario.Quarter(sm.InputValues[at][r]), scenario.Quarter(sm.InputValues[exp][r]), total, want)
		}
	}
	// 2028Q2 always lapses, 2027Q4 when it expires in 2027Q2: 25% + 45% × 50%.
	if p := float64(lapsed) / 4000; math.Abs(p-0.475) > 0.04 || paid == 0 {
		t.Errorf("the tranche lapsed in %.3f of runs, want about 0.475", p)
	}
}

// Quarter draws depend on the seed only, not on the workers.
func TestQuartersReproducible(t *testing.T) {
	one := simulate(t, quarterDeals, Options{Runs: 3000, Samples: true, Workers: 1})
	two := simulate(t, quarterDeals, Options{Runs: 3000, Samples: true, Workers: 2})
	if !reflect.DeepEqual(one.Samples.InputValues, two.Samples.InputValues) || !reflect.DeepEqual(one.Summary, two.Summary) {
		t.Error("the workers change the result")
	}
	for j := range one.Samples.MetricValues {
		for r, x := range one.Samples.MetricValues[j] {
			if y := two.Samples.MetricValues[j][r]; x != y && !(math.IsNaN(x) && math.IsNaN(y)) {
				t.Fatalf("run %d: %s is %v with one worker, %v with two", r+1, one.Samples.Metrics[j].ID, x, y)
			}
		}
	}
}

// A quarter is uncertain only through discrete values that each make a valid
// scenario; values of one contract must also fit together.
func TestQuarterInputErrors(t *testing.T) {
	for _, c := range []struct{ from, to, want string }{
		{"contracts.share.from: {dist: discrete, values: [2025Q1, 2025Q3], p: [50%, 50%]}",
			"contracts.share.from: {dist: uniform, low: 2025Q1, high: 2025Q3}",
			"uncertainty.inputs.contracts.share.from"},
		{"contracts.share.cap_from: {dist: discrete, values: [2025Q3, 2026Q1, 2026Q3], p: [20%, 30%, 50%]}",
			"contracts.share.cap_from: {dist: discrete, values: [2026Q1, 2029Q1], p: [50%, 50%]}",
			"uncertainty.inputs.contracts.share.cap_from.values.2: 2029Q1 would make the scenario invalid: contracts.share.cap_from: cap_from (2029Q1) is outside the contract's term"},
		{"contracts.inv.tranches.cont.at: {dist: discrete, values: [2026Q2, 2027Q4, 2028Q2], p: [30%, 45%, 25%]}",
			"contracts.inv.tranches.cont.at: {dist: discrete, values: [2026Q2, 2027Q5], p: [30%, 70%]}",
			"uncertainty.inputs.contracts.inv.tranches.cont.at.values.2"},
	} {
		y := strings.Replace(quarterDeals, c.from, c.to, 1)
		if y == quarterDeals {
			t.Fatalf("no %q in the scenario", c.from)
		}
		_, err := scenario.Parse("test.yaml", []byte(y))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.to, err, c.want)
		}
	}
	// Each value fits alone, but from 2028Q3 with until 2028Q2 does not.
	y := strings.Replace(quarterDeals, "values: [2025Q1, 2025Q3]", "values: [2025Q1, 2028Q3]", 1)
	y = strings.Replace(y, "    cap_from: 2026Q1\n", "", 1)
	y = strings.Replace(y, "    contracts.share.cap_from: {dist: discrete, values: [2025Q3, 2026Q1, 2026Q3], p: [20%, 30%, 50%]}\n", "", 1)
	y = strings.Replace(y, "    changes:\n      2027Q1: {rate: 15%}\n", "", 1)
	s, err := scenario.Parse("test.yaml", []byte(y))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Compile(s)
	if err == nil || !strings.Contains(err.Error(), "contracts.share.from = 2028Q3") || !strings.Contains(err.Error(), "contracts.share.until = 2028Q2") {
		t.Errorf("error %v, want one naming from 2028Q3 with until 2028Q2", err)
	}
}
