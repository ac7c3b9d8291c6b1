package engine

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"dealmodel/backend/gen"
	"dealmodel/backend/scenario"
	"dealmodel/scenarios"
)

// A run through a Memo, which takes unchanged contracts and streams from the run
// before, is the full run: every series, value and metric the same, down to each
// decimal's exponent, over random edits of the generated 100-contract scenario and
// of every built-in, and over going back to earlier versions (undo) and from one
// scenario to another.
func TestMemoRunIsTheFullRun(t *testing.T) {
	rng := rand.New(rand.NewPCG(20261202, 13))
	var memo Memo
	var bases []*scenario.Scenario
	sc, err := scenario.Parse("generated.yaml", gen.YAML(gen.Size{Contracts: 100, Years: 40}))
	if err != nil {
		t.Fatal(err)
	}
	bases = append(bases, sc)
	for _, b := range scenarios.All() {
		sc, err := scenario.Parse(b.File, b.Data)
		if err != nil {
			t.Fatal(err)
		}
		bases = append(bases, sc)
	}
	steps := 40
	if testing.Short() {
		steps = 10
	}
	reused := 0
	for _, base := range bases {
		history := []*scenario.Scenario{base}
		cur := base
		check := func(what string, s *scenario.Scenario) {
			t.Helper()
			before := memo.tab
			got, err := memo.Run(s)
			if err != nil {
				t.Fatalf("%s, %s: memo: %v", s.Name, what, err)
			}
			want, err := Run(s)
			if err != nil {
				t.Fatalf("%s, %s: %v", s.Name, what, err)
			}
			if g, w := dumpResult(got), dumpResult(want); g != w {
				t.Fatalf("%s, after %s: the memo's run differs from the full run:\n%s", s.Name, what, firstDiff(g, w))
			}
			if before != nil {
				for i := range s.Contracts {
					if e := before.contracts[s.Contracts[i].ID]; e != nil && memo.tab.contracts[s.Contracts[i].ID] == e {
						reused++
					}
				}
			}
		}
		check("opening", cur)
		for range steps {
			if rng.IntN(6) == 0 && len(history) > 1 {
				cur = history[rng.IntN(len(history))]
				check("going back", cur)
				continue
			}
			next := cur.Clone()
			what := randomEdit(rng, next)
			if what == "" || next.Validate() != nil {
				continue
			}
			cur = next
			history = append(history, cur)
			check(what, cur)
		}
	}
	if reused == 0 {
		t.Fatal("no run took a contract from the memo")
	}
}

// randomEdit changes s as a user might and says how, or returns "" when it made
// no edit.
func randomEdit(rng *rand.Rand, s *scenario.Scenario) string {
	switch k := rng.IntN(10); {
	case k < 5: // a numeric field: a slider, a typed value
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
	case k == 5 && len(s.Contracts) > 0:
		c := &s.Contracts[rng.IntN(len(s.Contracts))]
		c.Enabled = !c.Enabled
		return fmt.Sprintf("enabling %s: %v", c.ID, c.Enabled)
	case k == 6 && len(s.Contracts) > 0:
		c := &s.Contracts[rng.IntN(len(s.Contracts))]
		c.Label = fmt.Sprintf("Renamed %d", rng.IntN(1000))
		return "renaming " + c.ID
	case k == 7 && len(s.Contracts) > 0:
		c := &s.Contracts[rng.IntN(len(s.Contracts))]
		if c.Payer == "" {
			return ""
		}
		c.Payee = fmt.Sprintf("Party %d", rng.IntN(3))
		return "paying " + c.ID + " to " + c.Payee
	case k == 8 && len(s.Contracts) > 1:
		i := rng.IntN(len(s.Contracts))
		id := s.Contracts[i].ID
		s.Contracts = append(s.Contracts[:i], s.Contracts[i+1:]...)
		return "removing " + id
	case k == 9:
		if rng.IntN(2) == 0 {
			s.End += scenario.Quarter(rng.IntN(9) - 4)
		} else {
			for i := range s.Streams {
				if st := &s.Streams[i]; st.Label == "" {
					st.Label = "Relabelled"
					return "relabelling stream " + st.ID
				}
			}
		}
		return "moving the end to " + s.End.String()
	}
	return ""
}

// dumpResult writes every part of a result, each decimal as its coefficient and
// exponent, so that equal texts mean equal results.
func dumpResult(r *Result) string {
	var b strings.Builder
	d := func(v decimal.Decimal) string {
		return v.Coefficient().String() + "e" + fmt.Sprint(v.Exponent())
	}
	fmt.Fprintf(&b, "%s %s %v %v\n", r.Scenario, r.Period, r.Periods, r.Quarters)
	for _, s := range r.Series {
		fmt.Fprintf(&b, "series %s|%s|%s|%s|%s|%s|%d|%s:", s.ID, s.Label, s.Group, s.Owner, s.Measure, s.Type, s.Kind, s.Unit)
		for _, v := range s.Values {
			b.WriteString(" " + d(v))
		}
		b.WriteByte('\n')
	}
	for _, m := range r.Summary {
		fmt.Fprintf(&b, "metric %s|%s|%s|%s|%d|%s|%s|%s|%v\n", m.ID, m.Label, m.Group, m.Owner, m.Kind, d(m.Amount), m.Unit, m.Quarter, m.Null)
	}
	return b.String()
}

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d:\n got  %.400s\n want %.400s", i+1, g[i], w[i])
		}
	}
	return fmt.Sprintf("%d lines against %d", len(g), len(w))
}
