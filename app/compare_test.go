package app

import (
	"encoding/json"
	"strings"
	"testing"

	"dealmodel/backend/charts"
)

func TestCompare(t *testing.T) {
	s := newTestService(t)
	base, low := builtinName(t, "microsoft-cap"), builtinName(t, "microsoft-cap-low")
	cmp, err := s.Compare([]string{base, low}, "year")
	if err != nil {
		t.Fatal(err)
	}
	if cmp.Period != "year" || len(cmp.Scenarios) != 2 || cmp.Scenarios[0].Letter != "A" || cmp.Scenarios[1].Name != low {
		t.Errorf("comparison %+v", cmp.Scenarios)
	}
	if len(cmp.Charts) == 0 || !strings.HasPrefix(cmp.Charts[0].ID, charts.ComparePrefix) {
		t.Errorf("charts %+v", cmp.Charts)
	}
	var paid *ComparisonRow
	for i := range cmp.Rows {
		r := &cmp.Rows[i]
		if len(r.Cells) != 2 || !r.Cells[0].DeltaNull {
			t.Errorf("row %s cells %+v", r.ID, r.Cells)
		}
		if strings.HasSuffix(r.ID, ".total_paid") && strings.HasPrefix(r.ID, "contract.") && paid == nil {
			paid = r
		}
	}
	if paid == nil {
		t.Fatal("no total paid row")
	}
	if !paid.Key {
		t.Error("the total paid to Microsoft is not marked a key figure")
	}
	a, b := paid.Cells[0], paid.Cells[1]
	if !cents.MatchString(a.Value) || !cents.MatchString(b.Value) || b.DeltaNull || (b.Delta[0] != '-' && b.Delta[0] != '+' && b.Delta != "0.00") {
		t.Errorf("total paid cells %+v", paid.Cells)
	}
	if len(cmp.Groups) == 0 || cmp.Groups[0].Label == "" {
		t.Errorf("groups %+v", cmp.Groups)
	}
}

func TestCompareUsesDrafts(t *testing.T) {
	s := newTestService(t)
	w, _ := open(t, s, "microsoft-cap")
	ev := apply(t, s, w.Document, Edit{OpSet, "contracts.msft_revshare.cap", "30B"})
	if err := s.SaveDraft(w.Name, ev.Document); err != nil {
		t.Fatal(err)
	}
	cmp, err := s.Compare([]string{builtinName(t, "microsoft-cap-high"), w.Name}, "quarter")
	if err != nil {
		t.Fatal(err)
	}
	if cmp.Scenarios[0].Draft || !cmp.Scenarios[1].Draft {
		t.Errorf("scenarios %+v: want the second compared as its draft", cmp.Scenarios)
	}
}

func TestCompareRejects(t *testing.T) {
	s := newTestService(t)
	a, b := builtinName(t, "microsoft-cap"), builtinName(t, "valuation")
	for _, names := range [][]string{{a}, {a, b, a}, {a, b, "x", "y", "z"}, {a, "No such scenario"}} {
		if _, err := s.Compare(names, "quarter"); err == nil {
			t.Errorf("compared %q", names)
		}
	}
	if _, err := s.Compare([]string{a, b}, "week"); err == nil {
		t.Error("compared by the week")
	}
	// Scenarios with nothing in common are still compared, by a party's net flows.
	cmp, err := s.Compare([]string{a, b}, "quarter")
	if err != nil || len(cmp.Rows) == 0 {
		t.Fatalf("%v", err)
	}
}

func TestMetricDelta(t *testing.T) {
	s := newTestService(t)
	cmp, err := s.Compare([]string{builtinName(t, "microsoft-cap-low"), builtinName(t, "microsoft-cap-high")}, "quarter")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range cmp.Rows {
		if r.Kind == FigureQuarter && !r.Cells[1].DeltaNull && r.Cells[1].Delta[0] != '+' && r.Cells[1].Delta != "0" {
			t.Errorf("%s: a higher cap binds earlier? %+v", r.ID, r.Cells)
		}
	}
}

func TestLabelPath(t *testing.T) {
	s := newTestService(t)
	w, _ := open(t, s, "briefing")
	e, _ := s.parse(w.Document)
	for path, want := range map[string]string{
		"contracts.msft_revshare.cap":                         "Revenue share to Microsoft: cap",
		"contracts.msft_revshare.until":                       "Revenue share to Microsoft: until",
		"contracts.msft_revshare":                             "Revenue share to Microsoft",
		"uncertainty.inputs.contracts.msft_revshare.cap.high": "Uncertainty of Revenue share to Microsoft: cap: high",
		"streams.openai_revenue.annual.2027":                  "OpenAI revenue 2027",
		"discount_rate":                                       "Discount rate",
		"description":                                         "Description",
		"":                                                    "The whole scenario",
	} {
		if got := labelPath(path, e.sc); got != want {
			t.Errorf("labelPath(%q) = %q, want %q", path, got, want)
		}
	}
}

// The comparison's legends name the scenarios, not letters, so a chart copied
// onto a slide reads on its own. The test reads the chart options as echarts does.
func TestCompareLegendsCarryScenarioNames(t *testing.T) {
	s := newTestService(t)
	names := []string{builtinName(t, "microsoft-cap"), builtinName(t, "microsoft-cap-high"), builtinName(t, "microsoft-cap-low")}
	cmp, err := s.Compare(names, "quarter")
	if err != nil {
		t.Fatal(err)
	}
	if len(cmp.Charts) == 0 {
		t.Fatal("no charts")
	}
	for _, ch := range cmp.Charts {
		var opt struct {
			Legend struct {
				Data []string `json:"data"`
			} `json:"legend"`
			Series []struct {
				Name string `json:"name"`
			} `json:"series"`
		}
		if err := json.Unmarshal(ch.Option, &opt); err != nil {
			t.Fatalf("%s: %v", ch.ID, err)
		}
		var got []string
		for _, se := range opt.Series {
			got = append(got, se.Name)
		}
		if strings.Join(got, "|") != strings.Join(names, "|") {
			t.Errorf("%s: series %q, want the scenario names %q", ch.ID, got, names)
		}
		for _, d := range opt.Legend.Data {
			if len(d) == 1 {
				t.Errorf("%s: legend entry %q is a letter", ch.ID, d)
			}
		}
	}
}

// Scenarios with different contracts: a warning names what differs, and the
// figures only one of them has stand in a block of their own ("Only in …") after
// those both have, instead of among them with blanks.
func TestCompareDifferentContracts(t *testing.T) {
	s := newTestService(t)
	brief, high := builtinName(t, "briefing"), builtinName(t, "microsoft-cap-high")
	cmp, err := s.Compare([]string{brief, high}, "quarter")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("warning: %s", cmp.Warning)
	for _, w := range []string{"do not hold the same contracts", "party totals compare different deals", "Only in \u201c" + brief + "\u201d: "} {
		if !strings.Contains(cmp.Warning, w) {
			t.Errorf("warning %q lacks %q", cmp.Warning, w)
		}
	}
	partial := false
	only := map[string]bool{}
	for _, g := range cmp.Groups {
		if strings.HasPrefix(g.ID, "only.") {
			only[g.ID] = true
			if g.Label != "Only in "+brief && g.Label != "Only in "+high {
				t.Errorf("group %s is titled %q", g.ID, g.Label)
			}
		}
	}
	if len(only) == 0 {
		t.Fatalf("no block of figures only one scenario has: %+v", cmp.Groups)
	}
	for _, r := range cmp.Rows {
		missing := r.Cells[0].Note == "not in this scenario" || r.Cells[1].Note == "not in this scenario"
		if missing != only[r.Group] {
			t.Errorf("row %s (group %s) cells %+v", r.ID, r.Group, r.Cells)
		}
		if only[r.Group] {
			partial = true
		} else if partial {
			t.Errorf("row %s, which both have, comes after the figures only one has", r.ID)
		}
	}
	for i, g := range cmp.Groups {
		for _, h := range cmp.Groups[:i] {
			if h.ID == g.ID {
				t.Errorf("group %s appears twice", g.ID)
			}
		}
	}

	same, err := s.Compare([]string{builtinName(t, "microsoft-cap"), high}, "quarter")
	if err != nil {
		t.Fatal(err)
	}
	if same.Warning != "" {
		t.Errorf("scenarios with the same contracts warn %q", same.Warning)
	}
}
