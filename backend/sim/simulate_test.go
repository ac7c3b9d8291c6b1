package sim

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"

	"dealmodel/backend/scenario"
)

// Analytic checks: each scenario below has figures whose distribution is known in
// closed form. Tolerances are five standard errors of the estimate: for a mean,
// sd/√n; for a p-quantile, √(p(1-p)/n) / density at the quantile; for a
// probability, √(p(1-p)/n). Seeds are fixed, so the tests are deterministic.

const uncappedUniform = `version: 1
name: uncapped share, uniform rate
start: 2026Q1
end: 2028Q4
streams:
  rev:
    annual: {2026: 40B, 2027: 60B, 2028: 100B}
contracts:
  share:
    type: revenue_share
    payer: OpenAI
    payee: Microsoft
    base: rev
    rate: 20%
uncertainty:
  runs: 20000
  seed: 7
  inputs:
    contracts.share.rate: {dist: uniform, low: 10%, high: 30%}
`

const cappedTriangular = `version: 1
name: fixed accruals, triangular cap
start: 2026Q1
end: 2028Q4
streams:
  rev:
    annual: {2026: 100B, 2027: 100B, 2028: 100B}
contracts:
  share:
    type: revenue_share
    payer: OpenAI
    payee: Microsoft
    base: rev
    rate: 20%
    cap: 40B
uncertainty:
  runs: 20000
  seed: 11
  inputs:
    contracts.share.cap: {dist: triangular, low: 10B, mode: 40B, high: 70B}
`

func simulate(t *testing.T, yaml string, opt Options) *Outcome {
	t.Helper()
	m := mustCompile(t, mustParse(t, yaml))
	out, err := m.Simulate(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func stats(t *testing.T, out *Outcome, id string) MetricStats {
	t.Helper()
	for _, s := range out.Summary {
		if s.ID == id {
			return s
		}
	}
	t.Fatalf("no summary for %s", id)
	return MetricStats{}
}

func within(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol {
		t.Errorf("%s = %.6g, want %.6g ± %.3g", what, got, want, tol)
	}
}

// quantileTol is five standard errors of a sample p-quantile of n runs, where the
// density at the quantile is density.
func quantileTol(p float64, n int, density float64) float64 {
	return 5 * math.Sqrt(p*(1-p)/float64(n)) / density
}

// TestUncappedUniformRate: total paid = rate × 200B with rate ~ U(10%, 30%), so
// it is uniform on [20B, 60B].
func TestUncappedUniformRate(t *testing.T) {
	out := simulate(t, uncappedUniform, Options{})
	n := out.Runs
	if n != 20000 || out.Seed != 7 {
		t.Fatalf("runs %d, seed %d: want the scenario's 20000 and 7", n, out.Seed)
	}
	const lo, hi = 20e9, 60e9
	sd := (hi - lo) / math.Sqrt(12)
	density := 1 / (hi - lo)
	for _, id := range []string{"contract.share.total_paid", "contract.share.npv", "party.Microsoft.net_total"} {
		s := stats(t, out, id)
		within(t, id+" mean", s.Mean, (lo+hi)/2, 5*sd/math.Sqrt(float64(n)))
		within(t, id+" sd", s.StdDev, sd, 0.02*sd)
		for _, q := range []struct{ p, got float64 }{
			{0.05, s.P5}, {0.10, s.P10}, {0.25, s.P25}, {0.50, s.P50}, {0.75, s.P75}, {0.90, s.P90}, {0.95, s.P95},
		} {
			within(t, id+" quantile", q.got, lo+q.p*(hi-lo), quantileTol(q.p, n, density))
		}
		if s.Base != 40e9 {
			t.Errorf("%s base = %g, want 40e9", id, s.Base)
		}
	}
	// Paid in 2026Q1 is rate × 10B: uniform on [1B, 3B].
	for _, b := range out.Bands {
		if b.ID != "contract.share.paid" {
			continue
		}
		within(t, "paid 2026Q1 P10", b.P10[0], 1.2e9, quantileTol(0.1, n, 1/2e9))
		within(t, "paid 2026Q1 P50", b.P50[0], 2e9, quantileTol(0.5, n, 1/2e9))
		within(t, "paid 2026Q1 P90", b.P90[0], 2.8e9, quantileTol(0.9, n, 1/2e9))
	}
	// No cap: it never binds.
	cb := out.CapBinding[0]
	if cb.HasCap || cb.P10 != "" || cb.P90 != "" {
		t.Errorf("an uncapped share: %+v", cb)
	}
	for _, y := range cb.ByYear {
		if y.P != 0 {
			t.Errorf("an uncapped share binds by %d with probability %g", y.Year, y.P)
		}
	}
	// The histogram of a uniform: ten bins of about n/10 each.
	h := simulate(t, uncappedUniform, Options{Bins: 10}).Histogram
	total := 0
	for i, c := range h.Counts {
		total += c
		within(t, "histogram bin", float64(c), float64(n)/10, 5*math.Sqrt(float64(n)*0.1*0.9))
		if h.Edges[i+1] <= h.Edges[i] {
			t.Errorf("edges not increasing: %v", h.Edges)
		}
	}
	if total != n || h.Metric != "contract.share.total_paid" {
		t.Errorf("histogram of %s counts %d runs, want contract.share.total_paid and %d", h.Metric, total, n)
	}
}

// TestCappedTriangular: accruals of 5B a quarter (20B a year) against a cap ~
// triangular(10B, 40B, 70B). The cap binds by the end of year y exactly when it is
// at most the accruals to then (20B, 40B, 60B), and total paid is min(60B, cap).
func TestCappedTriangular(t *testing.T) {
	out := simulate(t, cappedTriangular, Options{})
	n := out.Runs
	const a, c, b = 10e9, 40e9, 70e9
	cdf := func(x float64) float64 {
		switch {
		case x <= a:
			return 0
		case x <= c:
			return (x - a) * (x - a) / ((b - a) * (c - a))
		case x < b:
			return 1 - (b-x)*(b-x)/((b-a)*(b-c))
		}
		return 1
	}
	pdf := func(x float64) float64 {
		if x <= c {
			return 2 * (x - a) / ((b - a) * (c - a))
		}
		return 2 * (b - x) / ((b - a) * (b - c))
	}
	cb := out.CapBinding[0]
	if !cb.HasCap || len(cb.ByYear) != 3 {
		t.Fatalf("cap binding: %+v", cb)
	}
	for i, y := range cb.ByYear {
		p := cdf(float64(i+1) * 20e9)
		within(t, "P(cap binds by "+string(rune('0'+i))+")", y.P, p, 5*math.Sqrt(p*(1-p)/float64(n))+1e-12)
	}
	// The quarter by which 10% (90%) of runs have bound: the first quarter whose
	// cumulative accruals have a CDF of 0.1 (0.9) or more: 25B in 2027Q1 (0.125),
	// 60B in 2028Q4 (0.944; 55B in 2028Q3 has 0.875).
	if cb.P10 != "2027Q1" || cb.P90 != "2028Q4" {
		t.Errorf("cap binds by %s in 10%% of runs and %s in 90%%, want 2027Q1 and 2028Q4", cb.P10, cb.P90)
	}
	s := stats(t, out, "contract.share.total_paid")
	// E[min(60B, C)] = E[C] - E[(C - 60B)+] = 40B - (2/1800)(500 - 1000/3)B.
	wantMean := 40e9 - 2.0/1800*(500-1000.0/3)*1e9
	within(t, "mean", s.Mean, wantMean, 5*s.StdDev/math.Sqrt(float64(n)))
	for _, q := range []struct{ p, got float64 }{{0.10, s.P10}, {0.50, s.P50}, {0.90, s.P90}} {
		// Quantiles of min(60B, C) below 60B are those of C.
		x := a + math.Sqrt(q.p*(b-a)*(c-a))
		if q.p > cdf(c) {
			x = b - math.Sqrt((1-q.p)*(b-a)*(b-c))
		}
		within(t, "total paid quantile", q.got, x, quantileTol(q.p, n, pdf(x)))
	}
	if s.Max != 60e9 {
		t.Errorf("total paid reaches %g, want at most the 60B accrued", s.Max)
	}
}

// TestNormalGrowth: revenue of 100B, then 100B × (1 + g) with g ~ N(50%, 10%): the
// stream's total is N(250B, 10B).
func TestNormalGrowth(t *testing.T) {
	yaml := `version: 1
name: normal growth
start: 2026Q1
end: 2027Q4
streams:
  rev:
    annual: {2026: 100B}
    growth: {2027: 50%}
uncertainty:
  runs: 20000
  seed: 3
  inputs:
    streams.rev.growth.2027: {dist: normal, mean: 50%, sd: 10%}
`
	out := simulate(t, yaml, Options{})
	s := stats(t, out, "stream.rev.total")
	const mu, sd = 250e9, 10e9
	n := out.Runs
	within(t, "mean", s.Mean, mu, 5*sd/math.Sqrt(float64(n)))
	within(t, "sd", s.StdDev, sd, 0.03*sd)
	for _, q := range []struct{ p, got float64 }{{0.05, s.P5}, {0.5, s.P50}, {0.9, s.P90}} {
		z := normQuantile(q.p)
		density := math.Exp(-z*z/2) / math.Sqrt(2*math.Pi) / sd
		within(t, "quantile", q.got, mu+z*sd, quantileTol(q.p, n, density))
	}
}

// TestLognormalValuation: a stake of 25% in a company valued lognormal with P10
// 500B and P90 1.45T is worth 125B at P10 and 362.5B at P90.
func TestLognormalValuation(t *testing.T) {
	yaml := `version: 1
name: lognormal valuation
start: 2026Q1
end: 2026Q4
contracts:
  stake:
    type: equity
    holder: Microsoft
    stake: 25%
    valuation: {amount: 852B, at: 2026Q1}
uncertainty:
  runs: 20000
  seed: 5
  inputs:
    contracts.stake.valuation.amount: {dist: lognormal, p10: 500B, p90: 1.45T}
`
	out := simulate(t, yaml, Options{})
	s := stats(t, out, "contract.stake.value_at_end")
	mu := (math.Log(125e9) + math.Log(362.5e9)) / 2
	sigma := (math.Log(362.5e9) - math.Log(125e9)) / (2 * normQuantile(0.9))
	for _, q := range []struct{ p, got float64 }{{0.1, s.P10}, {0.5, s.P50}, {0.9, s.P90}} {
		x := math.Exp(mu + sigma*normQuantile(q.p))
		z := normQuantile(q.p)
		density := math.Exp(-z*z/2) / math.Sqrt(2*math.Pi) / (sigma * x)
		within(t, "quantile", q.got, x, quantileTol(q.p, out.Runs, density))
	}
}

// TestReproducible: the same seed gives the same outcome, whatever the number of
// workers; another seed gives another.
func TestReproducible(t *testing.T) {
	m := mustCompile(t, mustBuiltin(t, "briefing"))
	run := func(workers int, seed int64) *Outcome {
		out, err := m.Simulate(context.Background(), Options{Runs: 3001, Seed: &seed, Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	one := run(1, 42)
	for _, w := range []int{2, 3, 8} {
		if !reflect.DeepEqual(one, run(w, 42)) {
			t.Errorf("%d workers give another outcome than 1", w)
		}
	}
	if !reflect.DeepEqual(one, run(1, 42)) {
		t.Error("the same seed gives another outcome")
	}
	other := run(2, 43)
	if reflect.DeepEqual(one.Summary, other.Summary) {
		t.Error("seeds 42 and 43 give the same outcome")
	}
	// The seed and the number of runs come from the scenario by default.
	def, err := m.Simulate(context.Background(), Options{Runs: 3001})
	if err != nil {
		t.Fatal(err)
	}
	if def.Seed != 42 || !reflect.DeepEqual(def.Summary, one.Summary) {
		t.Errorf("the scenario's seed 42 was not the default (got %d)", def.Seed)
	}
}

// TestPreviewIsPrefix: the quick estimate is the outcome of the first runs, the
// same as a simulation of that many runs, and the full outcome does not depend
// on having had a preview.
func TestPreviewIsPrefix(t *testing.T) {
	m := mustCompile(t, mustBuiltin(t, "microsoft-cap"))
	ctx := context.Background()
	quick, err := m.Simulate(ctx, Options{Runs: 1000})
	if err != nil {
		t.Fatal(err)
	}
	full, err := m.Simulate(ctx, Options{Runs: 2600})
	if err != nil {
		t.Fatal(err)
	}
	var preview *Outcome
	var progress []int
	got, err := m.Simulate(ctx, Options{Runs: 2600, Preview: 1000, OnPreview: func(o *Outcome) { preview = o },
		Progress: func(done, total int) {
			if total != 2600 {
				t.Errorf("progress total %d", total)
			}
			progress = append(progress, done)
		}})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(preview, quick) {
		t.Error("the preview differs from a simulation of its runs")
	}
	if !reflect.DeepEqual(got, full) {
		t.Error("a simulation with a preview differs from one without")
	}
	for i := 1; i < len(progress); i++ {
		if progress[i] <= progress[i-1] {
			t.Errorf("progress went from %d to %d", progress[i-1], progress[i])
		}
	}
	if len(progress) == 0 || progress[len(progress)-1] != 2600 {
		t.Errorf("progress %v does not end at 2600", progress)
	}
}

func TestCancel(t *testing.T) {
	m := mustCompile(t, mustBuiltin(t, "briefing"))
	ctx, cancel := context.WithCancel(context.Background())
	_, err := m.Simulate(ctx, Options{Runs: 100_000, Progress: func(done, _ int) {
		if done >= 1000 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestSimulateErrors(t *testing.T) {
	m := mustCompile(t, mustBuiltin(t, "briefing"))
	ctx := context.Background()
	for _, opt := range []Options{
		{Metric: "contract.msft_revshare.total_pad"},
		{Metric: "contract.msft_revshare.cap_hit"},
		{Metric: "stream.openai_revenue@2040"},
		{Runs: -1},
		{Bins: -3},
		{Period: "month"},
	} {
		if _, err := m.Simulate(ctx, opt); ErrorCode(err) != EINVALID {
			t.Errorf("%+v: err = %v, want code %s", opt, err, EINVALID)
		}
	}
	// SERIES@PERIOD is a valid histogram metric.
	out, err := m.Simulate(ctx, Options{Runs: 500, Metric: "contract.msft_revshare.cumulative@2029"})
	if err != nil || out.Histogram.Metric != "contract.msft_revshare.cumulative@2029" {
		t.Errorf("cumulative@2029: %v", err)
	}

	// No uncertainty block, or an empty one: nothing to simulate.
	for _, tail := range []string{"", "uncertainty:\n  runs: 10\n"} {
		s := mustParse(t, "version: 1\nname: fixed\nstart: 2026Q1\nend: 2026Q4\nstreams:\n  rev:\n    annual: {2026: 1B}\n"+tail)
		_, err := mustCompile(t, s).Simulate(ctx, Options{})
		if ErrorCode(err) != ENOINPUTS || !strings.Contains(err.Error(), "no uncertain inputs") {
			t.Errorf("err = %v, want code %s", err, ENOINPUTS)
		}
	}
}

// TestRunError: a draw the model cannot compute (a term whose weights are all 0)
// fails the simulation with the earliest such run, whatever the workers.
func TestRunError(t *testing.T) {
	s := mustParse(t, `version: 1
name: zero weights
start: 2026Q1
end: 2030Q4
contracts:
  compute:
    type: commitment
    payer: A
    payee: B
    total: 10B
    from: 2026Q1
    years: 3
    profile: custom
    weights: [0, 0, 1]
uncertainty:
  inputs:
    contracts.compute.years: {dist: uniform, low: 1, high: 3}
`)
	m := mustCompile(t, s)
	var msgs []string
	for _, w := range []int{1, 2, 5} {
		_, err := m.Simulate(context.Background(), Options{Runs: 5000, Workers: w})
		if ErrorCode(err) != EINVALID || !strings.Contains(err.Error(), "weights add up to 0") {
			t.Fatalf("err = %v", err)
		}
		msgs = append(msgs, err.Error())
	}
	if msgs[0] != msgs[1] || msgs[0] != msgs[2] {
		t.Errorf("the error depends on the workers:\n%s", strings.Join(msgs, "\n"))
	}
}

// TestYearBands: yearly bands sum flows over the year and take levels at its end.
func TestYearBands(t *testing.T) {
	out := simulate(t, uncappedUniform, Options{Period: PeriodYear, Runs: 4000})
	if !reflect.DeepEqual(out.Periods, []string{"2026", "2027", "2028"}) {
		t.Fatalf("periods %v", out.Periods)
	}
	for _, b := range out.Bands {
		switch b.ID {
		case "contract.share.paid": // rate × 40B in 2026: median 8B
			within(t, "paid 2026 P50", b.P50[0], 8e9, quantileTol(0.5, 4000, 1/(0.2*40e9)))
		case "contract.share.cumulative": // rate × 200B at the end
			within(t, "cumulative 2028 P50", b.P50[2], 40e9, quantileTol(0.5, 4000, 1/(0.2*200e9)))
		}
	}
}

// TestInputsSummary: the inputs' percentiles are those of their distributions.
func TestInputsSummary(t *testing.T) {
	m := mustCompile(t, mustParse(t, cappedTriangular))
	in := m.Inputs()[0]
	if in.Path != "contracts.share.cap" || in.Dist != scenario.DistTriangular || in.Base != 40e9 || in.Kept != 1 {
		t.Errorf("%+v", in)
	}
	within(t, "P50", in.P50, 40e9, 1)
	within(t, "P10", in.P10, 10e9+math.Sqrt(0.1*60e9*30e9), 1)
}

// TestBandBudget: over a 40-year horizon, bands keep the first runs that fit in
// their budget; they are then those of a simulation of that many runs.
func TestBandBudget(t *testing.T) {
	s := mustParse(t, `version: 1
name: forty years
start: 2000Q1
end: 2039Q4
streams:
  rev:
    annual: {2000: 10B}
    growth: {2001: 5%}
contracts:
  a: {type: revenue_share, payer: A, payee: B, base: rev, rate: 10%, cap: 100B}
  b: {type: revenue_share, payer: A, payee: C, base: rev, rate: 5%}
uncertainty:
  inputs:
    streams.rev.growth.2001: {dist: normal, mean: 5%, sd: 2%}
`)
	m := mustCompile(t, s)
	ctx := context.Background()
	full, err := m.Simulate(ctx, Options{Runs: 20_000})
	if err != nil {
		t.Fatal(err)
	}
	perRun := 8 * len(full.Bands) * len(full.Periods) // 5 series × 160 quarters
	if want := bandBudget / perRun; full.BandRuns != want {
		t.Fatalf("bands over %d runs, want %d", full.BandRuns, want)
	}
	part, err := m.Simulate(ctx, Options{Runs: full.BandRuns})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(part.Bands, full.Bands) {
		t.Error("the bands are not those of the first runs")
	}
	if reflect.DeepEqual(part.Summary, full.Summary) {
		t.Error("the summary should use all the runs")
	}
}

// TestOutcomeJSON: what the UI receives marshals to JSON (no NaN or infinity),
// even for a single run.
func TestOutcomeJSON(t *testing.T) {
	m := mustCompile(t, mustBuiltin(t, "briefing"))
	for _, runs := range []int{1, 1000} {
		out, err := m.Simulate(context.Background(), Options{Runs: runs})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := json.Marshal(out); err != nil {
			t.Errorf("%d runs: %v", runs, err)
		}
	}
	tor, err := m.Tornado(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(tor)
	if err != nil || !strings.Contains(string(b), `"swing":"23675732099.96"`) {
		t.Errorf("tornado JSON: %v %.200s", err, b)
	}
}
