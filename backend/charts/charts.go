// Package charts builds echarts options from an engine Result with go-echarts.
//
// Every builder returns the option as JSON, ready for the echarts npm package in the
// UI and for the PDF briefing. Values are numbers in dollars (float64 of the exact
// decimal): charts draw, they do not account. JavaScript functions do not survive
// JSON, so axis labels, tooltips and mark labels are formatted by the frontend.
package charts

import (
	"encoding/json"
	"fmt"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/shopspring/decimal"

	"dealmodel/backend/contract"
	"dealmodel/backend/engine"
	"dealmodel/backend/money"
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

// Chart ids. Revenue-share charts are per contract: RevenueSharePrefix + contract id.
const (
	RevenueSharePrefix  = "revenue_share."
	CumulativeCapPrefix = "cumulative_cap."
	IDComputeSpend      = "compute_spend"
	IDPartyNet          = "party_net"
	IDStakeValue        = "stake_value"
	IDStreams           = "streams"
)

// Names of the mark lines, read by the frontend to format their labels.
const (
	MarkCap        = "Cap"
	MarkCapReached = "Cap reached"
)

// Palette is the series colour cycle: readable on light and dark backgrounds.
var Palette = opts.Colors{
	"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2",
	"#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
}

// All returns every chart of view.Charts, rendered, in its order. s is the
// scenario the result was computed from.
func All(r *engine.Result, s *scenario.Scenario) ([]Chart, error) {
	var out []Chart
	for _, spec := range view.Charts(s, r) {
		opt, err := Render(r, s, spec)
		if err != nil {
			return nil, fmt.Errorf("chart %s: %w", spec.ID, err)
		}
		out = append(out, Chart{ID: spec.ID, Title: spec.Title, Option: opt})
	}
	return out, nil
}

// Render draws one chart of the catalogue as an echarts option.
func Render(r *engine.Result, s *scenario.Scenario, spec view.Chart) (json.RawMessage, error) {
	switch spec.Kind {
	case view.ChartRevenueShare:
		return RevenueShare(r, s, spec.Contract.ID)
	case view.ChartCumulative:
		return CumulativeCap(r, s, spec.Contract.ID)
	case view.ChartStreams:
		return Streams(r)
	case view.ChartComputeSpend:
		return computeSpend(r, spec.Providers)
	case view.ChartPartyNet:
		return PartyNet(r)
	case view.ChartStakeValue:
		return StakeValue(r, s)
	}
	return nil, fmt.Errorf("no renderer for charts of kind %q", spec.Kind)
}

// RevenueShare draws a revenue_share contract period by period: its base revenue and
// the payments (bars, payments drawn inside the revenue), and the share before the
// cap (dashed: what would be paid without it). The cumulative view, with the cap,
// is CumulativeCap: on one axis the cumulative line would flatten the bars.
func RevenueShare(r *engine.Result, s *scenario.Scenario, contractID string) (json.RawMessage, error) {
	c, sr, err := revenueShareSeries(r, s, contractID)
	if err != nil {
		return nil, err
	}
	baseLabel := c.Base
	if st := s.Stream(c.Base); st != nil {
		baseLabel = st.DisplayLabel()
	}
	bar := newBar(r)
	bar.AddSeries(baseLabel, barData(sr.base.Values),
		charts.WithSeriesId(sr.base.ID),
		charts.WithItemStyleOpts(opts.ItemStyle{Opacity: opts.Float(0.45)}),
	)
	bar.AddSeries("Paid", barData(sr.paid.Values),
		charts.WithSeriesId(sr.paid.ID),
		charts.WithBarChartOpts(opts.BarChart{BarGap: "-100%"}),
	)
	line := charts.NewLine()
	line.AddSeries("Share before cap", lineData(sr.accrued.Values),
		charts.WithSeriesId(sr.accrued.ID),
		charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false)}),
		charts.WithLineStyleOpts(opts.LineStyle{Type: "dashed", Width: 1.5}),
	)
	bar.Overlap(line)
	return render(bar)
}

// CumulativeCap draws a revenue_share contract's cumulative payments (paid_before
// included) against its cap: the cap as a horizontal mark line, the period in which
// the cap binds as a vertical line and a labelled point, and, dashed, what the
// cumulative payments would be without the cap, so the gap shows what the cap saves.
func CumulativeCap(r *engine.Result, s *scenario.Scenario, contractID string) (json.RawMessage, error) {
	c, sr, err := revenueShareSeries(r, s, contractID)
	if err != nil {
		return nil, err
	}
	line := charts.NewLine()
	line.SetGlobalOptions(common(r)...)
	line.SetXAxis(r.Periods)
	cc, hasCap := view.CapCountOf(r, s, c)
	if !hasCap {
		line.AddSeries("Cumulative paid", lineData(sr.cumulative.Values),
			charts.WithSeriesId(sr.cumulative.ID),
			charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false)}),
			charts.WithLineStyleOpts(opts.LineStyle{Width: 2.5}),
			charts.WithAreaStyleOpts(opts.AreaStyle{Opacity: opts.Float(0.10)}))
		return render(line)
	}
	// What counts toward the cap: from cap_from on (a v1 file counts from from,
	// where this is the cumulative payments).
	name, id := "Cumulative paid", sr.cumulative.ID
	if tc := r.SeriesByID(seriesID(c.ID, "toward_cap")); tc != nil {
		name, id = "Counted toward the cap from "+cc.CapFrom.String(), tc.ID
	}
	counted := lineDataFrom(cc.Counted, cc.From)
	capValue := money.Float(cc.Final)
	cumOpts := []charts.SeriesOpts{
		charts.WithSeriesId(id),
		charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false)}),
		charts.WithLineStyleOpts(opts.LineStyle{Width: 2.5}),
		charts.WithAreaStyleOpts(opts.AreaStyle{Opacity: opts.Float(0.10)}),
		charts.WithSeriesOpts(func(ss *charts.SingleSeries) {
			ss.MarkLines = &opts.MarkLines{
				MarkLineStyle: opts.MarkLineStyle{Symbol: []string{"none", "none"}},
			}
			if !cc.Changes {
				ss.MarkLines.Data = append(ss.MarkLines.Data, markLineItem{
					Name:      MarkCap,
					YAxis:     capValue,
					Label:     &markLabel{Position: "insideStartTop"},
					LineStyle: &opts.LineStyle{Type: "dashed", Width: 1.5, Color: capColor},
				})
			}
			if i, q, ok := capHitPeriod(r, c.ID); ok {
				ss.MarkLines.Data = append(ss.MarkLines.Data, markLineItem{
					Name:      MarkCapReached,
					XAxis:     r.Periods[i],
					Quarter:   q.String(),
					Label:     &markLabel{Show: opts.Bool(false)},
					LineStyle: &opts.LineStyle{Type: "dotted", Width: 1.5, Color: capColor},
				})
				ss.MarkPoints = &opts.MarkPoints{Data: []interface{}{markPointItem{
					Name:       MarkCapReached,
					Coord:      []interface{}{r.Periods[i], money.Float(cc.Counted[i])},
					Value:      money.Float(cc.Counted[i]),
					Quarter:    q.String(),
					Symbol:     "circle",
					SymbolSize: 10,
					ItemStyle:  &opts.ItemStyle{Color: capColor},
					Label:      &markLabel{Position: "top"},
				}}}
			}
		}),
	}
	line.AddSeries(name, counted, cumOpts...)
	// What would count without the cap.
	line.AddSeries("Without the cap", lineDataFrom(cc.Uncapped, cc.From),
		charts.WithSeriesId(sr.accrued.ID+".cumulative"),
		charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false)}),
		charts.WithLineStyleOpts(opts.LineStyle{Type: "dashed", Width: 1.5}),
	)
	if cc.Changes {
		// A cap changed by dated changes: drawn as a step line of the cap in force.
		capLine := make([]opts.LineData, len(cc.Cap))
		for i, v := range cc.Cap {
			capLine[i] = opts.LineData{Value: "-"}
			if v != nil && i >= cc.From {
				capLine[i] = opts.LineData{Value: money.Float(*v)}
			}
		}
		line.AddSeries("Cap in force", capLine,
			charts.WithSeriesId(seriesID(c.ID, "cap")),
			charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false), Step: "end"}),
			charts.WithLineStyleOpts(opts.LineStyle{Type: "dashed", Width: 1.5, Color: capColor}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: capColor}),
		)
	}
	return render(line)
}

// lineDataFrom is lineData with the periods before from left empty.
func lineDataFrom(vs []decimal.Decimal, from int) []opts.LineData {
	out := lineData(vs)
	for i := 0; i < from && i < len(out); i++ {
		out[i] = opts.LineData{Value: "-"}
	}
	return out
}

// capColor marks caps, in the charts and in the PDF briefing.
const capColor = "#e15759"

// shareSeries are the series of one revenue_share contract.
type shareSeries struct{ base, paid, accrued, cumulative *engine.Series }

func revenueShareSeries(r *engine.Result, s *scenario.Scenario, contractID string) (*scenario.Contract, shareSeries, error) {
	c := s.Contract(contractID)
	if c == nil || !hasChart(s, c, view.ChartRevenueShare) {
		return nil, shareSeries{}, fmt.Errorf("no revenue_share contract %q in the scenario", contractID)
	}
	sr := shareSeries{
		base:       r.SeriesByID("stream." + c.Base),
		paid:       r.SeriesByID(seriesID(c.ID, "paid")),
		accrued:    r.SeriesByID(seriesID(c.ID, "accrued")),
		cumulative: r.SeriesByID(seriesID(c.ID, "cumulative")),
	}
	if sr.paid == nil || sr.accrued == nil || sr.cumulative == nil || sr.base == nil {
		return nil, shareSeries{}, fmt.Errorf("the result has no series for contract %q (disabled?)", contractID)
	}
	return c, sr, nil
}

// capHitPeriod is the index of the period that holds the contract's cap_hit quarter,
// and the quarter.
func capHitPeriod(r *engine.Result, contractID string) (int, scenario.Quarter, bool) {
	m := r.MetricByID("contract." + contractID + ".cap_hit")
	if m == nil || m.Kind != engine.QuarterValue || m.Null {
		return 0, 0, false
	}
	i := periodOf(r, m.Quarter)
	if i < 0 {
		return 0, 0, false
	}
	return i, m.Quarter, true
}

// periodOf is the index of the period that holds quarter q, or -1.
func periodOf(r *engine.Result, q scenario.Quarter) int {
	for i, first := range r.Quarters {
		if first == q || (r.Period == engine.Yearly && first.Year() == q.Year()) {
			return i
		}
	}
	return -1
}

// ComputeSpend draws what is paid under compute commitments per period, stacked by
// provider (the payee). Several commitments to one provider add up.
func ComputeSpend(r *engine.Result, s *scenario.Scenario) (json.RawMessage, error) {
	for _, spec := range view.Charts(s, r) {
		if spec.Kind == view.ChartComputeSpend {
			return computeSpend(r, spec.Providers)
		}
	}
	return nil, fmt.Errorf("the scenario has no enabled commitment")
}

func computeSpend(r *engine.Result, providers []view.Provider) (json.RawMessage, error) {
	bar := newBar(r)
	for _, g := range providers {
		bar.AddSeries(g.Name, barData(g.Values),
			charts.WithSeriesId("provider."+g.Name),
			charts.WithBarChartOpts(opts.BarChart{Stack: "compute"}),
		)
	}
	return render(bar)
}

// PartyNet draws each party's net flow (in − out) per period as bars stacked by
// sign: what parties receive above the axis, what they pay below. The nets add up to
// zero, so both stacks are as tall.
func PartyNet(r *engine.Result) (json.RawMessage, error) {
	nets := seriesWhere(r, engine.GroupParty, "net")
	if len(nets) == 0 {
		return nil, fmt.Errorf("the result has no party flows")
	}
	bar := newBar(r)
	for _, sr := range nets {
		bar.AddSeries(sr.Owner, barData(sr.Values),
			charts.WithSeriesId(sr.ID),
			charts.WithBarChartOpts(opts.BarChart{Stack: "net"}),
		)
	}
	return render(bar)
}

// Streams draws the revenue streams per period, for a scenario with no revenue
// share to draw them in.
func Streams(r *engine.Result) (json.RawMessage, error) {
	streams := seriesWhere(r, engine.GroupStream, "")
	if len(streams) == 0 {
		return nil, fmt.Errorf("the result has no stream")
	}
	bar := newBar(r)
	for _, sr := range streams {
		bar.AddSeries(sr.Label, barData(sr.Values), charts.WithSeriesId(sr.ID))
	}
	return render(bar)
}

// StakeValue draws the value of each equity stake per period.
func StakeValue(r *engine.Result, s *scenario.Scenario) (json.RawMessage, error) {
	values := seriesWhere(r, engine.GroupContract, "value")
	if len(values) == 0 {
		return nil, fmt.Errorf("the result has no equity stake")
	}
	line := charts.NewLine()
	line.SetGlobalOptions(common(r)...)
	line.SetXAxis(r.Periods)
	for _, sr := range values {
		name := sr.Owner
		if c := s.Contract(sr.Owner); c != nil {
			name = c.DisplayLabel()
		}
		line.AddSeries(name, lineData(sr.Values),
			charts.WithSeriesId(sr.ID),
			charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false)}),
			charts.WithLineStyleOpts(opts.LineStyle{Width: 2.5}),
			charts.WithAreaStyleOpts(opts.AreaStyle{Opacity: opts.Float(0.12)}),
		)
	}
	return render(line)
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

func seriesID(contractID, measure string) string {
	return "contract." + contractID + "." + measure
}

// seriesWhere returns the series of the group with the measure, in result order.
func seriesWhere(r *engine.Result, g engine.Group, measure string) []*engine.Series {
	var out []*engine.Series
	for i := range r.Series {
		if r.Series[i].Group == g && r.Series[i].Measure == measure {
			out = append(out, &r.Series[i])
		}
	}
	return out
}

// common are the options every chart shares.
func common(r *engine.Result) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithColorsOpts(Palette),
		charts.WithLegendOpts(opts.Legend{Type: "scroll", Top: "0", ItemWidth: 14, ItemHeight: 10}),
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "axis"}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "16", Top: "36", Bottom: "8", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value"}),
	}
}

func newBar(r *engine.Result) *charts.Bar {
	b := charts.NewBar()
	b.SetGlobalOptions(common(r)...)
	b.SetXAxis(r.Periods)
	return b
}

func barData(vs []decimal.Decimal) []opts.BarData {
	out := make([]opts.BarData, len(vs))
	for i, v := range vs {
		out[i] = opts.BarData{Value: money.Float(v)}
	}
	return out
}

func lineData(vs []decimal.Decimal) []opts.LineData {
	out := make([]opts.LineData, len(vs))
	for i, v := range vs {
		out[i] = opts.LineData{Value: money.Float(v)}
	}
	return out
}

// validator is a go-echarts chart.
type validator interface {
	Validate()
	JSON() map[string]interface{}
}

// render validates the chart and marshals its option, without the parts that the
// UI does not draw (an empty toolbox and title).
func render(c validator) (json.RawMessage, error) {
	c.Validate()
	obj := c.JSON()
	delete(obj, "toolbox")
	delete(obj, "title")
	b, err := json.Marshal(obj)
	if err != nil {
		return nil, fmt.Errorf("marshal chart option: %w", err)
	}
	return b, nil
}

// hasChart reports whether the contract's type draws a chart of the kind for it.
func hasChart(s *scenario.Scenario, c *scenario.Contract, kind string) bool {
	t, ok := contract.Lookup(c.Type)
	if !ok {
		return false
	}
	for _, ch := range t.Views(s, c, noMetrics{}).Charts {
		if ch.Kind == kind {
			return true
		}
	}
	return false
}

// noMetrics reads no metrics: for asking a type which charts it draws.
type noMetrics struct{}

func (noMetrics) Metric(string) (decimal.Decimal, bool, bool) { return decimal.Zero, false, false }

func (noMetrics) Quarter(string) (scenario.Quarter, bool) { return 0, false }
func (noMetrics) Series(string) ([]decimal.Decimal, bool) { return nil, false }
