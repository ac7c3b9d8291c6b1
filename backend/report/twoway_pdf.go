package report

import (
	"fmt"
	"math"

	"dealmodel/backend/engine"
	"dealmodel/backend/money"
	"dealmodel/backend/sim"
)

// twoWay draws a two-way table on a page of its own: a heatmap of the figure over
// the two inputs' values, each cell with its figure, the scenario's own case
// outlined; for an amount, the exact figures follow in a table.
func (d *doc) twoWay(tw *sim.TwoWay) {
	d.newPage()
	d.heading("Two-way table: "+tw.Label, 40)
	base := MetricShort(&tw.Base)
	where := fmt.Sprintf("The outlined cell is the scenario as it is (%s = %s, %s = %s): %s.", tw.X.Label, tw.X.Base, tw.Y.Label, tw.Y.Base, base)
	if tw.X.BaseIndex < 0 || tw.Y.BaseIndex < 0 {
		where = fmt.Sprintf("The scenario as it is (%s = %s, %s = %s) is not among the values: it gives %s.", tw.X.Label, tw.X.Base, tw.Y.Label, tw.Y.Base, base)
	}
	d.paragraph(fmt.Sprintf("%s (%s) for each value of %s (down) and of %s (across). Every cell is the exact engine run on the scenario with the two inputs set. %s",
		tw.Label, tw.Metric, tw.Y.Label, tw.X.Label, where), sizeSmall, muted, 0)
	d.y += 3

	nx, ny := len(tw.X.Texts), len(tw.Y.Texts)
	texts := make([][]string, ny)
	size := float64(sizeSmall)
	for i := range tw.Cells {
		texts[i] = make([]string, nx)
		for j := range tw.Cells[i] {
			texts[i][j] = MetricShort(&tw.Cells[i][j])
		}
	}
	// The y values' column, then equal columns; the font shrinks until every
	// figure fits its cell.
	d.font(false, size, ink)
	labelW := 16.0
	for _, t := range tw.Y.Texts {
		labelW = math.Max(labelW, d.strWidth(t)+4)
	}
	colW := (d.width() - labelW) / float64(nx)
	for size > 4.5 {
		d.font(false, size, ink)
		widest := 0.0
		for i := range texts {
			for _, t := range texts[i] {
				widest = math.Max(widest, d.strWidth(t))
			}
		}
		for _, t := range tw.X.Texts {
			widest = math.Max(widest, d.strWidth(t))
		}
		if widest+2 <= colW {
			break
		}
		size -= 0.5
	}
	rowH := math.Max(lineHeight(size)+2.4, 5)

	// Shades: the figure's place between its smallest and largest value; a quarter
	// that never comes is grey.
	lo, hi := math.Inf(1), math.Inf(-1)
	val := func(m *engine.Metric) (float64, bool) {
		switch {
		case m.Kind == engine.QuarterValue && m.Null:
			return 0, false
		case m.Kind == engine.Amount:
			return money.Float(m.Amount), true
		}
		return float64(m.Quarter), true
	}
	for i := range tw.Cells {
		for j := range tw.Cells[i] {
			if v, ok := val(&tw.Cells[i][j]); ok {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	header := func() {
		d.font(true, sizeTiny, muted)
		d.text(d.left, baseline(d.y, sizeTiny), d.fit("Down: "+tw.Y.Label+". Across: "+tw.X.Label+".", d.width()))
		d.y += lineHeight(sizeTiny) + 1
		d.font(true, size, ink)
		for j, t := range tw.X.Texts {
			d.textCenter(d.left+labelW+(float64(j)+0.5)*colW, baseline(d.y, size), t)
		}
		d.y += lineHeight(size) + 1
	}
	d.need(3*rowH + 2*lineHeight(size))
	header()
	for i := range tw.Cells {
		if d.y+rowH > d.bottom {
			d.newPage()
			header()
		}
		d.font(true, size, ink)
		d.text(d.left, d.y+rowH/2+size*ptToMM*0.35, tw.Y.Texts[i])
		for j := range tw.Cells[i] {
			x := d.left + labelW + float64(j)*colW
			fill, textC := faint, muted
			if v, ok := val(&tw.Cells[i][j]); ok {
				t := 0.5
				if hi > lo {
					t = (v - lo) / (hi - lo)
				}
				fill, textC = accent.tint(0.10+0.8*t), ink
				if t > 0.6 {
					textC = white
				}
			}
			d.fill(fill)
			d.f.Rect(x, d.y, colW, rowH, "F")
			d.font(false, size, textC)
			d.textCenter(x+colW/2, d.y+rowH/2+size*ptToMM*0.35, texts[i][j])
			if i == tw.Y.BaseIndex && j == tw.X.BaseIndex {
				d.stroke(ink, 0.7)
				d.f.Rect(x+0.35, d.y+0.35, colW-0.7, rowH-0.7, "D")
			}
		}
		d.y += rowH
	}
	d.y += 2
	scale := "Darker cells hold larger figures"
	if tw.Kind != sim.SampleAmount {
		scale = "Darker cells hold later quarters; grey: the cap is never reached"
	}
	d.paragraph(scale+". The same table: dealmodel table with --format csv or json.", sizeSmall, muted, 0)

	if tw.Kind == sim.SampleAmount {
		d.exactTable(tw, labelW)
	}
	d.newPage() // the report goes on after the table's page
}

// exactTable prints an amount table's exact figures, in blocks of the columns that
// fit.
func (d *doc) exactTable(tw *sim.TwoWay, labelW float64) {
	nx := len(tw.X.Texts)
	d.subheading("Exact figures", 20)
	const cw = 30.0
	perBlock := max(1, int((d.width()-labelW)/cw))
	for start := 0; start < nx; start += perBlock {
		end := min(nx, start+perBlock)
		cols := []column{{title: tw.Y.Label + " \\ " + tw.X.Label}}
		for _, t := range tw.X.Texts[start:end] {
			cols = append(cols, column{title: t, w: cw, right: true})
		}
		cols = d.flexColumns(cols)
		var rows []tableRow
		for i := range tw.Cells {
			r := tableRow{cells: []string{tw.Y.Texts[i]}}
			for j := start; j < end; j++ {
				r.cells = append(r.cells, money.Grouped(tw.Cells[i][j].Amount))
			}
			rows = append(rows, r)
		}
		d.table(cols, rows)
		d.y += 3
	}
}
