package report

import (
	"math"
	"strconv"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"github.com/shopspring/decimal"

	"dealmodel/backend/money"
	"dealmodel/backend/plot"
)

// The charts of the briefing are drawn as vector paths and text, so they stay sharp
// at any zoom and in print. They follow backend/charts: the same series, the same
// palette in the same order, bars and lines as the app draws them, with amounts on
// the axis in billions of dollars.

// barMode is how several bar series share a period.
type barMode int

const (
	barsGrouped barMode = iota // side by side
	barsStacked                // on top of each other (negatives below zero)
	barsOverlap                // drawn over each other, the first as a light tint
)

type chartSeries struct {
	name   string
	values []float64 // dollars, one per period
	color  rgb
	dashed bool
	width  float64 // line width (mm); 0 is the default
	area   bool    // fill between the line and zero
	dot    bool    // mark each point
	// stack: bars with the same stack stand on each other in overlapping bars;
	// light draws them as a tint (a plan over what was reported).
	stack string
	light bool
}

// band is a filled area between two series: a P10..P90 fan, or what a cap saves.
type band struct {
	name   string
	lo, hi []float64
	color  rgb
}

// refLine is a horizontal line at a value, such as a cap.
type refLine struct {
	value float64
	label string
	color rgb
}

// periodMark is a vertical line through one period, such as the quarter a cap binds.
type periodMark struct {
	index int
	label string
	color rgb
}

// pointMark is a dot at a period and value.
type pointMark struct {
	index int
	value float64
	color rgb
}

type chart struct {
	periods []string
	bars    []chartSeries
	mode    barMode
	lines   []chartSeries
	bands   []band
	refs    []refLine
	marks   []periodMark
	points  []pointMark
	// legendRefs lists the reference lines in the legend instead of labelling them
	// on the plot, where several close caps would overprint each other.
	legendRefs bool
	// gw: the values are gigawatts, not dollars (capacity in service).
	gw bool
}

// axisLabel writes an axis value of the chart: dollars in the unit, or gigawatts.
func (c *chart) axisLabel(v, unit float64, suffix string, step float64) string {
	if !c.gw {
		return tickLabel(v, unit, suffix, step)
	}
	dec := 0
	for dec < 3 && math.Abs(step*math.Pow10(dec)-math.Round(step*math.Pow10(dec))) > 1e-6 {
		dec++
	}
	return strconv.FormatFloat(v, 'f', dec, 64) + " GW"
}

// scaleUnit picks the unit of the axis from the largest absolute value.
func scaleUnit(maxAbs float64) (float64, string) {
	switch {
	case maxAbs >= 1e12*2:
		return 1e12, "T"
	case maxAbs >= 1e9:
		return 1e9, "B"
	case maxAbs >= 1e6:
		return 1e6, "M"
	case maxAbs >= 1e3:
		return 1e3, "K"
	}
	return 1, ""
}

// niceTicks returns round tick values covering [lo, hi], about n of them (the
// window's axes take the same: plot.NiceTicks).
func niceTicks(lo, hi float64, n int) (ticks []float64, step float64) {
	return plot.NiceTicks(bounded(lo), bounded(hi), n)
}

// chartLimit bounds what a chart draws: a value beyond it (an exact amount of
// hundreds of digits, or one past float64's range) is drawn at the limit.
const chartLimit = 1e300

// bounded clamps v to ±chartLimit; NaN (no value) stays NaN.
func bounded(v float64) float64 {
	switch {
	case v > chartLimit:
		return chartLimit
	case v < -chartLimit:
		return -chartLimit
	}
	return v
}

// tickLabel writes an axis value in the unit: $40B, -$2.5B, $0.
func tickLabel(v, unit float64, suffix string, step float64) string {
	if math.Abs(v) < step*1e-6 {
		return "$0"
	}
	if math.Abs(v/unit) >= 1e5 { // beyond trillions: $1.2e+20, not 21 digits
		sign := ""
		if v < 0 {
			sign, v = "-", -v
		}
		return sign + "$" + strconv.FormatFloat(v, 'e', 1, 64)
	}
	// As many decimals as the step needs: 0.25 takes two, 0.5 one.
	dec := 0
	for s := step / unit; dec < 3 && math.Abs(s*math.Pow10(dec)-math.Round(s*math.Pow10(dec))) > 1e-6; dec++ {
	}
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	txt := strconv.FormatFloat(v/unit, 'f', dec, 64)
	return sign + "$" + txt + suffix
}

// drawChart draws the chart in the box (x, y, w, h): legend on top, then the plot
// with its axes.
func (d *doc) drawChart(c *chart, x, y, w, h float64) {
	f := d.f
	n := len(c.periods)
	if n == 0 {
		return
	}
	legendH := d.drawLegend(c, x, y, w)
	// Value range, always including zero.
	lo, hi := 0.0, 0.0
	see := func(v float64) {
		if v = bounded(v); !math.IsNaN(v) {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	if c.mode == barsStacked {
		for i := range n {
			pos, neg := 0.0, 0.0
			for _, s := range c.bars {
				if v := s.values[i]; v > 0 {
					pos += v
				} else {
					neg += v
				}
			}
			see(pos)
			see(neg)
		}
	} else {
		stacked := map[string][]float64{}
		for _, s := range c.bars {
			for i, v := range s.values {
				if s.stack != "" && !math.IsNaN(v) {
					if stacked[s.stack] == nil {
						stacked[s.stack] = make([]float64, n)
					}
					stacked[s.stack][i] += v
					v = stacked[s.stack][i]
				}
				see(v)
			}
		}
	}
	for _, s := range c.lines {
		for _, v := range s.values {
			see(v)
		}
	}
	for _, b := range c.bands {
		for i := range b.lo {
			see(b.lo[i])
			see(b.hi[i])
		}
	}
	for _, r := range c.refs {
		see(r.value)
	}
	unit, suffix := scaleUnit(math.Max(math.Abs(lo), math.Abs(hi)))
	if c.gw {
		unit, suffix = 1, ""
	}
	if hi == lo {
		hi = lo + unit
	}
	ticks, step := niceTicks(lo, hi, 5)
	lo, hi = ticks[0], ticks[len(ticks)-1]

	// Plot box.
	d.font(false, sizeTiny, muted)
	labelW := 0.0
	for _, t := range ticks {
		labelW = math.Max(labelW, d.strWidth(c.axisLabel(t, unit, suffix, step)))
	}
	px0, px1 := x+labelW+2.5, x+w-1
	py0, py1 := y+legendH+3, y+h-5.5
	slot := (px1 - px0) / float64(n)
	xAt := func(i int) float64 { return px0 + (float64(i)+0.5)*slot }
	yAt := func(v float64) float64 { return py1 - (bounded(v)-lo)/(hi-lo)*(py1-py0) }

	// Grid and y labels.
	for _, t := range ticks {
		yy := yAt(t)
		if math.Abs(t) < step*1e-6 {
			continue
		}
		d.hline(px0, px1, yy, 0.12, rule)
		d.textRight(px0-1.5, yy+0.9, c.axisLabel(t, unit, suffix, step))
	}
	zero := yAt(0)
	d.textRight(px0-1.5, zero+0.9, c.axisLabel(0, unit, suffix, step))

	// Bands, then bars, then lines: lines stay readable on top of bars.
	for _, b := range c.bands {
		// A band covers the periods where both its ends are known (NaN: not drawn).
		first, last := n, -1
		for i := range n {
			if !math.IsNaN(b.lo[i]) && !math.IsNaN(b.hi[i]) {
				first, last = min(first, i), i
			}
		}
		if last < first {
			continue
		}
		pts := make([]fpdf.PointType, 0, 2*n)
		for i := first; i <= last; i++ {
			pts = append(pts, fpdf.PointType{X: xAt(i), Y: yAt(b.hi[i])})
		}
		for i := last; i >= first; i-- {
			pts = append(pts, fpdf.PointType{X: xAt(i), Y: yAt(b.lo[i])})
		}
		d.fill(b.color.tint(0.22))
		f.Polygon(pts, "F")
	}
	d.drawBars(c, xAt, yAt, slot)
	d.hline(px0, px1, zero, 0.3, muted)
	for _, s := range c.lines {
		d.drawLine(s, xAt, yAt, zero)
	}

	// Reference lines (caps), labelled at the left end above the line.
	for _, r := range c.refs {
		yy := yAt(r.value)
		f.SetDashPattern([]float64{1.6, 1.0}, 0)
		d.hline(px0, px1, yy, 0.35, r.color)
		f.SetDashPattern(nil, 0)
		if r.label != "" && !c.legendRefs {
			d.font(true, sizeTiny, r.color)
			d.labelBox(px0+1.2, yy-1.2, r.label)
		}
	}
	// Period marks, labelled at the top, on the side with more room.
	for _, m := range c.marks {
		xx := xAt(m.index)
		f.SetDashPattern([]float64{0.5, 0.8}, 0)
		d.stroke(m.color, 0.35)
		f.Line(xx, py0, xx, py1)
		f.SetDashPattern(nil, 0)
		if m.label != "" {
			d.font(true, sizeTiny, m.color)
			lx := xx + 1.2
			if xx > px0+(px1-px0)*0.6 {
				lx = xx - 1.2 - d.strWidth(m.label)
			}
			d.labelBox(lx, py0+2.8, m.label)
		}
	}
	for _, p := range c.points {
		d.fill(p.color)
		d.stroke(white, 0.35)
		f.Circle(xAt(p.index), yAt(p.value), 1.1, "FD")
	}

	// Axis line and period labels.
	d.hline(px0, px1, py1, 0.25, muted)
	d.periodLabels(c.periods, px0, slot, py1)
}

// labelBox writes a label on a white ground so lines and bars behind it do not cut
// through the text. y is the baseline.
func (d *doc) labelBox(x, y float64, s string) {
	w := d.strWidth(s)
	_, size := d.f.GetFontSize()
	d.fill(white)
	d.f.Rect(x-0.6, y-size*0.85, w+1.2, size*1.15, "F")
	d.text(x, y, s)
}

func (d *doc) drawBars(c *chart, xAt func(int) float64, yAt func(float64) float64, slot float64) {
	f := d.f
	k := len(c.bars)
	if k == 0 {
		return
	}
	n := len(c.periods)
	switch c.mode {
	case barsStacked:
		bw := slot * 0.62
		for i := range n {
			pos, neg := 0.0, 0.0
			for _, s := range c.bars {
				v := s.values[i]
				if v == 0 {
					continue
				}
				base := pos
				if v < 0 {
					base = neg
				}
				y0, y1 := yAt(base), yAt(base+v)
				d.fill(s.color)
				f.Rect(xAt(i)-bw/2, math.Min(y0, y1), bw, math.Abs(y1-y0), "F")
				if v > 0 {
					pos += v
				} else {
					neg += v
				}
			}
		}
	case barsOverlap:
		bw := slot * 0.62
		stacked := map[string][]float64{} // what the bars of a stack drew so far
		for j, s := range c.bars {
			col := s.color
			if (j == 0 && k > 1 && s.stack == "") || s.light {
				col = col.tint(0.45)
			}
			d.fill(col)
			base := make([]float64, n)
			if s.stack != "" {
				if prev, ok := stacked[s.stack]; ok {
					base = prev
				}
				stacked[s.stack] = base
			}
			for i, v := range s.values {
				if v == 0 || math.IsNaN(v) {
					continue
				}
				y0, y1 := yAt(base[i]), yAt(base[i]+v)
				f.Rect(xAt(i)-bw/2, math.Min(y0, y1), bw, math.Abs(y1-y0), "F")
				if s.stack != "" {
					base[i] += v
				}
			}
		}
	default:
		inner := slot * 0.78
		if k == 1 {
			inner = slot * 0.62
		}
		bw := inner / float64(k)
		for j, s := range c.bars {
			d.fill(s.color)
			for i, v := range s.values {
				if v == 0 {
					continue
				}
				x0 := xAt(i) - inner/2 + float64(j)*bw
				y0, y1 := yAt(0), yAt(v)
				f.Rect(x0+bw*0.06, math.Min(y0, y1), bw*0.88, math.Abs(y1-y0), "F")
			}
		}
	}
}

func (d *doc) drawLine(s chartSeries, xAt func(int) float64, yAt func(float64) float64, zero float64) {
	f := d.f
	n := len(s.values)
	if s.area {
		pts := make([]fpdf.PointType, 0, n+2)
		pts = append(pts, fpdf.PointType{X: xAt(0), Y: zero})
		for i, v := range s.values {
			pts = append(pts, fpdf.PointType{X: xAt(i), Y: yAt(v)})
		}
		pts = append(pts, fpdf.PointType{X: xAt(n - 1), Y: zero})
		d.fill(s.color.tint(0.14))
		f.Polygon(pts, "F")
	}
	width := s.width
	if width == 0 {
		width = 0.55
	}
	d.stroke(s.color, width)
	if s.dashed {
		f.SetDashPattern([]float64{1.4, 0.9}, 0)
	}
	f.SetLineJoinStyle("round")
	// NaN is a period the series does not cover: the line breaks there.
	pen, drawn := false, false
	for i, v := range s.values {
		switch {
		case math.IsNaN(v):
			pen = false
		case !pen:
			f.MoveTo(xAt(i), yAt(v))
			f.LineTo(xAt(i)+0.01, yAt(v)) // a lone point still shows
			pen, drawn = true, true
		default:
			f.LineTo(xAt(i), yAt(v))
		}
	}
	if drawn {
		f.DrawPath("D")
	}
	f.SetLineJoinStyle("miter")
	if s.dashed {
		f.SetDashPattern(nil, 0)
	}
	if s.dot {
		d.fill(s.color)
		for i, v := range s.values {
			if !math.IsNaN(v) {
				f.Circle(xAt(i), yAt(v), 0.55, "F")
			}
		}
	}
}

// periodLabels writes the x axis: by quarter, the year under its quarters with a
// tick between years; by year, each year. Labels thin out when they would touch.
func (d *doc) periodLabels(periods []string, px0, slot, py1 float64) {
	d.font(false, sizeTiny, muted)
	type group struct {
		label      string
		first, end int // periods [first, end)
	}
	var groups []group
	quarterly := len(periods[0]) == 6 && strings.Contains(periods[0], "Q")
	if quarterly {
		for i, p := range periods {
			y := p[:4]
			if len(groups) == 0 || groups[len(groups)-1].label != y {
				groups = append(groups, group{label: y, first: i})
			}
			groups[len(groups)-1].end = i + 1
		}
	} else {
		for i, p := range periods {
			groups = append(groups, group{label: p, first: i, end: i + 1})
		}
	}
	// Every k-th label, so that labels keep a gap of at least 2.5 mm.
	widest := 0.0
	for _, g := range groups {
		widest = math.Max(widest, d.strWidth(g.label))
	}
	perGroup := slot * float64(len(periods)) / float64(len(groups))
	k := max(1, int(math.Ceil((widest+2.5)/perGroup)))
	base := py1 + 3.6
	for gi, g := range groups {
		x0 := px0 + float64(g.first)*slot
		x1 := px0 + float64(g.end)*slot
		if quarterly && gi > 0 {
			d.stroke(muted, 0.2)
			d.f.Line(x0, py1, x0, py1+1.2)
		}
		if gi%k != 0 {
			continue
		}
		if quarterly && g.end-g.first < 2 && len(groups) > 1 {
			continue // a lone quarter at an edge has no room for a year
		}
		d.textCenter((x0+x1)/2, base, g.label)
	}
}

// drawLegend writes the legend entries in rows across the top of the chart and
// returns its height.
func (d *doc) drawLegend(c *chart, x, y, w float64) float64 {
	type entry struct {
		name  string
		color rgb
		kind  int // 0 box, 1 line, 2 dashed line
	}
	var es []entry
	for j, s := range c.bars {
		col := s.color
		if (c.mode == barsOverlap && j == 0 && len(c.bars) > 1 && s.stack == "") || s.light {
			col = col.tint(0.45)
		}
		es = append(es, entry{name: s.name, color: col})
	}
	for _, s := range c.lines {
		k := 1
		if s.dashed {
			k = 2
		}
		es = append(es, entry{name: s.name, color: s.color, kind: k})
	}
	for _, b := range c.bands {
		es = append(es, entry{name: b.name, color: b.color.tint(0.22)})
	}
	if c.legendRefs {
		for _, r := range c.refs {
			es = append(es, entry{name: r.label, color: r.color, kind: 2})
		}
	}
	if len(es) == 0 {
		return 0
	}
	d.font(false, sizeSmall, ink)
	const sw, gap, rowH = 4.5, 5.0, 4.6
	cx, cy := x, y
	for _, e := range es {
		ew := sw + 1.3 + d.strWidth(e.name)
		if cx > x && cx+ew > x+w {
			cx, cy = x, cy+rowH
		}
		mid := cy + rowH/2
		switch e.kind {
		case 0:
			d.fill(e.color)
			d.f.Rect(cx, mid-1.5, sw, 3, "F")
		default:
			if e.kind == 2 {
				d.f.SetDashPattern([]float64{1.2, 0.8}, 0)
			}
			d.hline(cx, cx+sw, mid, 0.6, e.color)
			d.f.SetDashPattern(nil, 0)
		}
		d.text(cx+sw+1.3, mid+1.05, e.name)
		cx += ew + gap
	}
	return cy - y + rowH
}

// figure draws a chart as a block: a title, the chart, and a note under it. When
// the block does not fit below the cursor but would at minH or more, the chart
// shrinks to the room left rather than leave it empty.
func (d *doc) figure(title, note string, c *chart, h, minH float64) {
	d.font(false, sizeSmall, muted)
	noteLines := 0
	if note != "" {
		noteLines = len(d.wrap(note, d.width()))
	}
	if d.y > d.top+0.01 {
		d.y += 3
	}
	extra := lineHeight(sizeH2) + 1.5 + float64(noteLines)*lineHeight(sizeSmall) + 2
	if room := d.bottom - d.y - extra; room < h && room >= minH {
		h = room
	}
	d.need(extra + h)
	d.font(true, sizeH2, ink)
	d.text(d.left, baseline(d.y, sizeH2), title)
	d.y += lineHeight(sizeH2) + 1.5
	d.drawChart(c, d.left, d.y, d.width(), h)
	d.y += h + 1
	if note != "" {
		d.paragraph(note, sizeSmall, muted, 0)
	}
	d.y += 1
}

// chartHeight is the height of one chart: two to a page with their titles and
// notes, or one to a page when two would be squat (landscape).
func (d *doc) chartHeight() float64 {
	avail := d.bottom - d.top
	if h := avail/2 - 24; h >= 75 {
		return math.Min(100, h)
	}
	return math.Min(140, avail-30)
}

// dollars turns decimal series into float64 dollars for drawing.
func dollars(vs []decimal.Decimal) []float64 {
	out := make([]float64, len(vs))
	for i, v := range vs {
		out[i] = money.Float(v)
	}
	return out
}
