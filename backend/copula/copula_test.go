package copula

import (
	"math"
	"testing"
)

func TestNormalCorr(t *testing.T) {
	for _, c := range []struct{ rho, want float64 }{{0, 0}, {1, 1}, {-1, -1}, {0.5, 2 * math.Sin(math.Pi/12)}} {
		if got := NormalCorr(c.rho); math.Abs(got-c.want) > 1e-15 {
			t.Errorf("NormalCorr(%g) = %g, want %g", c.rho, got, c.want)
		}
	}
}

// Factor reproduces the matrix, for a regular one and for the singular one of
// rho = 1, and refuses one that is not positive semi-definite.
func TestFactor(t *testing.T) {
	for _, a := range [][]float64{
		{1, 0.5, 0.2, 0.5, 1, -0.3, 0.2, -0.3, 1},
		{1, 1, 0, 1, 1, 0, 0, 0, 1},
		{1, 0, 0, 0, 1, 0, 0, 0, 1},
	} {
		l, ok := Factor(a, 3)
		if !ok {
			t.Fatalf("%v: not PSD", a)
		}
		for i := range 3 {
			for j := range 3 {
				s := 0.0
				for k := range 3 {
					s += l[i*3+k] * l[j*3+k]
				}
				if math.Abs(s-a[i*3+j]) > 1e-12 {
					t.Errorf("%v: (l·lᵀ)[%d][%d] = %g", a, i, j, s)
				}
			}
		}
	}
	bad := []float64{1, 0.9, -0.9, 0.9, 1, 0.9, -0.9, 0.9, 1}
	if _, ok := Factor(bad, 3); ok {
		t.Error("a matrix with a negative eigenvalue was factorised")
	}
	vals, _ := Eigen([]float64{2, 1, 1, 2}, 2)
	lo, hi := math.Min(vals[0], vals[1]), math.Max(vals[0], vals[1])
	if math.Abs(lo-1) > 1e-14 || math.Abs(hi-3) > 1e-14 {
		t.Errorf("eigenvalues of [[2 1] [1 2]]: %v, want 1 and 3", vals)
	}
}
