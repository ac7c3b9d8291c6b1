package sim

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"dealmodel/backend/scenario"
)

// v2Cases are the hand-computed cases of format v2 (app/cli/testdata/v2), one per
// feature of the format.
var v2Cases = []string{"actuals"}

// TestFloatMatchesEngineV2: the float model agrees with the exact engine to 1e-9
// on every feature of format v2, at the hand-computed cases' values and at random
// values of all their numeric fields.
func TestFloatMatchesEngineV2(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, stem := range v2Cases {
		t.Run(stem, func(t *testing.T) {
			path := filepath.Join("..", "..", "app", "cli", "testdata", "v2", stem+".yaml")
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			s, err := scenario.Parse(path, data)
			if err != nil {
				t.Fatal(err)
			}
			m := mustCompile(t, s)
			w := m.newWork()
			if err := m.eval(w); err != nil {
				t.Fatal(err)
			}
			compareExact(t, "base", m, w, evalExact(t, s))
			if checked := checkRandomFields(t, s, rng, 80); checked < 30 {
				t.Errorf("only %d random scenarios were valid", checked)
			}
		})
	}
}
