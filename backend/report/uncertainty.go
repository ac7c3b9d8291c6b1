package report

import (
	"fmt"
	"math"

	"github.com/shopspring/decimal"

	"dealmodel/backend/money"
)

// uncertainty prints what a simulation found: percentiles of summary figures, fans
// per period and a tornado. It draws only the parts that u holds.
func (d *doc) uncertainty(u *Uncertainty) {
	d.heading("Uncertainty", 30)
	note := u.Note
	if note == "" && u.Runs > 0 {
		note = fmt.Sprintf("%s simulated runs (seed %d) over the ranges listed with the assumptions.", thousands(u.Runs), u.Seed)
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
	if len(u.Caps) > 0 {
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
		for _, c := range u.Caps {
			rows = append(rows, tableRow{cells: []string{c.Label, never(c.P10), never(c.P50), never(c.P90)}})
		}
		d.y += 2
		d.table(cols, rows)
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
		d.figure(fan.Title, "Eight runs in ten fall inside the band.", ch, h, h)
	}
	if t := u.Tornado; t != nil && len(t.Bars) > 0 {
		d.tornado(t)
	}
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
	d.paragraph("The vertical line is the base case, "+money.Short(t.Base)+".", sizeSmall, muted, 0)
}
