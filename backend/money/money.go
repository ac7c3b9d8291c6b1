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
	for _, s := range scales {
		if d.Cmp(decimal.New(1, s.exp)) >= 0 {
			v := d.Shift(-s.exp).StringFixed(2)
			if v == "1000.00" && s.exp < 12 { // rounding carried into the next scale
				continue
			}
			return sign + "$" + v + s.suffix
		}
	}
	v := d.StringFixed(2)
	if v == "0.00" {
		sign = ""
	}
	return sign + "$" + v
}

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
