package app

import (
	"reflect"
	"strings"
	"testing"
)

// figureValue returns a summary figure's value, failing the test when there is none.
func figureValue(t *testing.T, ev *Evaluation, id string) string {
	t.Helper()
	for _, f := range ev.Computation.Summary {
		if f.ID == id {
			return f.Value
		}
	}
	t.Fatalf("no figure %s", id)
	return ""
}

func groupOf(t *testing.T, ev *Evaluation, id string) InputGroup {
	t.Helper()
	for _, g := range ev.Groups {
		if g.ID == id {
			return g
		}
	}
	t.Fatalf("no group %s", id)
	return InputGroup{}
}

func event(g InputGroup, path string) (Event, bool) {
	for _, e := range g.Events {
		if e.Path == path {
			return e, true
		}
	}
	return Event{}, false
}

// The dated changes of a contract are edited by path: added with a value,
// given a note and a source, moved to another quarter, removed; each edit moves
// the figures and the timeline the panel shows.
func TestEditDatedChanges(t *testing.T) {
	s := newTestService(t)
	w, base := open(t, s, "microsoft-cap")
	const share = "contracts.msft_revshare"
	paid := figureValue(t, base, "contract.msft_revshare.total_accrued")
	if _, ok := event(groupOf(t, base, share), share+".changes.2026Q2"); !ok {
		t.Fatalf("no amendment in the timeline: %+v", groupOf(t, base, share).Events)
	}

	// Add a change of rate in 2028Q1: less is paid.
	ev := apply(t, s, w.Document, Edit{OpSet, share + ".changes.2028Q1.rate", "10%"})
	if len(ev.Problems) > 0 {
		t.Fatalf("problems %+v", ev.Problems)
	}
	if !strings.Contains(ev.Document, "2028Q1:\n        rate: 10%") {
		t.Errorf("the change is not written:\n%s", ev.Document)
	}
	if p := figureValue(t, ev, "contract.msft_revshare.total_accrued"); p == paid {
		t.Errorf("total paid did not move with a lower rate from 2028Q1: %s", p)
	}
	if in := input(t, ev, share+".changes.2028Q1.rate"); in.Value != "10%" {
		t.Errorf("the change's input %+v", in)
	}

	// Its note and source show in the timeline.
	ev = apply(t, s, ev.Document,
		Edit{OpText, share + ".changes.2028Q1.note", "Renegotiated"},
		Edit{OpText, share + ".changes.2028Q1.source", "Press, 2027-12\nFiling, 2028-01"})
	e, ok := event(groupOf(t, ev, share), share+".changes.2028Q1")
	if !ok || e.Note != "Renegotiated" || len(e.Sources) != 2 || e.What != "rate 10%" || e.Kind != "change" {
		t.Errorf("event %+v", e)
	}

	// Moved to 2029Q1: the event follows, the input with it.
	moved := apply(t, s, ev.Document, Edit{OpQuarter, share + ".changes.2028Q1", "2029Q1"})
	if _, ok := event(groupOf(t, moved, share), share+".changes.2029Q1"); !ok || hasInput(moved, share+".changes.2028Q1.rate") {
		t.Errorf("the change did not move: %+v", groupOf(t, moved, share).Events)
	}
	if figureValue(t, moved, "contract.msft_revshare.total_accrued") == figureValue(t, ev, "contract.msft_revshare.total_accrued") {
		t.Error("total paid did not move with the change")
	}

	// Removed: the figures are the scenario's again.
	gone := apply(t, s, moved.Document, Edit{OpRemove, share + ".changes.2029Q1", ""})
	if p := figureValue(t, gone, "contract.msft_revshare.total_accrued"); p != paid {
		t.Errorf("total paid %s after removing the change, want %s", p, paid)
	}
	if _, ok := event(groupOf(t, gone, share), share+".changes.2029Q1"); ok {
		t.Error("the removed change is still in the timeline")
	}
}

// A payment's tranches are edited by path: amount, quarter, deadline and
// condition; a tranche moved past its deadline is never paid.
func TestEditTranches(t *testing.T) {
	s := newTestService(t)
	w, base := open(t, s, "compute")
	const pay = "contracts.amazon_investment"
	total := figureValue(t, base, "contract.amazon_investment.total_paid")

	ev := apply(t, s, w.Document, Edit{OpSet, pay + ".tranches.contingent.amount", "30B"})
	if p := figureValue(t, ev, "contract.amazon_investment.total_paid"); p == total || !strings.HasPrefix(p, "45000000000") {
		t.Errorf("total paid %s with the contingent tranche at 30B", p)
	}
	ev = apply(t, s, ev.Document, Edit{OpText, pay + ".tranches.contingent.condition", "An IPO by 2028"})
	if e, ok := event(groupOf(t, ev, pay), pay+".tranches.contingent"); !ok || e.Note != "An IPO by 2028" || e.Kind != "tranche" {
		t.Errorf("tranche event %+v", e)
	}
	// Past its deadline (2028Q4): lapsed, never paid.
	late := apply(t, s, ev.Document, Edit{OpQuarter, pay + ".tranches.contingent.at", "2029Q2"})
	if p := figureValue(t, late, "contract.amazon_investment.total_paid"); !strings.HasPrefix(p, "15000000000") {
		t.Errorf("total paid %s with the tranche past its deadline", p)
	}
	if e, _ := event(groupOf(t, late, pay), pay+".tranches.contingent"); !e.Lapsed {
		t.Errorf("the tranche past its deadline is not marked lapsed: %+v", e)
	}
	// The deadline moved later (a bare year is its last quarter): paid again.
	later := apply(t, s, late.Document, Edit{OpQuarter, pay + ".tranches.contingent.expires", "2029"})
	if !strings.Contains(later.Document, "expires: 2029Q4") || !strings.HasPrefix(figureValue(t, later, "contract.amazon_investment.total_paid"), "45000000000") {
		t.Errorf("the deadline 2029 did not make the tranche payable again")
	}
	// No deadline at all.
	open := apply(t, s, late.Document, Edit{OpRemove, pay + ".tranches.contingent.expires", ""})
	if strings.Contains(open.Document, "expires:") {
		t.Error("the deadline was not removed")
	}
	// A new tranche, then removed.
	added := apply(t, s, w.Document, Edit{OpSet, pay + ".tranches.bonus.amount", "5B"})
	if len(added.Problems) > 0 || !strings.Contains(added.Document, "bonus:") {
		t.Fatalf("tranche not added: %+v", added.Problems)
	}
	removed := apply(t, s, added.Document, Edit{OpRemove, pay + ".tranches.bonus", ""})
	if strings.Contains(removed.Document, "bonus:") {
		t.Error("the tranche was not removed")
	}
}

// A capacity contract's ramp is a slider per gw key; keys are added, moved and
// removed by path, and the gigawatts chart follows.
func TestEditCapacityRamp(t *testing.T) {
	s := newTestService(t)
	w, base := open(t, s, "compute")
	const ora = "contracts.oracle_capacity"
	if !hasChart(base, "capacity") {
		t.Fatal("no capacity chart")
	}
	peak := figureValue(t, base, "contract.oracle_capacity.peak_gw")
	var key string
	for _, in := range base.Inputs {
		if strings.HasPrefix(in.Path, ora+".gw.") {
			key = in.Path
			if in.Kind != "number" {
				t.Errorf("gw input %+v", in)
			}
		}
	}
	if key == "" {
		t.Fatal("no gw slider")
	}
	ev := apply(t, s, w.Document, Edit{OpSet, key, "6"})
	if p := figureValue(t, ev, "contract.oracle_capacity.peak_gw"); p == peak || !strings.HasPrefix(p, "6") {
		t.Errorf("peak GW %s after setting the last key to 6", p)
	}
	ev = apply(t, s, w.Document, Edit{OpSet, ora + ".gw.2031Q1", "750MW"})
	if len(ev.Problems) > 0 || !strings.Contains(ev.Document, "2031Q1: 0.75") {
		t.Errorf("gw key not added: %+v", ev.Problems)
	}
	ev = apply(t, s, ev.Document, Edit{OpRemove, ora + ".gw.2031Q1", ""})
	if strings.Contains(ev.Document, "2031Q1: 0.75") {
		t.Error("gw key not removed")
	}
	if in := input(t, ev, ora+".until"); in.Kind != KindQuarter {
		t.Errorf("until input %+v", in)
	}
}

// Actual quarters are entered in a stream's inputs and removed there.
func TestEditActuals(t *testing.T) {
	s := newTestService(t)
	w, base := open(t, s, "microsoft-cap")
	const rev = "streams.openai_revenue"
	paid := figureValue(t, base, "contract.msft_revshare.total_accrued")
	ev := apply(t, s, w.Document, Edit{OpSet, rev + ".actuals.2026Q2", "9B"})
	if len(ev.Problems) > 0 {
		t.Fatalf("problems %+v", ev.Problems)
	}
	if in := input(t, ev, rev+".actuals.2026Q2"); in.Value != "9B" {
		t.Errorf("actual input %+v", in)
	}
	if e, ok := event(groupOf(t, ev, rev), rev+".actuals.2026Q2"); !ok || e.Kind != "actual" {
		t.Errorf("no actual in the timeline: %+v", groupOf(t, ev, rev).Events)
	}
	if figureValue(t, ev, "contract.msft_revshare.total_accrued") == paid {
		t.Error("total paid did not move with an actual quarter")
	}
	ev = apply(t, s, ev.Document, Edit{OpRemove, rev + ".actuals.2026Q2", ""})
	if figureValue(t, ev, "contract.msft_revshare.total_accrued") != paid {
		t.Error("removing the actual quarter did not restore the figures")
	}
}

// A stake valued by marks takes a new mark (a new round), and its marks move and
// are removed by path, in the timeline; the stake's value follows.
func TestEditValuationMarks(t *testing.T) {
	s := newTestService(t)
	w, base := open(t, s, "briefing")
	const st = "contracts.msft_stake"
	end := figureValue(t, base, "contract.msft_stake.value_at_end")

	ev := apply(t, s, w.Document, Edit{OpSet, st + ".valuation.marks.2027Q2", "1.2T"})
	if len(ev.Problems) > 0 {
		t.Fatalf("problems %+v", ev.Problems)
	}
	if in := input(t, ev, st+".valuation.marks.2027Q2"); in.Value != "1.2T" {
		t.Errorf("new mark's input %+v", in)
	}
	if e, ok := event(groupOf(t, ev, st), st+".valuation.marks.2027Q2"); !ok || e.Kind != "mark" {
		t.Errorf("no new mark in the timeline: %+v", groupOf(t, ev, st).Events)
	}
	if !strings.Contains(ev.Document, "2026Q1: 852B\n        2027Q2: 1.2T") {
		t.Errorf("the mark is not written after the others:\n%s", ev.Document)
	}
	raised := figureValue(t, ev, "contract.msft_stake.value_at_end")
	if raised == end {
		t.Error("the stake's value at the end did not move with a later, higher mark")
	}

	// Moved past the horizon's end, the mark no longer counts inside it (marks after
	// end are allowed: they shape the line).
	moved := apply(t, s, ev.Document, Edit{OpQuarter, st + ".valuation.marks.2027Q2", "2040Q1"})
	if len(moved.Problems) > 0 {
		t.Fatalf("move: problems %+v", moved.Problems)
	}
	if _, ok := event(groupOf(t, moved, st), st+".valuation.marks.2040Q1"); !ok {
		t.Errorf("the mark did not move: %+v", groupOf(t, moved, st).Events)
	}
	if v := figureValue(t, moved, "contract.msft_stake.value_at_end"); v != end {
		t.Errorf("value at the end %s with the mark after the horizon, want %s as before it was added", v, end)
	}

	removed := apply(t, s, ev.Document, Edit{OpRemove, st + ".valuation.marks.2027Q2", ""})
	if removed.Document != w.Document {
		t.Errorf("adding then removing a mark did not give the document back:\n%s", removed.Document)
	}
}

// A dated part moved to another quarter keeps its uncertainty range (and its
// sources): a valuation mark, a dated change's rate.
func TestMovedPartsKeepTheirRanges(t *testing.T) {
	s := newTestService(t)
	w, base := open(t, s, "briefing")
	for _, c := range []struct{ edit, quarter, from, to string }{
		{"contracts.msft_stake.valuation.marks.2026Q1", "2026Q2", "contracts.msft_stake.valuation.marks.2026Q1", "contracts.msft_stake.valuation.marks.2026Q2"},
		{"contracts.msft_revshare.changes.2026Q2", "2026Q3", "contracts.msft_revshare.changes.2026Q2.rate", "contracts.msft_revshare.changes.2026Q3.rate"},
	} {
		was := input(t, base, c.from)
		if !was.Uncertain {
			t.Fatalf("%s has no range to move: %+v", c.from, was)
		}
		ev := apply(t, s, w.Document, Edit{OpQuarter, c.edit, c.quarter})
		if len(ev.Problems) > 0 {
			t.Fatalf("%s: problems %+v", c.edit, ev.Problems)
		}
		if in := input(t, ev, c.to); !in.Uncertain || in.Range != was.Range || !reflect.DeepEqual(in.Sources, was.Sources) {
			t.Errorf("%s moved: %+v, want the range %q and sources %v", c.from, in, was.Range, was.Sources)
		}
	}
}

// A stream's reported quarter moves to another quarter (reported late, or typed
// in the wrong row); the figures follow, and the timeline shows it there.
func TestMoveActualQuarter(t *testing.T) {
	s := newTestService(t)
	w, base := open(t, s, "briefing")
	const rev = "streams.openai_revenue"
	// To a quarter of a higher plan (2027's), so that the totals move.
	ev := apply(t, s, w.Document, Edit{OpQuarter, rev + ".actuals.2026Q1", "2027Q2"})
	if len(ev.Problems) > 0 {
		t.Fatalf("problems %+v", ev.Problems)
	}
	g := groupOf(t, ev, rev)
	if _, ok := event(g, rev+".actuals.2027Q2"); !ok {
		t.Errorf("no reported quarter in 2027Q2: %+v", g.Events)
	}
	if _, ok := event(g, rev+".actuals.2026Q1"); ok {
		t.Errorf("the reported quarter is still in 2026Q1: %+v", g.Events)
	}
	if in := input(t, ev, rev+".actuals.2027Q2"); in.Value != "5.7B" {
		t.Errorf("moved actual's input %+v", in)
	}
	if a, b := figureValue(t, base, "contract.msft_revshare.total_accrued"), figureValue(t, ev, "contract.msft_revshare.total_accrued"); a == b {
		t.Errorf("total accrued %s did not move with the reported quarter", a)
	}
	back := apply(t, s, ev.Document, Edit{OpQuarter, rev + ".actuals.2027Q2", "2026Q1"})
	if back.Document != w.Document {
		t.Errorf("moving it back did not give the document back:\n%s", back.Document)
	}

	// Onto a quarter that has one: refused, said once (not again for each value
	// of the uncertain quarter of Amazon's tranche, which reads the same stream).
	two := apply(t, s, w.Document, Edit{OpSet, rev + ".actuals.2026Q2", "9B"})
	refused, err := s.Apply(two.Document, []Edit{{OpQuarter, rev + ".actuals.2026Q2", "2026Q1"}}, "quarter")
	if err != nil {
		t.Fatal(err)
	}
	if refused.Document != two.Document || len(refused.Problems) != 1 || strings.Count(refused.Problems[0].Message, "two reported amounts in 2026Q1") != 1 {
		t.Errorf("a move onto a reported quarter: %+v", refused.Problems)
	}
}

// choice finds a group's choice by path.
func choice(t *testing.T, g InputGroup, path string) ChoiceField {
	t.Helper()
	for _, c := range g.Choices {
		if c.Path == path {
			return c
		}
	}
	t.Fatalf("%s has no choice %s: %+v", g.ID, path, g.Choices)
	return ChoiceField{}
}

// The terms chosen from a list are offered with their options, and choosing one
// is an edit like any other: a commitment's profile, a revenue share's base, a
// stake's valuation method, which turns a single valuation into marks (format v2)
// and back.
func TestChoices(t *testing.T) {
	s := newTestService(t)
	w, base := open(t, s, "valuation-multiple")
	const st = "contracts.msft_stake"
	method := choice(t, groupOf(t, base, st), st+".valuation.method")
	if method.Value != "revenue_multiple" || len(method.Options) != 3 || method.Options[2].Value != "marks" {
		t.Errorf("method choice %+v", method)
	}
	if rev := choice(t, groupOf(t, base, st), st+".valuation.stream"); rev.Value != "openai_revenue" || len(rev.Options) != 1 || rev.Options[0].Label != "OpenAI revenue" {
		t.Errorf("stream choice %+v", rev)
	}

	// To marks: one mark at start, of the valuation it had, with its range; the
	// file becomes v2.
	marks := apply(t, s, w.Document, Edit{OpText, st + ".valuation.method", "marks"})
	if len(marks.Problems) > 0 {
		t.Fatalf("problems %+v", marks.Problems)
	}
	if !strings.Contains(marks.Document, "version: 2") || !strings.Contains(marks.Document, "method: marks") {
		t.Errorf("not a v2 valuation by marks:\n%s", marks.Document)
	}
	if _, ok := event(groupOf(t, marks, st), st+".valuation.marks.2025Q1"); !ok {
		t.Errorf("no mark at start: %+v", groupOf(t, marks, st).Events)
	}
	if c := choice(t, groupOf(t, marks, st), st+".valuation.interpolate"); c.Value != "step" {
		t.Errorf("interpolate choice %+v", c)
	}
	if in := input(t, marks, st+".valuation.marks.2025Q1"); in.Value != "852B" || !in.Uncertain {
		t.Errorf("the mark at start %+v, want the valuation it had and its range", in)
	}
	// A second mark, joined by a straight line, moves the value at the end.
	two := apply(t, s, marks.Document, Edit{OpSet, st + ".valuation.marks.2034Q4", "2T"})
	step := figureValue(t, two, "contract.msft_stake.value_at_end")
	linear := apply(t, s, two.Document, Edit{OpText, st + ".valuation.interpolate", "linear"})
	if v := figureValue(t, linear, "contract.msft_stake.value_at_end"); v == step {
		t.Errorf("value at the end %s did not move with straight lines between the marks", v)
	}
	// Back to a constant: the mark in force at the end, with its range.
	back := apply(t, s, two.Document, Edit{OpText, st + ".valuation.method", "constant"})
	if len(back.Problems) > 0 {
		t.Fatalf("problems %+v", back.Problems)
	}
	if in := input(t, back, st+".valuation.amount"); in.Value != "852B" || !in.Uncertain {
		t.Errorf("constant valuation %+v, want the mark in force at the end and its range", in)
	}
	if v := figureValue(t, back, "contract.msft_stake.value_at_end"); v != step {
		t.Errorf("value at the end %s, want %s as with its marks held step by step", v, step)
	}
	// From marks joined by lines, the valuation on the line at the end.
	flat := apply(t, s, linear.Document, Edit{OpText, st + ".valuation.method", "constant"})
	if v, want := figureValue(t, flat, "contract.msft_stake.value_at_end"), figureValue(t, linear, "contract.msft_stake.value_at_end"); v != want {
		t.Errorf("value at the end %s, want %s as on the line between the marks", v, want)
	}
	// What no list offers is refused in place.
	bad, err := s.Apply(w.Document, []Edit{{OpText, st + ".valuation.method", "dcf"}}, "quarter")
	if err != nil || bad.Document != w.Document || len(bad.Problems) != 1 || !strings.Contains(bad.Problems[0].Message, "use constant, revenue_multiple or marks") {
		t.Errorf("an unknown method: %v %+v", err, bad.Problems)
	}

	w, base = open(t, s, "compute")
	const aws = "contracts.aws_compute"
	profile := choice(t, groupOf(t, base, aws), aws+".profile")
	if profile.Value != "custom" || len(profile.Options) != 3 {
		t.Errorf("profile choice %+v", profile)
	}
	even := apply(t, s, w.Document, Edit{OpText, aws + ".profile", "even"})
	if c := choice(t, groupOf(t, even, aws), aws+".profile"); c.Value != "even" || hasInput(even, aws+".weights.1") {
		t.Errorf("after choosing even: %+v, weights shown %v", c, hasInput(even, aws+".weights.1"))
	}
}

// Edits that break a v2 rule are refused with a message in place and change
// nothing.
func TestInvalidV2EditsChangeNothing(t *testing.T) {
	s := newTestService(t)
	w, _ := open(t, s, "briefing")
	cases := []struct {
		edit Edit
		want string
	}{
		{Edit{OpSet, "contracts.msft_revshare.changes.2035Q1.rate", "10%"}, "outside"},
		{Edit{OpSet, "contracts.msft_revshare.changes.2027Q1.stake", "10%"}, "rate or cap"},
		{Edit{OpSet, "contracts.msft_revshare.changes.2027Q1.rate", "abc"}, "%"},
		{Edit{OpQuarter, "contracts.msft_stake.changes.2026Q2", "2040Q1"}, "outside"},
		{Edit{OpText, "contracts.msft_revshare.changes.2027Q3.note", "x"}, "no change in 2027Q3"},
		{Edit{OpSet, "contracts.amazon_investment.tranches.Bad.amount", "1B"}, "tranche id"},
		{Edit{OpSet, "contracts.oracle_capacity.gw.2040Q1", "1"}, "after until"},
		{Edit{OpSet, "contracts.oracle_capacity.gw.2031Q1", "lots"}, "gigawatts"},
		{Edit{OpQuarter, "contracts.msft_stake.valuation.marks.2025Q1", "2025Q4"}, "two valuation marks in 2025Q4"},
		{Edit{OpSet, "contracts.msft_stake.valuation.marks.2027X1", "1T"}, "not a quarter"},
		{Edit{OpSet, "contracts.msft_stake.valuation.marks.2027Q1", "a lot"}, "amount"},
		{Edit{OpQuarter, "streams.openai_revenue.actuals.2026Q3", "2026Q4"}, "no reported quarter \"2026Q3\""},
	}
	for _, c := range cases {
		ev, err := s.Apply(w.Document, []Edit{c.edit}, "quarter")
		if err != nil {
			t.Errorf("%+v: %v", c.edit, err)
			continue
		}
		if ev.Document != w.Document {
			t.Errorf("%+v changed the document", c.edit)
		}
		if len(ev.Problems) != 1 || !strings.Contains(ev.Problems[0].Message, c.want) {
			t.Errorf("%+v: problems %+v, want one saying %q", c.edit, ev.Problems, c.want)
		}
	}
}

// A disabled contract's timeline is still there to edit.
func TestDisabledContractKeepsItsTimeline(t *testing.T) {
	s := newTestService(t)
	w, _ := open(t, s, "briefing")
	ev := apply(t, s, w.Document, Edit{OpEnable, "contracts.amazon_investment", "false"})
	if _, ok := event(groupOf(t, ev, "contracts.amazon_investment"), "contracts.amazon_investment.tranches.contingent"); !ok {
		t.Errorf("a disabled contract lost its timeline: %+v", groupOf(t, ev, "contracts.amazon_investment").Events)
	}
}
