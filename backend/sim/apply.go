package sim

import (
	"math"

	"github.com/shopspring/decimal"

	"dealmodel/backend/money"
	"dealmodel/backend/scenario"
)

// Assignment is a value for one numeric field.
type Assignment struct {
	Path  string
	Value decimal.Decimal
}

// With returns a copy of s with the assignments applied, as one draw of the
// simulation applies its values: every non-integer field first, in order, then
// the integer fields (a commitment's years), so that a drawn term that is shorter
// than the custom weights drops the last (drawn) weights and a longer one repeats
// the last.
func With(s *scenario.Scenario, as []Assignment) (*scenario.Scenario, error) {
	kinds := make(map[string]scenario.FieldKind, len(as))
	for _, f := range s.Fields() {
		kinds[f.Path] = f.Kind
	}
	for _, f := range s.QuarterFields() {
		kinds[f.Path] = f.Kind
	}
	return with(s, as, kinds)
}

// with is With for assignments whose fields' kinds are known.
func with(s *scenario.Scenario, as []Assignment, kinds map[string]scenario.FieldKind) (*scenario.Scenario, error) {
	c := s.Clone()
	for pass := range 2 {
		for _, a := range as {
			kind, ok := kinds[a.Path]
			if !ok {
				return nil, errorf(EINVALID, "%q is not a numeric field of this scenario", a.Path)
			}
			if (kind == scenario.KindInteger) != (pass == 1) {
				continue
			}
			if kind == scenario.KindQuarter {
				if err := c.SetQuarter(a.Path, scenario.Quarter(a.Value.IntPart())); err != nil {
					return nil, errorf(EINVALID, "%s", err)
				}
				continue
			}
			if err := c.Set(a.Path, a.Value); err != nil {
				return nil, errorf(EINVALID, "%s", err)
			}
		}
	}
	return c, nil
}

// exact converts a float64 value of a field to a decimal: the shortest decimal
// that reads back as the same float64 (integers are whole).
func exact(kind scenario.FieldKind, x float64) decimal.Decimal {
	if kind == scenario.KindInteger || kind == scenario.KindQuarter {
		return decimal.NewFromInt(int64(math.Round(x)))
	}
	return decimal.NewFromFloat(x)
}

// rounded converts a float64 value of a field to a decimal rounded to what people
// write for it: cents for amounts, whole numbers for integers, and 12 decimal
// places (ten for a percentage) for rates and plain numbers.
func rounded(kind scenario.FieldKind, x float64) decimal.Decimal {
	return roundedTo(kind, x, 12)
}

// roundedTo is rounded with places decimals for rates and plain numbers.
func roundedTo(kind scenario.FieldKind, x float64, places int32) decimal.Decimal {
	return roundDecimal(kind, exact(kind, x), places)
}

// roundDecimal rounds d, a value of a field of the kind, as people write it:
// amounts to the cent, rates and plain numbers to places decimals.
func roundDecimal(kind scenario.FieldKind, d decimal.Decimal, places int32) decimal.Decimal {
	switch kind {
	case scenario.KindAmount:
		return money.RoundCents(d)
	case scenario.KindRate, scenario.KindNumber:
		return d.Round(places)
	}
	return d
}
