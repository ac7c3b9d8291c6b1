package report

import (
	"math"
	"testing"

	"github.com/shopspring/decimal"

	"dealmodel/backend/plot"
)

// The PDF draws what a plot has for paper: series without a colour take the
// palette's colour of their place among the printed series (bars first), gaps are
// not drawn, and what is for the screen is left out.
func TestPrintedPlot(t *testing.T) {
	v := []decimal.Decimal{decimal.NewFromInt(1), decimal.NewFromInt(2)}
	p := plot.Plot{
		BarMode: plot.Overlap,
		Bars:    []plot.Series{{Name: "base", Values: v}, {Name: "screen only", Values: v, On: plot.Screen}, {Name: "paid", Values: v}},
		Lines:   []plot.Series{{Name: "line", Values: v, Gaps: []bool{true, false}, Bold: true, Area: 0.1}, {Name: "cap", Values: v, Color: plot.CapColor, On: plot.Print}},
		Refs:    []plot.Ref{{Label: "Cap 2", Value: v[1], Color: plot.CapColor, On: plot.Screen}},
		Marks:   []plot.Mark{{Label: "Cap binds", Index: 1, Color: plot.CapColor}},
	}
	ch := printed([]string{"2025Q1", "2025Q2"}, p)
	if ch == nil || ch.mode != barsOverlap || len(ch.bars) != 2 || ch.bars[1].name != "paid" || ch.bars[1].color != paletteColor(1) {
		t.Fatalf("bars %+v", ch)
	}
	if len(ch.lines) != 2 || ch.lines[0].color != paletteColor(2) || !math.IsNaN(ch.lines[0].values[0]) || ch.lines[0].width != 0.8 || !ch.lines[0].area {
		t.Errorf("line %+v", ch.lines[0])
	}
	if ch.lines[1].color != capColor || len(ch.refs) != 0 || len(ch.marks) != 1 || ch.marks[0].label != "Cap binds" {
		t.Errorf("cap line %+v, refs %+v, marks %+v", ch.lines[1], ch.refs, ch.marks)
	}
	if printed([]string{"2025Q1"}, plot.Plot{Lines: []plot.Series{{Name: "x", Values: v[:1], On: plot.Screen}}}) != nil {
		t.Error("a plot with nothing for paper is drawn")
	}
}
