package charts

import (
	"encoding/json"
	"testing"

	"dealmodel/backend/plot"
	"dealmodel/backend/view"
)

// A chart the catalogue has never had renders from its plot alone: the window
// draws what is for the screen, bars under lines, marks on the marked series, and
// leaves what is for paper out.
func TestRenderAnyPlot(t *testing.T) {
	_, r := fixture()
	n := len(r.Periods)
	base := r.SeriesByID("contract.aws.paid").Values
	spec := view.Chart{ID: "new", Kind: "new", Title: "New", Draw: func() plot.Plot {
		gaps := make([]bool, n)
		gaps[0] = true
		return plot.Plot{
			BarMode: plot.Stacked, Stack: "gw",
			Bars:  []plot.Series{{ID: "a", Name: "A", Values: base}, {ID: "b", Name: "B", Values: base, On: plot.Print}},
			Lines: []plot.Series{{ID: "l", Name: "L", Values: base, Gaps: gaps, Dashed: true, Color: "#123456", Marked: true, On: plot.Screen}},
			Refs:  []plot.Ref{{Name: "Limit", Value: base[1], Color: plot.CapColor}, {Name: "Paper", Value: base[1], On: plot.Print}},
			Marks: []plot.Mark{{Name: "Here", Index: 1, Quarter: r.Quarters[1], Color: plot.CapColor}},
		}
	}}
	raw, err := Render(r, spec)
	if err != nil {
		t.Fatal(err)
	}
	var o struct {
		Series []struct {
			ID, Type, Stack string
			Data            []struct{ Value any } `json:"data"`
			LineStyle       *struct {
				Type  string
				Color string
			} `json:"lineStyle"`
			MarkLine *struct {
				Data []struct {
					Name  string
					YAxis any
					XAxis any
				} `json:"data"`
			} `json:"markLine"`
		} `json:"series"`
	}
	if err := json.Unmarshal(raw, &o); err != nil {
		t.Fatal(err)
	}
	if len(o.Series) != 2 || o.Series[0].ID != "a" || o.Series[0].Type != "bar" || o.Series[0].Stack != "gw" || o.Series[1].ID != "l" || o.Series[1].Type != "line" {
		t.Fatalf("series %+v: want the bar for the screen, then the line", o.Series)
	}
	l := o.Series[1]
	if l.Data[0].Value != "-" || l.LineStyle == nil || l.LineStyle.Type != "dashed" || l.LineStyle.Color != "#123456" {
		t.Errorf("line: first value %v, style %+v", l.Data[0].Value, l.LineStyle)
	}
	if l.MarkLine == nil || len(l.MarkLine.Data) != 2 || l.MarkLine.Data[0].Name != "Limit" || l.MarkLine.Data[1].XAxis != r.Periods[1] {
		t.Errorf("marks %+v: want the screen's reference line, then the period mark", l.MarkLine)
	}
}
