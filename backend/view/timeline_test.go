package view

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dealmodel/backend/contract"
	"dealmodel/backend/engine"
	"dealmodel/backend/money"
	"dealmodel/backend/scenario"
)

// The briefing's timeline lists the amendment with its note and sources, the
// reported quarter, both tranches with the contingent one's deadline and
// condition, and the valuation marks, in quarter order.
func TestTimelineOfTheBriefing(t *testing.T) {
	sc, _ := run(t, "briefing")
	ev := Timeline(sc)
	for i := 1; i < len(ev); i++ {
		if ev[i].Quarter < ev[i-1].Quarter {
			t.Fatalf("events out of order: %s after %s", ev[i].Quarter, ev[i-1].Quarter)
		}
	}
	find := func(path, key string) *Event {
		for i := range ev {
			if ev[i].Path == path && ev[i].Key == key {
				return &ev[i]
			}
		}
		t.Fatalf("no event %s %s in %v", path, key, ev)
		return nil
	}
	amend := find("contracts.msft_revshare", "changes.2026Q2")
	if amend.Kind != contract.EventChange || !strings.Contains(amend.Note, "2026-04-27") || len(amend.Sources) != 2 || amend.What != "rate 20%" {
		t.Errorf("amendment = %+v", amend)
	}
	if cf := find("contracts.msft_revshare", "cap_from"); cf.Quarter.String() != "2026Q2" || cf.Kind != contract.EventCapFrom {
		t.Errorf("cap_from = %+v", cf)
	}
	actual := find("streams.openai_revenue", "actuals.2026Q1")
	if actual.Kind != EventActual || actual.What != "reported: $5.70B" || !strings.Contains(strings.Join(actual.Sources, "|"), "Q1 2026 $5.7B") {
		t.Errorf("actual quarter = %+v", actual)
	}
	tr := find("contracts.amazon_investment", "tranches.contingent")
	if tr.Quarter.String() != "2027Q4" || tr.Kind != contract.EventTranche || !strings.Contains(tr.Note, "IPO filing") || tr.Lapsed {
		t.Errorf("tranche = %+v", tr)
	}
	dl := find("contracts.amazon_investment", "tranches.contingent.expires")
	if dl.Quarter.String() != "2028Q4" || dl.Kind != contract.EventDeadline {
		t.Errorf("deadline = %+v", dl)
	}
	mark := find("contracts.msft_stake", "valuation.marks.2026Q1")
	if mark.Kind != contract.EventMark || mark.What != "valued at $852.00B" {
		t.Errorf("mark = %+v", mark)
	}
	// A disabled contract has no events.
	sc.Contract("amazon_investment").Enabled = false
	for _, e := range Timeline(sc) {
		if e.Path == "contracts.amazon_investment" {
			t.Errorf("a disabled contract's event is listed: %+v", e)
		}
	}
}

func v2File(t *testing.T, stem string) *scenario.Scenario {
	t.Helper()
	path := filepath.Join("..", "..", "app", "cli", "testdata", "v2", stem+".yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := scenario.Parse(path, data)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The reported part of each period: the actual quarters inside the horizon
// (2025Q2 is before it), whole in the quarter view, summed in the year view.
func TestActualPart(t *testing.T) {
	s := v2File(t, "actuals")
	r, err := engine.Run(s)
	if err != nil {
		t.Fatal(err)
	}
	got := contract.ActualPart(s, "rev", axis{r, s})
	want := []string{"0", "0", "1500000000", "0", "2250000000", "0", "0", "0"}
	if len(got) != len(want) {
		t.Fatalf("%d periods, want %d", len(got), len(want))
	}
	for i, w := range want {
		if got[i].String() != w {
			t.Errorf("quarter %d: %s, want %s", i, got[i], w)
		}
	}
	y := r.ByYear()
	got = contract.ActualPart(s, "rev", axis{y, s})
	if len(got) != 3 || !got[0].IsZero() || money.Short(got[1]) != "$3.75B" || !got[2].IsZero() {
		t.Errorf("by year: %v", got)
	}
	if contract.ActualPart(s, "nope", axis{r, s}) != nil {
		t.Errorf("a stream that is not there has actual quarters")
	}
}

// Gigawatts in service by provider: the capacity contracts' gw series summed by
// payee.
func TestCapacityChart(t *testing.T) {
	s := v2File(t, "capacity")
	r, err := engine.Run(s)
	if err != nil {
		t.Fatal(err)
	}
	var spec *Chart
	for _, c := range Charts(s, r) {
		if c.Kind == ChartCapacity {
			spec = &c
		}
	}
	if spec == nil || !spec.Print {
		t.Fatalf("no printed capacity chart: %+v", Charts(s, r))
	}
	gw := r.SeriesByID("contract." + s.Contracts[0].ID + ".gw")
	if len(spec.Providers()) == 0 || spec.Providers()[0].Name != s.Contracts[0].Payee {
		t.Fatalf("providers %+v", spec.Providers())
	}
	for i, v := range gw.Values {
		if !spec.Providers()[0].Values[i].Equal(v) {
			t.Errorf("period %d: %s GW, want %s", i, spec.Providers()[0].Values[i], v)
		}
	}
}
