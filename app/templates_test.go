package app

import (
	"strings"
	"testing"
)

func TestTemplates(t *testing.T) {
	s := newTestService(t)
	list, err := s.Templates()
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	ids := map[string]bool{}
	for _, tp := range list {
		kinds[tp.Kind]++
		if tp.Label == "" || tp.Description == "" || ids[tp.ID] {
			t.Errorf("template %+v (duplicate id: %v)", tp, ids[tp.ID])
		}
		ids[tp.ID] = true
	}
	if kinds[TemplateScenario] < 4+8 || kinds[TemplateContract] != 5 || kinds[TemplateStream] != 1 {
		t.Errorf("template kinds %v", kinds)
	}
	// The contract types offer the blank scenarios (contract.ScenarioTemplate), in
	// their order, then the stream alone; the ids stay as they were.
	var first []string
	for _, tp := range list[:4] {
		first = append(first, tp.ID+" "+tp.Label)
	}
	want := []string{"scenario:revenue_share Revenue share with a cap", "scenario:compute Compute commitment", "scenario:stake Stake and valuation", "scenario:blank Blank"}
	if strings.Join(first, "; ") != strings.Join(want, "; ") {
		t.Errorf("scenario templates %q, want %q", first, want)
	}
}

// TestNewScenarioFromEveryTemplate creates a scenario from each scenario template,
// opens and computes it, then adds every contract and stream template to it.
func TestNewScenarioFromEveryTemplate(t *testing.T) {
	s := newTestService(t)
	list, _ := s.Templates()
	names := map[string]bool{}
	for _, tp := range list {
		if tp.Kind != TemplateScenario {
			continue
		}
		w, err := s.NewScenario(tp.ID, "")
		if err != nil {
			t.Errorf("%s: %v", tp.ID, err)
			continue
		}
		if names[w.Name] || w.Revision != 1 || w.Draft || w.Builtin != "" {
			t.Errorf("%s: workspace %+v (name taken before: %v)", tp.ID, w, names[w.Name])
		}
		names[w.Name] = true
		ev, err := s.Evaluate(w.Document, "year")
		if err != nil || ev.Dirty || len(ev.Computation.Charts) == 0 {
			t.Errorf("%s: %v", tp.ID, err)
			continue
		}
		doc := ev.Document
		for _, add := range list {
			if add.Kind == TemplateScenario {
				continue
			}
			ev = apply(t, s, doc, Edit{OpAdd, "", add.ID})
			if len(ev.Problems) != 0 {
				t.Errorf("%s + %s: %+v", tp.ID, add.ID, ev.Problems)
			}
			doc = ev.Document
		}
	}
	if !names["New scenario"] || !names["New scenario 2"] {
		t.Errorf("names %v: want generated names numbered", names)
	}
}

func TestNewScenarioNamed(t *testing.T) {
	s := newTestService(t)
	w, err := s.NewScenario("scenario:revenue_share", "  Google TPU share ")
	if err != nil || w.Name != "Google TPU share" || !strings.Contains(w.Document, `name: "Google TPU share"`) {
		t.Fatalf("new = %+v, %v", w, err)
	}
	if _, err := s.NewScenario("scenario:blank", "google tpu share"); err == nil {
		t.Error("a second scenario took the name")
	}
	if _, err := s.NewScenario("scenario:nope", "x"); err == nil || !strings.Contains(err.Error(), "Templates") {
		t.Errorf("unknown template: %v", err)
	}
	if _, err := s.NewScenario("builtin:nope", "x"); err == nil {
		t.Error("unknown built-in copied")
	}
}

// A scenario made from a template says which of its texts are still the
// template's, until each is replaced; the built-ins have none.
func TestPlaceholdersUntilReplaced(t *testing.T) {
	s := newTestService(t)
	w, err := s.NewScenario("scenario:revenue_share", "Google TPU share")
	if err != nil {
		t.Fatal(err)
	}
	ev, err := s.Evaluate(w.Document, "quarter")
	if err != nil {
		t.Fatal(err)
	}
	paths := func(ev *Evaluation) []string {
		var out []string
		for _, p := range ev.Placeholders {
			out = append(out, p.Path)
		}
		return out
	}
	want := []string{"streams.revenue.label", "streams.revenue.sources", "contracts.revenue_share.label", "contracts.revenue_share.payer", "contracts.revenue_share.payee", "contracts.revenue_share.sources"}
	if got := paths(ev); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("placeholders %q, want %q", got, want)
	}
	for _, g := range ev.Groups {
		if g.ID == "contracts.revenue_share" && len(g.Placeholders) != 4 {
			t.Errorf("the contract's group marks %q", g.Placeholders)
		}
	}
	ev, err = s.Apply(ev.Document, []Edit{
		{OpText, "contracts.revenue_share.payer", "Anthropic"},
		{OpText, "contracts.revenue_share.payee", "Google"},
		{OpText, "contracts.revenue_share.label", "TPU revenue share"},
		{OpText, "contracts.revenue_share.sources", "The Information, 2026-05-01"},
	}, "quarter")
	if err != nil || len(ev.Problems) > 0 {
		t.Fatalf("%v %+v", err, ev.Problems)
	}
	if got := paths(ev); strings.Join(got, " ") != "streams.revenue.label streams.revenue.sources" {
		t.Errorf("after replacing the contract's texts: %q", got)
	}
	for _, stem := range []string{"briefing", "microsoft-cap", "compute", "valuation"} {
		_, bev := open(t, s, stem)
		if len(bev.Placeholders) != 0 {
			t.Errorf("built-in %s has placeholders %+v", stem, bev.Placeholders)
		}
	}
}
