package sim

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkSimulateBriefing runs 10,000 runs of the largest built-in scenario, whose
// revenue years are correlated, with all its summaries, bands and cap
// probabilities (budget: 250 ms on 2 cores).
func BenchmarkSimulateBriefing(b *testing.B) {
	s := mustBuiltin(b, "briefing")
	if len(s.Uncertainty.Correlations) == 0 {
		b.Fatal("the briefing has no correlation groups: this benchmark is of correlated runs")
	}
	m := mustCompile(b, s)
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

// BenchmarkTornadoBriefing swings the 19 inputs of the largest built-in scenario
// with the exact engine (39 runs).
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

// BenchmarkTable20x20 is a 20×20 two-way table of the largest built-in scenario,
// every cell an exact engine run (budget: 100 ms).
func BenchmarkTable20x20(b *testing.B) {
	m := mustCompile(b, mustBuiltin(b, "briefing"))
	xs, err := m.TableValues("contracts.msft_revshare.cap", "20B..96B:20")
	if err != nil {
		b.Fatal(err)
	}
	ys, err := m.TableValues("streams.openai_revenue.annual.2030", "120B..240B:20")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := m.Table(context.Background(), "contracts.msft_revshare.cap", xs, "streams.openai_revenue.annual.2030", ys, "contract.msft_revshare.cap_hit"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSimulateGenerated runs 10,000 runs of generated scenarios of 10 to 1000
// contracts over 40 years (budget: 100 contracts in 2 s).
func BenchmarkSimulateGenerated(b *testing.B) {
	for _, n := range []int{10, 100, 1000} {
		m, err := Compile(generated(b, n, 40))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("contracts=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := m.Simulate(context.Background(), Options{Runs: 10_000}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
