package app

import (
	"strings"
	"testing"
)

// Correlation groups and event distributions are edited like any field: a bad
// set is refused in place with the groups named, and the view reports them.
func TestEditCorrelationsAndEvents(t *testing.T) {
	s := newTestService(t)
	w, _ := open(t, s, "briefing")
	group := `[{"inputs": ["streams.openai_revenue.annual.2027", "contracts.msft_revshare.cap"], "rho": "0.5"}]`
	ev := apply(t, s, w.Document, Edit{OpCorrelations, "uncertainty.correlations", group},
		Edit{OpDistribution, "contracts.amazon_investment.tranches.contingent.amount", `{"dist": "bernoulli", "p": ["60%"]}`},
		Edit{OpDistribution, "contracts.msft_revshare.rate", `{"dist": "discrete", "values": ["15%", "20%"], "p": ["30%", "70%"]}`})
	if len(ev.Problems) != 0 {
		t.Fatalf("problems: %+v", ev.Problems)
	}
	for _, want := range []string{"rho: 0.5", "dist: bernoulli", "p: 60%", "values: [15%, 20%]", "p: [30%, 70%]"} {
		if !strings.Contains(ev.Document, want) {
			t.Errorf("the document lacks %q", want)
		}
	}
	v, err := s.Simulate(SimulationRequest{Document: ev.Document, Runs: 500})
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Correlations) != 1 || v.Correlations[0].Rho != 0.5 || v.Correlations[0].Labels[1] != "Revenue share to Microsoft: cap" {
		t.Errorf("correlations: %+v", v.Correlations)
	}
	for _, in := range v.Inputs {
		switch in.Path {
		case "contracts.amazon_investment.schedule.2027Q4":
			if in.Dist != "bernoulli" || in.P != "60%" {
				t.Errorf("bernoulli input: %+v", in)
			}
		case "contracts.msft_revshare.rate":
			if in.Dist != "discrete" || strings.Join(in.Values, ",") != "15%,20%" || strings.Join(in.Probs, ",") != "30%,70%" {
				t.Errorf("discrete input: %+v", in)
			}
		}
	}
	// Three groups no joint distribution satisfies: refused, the document unchanged.
	bad := `[{"inputs": ["streams.openai_revenue.annual.2027", "streams.openai_revenue.annual.2028"], "rho": "0.9"},
	         {"inputs": ["streams.openai_revenue.annual.2028", "streams.openai_revenue.annual.2029"], "rho": "0.9"},
	         {"inputs": ["streams.openai_revenue.annual.2027", "streams.openai_revenue.annual.2029"], "rho": "-0.9"}]`
	ev2, err := s.Apply(ev.Document, []Edit{{OpCorrelations, "uncertainty.correlations", bad}}, "quarter")
	if err != nil {
		t.Fatal(err)
	}
	if len(ev2.Problems) != 1 || !strings.Contains(ev2.Problems[0].Message, "groups 1 (") || ev2.Document != ev.Document {
		t.Errorf("problems %+v", ev2.Problems)
	}
	// Removing an input's contract drops it from its group, and the group with it.
	ev3 := apply(t, s, ev.Document, Edit{OpRemove, "contracts.msft_revshare", ""})
	if strings.Contains(ev3.Document, "correlations") {
		t.Errorf("a group of one input is left:\n%s", ev3.Document)
	}
}

func TestScatterAndTable(t *testing.T) {
	s := newTestService(t)
	w, _ := open(t, s, "briefing")
	sc, err := s.Scatter(ScatterRequest{Document: w.Document, X: "streams.openai_revenue.annual.2027", Y: "streams.openai_revenue.annual.2028"})
	if err != nil {
		t.Fatal(err)
	}
	if sc.Runs != 2000 || sc.Rank < 0.75 || sc.Rank > 0.85 || sc.XLabel != "OpenAI revenue 2027" || len(sc.Chart.Option) == 0 {
		t.Errorf("scatter: runs %d, rank %.3f, x %q", sc.Runs, sc.Rank, sc.XLabel)
	}
	if _, err := s.Scatter(ScatterRequest{Document: w.Document, X: "nope"}); err == nil || !strings.Contains(err.Error(), "neither an uncertain input nor a figure") {
		t.Errorf("unknown column: %v", err)
	}
	tv, err := s.TwoWayTable(TableRequest{Document: w.Document, X: "contracts.msft_revshare.cap", XValues: "25B,38B,60B",
		Y: "streams.openai_revenue.annual.2030", YValues: "230B..330B:3", Metric: "contract.msft_revshare.cap_hit"})
	if err != nil {
		t.Fatal(err)
	}
	if tv.Cells[1][1] != "2029Q2" || tv.Base != "2029Q2" || tv.X.BaseIndex != 1 || tv.Y.BaseIndex != 1 || !strings.HasPrefix(tv.CSV, "streams.openai_revenue.annual.2030 \\ contracts.msft_revshare.cap,25B,38B,60B\n") {
		t.Errorf("table: %+v\n%s", tv.Cells, tv.CSV)
	}
	if !strings.Contains(string(tv.Chart.Option), `"base":true`) {
		t.Error("the heatmap does not mark the base case")
	}
	if _, err := s.TwoWayTable(TableRequest{Document: w.Document, X: "contracts.msft_revshare.cap", XValues: "25X",
		Y: "streams.openai_revenue.annual.2030", YValues: "1B", Metric: "contract.msft_revshare.cap_hit"}); err == nil || !strings.Contains(err.Error(), "across: ") {
		t.Errorf("bad values: %v", err)
	}
}
