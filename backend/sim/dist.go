package sim

import (
	"fmt"
	"math"
	"sort"

	"github.com/shopspring/decimal"

	"dealmodel/backend/scenario"
)

// dist is the compiled distribution of one uncertain input, in the field's own
// unit (dollars, fractions, years, weights), truncated to the field's valid range.
//
// Truncation conditions the distribution on the range (it does not pile the mass
// outside onto the bounds): triangular, uniform and PERT stay inside their own
// [low, high], which the parser checks against the field's range; normal and
// lognormal are sampled by inverting their CDF between the CDF's values at the
// bounds, so every draw uses one uniform number and lands inside the range.
// Integer fields (a commitment's years) are rounded after the draw; their range is
// widened by one half on each side first, so that the end values keep their full
// share.
type dist struct {
	name string

	low, mode, high float64 // triangular, uniform, pert
	alpha, beta     float64 // pert: the Beta shape parameters
	mu, sd          float64 // normal; lognormal in log space

	lo, hi   float64 // the field's range (±Inf when open), widened for integers
	min, max float64 // the field's range itself
	integer  bool

	// normal and lognormal: the standardized bounds and the standard normal CDF at
	// them. When the range lies above the mean the problem is mirrored (flip), so
	// that the CDF values are small numbers, which float64 holds precisely.
	za, zb, pa, pb float64
	flip           bool
	kept           float64 // mass of the untruncated distribution inside the range

	// pert: ln B(alpha, beta) and the quantiles at 0, 1/pertGrid, …, 1, the
	// starting points of the inversion of its CDF.
	lnB   float64
	table []float64

	// bernoulli and discrete: the values in increasing order and the cumulative
	// probability up to each (the last is 1).
	vals, cum []float64
}

// pertGrid is the number of intervals of a PERT input's table of quantiles.
const pertGrid = 64

// z90 is the standard normal's 90th percentile.
var z90 = normQuantile(0.9)

func param(in *scenario.UncertainInput, name string) float64 {
	v, _ := in.Get(name)
	return v.InexactFloat64()
}

// compileDist checks and compiles in against its field f. The parser has checked
// the parameters already; the checks here guard scenarios built in code.
func compileDist(in *scenario.UncertainInput, f scenario.Field) (dist, error) {
	d := dist{name: in.Dist, lo: math.Inf(-1), hi: math.Inf(1), kept: 1}
	if f.Min != nil {
		d.lo = f.Min.InexactFloat64()
	}
	if f.Max != nil {
		d.hi = f.Max.InexactFloat64()
	}
	d.min, d.max = d.lo, d.hi
	if f.Kind == scenario.KindInteger {
		d.integer = true
		d.lo, d.hi = d.lo-0.5, d.hi+0.5
	}
	has := func(names ...string) bool {
		for _, n := range names {
			if _, ok := in.Get(n); !ok {
				return false
			}
		}
		return true
	}
	bad := func(format string, args ...any) (dist, error) {
		return dist{}, errorf(EINVALID, "uncertainty.inputs.%s: %s", in.Path, fmt.Sprintf(format, args...))
	}
	switch in.Dist {
	case scenario.DistTriangular, scenario.DistPert:
		if !has("low", "mode", "high") {
			return bad("a %s distribution needs low, mode and high", in.Dist)
		}
		d.low, d.mode, d.high = param(in, "low"), param(in, "mode"), param(in, "high")
		if !(d.low <= d.mode && d.mode <= d.high && d.low < d.high) {
			return bad("needs low <= mode <= high with low < high")
		}
		if in.Dist == scenario.DistPert {
			// The PERT distribution: a Beta on [low, high] with mean (low + 4 mode + high) / 6.
			w := d.high - d.low
			d.alpha = 1 + 4*(d.mode-d.low)/w
			d.beta = 1 + 4*(d.high-d.mode)/w
			d.pertTable()
		}
	case scenario.DistBernoulli:
		p, ok := in.Get("p")
		if !ok || p.IsNegative() || p.GreaterThan(decimal.NewFromInt(1)) {
			return bad("a bernoulli distribution needs p from 0%% to 100%%")
		}
		if f.Kind != scenario.KindAmount && f.Kind != scenario.KindRate {
			return bad("a bernoulli distribution applies to amount and rate fields")
		}
		// The written value with probability p, else 0: as a discrete distribution.
		v := f.Value.InexactFloat64()
		vals := []float64{0, v}
		cum := []float64{decimal.NewFromInt(1).Sub(p).InexactFloat64(), 1}
		if v < 0 {
			vals, cum = []float64{v, 0}, []float64{p.InexactFloat64(), 1}
		}
		d.vals, d.cum = vals, cum
	case scenario.DistDiscrete:
		xs, err := in.DiscreteValues(f.Kind)
		if err != nil {
			return bad("%v", err)
		}
		if len(xs) == 0 || len(xs) != len(in.Probs) {
			return bad("a discrete distribution needs as many probabilities as values, at least one")
		}
		order := make([]int, len(xs))
		for i := range order {
			order[i] = i
		}
		sort.SliceStable(order, func(a, b int) bool { return xs[order[a]].LessThan(xs[order[b]]) })
		sum := decimal.Zero
		for _, i := range order {
			if in.Probs[i].IsNegative() {
				return bad("probabilities must not be negative")
			}
			sum = sum.Add(in.Probs[i])
			d.vals = append(d.vals, xs[i].InexactFloat64())
			d.cum = append(d.cum, sum.InexactFloat64())
		}
		if !sum.Equal(decimal.NewFromInt(1)) {
			return bad("the probabilities add up to %s, not 100%%", scenario.FormatRate(sum))
		}
	case scenario.DistUniform:
		if !has("low", "high") {
			return bad("a uniform distribution needs low and high")
		}
		d.low, d.high = param(in, "low"), param(in, "high")
		if !(d.low < d.high) {
			return bad("needs low < high")
		}
	case scenario.DistNormal:
		if !has("mean", "sd") {
			return bad("a normal distribution needs mean and sd")
		}
		d.mu, d.sd = param(in, "mean"), param(in, "sd")
		if !(d.sd > 0) {
			return bad("sd must be more than 0")
		}
		d.truncate(d.lo, d.hi)
	case scenario.DistLognormal:
		switch {
		case has("p10", "p90"):
			p10, p90 := param(in, "p10"), param(in, "p90")
			if !(p10 > 0 && p10 < p90) {
				return bad("needs 0 < p10 < p90")
			}
			d.mu = (math.Log(p10) + math.Log(p90)) / 2
			d.sd = (math.Log(p90) - math.Log(p10)) / (2 * z90)
		case has("mu", "sigma"):
			d.mu, d.sd = param(in, "mu"), param(in, "sigma")
			if !(d.sd > 0) {
				return bad("sigma must be more than 0")
			}
		default:
			return bad("a lognormal distribution needs p10 and p90, or mu and sigma")
		}
		lo := math.Inf(-1)
		if d.lo > 0 {
			lo = math.Log(d.lo)
		}
		d.truncate(lo, math.Log(d.hi))
	default:
		return bad("unknown distribution %q", in.Dist)
	}
	return d, nil
}

// truncate prepares sampling of a normal (mu, sd) restricted to [lo, hi].
func (d *dist) truncate(lo, hi float64) {
	za, zb := (lo-d.mu)/d.sd, (hi-d.mu)/d.sd
	if za > 0 {
		za, zb, d.flip = -zb, -za, true
	}
	d.za, d.zb = za, zb
	d.pa, d.pb = normCDF(za), normCDF(zb)
	d.kept = d.pb - d.pa
}

// z maps u in (0, 1) to the standard normal truncated to [za, zb] (mirrored back).
func (d *dist) z(u float64) float64 {
	var z float64
	if d.pb > d.pa {
		z = normQuantile(d.pa + u*(d.pb-d.pa))
		z = min(max(z, d.za), d.zb)
	} else {
		// The range holds less mass than float64 can express, far out in a tail:
		// the draw is the bound nearest the mean.
		z = d.zb
	}
	if d.flip {
		z = -z
	}
	return z
}

// quantile returns the distribution's p-quantile, 0 < p < 1, after truncation and
// rounding.
func (d *dist) quantile(p float64) float64 {
	var x float64
	switch d.name {
	case scenario.DistTriangular:
		x = d.triangular(p)
	case scenario.DistUniform:
		x = d.low + p*(d.high-d.low)
	case scenario.DistPert:
		x = d.low + (d.high-d.low)*d.betaQuantile(p)
	case scenario.DistBernoulli, scenario.DistDiscrete:
		// The smallest value whose cumulative probability reaches p.
		k := sort.SearchFloat64s(d.cum, p)
		x = d.vals[min(k, len(d.vals)-1)]
	case scenario.DistNormal:
		x = d.mu + d.sd*d.z(p)
	case scenario.DistLognormal:
		x = math.Exp(d.mu + d.sd*d.z(p))
	}
	return d.finish(x)
}

// sample draws one value from src by inverting the CDF at one uniform number, as
// correlated draws do at their copula's uniforms.
func (d *dist) sample(src *source) float64 {
	return d.quantile(src.uniform())
}

func (d *dist) triangular(u float64) float64 {
	w := d.high - d.low
	if fc := (d.mode - d.low) / w; u < fc {
		return d.low + math.Sqrt(u*w*(d.mode-d.low))
	}
	return d.high - math.Sqrt((1-u)*w*(d.high-d.mode))
}

// finish keeps x inside the field's range (against rounding at the bounds) and
// rounds integer fields.
func (d *dist) finish(x float64) float64 {
	x = min(max(x, d.lo), d.hi)
	if d.integer {
		x = min(max(math.Round(x), d.min), d.max)
	}
	return x
}

// normCDF is the standard normal CDF, precise in the lower tail.
func normCDF(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }

// normQuantile is the standard normal's inverse CDF: Wichura's algorithm AS 241
// (PPND16), accurate to about 1e-16 relative, in both tails.
func normQuantile(p float64) float64 {
	switch {
	case p <= 0:
		return math.Inf(-1)
	case p >= 1:
		return math.Inf(1)
	}
	q := p - 0.5
	if math.Abs(q) <= 0.425 {
		r := 0.180625 - q*q
		return q * (((((((2509.0809287301226727*r+33430.575583588128105)*r+67265.770927008700853)*r+
			45921.953931549871457)*r+13731.693765509461125)*r+1971.5909503065514427)*r+
			133.14166789178437745)*r + 3.387132872796366608) /
			(((((((5226.495278852545925*r+28729.085735721942674)*r+39307.89580009271061)*r+
				21213.794301586595867)*r+5394.1960214247511077)*r+687.1870074920579083)*r+
				42.313330701600911252)*r + 1)
	}
	r := p
	if q > 0 {
		r = 1 - p
	}
	r = math.Sqrt(-math.Log(r))
	var x float64
	if r <= 5 {
		r -= 1.6
		x = (((((((7.7454501427834140764e-4*r+0.0227238449892691845833)*r+0.24178072517745061177)*r+
			1.27045825245236838258)*r+3.64784832476320460504)*r+5.7694972214606914055)*r+
			4.6303378461565452959)*r + 1.42343711074968357734) /
			(((((((1.05075007164441684324e-9*r+5.475938084995344946e-4)*r+0.0151986665636164571966)*r+
				0.14810397642748007459)*r+0.68976733498510000455)*r+1.6763848301838038494)*r+
				2.05319162663775882187)*r + 1)
	} else {
		r -= 5
		x = (((((((2.01033439929228813265e-7*r+2.71155556874348757815e-5)*r+0.0012426609473880784386)*r+
			0.026532189526576123093)*r+0.29656057182850489123)*r+1.7848265399172913358)*r+
			5.4637849111641143699)*r + 6.6579046435011037772) /
			(((((((2.04426310338993978564e-15*r+1.4215117583164458887e-7)*r+1.8463183175100546818e-5)*r+
				7.868691311456132591e-4)*r+0.0148753612908506148525)*r+0.13692988092273580531)*r+
				0.59983220655588793769)*r + 1)
	}
	if q < 0 {
		x = -x
	}
	return x
}

// betaInc is the regularized incomplete beta function I_x(a, b), by its continued
// fraction (modified Lentz), used on the side where it converges fast.
func betaInc(a, b, x float64) float64 {
	switch {
	case x <= 0:
		return 0
	case x >= 1:
		return 1
	}
	la, _ := math.Lgamma(a)
	lb, _ := math.Lgamma(b)
	lab, _ := math.Lgamma(a + b)
	return betaIncLn(a, b, x, la+lb-lab)
}

// betaIncLn is betaInc with ln B(a, b) given.
func betaIncLn(a, b, x, lnB float64) float64 {
	switch {
	case x <= 0:
		return 0
	case x >= 1:
		return 1
	}
	front := math.Exp(a*math.Log(x) + b*math.Log1p(-x) - lnB)
	if x < (a+1)/(a+b+2) {
		return front * betaCF(a, b, x) / a
	}
	return 1 - front*betaCF(b, a, 1-x)/b
}

func betaCF(a, b, x float64) float64 {
	const tiny = 1e-300
	qab, qap, qam := a+b, a+1, a-1
	c, d := 1.0, 1-qab*x/qap
	if math.Abs(d) < tiny {
		d = tiny
	}
	d = 1 / d
	h := d
	for m := 1; m <= 300; m++ {
		fm := float64(m)
		m2 := 2 * fm
		aa := fm * (b - fm) * x / ((qam + m2) * (a + m2))
		d = 1 + aa*d
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = 1 + aa/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		h *= d * c
		aa = -(a + fm) * (qab + fm) * x / ((a + m2) * (qap + m2))
		d = 1 + aa*d
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = 1 + aa/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		del := d * c
		h *= del
		if math.Abs(del-1) < 1e-16 {
			break
		}
	}
	return h
}

// betaBisect inverts I_x(a, b) = p by bisection, to the last bit of x.
func betaBisect(a, b, p float64) float64 {
	lo, hi := 0.0, 1.0
	for range 200 {
		mid := (lo + hi) / 2
		if mid == lo || mid == hi {
			break
		}
		if betaInc(a, b, mid) < p {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}

// pertTable tabulates the Beta quantiles at k/pertGrid by bisection, once per
// compiled input.
func (d *dist) pertTable() {
	la, _ := math.Lgamma(d.alpha)
	lb, _ := math.Lgamma(d.beta)
	lab, _ := math.Lgamma(d.alpha + d.beta)
	d.lnB = la + lb - lab
	d.table = make([]float64, pertGrid+1)
	d.table[pertGrid] = 1
	for k := 1; k < pertGrid; k++ {
		d.table[k] = betaBisect(d.alpha, d.beta, float64(k)/pertGrid)
	}
}

// betaQuantile inverts the PERT input's Beta CDF at p: Newton's method from the
// table's interpolation, kept inside the table's bracket (a bisection step
// whenever Newton would leave it), to about 1e-15.
func (d *dist) betaQuantile(p float64) float64 {
	a, b := d.alpha, d.beta
	k := min(int(p*pertGrid), pertGrid-1)
	lo, hi := d.table[k], d.table[k+1]
	t := p*pertGrid - float64(k)
	x := lo + t*(hi-lo)
	for range 50 {
		if hi-lo <= 1e-15 {
			break
		}
		f := betaIncLn(a, b, x, d.lnB) - p
		if f == 0 {
			return x
		}
		if f < 0 {
			lo = x
		} else {
			hi = x
		}
		pdf := math.Exp((a-1)*math.Log(x) + (b-1)*math.Log1p(-x) - d.lnB)
		next := x - f/pdf
		if !(next > lo && next < hi) || pdf == 0 {
			next = (lo + hi) / 2
		}
		if math.Abs(next-x) <= 1e-15 {
			return next
		}
		x = next
	}
	return x
}
