package sim

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// referenceQuantile is the definition: sort, then interpolate at h = (n-1)p.
func referenceQuantile(a []float64, p float64) float64 {
	s := slices.Clone(a)
	slices.Sort(s)
	h := float64(len(s)-1) * p
	k := int(h)
	if k+1 >= len(s) {
		return s[k]
	}
	return s[k] + (h-float64(k))*(s[k+1]-s[k])
}

func TestQuantiles(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	gens := map[string]func() float64{
		"continuous": func() float64 { return rng.NormFloat64() * 1e9 },
		"few values": func() float64 { return float64(rng.IntN(4)) },
		"mostly one": func() float64 { // like a payment capped in most runs
			if rng.IntN(10) < 8 {
				return 38e9
			}
			return rng.Float64() * 38e9
		},
		"constant": func() float64 { return 7 },
	}
	ps := []float64{0, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 1}
	for name, gen := range gens {
		for _, n := range []int{1, 2, 3, 10, 601, 602, 5000, 10_001} {
			a := make([]float64, n)
			for i := range a {
				a[i] = gen()
			}
			got := make([]float64, len(ps))
			quantiles(slices.Clone(a), ps, got)
			for i, p := range ps {
				if want := referenceQuantile(a, p); got[i] != want {
					t.Errorf("%s, n=%d: P%g = %g, want %g", name, n, 100*p, got[i], want)
				}
			}
		}
	}
}

func TestSelectK(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{1, 5, 700, 3000} {
		for range 20 {
			a := make([]float64, n)
			for i := range a {
				a[i] = math.Floor(rng.Float64() * 50) // many ties
			}
			k := rng.IntN(n)
			sorted := slices.Sorted(slices.Values(a))
			if v := selectK(a, k); v != sorted[k] {
				t.Fatalf("n=%d: selectK(%d) = %g, want %g", n, k, v, sorted[k])
			}
			for i, x := range a {
				if i < k && x > a[k] || i > k && x < a[k] {
					t.Fatalf("n=%d, k=%d: a[%d] = %g is on the wrong side of %g", n, k, i, x, a[k])
				}
			}
		}
	}
}

func TestMoments(t *testing.T) {
	mean, sd, lo, hi := moments([]float64{2, 4, 4, 4, 5, 5, 7, 9})
	if mean != 5 || math.Abs(sd-math.Sqrt(32.0/7)) > 1e-15 || lo != 2 || hi != 9 {
		t.Errorf("moments = %g, %g, %g, %g", mean, sd, lo, hi)
	}
}
