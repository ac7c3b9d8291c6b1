package scenario

import (
	"errors"
	"strings"

	"github.com/shopspring/decimal"

	"dealmodel/backend/fault"
)

var (
	// suffixes scale by powers of ten, so scaling is an exact shift of the point.
	suffixes = []struct {
		letter byte
		exp    int32
	}{
		{'T', 12},
		{'B', 9},
		{'M', 6},
		{'K', 3},
	}
)

// ParseAmount reads an amount: a plain number (13000000000, 13_000_000_000, 2.5) or
// a number with an optional leading $ and a suffix K, M, B or T: 50B, $1.5T, 250M.
// The result is exact; nothing passes through float64.
func ParseAmount(s string) (decimal.Decimal, error) {
	t := strings.TrimSpace(s)
	neg := false
	if strings.HasPrefix(t, "-") {
		neg, t = true, t[1:]
	}
	t = strings.TrimPrefix(t, "$")
	var exp int32
	if n := len(t); n > 0 {
		last := t[n-1] &^ 0x20 // upper case
		for _, sf := range suffixes {
			if last == sf.letter {
				exp, t = sf.exp, t[:n-1]
				break
			}
		}
	}
	if exp != 0 && strings.ContainsAny(t, "eE") || strings.HasPrefix(t, "+") {
		// 1.5e3B or +5B: most likely a typo, and the format has no such form.
		return decimal.Decimal{}, fault.Errorf(fault.Invalid, "%q is not an amount: write a number such as 13000000000, or with a suffix such as 50B, $1.5T, 250M", clip(s))
	}
	d, err := parseNumber(t)
	if err == nil {
		d = d.Shift(exp)
		err = checkSize(d)
	}
	if errors.Is(err, errSize) {
		return decimal.Decimal{}, fault.Errorf(fault.Invalid, "%q is out of range: amounts have at most %d digits before the decimal point and %d after it", clip(s), MaxDigits, MaxPlaces)
	}
	if err != nil {
		return decimal.Decimal{}, fault.Errorf(fault.Invalid, "%q is not an amount: write a number such as 13000000000, or with a suffix such as 50B, $1.5T, 250M", clip(s))
	}
	if neg {
		d = d.Neg()
	}
	return d, nil
}

// ParseRate reads a rate: a percentage (20%, -5.5%) or a plain fraction (0.2).
func ParseRate(s string) (decimal.Decimal, error) {
	t := strings.TrimSpace(s)
	pct := strings.HasSuffix(t, "%")
	if pct {
		t = strings.TrimSpace(t[:len(t)-1])
	}
	d, err := parseNumber(t)
	if err == nil && pct {
		d = d.Shift(-2)
		err = checkSize(d)
	}
	if errors.Is(err, errSize) {
		return decimal.Decimal{}, fault.Errorf(fault.Invalid, "%q is out of range: rates have at most %d decimal places", clip(s), MaxPlaces-2)
	}
	if err != nil {
		return decimal.Decimal{}, fault.Errorf(fault.Invalid, "%q is not a rate: write a percentage such as 20%% or a fraction such as 0.2", clip(s))
	}
	return d, nil
}

// parseNumber reads a plain decimal number, allowing _ between digits and a leading
// sign or exponent. It rejects NaN, infinities, hex and empty strings.
func parseNumber(s string) (decimal.Decimal, error) {
	if s == "" {
		return decimal.Decimal{}, fault.New(fault.Invalid, "empty")
	}
	if len(s) > 200 { // reading a long number costs the square of its length
		return decimal.Decimal{}, errSize
	}
	digits := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '_':
			if i == 0 || i == len(s)-1 || !isDigit(s[i-1]) || !isDigit(s[i+1]) {
				return decimal.Decimal{}, fault.New(fault.Invalid, "misplaced _")
			}
		case c == '.' || c == '+' || c == '-' || c == 'e' || c == 'E':
		default:
			return decimal.Decimal{}, fault.New(fault.Invalid, "not a number")
		}
	}
	if digits == 0 {
		return decimal.Decimal{}, fault.New(fault.Invalid, "no digits")
	}
	d, err := decimal.NewFromString(strings.ReplaceAll(s, "_", ""))
	if err != nil {
		return d, err
	}
	if err := checkSize(d); err != nil {
		return decimal.Decimal{}, err
	}
	if d.IsZero() {
		return decimal.Zero, nil
	}
	if d.Exponent() < -MaxPlaces {
		d = d.Truncate(MaxPlaces) // only trailing zeros go: checkSize saw to that
	}
	return d, nil
}

var errSize = fault.New(fault.Invalid, "out of range")

// checkSize bounds size and precision before anything expands a number: 1e999999999
// is short to write but a billion digits to print.
func checkSize(d decimal.Decimal) error {
	if d.IsZero() {
		return nil
	}
	if int64(d.NumDigits())+int64(d.Exponent()) > MaxDigits {
		return errSize
	}
	if d.Exponent() < -MaxPlaces {
		if int64(d.NumDigits())-int64(d.Exponent()) > 200 || !d.Equal(d.Truncate(MaxPlaces)) {
			return errSize
		}
	}
	return nil
}

// Limits on numbers in scenario files: far beyond any real deal (10^21 dollars),
// finer than any rate or amount needs.
const (
	MaxDigits = 21 // digits before the decimal point
	MaxPlaces = 20 // digits after it
)

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// FormatAmount writes an amount in the format's syntax, exactly, with the largest
// suffix that leaves at least 1 before the point: 38B, 1.5T, 250M, 13.1234567B, 512.
func FormatAmount(d decimal.Decimal) string {
	abs := d.Abs()
	for _, sf := range suffixes {
		if abs.Cmp(decimal.New(1, sf.exp)) >= 0 {
			return d.Shift(-sf.exp).String() + string(sf.letter)
		}
	}
	return d.String()
}

// FormatRate writes a rate as a percentage, exactly: 20%, 12.5%, -3%.
func FormatRate(d decimal.Decimal) string {
	return d.Shift(2).String() + "%"
}
