package charts

import (
	"encoding/json"
	"fmt"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"dealmodel/backend/engine"
	"dealmodel/backend/money"
	"dealmodel/backend/sim"
)

// Chart ids of the two-way table and the samples' scatter.
const (
	IDTwoWay  = "twoway"
	IDScatter = "scatter"
)

// TwoWayCell is what the heatmap's cells carry besides their colour value: the
// figure as people read it (Name) and exactly (Exact), and whether the cell is
// the scenario as it is (Base). The frontend's label and tooltip formatters read
// them.
type TwoWayCell struct {
	Value []any  `json:"value"` // x index, y index, colour value or "-" (none)
	Name  string `json:"name"`
	Exact string `json:"exact"`
	Base  bool   `json:"base,omitempty"`
	// ItemStyle outlines the base case.
	ItemStyle map[string]any `json:"itemStyle,omitempty"`
}

// TwoWay draws a two-way table as a heatmap: x values across, y values up, each
// cell coloured by its figure (an amount, or a quarter: earlier is lighter) and
// labelled with it, the scenario's own case outlined.
func TwoWay(tw *sim.TwoWay, short func(*engine.Metric) string, exact func(*engine.Metric) string) (json.RawMessage, error) {
	hm := charts.NewHeatMap()
	lo, hi := 0.0, 0.0
	first := true
	for i := range tw.Cells {
		for j := range tw.Cells[i] {
			if v, ok := heatValue(&tw.Cells[i][j]); ok {
				if first || v < lo {
					lo = v
				}
				if first || v > hi {
					hi = v
				}
				first = false
			}
		}
	}
	if hi == lo {
		hi = lo + 1
	}
	hm.SetGlobalOptions(
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(opts.Grid{Left: "32", Right: "16", Top: "8", Bottom: "40", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: tw.X.Texts, Name: tw.X.Label, NameLocation: "middle", NameGap: 28, SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: tw.Y.Texts, Name: tw.Y.Label, NameLocation: "middle", NameGap: 52, SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}),
		charts.WithVisualMapOpts(opts.VisualMap{
			Type: "continuous", Min: float32(lo), Max: float32(hi), Show: opts.Bool(false), Dimension: "2",
			InRange: &opts.VisualMapInRange{Color: []string{"#e8f0f8", "#9fbfdc", "#4e79a7"}},
		}),
	)
	hm.AddSeries(tw.Label, nil, charts.WithLabelOpts(opts.Label{Show: opts.Bool(true)}))
	obj := hm
	raw, err := render(obj)
	if err != nil {
		return nil, err
	}
	// go-echarts' heatmap items carry a name and a value only: set the cells here,
	// with their exact text and the base case's outline.
	var o map[string]any
	if err := json.Unmarshal(raw, &o); err != nil {
		return nil, err
	}
	var cells []TwoWayCell
	for i := range tw.Cells {
		for j := range tw.Cells[i] {
			m := &tw.Cells[i][j]
			c := TwoWayCell{Value: []any{j, i, "-"}, Name: short(m), Exact: exact(m)}
			if v, ok := heatValue(m); ok {
				c.Value[2] = v
			}
			if i == tw.Y.BaseIndex && j == tw.X.BaseIndex {
				c.Base = true
				c.ItemStyle = map[string]any{"borderColor": "#e15759", "borderWidth": 3}
			}
			cells = append(cells, c)
		}
	}
	series, ok := o["series"].([]any)
	if !ok || len(series) != 1 {
		return nil, fmt.Errorf("heatmap option without its series")
	}
	series[0].(map[string]any)["data"] = cells
	return json.Marshal(o)
}

// heatValue is a cell's colour value: dollars, or the quarter's number; none for
// a quarter that never comes.
func heatValue(m *engine.Metric) (float64, bool) {
	switch {
	case m.Kind == engine.Amount:
		return money.Float(m.Amount), true
	case m.Kind == engine.QuarterValue && m.Null:
		return 0, false
	}
	return float64(m.Quarter), true
}

// Scatter draws the samples of two columns against each other: each run a point.
// The x axis is named; the y axis's name is the chart's title.
func Scatter(xLabel, yLabel string, xs, ys []float64) (json.RawMessage, error) {
	sc := charts.NewScatter()
	sc.SetGlobalOptions(
		charts.WithColorsOpts(Palette),
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "item"}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "24", Top: "12", Bottom: "36", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: xLabel, NameLocation: "middle", NameGap: 26, Scale: opts.Bool(true)}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Scale: opts.Bool(true)}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
	)
	data := make([]opts.ScatterData, 0, len(xs))
	for i := range xs {
		if xs[i] != xs[i] || ys[i] != ys[i] { // NaN: a quarter that never comes
			continue
		}
		data = append(data, opts.ScatterData{Value: []float64{xs[i], ys[i]}})
	}
	sc.AddSeries("Runs", data, charts.WithScatterChartOpts(opts.ScatterChart{SymbolSize: 4}),
		charts.WithItemStyleOpts(opts.ItemStyle{Opacity: opts.Float(0.45)}))
	return render(sc)
}
