package sim

import (
	"testing"

	"github.com/shopspring/decimal"

	"dealmodel/backend/contract"
)

// TestWithTermAndWeights: a drawn term applies after the weights, so a longer
// term repeats the drawn last weight and a shorter one drops weights.
func TestWithTermAndWeights(t *testing.T) {
	s := mustParse(t, inputScenario("contracts.compute.weights.2", "{dist: uniform, low: 1, high: 3}"))
	d := decimal.RequireFromString
	for _, c := range []struct {
		years   string
		weights []string
	}{
		{"4", []string{"1", "2.5", "2.5", "2.5"}},
		{"1", []string{"1"}},
	} {
		got, err := With(s, []Assignment{{Path: "contracts.compute.years", Value: d(c.years)}, {Path: "contracts.compute.weights.2", Value: d("2.5")}})
		if err != nil {
			t.Fatal(err)
		}
		w := contract.Commitment(got.Contract("compute")).Weights
		if len(w) != len(c.weights) {
			t.Fatalf("years %s: weights %v", c.years, w)
		}
		for i := range w {
			if !w[i].Equal(d(c.weights[i])) {
				t.Errorf("years %s: weights %v, want %v", c.years, w, c.weights)
			}
		}
	}
	if contract.Commitment(s.Contract("compute")).Years != 2 {
		t.Error("With changed the original scenario")
	}
	if _, err := With(s, []Assignment{{Path: "contracts.nope.total", Value: d("1")}}); ErrorCode(err) != EINVALID {
		t.Errorf("unknown path: %v", err)
	}
	if _, err := With(s, []Assignment{{Path: "contracts.share.rate", Value: d("2")}}); ErrorCode(err) != EINVALID {
		t.Errorf("out of range: %v", err)
	}
}
