package charts

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dealmodel/backend/engine"
	"dealmodel/backend/scenario"
)

func v2Case(t *testing.T, stem string) (*scenario.Scenario, *engine.Result) {
	t.Helper()
	path := filepath.Join("..", "..", "app", "cli", "testdata", "v2", stem+".yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := scenario.Parse(path, data)
	if err != nil {
		t.Fatal(err)
	}
	r, err := engine.Run(s)
	if err != nil {
		t.Fatal(err)
	}
	return s, r
}

// A cap that arrives and changes by dated changes: the chart draws what counts
// toward it from cap_from (nothing before), what would count without the cap, and
// the cap in force as a step line instead of one level.
func TestCumulativeCapCountsFromCapFrom(t *testing.T) {
	s, r := v2Case(t, "revshare")
	raw := mustJSON(t)(ByID(r, s, "cumulative_cap.share"))
	var o struct {
		Series []struct {
			ID, Name string
			Data     []struct{ Value any } `json:"data"`
			MarkLine *struct {
				Data []struct{ Name string } `json:"data"`
			} `json:"markLine"`
		} `json:"series"`
	}
	if err := json.Unmarshal(raw, &o); err != nil {
		t.Fatal(err)
	}
	if len(o.Series) != 3 {
		t.Fatalf("%d series, want counted, without the cap and the cap in force", len(o.Series))
	}
	counted, uncapped, capLine := o.Series[0], o.Series[1], o.Series[2]
	if counted.ID != "contract.share.toward_cap" || counted.Name != "Counted toward the cap from 2025Q3" {
		t.Errorf("first series %s %q", counted.ID, counted.Name)
	}
	want := []any{"-", "-", 3e9, 5e9, 6e9, 7e9, 7.5e9, 7.5e9}
	for i, w := range want {
		if counted.Data[i].Value != w {
			t.Errorf("counted[%d] = %v, want %v", i, counted.Data[i].Value, w)
		}
	}
	// Without the cap: what counts plus what the cap held back (0.5B in 2026Q3).
	if uncapped.Data[7].Value != 8e9 || uncapped.Data[1].Value != "-" {
		t.Errorf("without the cap = %v", uncapped.Data)
	}
	capWant := []any{"-", "-", 6e9, 6e9, 7.5e9, 7.5e9, 7.5e9, 7.5e9}
	for i, w := range capWant {
		if capLine.Data[i].Value != w {
			t.Errorf("cap in force[%d] = %v, want %v", i, capLine.Data[i].Value, w)
		}
	}
	for _, m := range counted.MarkLine.Data {
		if m.Name == MarkCap {
			t.Errorf("a cap that changes is drawn as one level")
		}
	}
}

// Reported quarters are drawn apart from the plan: a solid "actual" part under a
// light, hatched "plan" part, stacked in one colour; capacity is drawn in GW.
func TestActualQuartersAndCapacityInTheWindow(t *testing.T) {
	s, r := v2Case(t, "actuals")
	raw, err := ByID(r, s, "revenue_share.share")
	if err != nil {
		t.Fatal(err)
	}
	var o struct {
		Series []struct {
			ID, Name, Stack string
			Data            []struct{ Value any } `json:"data"`
			ItemStyle       map[string]any        `json:"itemStyle"`
		} `json:"series"`
		Unit string `json:"unit"`
	}
	if err := json.Unmarshal(raw, &o); err != nil {
		t.Fatal(err)
	}
	actual, plan := o.Series[0], o.Series[1]
	if actual.ID != "stream.rev.actual" || plan.ID != "stream.rev" || actual.Stack == "" || actual.Stack != plan.Stack {
		t.Fatalf("series %s %q, %s %q", actual.ID, actual.Stack, plan.ID, plan.Stack)
	}
	if actual.Data[2].Value != 1.5e9 || actual.Data[0].Value != "-" || plan.Data[2].Value != "-" || plan.Data[0].Value != 1e9 {
		t.Errorf("actual %v, plan %v", actual.Data, plan.Data)
	}
	if plan.ItemStyle["decal"] == nil || actual.ItemStyle["decal"] != nil {
		t.Errorf("the plan is not the hatched part: %v / %v", plan.ItemStyle, actual.ItemStyle)
	}
	// The hatching keeps the plan's own style: its colour, the actual's.
	if plan.ItemStyle["color"] == nil || plan.ItemStyle["color"] != actual.ItemStyle["color"] {
		t.Errorf("the hatched plan lost its colour: %v / %v", plan.ItemStyle, actual.ItemStyle)
	}
	if !strings.HasSuffix(actual.Name, ", actual") || !strings.HasSuffix(plan.Name, ", plan") {
		t.Errorf("legend %q, %q", actual.Name, plan.Name)
	}

	s, r = v2Case(t, "capacity")
	raw, err = ByID(r, s, "capacity")
	if err != nil {
		t.Fatal(err)
	}
	o.Unit = ""
	if err := json.Unmarshal(raw, &o); err != nil {
		t.Fatal(err)
	}
	if o.Unit != "GW" || len(o.Series) == 0 {
		t.Errorf("capacity chart: unit %q, %d series", o.Unit, len(o.Series))
	}
}
