package sim

import (
	"fmt"
	"math"
	"testing"
)

// inputScenario is a small scenario with one uncertain input, on a field of each
// kind: a rate in [0, 100%] (contracts.share.rate), a growth rate from -100%
// (streams.rev.growth.2027), an amount (streams.rev.annual.2026), a whole number
// of years in 1..100 (contracts.compute.years) and a weight (contracts.compute.weights.1).
func inputScenario(path, dist string) string {
	return fmt.Sprintf(`version: 1
name: one input
start: 2026Q1
end: 2027Q4
streams:
  rev:
    annual: {2026: 100B}
    growth: {2027: 10%%}
contracts:
  share:
    type: revenue_share
    payer: A
    payee: B
    base: rev
    rate: 20%%
  compute:
    type: commitment
    payer: A
    payee: C
    total: 10B
    from: 2026Q1
    years: 2
    profile: custom
    weights: [1, 1]
uncertainty:
  inputs:
    %s: %s
`, path, dist)
}

// oneDist compiles the distribution of a one-input scenario.
func oneDist(t *testing.T, path, spec string) *dist {
	t.Helper()
	m := mustCompile(t, mustParse(t, inputScenario(path, spec)))
	return &m.inputs[0].dist
}

// draws returns n draws of d, from the streams the simulation uses for run
// 0..n-1 of seed 1.
func draws(d *dist, n int) []float64 {
	out := make([]float64, n)
	var src source
	for r := range out {
		src.seed(1, r, 12345)
		out[r] = d.sample(&src)
	}
	return out
}

func TestNormQuantile(t *testing.T) {
	known := map[float64]float64{
		0.5:   0,
		0.9:   1.2815515655446004,
		0.975: 1.959963984540054,
		0.1:   -1.2815515655446004,
		1e-10: -6.361340902404056,
	}
	for p, want := range known {
		if got := normQuantile(p); math.Abs(got-want) > 1e-14*math.Max(1, math.Abs(want)) {
			t.Errorf("normQuantile(%g) = %.17g, want %.17g", p, got, want)
		}
	}
	// Round trip through the CDF, across both tails.
	for e := -300.0; e <= -0.31; e += 0.7 {
		p := math.Pow(10, e)
		x := normQuantile(p)
		// The CDF magnifies a quantile's relative error by about x², up to 400 here.
		if got := normCDF(x); math.Abs(got-p) > 1e-12*p {
			t.Errorf("normCDF(normQuantile(%g)) = %g", p, got)
		}
		// 1 - p is exact only while p is not too small.
		if y := normQuantile(1 - p); p > 1e-4 && math.Abs(y+x) > 1e-12*math.Abs(y) {
			t.Errorf("normQuantile is not symmetric at %g: %g and %g", p, x, y)
		}
	}
}

func TestBetaInc(t *testing.T) {
	cases := []struct {
		a, b float64
		cdf  func(x float64) float64
	}{
		{1, 5, func(x float64) float64 { return 1 - math.Pow(1-x, 5) }},
		{2, 2, func(x float64) float64 { return 3*x*x - 2*x*x*x }},
		{3, 1, func(x float64) float64 { return x * x * x }},
		{1, 1, func(x float64) float64 { return x }},
	}
	for _, c := range cases {
		for x := 0.01; x < 1; x += 0.049 {
			want := c.cdf(x)
			if got := betaInc(c.a, c.b, x); math.Abs(got-want) > 1e-13 {
				t.Errorf("betaInc(%g, %g, %g) = %.15g, want %.15g", c.a, c.b, x, got, want)
			}
			if q := betaBisect(c.a, c.b, want); math.Abs(c.cdf(q)-want) > 1e-13 {
				t.Errorf("betaBisect(%g, %g, %g) = %.12g, whose CDF is %.15g", c.a, c.b, want, q, c.cdf(q))
			}
			d := dist{alpha: c.a, beta: c.b}
			d.pertTable()
			if q := d.betaQuantile(want); math.Abs(c.cdf(q)-want) > 1e-13 {
				t.Errorf("betaQuantile(%g, %g, %g) = %.12g, whose CDF is %.15g", c.a, c.b, want, q, c.cdf(q))
			}
		}
	}
	// The symmetry I_x(a, b) = 1 - I_(1-x)(b, a), where no closed form helps.
	for x := 0.05; x < 1; x += 0.1 {
		if d := betaInc(2.7, 4.1, x) + betaInc(4.1, 2.7, 1-x) - 1; math.Abs(d) > 1e-13 {
			t.Errorf("betaInc is not symmetric at %g: off by %g", x, d)
		}
	}
}

// TestSamplerMoments draws 100,000 values of each distribution and compares the
// sample mean and variance with the analytic ones, and the sample's CDF at the
// distribution's quantiles with the quantiles' levels. Tolerances are five
// standard errors of each estimate.
func TestSamplerMoments(t *testing.T) {
	const n = 100_000
	tri := func(a, c, b float64) (float64, float64) {
		return (a + b + c) / 3, (a*a + b*b + c*c - a*b - a*c - b*c) / 18
	}
	pert := func(a, c, b float64) (float64, float64) {
		mu := (a + 4*c + b) / 6
		return mu, (mu - a) * (b - mu) / 7
	}
	lnMu, lnSd := (math.Log(500e9)+math.Log(1450e9))/2, (math.Log(1450e9)-math.Log(500e9))/(2*1.2815515655446004)
	cases := []struct {
		path, spec string
		mean, vari float64
	}{
		{"streams.rev.annual.2026", "{dist: triangular, low: 25B, mode: 30B, high: 33B}", 0, 0},
		{"contracts.share.rate", "{dist: triangular, low: 10%, mode: 20%, high: 20%}", 0, 0},
		{"streams.rev.annual.2026", "{dist: uniform, low: 0, high: 35B}", 17.5e9, 35e9 * 35e9 / 12},
		{"streams.rev.growth.2027", "{dist: normal, mean: 60%, sd: 15%}", 0.6, 0.0225},
		{"streams.rev.annual.2026", "{dist: lognormal, p10: 500B, p90: 1.45T}", math.Exp(lnMu + lnSd*lnSd/2), (math.Exp(lnSd*lnSd) - 1) * math.Exp(2*lnMu+lnSd*lnSd)},
		{"streams.rev.annual.2026", "{dist: lognormal, mu: 2, sigma: 0.5}", math.Exp(2.125), (math.Exp(0.25) - 1) * math.Exp(4.25)},
		{"streams.rev.annual.2026", "{dist: pert, low: 26B, mode: 38B, high: 60B}", 0, 0},
		{"contracts.compute.weights.1", "{dist: pert, low: 0, mode: 0, high: 3}", 0, 0},
	}
	cases[0].mean, cases[0].vari = tri(25e9, 30e9, 33e9)
	cases[1].mean, cases[1].vari = tri(0.1, 0.2, 0.2)
	cases[6].mean, cases[6].vari = pert(26e9, 38e9, 60e9)
	cases[7].mean, cases[7].vari = pert(0, 0, 3)
	for _, c := range cases {
		t.Run(c.spec, func(t *testing.T) {
			d := oneDist(t, c.path, c.spec)
			xs := draws(d, n)
			mean, sd, _, _ := moments(xs)
			if se := math.Sqrt(c.vari / n); math.Abs(mean-c.mean) > 5*se {
				t.Errorf("mean %g, want %g ± %g", mean, c.mean, 5*se)
			}
			// The variance of a sample variance depends on the kurtosis; 5% is more
			// than five standard errors for these shapes at this size (the
			// lognormal's heavy tail needs a wider margin).
			tol := 0.05
			if d.name == "lognormal" {
				tol = 0.15
			}
			if v := sd * sd; math.Abs(v-c.vari) > tol*c.vari {
				t.Errorf("variance %g, want %g ± %.0f%%", v, c.vari, 100*tol)
			}
			for _, p := range []float64{0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95} {
				q := d.quantile(p)
				below := 0
				for _, x := range xs {
					if x <= q {
						below++
					}
				}
				if got, se := float64(below)/n, math.Sqrt(p*(1-p)/n); math.Abs(got-p) > 5*se {
					t.Errorf("%g of the draws are at or below the %g-quantile %g", got, p, q)
				}
			}
		})
	}
}

// TestTruncation: a normal that reaches past the field's range is conditioned on
// the range: draws stay inside, and their mean is the truncated normal's.
func TestTruncation(t *testing.T) {
	const n = 100_000
	phi := func(x float64) float64 { return math.Exp(-x*x/2) / math.Sqrt(2*math.Pi) }

	// A rate (0..100%) with mean 90% and sd 20%: about 31% of the mass lies above 100%.
	d := oneDist(t, "contracts.share.rate", "{dist: normal, mean: 90%, sd: 20%}")
	a, b := (0-0.9)/0.2, (1-0.9)/0.2
	kept := normCDF(b) - normCDF(a)
	wantMean := 0.9 + 0.2*(phi(a)-phi(b))/kept
	if math.Abs(d.kept-kept) > 1e-12 {
		t.Errorf("kept %g, want %g", d.kept, kept)
	}
	xs := draws(d, n)
	mean, sd, lo, hi := moments(xs)
	if lo < 0 || hi > 1 {
		t.Errorf("draws run from %g to %g, outside 0..1", lo, hi)
	}
	if math.Abs(mean-wantMean) > 5*sd/math.Sqrt(n) {
		t.Errorf("mean %g, want %g", mean, wantMean)
	}

	// Far outside the range: every draw is at the bound nearest the mass.
	d = oneDist(t, "contracts.share.rate", "{dist: normal, mean: 5000%, sd: 10%}")
	for _, x := range draws(d, 1000) {
		if x != 1 {
			t.Fatalf("a normal far above 100%% drew %g, want 1", x)
		}
	}
	// In the far tail, still inside: draws near the bound, never past it.
	d = oneDist(t, "contracts.share.rate", "{dist: normal, mean: 200%, sd: 10%}")
	for _, x := range draws(d, 1000) {
		if x > 1 || x < 0.9 {
			t.Fatalf("a normal 10 sd above 100%% drew %g", x)
		}
	}

	// A lognormal on a stake-like rate, cut at 100%.
	d = oneDist(t, "contracts.share.rate", "{dist: lognormal, p10: 50%, p90: 150%}")
	for _, x := range draws(d, 10_000) {
		if x <= 0 || x > 1 {
			t.Fatalf("a lognormal cut at 100%% drew %g", x)
		}
	}

	// Growth is -100% or more.
	d = oneDist(t, "streams.rev.growth.2027", "{dist: normal, mean: -90%, sd: 50%}")
	for _, x := range draws(d, 10_000) {
		if x < -1 {
			t.Fatalf("growth drew %g, below -100%%", x)
		}
	}
}

// TestIntegerField: years are whole numbers inside 1..100, each end value with its
// full share.
func TestIntegerField(t *testing.T) {
	d := oneDist(t, "contracts.compute.years", "{dist: uniform, low: 1, high: 4}")
	counts := map[float64]int{}
	for _, x := range draws(d, 40_000) {
		if x != math.Round(x) || x < 1 || x > 4 {
			t.Fatalf("years drew %g", x)
		}
		counts[x]++
	}
	// uniform(1, 4) rounded: 1 and 4 get half a unit each, 2 and 3 a whole one.
	for x, want := range map[float64]float64{1: 1.0 / 6, 2: 2.0 / 6, 3: 2.0 / 6, 4: 1.0 / 6} {
		if got := float64(counts[x]) / 40_000; math.Abs(got-want) > 5*math.Sqrt(want*(1-want)/40_000) {
			t.Errorf("years = %g in %.4f of the draws, want %.4f", x, got, want)
		}
	}
	// A normal reaching below 1 is truncated to [0.5, 100.5) before rounding, so 1
	// keeps its full unit: P(1) = P(0.5 <= X < 1.5 | X >= 0.5).
	d = oneDist(t, "contracts.compute.years", "{dist: normal, mean: 1, sd: 2}")
	ones := 0
	for _, x := range draws(d, 40_000) {
		if x < 1 || x != math.Round(x) {
			t.Fatalf("years drew %g", x)
		}
		if x == 1 {
			ones++
		}
	}
	want := (normCDF(0.25) - normCDF(-0.25)) / (1 - normCDF(-0.25))
	if got := float64(ones) / 40_000; math.Abs(got-want) > 5*math.Sqrt(want*(1-want)/40_000) {
		t.Errorf("years = 1 in %.4f of the draws, want %.4f", got, want)
	}
}

func TestSourceStreams(t *testing.T) {
	var a, b source
	a.seed(42, 7, 99)
	b.seed(42, 7, 99)
	for range 100 {
		x, y := a.uniform(), b.uniform()
		if x != y {
			t.Fatal("the same (seed, run, key) gave different streams")
		}
		if x <= 0 || x >= 1 {
			t.Fatalf("uniform() = %g, outside (0, 1)", x)
		}
	}
	// Neighbouring runs, keys and seeds give unrelated first draws: the sample
	// correlation of the first draws of runs r and r+1 is near 0.
	const n = 100_000
	first := func(seed uint64, run int, key uint64) float64 {
		var s source
		s.seed(seed, run, key)
		return s.uniform()
	}
	for _, pair := range []struct {
		name string
		f    func(i int) (float64, float64)
	}{
		{"runs", func(i int) (float64, float64) { return first(1, i, 5), first(1, i+1, 5) }},
		{"keys", func(i int) (float64, float64) { return first(1, 3, uint64(i)), first(1, 3, uint64(i+1)) }},
		{"seeds", func(i int) (float64, float64) { return first(uint64(i), 3, 5), first(uint64(i+1), 3, 5) }},
	} {
		var sx, sy, sxy, sxx, syy float64
		for i := range n {
			x, y := pair.f(i)
			sx, sy, sxy, sxx, syy = sx+x, sy+y, sxy+x*y, sxx+x*x, syy+y*y
		}
		cov := sxy/n - sx*sy/n/n
		corr := cov / math.Sqrt((sxx/n-sx*sx/n/n)*(syy/n-sy*sy/n/n))
		if math.Abs(corr) > 5/math.Sqrt(n) {
			t.Errorf("neighbouring %s: correlation %g", pair.name, corr)
		}
	}
}
