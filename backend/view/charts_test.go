package view

import (
	"reflect"
	"testing"

	"dealmodel/backend/engine"
	"dealmodel/backend/scenario"
	"dealmodel/scenarios"
)

func run(t *testing.T, stem string) (*scenario.Scenario, *engine.Result) {
	t.Helper()
	b, ok := scenarios.ByStem(stem)
	if !ok {
		t.Fatalf("no built-in %s", stem)
	}
	sc, err := scenario.Parse(b.File, b.Data)
	if err != nil {
		t.Fatal(err)
	}
	r, err := engine.Run(sc)
	if err != nil {
		t.Fatal(err)
	}
	return sc, r
}

func TestChartsOfTheBuiltins(t *testing.T) {
	for stem, want := range map[string][]string{
		"briefing":         {"revenue_share.msft_revshare", "cumulative_cap.msft_revshare", "revenue_share.msft_reverse_share", "cumulative_cap.msft_reverse_share", "compute_spend", "capacity", "party_net", "stake_value"},
		"compute":          {"streams", "compute_spend", "capacity", "party_net"},
		"microsoft-no-cap": {"revenue_share.msft_revshare", "cumulative_cap.msft_revshare", "revenue_share.msft_reverse_share", "cumulative_cap.msft_reverse_share", "party_net"},
		"valuation":        {"streams", "stake_value"},
	} {
		sc, r := run(t, stem)
		var ids []string
		printed := map[string]bool{}
		for _, c := range Charts(sc, r) {
			ids = append(ids, c.ID)
			printed[c.ID] = c.Print
		}
		if !reflect.DeepEqual(ids, want) {
			t.Errorf("%s: charts %v, want %v", stem, ids, want)
		}
		// Without a cap the PDF leaves out the cumulative chart: its revenue chart
		// already draws the cumulative line.
		if stem == "microsoft-no-cap" && printed["cumulative_cap.msft_revshare"] {
			t.Errorf("%s: the PDF draws the cumulative chart of an uncapped share", stem)
		}
	}
}

func TestComputeSpendAddsCommitmentsByProvider(t *testing.T) {
	sc, r := run(t, "compute")
	for _, c := range Charts(sc, r) {
		if c.Kind != ChartComputeSpend {
			continue
		}
		total := map[string]bool{}
		for _, p := range c.Providers() {
			if total[p.Name] {
				t.Errorf("provider %s stacked twice", p.Name)
			}
			total[p.Name] = true
			if len(p.Values) != len(r.Periods) {
				t.Errorf("provider %s: %d values for %d periods", p.Name, len(p.Values), len(r.Periods))
			}
		}
		if len(c.Providers()) < 2 {
			t.Errorf("%d providers", len(c.Providers()))
		}
		return
	}
	t.Fatal("no compute spend chart")
}

func TestOverlaysNeedTheFirstAndAnother(t *testing.T) {
	a, ra := run(t, "microsoft-cap")
	b, rb := run(t, "microsoft-cap-high")
	got := Overlays([]Subject{{a, ra}, {b, rb}})
	// The share to Microsoft, then the reverse share (ended in 2026Q1) both have.
	if len(got) != 2 || got[0].SeriesID != "contract.msft_revshare.cumulative" || len(got[0].Caps) != 2 || got[0].Caps[0] == nil || got[0].Caps[1] == nil || got[1].Caps != nil ||
		got[1].SeriesID != "contract.msft_reverse_share.cumulative" {
		t.Fatalf("overlays %+v", got)
	}
	v, rv := run(t, "valuation")
	got = Overlays([]Subject{{a, ra}, {v, rv}})
	if len(got) != 1 || got[0].SeriesID != "party.OpenAI.net" {
		t.Fatalf("with nothing in common, the first party's net flow: %+v", got)
	}
}

func TestDiff(t *testing.T) {
	q := func(s string) scenario.Quarter { v, _ := scenario.ParseQuarter(s, false); return v }
	if d := Diff(&engine.Metric{Kind: engine.QuarterValue, Null: true}, &engine.Metric{Kind: engine.QuarterValue, Null: true}); d.Valid || !d.Neither {
		t.Errorf("reached in neither: %+v", d)
	}
	if d := Diff(&engine.Metric{Kind: engine.QuarterValue, Quarter: q("2029Q2")}, &engine.Metric{Kind: engine.QuarterValue, Quarter: q("2030Q1")}); !d.Valid || d.Steps != 3 {
		t.Errorf("three quarters later: %+v", d)
	}
	if d := Diff(&engine.Metric{Kind: engine.YearValue, Quarter: q("2028Q1")}, &engine.Metric{Kind: engine.YearValue, Quarter: q("2027Q1")}); !d.Valid || d.Steps != -1 {
		t.Errorf("a year earlier: %+v", d)
	}
	if d := Diff(nil, &engine.Metric{}); d.Valid || d.Neither {
		t.Errorf("missing on one side: %+v", d)
	}
}
