package scenario

import (
	"errors"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"dealmodel/backend/fault"
)

// KindQuarter is the kind of a quarter field (from, until, cap_from, a tranche's
// at and expires): its Value is the quarter's number (Quarter as a decimal). Quarter
// fields are not among Fields, which sliders, goal seek and tables act on; an
// uncertain input may draw one through a discrete distribution.
const KindQuarter FieldKind = "quarter"

// ContractQuarters is implemented by a contract type with quarters that may be
// uncertain.
type ContractQuarters interface {
	// Quarters lists the quarter fields of c: key below contracts.<id>., label and
	// value, in document order.
	Quarters(c *Contract, add func(key, label string, q Quarter))
	// SetQuarter sets the quarter field key of c; false when c has none.
	SetQuarter(c *Contract, key string, q Quarter) bool
}

// QuarterEndOfYear reports whether a bare year written for the quarter field at
// path means the year's last quarter (until, expires) rather than its first.
func QuarterEndOfYear(path string) bool {
	return strings.HasSuffix(path, ".until") || strings.HasSuffix(path, ".expires")
}

// QuarterFields lists the quarter fields that may be uncertain, in document order.
func (s *Scenario) QuarterFields() []Field {
	var out []Field
	for i := range s.Contracts {
		c := &s.Contracts[i]
		t, ok := contractTypeOf(c).(ContractQuarters)
		if !ok {
			continue
		}
		l := c.DisplayLabel()
		t.Quarters(c, func(key, label string, q Quarter) {
			out = append(out, Field{Path: "contracts." + c.ID + "." + key, Kind: KindQuarter,
				Label: l + ": " + label, Value: decimal.NewFromInt(int64(q)), Sources: c.Sources})
		})
	}
	return out
}

// QuarterField returns the quarter field at path.
func (s *Scenario) QuarterField(path string) (Field, bool) {
	if !strings.HasPrefix(path, "contracts.") {
		return Field{}, false
	}
	for _, f := range s.fieldsNear(path).QuarterFields() {
		if f.Path == path {
			return f, true
		}
	}
	return Field{}, false
}

// SetQuarter sets the quarter field at path. Like Set, it does not check rules
// across fields: call Validate after a batch of changes.
func (s *Scenario) SetQuarter(path string, q Quarter) error {
	if _, ok := s.QuarterField(path); !ok {
		return fault.Errorf(fault.Invalid, "%q is not a quarter field of this scenario: quarter fields are a contract's from, until, cap_from and a tranche's at and expires", path)
	}
	c, key := s.ContractAt(path)
	if t, ok := contractTypeOf(c).(ContractQuarters); ok && t.SetQuarter(c, key, q) {
		return nil
	}
	return fault.Errorf(fault.Invalid, "%q is not a quarter field of this scenario", path)
}

// AnyField returns the numeric field or the quarter field at path.
func (s *Scenario) AnyField(path string) (Field, bool) {
	if f, ok := s.Field(path); ok {
		return f, true
	}
	return s.QuarterField(path)
}

// checkQuarterInput checks an uncertain quarter field: only a discrete
// distribution, its values quarters, and each value one the scenario accepts
// with the others as written.
func (s *Scenario) checkQuarterInput(report reportFunc, path string, in *UncertainInput) {
	if in.Dist != DistDiscrete {
		report(path, "%s is a quarter: it may be uncertain only through a discrete distribution, such as {dist: discrete, values: [2027Q2, 2027Q4], p: [40%%, 60%%]}", in.Path)
		return
	}
	if len(in.Values) == 0 || len(in.Values) != len(in.Probs) {
		return // reported while decoding
	}
	qs, err := in.DiscreteValues(KindQuarter)
	if err != nil {
		for i, t := range in.Values {
			if _, err := ParseQuarter(t, QuarterEndOfYear(in.Path)); err != nil {
				report(fmt.Sprintf("%s.values.%d", path, i+1), "%v (a quarter field's values are quarters such as 2027Q4)", err)
			}
		}
	} else {
		// Each value, with every other field as written, must make a valid contract
		// (checked on the scenario cut down to it, so that edits stay quick).
		near := *s
		near.Contracts = s.fieldsNear(in.Path).Contracts
		base := near.Clone()
		base.Uncertainty = nil
		// A problem the scenario has as written is reported once by the plain
		// check, not again for each value (asked only when a value fails).
		var asWritten map[string]bool
		for i, v := range qs {
			c := base.Clone()
			if err := c.SetQuarter(in.Path, Quarter(v.IntPart())); err != nil {
				report(path, "%s", err)
				return
			}
			if err := c.Validate(); err != nil {
				if asWritten == nil {
					asWritten = map[string]bool{}
					for _, e := range errorsOf(base.Validate()) {
						asWritten[e.Path+"\x00"+e.Msg] = true
					}
				}
				var first *Error
				for _, e := range errorsOf(err) {
					if !asWritten[e.Path+"\x00"+e.Msg] {
						first = e
						break
					}
				}
				if first == nil {
					continue
				}
				msg := first.Msg
				if first.Path != "" {
					msg = first.Path + ": " + msg
				}
				report(fmt.Sprintf("%s.values.%d", path, i+1), "%s would make the scenario invalid: %s", in.Values[i], msg)
			}
		}
	}
	checkProbs(report, path, in)
}

// errorsOf lists the errors of a validation (one without a list as a single error
// without a path).
func errorsOf(err error) []*Error {
	if err == nil {
		return nil
	}
	var el *ErrorList
	if errors.As(err, &el) {
		return el.Errors
	}
	return []*Error{{Msg: err.Error()}}
}
