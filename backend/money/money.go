// Package money formats exact decimal amounts for people and for files. It is the one
// place where amounts are rounded.
package money

import (
	"math"
	"math/big"
	"math/bits"
	"strconv"
	"strings"
	"sync"

	"github.com/shopspring/decimal"
)

// Cents writes an amount with exactly two decimals, rounded half away from zero, with
// no thousands separators: the form of the JSON and CSV outputs ("-1234.50").
func Cents(d decimal.Decimal) string {
	s := d.StringFixed(2)
	if s == "-0.00" {
		return "0.00"
	}
	return s
}

// FloatCents writes an estimated amount (a float64 of a simulation) with exactly
// two decimals, as the JSON outputs write amounts; "-0.00" is "0.00".
func FloatCents(x float64) string {
	s := strconv.FormatFloat(x, 'f', 2, 64)
	if s == "-0.00" {
		return "0.00"
	}
	return s
}

// RoundCents rounds an amount to the cent, half away from zero: how an amount
// drawn, solved or stepped in floats is kept and compared.
func RoundCents(d decimal.Decimal) decimal.Decimal { return d.Round(2) }

// RoundWhole rounds an amount to the dollar, half away from zero.
func RoundWhole(d decimal.Decimal) decimal.Decimal { return d.Round(0) }

// InUnit writes an amount in a unit (10^9 for a table headed "US$ billions") with
// exactly two decimals, rounded half away from zero; "-0.00" is "0.00".
func InUnit(d, unit decimal.Decimal) string {
	s := d.DivRound(unit, 2).StringFixed(2)
	if s == "-0.00" {
		return "0.00"
	}
	return s
}

var scales = []struct {
	exp    int32
	suffix string
}{
	{12, "T"},
	{9, "B"},
	{6, "M"},
	{3, "K"},
}

// Short writes an amount for reading at a glance: $12.35B, $850.00M, -$1.20T, $512.00.
func Short(d decimal.Decimal) string {
	if s, ok := shortInt64(d); ok {
		return s
	}
	return shortDecimal(d)
}

// shortDecimal is Short in decimal arithmetic, for any amount.
func shortDecimal(d decimal.Decimal) string {
	sign := ""
	if d.IsNegative() {
		sign, d = "-", d.Neg()
	}
	// The largest scale at which the amount, rounded to cents of that scale, is at
	// least 1: $999,999 reads $1.00M, not $1000.00K.
	// An amount of k digits before the point reaches at most scales of 10^k.
	digits := int32(d.NumDigits()) + d.Exponent()
	for _, s := range scales {
		if s.exp > digits {
			continue
		}
		if v := d.Shift(-s.exp).Round(2); v.Cmp(one) >= 0 {
			return sign + "$" + v.StringFixed(2) + s.suffix
		}
	}
	v := d.StringFixed(2)
	if v == "0.00" {
		sign = ""
	}
	return sign + "$" + v
}

var one = decimal.NewFromInt(1)

// shortInt64 is Short in integer arithmetic, for an amount of at most 18
// significant digits above thousandths (nearly all): the same text as
// shortDecimal, rounded the same way, without its allocations. ok is false when
// it does not apply.
func shortInt64(d decimal.Decimal) (string, bool) {
	n := d.NumDigits()
	if n > 18 && d.Exponent() < -3 {
		// Rounding reads no digit below thousandths (it cuts there, or at a coarser
		// place for a scale, before it adds 5), so cutting there first changes
		// nothing it writes. Amounts computed by division carry 16 decimals or more.
		if c, ok := thousandths(d); ok {
			return shortCoefficient(c, -3, digits(c))
		}
		d = d.Truncate(3)
		n = d.NumDigits()
	}
	if n > 18 {
		return "", false
	}
	return shortCoefficient(d.CoefficientInt64(), d.Exponent(), n)
}

// thousandths is d cut to thousandths (d.Truncate(3)'s coefficient) in 128-bit
// integer arithmetic, when d's coefficient fits in 128 bits, at most 18 decimals
// are cut and the result has at most 18 digits: the amounts division leaves, cut
// without a big.Int division. ok is false when it does not apply.
func thousandths(d decimal.Decimal) (int64, bool) {
	k := -d.Exponent() - 3
	if k < 1 || k >= int32(len(pow10i)) || bits.UintSize != 64 {
		return 0, false
	}
	c := d.Coefficient()
	if c.BitLen() > 128 {
		return 0, false
	}
	var lo, hi uint64
	w := c.Bits() // the magnitude, least significant word first
	if len(w) > 0 {
		lo = uint64(w[0])
	}
	if len(w) > 1 {
		hi = uint64(w[1])
	}
	p := uint64(pow10i[k])
	qlo, _ := bits.Div64(hi%p, lo, p)
	if hi/p != 0 || qlo >= uint64(pow10i[18]) {
		return 0, false
	}
	if c.Sign() < 0 {
		return -int64(qlo), true // toward zero, as Truncate cuts
	}
	return int64(qlo), true
}

// digits counts the decimal digits of c (1 for 0), as decimal's NumDigits does.
func digits(c int64) int {
	if c < 0 {
		c = -c
	}
	n := 1
	for c >= 10 {
		c /= 10
		n++
	}
	return n
}

// shortCoefficient is Short of c×10^e, c having n digits (n at most 18).
func shortCoefficient(c int64, e int32, n int) (string, bool) {
	sign := ""
	if c < 0 {
		sign, c = "-", -c
	}
	digits := int32(n) + e
	for _, s := range scales {
		if s.exp > digits {
			continue
		}
		q, ok := hundredths(c, e-s.exp)
		if !ok {
			return "", false
		}
		if q >= 100 {
			return sign + "$" + fixed2(q) + s.suffix, true
		}
	}
	q, ok := hundredths(c, e)
	if !ok {
		return "", false
	}
	if q == 0 {
		sign = ""
	}
	return sign + "$" + fixed2(q), true
}

// hundredths is c×10^e (c ≥ 0, below 10^18) in hundredths, rounded half away from
// zero as decimal's Round(2) does: cut to thousandths, add 5, cut the last digit.
func hundredths(c int64, e int32) (int64, bool) {
	k := e + 3 // c×10^e in thousandths is c×10^k
	var t int64
	switch {
	case k > 18:
		return 0, false
	case k >= 0:
		p := pow10i[k]
		if c > (math.MaxInt64-5)/p {
			return 0, false
		}
		t = c * p
	case k >= -18:
		t = c / pow10i[-k]
	}
	return (t + 5) / 10, true
}

// fixed2 writes hundredths with two decimals: 12345 is "123.45", 5 is "0.05".
func fixed2(q int64) string {
	frac := q % 100
	b := strconv.AppendInt(make([]byte, 0, 24), q/100, 10)
	return string(append(b, '.', byte('0'+frac/10), byte('0'+frac%10)))
}

var pow10i = [...]int64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

// Grouped writes an amount with two decimals and thousands separators: $1,234,567.89.
func Grouped(d decimal.Decimal) string {
	s := Cents(d)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	intPart, frac := s[:len(s)-3], s[len(s)-3:]
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return sign + "$" + b.String() + frac
}

// pow10f holds the powers of ten that float64 represents exactly.
var pow10f = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// pow10big holds 10^0 to 10^63 as exact big floats.
var pow10big = sync.OnceValue(func() []*big.Float {
	out := make([]*big.Float, 64)
	p := big.NewInt(1)
	for k := range out {
		out[k] = new(big.Float).SetInt(p)
		p = new(big.Int).Mul(p, big.NewInt(10))
	}
	return out
})

// Float is the float64 nearest to d, for drawing: the same number as
// d.InexactFloat64(), found without big rationals when it can be. A chart of a
// long horizon converts thousands of amounts on every slider step.
func Float(d decimal.Decimal) float64 {
	// A coefficient of at most 15 digits is exact in a float64, and so is 10^k for
	// k <= 22: one multiplication or division of exact operands rounds once, to
	// the nearest float64 (Clinger's fast path).
	if e := d.Exponent(); e >= -22 && e <= 22 && d.NumDigits() <= 15 {
		c := float64(d.CoefficientInt64())
		if e >= 0 {
			if c*pow10f[e] < 1<<53 {
				return c * pow10f[e]
			}
		} else {
			return c / pow10f[-e]
		}
	}
	var f float64
	if e := d.Exponent(); e < 0 && -int(e) < len(pow10big()) {
		// An engine amount of many decimals (a quotient to 20 places): the exact
		// coefficient divided by an exact power of ten, rounded once to 53 bits,
		// which is what parsing its digits would give, without writing them.
		q := new(big.Float).SetPrec(53).Quo(new(big.Float).SetInt(d.Coefficient()), pow10big()[-e])
		f, _ = q.Float64()
	} else {
		var err error
		if f, err = strconv.ParseFloat(d.String(), 64); err != nil {
			f = d.InexactFloat64()
		}
	}
	// An exact amount beyond float64's range (a growth of 10^10 a year over 40
	// years) is drawn at the largest float64, not as an infinity that JSON and
	// charts cannot hold.
	switch {
	case math.IsInf(f, 1):
		return math.MaxFloat64
	case math.IsInf(f, -1):
		return -math.MaxFloat64
	}
	return f
}
