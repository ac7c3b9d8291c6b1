package engine

import (
	"math/big"

	"github.com/shopspring/decimal"
)

// discountPlaces is the precision of the discount factors: after 160 quarters their
// relative error stays below 1e-21, far under a cent on any amount.
const discountPlaces = 24

// cumulative returns the prefix sums of factors: out[i] is the sum of the first i.
func cumulative(factors []decimal.Decimal) []decimal.Decimal {
	if factors == nil {
		return nil
	}
	out := make([]decimal.Decimal, len(factors)+1)
	out[0] = decimal.Zero
	for i, f := range factors {
		out[i+1] = out[i].Add(f)
	}
	return out
}

// discountFactors returns, for the k-th quarter of the horizon (k = 1 for start),
// 1 / (1 + rate)^(k/4): discounting to the beginning of start with payments at the end
// of each quarter. It returns nil for a zero rate.
func discountFactors(rate decimal.Decimal, n int) []decimal.Decimal {
	if rate.IsZero() {
		return nil
	}
	// The quarterly factor (1 + rate)^(1/4) is irrational in general: take two square
	// roots in 256-bit binary floating point, then continue in decimal.
	f, _, err := big.ParseFloat(one.Add(rate).String(), 10, 256, big.ToNearestEven)
	if err != nil {
		panic("engine: a decimal's own text did not parse: " + err.Error())
	}
	f.Sqrt(f)
	f.Sqrt(f)
	quarterly := decimal.RequireFromString(f.Text('f', 40))
	inv := one.DivRound(quarterly, discountPlaces+4)
	out := make([]decimal.Decimal, n)
	acc := one
	for k := range out {
		acc = acc.Mul(inv).Round(discountPlaces + 4)
		out[k] = acc
	}
	return out
}

// npv discounts a quarterly series with the run's factors; total is its plain sum,
// returned as it is when the rate is 0. Payments often repeat quarter after quarter
// (a commitment's year, a share of one year's revenue), so each run of equal values
// is multiplied once by the sum of its factors.
func (m *model) npv(vals []decimal.Decimal, total decimal.Decimal) decimal.Decimal {
	if m.cumDiscount == nil {
		return total
	}
	sum := decimal.Zero
	for i := 0; i < len(vals); {
		j := i + 1
		for j < len(vals) && vals[j].Equal(vals[i]) {
			j++
		}
		if !vals[i].IsZero() {
			sum = sum.Add(vals[i].Mul(m.cumDiscount[j].Sub(m.cumDiscount[i])))
		}
		i = j
	}
	return sum.Round(DivPlaces)
}
