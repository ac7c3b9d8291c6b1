package sim

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"dealmodel/backend/gen"
	"dealmodel/backend/scenario"
)

// generated parses a generated scenario of n contracts over years.
func generated(tb testing.TB, n, years int) *scenario.Scenario {
	tb.Helper()
	s, err := scenario.Parse("generated.yaml", gen.YAML(gen.Size{Contracts: n, Years: years}))
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// The memory guard's estimate is what a simulation allocates: at least all of it
// (a guard that underestimates lets a count through that exhausts memory) and not
// far more (one that overestimates refuses counts that would fit).
func TestMemoryEstimateIsTrue(t *testing.T) {
	for _, tc := range []struct {
		contracts, runs int
		samples         bool
	}{{10, 3_000, false}, {100, 1_500, false}, {300, 1_000, false}, {100, 1_500, true}} {
		t.Run(fmt.Sprint(tc.contracts, tc.samples), func(t *testing.T) {
			m, err := Compile(generated(t, tc.contracts, 40))
			if err != nil {
				t.Fatal(err)
			}
			opt := Options{Runs: tc.runs, Workers: 2, Samples: tc.samples}
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			out, err := m.Simulate(context.Background(), opt)
			runtime.ReadMemStats(&after)
			if err != nil {
				t.Fatal(err)
			}
			used := int64(after.TotalAlloc - before.TotalAlloc)
			est := m.memory(tc.runs, len(out.Bands), len(out.Periods), opt.Workers, opt.Samples)
			t.Logf("%d contracts, %d runs: allocated %d KB, estimated %d KB", tc.contracts, tc.runs, used>>10, est>>10)
			if used > est*11/10 {
				t.Errorf("the simulation allocated %d KB, more than the %d KB its guard estimates", used>>10, est>>10)
			}
			if est > used*2 {
				t.Errorf("the guard estimates %d KB, more than twice the %d KB allocated", est>>10, used>>10)
			}
		})
	}
}

// A count over the budget is refused with a figure and a count that fits.
func TestMemoryGuardRefusesAndNamesACountThatFits(t *testing.T) {
	m, err := Compile(generated(t, 1000, 40))
	if err != nil {
		t.Fatal(err)
	}
	_, err = m.Simulate(context.Background(), Options{Runs: scenario.MaxRuns, Workers: 2})
	if err == nil {
		t.Fatal("a million runs of 1000 contracts were not refused")
	}
	most := m.mostRuns(MaxBands, 160, 2, false)
	if most < 1000 || most >= scenario.MaxRuns {
		t.Fatalf("at most %d runs fit", most)
	}
	if want := fmt.Sprintf("use at most %d runs", most); !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not say %q", err, want)
	}
	if m.memory(most, MaxBands, 160, 2, false) > memoryBudget || m.memory(most+1, MaxBands, 160, 2, false) <= memoryBudget {
		t.Errorf("%d is not the largest count that fits", most)
	}
}

// Bands and tornado bars are bounded, so a large scenario costs no more than its
// size: the most important series keep their bands, the widest inputs their bars.
func TestLargeScenarioBoundsBandsAndBars(t *testing.T) {
	m, err := Compile(generated(t, 200, 40))
	if err != nil {
		t.Fatal(err)
	}
	out, err := m.Simulate(context.Background(), Options{Runs: 500, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Bands) != MaxBands {
		t.Fatalf("%d bands, want %d", len(out.Bands), MaxBands)
	}
	if out.Bands[len(out.Bands)-1].ID != "total.commitments.paid" {
		t.Errorf("the total spend on commitments has no band: last is %s", out.Bands[len(out.Bands)-1].ID)
	}
	tor, err := m.Tornado(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(tor.Bars) != MaxTornadoBars || tor.Omitted != len(m.inputs)-MaxTornadoBars {
		t.Fatalf("%d bars and %d omitted of %d inputs", len(tor.Bars), tor.Omitted, len(m.inputs))
	}
	// The bars shown are the widest: every omitted input swings the metric no more
	// than the narrowest bar (by the float model, within its tolerance).
	shown := map[string]bool{}
	for _, b := range tor.Bars {
		shown[b.Path] = true
	}
	narrowest := tor.Bars[len(tor.Bars)-1].Swing.InexactFloat64()
	f, _ := m.amountFigure("")
	all := make([]Bar, len(m.inputs))
	for i := range m.inputs {
		in := &m.inputs[i]
		all[i] = Bar{Path: in.path, Low: rounded(in.field.Kind, in.dist.quantile(0.1)), High: rounded(in.field.Kind, in.dist.quantile(0.9))}
	}
	for i, b := range all {
		if shown[b.Path] {
			continue
		}
		mlo, err := m.exactAt(f, []Assignment{{Path: b.Path, Value: b.Low}})
		if err != nil {
			t.Fatal(err)
		}
		mhi, err := m.exactAt(f, []Assignment{{Path: b.Path, Value: b.High}})
		if err != nil {
			t.Fatal(err)
		}
		if sw := mhi.Amount.Sub(mlo.Amount).Abs().InexactFloat64(); sw > narrowest*(1+1e-9)+1e-6 {
			t.Errorf("input %d (%s) swings %g, more than the narrowest bar shown (%g)", i, b.Path, sw, narrowest)
		}
	}
}
