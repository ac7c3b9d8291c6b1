package gen

import (
	"fmt"
	"math/rand/v2"

	"github.com/shopspring/decimal"

	"dealmodel/backend/contract"
	"dealmodel/backend/scenario"
	"dealmodel/scenarios"
)

// WalkCorpus walks (Walk) each scenario the property tests of incremental work
// hold to the work done from scratch: a generated scenario of n contracts over 40
// years, then every built-in, steps edits each, in that order.
func WalkCorpus(rng *rand.Rand, n, steps int, visit func(what string, s *scenario.Scenario)) error {
	all, err := corpus(n)
	if err != nil {
		return err
	}
	for _, base := range all {
		Walk(rng, base, steps, visit)
	}
	return nil
}

// corpus is a generated scenario of n contracts over 40 years, then every built-in.
func corpus(n int) ([]*scenario.Scenario, error) {
	sc, err := scenario.Parse("generated.yaml", YAML(Size{Contracts: n, Years: 40}))
	if err != nil {
		return nil, err
	}
	out := []*scenario.Scenario{sc}
	for _, b := range scenarios.All() {
		sc, err := scenario.Parse(b.File, b.Data)
		if err != nil {
			return nil, err
		}
		out = append(out, sc)
	}
	return out, nil
}

// Walk edits base at random, as a user might, for steps steps, and shows visit
// each version reached and how: an edit of a copy of the latest (kept when it
// leaves the scenario valid, tidied as the window tidies it), or now and then a
// return to an earlier version (an undo). The same seed walks the same way.
func Walk(rng *rand.Rand, base *scenario.Scenario, steps int, visit func(what string, s *scenario.Scenario)) {
	history := []*scenario.Scenario{base}
	cur := base
	visit("opening", cur)
	for range steps {
		if rng.IntN(6) == 0 {
			cur = history[rng.IntN(len(history))]
			visit("going back", cur)
			continue
		}
		next := cur.Clone()
		what := Edit(rng, next)
		if what == "" {
			continue
		}
		next.Tidy()
		if next.Validate() != nil {
			continue
		}
		cur = next
		history = append(history, cur)
		visit(what, cur)
	}
}

// Edit changes s at random as a user might (a value, a switch, a label, a party,
// a source, an uncertain range, the horizon, a removal, the description, a term
// chosen from a list, a dated part added or moved) and
// says how, or returns "" when it made no edit. The result may be invalid.
func Edit(rng *rand.Rand, s *scenario.Scenario) string {
	var c *scenario.Contract
	if len(s.Contracts) > 0 {
		c = &s.Contracts[rng.IntN(len(s.Contracts))]
	}
	switch k := rng.IntN(15); {
	case k < 4: // a slider, or a typed value
		fields := s.Fields()
		f := fields[rng.IntN(len(fields))]
		v := f.Value.Mul(decimal.New(int64(50+rng.IntN(101)), -2))
		switch f.Kind {
		case scenario.KindInteger:
			v = f.Value.Add(decimal.NewFromInt(int64(rng.IntN(3) - 1)))
		case scenario.KindRate:
			v = v.Round(4)
		default:
			v = v.Round(0)
		}
		if f.Min != nil && v.LessThan(*f.Min) {
			v = *f.Min
		}
		if f.Max != nil && v.GreaterThan(*f.Max) {
			v = *f.Max
		}
		if s.Set(f.Path, v) != nil {
			return ""
		}
		return "setting " + f.Path + " to " + v.String()
	case k == 4 && c != nil:
		c.Enabled = !c.Enabled
		return fmt.Sprintf("switching %s: %v", c.ID, c.Enabled)
	case k == 5 && c != nil:
		c.Label = fmt.Sprintf("Renamed %d", rng.IntN(100))
		return "renaming " + c.ID
	case k == 6 && c != nil && c.Payer != "":
		c.Payee = fmt.Sprintf("Party %d", rng.IntN(3))
		return "paying " + c.ID + " to " + c.Payee
	case k == 7 && c != nil:
		c.Sources = append(c.Sources, fmt.Sprintf("a source %d", rng.IntN(100)))
		return "adding a source to " + c.ID
	case k == 8 && s.Uncertainty != nil && len(s.Uncertainty.Inputs) > 0:
		in := &s.Uncertainty.Inputs[rng.IntN(len(s.Uncertainty.Inputs))]
		if rng.IntN(2) == 0 {
			in.Sources = append(in.Sources, "a range's source")
			return "sourcing the range of " + in.Path
		}
		for j := range in.Params {
			in.Params[j].Value = in.Params[j].Value.Mul(decimal.New(11, -1))
		}
		return "widening the range of " + in.Path
	case k == 9 && len(s.Contracts) > 1:
		i := rng.IntN(len(s.Contracts))
		id := s.Contracts[i].ID
		s.Contracts = append(s.Contracts[:i], s.Contracts[i+1:]...)
		return "removing " + id
	case k == 10:
		s.End += scenario.Quarter(rng.IntN(9) - 4)
		return "moving the end to " + s.End.String()
	case k == 11 && len(s.Streams) > 0:
		st := &s.Streams[rng.IntN(len(s.Streams))]
		st.Label = fmt.Sprintf("Stream %d", rng.IntN(100))
		return "relabelling stream " + st.ID
	case k == 12:
		s.Description = fmt.Sprintf("Described %d", rng.IntN(100))
		return "describing the scenario"
	case k == 13 && c != nil:
		choices := contract.ChoicesOf(s, c)
		if len(choices) == 0 {
			return ""
		}
		ch := choices[rng.IntN(len(choices))]
		if len(ch.Options) == 0 {
			return ""
		}
		v := ch.Options[rng.IntN(len(ch.Options))].Value
		if s.SetText("contracts."+c.ID+"."+ch.Key, v) != nil {
			return ""
		}
		return "choosing " + v + " for " + c.ID + "." + ch.Key
	case k == 14:
		// A dated part: a stream's reported quarter added or moved, or a mark added.
		q := s.Start + scenario.Quarter(rng.IntN(int(s.End-s.Start)+1))
		if c != nil && contract.Equity(c).Valuation.Method == contract.MethodMarks {
			if s.SetInput("contracts."+c.ID+".valuation.marks."+q.String(), fmt.Sprintf("%dB", 100+rng.IntN(900))) != nil {
				return ""
			}
			return "marking " + c.ID + " in " + q.String()
		}
		if len(s.Streams) == 0 {
			return ""
		}
		st := &s.Streams[rng.IntN(len(s.Streams))]
		if len(st.Actuals) > 0 && rng.IntN(2) == 0 {
			from := st.Actuals[rng.IntN(len(st.Actuals))].Quarter
			if s.SetDate("streams."+st.ID+".actuals."+from.String(), q.String()) != nil {
				return ""
			}
			return "moving " + st.ID + "'s reported " + from.String() + " to " + q.String()
		}
		if s.SetInput("streams."+st.ID+".actuals."+q.String(), fmt.Sprintf("%dB", 1+rng.IntN(20))) != nil {
			return ""
		}
		return "reporting " + st.ID + " in " + q.String()
	}
	return ""
}
