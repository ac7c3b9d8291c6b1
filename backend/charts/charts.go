// Package charts renders charts to echarts options with go-echarts: the view
// catalogue's charts (backend/view, each a neutral backend/plot) for the window,
// comparisons and the uncertainty views. It decides how a chart looks on screen,
// never what it shows.
//
// Every builder returns the option as JSON, ready for the echarts npm package in the
// UI and for the PDF briefing. Values are numbers in dollars (float64 of the exact
// decimal): charts draw, they do not account. JavaScript functions do not survive
// JSON, so axis labels, tooltips and mark labels are formatted by the frontend.
package charts

import (
	"encoding/json"
	"fmt"
	"math"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"dealmodel/backend/contract"
	"dealmodel/backend/engine"
	"dealmodel/backend/money"
	"dealmodel/backend/plot"
	"dealmodel/backend/scenario"
	"dealmodel/backend/view"
)

// Chart is one chart for the UI: a stable id, a title for people and the echarts
// option.
type Chart struct {
	ID     string          `json:"id"`
	Title  string          `json:"title"`
	Option json.RawMessage `json:"option" ts_type:"Record<string, unknown>"`
}

// Ids of the charts across contracts (a contract's own: its kind, ".", its id).
const (
	IDComputeSpend = view.ChartComputeSpend
	IDPartyNet     = view.ChartPartyNet
	IDStakeValue   = view.ChartStakeValue
	IDStreams      = view.ChartStreams
)

// Names of a cap's mark lines (read by the frontend to format their labels).
const (
	MarkCap        = contract.MarkCap
	MarkCapReached = contract.MarkCapReached
)

// Palette is the series colour cycle (backend/plot's), readable on light and dark
// backgrounds.
var Palette = opts.Colors(plot.Palette)

// All returns every chart of view.Charts, rendered, in its order. s is the
// scenario the result was computed from.
func All(r *engine.Result, s *scenario.Scenario) ([]Chart, error) {
	var out []Chart
	for _, spec := range view.Charts(s, r) {
		opt, err := Render(r, spec)
		if err != nil {
			return nil, fmt.Errorf("chart %s: %w", spec.ID, err)
		}
		out = append(out, Chart{ID: spec.ID, Title: spec.Title, Option: opt})
	}
	return out, nil
}

// ByID renders the chart of view.Charts with the id (a contract's own chart: its
// kind, ".", the contract's id).
func ByID(r *engine.Result, s *scenario.Scenario, id string) (json.RawMessage, error) {
	for _, spec := range view.Charts(s, r) {
		if spec.ID == id {
			return Render(r, spec)
		}
	}
	return nil, fmt.Errorf("the scenario has no chart %q", id)
}

// Render draws one chart of the catalogue as an echarts option: what the plot
// draws on screen (plot.Screen and plot.Both), bars first, lines over them.
func Render(r *engine.Result, spec view.Chart) (json.RawMessage, error) {
	if spec.Draw == nil {
		return nil, fmt.Errorf("chart %s has nothing to draw", spec.ID)
	}
	p := spec.Draw()
	bars, lines := onScreen(p.Bars), onScreen(p.Lines)
	if len(bars) == 0 && len(lines) == 0 {
		return nil, fmt.Errorf("chart %s has no series", spec.ID)
	}
	periods := r.Periods
	if p.Periods != nil {
		periods = p.Periods
	}
	lo, hi := p.Extent(plot.Screen)
	var levels []float64
	for _, ref := range p.Refs {
		if ref.On.In(plot.Screen) {
			levels = append(levels, money.Float(ref.Value))
		}
	}
	ax := axes(periods, lo, hi, levels)
	if len(bars) == 0 {
		line := charts.NewLine()
		line.SetGlobalOptions(common()...)
		line.SetXAxis(periods)
		addLines(line, periods, p, lines)
		return render(line, ax)
	}
	bar := newBar(periods)
	for j, sr := range bars {
		so := []charts.SeriesOpts{charts.WithSeriesId(sr.ID)}
		if st := (opts.ItemStyle{Color: sr.Color}); sr.Light || sr.Color != "" {
			if sr.Light {
				st.Opacity = opts.Float(0.45)
			}
			so = append(so, charts.WithItemStyleOpts(st))
		}
		switch {
		case p.BarMode == plot.Stacked:
			so = append(so, charts.WithBarChartOpts(opts.BarChart{Stack: p.Stack}))
		case sr.Stack != "" && p.BarMode == plot.Overlap && j > 0:
			so = append(so, charts.WithBarChartOpts(opts.BarChart{Stack: sr.Stack, BarGap: "-100%"}))
		case sr.Stack != "":
			so = append(so, charts.WithBarChartOpts(opts.BarChart{Stack: sr.Stack}))
		case p.BarMode == plot.Overlap && j > 0:
			so = append(so, charts.WithBarChartOpts(opts.BarChart{BarGap: "-100%"}))
		}
		bar.AddSeries(sr.Name, barData(sr), so...)
	}
	if len(lines) > 0 {
		line := charts.NewLine()
		addLines(line, periods, p, lines)
		bar.Overlap(line)
	}
	return render(bar, ax, finish(p, bars))
}

// axes sets what a chart over periods says of its axes beyond go-echarts' options:
// "yearStarts", the periods of a quarterly axis that start a year (the frontend
// ticks and labels the axis there: "2026", "2027"), and a value axis that reaches
// the highest level marked (a cap) when the data [lo, hi] stay below it, so that
// its line is always drawn; on round ticks (plot.NiceTicks), with room for the
// level's label.
func axes(periods []string, lo, hi float64, levels []float64) func(map[string]any) {
	years := plot.YearStarts(periods)
	top := math.Inf(-1)
	for _, v := range levels {
		top = math.Max(top, v)
	}
	return func(obj map[string]any) {
		if years != nil {
			obj["yearStarts"] = years
		}
		if top > hi && top > 0 {
			ticks, step := plot.NiceTicks(math.Min(lo, 0), top*1.08, 5)
			obj["yAxis"] = []map[string]any{{"type": "value", "min": ticks[0], "max": ticks[len(ticks)-1], "interval": step}}
		}
	}
}

// finish adds to an option what go-echarts cannot say: the hatching (decal) of
// hatched bars, and the unit of a plot not in dollars ("unit": "GW", read by the
// frontend for its axis labels and tooltips).
func finish(p plot.Plot, bars []plot.Series) func(map[string]any) {
	return func(obj map[string]any) {
		if p.Unit != "" {
			obj["unit"] = p.Unit
		}
		hatch := map[string]bool{}
		for _, sr := range bars {
			if sr.Hatch {
				hatch[sr.ID] = true
			}
		}
		list, ok := obj["series"].(charts.MultiSeries)
		if len(hatch) == 0 || !ok {
			return
		}
		out := make([]any, len(list))
		for i, sr := range list {
			out[i] = sr
			if !hatch[sr.Id] {
				continue
			}
			style := map[string]any{}
			if sr.ItemStyle != nil {
				// The series' own style, as a map that takes one more key.
				if b, err := json.Marshal(sr.ItemStyle); err == nil {
					_ = json.Unmarshal(b, &style)
				}
			}
			style["decal"] = map[string]any{"symbol": "rect", "dashArrayX": []int{1, 0}, "dashArrayY": []int{3, 5},
				"rotation": -0.785398, "color": "rgba(255,255,255,0.55)"}
			out[i] = hatchedSeries{SingleSeries: sr, ItemStyle: style}
		}
		obj["series"] = out
	}
}

// hatchedSeries is a series whose item style has a decal: its own itemStyle
// field is written in place of the embedded series' one.
type hatchedSeries struct {
	charts.SingleSeries
	ItemStyle map[string]any `json:"itemStyle"`
}

// onScreen keeps the series the window draws.
func onScreen(all []plot.Series) []plot.Series {
	var out []plot.Series
	for _, sr := range all {
		if sr.On.In(plot.Screen) {
			out = append(out, sr)
		}
	}
	return out
}

// addLines adds the plot's line series; the one Marked carries the plot's marks.
func addLines(line *charts.Line, periods []string, p plot.Plot, lines []plot.Series) {
	for _, sr := range lines {
		lo := opts.LineChart{ShowSymbol: opts.Bool(false)}
		if sr.Step {
			lo.Step = "end"
		}
		so := []charts.SeriesOpts{charts.WithSeriesId(sr.ID), charts.WithLineChartOpts(lo)}
		st := opts.LineStyle{Color: sr.Color}
		switch {
		case sr.Bold:
			st.Width = 2.5
		case sr.Dashed:
			st.Width = 1.5
		}
		if sr.Dashed {
			st.Type = "dashed"
		}
		if st != (opts.LineStyle{}) {
			so = append(so, charts.WithLineStyleOpts(st))
		}
		if sr.Area > 0 {
			so = append(so, charts.WithAreaStyleOpts(opts.AreaStyle{Opacity: opts.Float(float32(sr.Area))}))
		}
		if sr.Color != "" {
			so = append(so, charts.WithItemStyleOpts(opts.ItemStyle{Color: sr.Color}))
		}
		if sr.Marked {
			so = append(so, marks(periods, p))
		}
		line.AddSeries(sr.Name, lineData(sr), so...)
	}
}

// marks sets the plot's reference lines, period marks and points the window draws
// on a series.
func marks(periods []string, p plot.Plot) charts.SeriesOpts {
	return charts.WithSeriesOpts(func(ss *charts.SingleSeries) {
		ss.MarkLines = &opts.MarkLines{
			MarkLineStyle: opts.MarkLineStyle{Symbol: []string{"none", "none"}},
		}
		for _, ref := range p.Refs {
			if ref.On.In(plot.Screen) {
				ss.MarkLines.Data = append(ss.MarkLines.Data, markLineItem{
					Name:      ref.Name,
					YAxis:     money.Float(ref.Value),
					Label:     &markLabel{Position: "insideStartTop"},
					LineStyle: &opts.LineStyle{Type: "dashed", Width: 1.5, Color: ref.Color},
				})
			}
		}
		for _, m := range p.Marks {
			if m.On.In(plot.Screen) {
				ss.MarkLines.Data = append(ss.MarkLines.Data, markLineItem{
					Name:      m.Name,
					XAxis:     periods[m.Index],
					Quarter:   m.Quarter.String(),
					Label:     &markLabel{Show: opts.Bool(false)},
					LineStyle: &opts.LineStyle{Type: "dotted", Width: 1.5, Color: m.Color},
				})
			}
		}
		for _, pt := range p.Points {
			if !pt.On.In(plot.Screen) {
				continue
			}
			if ss.MarkPoints == nil {
				ss.MarkPoints = &opts.MarkPoints{}
			}
			ss.MarkPoints.Data = append(ss.MarkPoints.Data, markPointItem{
				Name:       pt.Name,
				Coord:      []interface{}{periods[pt.Index], money.Float(pt.Value)},
				Value:      money.Float(pt.Value),
				Quarter:    pt.Quarter.String(),
				Symbol:     "circle",
				SymbolSize: 10,
				ItemStyle:  &opts.ItemStyle{Color: pt.Color},
				Label:      &markLabel{Position: pointLabel(pt.Index, len(periods))},
			})
		}
	})
}

// pointLabel places the label of a point at period i of n so that it stays
// inside the chart: above it in the middle, to its left near the right edge and
// to its right near the left edge ("Cap reached 2032Q3" is wider than a quarter).
func pointLabel(i, n int) string {
	switch {
	case n > 0 && float64(i) >= 0.7*float64(n-1):
		return "left"
	case n > 0 && float64(i) <= 0.15*float64(n-1):
		return "right"
	}
	return "top"
}

// markLineItem is one mark line: horizontal (YAxis) or vertical (XAxis). Quarter
// carries the exact quarter of a vertical line drawn on a yearly axis.
type markLineItem struct {
	Name      string          `json:"name"`
	YAxis     interface{}     `json:"yAxis,omitempty"`
	XAxis     interface{}     `json:"xAxis,omitempty"`
	Quarter   string          `json:"quarter,omitempty"`
	Label     *markLabel      `json:"label,omitempty"`
	LineStyle *opts.LineStyle `json:"lineStyle,omitempty"`
}

// markPointItem is one mark point at a coordinate.
type markPointItem struct {
	Name       string          `json:"name"`
	Coord      []interface{}   `json:"coord"`
	Value      float64         `json:"value"`
	Quarter    string          `json:"quarter,omitempty"`
	Symbol     string          `json:"symbol,omitempty"`
	SymbolSize int             `json:"symbolSize,omitempty"`
	ItemStyle  *opts.ItemStyle `json:"itemStyle,omitempty"`
	Label      *markLabel      `json:"label,omitempty"`
}

type markLabel struct {
	Show     *bool  `json:"show,omitempty"`
	Position string `json:"position,omitempty"`
}

// common are the options every chart shares.
func common() []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithColorsOpts(Palette),
		charts.WithLegendOpts(opts.Legend{Type: "scroll", Top: "0", ItemWidth: 14, ItemHeight: 10}),
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "axis"}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "16", Top: "36", Bottom: "8", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value"}),
	}
}

func newBar(periods []string) *charts.Bar {
	b := charts.NewBar()
	b.SetGlobalOptions(common()...)
	b.SetXAxis(periods)
	return b
}

// barData is a series' values in dollars; "-" where it has none.
func barData(sr plot.Series) []opts.BarData {
	out := make([]opts.BarData, len(sr.Values))
	for i, v := range sr.Values {
		out[i] = opts.BarData{Value: money.Float(v)}
		if i < len(sr.Gaps) && sr.Gaps[i] {
			out[i] = opts.BarData{Value: "-"}
		}
	}
	return out
}

// lineData is a series' values in dollars; "-" where it has none (the line
// breaks there).
func lineData(sr plot.Series) []opts.LineData {
	out := make([]opts.LineData, len(sr.Values))
	for i, v := range sr.Values {
		out[i] = opts.LineData{Value: money.Float(v)}
		if i < len(sr.Gaps) && sr.Gaps[i] {
			out[i] = opts.LineData{Value: "-"}
		}
	}
	return out
}

// validator is a go-echarts chart.
type validator interface {
	Validate()
	JSON() map[string]interface{}
}

// render validates the chart and marshals its option, without the parts that the
// UI does not draw (an empty toolbox and title), with what extra sets.
func render(c validator, extra ...func(map[string]any)) (json.RawMessage, error) {
	c.Validate()
	obj := c.JSON()
	delete(obj, "toolbox")
	delete(obj, "title")
	for _, f := range extra {
		f(obj)
	}
	b, err := json.Marshal(obj)
	if err != nil {
		return nil, fmt.Errorf("marshal chart option: %w", err)
	}
	return b, nil
}
