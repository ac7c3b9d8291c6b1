package engine

import (
	"strconv"

	"github.com/shopspring/decimal"
)

// ByYear returns the result by calendar year: flows are the sums of their quarters,
// levels the value of the year's last quarter inside the horizon. A year only partly
// inside the horizon covers the quarters that are inside. The summary is the same.
// A yearly result is returned as it is.
func (r *Result) ByYear() *Result {
	if r.Period == Yearly {
		return r
	}
	// spans[i] is the first quarter index of year i; the last span ends at len.
	var spans []int
	out := &Result{Scenario: r.Scenario, Period: Yearly, Summary: r.Summary}
	for i, q := range r.Quarters {
		if i == 0 || q.Year() != r.Quarters[i-1].Year() {
			spans = append(spans, i)
			out.Periods = append(out.Periods, itoa(q.Year()))
			out.Quarters = append(out.Quarters, q)
		}
	}
	spans = append(spans, len(r.Quarters))
	out.Series = make([]Series, len(r.Series))
	for k, s := range r.Series {
		ys := s
		ys.Values = make([]decimal.Decimal, len(spans)-1)
		for i := range ys.Values {
			lo, hi := spans[i], spans[i+1]
			if s.Kind == Level {
				ys.Values[i] = s.Values[hi-1]
				continue
			}
			sum := s.Values[lo]
			for _, v := range s.Values[lo+1 : hi] {
				sum = add(sum, v)
			}
			ys.Values[i] = sum
		}
		out.Series[k] = ys
	}
	return out
}

func itoa(y int) string { return strconv.Itoa(y) }
