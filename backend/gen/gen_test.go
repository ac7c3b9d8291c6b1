package gen

import (
	"bytes"
	"fmt"
	"os"
	"testing"

	"dealmodel/backend/contract"
	"dealmodel/backend/engine"
	"dealmodel/backend/scenario"
)

// Every size reads as a valid scenario, has every contract type (from six
// contracts on), and computes.
func TestGeneratedScenariosAreValid(t *testing.T) {
	for _, sz := range []Size{{0, 1, 0}, {1, 1, 0}, {6, 2, 0}, {10, 40, 0}, {100, 40, 0}, {250, 8, 30}} {
		t.Run(fmt.Sprintf("%d×%d", sz.Contracts, sz.Years), func(t *testing.T) {
			s, err := scenario.Parse("generated.yaml", YAML(sz))
			if err != nil {
				t.Fatal(err)
			}
			want := max(1, sz.Contracts)
			if len(s.Contracts) != want {
				t.Fatalf("%d contracts, want %d", len(s.Contracts), want)
			}
			if got := int(s.End-s.Start)/4 + 1; got != sz.Years {
				t.Errorf("%d years, want %d", got, sz.Years)
			}
			types := map[string]bool{}
			methods := map[string]bool{}
			for _, c := range s.Contracts {
				types[c.Type+"/"+contract.Commitment(&c).Profile] = true
				if c.Type == "equity" {
					methods[contract.Equity(&c).Valuation.Method] = true
				}
			}
			if sz.Contracts >= 12 && (len(types) != 6 || len(methods) != 2) {
				t.Errorf("types %v and valuation methods %v: want every type, profile and method", types, methods)
			}
			if sz.Uncertain > 0 && len(s.Uncertainty.Inputs) != sz.Uncertain+1 {
				t.Errorf("%d uncertain inputs, want %d and the discount rate", len(s.Uncertainty.Inputs), sz.Uncertain)
			}
			r, err := engine.Run(s)
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Periods) != 4*sz.Years {
				t.Errorf("%d periods, want %d", len(r.Periods), 4*sz.Years)
			}
			// The canonical form of the scenario reads back to the same scenario.
			again, err := scenario.Parse("again.yaml", scenario.Marshal(s))
			if err != nil || !bytes.Equal(scenario.Marshal(again), scenario.Marshal(s)) {
				t.Errorf("the canonical form does not read back: %v", err)
			}
		})
	}
}

func TestGeneratedScenariosAreDeterministicAndGrowLinearly(t *testing.T) {
	a, b := YAML(Size{Contracts: 100, Years: 40}), YAML(Size{Contracts: 100, Years: 40})
	if !bytes.Equal(a, b) {
		t.Fatal("the same size gave two texts")
	}
	big := YAML(Size{Contracts: 1000, Years: 40})
	if r := float64(len(big)) / float64(len(a)); r < 8 || r > 12 {
		t.Errorf("1000 contracts take %d bytes, %.1f× the %d of 100", len(big), r, len(a))
	}
}

// The end-to-end tests' large scenario is this generator's, unchanged (write it
// again with go run ./tools/genscenario -contracts 100 -years 40 -o FILE).
func TestEndToEndFixtureIsGenerated(t *testing.T) {
	got, err := os.ReadFile("../../frontend/e2e/fixtures/generated-100.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, YAML(Size{Contracts: 100, Years: 40})) {
		t.Error("frontend/e2e/fixtures/generated-100.yaml is not what the generator writes: write it again")
	}
}
