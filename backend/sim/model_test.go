package sim

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"

	"dealmodel/backend/engine"
	"dealmodel/backend/scenario"
	"dealmodel/scenarios"
)

// agreeTol is how close the float model must come to the exact engine: 1e-9
// relative, with a floor of a millionth of a dollar for figures that are exactly 0.
const agreeTol = 1e-9

func near(f float64, e decimal.Decimal) bool {
	x := e.InexactFloat64()
	return math.Abs(f-x) <= agreeTol*math.Abs(x)+1e-6
}

// compareExact checks every series value and summary metric of the float
// evaluation in w against the engine's result for the same inputs.
func compareExact(t *testing.T, what string, m *Model, w *work, res *engine.Result) {
	t.Helper()
	if len(m.series) != len(res.Series) || len(m.metrics) != len(res.Summary) {
		t.Fatalf("%s: the float model has %d series and %d metrics, the engine %d and %d",
			what, len(m.series), len(m.metrics), len(res.Series), len(res.Summary))
	}
	bad := 0
	for i, sr := range m.series {
		ex := res.Series[i]
		if ex.ID != sr.id {
			t.Fatalf("%s: series %d is %s, the engine's %s", what, i, sr.id, ex.ID)
		}
		for q, x := range w.row(i, m.n) {
			if !near(x, ex.Values[q]) && bad < 10 {
				bad++
				t.Errorf("%s: %s[%s] = %.6f, the engine says %s", what, sr.id, res.Periods[q], x, ex.Values[q])
			}
		}
	}
	for i, mt := range m.metrics {
		ex := res.Summary[i]
		if ex.ID != mt.id {
			t.Fatalf("%s: metric %d is %s, the engine's %s", what, i, mt.id, ex.ID)
		}
		x := w.metrics[i]
		switch ex.Kind {
		case engine.Amount:
			if !near(x, ex.Amount) {
				t.Errorf("%s: %s = %.6f, the engine says %s", what, mt.id, x, ex.Amount)
			}
		case engine.QuarterValue, engine.YearValue:
			got := "null"
			if !math.IsNaN(x) {
				got = scenario.Quarter(x).String()
			}
			want := "null"
			if !ex.Null {
				want = ex.Quarter.String()
			}
			if got != want {
				t.Errorf("%s: %s = %s, the engine says %s", what, mt.id, got, want)
			}
		}
	}
}

func evalExact(t *testing.T, s *scenario.Scenario) *engine.Result {
	t.Helper()
	res, err := engine.Run(s)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestFloatMatchesEngineBase: the float model reproduces the engine's base case of
// every built-in scenario, every series value and every summary metric.
func TestFloatMatchesEngineBase(t *testing.T) {
	for _, b := range scenarios.All() {
		t.Run(b.Stem, func(t *testing.T) {
			s := mustBuiltin(t, b.Stem)
			m := mustCompile(t, s)
			w := m.newWork()
			if err := m.eval(w); err != nil {
				t.Fatal(err)
			}
			compareExact(t, "base", m, w, evalExact(t, s))
		})
	}
}

// TestFloatMatchesEngineDraws: the same for simulated draws of the uncertain
// inputs, applied to the exact engine as the decimals nearest to the draws.
func TestFloatMatchesEngineDraws(t *testing.T) {
	for _, b := range scenarios.All() {
		t.Run(b.Stem, func(t *testing.T) {
			s := mustBuiltin(t, b.Stem)
			m := mustCompile(t, s)
			w := m.newWork()
			for r := range 25 {
				copy(w.vals, m.vals)
				var as []Assignment
				for i := range m.inputs {
					in := &m.inputs[i]
					w.src.seed(7, r, in.key)
					x := in.dist.sample(&w.src)
					w.vals[in.slot] = x
					as = append(as, Assignment{Path: in.path, Value: exact(in.field.Kind, x)})
				}
				if err := m.eval(w); err != nil {
					t.Fatal(err)
				}
				ds, err := With(s, as)
				if err != nil {
					t.Fatal(err)
				}
				compareExact(t, "draw", m, w, evalExact(t, ds))
			}
		})
	}
}

// TestFloatMatchesEngineProperty: the same for random values of every numeric
// field (not only the uncertain ones), commitment terms included, over wide
// ranges. Draws that make the scenario invalid are skipped.
func TestFloatMatchesEngineProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, b := range scenarios.All() {
		t.Run(b.Stem, func(t *testing.T) {
			if checked := checkRandomFields(t, mustBuiltin(t, b.Stem), rng, 60); checked < 20 {
				t.Errorf("only %d random scenarios were valid", checked)
			}
		})
	}
}

// checkRandomFields compares the float model with the engine on tries random
// variations of s's numeric fields and returns how many were valid scenarios.
func checkRandomFields(t *testing.T, s *scenario.Scenario, rng *rand.Rand, tries int) int {
	t.Helper()
	m := mustCompile(t, s)
	checked := 0
	for range tries {
		var as []Assignment
		vals := append([]float64(nil), m.vals...)
		for i, f := range m.fields {
			if rng.IntN(3) == 0 {
				continue // keep some fields at base
			}
			base := m.vals[i]
			var x float64
			switch f.Kind {
			case scenario.KindAmount, scenario.KindNumber:
				x = base * rng.Float64() * 2
				if rng.IntN(10) == 0 {
					x = 0
				}
			case scenario.KindRate:
				lo, hi := -0.9, 1.0
				if f.Min != nil && f.Min.IsZero() {
					lo = 0
				}
				if f.Max == nil {
					hi = 2
				}
				x = lo + rng.Float64()*(hi-lo)
			case scenario.KindInteger:
				x = float64(1 + rng.IntN(12))
			}
			d := exact(f.Kind, x)
			vals[i] = d.InexactFloat64()
			as = append(as, Assignment{Path: f.Path, Value: d})
		}
		ds, err := With(s, as)
		if err != nil || ds.Validate() != nil {
			continue
		}
		res, err := engine.Run(ds)
		if err != nil {
			continue
		}
		w := m.newWork()
		copy(w.vals, vals)
		if err := m.eval(w); err != nil {
			t.Fatalf("the engine computes what the float model refuses: %v", err)
		}
		compareExact(t, "random", m, w, res)
		checked++
	}
	return checked
}

// TestFloatMatchesEngineEdges: the float model on what the built-in scenarios do
// not show: a stream listed from before the horizon and one starting inside it,
// several growth keys, a share counting from before the horizon with paid_before
// at the cap, a commitment started before the horizon and running past it, a
// payment scheduled outside the horizon, a disabled contract, a revenue multiple,
// a ramp profile, and a discount rate.
func TestFloatMatchesEngineEdges(t *testing.T) {
	s := mustParse(t, `version: 1
name: edges
start: 2025Q3
end: 2031Q2
discount_rate: 7.5%
streams:
  early:
    annual: {2023: 10B, 2024: 12B, 2025: 15B}
    growth: {2026: 40%, 2028: 20%, 2030: -10%}
  late:
    annual: {2027: 3B}
    growth: {2028: 300%}
contracts:
  full:
    type: revenue_share
    payer: A
    payee: B
    base: early
    rate: 15%
    from: 2024Q1
    until: 2029Q2
    cap: 5B
    paid_before: 5B
  share:
    type: revenue_share
    payer: A
    payee: B
    base: late
    rate: 33%
    from: 2027Q3
    cap: 9.99B
    paid_before: 1B
  old:
    type: commitment
    payer: A
    payee: C
    total: 12B
    from: 2024Q2
    years: 9
    profile: ramp
  off:
    type: commitment
    payer: A
    payee: D
    total: 1T
    from: 2026Q1
    years: 3
    enabled: false
  tranches:
    type: payment
    payer: E
    payee: A
    schedule: {2024Q4: 1B, 2025Q3: 2B, 2031Q2: 3B, 2032Q1: 4B}
  stake:
    type: equity
    holder: B
    stake: 12.5%
    valuation: {amount: 300B, at: 2027Q2, method: revenue_multiple, stream: late}
uncertainty:
  inputs:
    streams.late.growth.2028: {dist: normal, mean: 300%, sd: 100%}
    contracts.share.cap: {dist: pert, low: 2B, mode: 9.99B, high: 40B}
    contracts.old.years: {dist: uniform, low: 1, high: 15}
    discount_rate: {dist: uniform, low: 0%, high: 20%}
`)
	m := mustCompile(t, s)
	w := m.newWork()
	if err := m.eval(w); err != nil {
		t.Fatal(err)
	}
	compareExact(t, "base", m, w, evalExact(t, s))
	if got := w.metrics[m.caps[0].capHit]; scenario.Quarter(got).String() != "2024Q1" {
		t.Errorf("a cap reached by paid_before binds at from, got %v", got)
	}
	for r := range 200 {
		copy(w.vals, m.vals)
		var as []Assignment
		for i := range m.inputs {
			in := &m.inputs[i]
			w.src.seed(9, r, in.key)
			x := in.dist.sample(&w.src)
			w.vals[in.slot] = x
			as = append(as, Assignment{Path: in.path, Value: exact(in.field.Kind, x)})
		}
		if err := m.eval(w); err != nil {
			t.Fatal(err)
		}
		ds, err := With(s, as)
		if err != nil {
			t.Fatal(err)
		}
		compareExact(t, "draw", m, w, evalExact(t, ds))
	}
}
