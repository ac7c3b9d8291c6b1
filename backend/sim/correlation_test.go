package sim

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"dealmodel/backend/engine"
	"dealmodel/backend/scenario"
)

// twoPayments is a scenario whose total_paid is the sum of two uncertain amounts:
// a and b are placeholders for their distributions, extra for more YAML under
// uncertainty (correlations).
func twoPayments(a, b, extra string, runs int) string {
	return fmt.Sprintf(`version: 2
name: two payments
start: 2026Q1
end: 2026Q4
contracts:
  pay:
    type: payment
    payer: A
    payee: B
    schedule: {2026Q1: 10B, 2026Q2: 10B}
uncertainty:
  runs: %d
  seed: 5
  inputs:
    contracts.pay.schedule.2026Q1: %s
    contracts.pay.schedule.2026Q2: %s
%s`, runs, a, b, extra)
}

func corrGroup(rho string) string {
	return "  correlations:\n    - inputs: [contracts.pay.schedule.2026Q1, contracts.pay.schedule.2026Q2]\n      rho: " + rho + "\n"
}

func simulateSamples(t *testing.T, yaml string, workers int) *Outcome {
	t.Helper()
	return simulate(t, yaml, Options{Samples: true, Workers: workers})
}

func spearman(x, y []float64) float64 { return RankCorrelation(x, y) }

// At rho 1 two uniforms move at the same quantile: their sum is 2U, run by run and
// in every percentile.
func TestCorrelationRhoOneSumsToTwiceU(t *testing.T) {
	u := "{dist: uniform, low: 10B, high: 30B}"
	out := simulateSamples(t, twoPayments(u, u, corrGroup("1"), 20000), 0)
	a, b := out.Samples.InputValues[0], out.Samples.InputValues[1]
	for r := range a {
		if math.Abs(a[r]-b[r]) > 1e-6*a[r] {
			t.Fatalf("run %d: the inputs differ (%g, %g) at rho 1", r+1, a[r], b[r])
		}
	}
	s := stats(t, out, "contract.pay.total_paid")
	n := 20000.0
	for _, c := range []struct{ p, got float64 }{{0.05, s.P5}, {0.10, s.P10}, {0.25, s.P25}, {0.50, s.P50}, {0.75, s.P75}, {0.90, s.P90}, {0.95, s.P95}} {
		want := 2 * (10e9 + c.p*20e9)
		// Five standard errors of a sample quantile of 2U: density 1/40B.
		tol := 5 * math.Sqrt(c.p*(1-c.p)/n) * 40e9
		if math.Abs(c.got-want) > tol {
			t.Errorf("P%g of the sum = %.4g, want 2U's %.4g ± %.2g", c.p*100, c.got, want, tol)
		}
	}
}

// At rho 0.5 two uniforms have Pearson correlation 0.5 too (for uniforms it equals
// the rank correlation), so Var(U1 + U2) = 2σ² + 2·0.5σ² = 3σ².
func TestCorrelationHalfGivesSqrt3Sigma(t *testing.T) {
	u := "{dist: uniform, low: 10B, high: 30B}"
	out := simulateSamples(t, twoPayments(u, u, corrGroup("0.5"), 20000), 0)
	s := stats(t, out, "contract.pay.total_paid")
	sigma := 20e9 / math.Sqrt(12)
	want := math.Sqrt(3) * sigma
	// The standard error of a sample sd is about sd·√((κ−1)/4n), under 0.5% here.
	if math.Abs(s.StdDev-want) > 0.02*want {
		t.Errorf("sd of the sum = %.5g, want √3·σ_U = %.5g", s.StdDev, want)
	}
	if math.Abs(s.Mean-40e9) > 5*want/math.Sqrt(20000) {
		t.Errorf("mean of the sum = %.5g, want 40B", s.Mean)
	}
}

// The sample rank correlation of 20,000 runs is within 0.03 of rho, whatever the
// marginals.
func TestCorrelationRankWithinTolerance(t *testing.T) {
	a := "{dist: triangular, low: 1B, mode: 2B, high: 9B}"
	b := "{dist: lognormal, p10: 5B, p90: 20B}"
	for _, rho := range []string{"-0.9", "-0.5", "0", "0.3", "0.8", "1"} {
		out := simulateSamples(t, twoPayments(a, b, corrGroup(rho), 20000), 0)
		want, _ := decimal.NewFromString(rho)
		got := spearman(out.Samples.InputValues[0], out.Samples.InputValues[1])
		if math.Abs(got-want.InexactFloat64()) > 0.03 {
			t.Errorf("rho %s: sample rank correlation %.4f", rho, got)
		}
	}
}

// A bernoulli amount is its written value with probability p, else 0: mean p·v,
// and its percentiles sit at 0 below 1−p and at v above.
func TestBernoulliMeanAndPercentiles(t *testing.T) {
	for _, c := range []struct {
		p                float64
		ptext            string
		wantP10, wantP50 float64
	}{
		{0.6, "60%", 0, 10e9},
		{0.3, "30%", 0, 0},
		{0.95, "95%", 10e9, 10e9},
	} {
		y := twoPayments("{dist: bernoulli, p: "+c.ptext+"}", "{dist: uniform, low: 1B, high: 2B}", "", 20000)
		out := simulateSamples(t, y, 0)
		col := out.Samples.InputValues[0]
		kept := 0
		for _, x := range col {
			switch x {
			case 10e9:
				kept++
			case 0:
			default:
				t.Fatalf("p %s: a draw of %g, neither 0 nor 10B", c.ptext, x)
			}
		}
		mean := 10e9 * float64(kept) / float64(len(col))
		tol := 5 * 10e9 * math.Sqrt(c.p*(1-c.p)/20000)
		if math.Abs(mean-c.p*10e9) > tol {
			t.Errorf("p %s: mean %.4g, want p·v = %.4g ± %.2g", c.ptext, mean, c.p*10e9, tol)
		}
		in := out.Inputs[0]
		if in.P10 != c.wantP10 || in.P50 != c.wantP50 {
			t.Errorf("p %s: P10 %g, P50 %g; want %g, %g", c.ptext, in.P10, in.P50, c.wantP10, c.wantP50)
		}
		// The sample's percentiles agree: the draws are exactly 0 or v.
		sorted := append([]float64(nil), col...)
		sort.Float64s(sorted)
		q := make([]float64, 2)
		quantiles(sorted, []float64{0.1, 0.5}, q)
		if q[0] != c.wantP10 || q[1] != c.wantP50 {
			t.Errorf("p %s: sample P10 %g, P50 %g; want %g, %g", c.ptext, q[0], q[1], c.wantP10, c.wantP50)
		}
	}
}

// A discrete input takes each of its values with its probability.
func TestDiscreteReproducesProbabilities(t *testing.T) {
	y := twoPayments("{dist: discrete, values: [5B, 1B, 20B], p: [30%, 50%, 20%]}", "{dist: uniform, low: 1B, high: 2B}", "", 20000)
	out := simulateSamples(t, y, 0)
	count := map[float64]int{}
	for _, x := range out.Samples.InputValues[0] {
		count[x]++
	}
	want := map[float64]float64{5e9: 0.3, 1e9: 0.5, 20e9: 0.2}
	if len(count) != 3 {
		t.Fatalf("values drawn: %v", count)
	}
	for v, p := range want {
		got := float64(count[v]) / 20000
		if math.Abs(got-p) > 5*math.Sqrt(p*(1-p)/20000) {
			t.Errorf("value %g drawn in %.4f of runs, want %.2f", v, got, p)
		}
	}
	if in := out.Inputs[0]; in.P10 != 1e9 || in.P50 != 1e9 || in.P90 != 20e9 {
		t.Errorf("percentiles %g, %g, %g; want 1B, 1B, 20B", in.P10, in.P50, in.P90)
	}
}

// Correlated results depend on the seed and the runs only, not on the workers; a
// shorter simulation is a prefix of a longer one.
func TestCorrelatedReproducible(t *testing.T) {
	y := twoPayments("{dist: triangular, low: 1B, mode: 2B, high: 9B}", "{dist: pert, low: 1B, mode: 5B, high: 6B}", corrGroup("0.7"), 3000)
	one := simulateSamples(t, y, 1)
	two := simulateSamples(t, y, 2)
	many := simulateSamples(t, y, 7)
	if !reflect.DeepEqual(one.Summary, two.Summary) || !reflect.DeepEqual(one.Summary, many.Summary) ||
		!reflect.DeepEqual(one.Samples.InputValues, many.Samples.InputValues) {
		t.Error("the workers change the result")
	}
	m := mustCompile(t, mustParse(t, y))
	short, err := m.Simulate(context.Background(), Options{Runs: 1000, Samples: true})
	if err != nil {
		t.Fatal(err)
	}
	for i := range short.Samples.InputValues {
		if !reflect.DeepEqual(short.Samples.InputValues[i], one.Samples.InputValues[i][:1000]) {
			t.Error("1000 runs are not the first 1000 of 3000")
		}
	}
}

// Three inputs cannot be pairwise strongly correlated with one pair reversed: the
// error names the groups, at the first group's line and column.
func TestCorrelationNotPSD(t *testing.T) {
	y := `version: 2
name: impossible
start: 2026Q1
end: 2026Q4
contracts:
  pay:
    type: payment
    payer: A
    payee: B
    schedule: {2026Q1: 10B, 2026Q2: 10B, 2026Q3: 10B}
uncertainty:
  inputs:
    contracts.pay.schedule.2026Q1: {dist: uniform, low: 1B, high: 2B}
    contracts.pay.schedule.2026Q2: {dist: uniform, low: 1B, high: 2B}
    contracts.pay.schedule.2026Q3: {dist: uniform, low: 1B, high: 2B}
  correlations:
    - inputs: [contracts.pay.schedule.2026Q1, contracts.pay.schedule.2026Q2]
      rho: 0.9
    - inputs: [contracts.pay.schedule.2026Q2, contracts.pay.schedule.2026Q3]
      rho: 0.9
    - inputs: [contracts.pay.schedule.2026Q1, contracts.pay.schedule.2026Q3]
      rho: -0.9
`
	_, err := scenario.Parse("test.yaml", []byte(y))
	if err == nil {
		t.Fatal("an impossible set of correlations was accepted")
	}
	msg := err.Error()
	for _, want := range []string{"test.yaml:17:7: uncertainty.correlations.1", "groups 1 (", "; 2 (", "; 3 (", "positive semi-definite"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not say %q", msg, want)
		}
	}
	// Weakening the reversed pair makes it possible.
	ok := strings.Replace(y, "rho: -0.9", "rho: 0.8", 1)
	mustCompile(t, mustParse(t, ok))
}

// Each run's figures follow from its inputs: the exact engine on the scenario with
// that run's draws gives the same summary.
func TestSamplesFollowFromInputs(t *testing.T) {
	s := mustBuiltin(t, "briefing")
	m := mustCompile(t, s)
	out, err := m.Simulate(context.Background(), Options{Runs: 40, Samples: true})
	if err != nil {
		t.Fatal(err)
	}
	sm := out.Samples
	for r := 0; r < 40; r += 7 {
		var as []Assignment
		for i, col := range sm.Inputs {
			as = append(as, Assignment{Path: col.ID, Value: exact(scenario.FieldKind(col.Kind), sm.InputValues[i][r])})
		}
		c, err := With(s, as)
		if err != nil {
			t.Fatal(err)
		}
		res, err := engine.Run(c)
		if err != nil {
			t.Fatal(err)
		}
		for j, col := range sm.Metrics {
			mt := res.MetricByID(col.ID)
			got := sm.MetricValues[j][r]
			switch col.Kind {
			case SampleAmount:
				want := mt.Amount.InexactFloat64()
				if math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
					t.Errorf("run %d: %s = %.2f, the engine gives %.2f", r+1, col.ID, got, want)
				}
			default:
				if mt.Null != math.IsNaN(got) || !mt.Null && float64(mt.Quarter) != got {
					t.Errorf("run %d: %s = %v, the engine gives %v", r+1, col.ID, got, mt.Quarter)
				}
			}
		}
	}
	// The samples' percentiles are the summary's.
	for j, col := range sm.Metrics {
		if col.Kind != SampleAmount {
			continue
		}
		st := stats(t, out, col.ID)
		a := append([]float64(nil), sm.MetricValues[j]...)
		sort.Float64s(a)
		q := make([]float64, 3)
		quantiles(a, []float64{0.1, 0.5, 0.9}, q)
		if q[0] != st.P10 || q[1] != st.P50 || q[2] != st.P90 {
			t.Errorf("%s: samples' P10/P50/P90 %v, summary %v %v %v", col.ID, q, st.P10, st.P50, st.P90)
		}
	}
}
