package report

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"dealmodel/backend/scenario"
	"dealmodel/backend/sim"
	"dealmodel/scenarios"
)

func TestUncertaintyFromSimulation(t *testing.T) {
	b, _ := scenarios.ByStem("briefing")
	s, err := scenario.Parse(b.File, b.Data)
	if err != nil {
		t.Fatal(err)
	}
	m, err := sim.Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	seed := int64(9)
	o, err := m.Simulate(context.Background(), sim.Options{Runs: 2000, Seed: &seed})
	if err != nil {
		t.Fatal(err)
	}
	tor, err := m.Tornado(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	u := UncertaintyFrom(o, tor, m.Written(o))
	if u.Runs != 2000 || u.Seed != 9 || !strings.Contains(u.Note, "2,000 simulated runs") || strings.Contains(u.Note, "seed") {
		t.Fatalf("header: %+v", u)
	}
	if len(u.Metrics) == 0 || len(u.Metrics) > maxUncertainMetrics {
		t.Fatalf("%d metrics", len(u.Metrics))
	}
	for _, mr := range u.Metrics {
		if !(mr.P10 < mr.P90) || mr.P50 < mr.P10 || mr.P50 > mr.P90 {
			t.Errorf("%s: P10 %v P50 %v P90 %v", mr.Label, mr.P10, mr.P50, mr.P90)
		}
	}
	if len(u.Caps) != 1 || u.Caps[0].P50 == "" {
		t.Fatalf("caps: %+v", u.Caps)
	}
	var fans []string
	for _, f := range u.Fans {
		fans = append(fans, f.Title)
	}
	if len(fans) != 4 || !strings.Contains(fans[0], "cumulative") {
		t.Fatalf("fans: %v", fans)
	}
	// Every fan carries its series as written; only the capped contract's
	// cumulative payments carry a cap level, at or above what it pays at the end.
	for i, f := range u.Fans {
		if len(f.Written) != len(f.Periods) {
			t.Errorf("%s: %d values as written for %d periods", f.Title, len(f.Written), len(f.Periods))
		}
		if capped := i == 0; capped != (f.Cap > 0) {
			t.Errorf("%s: cap level %v", f.Title, f.Cap)
		}
	}
	if c := u.Fans[0]; len(c.Written) > 0 && c.Written[len(c.Written)-1] > c.Cap+1e-3 {
		t.Errorf("as written, %v is paid, above the cap level %v", c.Written[len(c.Written)-1], c.Cap)
	}
	if u.Tornado == nil || len(u.Tornado.Bars) == 0 || len(u.Tornado.Bars) >= len(tor.Bars) {
		t.Fatalf("tornado keeps %d of %d bars", len(u.Tornado.Bars), len(tor.Bars))
	}
	for _, sw := range u.Tornado.Bars {
		if sw.Low.Equal(sw.High) {
			t.Errorf("%s does not move the metric but has a bar", sw.Input)
		}
	}
}

// The uncertainty section says which inputs are correlated, and how.
func TestUncertaintyFromCorrelations(t *testing.T) {
	o := &sim.Outcome{
		Inputs: []sim.InputSummary{{Path: "a", Label: "Revenue 2027"}, {Path: "b", Label: "Revenue 2028"}, {Path: "c", Label: "Cap"}},
		Correlations: []sim.CorrelationGroup{
			{Inputs: []string{"a", "b"}, Rho: 0.8},
			{Inputs: []string{"b", "c"}, Rho: -0.25},
		},
	}
	got := UncertaintyFrom(o, nil, nil).Correlated
	want := []string{
		"Correlated: Revenue 2027 and Revenue 2028 move together, with a rank correlation of 0.8 between each pair (Gaussian copula).",
		"Correlated: Revenue 2028 and Cap move against each other, with a rank correlation of -0.25 between each pair (Gaussian copula).",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q", got)
	}
	o.Correlations = nil
	if got := UncertaintyFrom(o, nil, nil).Correlated; len(got) != 1 || !strings.Contains(got[0], "independently") {
		t.Errorf("without groups: %q", got)
	}
}
