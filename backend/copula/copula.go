// Package copula holds the linear algebra of correlated draws: the rank
// correlations of a scenario's correlation groups become a correlation matrix of
// normal variables (a Gaussian copula), which is checked for positive
// semi-definiteness and factorised once, so that correlated standard normals are
// one matrix-vector product away from independent ones.
//
// The matrices are small (one row per correlated input, a handful in a scenario),
// so the factorisation is the symmetric eigen-decomposition by cyclic Jacobi
// rotations: exact enough (to a few units of 1e-16), simple, and it handles the
// singular matrices that a rank correlation of 1 gives, where a plain Cholesky
// factorisation fails. A general linear algebra library would be a large
// dependency for these few lines.
package copula

import "math"

// NormalCorr converts a Spearman rank correlation into the correlation of the
// underlying normals of a Gaussian copula, 2·sin(π·rho/6), so that the joined
// draws have exactly the rank correlation rho whatever their marginals.
func NormalCorr(rho float64) float64 {
	if rho == 1 || rho == -1 {
		return rho // exact at the ends, where sin rounds below 1
	}
	return 2 * math.Sin(math.Pi*rho/6)
}

// Tolerance is how far below 0 an eigenvalue may fall by rounding and still count
// as 0: a matrix is positive semi-definite when its smallest eigenvalue is at least
// -Tolerance.
const Tolerance = 1e-10

// Eigen returns the eigenvalues of the symmetric matrix a (n×n, row-major) and its
// eigenvectors as the columns of v (row-major). a is not changed.
func Eigen(a []float64, n int) (vals, v []float64) {
	m := append([]float64(nil), a...)
	v = make([]float64, n*n)
	for i := range n {
		v[i*n+i] = 1
	}
	for sweep := 0; sweep < 100; sweep++ {
		off := 0.0
		for p := range n {
			for q := p + 1; q < n; q++ {
				off += m[p*n+q] * m[p*n+q]
			}
		}
		if off < 1e-30 {
			break
		}
		for p := range n {
			for q := p + 1; q < n; q++ {
				apq := m[p*n+q]
				if apq == 0 {
					continue
				}
				app, aqq := m[p*n+p], m[q*n+q]
				theta := (aqq - app) / (2 * apq)
				t := 1 / (math.Abs(theta) + math.Sqrt(theta*theta+1))
				if theta < 0 {
					t = -t
				}
				c := 1 / math.Sqrt(t*t+1)
				s := t * c
				for k := range n {
					akp, akq := m[k*n+p], m[k*n+q]
					m[k*n+p] = c*akp - s*akq
					m[k*n+q] = s*akp + c*akq
				}
				for k := range n {
					apk, aqk := m[p*n+k], m[q*n+k]
					m[p*n+k] = c*apk - s*aqk
					m[q*n+k] = s*apk + c*aqk
				}
				for k := range n {
					vkp, vkq := v[k*n+p], v[k*n+q]
					v[k*n+p] = c*vkp - s*vkq
					v[k*n+q] = s*vkp + c*vkq
				}
			}
		}
	}
	vals = make([]float64, n)
	for i := range n {
		vals[i] = m[i*n+i]
	}
	return vals, v
}

// MinEigen returns the smallest eigenvalue of the symmetric matrix a (n×n).
func MinEigen(a []float64, n int) float64 {
	vals, _ := Eigen(a, n)
	low := math.Inf(1)
	for _, x := range vals {
		low = min(low, x)
	}
	return low
}

// Factor returns l (n×n, row-major) with l·lᵀ = a for a symmetric positive
// semi-definite a: l = V·√Λ, eigenvalues below 0 by rounding taken as 0. ok is false
// when a is not positive semi-definite (an eigenvalue below -Tolerance).
func Factor(a []float64, n int) (l []float64, ok bool) {
	vals, v := Eigen(a, n)
	l = make([]float64, n*n)
	for j, lam := range vals {
		if lam < -Tolerance {
			return nil, false
		}
		s := math.Sqrt(max(lam, 0))
		for i := range n {
			l[i*n+j] = v[i*n+j] * s
		}
	}
	return l, true
}
