package scenario

import (
	"fmt"
	"strconv"
	"strings"

	"dealmodel/backend/fault"
)

// Quarter is a calendar quarter, counted from year 0: year*4 + (quarter-1).
// The zero value is 0000Q1, never a valid scenario quarter.
type Quarter int

// Years that a quarter may name. Wide enough for any contract, narrow enough that a
// typo (20266Q1) is caught.
const (
	MinYear = 1900
	MaxYear = 2200
)

// NewQuarter returns the quarter q (1..4) of year y.
func NewQuarter(y, q int) Quarter { return Quarter(y*4 + q - 1) }

// Year is the calendar year of the quarter.
func (q Quarter) Year() int { return int(q) / 4 }

// Q is the quarter within its year, 1..4.
func (q Quarter) Q() int { return int(q)%4 + 1 }

// String formats the quarter as 2026Q3.
func (q Quarter) String() string {
	// Years of four digits, written by hand: a long horizon writes its quarters
	// on every run and every edit.
	if y, n := q.Year(), q.Q(); y >= 1000 && y <= 9999 && n >= 1 && n <= 4 {
		b := [6]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), 'Q', byte('0' + n)}
		return string(b[:])
	}
	return fmt.Sprintf("%04dQ%d", q.Year(), q.Q())
}

// MarshalText writes the quarter as 2026Q3.
func (q Quarter) MarshalText() ([]byte, error) { return []byte(q.String()), nil }

// UnmarshalText reads a quarter written as 2026Q3.
func (q *Quarter) UnmarshalText(b []byte) error {
	v, err := ParseQuarter(string(b), false)
	if err != nil {
		return err
	}
	*q = v
	return nil
}

// ParseQuarter reads "2026Q3" (q1..q4, case-insensitive) or a bare year "2026". A bare
// year means its first quarter, or its last when endOfYear is set (for `end` and
// `until`).
func ParseQuarter(s string, endOfYear bool) (Quarter, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	year, qn := t, 0
	if i := strings.IndexByte(t, 'Q'); i >= 0 {
		year = t[:i]
		n, err := strconv.Atoi(t[i+1:])
		if err != nil || n < 1 || n > 4 || len(t[i+1:]) != 1 {
			return 0, fault.Errorf(fault.Invalid, "%q is not a quarter: write a year and a quarter 1..4, such as 2026Q3", clip(s))
		}
		qn = n
	}
	y, err := strconv.Atoi(year)
	if err != nil || len(year) != 4 {
		return 0, fault.Errorf(fault.Invalid, "%q is not a quarter: write a year and a quarter 1..4, such as 2026Q3", clip(s))
	}
	if y < MinYear || y > MaxYear {
		return 0, fault.Errorf(fault.Invalid, "year %d is out of range: years run from %d to %d", y, MinYear, MaxYear)
	}
	if qn == 0 {
		qn = 1
		if endOfYear {
			qn = 4
		}
	}
	return NewQuarter(y, qn), nil
}
