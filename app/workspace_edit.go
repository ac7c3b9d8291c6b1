package app

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"dealmodel/backend/scenario"
)

// idPattern is the format's rule for stream and contract ids.
var idPattern = regexp.MustCompile(`^[a-z][a-z0-9_]{0,39}$`)

// applyEdit applies one edit to sc and checks the whole scenario. On error sc may be
// half changed: the caller applies edits to a clone and drops it.
func applyEdit(sc *scenario.Scenario, ed Edit) error {
	var err error
	switch ed.Op {
	case OpSet:
		err = editSet(sc, ed.Path, ed.Value)
	case OpQuarter:
		err = editQuarter(sc, ed.Path, ed.Value)
	case OpEnable:
		err = editEnable(sc, ed.Path, ed.Value)
	case OpText:
		err = editText(sc, ed.Path, ed.Value)
	case OpAdd:
		err = addFromTemplate(sc, ed.Path, ed.Value)
	case OpRemove:
		err = editRemove(sc, ed.Path)
	case OpCorrelations:
		err = editCorrelations(sc, ed.Value)
	case OpDistribution:
		err = editDistribution(sc, ed.Path, ed.Value)
	default:
		err = fmt.Errorf("unknown edit %q: the edits are set, quarter, enable, text, add, remove, correlations and distribution", ed.Op)
	}
	if err != nil {
		return err
	}
	applyDefaults(sc)
	dropDanglingUncertainty(sc)
	dropDanglingCorrelations(sc)
	if err := sc.Validate(); err != nil {
		return validationProblem(err, ed.Path)
	}
	return nil
}

// validationProblem says what rule an edit broke, naming other fields by path.
func validationProblem(err error, path string) error {
	var el *scenario.ErrorList
	if !errors.As(err, &el) {
		return err
	}
	msgs := make([]string, 0, len(el.Errors))
	for _, e := range el.Errors {
		if e.Path == "" || e.Path == path {
			msgs = append(msgs, e.Msg)
		} else {
			msgs = append(msgs, e.Path+": "+e.Msg)
		}
	}
	return errors.New(strings.Join(msgs, "; "))
}

// applyDefaults gives dates the file leaves out their defaults again, after the
// horizon moved: from is start, until is end.
func applyDefaults(sc *scenario.Scenario) {
	for i := range sc.Contracts {
		c := &sc.Contracts[i]
		if !c.FromSet {
			c.From = sc.Start
		}
		if !c.UntilSet {
			c.Until = sc.End
		}
	}
}

// dropDanglingUncertainty removes uncertain inputs whose field is gone (its contract
// removed, a commitment shortened): a range over nothing would make the scenario
// invalid.
func dropDanglingUncertainty(sc *scenario.Scenario) {
	u := sc.Uncertainty
	if u == nil {
		return
	}
	paths := map[string]bool{}
	for _, f := range sc.Fields() {
		paths[f.Path] = true
	}
	keep := u.Inputs[:0]
	for _, in := range u.Inputs {
		if paths[in.Path] {
			keep = append(keep, in)
		}
	}
	u.Inputs = keep
	if len(u.Inputs) == 0 && u.Runs == 0 && !u.SeedSet {
		sc.Uncertainty = nil
	}
}

// parseValue reads a value of a field's kind as people type it.
func parseValue(kind scenario.FieldKind, text string) (decimal.Decimal, error) {
	return scenario.ParseInput(kind, text)
}

// editSet sets a numeric field. A revenue share without a cap gains one.
func editSet(sc *scenario.Scenario, path, value string) error {
	f, ok := sc.Field(path)
	if !ok {
		if c, rest := contractAt(sc, path); c != nil && rest == "cap" && c.Type == scenario.TypeRevenueShare && c.Cap == nil {
			v, err := scenario.ParseInput(scenario.KindAmount, value)
			if err != nil {
				return err
			}
			c.Cap = &v
			return nil
		}
		if err := sc.Set(path, decimal.Zero); err != nil {
			return err
		}
		return fmt.Errorf("%q is not a numeric field of this scenario", path)
	}
	v, err := parseValue(f.Kind, value)
	if err != nil {
		return err
	}
	if err := sc.Set(path, v); err != nil {
		return errors.New(strings.TrimPrefix(err.Error(), path+": "))
	}
	return nil
}

// contractAt splits contracts.<id>.<rest> and finds the contract.
func contractAt(sc *scenario.Scenario, path string) (*scenario.Contract, string) {
	rest, ok := strings.CutPrefix(path, "contracts.")
	if !ok {
		return nil, ""
	}
	id, field, _ := strings.Cut(rest, ".")
	return sc.Contract(id), field
}

// streamAt splits streams.<id>.<rest> and finds the stream.
func streamAt(sc *scenario.Scenario, path string) (*scenario.Stream, string) {
	rest, ok := strings.CutPrefix(path, "streams.")
	if !ok {
		return nil, ""
	}
	id, field, _ := strings.Cut(rest, ".")
	return sc.Stream(id), field
}

// editQuarter sets a date: start, end, a contract's from and until, an equity
// valuation's date.
func editQuarter(sc *scenario.Scenario, path, value string) error {
	endOfYear := path == "end" || strings.HasSuffix(path, ".until")
	q, err := scenario.ParseQuarter(value, endOfYear)
	if err != nil {
		return err
	}
	switch path {
	case "start":
		sc.Start = q
		return nil
	case "end":
		sc.End = q
		return nil
	}
	c, field := contractAt(sc, path)
	if c == nil {
		return fmt.Errorf("%q is not a date of this scenario: dates are start, end, contracts.<id>.from, .until and .valuation.at", path)
	}
	switch {
	case field == "from" && (c.Type == scenario.TypeRevenueShare || c.Type == scenario.TypeCommitment):
		c.From, c.FromSet = q, true
	case field == "until" && c.Type == scenario.TypeRevenueShare:
		c.Until, c.UntilSet = q, true
	case field == "valuation.at" && c.Type == scenario.TypeEquity:
		c.Valuation.At = q
	default:
		return fmt.Errorf("a %s contract has no date %q", c.Type, field)
	}
	return nil
}

// editEnable switches a contract on or off.
func editEnable(sc *scenario.Scenario, path, value string) error {
	c, field := contractAt(sc, path)
	if c == nil || field != "" {
		return fmt.Errorf("%q is not a contract: write contracts.<id>", path)
	}
	on, err := strconv.ParseBool(strings.TrimSpace(value))
	if err != nil {
		return fmt.Errorf("%q: write true or false", value)
	}
	c.Enabled = on
	return nil
}

// editText sets a text field: names, labels, parties, sources, and the few choices
// (a commitment's profile, a revenue share's base, an equity valuation's method).
func editText(sc *scenario.Scenario, path, value string) error {
	v := strings.TrimSpace(value)
	switch path {
	case "name":
		sc.Name = v
		return nil
	case "description":
		sc.Description = v
		return nil
	}
	if st, field := streamAt(sc, path); st != nil {
		switch field {
		case "label":
			st.Label = v
		case "source", "sources":
			st.Sources = splitLines(value)
		default:
			return fmt.Errorf("a stream's text fields are label and sources, not %q", field)
		}
		return nil
	}
	c, field := contractAt(sc, path)
	if c == nil {
		return fmt.Errorf("%q is not a text field of this scenario", path)
	}
	switch {
	case field == "label":
		c.Label = v
	case field == "source" || field == "sources":
		c.Sources = splitLines(value)
	case field == "payer" && c.MovesMoney():
		c.Payer = v
	case field == "payee" && c.MovesMoney():
		c.Payee = v
	case field == "holder" && c.Type == scenario.TypeEquity:
		c.Holder = v
	case field == "base" && c.Type == scenario.TypeRevenueShare:
		c.Base = v
	case field == "profile" && c.Type == scenario.TypeCommitment:
		switch v {
		case scenario.ProfileEven, scenario.ProfileRamp:
			c.Weights = nil
		case scenario.ProfileCustom:
			if c.Profile != scenario.ProfileCustom {
				c.Weights = make([]decimal.Decimal, c.Years)
				for k := range c.Weights {
					c.Weights[k] = decimal.NewFromInt(1)
					if c.Profile == scenario.ProfileRamp {
						c.Weights[k] = decimal.NewFromInt(int64(k + 1))
					}
				}
			}
		default:
			return fmt.Errorf("profile %q: use even, ramp or custom", v)
		}
		c.Profile = v
	case field == "valuation.method" && c.Type == scenario.TypeEquity:
		switch v {
		case scenario.MethodConstant:
			c.Valuation.Stream = ""
		case scenario.MethodRevenueMultiple:
			if c.Valuation.Stream == "" && len(sc.Streams) > 0 {
				c.Valuation.Stream = sc.Streams[0].ID
			}
		default:
			return fmt.Errorf("method %q: use constant or revenue_multiple", v)
		}
		c.Valuation.Method = v
	case field == "valuation.stream" && c.Type == scenario.TypeEquity:
		c.Valuation.Stream = v
	default:
		return fmt.Errorf("a %s contract has no text field %q", c.Type, field)
	}
	return nil
}

// splitLines is a list of sources written one a line.
func splitLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// editRemove removes a stream, a contract, a revenue share's cap or one payment of
// a schedule.
func editRemove(sc *scenario.Scenario, path string) error {
	if st, field := streamAt(sc, path); st != nil && field == "" {
		for i := range sc.Contracts {
			c := &sc.Contracts[i]
			if c.Base == st.ID || c.Valuation.Stream == st.ID {
				return fmt.Errorf("“%s” is the base of “%s”: remove that contract or give it another stream first", st.DisplayLabel(), c.DisplayLabel())
			}
		}
		for i := range sc.Streams {
			if sc.Streams[i].ID == st.ID {
				sc.Streams = append(sc.Streams[:i:i], sc.Streams[i+1:]...)
				return nil
			}
		}
	}
	c, field := contractAt(sc, path)
	switch {
	case c != nil && field == "":
		for i := range sc.Contracts {
			if sc.Contracts[i].ID == c.ID {
				sc.Contracts = append(sc.Contracts[:i:i], sc.Contracts[i+1:]...)
				return nil
			}
		}
	case c != nil && field == "cap" && c.Cap != nil:
		c.Cap = nil
		return nil
	case c != nil && c.Type == scenario.TypePayment && strings.HasPrefix(field, "schedule."):
		q, err := scenario.ParseQuarter(strings.TrimPrefix(field, "schedule."), false)
		if err == nil {
			for i, e := range c.Schedule {
				if e.Quarter == q {
					c.Schedule = append(c.Schedule[:i:i], c.Schedule[i+1:]...)
					return nil
				}
			}
		}
	}
	return fmt.Errorf("%q cannot be removed: remove streams.<id>, contracts.<id>, a revenue share's cap or a payment's schedule.<quarter>", path)
}
