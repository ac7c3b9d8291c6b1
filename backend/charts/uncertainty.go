package charts

import (
	"encoding/json"
	"fmt"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"dealmodel/backend/plot"
	"dealmodel/backend/sim"
)

// Chart ids of the uncertainty view. Fan charts are per band: FanPrefix + band id.
const (
	FanPrefix   = "fan."
	IDHistogram = "histogram"
	IDTornado   = "tornado"
)

// Series names the frontend reads to format tooltips of the uncertainty charts.
const (
	SeriesP10    = "P10"
	SeriesBand   = "P10–P90"
	SeriesMedian = "Median"
	SeriesMean   = "Mean"
	SeriesAtLow  = "Input at its P10"
	SeriesAtHigh = "Input at its P90"
)

// Uncertainty returns the charts of a simulation and its tornado: a fan chart per
// band, the histogram, and the tornado (when t is not nil), in that order.
func Uncertainty(o *sim.Outcome, t *sim.Sensitivity) ([]Chart, error) {
	var out []Chart
	for i := range o.Bands {
		b := &o.Bands[i]
		opt, err := Fan(o, b.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, Chart{ID: FanPrefix + b.ID, Title: b.Label + ": P10 to P90", Option: opt})
	}
	if len(o.Histogram.Counts) > 0 {
		opt, err := Histogram(o)
		if err != nil {
			return nil, err
		}
		out = append(out, Chart{ID: IDHistogram, Title: "Distribution: " + o.Histogram.Label, Option: opt})
	}
	if t != nil && len(t.Bars) > 0 {
		opt, err := Tornado(t)
		if err != nil {
			return nil, err
		}
		out = append(out, Chart{ID: IDTornado, Title: TornadoTitle(t), Option: opt})
	}
	return out, nil
}

// TornadoTitle names what the tornado moves and, when it leaves inputs out (it
// shows at most sim.MaxTornadoBars), how many.
func TornadoTitle(t *sim.Sensitivity) string {
	title := "What moves " + t.Label
	switch {
	case t.Omitted == 1:
		title += " (1 more input, which moves it least, omitted)"
	case t.Omitted > 1:
		title += fmt.Sprintf(" (%d more inputs, which move it least, omitted)", t.Omitted)
	}
	return title
}

// Fan draws one band of a simulation: the P10–P90 range as a shaded area (a
// transparent P10 line with the band's width stacked on it), the median and the mean.
func Fan(o *sim.Outcome, bandID string) (json.RawMessage, error) {
	var b *sim.Band
	for i := range o.Bands {
		if o.Bands[i].ID == bandID {
			b = &o.Bands[i]
		}
	}
	if b == nil {
		return nil, fmt.Errorf("the simulation has no band %q", bandID)
	}
	width := make([]float64, len(b.P10))
	for i := range width {
		width[i] = b.P90[i] - b.P10[i]
	}
	line := charts.NewLine()
	line.SetGlobalOptions(common()...)
	line.SetXAxis(o.Periods)
	line.AddSeries(SeriesP10, floatLine(b.P10),
		charts.WithLineChartOpts(opts.LineChart{Stack: "band", ShowSymbol: opts.Bool(false)}),
		charts.WithLineStyleOpts(opts.LineStyle{Opacity: opts.Float(0)}),
	)
	line.AddSeries(SeriesBand, floatLine(width),
		charts.WithLineChartOpts(opts.LineChart{Stack: "band", ShowSymbol: opts.Bool(false)}),
		charts.WithLineStyleOpts(opts.LineStyle{Opacity: opts.Float(0)}),
		charts.WithAreaStyleOpts(opts.AreaStyle{Opacity: opts.Float(0.28), Color: Palette[0]}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: Palette[0]}),
	)
	line.AddSeries(SeriesMedian, floatLine(b.P50),
		charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false)}),
		charts.WithLineStyleOpts(opts.LineStyle{Width: 2.5, Color: Palette[0]}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: Palette[0]}),
	)
	line.AddSeries(SeriesMean, floatLine(b.Mean),
		charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false)}),
		charts.WithLineStyleOpts(opts.LineStyle{Width: 1.5, Type: "dashed", Color: Palette[1]}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: Palette[1]}),
	)
	return render(line, axes(o.Periods, 0, 0, nil))
}

// Histogram draws the distribution of the simulation's chosen metric: one bar per
// bin, at the bin's middle ([middle, share of runs], a number in dollars,
// formatted by the UI), on a value axis ticked at round numbers (plot.NiceTicks,
// as the PDF's histogram is) that spans the bins.
func Histogram(o *sim.Outcome) (json.RawMessage, error) {
	h := o.Histogram
	if len(h.Counts) == 0 || len(h.Edges) != len(h.Counts)+1 {
		return nil, fmt.Errorf("the simulation has no histogram")
	}
	data := make([]opts.BarData, len(h.Counts))
	for i, c := range h.Counts {
		mid := (h.Edges[i] + h.Edges[i+1]) / 2
		data[i] = opts.BarData{Value: []float64{mid, float64(c) / float64(o.Runs)}}
	}
	ticks, step := plot.NiceTicks(h.Edges[0], h.Edges[len(h.Edges)-1], 6)
	bar := charts.NewBar()
	bar.SetGlobalOptions(common()...)
	bar.AddSeries("Share of runs", data,
		charts.WithBarChartOpts(opts.BarChart{BarCategoryGap: "8%"}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: Palette[0]}),
	)
	return render(bar, func(obj map[string]any) {
		obj["xAxis"] = []map[string]any{{"type": "value", "min": ticks[0], "max": ticks[len(ticks)-1], "interval": step}}
	})
}

// Tornado draws each uncertain input's effect on the metric: the change from the
// base value with the input at its P10 and at its P90, the largest swing on top.
// Both changes start at the base value, so when they go the same way the farther
// one is drawn first and the nearer one over it; each bar has its end's colour and
// names its end ("P10" or "P90") for the tooltip.
func Tornado(t *sim.Sensitivity) (json.RawMessage, error) {
	if len(t.Bars) == 0 {
		return nil, fmt.Errorf("the tornado has no inputs")
	}
	n := len(t.Bars)
	labels := make([]string, n)
	far := make([]tornadoItem, n)
	near := make([]tornadoItem, n)
	base := t.Base.InexactFloat64()
	for i, b := range t.Bars {
		k := n - 1 - i // echarts draws the first category at the bottom
		labels[k] = b.Label
		low := tornadoItem{Value: b.MetricLow.InexactFloat64() - base, End: "P10", ItemStyle: &opts.ItemStyle{Color: Palette[0]}}
		high := tornadoItem{Value: b.MetricHigh.InexactFloat64() - base, End: "P90", ItemStyle: &opts.ItemStyle{Color: Palette[1]}}
		if abs(low.Value) >= abs(high.Value) {
			far[k], near[k] = low, high
		} else {
			far[k], near[k] = high, low
		}
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(
		charts.WithColorsOpts(Palette),
		charts.WithLegendOpts(opts.Legend{Top: "0", ItemWidth: 14, ItemHeight: 10}),
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "axis"}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "24", Top: "36", Bottom: "8", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: labels}),
	)
	// The legend names the ends by the series' colours: the first series has the
	// P10 colour, the second the P90 colour.
	bar.AddSeries(SeriesAtLow, nil, charts.WithBarChartOpts(opts.BarChart{BarCategoryGap: "35%"}), withItems(far))
	bar.AddSeries(SeriesAtHigh, nil, charts.WithBarChartOpts(opts.BarChart{BarGap: "-100%"}), withItems(near))
	return render(bar)
}

// tornadoItem is one bar of the tornado, with the end of the input's range it shows.
type tornadoItem struct {
	Value     float64         `json:"value"`
	End       string          `json:"end"`
	ItemStyle *opts.ItemStyle `json:"itemStyle,omitempty"`
}

func withItems(items []tornadoItem) charts.SeriesOpts {
	return charts.WithSeriesOpts(func(ss *charts.SingleSeries) { ss.Data = items })
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func floatLine(vs []float64) []opts.LineData {
	out := make([]opts.LineData, len(vs))
	for i, v := range vs {
		out[i] = opts.LineData{Value: v}
	}
	return out
}
