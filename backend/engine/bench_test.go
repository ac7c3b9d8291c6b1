package engine

import (
	"testing"

	"dealmodel/backend/scenario"
	"dealmodel/scenarios"
)

func mustBuiltin(tb testing.TB, stem string) *scenario.Scenario {
	tb.Helper()
	b, ok := scenarios.ByStem(stem)
	if !ok {
		tb.Fatalf("no built-in scenario %q", stem)
	}
	s, err := scenario.Parse(b.File, b.Data)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// BenchmarkRun computes the largest built-in scenario (budget: 250 µs).
func BenchmarkRun(b *testing.B) {
	s := mustBuiltin(b, "briefing")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Run(s); err != nil {
			b.Fatal(err)
		}
	}
}
