package report

import (
	"context"
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
	u := UncertaintyFrom(o, tor)
	if u.Runs != 2000 || u.Seed != 9 || !strings.Contains(u.Note, "2,000 runs (seed 9)") {
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
	if len(fans) != 3 || !strings.Contains(fans[0], "cumulative") {
		t.Fatalf("fans: %v", fans)
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
