package engine

import (
	"fmt"
	"testing"

	"dealmodel/backend/gen"
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

// BenchmarkRunGenerated computes generated scenarios of 1 to 1000 contracts over 40
// years (budgets: 100 contracts 10 ms, 1000 under 1 s; the cost grows linearly).
func BenchmarkRunGenerated(b *testing.B) {
	for _, n := range []int{1, 10, 100, 1000} {
		s, err := scenario.Parse("generated.yaml", gen.YAML(gen.Size{Contracts: n, Years: 40}))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("contracts=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Run(s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
