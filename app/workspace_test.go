package app

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"dealmodel/backend/engine"
)

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// input returns the input at path, failing the test when there is none.
func input(t *testing.T, ev *Evaluation, path string) Input {
	t.Helper()
	for _, in := range ev.Inputs {
		if in.Path == path {
			return in
		}
	}
	t.Fatalf("no input %s", path)
	return Input{}
}

func hasInput(ev *Evaluation, path string) bool {
	for _, in := range ev.Inputs {
		if in.Path == path {
			return true
		}
	}
	return false
}

func hasChart(ev *Evaluation, id string) bool {
	for _, c := range ev.Computation.Charts {
		if c.ID == id {
			return true
		}
	}
	return false
}

func apply(t *testing.T, s *Service, doc string, edits ...Edit) *Evaluation {
	t.Helper()
	ev, err := s.Apply(doc, edits, "quarter")
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

func TestApplyEachOperation(t *testing.T) {
	s := newTestService(t)
	w, base := open(t, s, "briefing")
	doc := w.Document
	cases := []struct {
		name  string
		edit  Edit
		check func(t *testing.T, ev *Evaluation)
	}{
		{"set an amount", Edit{OpSet, "contracts.msft_revshare.cap", "$41.5B"}, func(t *testing.T, ev *Evaluation) {
			if in := input(t, ev, "contracts.msft_revshare.cap"); in.Value != "41.5B" || in.Number != 41.5e9 {
				t.Errorf("cap input %+v", in)
			}
			if !strings.Contains(ev.Document, "cap: 41.5B") {
				t.Error("document does not hold the new cap")
			}
		}},
		{"set a rate", Edit{OpSet, "contracts.msft_revshare.rate", "18.5%"}, func(t *testing.T, ev *Evaluation) {
			if in := input(t, ev, "contracts.msft_revshare.rate"); in.Value != "18.5%" {
				t.Errorf("rate input %+v", in)
			}
		}},
		{"set a growth rate", Edit{OpSet, "streams.openai_revenue.growth.2031", "-5%"}, func(t *testing.T, ev *Evaluation) {
			if in := input(t, ev, "streams.openai_revenue.growth.2031"); in.Value != "-5%" {
				t.Errorf("growth input %+v", in)
			}
		}},
		{"set years", Edit{OpSet, "contracts.aws_compute.years", "5"}, func(t *testing.T, ev *Evaluation) {
			if hasInput(ev, "contracts.aws_compute.weights.6") || !hasInput(ev, "contracts.aws_compute.weights.5") {
				t.Error("weights do not follow the years")
			}
		}},
		{"set a weight", Edit{OpSet, "contracts.aws_compute.weights.1", "1.5"}, func(t *testing.T, ev *Evaluation) {
			if in := input(t, ev, "contracts.aws_compute.weights.1"); in.Value != "1.5" {
				t.Errorf("weight input %+v", in)
			}
		}},
		{"set the discount rate", Edit{OpSet, "discount_rate", "8%"}, func(t *testing.T, ev *Evaluation) {
			if !strings.Contains(ev.Document, "discount_rate: 8%") {
				t.Error("discount rate not written")
			}
		}},
		{"move until", Edit{OpQuarter, "contracts.msft_revshare.until", "2029Q4"}, func(t *testing.T, ev *Evaluation) {
			if in := input(t, ev, "contracts.msft_revshare.until"); in.Value != "2029Q4" {
				t.Errorf("until input %+v", in)
			}
		}},
		{"a bare year ends its year in until", Edit{OpQuarter, "contracts.msft_revshare.until", "2029"}, func(t *testing.T, ev *Evaluation) {
			if in := input(t, ev, "contracts.msft_revshare.until"); in.Value != "2029Q4" {
				t.Errorf("until input %+v", in)
			}
		}},
		{"move the end", Edit{OpQuarter, "end", "2030Q4"}, func(t *testing.T, ev *Evaluation) {
			if p := ev.Computation.Periods; p[len(p)-1] != "2030Q4" {
				t.Errorf("last period %s", p[len(p)-1])
			}
		}},
		{"a valuation at marks has no date", Edit{OpQuarter, "contracts.msft_revshare.until", "2030Q2"}, func(t *testing.T, ev *Evaluation) {
			// A stake valued at marks has no valuation date: its marks are its inputs.
			for _, in := range ev.Inputs {
				if in.Path == "contracts.msft_stake.valuation.at" {
					t.Errorf("a marked valuation shows a date input %+v", in)
				}
			}
			if input(t, ev, "contracts.msft_stake.valuation.marks.2026Q1").Value != "852B" {
				t.Error("no input for the last valuation mark")
			}
		}},
		{"disable a contract", Edit{OpEnable, "contracts.msft_revshare", "false"}, func(t *testing.T, ev *Evaluation) {
			if hasChart(ev, "revenue_share.msft_revshare") {
				t.Error("a disabled revenue share is still charted")
			}
			if in := input(t, ev, "contracts.msft_revshare"); in.Kind != KindToggle || in.Value != "false" {
				t.Errorf("toggle %+v", in)
			}
			// Its fields stay editable.
			input(t, ev, "contracts.msft_revshare.cap")
		}},
		{"rename a label", Edit{OpText, "contracts.msft_revshare.label", "MSFT share"}, func(t *testing.T, ev *Evaluation) {
			if in := input(t, ev, "contracts.msft_revshare.cap"); in.GroupLabel != "MSFT share" {
				t.Errorf("group label %q", in.GroupLabel)
			}
		}},
		{"change sources", Edit{OpText, "contracts.msft_revshare.sources", "One\n\n Two "}, func(t *testing.T, ev *Evaluation) {
			for _, g := range ev.Groups {
				if g.ID == "contracts.msft_revshare" && strings.Join(g.Sources, "|") != "One|Two" {
					t.Errorf("sources %q", g.Sources)
				}
			}
		}},
		{"change a profile", Edit{OpText, "contracts.coreweave_2025_03.profile", "custom"}, func(t *testing.T, ev *Evaluation) {
			if in := input(t, ev, "contracts.coreweave_2025_03.weights.5"); in.Value != "1" {
				t.Errorf("weight %+v", in)
			}
		}},
		{"add a contract", Edit{OpAdd, "", "contract:commitment"}, func(t *testing.T, ev *Evaluation) {
			input(t, ev, "contracts.commitment.total")
		}},
		{"add a contract with an id", Edit{OpAdd, "google_tpu", "contract:commitment"}, func(t *testing.T, ev *Evaluation) {
			input(t, ev, "contracts.google_tpu.total")
		}},
		{"add a stream", Edit{OpAdd, "", "stream:revenue"}, func(t *testing.T, ev *Evaluation) {
			input(t, ev, "streams.revenue.annual.2025")
		}},
		{"remove a contract and its uncertainty", Edit{OpRemove, "contracts.msft_revshare", ""}, func(t *testing.T, ev *Evaluation) {
			if hasInput(ev, "contracts.msft_revshare.cap") || strings.Contains(ev.Document, "msft_revshare") {
				t.Error("the contract is still there")
			}
		}},
		{"remove a cap", Edit{OpRemove, "contracts.msft_revshare.cap", ""}, func(t *testing.T, ev *Evaluation) {
			if hasInput(ev, "contracts.msft_revshare.cap") {
				t.Error("the cap is still there")
			}
		}},
		{"remove a payment", Edit{OpRemove, "contracts.amazon_investment", ""}, func(t *testing.T, ev *Evaluation) {
			if hasInput(ev, "contracts.amazon_investment.tranches.contingent.amount") {
				t.Error("the payment is still there")
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ev := apply(t, s, doc, c.edit)
			if len(ev.Problems) != 0 {
				t.Fatalf("problems: %+v", ev.Problems)
			}
			if ev.Document == doc || !ev.Dirty {
				t.Errorf("document unchanged (%v) or not dirty (%v)", ev.Document == doc, ev.Dirty)
			}
			c.check(t, ev)
			// The edited document, parsed afresh (a new service has no cache),
			// is canonical and computes to the same figures: Apply does not parse
			// what it edited.
			again, err := NewService(nil).Evaluate(ev.Document, "quarter")
			if err != nil || again.Document != ev.Document {
				t.Fatalf("re-evaluated: %v, document changed %v", err, err == nil && again.Document != ev.Document)
			}
			// Only the edited copy is compared with a saved revision.
			moved := *ev.Computation
			moved.KeyFigures = append([]Figure(nil), moved.KeyFigures...)
			for i := range moved.KeyFigures {
				f := &moved.KeyFigures[i]
				f.Moved, f.Was, f.WasNull, f.Change = false, "", false, ""
			}
			if a, b := mustJSON(t, again.Computation), mustJSON(t, &moved); a != b {
				t.Errorf("a fresh parse computes otherwise than the edited scenario")
			}
			if a, b := mustJSON(t, again.Inputs), mustJSON(t, ev.Inputs); a != b {
				t.Errorf("a fresh parse has other inputs than the edited scenario")
			}
		})
	}
	if base.Dirty {
		t.Error("the opened scenario is dirty")
	}
}

func TestApplyAddsACapWhereThereIsNone(t *testing.T) {
	s := newTestService(t)
	w, ev := open(t, s, "microsoft-no-cap")
	var id string
	for _, g := range ev.Groups {
		if g.CanAddCap {
			id = g.ID
		}
	}
	if id == "" {
		t.Fatal("no revenue share offers a cap")
	}
	ev = apply(t, s, w.Document, Edit{OpSet, id + ".cap", "50B"})
	if len(ev.Problems) != 0 || input(t, ev, id+".cap").Value != "50B" {
		t.Errorf("problems %v", ev.Problems)
	}
}

// TestInvalidEditsChangeNothing: an edit that does not apply leaves the document as
// it was and names its path and what would be valid.
func TestInvalidEditsChangeNothing(t *testing.T) {
	s := newTestService(t)
	w, _ := open(t, s, "briefing")
	cases := []struct {
		edit Edit
		want string // in the message
	}{
		{Edit{OpSet, "contracts.msft_revshare.cap", "lots"}, "50B"},
		{Edit{OpSet, "contracts.msft_revshare.cap", "-5B"}, "0 or more"},
		{Edit{OpSet, "contracts.msft_revshare.cap", ""}, "not an amount"},
		{Edit{OpSet, "contracts.msft_revshare.rate", "20"}, "20%"},
		{Edit{OpSet, "contracts.msft_revshare.rate", "120%"}, "100%"},
		{Edit{OpSet, "contracts.msft_revshare.paid_before", "50B"}, "cap"},
		{Edit{OpSet, "contracts.aws_compute.years", "7.5"}, "whole number"},
		{Edit{OpSet, "contracts.aws_compute.years", "0"}, "1"},
		{Edit{OpSet, "contracts.aws_compute.weights.1", "x"}, "number"},
		{Edit{OpSet, "contracts.nope.cap", "1B"}, "no contract"},
		{Edit{OpSet, "streams.openai_revenue.growth.2031", "-150%"}, "-100%"},
		{Edit{OpQuarter, "contracts.msft_revshare.until", "2026Q5"}, "2026Q3"},
		{Edit{OpQuarter, "contracts.msft_revshare.from", "2031Q1"}, "until"},
		{Edit{OpQuarter, "contracts.aws_compute.until", "2030Q1"}, "no date"},
		{Edit{OpQuarter, "end", "2020Q1"}, "start"},
		{Edit{OpEnable, "contracts.msft_revshare", "maybe"}, "true or false"},
		{Edit{OpText, "name", ""}, "name"},
		{Edit{OpText, "contracts.aws_compute.payee", "OpenAI"}, "different"},
		{Edit{OpText, "contracts.aws_compute.profile", "lumpy"}, "even"},
		{Edit{OpAdd, "aws_compute", "contract:commitment"}, "taken"},
		{Edit{OpAdd, "Bad Id", "contract:commitment"}, "lower-case"},
		{Edit{OpAdd, "", "contract:swap"}, "contract:revenue_share"},
		{Edit{OpRemove, "streams.openai_revenue", ""}, "base"},
		{Edit{OpRemove, "contracts.amazon_investment.schedule.2030Q1", ""}, "cannot be removed"},
		{Edit{"rename", "name", "x"}, "set, quarter"},
	}
	for _, c := range cases {
		ev, err := s.Apply(w.Document, []Edit{c.edit}, "quarter")
		if err != nil {
			t.Errorf("%+v: %v", c.edit, err)
			continue
		}
		if ev.Document != w.Document || ev.Dirty {
			t.Errorf("%+v changed the document", c.edit)
		}
		if len(ev.Problems) != 1 || ev.Problems[0].Path != c.edit.Path || !strings.Contains(ev.Problems[0].Message, c.want) {
			t.Errorf("%+v: problems %+v, want one at its path saying %q", c.edit, ev.Problems, c.want)
		}
		if ev.Computation == nil || len(ev.Computation.Charts) == 0 {
			t.Errorf("%+v: no computation of the unchanged document", c.edit)
		}
	}
}

// TestApplyKeepsTheEditsThatApply: a batch applies what it can, in order.
func TestApplyKeepsTheEditsThatApply(t *testing.T) {
	s := newTestService(t)
	w, _ := open(t, s, "briefing")
	ev := apply(t, s, w.Document,
		Edit{OpSet, "contracts.msft_revshare.cap", "40B"},
		Edit{OpSet, "contracts.msft_revshare.rate", "abc"},
		Edit{OpSet, "contracts.msft_revshare.cap", "42B"},
	)
	if len(ev.Problems) != 1 || ev.Problems[0].Path != "contracts.msft_revshare.rate" {
		t.Errorf("problems %+v", ev.Problems)
	}
	if input(t, ev, "contracts.msft_revshare.cap").Value != "42B" {
		t.Error("the last cap did not apply")
	}
}

func TestSliderRanges(t *testing.T) {
	s := newTestService(t)
	_, ev := open(t, s, "briefing")
	// From the scenario's uncertainty: triangular 26B..68B.
	capIn := input(t, ev, "contracts.msft_revshare.cap")
	if !capIn.Uncertain || capIn.Min != 26e9 || capIn.Max != 68e9 || !strings.HasPrefix(capIn.Range, "triangular") {
		t.Errorf("cap slider %+v, want 26B..68B from the uncertainty", capIn)
	}
	if len(capIn.Sources) == 0 || !strings.Contains(capIn.Sources[0], "$38B") {
		t.Errorf("cap sources %q, want the uncertainty's", capIn.Sources)
	}
	rate := input(t, ev, "contracts.msft_revshare.changes.2026Q2.rate") // the rate under the amendment
	if rate.Min != 0.1 || rate.Max != 0.2 || rate.Step <= 0 || rate.Step > 0.001 {
		t.Errorf("rate slider %+v, want 10%%..20%%", rate)
	}
	// Without uncertainty: a range around the value, within the field's bounds.
	years := input(t, ev, "contracts.coreweave_2025_03.years")
	if len(years.Sources) != 0 {
		t.Errorf("years sources %q: the contract's are on its group", years.Sources)
	}
	if years.Uncertain || years.Min != 1 || years.Max < 10 || years.Step != 1 {
		t.Errorf("years slider %+v", years)
	}
	total := input(t, ev, "contracts.coreweave_2025_03.total")
	if total.Min != 0 || total.Max != 23.8e9 {
		t.Errorf("total slider %+v, want 0..twice the value", total)
	}
	for _, in := range ev.Inputs {
		if in.Kind == KindToggle {
			continue
		}
		if !(in.Min <= in.Number && in.Number <= in.Max) || in.Step <= 0 || in.Max <= in.Min {
			t.Errorf("%s: value %v outside %v..%v step %v", in.Path, in.Number, in.Min, in.Max, in.Step)
		}
		if in.Label == "" || in.GroupLabel == "" || in.Value == "" || in.Sources == nil {
			t.Errorf("%s: label %q group %q value %q", in.Path, in.Label, in.GroupLabel, in.Value)
		}
	}
	// A value dragged outside its uncertainty range widens the slider to hold it.
	ev = apply(t, s, ev.Document, Edit{OpSet, "contracts.msft_revshare.cap", "75B"})
	if c := input(t, ev, "contracts.msft_revshare.cap"); c.Max < 75e9 || c.Min != 26e9 {
		t.Errorf("cap slider at 75B: %v..%v", c.Min, c.Max)
	}
}

func TestNiceSteps(t *testing.T) {
	for x, want := range map[float64]float64{0.17e9: 0.2e9, 0.0004: 0.0005, 1.2: 1, 7.6: 10, 0: 1} {
		if got := niceStep(x); got != want {
			t.Errorf("niceStep(%v) = %v, want %v", x, got, want)
		}
	}
}

func TestSaveDirtyHistoryDiffRestore(t *testing.T) {
	s := newTestService(t)
	w, _ := open(t, s, "microsoft-cap")
	ev := apply(t, s, w.Document, Edit{OpSet, "contracts.msft_revshare.cap", "45B"})
	if !ev.Dirty {
		t.Fatal("an edited copy is not dirty")
	}
	res, err := s.SaveScenario(w.Name, ev.Document, "  Cap at $45B  ", 0)
	if err != nil {
		t.Fatal(err)
	}
	if res.Revision != 2 || res.Unchanged || res.Name != w.Name {
		t.Errorf("save = %+v", res)
	}
	again, err := s.Evaluate(ev.Document, "quarter")
	if err != nil || again.Dirty {
		t.Errorf("saved copy: %v, dirty %v", err, again != nil && again.Dirty)
	}
	res, err = s.SaveScenario(w.Name, ev.Document, "again", 0)
	if err != nil || !res.Unchanged || res.Revision != 2 {
		t.Errorf("unchanged save = %+v, %v", res, err)
	}

	hist, err := s.History(w.Name)
	if err != nil || len(hist) != 2 || hist[0].Number != 2 || hist[0].Message != "Cap at $45B" || hist[0].Time == "" || hist[1].Number != 1 {
		t.Fatalf("history %+v, %v", hist, err)
	}
	diff, err := s.DiffRevisions(w.Name, 1, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(diff) != 1 || diff[0].Path != "contracts.msft_revshare.cap" || diff[0].From != "38B" || diff[0].To != "45B" ||
		diff[0].Kind != "changed" || !strings.HasSuffix(diff[0].Label, ": cap") {
		t.Errorf("diff %+v", diff)
	}

	rw, err := s.RestoreRevision(w.Name, 1)
	if err != nil {
		t.Fatal(err)
	}
	if rw.Revision != 3 || rw.Document != w.Document || rw.Draft {
		t.Errorf("restored %+v", rw)
	}
	if _, err := s.RestoreRevision(w.Name, 9); err == nil {
		t.Error("restored a revision that does not exist")
	}
}

func TestDrafts(t *testing.T) {
	s := newTestService(t)
	w, _ := open(t, s, "microsoft-cap")
	ev := apply(t, s, w.Document, Edit{OpSet, "contracts.msft_revshare.rate", "15%"})
	if err := s.SaveDraft(w.Name, ev.Document); err != nil {
		t.Fatal(err)
	}
	if e := entry(t, s, w.Name); !e.HasDraft {
		t.Error("the list does not show the draft")
	}
	o, err := s.OpenScenario(w.Name)
	if err != nil || !o.Draft || o.Document != ev.Document || o.DraftSaved == "" {
		t.Fatalf("reopened %+v, %v: want the draft", o, err)
	}
	// Undoing back to the saved state leaves no draft.
	if err := s.SaveDraft(w.Name, w.Document); err != nil {
		t.Fatal(err)
	}
	if o, _ := s.OpenScenario(w.Name); o.Draft {
		t.Error("a draft equal to the revision is offered")
	}
	// Saving drops the draft; so does discarding.
	_ = s.SaveDraft(w.Name, ev.Document)
	if _, err := s.SaveScenario(w.Name, ev.Document, "", 0); err != nil {
		t.Fatal(err)
	}
	if e := entry(t, s, w.Name); e.HasDraft {
		t.Error("the draft outlived the save")
	}
	ev = apply(t, s, ev.Document, Edit{OpSet, "contracts.msft_revshare.rate", "12%"})
	_ = s.SaveDraft(w.Name, ev.Document)
	if err := s.DiscardDraft(w.Name); err != nil {
		t.Fatal(err)
	}
	if o, _ := s.OpenScenario(w.Name); o.Draft {
		t.Error("a discarded draft is offered")
	}
	if err := s.SaveDraft(w.Name, "not: [a scenario"); err == nil {
		t.Error("a draft that does not read was kept")
	}
}

func entry(t *testing.T, s *Service, name string) ScenarioEntry {
	t.Helper()
	list, err := s.ListScenarios()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range list {
		if e.Name == name {
			return e
		}
	}
	t.Fatalf("%q is not listed", name)
	return ScenarioEntry{}
}

func TestListScenarios(t *testing.T) {
	s := newTestService(t)
	list, err := s.ListScenarios()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 8 {
		t.Errorf("%d scenarios, want the 8 built-ins", len(list))
	}
	for _, e := range list {
		if e.Builtin == "" || e.Description == "" || e.Revisions != 1 || e.Modified == "" || e.HasDraft {
			t.Errorf("entry %+v", e)
		}
	}
}

func TestRenameInTheDocumentRenamesOnSave(t *testing.T) {
	s := newTestService(t)
	w, _ := open(t, s, "microsoft-cap")
	ev := apply(t, s, w.Document, Edit{OpText, "name", "Cap, my case"})
	if ev.Name != "Cap, my case" || !ev.Dirty {
		t.Errorf("renamed copy %q dirty %v", ev.Name, ev.Dirty)
	}
	res, err := s.SaveScenario(w.Name, ev.Document, "", 0)
	if err != nil || res.Name != "Cap, my case" {
		t.Fatalf("save = %+v, %v", res, err)
	}
	if _, err := s.OpenScenario(w.Name); err == nil {
		t.Error("the old name still opens")
	}
	// Renaming onto another scenario's name fails and says so.
	ev = apply(t, s, ev.Document, Edit{OpText, "name", builtinName(t, "briefing")})
	if _, err := s.SaveScenario("Cap, my case", ev.Document, "", 0); err == nil {
		t.Error("saved over another scenario's name")
	}
}

func TestDuplicateRenameDeleteUndelete(t *testing.T) {
	s := newTestService(t)
	name := builtinName(t, "valuation")
	e, err := s.DuplicateScenario(name, "")
	if err != nil || e.Name != name+" (copy)" || e.Builtin != "" {
		t.Fatalf("duplicate = %+v, %v", e, err)
	}
	e2, err := s.DuplicateScenario(name, "")
	if err != nil || e2.Name != name+" (copy) 2" {
		t.Fatalf("second duplicate = %+v, %v", e2, err)
	}
	if _, err := s.DuplicateScenario(name, e.Name); err == nil {
		t.Error("duplicated onto a taken name")
	}
	// A draft follows its scenario through a rename and carries the new name.
	w, err := s.OpenScenario(e.Name)
	if err != nil {
		t.Fatal(err)
	}
	ev := apply(t, s, w.Document, Edit{OpSet, "contracts.msft_stake.stake", "25%"})
	if err := s.SaveDraft(e.Name, ev.Document); err != nil {
		t.Fatal(err)
	}
	if err := s.RenameScenario(e.Name, "  Stake, low  "); err != nil {
		t.Fatal(err)
	}
	w, err = s.OpenScenario("Stake, low")
	if err != nil || !w.Draft || !strings.Contains(w.Document, `name: "Stake, low"`) || !strings.Contains(w.Document, "stake: 25%") {
		t.Fatalf("renamed: %+v, %v", w, err)
	}
	if err := s.RenameScenario("Stake, low", ""); err == nil {
		t.Error("renamed to nothing")
	}
	if err := s.DeleteScenario("Stake, low"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.OpenScenario("Stake, low"); err == nil || !strings.Contains(err.Error(), "trash") {
		t.Errorf("open deleted: %v", err)
	}
	if err := s.UndeleteScenario("Stake, low"); err != nil {
		t.Fatal(err)
	}
	if w, err := s.OpenScenario("Stake, low"); err != nil || !w.Draft {
		t.Errorf("undeleted: %+v, %v: want it back with its draft", w, err)
	}
	if _, err := s.OpenScenario("No such scenario"); err == nil || !strings.Contains(err.Error(), "No scenario is named") {
		t.Errorf("open unknown: %v", err)
	}
}

// BenchmarkApplyBriefing is one slider step on the largest built-in: the Go side of
// the 50 ms budget from slider to redrawn chart.
func BenchmarkApplyBriefing(b *testing.B) {
	s := NewService(nil)
	w := briefingDoc(b)
	caps := []string{"40B", "41B"}
	i := 0
	for b.Loop() {
		if _, err := s.Apply(w, []Edit{{OpSet, "contracts.msft_revshare.cap", caps[i%2]}}, "quarter"); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// Two windows open revision 1; the first saves. The second's save is not allowed to
// silently supersede it: it gets a conflict, nothing is written, and saving again
// with the latest as its base makes its copy the latest.
func TestStaleSaveIsAConflict(t *testing.T) {
	s := newTestService(t)
	w, _ := open(t, s, "microsoft-cap")
	first := apply(t, s, w.Document, Edit{OpSet, "contracts.msft_revshare.cap", "45B"})
	second := apply(t, s, w.Document, Edit{OpSet, "contracts.msft_revshare.rate", "15%"})
	if res, err := s.SaveScenario(w.Name, first.Document, "first", w.Revision); err != nil || res.Conflict || res.Revision != 2 {
		t.Fatalf("first save: %+v %v", res, err)
	}
	res, err := s.SaveScenario(w.Name, second.Document, "second", w.Revision)
	if err != nil || !res.Conflict || res.Revision != 2 || !strings.Contains(res.Message, "after you opened revision 1") {
		t.Fatalf("stale save: %+v %v", res, err)
	}
	if hist, _ := s.History(w.Name); len(hist) != 2 {
		t.Fatalf("a stale save wrote a revision: %d revisions", len(hist))
	}
	res, err = s.SaveScenario(w.Name, second.Document, "second, on purpose", res.Revision)
	if err != nil || res.Conflict || res.Revision != 3 {
		t.Fatalf("save over the latest: %+v %v", res, err)
	}
	// Saving the very document that is already the latest is no conflict.
	if res, err := s.SaveScenario(w.Name, second.Document, "", 1); err != nil || res.Conflict || !res.Unchanged {
		t.Fatalf("unchanged save with an old base: %+v %v", res, err)
	}
}

// A what-if saved as a new scenario keeps its unsaved edits; the built-in it came
// from keeps its revisions and its draft, untouched.
func TestSaveAsNewKeepsTheEditsAndLeavesTheOriginal(t *testing.T) {
	s := newTestService(t)
	name := builtinName(t, "microsoft-cap")
	w, err := s.OpenScenario(name)
	if err != nil {
		t.Fatal(err)
	}
	ev := apply(t, s, w.Document, Edit{OpSet, "contracts.msft_revshare.cap", "45B"})
	if err := s.SaveDraft(name, ev.Document); err != nil {
		t.Fatal(err)
	}
	n, err := s.SaveAsNew(ev.Document, "", "")
	if err != nil {
		t.Fatal(err)
	}
	if n.Name != name+" (copy)" || n.Revision != 1 || n.Draft || n.Builtin != "" || !strings.Contains(n.Document, "cap: 45B") || !strings.Contains(n.Document, `name: "`+name+` (copy)"`) {
		t.Fatalf("saved as %+v", n)
	}
	hist, err := s.History(n.Name)
	if err != nil || len(hist) != 1 || hist[0].Message != "Saved as a new scenario from “"+name+"”" {
		t.Fatalf("history %+v, %v", hist, err)
	}
	orig, err := s.OpenScenario(name)
	if err != nil || orig.Revision != w.Revision || !orig.Draft || !strings.Contains(orig.Document, "cap: 45B") || orig.Builtin == "" {
		t.Fatalf("the built-in after save as: %+v, %v", orig, err)
	}
	if strings.Contains(w.Document, "cap: 45B") {
		t.Fatal("the edit was already in the built-in")
	}

	// A name of one's own, and the message given; a taken name or an invalid
	// document saves nothing.
	mine, err := s.SaveAsNew(ev.Document, "  Cap at 45B  ", "What if the cap is 45B")
	if err != nil || mine.Name != "Cap at 45B" {
		t.Fatalf("named: %+v, %v", mine, err)
	}
	if _, err := s.SaveAsNew(ev.Document, "cap at 45b", ""); err == nil {
		t.Error("saved over a taken name")
	}
	if _, err := s.SaveAsNew("not: [a scenario", "Broken", ""); err == nil {
		t.Error("saved a document that does not read")
	}
	list, _ := s.ListScenarios()
	for _, e := range list {
		if e.Name == "Broken" {
			t.Error("a failed save left a scenario behind")
		}
	}
}

func TestDiffSaysAddedAndRemovedContractsAsSentences(t *testing.T) {
	s := newTestService(t)
	w, _ := open(t, s, "microsoft-cap")
	ev := apply(t, s, w.Document, Edit{OpAdd, "aws", "contract:commitment"}, Edit{OpText, "contracts.aws.label", "AWS compute"},
		Edit{OpText, "contracts.aws.payer", "OpenAI"}, Edit{OpText, "contracts.aws.payee", "Amazon"},
		Edit{OpSet, "contracts.aws.total", "38B"}, Edit{OpSet, "contracts.aws.years", "7"})
	if _, err := s.SaveScenario(w.Name, ev.Document, "Add AWS", 0); err != nil {
		t.Fatal(err)
	}
	ev = apply(t, s, ev.Document, Edit{OpRemove, "contracts.aws", ""})
	if _, err := s.SaveScenario(w.Name, ev.Document, "Drop AWS", 0); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		a, b int
		want string
	}{
		{1, 2, "Added commitment “AWS compute” (OpenAI → Amazon, 38B over 7 years from "},
		{2, 3, "Removed commitment “AWS compute” (OpenAI → Amazon, 38B over 7 years from "},
		{3, 2, "Added commitment “AWS compute”"},
	} {
		diff, err := s.DiffRevisions(w.Name, tc.a, tc.b)
		if err != nil {
			t.Fatal(err)
		}
		var found []string
		for _, c := range diff {
			if c.Sentence != "" {
				found = append(found, c.Sentence)
			}
		}
		if len(found) != 1 || !strings.HasPrefix(found[0], tc.want) || strings.Contains(found[0], "{") {
			t.Errorf("diff %d→%d: sentences %q, want one starting %q (changes %+v)", tc.a, tc.b, found, tc.want, diff)
		}
	}
}

func TestPreviewRevisionLeavesTheWorkingCopy(t *testing.T) {
	s := newTestService(t)
	w, _ := open(t, s, "microsoft-cap")
	ev := apply(t, s, w.Document, Edit{OpSet, "contracts.msft_revshare.cap", "45B"})
	if _, err := s.SaveScenario(w.Name, ev.Document, "Cap at $45B", 0); err != nil {
		t.Fatal(err)
	}
	// An unsaved edit on top: the preview must not touch it.
	working := apply(t, s, ev.Document, Edit{OpSet, "contracts.msft_revshare.rate", "15%"})
	if err := s.SaveDraft(w.Name, working.Document); err != nil {
		t.Fatal(err)
	}
	p, err := s.PreviewRevision(w.Name, 1, "quarter")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.Document, "cap: 38B") {
		t.Errorf("revision 1's preview is not revision 1:\n%s", p.Document)
	}
	var capInput *Input
	for i := range p.Inputs {
		if p.Inputs[i].Path == "contracts.msft_revshare.cap" {
			capInput = &p.Inputs[i]
		}
	}
	if capInput == nil || capInput.Value != "38B" {
		t.Errorf("revision 1's cap input: %+v", capInput)
	}
	if p.Computation == nil || len(p.Computation.KeyFigures) == 0 {
		t.Fatal("the preview has no key figures")
	}
	again, err := s.OpenScenario(w.Name)
	if err != nil || !again.Draft || again.Document != working.Document || again.Revision != 2 {
		t.Errorf("after the preview the scenario opens as %+v, %v", again, err)
	}
	for _, bad := range []int{0, 9} {
		if _, err := s.PreviewRevision(w.Name, bad, "quarter"); err == nil {
			t.Errorf("previewed revision %d", bad)
		}
	}
}

// Opening a saved scenario keeps its summary as the saved revision's, so that the
// first edit compares with it without reading and running the revision again; the
// figures that moved say the same as when the revision is read.
func TestOpeningKeepsTheSavedSummary(t *testing.T) {
	lib := mustLibrary(t)
	opened := NewService(lib)
	w, err := opened.OpenScenario(builtinName(t, "briefing"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := opened.Evaluate(w.Document, "quarter"); err != nil {
		t.Fatal(err)
	}
	r, err := lib.DB.Latest(context.Background(), w.Name)
	if err != nil {
		t.Fatal(err)
	}
	read := false
	kept := opened.savedSums.get(r.Hash, func() map[string]engine.Metric { read = true; return nil })
	if read || len(kept) == 0 {
		t.Fatalf("after opening, the saved summary was not kept (%d metrics)", len(kept))
	}
	edits := []Edit{{OpSet, "contracts.msft_revshare.cap", "45B"}}
	fromKept, err := opened.Apply(w.Document, edits, "quarter")
	if err != nil {
		t.Fatal(err)
	}
	// A service that never saw the revision clean reads it.
	fromRead, err := NewService(lib).Apply(w.Document, edits, "quarter")
	if err != nil {
		t.Fatal(err)
	}
	moved := 0
	for i, f := range fromKept.Computation.KeyFigures {
		g := fromRead.Computation.KeyFigures[i]
		if f.Moved != g.Moved || f.Was != g.Was || f.Value != g.Value {
			t.Errorf("%s: %+v after opening, %+v read from the revision", f.ID, f, g)
		}
		if f.Moved {
			moved++
		}
	}
	if moved == 0 {
		t.Error("no key figure moved when the cap changed")
	}
}
