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
