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
	var memo Memo
	reused, runs := 0, 0
	err := gen.WalkCorpus(rng, 100, 25, func(what string, s *scenario.Scenario) {
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
	if err != nil {
		t.Fatal(err)
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

// A side of a party's flows summed from the other flows' sum and the one that
// changed is the sum of them all, value and exponent, zeros of every exponent
// included, over runs of changes to one flow and then another; with a negative
// amount it is summed whole.
func TestSideOfOneChangedFlowIsTheWholeSum(t *testing.T) {
	rng := rand.New(rand.NewPCG(20261202, 99))
	const n = 12
	m := &model{n: n}
	series := func(negative bool) []decimal.Decimal {
		v := make([]decimal.Decimal, n)
		for i := range v {
			switch rng.IntN(4) {
			case 0:
				v[i] = decimal.New(0, -int32(rng.IntN(6)))
			default:
				v[i] = decimal.New(rng.Int64N(1000), -int32(rng.IntN(6)))
			}
			if negative && rng.IntN(5) == 0 {
				v[i] = v[i].Neg()
			}
		}
		return v
	}
	taken := 0
	for range 300 {
		parts := make([][]decimal.Decimal, 1+rng.IntN(5))
		negative := rng.IntN(4) == 0
		for i := range parts {
			parts[i] = series(negative)
		}
		var prev *sideMemo
		k := rng.IntN(len(parts))
		for range 8 {
			if rng.IntN(4) == 0 {
				k = rng.IntN(len(parts))
			}
			parts = append([][]decimal.Decimal{}, parts...)
			parts[k] = series(negative)
			got := m.side(parts, prev)
			want := m.sum(parts)
			for i := range want {
				if g, w := got.sum[i], want[i]; g.Coefficient().Cmp(w.Coefficient()) != 0 || g.Exponent() != w.Exponent() {
					t.Fatalf("flow %d of %d changed: quarter %d is %se%d, want %se%d", k, len(parts), i, g.Coefficient(), g.Exponent(), w.Coefficient(), w.Exponent())
				}
			}
			if got.others != nil {
				taken++
			}
			prev = got
		}
	}
	if taken == 0 {
		t.Fatal("no sum was taken from the other flows'")
	}
	// Amounts that cancel: 5.0 - 5 is a zero of one decimal, which the next
	// amount replaces; 5.0 added to -5 + 3 would keep the decimal.
	flows := [][]decimal.Decimal{{decimal.New(50, -1)}, {decimal.New(-5, 0)}, {decimal.New(3, 0)}}
	m = &model{n: 1}
	prev := m.side(flows, nil)
	for range 2 {
		flows = [][]decimal.Decimal{{decimal.New(50, -1)}, flows[1], flows[2]}
		prev = m.side(flows, prev)
		if g := prev.sum[0]; g.Exponent() != 0 || !g.Equal(decimal.New(3, 0)) {
			t.Fatalf("5.0 - 5 + 3 summed to %se%d, want 3e0", g.Coefficient(), g.Exponent())
		}
	}
}
