package report

import (
	"fmt"
	"math"
	"sort"

	"github.com/shopspring/decimal"

	"dealmodel/backend/engine"
	"dealmodel/backend/money"
	"dealmodel/backend/view"
)

// letter names the i-th scenario of a comparison: A is the briefing's own.
func letter(i int) string {
	if i < 26 {
		return string(rune('A' + i))
	}
	return fmt.Sprintf("S%d", i+1)
}

// comparison sets the other scenarios against the briefing's own: a table of
// summary figures with the difference from A, then key series overlaid.
func (d *doc) comparison() {
	all := append([]subject{d.in.main}, d.in.others...)
	d.heading("Comparison", 40)
	d.paragraph("Differences are each scenario's figure minus scenario A's.", sizeSmall, muted, 0)
	d.y += 2
	cols := d.flexColumns([]column{
		{title: ""},
		{title: "Scenario"},
		{title: "Revision", w: 34},
		{title: "Horizon", w: 32},
	})
	cols[0].w, cols[1].w = 10, cols[0].w-10
	var rows []tableRow
	for i, sub := range all {
		rev := sub.revision
		if rev == "" {
			rev = "unsaved"
		}
		rows = append(rows, tableRow{cells: []string{letter(i), sub.s.Name, rev, span(sub.s.Start, sub.s.End)}})
	}
	d.table(cols, rows)

	// Summary deltas, in blocks of as many scenarios as the width takes.
	const valW, deltaW = 21.0, 21.0
	labelW := 58.0
	per := max(1, int((d.width()-labelW-valW)/(valW+deltaW)))
	results := make([]*engine.Result, len(all))
	for i, sub := range all {
		results[i] = sub.q
	}
	figures := view.Rows(results, engine.GroupStream, engine.GroupContract, engine.GroupParty, engine.GroupTotal)
	for start := 1; start < len(all); start += per {
		end := min(len(all), start+per)
		cols := []column{{title: "Figure"}, {title: "A", w: valW, right: true}}
		for i := start; i < end; i++ {
			cols = append(cols, column{title: letter(i), w: valW, right: true}, column{title: letter(i) + " − A", w: deltaW, right: true})
		}
		cols = d.flexColumns(cols)
		var rows []tableRow
		group := engine.Group("")
		for _, fig := range figures {
			if fig.Group != group {
				group = fig.Group
				rows = append(rows, tableRow{cells: []string{groupTitle(group)}, kind: rowGroup})
			}
			a := all[0].q.MetricByID(fig.ID)
			row := tableRow{cells: []string{fig.Label, metricValue(a)}, muted: []bool{false, false}}
			for i := start; i < end; i++ {
				b := all[i].q.MetricByID(fig.ID)
				delta := metricDelta(a, b)
				row.cells = append(row.cells, metricValue(b), delta)
				row.muted = append(row.muted, false, delta == "—" || delta == "n/a")
			}
			rows = append(rows, row)
		}
		d.y += 3
		d.table(cols, rows)
	}

	h := d.chartHeight()
	for _, k := range keySeries(all) {
		d.figure(k.title, k.note, overlayChart(all, k), h, h)
	}
}

// metricValue writes a summary figure for people.
func metricValue(m *engine.Metric) string {
	switch {
	case m == nil:
		return "n/a"
	case m.Kind == engine.QuarterValue && m.Null:
		return "never"
	case m.Kind == engine.Amount:
		return money.Short(m.Amount)
	}
	return MetricText(m)
}

// metricDelta writes b − a: an amount with its sign, or quarters and years apart.
func metricDelta(a, b *engine.Metric) string {
	d := view.Diff(a, b)
	switch {
	case d.Neither:
		return "—"
	case !d.Valid:
		return "n/a"
	case d.Kind == engine.QuarterValue:
		return steps(d.Steps, "qtr")
	case d.Kind == engine.YearValue:
		return steps(d.Steps, "yr")
	}
	if money.RoundCents(d.Amount).IsZero() {
		return "—"
	}
	if d.Amount.Sign() > 0 {
		return "+" + money.Short(d.Amount)
	}
	return money.Short(d.Amount)
}

func steps(n int, unit string) string {
	switch {
	case n == 0:
		return "—"
	case n > 0:
		return fmt.Sprintf("+%d %s", n, unit)
	}
	return fmt.Sprintf("−%d %s", -n, unit)
}

// keyOverlay is a series drawn for every scenario of a comparison.
type keyOverlay struct {
	id, title, note string
	caps            []*decimal.Decimal // a level drawn for each scenario (a cap), or nil
}

// keySeries picks the series worth overlaying: cumulative revenue-share payments,
// compute spend and stake values of scenario A that at least one other scenario
// also has.
func keySeries(all []subject) []keyOverlay {
	vs := make([]view.Subject, len(all))
	for i, sub := range all {
		vs[i] = view.Subject{Scenario: sub.s, Result: sub.r}
	}
	var keep []keyOverlay
	for _, o := range view.Overlays(vs) {
		keep = append(keep, keyOverlay{id: o.SeriesID, title: o.PrintTitle, note: o.Note, caps: o.Caps})
	}
	if len(keep) > 3 {
		keep = keep[:3]
	}
	return keep
}

// overlayChart draws one series of every scenario on a shared axis of periods.
func overlayChart(all []subject, k keyOverlay) *chart {
	seen := map[string]bool{}
	var periods []string
	for _, sub := range all {
		for _, p := range sub.r.Periods {
			if !seen[p] {
				seen[p] = true
				periods = append(periods, p)
			}
		}
	}
	sort.Strings(periods) // "2025Q1" and "2025" both sort in time order
	pos := map[string]int{}
	for i, p := range periods {
		pos[p] = i
	}
	ch := &chart{periods: periods, legendRefs: true}
	for i, sub := range all {
		col := paletteColor(i)
		vals := make([]float64, len(periods))
		for j := range vals {
			vals[j] = math.NaN()
		}
		if sr := sub.r.SeriesByID(k.id); sr != nil {
			for j, v := range sr.Values {
				vals[pos[sub.r.Periods[j]]] = v.InexactFloat64()
			}
		}
		// The scenarios table above names the letters; A, the subject, is drawn bolder.
		width := 0.6
		if i == 0 {
			width = 1.0
		}
		ch.lines = append(ch.lines, chartSeries{name: "Scenario " + letter(i), values: vals, color: col, width: width})
		if i < len(k.caps) && k.caps[i] != nil {
			capV := k.caps[i]
			ch.refs = append(ch.refs, refLine{value: capV.InexactFloat64(), label: "Cap of " + letter(i) + ", " + money.Short(*capV), color: col})
		}
	}
	return ch
}
