package sim

import (
	"context"
	"testing"
)

// BenchmarkSimulateBriefing runs 10,000 runs of the largest built-in scenario with
// all its summaries, bands and cap probabilities (budget: 250 ms on 2 cores).
func BenchmarkSimulateBriefing(b *testing.B) {
	m := mustCompile(b, mustBuiltin(b, "briefing"))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := m.Simulate(context.Background(), Options{Runs: 10_000}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEvalBriefing is one float evaluation of the largest built-in scenario.
func BenchmarkEvalBriefing(b *testing.B) {
	m := mustCompile(b, mustBuiltin(b, "briefing"))
	w := m.newWork()
	for b.Loop() {
		if err := m.eval(w); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompileBriefing compiles the largest built-in scenario.
func BenchmarkCompileBriefing(b *testing.B) {
	s := mustBuiltin(b, "briefing")
	for b.Loop() {
		mustCompile(b, s)
	}
}

// BenchmarkTornadoBriefing swings the 18 inputs of the largest built-in scenario
// with the exact engine (37 runs).
func BenchmarkTornadoBriefing(b *testing.B) {
	m := mustCompile(b, mustBuiltin(b, "briefing"))
	for b.Loop() {
		if _, err := m.Tornado(context.Background(), ""); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSolveBriefing solves the cap at which total paid is 41.2B.
func BenchmarkSolveBriefing(b *testing.B) {
	m := mustCompile(b, mustBuiltin(b, "briefing"))
	g := Goal{Input: "contracts.msft_revshare.cap", Metric: "contract.msft_revshare.total_paid", Target: "41.2B"}
	for b.Loop() {
		if _, err := m.Solve(context.Background(), g); err != nil {
			b.Fatal(err)
		}
	}
}
