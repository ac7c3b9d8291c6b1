package sim

import (
	"math"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
)

// quantiles sets out[i] to the ps[i]-quantile of a (ps ascending, 0 <= p <= 1),
// interpolating linearly between order statistics (see the package doc). It
// reorders a. Selection instead of sorting keeps it linear in len(a): from the
// highest p down, each order statistic is selected among the values below the
// previous one.
func quantiles(a, ps, out []float64) {
	n := len(a)
	hi := n // a[:hi] holds the hi smallest values; a[hi], if hi < n, the next one
	lastK := -1
	var lastV, lastNext float64
	for i := len(ps) - 1; i >= 0; i-- {
		h := float64(n-1) * ps[i]
		k := int(h)
		frac := h - float64(k)
		var v, next float64
		if k == lastK {
			v, next = lastV, lastNext
		} else {
			v = selectK(a[:hi], k)
			next = v
			switch {
			case k+1 < hi:
				next = minOf(a[k+1 : hi])
			case k+1 < n:
				next = a[k+1] // the order statistic selected just before
			}
			lastK, lastV, lastNext, hi = k, v, next, k
		}
		if frac > 0 {
			v += frac * (next - v)
		}
		out[i] = v
	}
}

// selectK reorders a so that a[k] is its k-th smallest value, with no larger value
// before it and no smaller after, and returns it. It is Floyd and Rivest's SELECT
// (CACM 18(3), 1975): on a large range it first selects within a small sample
// around the expected rank, so that the partition of the whole range lands next to
// k; it needs about n + min(k, n-k) comparisons, where quickselect needs 2n to 3n.
func selectK(a []float64, k int) float64 {
	floydRivest(a, 0, len(a)-1, k)
	return a[k]
}

func floydRivest(a []float64, left, right, k int) {
	for right > left {
		if right-left > 600 {
			n := float64(right - left + 1)
			i := float64(k - left + 1)
			z := math.Log(n)
			s := 0.5 * math.Exp(2*z/3)
			sd := 0.5 * math.Sqrt(z*s*(n-s)/n)
			if i < n/2 {
				sd = -sd
			}
			newLeft := max(left, int(float64(k)-i*s/n+sd))
			newRight := min(right, int(float64(k)+(n-i)*s/n+sd))
			floydRivest(a, newLeft, newRight, k)
		}
		t := a[k]
		i, j := left, right
		a[left], a[k] = a[k], a[left]
		if a[right] > t {
			a[left], a[right] = a[right], a[left]
		}
		for i < j {
			a[i], a[j] = a[j], a[i]
			i++
			j--
			for a[i] < t {
				i++
			}
			for a[j] > t {
				j--
			}
		}
		if a[left] == t {
			a[left], a[j] = a[j], a[left]
		} else {
			j++
			a[j], a[right] = a[right], a[j]
		}
		if j <= k {
			left = j + 1
		}
		if k <= j {
			right = j - 1
		}
	}
}

func minOf(a []float64) float64 {
	m := a[0]
	for _, x := range a[1:] {
		m = min(m, x)
	}
	return m
}

// moments returns the mean, the sample standard deviation, the minimum and the
// maximum of a, summing in index order so that the result does not depend on
// how the runs were scheduled.
func moments(a []float64) (mean, sd, lo, hi float64) {
	n := float64(len(a))
	lo, hi = a[0], a[0]
	sum := 0.0
	for _, x := range a {
		sum += x
		lo = min(lo, x)
		hi = max(hi, x)
	}
	mean = sum / n
	if lo == hi {
		return lo, 0, lo, hi
	}
	ss := 0.0
	for _, x := range a {
		d := x - mean
		ss += d * d
	}
	if len(a) > 1 {
		sd = math.Sqrt(ss / (n - 1))
	}
	return mean, sd, lo, hi
}

// meanRange returns the mean, the minimum and the maximum of a, in one pass in
// index order.
func meanRange(a []float64) (mean, lo, hi float64) {
	lo, hi = a[0], a[0]
	sum := 0.0
	for _, x := range a {
		sum += x
		lo = min(lo, x)
		hi = max(hi, x)
	}
	return sum / float64(len(a)), lo, hi
}

// workerCount is the number of goroutines for n tasks: the requested number, or
// GOMAXPROCS, and never more than the tasks.
func workerCount(requested, n int) int {
	w := requested
	if w <= 0 {
		w = runtime.GOMAXPROCS(0)
	}
	return max(1, min(w, n))
}

// parallel calls task(worker, i) for i in 0..n-1 on the given number of
// goroutines; worker identifies the goroutine, for scratch space.
func parallel(workers, n int, task func(worker, i int)) {
	if workers <= 1 {
		for i := range n {
			task(0, i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for k := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				task(k, i)
			}
		}()
	}
	wg.Wait()
}

// RankCorrelation is the Spearman rank correlation of two samples (ties get
// their mean rank; pairs with a NaN are left out), 0 when either is constant.
func RankCorrelation(x, y []float64) float64 {
	var a, b []float64
	for i := range x {
		if !math.IsNaN(x[i]) && !math.IsNaN(y[i]) {
			a = append(a, x[i])
			b = append(b, y[i])
		}
	}
	ra, rb := ranks(a), ranks(b)
	n := float64(len(ra))
	if n < 2 {
		return 0
	}
	ma, mb := (n-1)/2, (n-1)/2
	var sab, saa, sbb float64
	for i := range ra {
		sab += (ra[i] - ma) * (rb[i] - mb)
		saa += (ra[i] - ma) * (ra[i] - ma)
		sbb += (rb[i] - mb) * (rb[i] - mb)
	}
	if saa == 0 || sbb == 0 {
		return 0
	}
	return sab / math.Sqrt(saa*sbb)
}

// ranks returns the rank of each value (0-based; ties get their mean rank).
func ranks(x []float64) []float64 {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return x[idx[a]] < x[idx[b]] })
	r := make([]float64, len(x))
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && x[idx[j+1]] == x[idx[i]] {
			j++
		}
		for k := i; k <= j; k++ {
			r[idx[k]] = float64(i+j) / 2
		}
		i = j + 1
	}
	return r
}
