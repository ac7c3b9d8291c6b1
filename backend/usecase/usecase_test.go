package usecase

import (
	"context"
	"testing"

	"dealmodel/backend/engine"
	"dealmodel/backend/report"
	"dealmodel/backend/scenario"
	"dealmodel/backend/sim"
	"dealmodel/scenarios"
)

func builtin(t *testing.T, stem string) *scenario.Scenario {
	t.Helper()
	for _, b := range scenarios.All() {
		if b.Stem == stem {
			s, err := scenario.Parse(b.File, b.Data)
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
	}
	t.Fatalf("no built-in %s", stem)
	return nil
}

// A briefing simulates only when asked, beyond its summary, with ranges to draw.
func TestWantsUncertainty(t *testing.T) {
	ranged := builtin(t, "briefing")
	plain := ranged.Clone()
	plain.Uncertainty = nil
	for _, c := range []struct {
		b     report.Briefing
		asked bool
		want  bool
	}{
		{report.Briefing{Scenario: ranged}, true, true},
		{report.Briefing{Scenario: ranged}, false, false},
		{report.Briefing{Scenario: ranged, SummaryOnly: true}, true, false},
		{report.Briefing{Scenario: plain}, true, false},
	} {
		if got := WantsUncertainty(&c.b, c.asked); got != c.want {
			t.Errorf("summary only %v, ranges %v, asked %v: %v, want %v", c.b.SummaryOnly, c.b.Scenario.Uncertainty != nil, c.asked, got, c.want)
		}
	}
}

// The section is the scenario's own runs and seed, so two builds are the same.
func TestUncertaintyIsReproducible(t *testing.T) {
	s := builtin(t, "microsoft-cap")
	m, err := sim.Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	a, err := Uncertainty(context.Background(), m, engine.Quarterly, "")
	if err != nil {
		t.Fatal(err)
	}
	b, err := Uncertainty(context.Background(), m, engine.Quarterly, "")
	if err != nil {
		t.Fatal(err)
	}
	if a.Runs == 0 || a.Seed != b.Seed || len(a.Metrics) == 0 || len(a.Metrics) != len(b.Metrics) || a.Metrics[0] != b.Metrics[0] {
		t.Errorf("runs %d, seeds %d and %d, metrics %d and %d: not reproducible", a.Runs, a.Seed, b.Seed, len(a.Metrics), len(b.Metrics))
	}
	if s.Uncertainty.SeedSet && a.Seed != s.Uncertainty.Seed {
		t.Errorf("seed %d, want the scenario's %d", a.Seed, s.Uncertainty.Seed)
	}
}
