package scenario

import "github.com/shopspring/decimal"

// YearAmounts returns the stream's amount for each calendar year from first to last
// (inclusive), per the format: a listed year's amount; after the last listed year,
// the previous year's amount times (1 + g) with g the rate of the greatest growth
// key not after the year; before the first listed year, 0. It assumes a checked
// scenario (no gaps, growth covering every year asked for); a year with no
// applicable growth repeats the previous amount.
func (st *Stream) YearAmounts(first, last int) []decimal.Decimal {
	if last < first {
		return nil
	}
	out := make([]decimal.Decimal, last-first+1)
	if len(st.Annual) == 0 {
		return out
	}
	lastListed := st.Annual[len(st.Annual)-1]
	ai, gi := 0, -1
	prev := decimal.Zero
	// Start from the first listed year so growth compounds from the right base even
	// when the horizon starts later.
	startYear := min(first, st.Annual[0].Year)
	for y := startYear; y <= last; y++ {
		var v decimal.Decimal
		for ai < len(st.Annual) && st.Annual[ai].Year < y {
			ai++
		}
		switch {
		case ai < len(st.Annual) && st.Annual[ai].Year == y:
			v = st.Annual[ai].Amount
		case y < st.Annual[0].Year:
			v = decimal.Zero
		case y > lastListed.Year:
			for gi+1 < len(st.Growth) && st.Growth[gi+1].Year <= y {
				gi++
			}
			if gi < 0 {
				v = prev
				break
			}
			v = prev.Mul(one.Add(st.Growth[gi].Rate))
		default:
			v = prev // a gap, refused by check; kept total for safety
		}
		if y >= first {
			out[y-first] = v
		}
		prev = v
	}
	return out
}

// Actual returns the reported amount of quarter q, if the stream lists one.
func (st *Stream) Actual(q Quarter) (decimal.Decimal, bool) {
	for _, a := range st.Actuals {
		if a.Quarter == q {
			return a.Amount, true
		}
	}
	return decimal.Decimal{}, false
}
