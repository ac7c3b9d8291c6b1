package money

import (
	"testing"

	"github.com/shopspring/decimal"
)

func TestFormats(t *testing.T) {
	cases := []struct{ in, cents, short, grouped string }{
		{"0", "0.00", "$0.00", "$0.00"},
		{"-0.004", "0.00", "$0.00", "$0.00"},
		{"0.005", "0.01", "$0.01", "$0.01"},     // half away from zero
		{"-0.005", "-0.01", "-$0.01", "-$0.01"}, // half away from zero
		{"1234.5", "1234.50", "$1.23K", "$1,234.50"},
		{"38000000000", "38000000000.00", "$38.00B", "$38,000,000,000.00"},
		{"12345678901.234", "12345678901.23", "$12.35B", "$12,345,678,901.23"},
		{"-689169230769.2307", "-689169230769.23", "-$689.17B", "-$689,169,230,769.23"},
		{"1500000000000", "1500000000000.00", "$1.50T", "$1,500,000,000,000.00"},
		{"999999", "999999.00", "$1.00M", "$999,999.00"}, // rounds into the next scale
		{"999.999", "1000.00", "$1.00K", "$1,000.00"},
	}
	for _, c := range cases {
		d := decimal.RequireFromString(c.in)
		if got := Cents(d); got != c.cents {
			t.Errorf("Cents(%s) = %s, want %s", c.in, got, c.cents)
		}
		if got := Short(d); got != c.short {
			t.Errorf("Short(%s) = %s, want %s", c.in, got, c.short)
		}
		if got := Grouped(d); got != c.grouped {
			t.Errorf("Grouped(%s) = %s, want %s", c.in, got, c.grouped)
		}
	}
}

// Float gives the same number as the exact conversion, on the fast path and off it.
func TestFloatMatchesExactConversion(t *testing.T) {
	cases := []string{"0", "1", "-1", "0.1", "0.3", "38000000000", "123456789012345", "1234567890123456",
		"9007199254740993", "1e22", "1e23", "-2.5e-7", "0.000000000000000000001", "33.33333333333333333333",
		"7250000000.00000000000000000001", "123456.789", "-98765432109876.54321", "5e-300", "1.7976931348623157e308"}
	for _, c := range cases {
		d := decimal.RequireFromString(c)
		if got, want := Float(d), d.InexactFloat64(); got != want {
			t.Errorf("Float(%s) = %v, want %v", c, got, want)
		}
	}
	// Quotients as the engine makes them: 20 decimal places; and products of them,
	// of up to 60 places and 70 digits.
	for i := int64(1); i < 2000; i += 7 {
		d := decimal.NewFromInt(38_000_000_000+i).DivRound(decimal.NewFromInt(3*i+1), 20)
		for _, x := range []decimal.Decimal{d, d.Neg(), d.Mul(d), d.Mul(d).Mul(d), d.Mul(d).Mul(d).Mul(d).Shift(-30)} {
			if got, want := Float(x), x.InexactFloat64(); got != want {
				t.Errorf("Float(%s) = %v, want %v", x, got, want)
			}
		}
	}
}

// Amounts are rounded half away from zero, to the cent, the dollar or a unit's
// hundredth, here and nowhere else.
func TestRounding(t *testing.T) {
	d := decimal.RequireFromString
	for _, c := range []struct{ in, cents, whole string }{
		{"12.345", "12.35", "12"},
		{"-12.345", "-12.35", "-12"},
		{"0.5", "0.5", "1"},
		{"-0.004", "0", "0"},
	} {
		if got := RoundCents(d(c.in)); !got.Equal(d(c.cents)) {
			t.Errorf("RoundCents(%s) = %s, want %s", c.in, got, c.cents)
		}
		if got := RoundWhole(d(c.in)); !got.Equal(d(c.whole)) {
			t.Errorf("RoundWhole(%s) = %s, want %s", c.in, got, c.whole)
		}
	}
	bn := decimal.New(1, 9)
	for in, want := range map[string]string{"41760000000": "41.76", "-1000000": "0.00", "5": "0.00", "1235000000": "1.24"} {
		if got := InUnit(d(in), bn); got != want {
			t.Errorf("InUnit(%s, 1B) = %s, want %s", in, got, want)
		}
	}
}
