package report

import (
	"fmt"
	"math"
	"sort"

	"dealmodel/backend/engine"
	"dealmodel/backend/money"
	"dealmodel/backend/scenario"
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
	ids, labels, groups := metricUnion(all)
	for start := 1; start < len(all); start += per {
		end := min(len(all), start+per)
		cols := []column{{title: "Figure"}, {title: "A", w: valW, right: true}}
		for i := start; i < end; i++ {
			cols = append(cols, column{title: letter(i), w: valW, right: true}, column{title: letter(i) + " − A", w: deltaW, right: true})
		}
		cols = d.flexColumns(cols)
		var rows []tableRow
		group := engine.Group("")
		for k, id := range ids {
			if groups[k] != group {
				group = groups[k]
				rows = append(rows, tableRow{cells: []string{groupTitle(group)}, kind: rowGroup})
			}
			a := all[0].q.MetricByID(id)
			row := tableRow{cells: []string{labels[k], metricValue(a)}, muted: []bool{false, false}}
			for i := start; i < end; i++ {
				b := all[i].q.MetricByID(id)
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

// metricUnion lists the summary ids of all scenarios: A's in its order, then those
// only the others have.
func metricUnion(all []subject) (ids, labels []string, groups []engine.Group) {
	seen := map[string]bool{}
	for _, sub := range all {
		for i := range sub.q.Summary {
			m := &sub.q.Summary[i]
			if !seen[m.ID] {
				seen[m.ID] = true
				ids = append(ids, m.ID)
				labels = append(labels, m.Label)
				groups = append(groups, m.Group)
			}
		}
	}
	// Keep groups together, in the engine's order of groups.
	rank := map[engine.Group]int{engine.GroupStream: 0, engine.GroupContract: 1, engine.GroupParty: 2, engine.GroupTotal: 3}
	idx := make([]int, len(ids))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return rank[groups[idx[a]]] < rank[groups[idx[b]]] })
	var i2 []string
	var l2 []string
	var g2 []engine.Group
	for _, i := range idx {
		i2, l2, g2 = append(i2, ids[i]), append(l2, labels[i]), append(g2, groups[i])
	}
	return i2, l2, g2
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
	if a == nil || b == nil || a.Kind != b.Kind {
		return "n/a"
	}
	switch a.Kind {
	case engine.Amount:
		diff := b.Amount.Sub(a.Amount)
		if diff.Round(2).IsZero() {
			return "—"
		}
		if diff.Sign() > 0 {
			return "+" + money.Short(diff)
		}
		return money.Short(diff)
	case engine.QuarterValue:
		if a.Null && b.Null {
			return "—"
		}
		if a.Null || b.Null {
			return "n/a"
		}
		return steps(int(b.Quarter-a.Quarter), "qtr")
	case engine.YearValue:
		return steps(b.Quarter.Year()-a.Quarter.Year(), "yr")
	}
	return "n/a"
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
	capOf           string // a revenue_share contract id whose caps are drawn
}

// keySeries picks the series worth overlaying: cumulative revenue-share payments,
// compute spend and stake values of scenario A that at least one other scenario
// also has.
func keySeries(all []subject) []keyOverlay {
	a := all[0]
	var out []keyOverlay
	for i := range a.s.Contracts {
		c := &a.s.Contracts[i]
		if c.Type == scenario.TypeRevenueShare {
			out = append(out, keyOverlay{
				id:    "contract." + c.ID + ".cumulative",
				title: c.DisplayLabel() + ": cumulative payments",
				note:  "Each scenario's cumulative payments; dashed lines are the caps.",
				capOf: c.ID,
			})
		}
	}
	out = append(out, keyOverlay{id: "total.commitments.paid", title: "Compute commitments paid", note: "Payments under all compute commitments in each period."})
	for i := range a.s.Contracts {
		c := &a.s.Contracts[i]
		if c.Type == scenario.TypeEquity {
			out = append(out, keyOverlay{id: "contract." + c.ID + ".value", title: c.DisplayLabel() + ": value", note: "The stake's value in each period."})
		}
	}
	var keep []keyOverlay
	for _, k := range out {
		n := 0
		for _, sub := range all {
			if sub.r.SeriesByID(k.id) != nil {
				n++
			}
		}
		if a.r.SeriesByID(k.id) != nil && n >= 2 {
			keep = append(keep, k)
		}
	}
	if len(keep) == 0 {
		// Nothing in common among the usual suspects: overlay A's first party.
		for _, sr := range a.r.Series {
			if sr.Group == engine.GroupParty && sr.Measure == "net" {
				keep = append(keep, keyOverlay{id: sr.ID, title: sr.Label, note: "Net flow of the party in each period."})
				break
			}
		}
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
		if k.capOf != "" {
			if c := sub.s.Contract(k.capOf); c != nil && c.Enabled && c.Cap != nil {
				ch.refs = append(ch.refs, refLine{value: c.Cap.InexactFloat64(), label: "Cap of " + letter(i) + ", " + money.Short(*c.Cap), color: col})
			}
		}
	}
	return ch
}
