package charts

import (
	"testing"

	"dealmodel/backend/contract"
	"dealmodel/backend/engine"
	"dealmodel/backend/scenario"
)

func TestCompare(t *testing.T) {
	s1, r1 := fixture()
	s2, r2 := fixture()
	higher := d("12")
	contract.Share(&s2.Contracts[0]).Cap = &higher
	// The second scenario starts a quarter later and runs a quarter longer.
	r2.Periods = []string{"2025Q2", "2025Q3", "2025Q4", "2026Q1"}
	r2.Series = append(r2.Series, engine.Series{ID: "total.commitments.paid", Group: engine.GroupTotal, Values: ds("1", "2", "3", "4")})
	r1.Series = append(r1.Series, engine.Series{ID: "total.commitments.paid", Group: engine.GroupTotal, Values: ds("5", "6", "7", "8")})
	got, err := Compare([]Subject{{Label: "A", Scenario: s1, Result: r1}, {Label: "B", Scenario: s2, Result: r2}})
	if err != nil {
		t.Fatal(err)
	}
	ids := []string{}
	for _, c := range got {
		ids = append(ids, c.ID)
	}
	want := []string{ComparePrefix + "contract.share.cumulative", ComparePrefix + "total.commitments.paid", ComparePrefix + "contract.stake.value"}
	if len(ids) != len(want) {
		t.Fatalf("charts %v, want %v", ids, want)
	}
	for i := range want {
		if ids[i] != want[i] || got[i].Title == "" {
			t.Errorf("chart %d = %s %q, want %s", i, ids[i], got[i].Title, want[i])
		}
	}
	o := decode(t, got[0].Option)
	if x := o.XAxis[0].Data; len(x) != 5 || x[0] != "2025Q1" || x[4] != "2026Q1" {
		t.Errorf("x axis = %v, want the union of both horizons", x)
	}
	if len(o.Series) != 2 || o.Series[0].Name != "A" || o.Series[1].Name != "B" {
		t.Fatalf("series = %+v", o.Series)
	}
	// B has no value in 2025Q1: a gap, not a zero.
	if o.Series[1].Data[0].Value != nil {
		t.Errorf("B in 2025Q1 = %v, want no value", *o.Series[1].Data[0].Value)
	}
	if v := o.Series[1].Data[1].Value; v == nil || *v != 4 {
		t.Errorf("B in 2025Q2 = %v, want 4", v)
	}
	for i, capWant := range []float64{10, 12} {
		ml := o.Series[i].MarkLine
		if ml == nil || len(ml.Data) != 1 || ml.Data[0].YAxis == nil || *ml.Data[0].YAxis != capWant {
			t.Errorf("series %d cap = %+v, want %v", i, ml, capWant)
		}
	}
}

func TestCompareFallsBackToParties(t *testing.T) {
	s1 := &scenario.Scenario{Name: "A"}
	r1 := &engine.Result{Periods: []string{"2025"}, Series: []engine.Series{{ID: "party.X.net", Group: engine.GroupParty, Owner: "X", Measure: "net", Values: ds("1")}}}
	got, err := Compare([]Subject{{Label: "A", Scenario: s1, Result: r1}, {Label: "B", Scenario: s1, Result: r1}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ID != ComparePrefix+"party.X.net" {
		t.Errorf("charts = %+v, want the first party's net flow", got)
	}
}

func TestCompareNeedsTwo(t *testing.T) {
	s, r := fixture()
	if _, err := Compare([]Subject{{Label: "A", Scenario: s, Result: r}}); err == nil {
		t.Error("a comparison of one scenario")
	}
}
