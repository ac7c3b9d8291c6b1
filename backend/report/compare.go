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
	vs := make([]view.Subject, len(all))
	names := make([]string, len(all))
	for i, sub := range all {
		vs[i] = view.Subject{Scenario: sub.s, Result: sub.r}
		names[i] = sub.s.Name
	}
	if w := view.ContractWarning(names, view.ContractGaps(vs)); w != "" {
		d.y += 2
		d.paragraph(w, sizeSmall, ink, 0)
	}

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
		group := ""
		for _, fig := range figures {
			// A figure only some scenarios have stands in a block of its own after
			// those all have ("Only in Compute"), and only in the blocks of
			// columns that show one of its scenarios; the others' cells are blank.
			title := groupTitle(fig.Group)
			if len(fig.In) == 1 {
				continue // in the table of figures one scenario alone has, below
			}
			if fig.In != nil {
				if !holds(fig.In, 0, start, end) {
					continue
				}
				title = view.OnlyIn(names, fig.In)
			}
			if title != group {
				group = title
				rows = append(rows, tableRow{cells: []string{title}, kind: rowGroup})
			}
			a := all[0].q.MetricByID(fig.ID)
			row := tableRow{cells: []string{fig.Label, present(a)}, muted: []bool{false, false}}
			for i := start; i < end; i++ {
				b := all[i].q.MetricByID(fig.ID)
				delta := ""
				if a != nil && b != nil {
					delta = metricDelta(a, b)
				}
				row.cells = append(row.cells, present(b), delta)
				row.muted = append(row.muted, false, delta == "—" || delta == "n/a")
			}
			rows = append(rows, row)
		}
		d.y += 3
		d.table(cols, rows)
	}
	d.alone(all, names, figures)

	h := d.chartHeight()
	for _, k := range keySeries(all) {
		d.figure(k.title, k.note, overlayChart(all, k), h, h)
	}
}

// alone lists the figures that one scenario alone has, by scenario, with their
// values: there is nothing to set them against, so they take no columns of the
// other scenarios.
func (d *doc) alone(all []subject, names []string, figures []view.Row) {
	var rows []tableRow
	group := ""
	for _, fig := range figures {
		if len(fig.In) != 1 {
			continue
		}
		if title := view.OnlyIn(names, fig.In); title != group {
			group = title
			rows = append(rows, tableRow{cells: []string{letter(fig.In[0]) + ". " + title}, kind: rowGroup})
		}
		rows = append(rows, tableRow{cells: []string{fig.Label, metricValue(all[fig.In[0]].q.MetricByID(fig.ID))}})
	}
	if len(rows) == 0 {
		return
	}
	d.y += 3
	d.table(d.flexColumns([]column{{title: "Figures one scenario alone has"}, {title: "Value", w: 30, right: true}}), rows)
}

// holds reports whether a figure held by the scenarios in is in scenario A or
// one of the scenarios start to end (exclusive).
func holds(in []int, a, start, end int) bool {
	for _, i := range in {
		if i == a || (i >= start && i < end) {
			return true
		}
	}
	return false
}

// present writes a figure of a comparison's table: blank where the scenario does
// not have it (the figure stands in a block that says whose it is).
func present(m *engine.Metric) string {
	if m == nil {
		return ""
	}
	return metricValue(m)
}

// metricValue writes a summary figure for people.
func metricValue(m *engine.Metric) string {
	switch {
	case m == nil:
		return "n/a"
	case m.Kind == engine.QuarterValue && m.Null:
		return "never"
	case m.Kind == engine.Amount && m.Unit == engine.Gigawatts:
		return m.Amount.String() + " GW"
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
	if a.Unit == engine.Gigawatts {
		if d.Amount.Sign() > 0 {
			return "+" + d.Amount.String() + " GW"
		}
		return "−" + d.Amount.Neg().String() + " GW"
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
		// The legend names the scenarios, so a chart copied onto a slide reads on
		// its own; A, the subject, is drawn bolder.
		width := 0.6
		if i == 0 {
			width = 1.0
		}
		ch.lines = append(ch.lines, chartSeries{name: letter(i) + ": " + sub.s.Name, values: vals, color: col, width: width})
		if i < len(k.caps) && k.caps[i] != nil {
			capV := k.caps[i]
			ch.refs = append(ch.refs, refLine{value: capV.InexactFloat64(), label: "Cap of " + letter(i) + ", " + money.Short(*capV), color: col})
		}
	}
	return ch
}
