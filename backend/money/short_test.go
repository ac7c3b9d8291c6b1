package money

import (
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
)

// The integer path of Short writes what the decimal path writes, digit for digit,
// wherever it applies; beyond 18 digits Short takes the decimal path.
func TestShortInt64MatchesDecimal(t *testing.T) {
	check := func(d decimal.Decimal) {
		t.Helper()
		want := shortDecimal(d)
		got, ok := shortInt64(d)
		if ok && got != want {
			t.Fatalf("%s: %q, the decimal path writes %q", d.String(), got, want)
		}
		if s := Short(d); s != want {
			t.Fatalf("Short(%s) = %q, want %q", d.String(), s, want)
		}
	}
	edges := []string{"0", "-0", "0.004", "0.005", "-0.005", "0.0049999", "0.995", "999.995", "999.994999",
		"999999.995", "999995", "999994.999", "1", "-1", "1000", "999.999", "12345678901234567.89",
		"41760000000", "-70640000000", "38000000000.005", "0.00000000000000000001", "123456789012345678",
		"1234567890123456789", "99999999999999999999999", "9223372036854775807", "-9223372036854775808",
		"1e18", "1e30", "5e-3", "4.5e-3", "1.005e12", "999.995e9", "0.015", "-0.015", "2.675"}
	for _, s := range edges {
		check(decimal.RequireFromString(s))
	}
	// Amounts of division carry long fractions: cut before the integer path.
	for _, s := range []string{"3275000000.0000000000000000000001", "999999.99499999999999999999", "999999.9950000000000000001",
		"0.00499999999999999999999", "0.0050000000000000000001", "-41760000000.123456789012345678"} {
		d := decimal.RequireFromString(s)
		check(d)
		if _, ok := shortInt64(d); !ok {
			t.Errorf("%s: not written in integer arithmetic", s)
		}
	}
	check(decimal.RequireFromString("1234567890123456789.5"))
	r := rand.New(rand.NewPCG(1, 2))
	for range 50000 {
		c := new(big.Int).Mul(big.NewInt(r.Int64N(1_000_000_000_000_000_000)), big.NewInt(r.Int64N(1_000_000_000_000)+1))
		if r.IntN(2) == 0 {
			c.Neg(c)
		}
		check(decimal.NewFromBigInt(c, int32(r.IntN(30)-30)))
	}
	for range 200000 {
		c := r.Int64N(1_000_000_000_000_000_000) >> r.IntN(60)
		if r.IntN(2) == 0 {
			c = -c
		}
		check(decimal.New(c, int32(r.IntN(40)-24)))
	}
}

// The 128-bit cut to thousandths is decimal's Truncate(3), wherever it applies;
// it applies to the amounts division leaves (up to 18 decimals cut) and leaves
// coefficients beyond 128 bits to Truncate.
func TestThousandthsIsTruncate(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	applied := 0
	for i := range 100000 {
		c := new(big.Int).Mul(big.NewInt(r.Int64N(1_000_000_000_000_000_000)), big.NewInt(r.Int64N(1_000_000_000_000)+1))
		if i%10 == 0 {
			c.Mul(c, big.NewInt(r.Int64N(1_000_000_000_000_000_000)+1)) // beyond 128 bits, often
		}
		if r.IntN(2) == 0 {
			c.Neg(c)
		}
		d := decimal.NewFromBigInt(c, int32(r.IntN(30)-30))
		got, ok := thousandths(d)
		if !ok {
			if c.BitLen() <= 64 || d.Exponent() > -4 {
				continue
			}
			if w := d.Truncate(3); c.BitLen() <= 128 && d.Exponent() >= -21 && w.NumDigits() <= 18 {
				t.Fatalf("%s: not cut in 128 bits", d.String())
			}
			continue
		}
		applied++
		if want := d.Truncate(3); !decimal.New(got, -3).Equal(want) {
			t.Fatalf("%s cut to thousandths: %d×10^-3, Truncate(3) gives %s", d.String(), got, want.String())
		}
	}
	if applied < 15000 {
		t.Fatalf("the 128-bit cut applied to %d amounts only", applied)
	}
	for _, s := range []string{"-0.0009999999999999999999", "0.0000000000000000000001", "-41760000000.123456789012345678"} {
		d := decimal.RequireFromString(s)
		if got, ok := thousandths(d); ok && !decimal.New(got, -3).Equal(d.Truncate(3)) {
			t.Errorf("%s: %d×10^-3, want %s", s, got, d.Truncate(3).String())
		}
	}
}
