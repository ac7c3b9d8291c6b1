package engine

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"dealmodel/backend/gen"
	"dealmodel/backend/scenario"
)

// A run through a Memo, which takes unchanged contracts and streams from the run
// before, is the full run: every series, value and metric the same, down to each
// decimal's exponent, over random edits of the generated 100-contract scenario and
// of every built-in, and over going back to earlier versions (undo) and from one
// scenario to another.
func TestMemoRunIsTheFullRun(t *testing.T) {
	rng := rand.New(rand.NewPCG(20261202, 13))
	corpus, err := gen.Corpus(100)
	if err != nil {
		t.Fatal(err)
	}
	var memo Memo
	reused, runs := 0, 0
	for _, base := range corpus {
		gen.Walk(rng, base, 25, func(what string, s *scenario.Scenario) {
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
			runs++
			for i := range s.Contracts {
				if id := s.Contracts[i].ID; before != nil && before.contracts[id] != nil && memo.tab.contracts[id] == before.contracts[id] {
					reused++
				}
			}
		})
	}
	if runs < 80 || reused == 0 {
		t.Fatalf("%d runs took %d contracts from the memo", runs, reused)
	}
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
