// Package money formats exact decimal amounts for people and for files. It is the one
// place where amounts are rounded.
package money

import (
	"strings"

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
	sign := ""
	if d.IsNegative() {
		sign, d = "-", d.Neg()
	}
	// The largest scale at which the amount, rounded to cents of that scale, is at
	// least 1: $999,999 reads $1.00M, not $1000.00K.
	for _, s := range scales {
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
