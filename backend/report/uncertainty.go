package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"dealmodel/backend/money"
)

// uncertainty prints what a simulation found: percentiles of summary figures, fans
// per period and a tornado. It draws only the parts that u holds.
func (d *doc) uncertainty(u *Uncertainty) {
	d.heading("Uncertainty", 30)
	note := u.Note
	if note == "" && u.Runs > 0 {
		note = fmt.Sprintf("%s simulated runs over the ranges listed with the assumptions.", thousands(u.Runs))
	}
	if note != "" {
		d.paragraph(note, sizeSmall, muted, 0)
		d.y += 2
	}
	for _, c := range u.Correlated {
		d.paragraph(c, sizeSmall, muted, 0)
		d.y += 2
	}
	if len(u.Metrics) > 0 {
		const w = 24.0
		cols := d.flexColumns([]column{
			{title: "Figure"},
			{title: "P10", w: w, right: true},
			{title: "Median", w: w, right: true},
			{title: "P90", w: w, right: true},
		})
		var rows []tableRow
		for _, m := range u.Metrics {
			rows = append(rows, tableRow{cells: []string{m.Label, shortFloat(m.P10), shortFloat(m.P50), shortFloat(m.P90)}})
		}
		d.table(cols, rows)
	}
	var caps []CapRange
	for _, c := range u.Caps {
		if c.Contract == "" || d.in.list.contract(c.Contract) {
			caps = append(caps, c)
		}
	}
	if len(caps) > 0 {
		const w = 24.0
		cols := d.flexColumns([]column{
			{title: "Cap binds by"},
			{title: "P10", w: w, right: true},
			{title: "Median", w: w, right: true},
			{title: "P90", w: w, right: true},
		})
		var rows []tableRow
		never := func(q string) string {
			if q == "" {
				return "not reached"
			}
			return q
		}
		for _, c := range caps {
			rows = append(rows, tableRow{cells: []string{c.Label, never(c.P10), never(c.P50), never(c.P90)}})
		}
		d.y += 2
		d.table(cols, rows)
		if len(caps) < len(u.Caps) {
			d.leftOut(false)
		}
	}
	for _, c := range caps {
		d.capOdds(c)
	}
	if u.Histogram != nil {
		d.histogram(u.Histogram)
	}
	h := d.chartHeight()
	for _, fan := range u.Fans {
		n := len(fan.Periods)
		if n == 0 || len(fan.P10) != n || len(fan.P50) != n || len(fan.P90) != n {
			continue
		}
		ch := &chart{periods: fan.Periods}
		ch.bands = []band{{name: "P10 to P90", lo: fan.P10, hi: fan.P90, color: paletteColor(0)}}
		ch.lines = []chartSeries{{name: "Median", values: fan.P50, color: paletteColor(0), width: 0.8}}
		note := "Eight runs in ten fall inside the band."
		if len(fan.Written) == n {
			ch.lines = append(ch.lines, chartSeries{name: writtenName, values: fan.Written, color: writtenColor, width: 0.7, dashed: true})
			note += " The dashed line is the scenario as written."
		}
		if fan.Cap > 0 {
			ch.refs = []refLine{{value: fan.Cap, label: capBindsAt + " " + shortFloat(fan.Cap), color: capColor}}
			note += " Payments stop at the cap's level."
		}
		d.figure(fan.Title, note, ch, h, h)
	}
	if t := u.Tornado; t != nil && len(t.Bars) > 0 {
		d.tornado(t)
	}
	if u.Runs > 0 {
		d.y += 2
		d.need(lineHeight(sizeSmall) * 2)
		d.paragraph(fmt.Sprintf("Method: Monte Carlo simulation, %s runs, each drawing every uncertain input from its range. The runs are reproducible: the random seed is %d.", thousands(u.Runs), u.Seed), sizeSmall, muted, 0)
	}
}

// The as-written line and the cap's level on a fan, named and coloured as the
// window draws them (frontend/src/lib/written.ts).
const (
	writtenName = "As written"
	capBindsAt  = "Cap binds at"
)

var writtenColor = hexColor("#7c3aed")

// oddsPerRow is how many years one row of the cap-odds table holds.
const oddsPerRow = 10

// capOdds draws the share of runs in which a cap has bound by the end of each
// year, with a box around the year it binds in the scenario as written.
func (d *doc) capOdds(c CapRange) {
	if len(c.ByYear) == 0 {
		return
	}
	written := ""
	if m := d.in.main.q.MetricByID("contract." + c.Contract + ".cap_hit"); c.Contract != "" && m != nil && !m.Null {
		written = m.Quarter.String()
	}
	lh := lineHeight(sizeTable) + 2*cellPadY
	d.subheading("When the cap binds: "+c.Label, 2*lh+lineHeight(sizeSmall)+2)
	for start := 0; start < len(c.ByYear); start += oddsPerRow {
		years := c.ByYear[start:min(start+oddsPerRow, len(c.ByYear))]
		const labelW = 30.0
		yw := (d.width() - labelW) / oddsPerRow
		cols := []column{{title: "By the end of", w: labelW}}
		row := tableRow{cells: []string{"Share of runs"}}
		box := -1
		for i, y := range years {
			cols = append(cols, column{title: strconv.Itoa(y.Year), w: yw, right: true})
			row.cells = append(row.cells, percent(y.P))
			if written != "" && strings.HasPrefix(written, strconv.Itoa(y.Year)) {
				box = i + 1
			}
		}
		d.need(2*lh + 2)
		top := d.y
		d.table(cols, []tableRow{row})
		if box > 0 {
			x := d.left + labelW + float64(box-1)*yw
			d.stroke(accent, 0.5)
			d.f.Rect(x+0.3, top+0.3, yw-0.6, d.y-1-top-0.6, "D")
		}
		d.y += 1
	}
	note := "As written, the cap does not bind by the end of the horizon."
	if written != "" {
		note = "As written, the cap binds in " + written + " (the boxed year)."
	}
	d.paragraph(note, sizeSmall, muted, 0)
}

// percent writes a probability as a whole percentage, "<1%" and ">99%" near the ends.
func percent(p float64) string {
	switch {
	case p <= 0:
		return "0%"
	case p < 0.005:
		return "<1%"
	case p >= 1:
		return "100%"
	case p > 0.995:
		return ">99%"
	}
	return strconv.Itoa(int(math.Round(p*100))) + "%"
}

// histogram draws how the runs spread over one figure: a bar per bin, the share of
// runs on the vertical axis, the figure on round ticks below, and a line at the
// figure as written.
func (d *doc) histogram(hg *Histogram) {
	n := len(hg.Counts)
	if n == 0 || len(hg.Edges) != n+1 {
		return
	}
	total, most := 0, 0
	for _, c := range hg.Counts {
		total += c
		most = max(most, c)
	}
	if total == 0 {
		return
	}
	const plotH, tickH, legendH = 48.0, 7.0, 6.0
	if d.y > d.top+0.01 {
		d.y += 3
	}
	d.need(lineHeight(sizeH2) + 3.5 + legendH + plotH + tickH + lineHeight(sizeSmall)*2)
	d.font(true, sizeH2, ink)
	title := hg.Title
	if title == "" {
		title = "the headline figure"
	}
	d.text(d.left, baseline(d.y, sizeH2), "Histogram: "+title)
	d.y += lineHeight(sizeH2) + 1.5

	lo, hi := hg.Edges[0], hg.Edges[n]
	if hg.HasWritten {
		lo, hi = math.Min(lo, hg.Written), math.Max(hi, hg.Written)
	}
	unit, suffix := scaleUnit(math.Max(math.Abs(lo), math.Abs(hi)))
	if hi == lo {
		lo, hi = lo-unit, hi+unit
	}
	ticks, step := niceTicks(lo, hi, 6)
	lo, hi = ticks[0], ticks[len(ticks)-1]
	yTop := float64(most) / float64(total)
	yTicks, _ := niceTicks(0, yTop, 4)
	yMax := yTicks[len(yTicks)-1]

	// Legend.
	barC, markC := paletteColor(0), paletteColor(1)
	d.fill(barC)
	d.f.Rect(d.left, d.y+1, 4.5, 3, "F")
	d.font(false, sizeSmall, ink)
	d.text(d.left+5.8, d.y+3.6, "Share of runs")
	if hg.HasWritten {
		x := d.left + 5.8 + d.strWidth("Share of runs") + 5
		d.stroke(markC, 0.8)
		d.f.Line(x, d.y+2.5, x+4.5, d.y+2.5)
		d.text(x+5.8, d.y+3.6, "As written, "+shortFloat(hg.Written))
	}
	d.y += legendH + 2

	d.font(false, sizeTiny, muted)
	axisW := d.strWidth("100%") + 2
	px0, px1 := d.left+axisW, d.right-2
	py0, py1 := d.y, d.y+plotH
	xAt := func(v float64) float64 { return px0 + (v-lo)/(hi-lo)*(px1-px0) }
	yAt := func(p float64) float64 { return py1 - p/yMax*(py1-py0) }
	for _, t := range yTicks {
		d.hline(px0, px1, yAt(t), 0.1, rule)
		d.textRight(px0-1, yAt(t)+1, strconv.Itoa(int(math.Round(t*100)))+"%")
	}
	d.fill(barC)
	for i, c := range hg.Counts {
		if c == 0 {
			continue
		}
		x0, x1 := xAt(hg.Edges[i]), xAt(hg.Edges[i+1])
		y := yAt(float64(c) / float64(total))
		w := math.Max(x1-x0-0.3, 0.3)
		d.f.Rect(x0+0.15, y, w, py1-y, "F")
	}
	d.hline(px0, px1, py1, 0.25, muted)
	if hg.HasWritten {
		x := xAt(hg.Written)
		d.stroke(markC, 0.8)
		d.f.Line(x, py0, x, py1)
	}
	d.font(false, sizeTiny, muted)
	for _, t := range ticks {
		d.textCenter(xAt(t), py1+3.6, tickLabel(t, unit, suffix, step))
	}
	d.y = py1 + tickH
	d.paragraph(fmt.Sprintf("How the %s runs spread over this figure; the taller the bar, the more runs land there.", thousands(total)), sizeSmall, muted, 0)
}

// shortFloat writes a simulated amount as money.Short does for exact ones.
func shortFloat(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "n/a"
	}
	return money.Short(decimal.NewFromFloat(v))
}

// tornado draws one horizontal bar per input, from the output at the input's low
// end to the output at its high end, around the base value.
func (d *doc) tornado(t *Tornado) {
	const rowH = 6.0
	legendH := 6.0
	h := legendH + float64(len(t.Bars))*rowH + 8
	d.font(false, sizeSmall, muted)
	title := t.Title
	if title == "" {
		title = "Sensitivity"
	}
	if d.y > d.top+0.01 {
		d.y += 3
	}
	d.need(lineHeight(sizeH2) + 1.5 + math.Min(h, d.bottom-d.top-20))
	d.font(true, sizeH2, ink)
	d.text(d.left, baseline(d.y, sizeH2), "Tornado: "+title)
	d.y += lineHeight(sizeH2) + 1.5

	base := t.Base.InexactFloat64()
	lo, hi := base, base
	for _, b := range t.Bars {
		for _, v := range []float64{b.Low.InexactFloat64(), b.High.InexactFloat64()} {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	unit, suffix := scaleUnit(math.Max(math.Abs(lo), math.Abs(hi)))
	if hi == lo {
		hi = lo + unit
	}
	ticks, step := niceTicks(lo, hi, 5)
	lo, hi = ticks[0], ticks[len(ticks)-1]
	d.font(false, sizeSmall, ink)
	labelW := math.Min(d.width()*0.38, 70)
	px0, px1 := d.left+labelW+2, d.right-2
	xAt := func(v float64) float64 { return px0 + (v-lo)/(hi-lo)*(px1-px0) }

	// Legend.
	lowC, highC := paletteColor(0), paletteColor(1)
	d.fill(lowC)
	d.f.Rect(d.left, d.y+1, 4.5, 3, "F")
	d.font(false, sizeSmall, ink)
	d.text(d.left+5.8, d.y+3.6, "Input at its low end")
	x := d.left + 5.8 + d.strWidth("Input at its low end") + 5
	d.fill(highC)
	d.f.Rect(x, d.y+1, 4.5, 3, "F")
	d.text(x+5.8, d.y+3.6, "Input at its high end")
	d.y += legendH

	for _, b := range t.Bars {
		d.need(rowH + 6)
		d.font(false, sizeSmall, ink)
		d.text(d.left, d.y+rowH/2+1.1, d.fit(b.Input, labelW))
		for _, seg := range []struct {
			v   float64
			col rgb
		}{{b.Low.InexactFloat64(), lowC}, {b.High.InexactFloat64(), highC}} {
			x0, x1 := xAt(base), xAt(seg.v)
			d.fill(seg.col)
			d.f.Rect(math.Min(x0, x1), d.y+1, math.Abs(x1-x0), rowH-2, "F")
		}
		d.y += rowH
	}
	top := d.y - float64(len(t.Bars))*rowH
	if top < d.top {
		top = d.top
	}
	d.stroke(ink, 0.3)
	d.f.Line(xAt(base), top, xAt(base), d.y)
	d.hline(px0, px1, d.y, 0.25, muted)
	d.font(false, sizeTiny, muted)
	for _, tk := range ticks {
		d.textCenter(xAt(tk), d.y+3.6, tickLabel(tk, unit, suffix, step))
	}
	d.y += 6
	d.font(false, sizeSmall, muted)
	note := "The vertical line is the base case, " + money.Short(t.Base) + "."
	switch {
	case t.Omitted == 1:
		note += " 1 more input, which moves it least, is omitted."
	case t.Omitted > 1:
		note += fmt.Sprintf(" %d more inputs, which move it least, are omitted.", t.Omitted)
	}
	d.paragraph(note, sizeSmall, muted, 0)
}
