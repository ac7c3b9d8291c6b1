package scenario

import (
	"math"
	"strings"

	"github.com/shopspring/decimal"

	"dealmodel/backend/fault"
)

// FollowRange moves the uncertainty range of the field at path to its current
// value, keeping the range's shape relative to the value: every parameter in the
// field's unit (low, mode, high, mean, sd, p10, p90, a discrete distribution's
// values) is scaled by value/reference, and a lognormal's mu shifts by the log of
// that ratio. reference is the value the range was written around, in the field's
// syntax (the value before an edit); "" takes the distribution's centre (its mode,
// mean, midpoint or median). A field without a range is left alone.
func (s *Scenario) FollowRange(path, reference string) error {
	f, ok := s.Field(path)
	if !ok {
		return fault.Errorf(fault.Invalid, "%q is not a numeric field of this scenario", path)
	}
	u := s.uncertainInput(path)
	if u == nil || u.Dist == DistBernoulli {
		return nil // nothing to move: a bernoulli keeps the value or zero
	}
	var ref decimal.Decimal
	if strings.TrimSpace(reference) == "" {
		c, ok := u.centre(f.Kind)
		if !ok {
			return fault.Errorf(fault.Invalid, "%s: the range has no centre to move", path)
		}
		ref = c
	} else {
		r, err := ParseInput(f.Kind, reference)
		if err != nil {
			return err
		}
		ref = r
	}
	if ref.IsZero() || f.Value.IsZero() || ref.Sign() != f.Value.Sign() {
		return fault.Errorf(fault.Invalid, "%s: a range cannot follow a value from %s to %s (it keeps its shape relative to the value, which needs two values of the same sign)",
			path, FormatInput(f.Kind, ref), FormatInput(f.Kind, f.Value))
	}
	ratio := f.Value.Div(ref)
	if ratio.Equal(decimal.NewFromInt(1)) {
		return nil
	}
	places := int32(6)
	if f.Kind == KindAmount {
		places = 0
	}
	for i := range u.Params {
		p := &u.Params[i]
		switch p.Name {
		case "mu":
			p.Value = p.Value.Add(decimal.NewFromFloat(math.Log(ratio.InexactFloat64()))).Round(12)
		case "sigma", "p":
		default:
			p.Value = p.Value.Mul(ratio).Round(places)
		}
	}
	for i, t := range u.Values {
		v, err := ParseInput(f.Kind, t)
		if err != nil {
			return fault.Errorf(fault.Invalid, "%s: value %q: %v", path, t, err)
		}
		u.Values[i] = FormatInput(f.Kind, v.Mul(ratio).Round(places))
	}
	return nil
}

// uncertainInput is the uncertain input over the field at path, or nil.
func (s *Scenario) uncertainInput(path string) *UncertainInput {
	if s.Uncertainty == nil {
		return nil
	}
	for i := range s.Uncertainty.Inputs {
		if s.Uncertainty.Inputs[i].Path == path {
			return &s.Uncertainty.Inputs[i]
		}
	}
	return nil
}

// centre is where a distribution is centred: its mode, mean, midpoint or median.
func (u *UncertainInput) centre(kind FieldKind) (decimal.Decimal, bool) {
	get := func(n string) (decimal.Decimal, bool) { return u.Get(n) }
	switch u.Dist {
	case DistTriangular, DistPert:
		return get("mode")
	case DistUniform:
		lo, ok1 := get("low")
		hi, ok2 := get("high")
		return lo.Add(hi).Div(decimal.NewFromInt(2)), ok1 && ok2
	case DistNormal:
		return get("mean")
	case DistLognormal:
		if p10, ok := get("p10"); ok {
			p90, _ := get("p90")
			return decimal.NewFromFloat(math.Sqrt(p10.InexactFloat64() * p90.InexactFloat64())), true
		}
		mu, ok := get("mu")
		return decimal.NewFromFloat(math.Exp(mu.InexactFloat64())), ok
	case DistDiscrete:
		// The most likely value.
		best := -1
		for i := range u.Values {
			if i < len(u.Probs) && (best < 0 || u.Probs[i].GreaterThan(u.Probs[best])) {
				best = i
			}
		}
		if best < 0 {
			return decimal.Decimal{}, false
		}
		v, err := ParseInput(kind, u.Values[best])
		return v, err == nil
	}
	return decimal.Decimal{}, false
}
