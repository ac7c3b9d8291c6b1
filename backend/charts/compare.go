package charts

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"dealmodel/backend/engine"
	"dealmodel/backend/money"
	"dealmodel/backend/scenario"
	"dealmodel/backend/view"
)

// ComparePrefix starts the ids of comparison charts: ComparePrefix + series id.
const ComparePrefix = "compare."

// Subject is one scenario of a comparison: the name its lines carry in the legend,
// the scenario and its result (all subjects by the same period).
type Subject struct {
	Label    string
	Scenario *scenario.Scenario
	Result   *engine.Result
}

// Compare overlays the key series of two or more scenarios, one chart per series,
// one line per scenario, on the union of their periods (a scenario is blank where its
// horizon does not reach): the cumulative payments of the first scenario's revenue
// shares with each scenario's cap, all compute commitments paid, and the first
// scenario's stake values. A series is drawn when the first scenario and at least one
// other have it; with none in common, the first party's net flows are overlaid.
func Compare(subjects []Subject) ([]Chart, error) {
	if len(subjects) < 2 {
		return nil, fmt.Errorf("a comparison needs at least two scenarios, got %d", len(subjects))
	}
	vs := make([]view.Subject, len(subjects))
	for i, sub := range subjects {
		vs[i] = view.Subject{Scenario: sub.Scenario, Result: sub.Result}
	}
	keep := view.Overlays(vs)
	out := make([]Chart, 0, len(keep))
	for _, k := range keep {
		opt, err := compareChart(subjects, k)
		if err != nil {
			return nil, fmt.Errorf("comparison chart %s: %w", k.SeriesID, err)
		}
		out = append(out, Chart{ID: ComparePrefix + k.SeriesID, Title: k.Title, Option: opt})
	}
	return out, nil
}

func compareChart(subjects []Subject, k view.Overlay) (json.RawMessage, error) {
	seen := map[string]bool{}
	var periods []string
	for _, sub := range subjects {
		for _, p := range sub.Result.Periods {
			if !seen[p] {
				seen[p] = true
				periods = append(periods, p)
			}
		}
	}
	sort.Strings(periods) // "2025Q1" and "2025" both sort in time order
	pos := make(map[string]int, len(periods))
	for i, p := range periods {
		pos[p] = i
	}
	lo, hi := 0.0, 0.0
	var levels []float64
	for i, sub := range subjects {
		if sr := sub.Result.SeriesByID(k.SeriesID); sr != nil {
			for _, v := range sr.Values {
				f := money.Float(v)
				lo, hi = math.Min(lo, f), math.Max(hi, f)
			}
		}
		if i < len(k.Caps) && k.Caps[i] != nil {
			levels = append(levels, k.Caps[i].InexactFloat64())
		}
	}
	line := charts.NewLine()
	line.SetGlobalOptions(common()...)
	line.SetXAxis(periods)
	for i, sub := range subjects {
		data := make([]opts.LineData, len(periods))
		if sr := sub.Result.SeriesByID(k.SeriesID); sr != nil {
			for j, v := range sr.Values {
				data[pos[sub.Result.Periods[j]]] = opts.LineData{Value: money.Float(v)}
			}
		}
		width := float32(1.75)
		if i == 0 {
			width = 2.5 // the reference scenario, against which deltas are taken
		}
		so := []charts.SeriesOpts{
			charts.WithSeriesId(fmt.Sprintf("%d.%s", i, k.SeriesID)),
			charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false), ConnectNulls: opts.Bool(false)}),
			charts.WithLineStyleOpts(opts.LineStyle{Width: width}),
		}
		if i < len(k.Caps) && k.Caps[i] != nil {
			col := Palette[i%len(Palette)]
			capValue := k.Caps[i].InexactFloat64()
			so = append(so, charts.WithSeriesOpts(func(ss *charts.SingleSeries) {
				ss.MarkLines = &opts.MarkLines{
					MarkLineStyle: opts.MarkLineStyle{Symbol: []string{"none", "none"}},
					// Labelled at the start, where the payments are still low: at
					// the end the label would sit on a line that ran up to the cap.
					Data: []interface{}{markLineItem{
						Name:      MarkCap,
						YAxis:     capValue,
						Label:     &markLabel{Position: "insideStartTop"},
						LineStyle: &opts.LineStyle{Type: "dashed", Width: 1, Color: col},
					}},
				}
			}))
		}
		line.AddSeries(sub.Label, data, so...)
	}
	return render(line, axes(periods, lo, hi, levels))
}
