// Package plot owns the neutral form of a chart: what it draws (series, bands,
// reference lines, period marks and points, their colours and styles), not how.
// Contract types (backend/contract) and the view catalogue (backend/view) build
// plots; backend/charts renders them as echarts options for the window and
// backend/report draws them in the PDF briefing. It imports nothing of the
// project but the scenario's quarters and money's conversion of amounts to floats,
// so every layer may use it.
package plot

import (
	"math"

	"github.com/shopspring/decimal"

	"dealmodel/backend/money"
	"dealmodel/backend/scenario"
)

// Palette is the series colour cycle, readable on light and dark backgrounds: the
// window's charts and the PDF's use it in the same order.
var Palette = []string{
	"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2",
	"#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
}

// CapColor marks caps and limits, in the window and in the PDF.
const CapColor = "#e15759"

// Color is the palette's i-th colour, cycling.
func Color(i int) string { return Palette[i%len(Palette)] }

// Medium says where an element is drawn: in both, only in the window or only on
// paper (where a chart has no tooltip, it says more in its legend and marks).
type Medium uint8

const (
	Both Medium = iota
	Screen
	Print
)

// In reports whether an element for medium m is drawn in medium want.
func (m Medium) In(want Medium) bool { return m == Both || m == want }

// BarMode is how several bar series share a period.
type BarMode uint8

const (
	Grouped BarMode = iota // side by side
	Stacked                // on top of each other, negatives below zero
	Overlap                // over each other, the first light
)

// Plot is one chart in neutral form, periods along the x axis, amounts in dollars
// up the y axis.
type Plot struct {
	// PrintTitle and Note are the PDF's title and the note under the chart.
	PrintTitle, Note string
	Bars             []Series
	BarMode          BarMode
	Stack            string // the stack's name (window) when BarMode is Stacked
	Lines            []Series
	Bands            []Band
	Refs             []Ref
	Marks            []Mark
	Points           []Point
	// Unit is what the y axis counts: "" for dollars, UnitGW for gigawatts.
	Unit string
	// Periods are the plot's own x axis when it is not the result's (a quarterly
	// result's party flows drawn by year); nil: the result's periods.
	Periods []string
}

// UnitGW is the unit of a plot in gigawatts (capacity in service).
const UnitGW = "GW"

// Series is one bar or line series, one value a period.
type Series struct {
	ID, Name string
	Values   []decimal.Decimal
	// Gaps marks the periods without a value (nil: none); the line breaks there.
	Gaps []bool
	// Color is a "#rrggbb"; empty takes the palette's colour of the series'
	// position among the medium's series (bars first, then lines), as echarts does.
	Color string
	// Light draws bars faint (a base under the bars drawn over it); Dashed and Bold
	// set the line; Area fills under a line at that opacity (0: none); Step draws
	// a line as steps that change at the end of a period (window only).
	Light, Dashed, Bold, Step bool
	Area                      float64
	// Marked: the window attaches the plot's marks to this series.
	Marked bool
	// Stack: bars with the same Stack stand on each other, in order, whatever the
	// plot's BarMode (a stream's reported quarters under its plan). Hatch draws
	// bars hatched in the window, light on paper (a plan beside what was reported).
	Stack string
	Hatch bool
	On    Medium
}

// Band is a filled area between two series, such as what a cap saves.
type Band struct {
	Name   string
	Lo, Hi []decimal.Decimal
	Gaps   []bool
	Color  string
	On     Medium
}

// Ref is a horizontal reference line at a value, such as a cap. Name is the
// window's mark name (read by the frontend to format its label); Label is the
// PDF's text.
type Ref struct {
	Name, Label string
	Value       decimal.Decimal
	Color       string
	On          Medium
}

// Mark is a vertical line through one period, such as the quarter a cap binds;
// Quarter is the exact quarter on a yearly axis.
type Mark struct {
	Name, Label string
	Index       int
	Quarter     scenario.Quarter
	Color       string
	On          Medium
}

// Point is a dot at a period and value.
type Point struct {
	Name    string
	Index   int
	Value   decimal.Decimal
	Quarter scenario.Quarter
	Color   string
	On      Medium
}

// Axis is what a plot is drawn over: the result's periods and, for a yearly
// result, the quarter each period ends with.
type Axis interface {
	// Periods are the x axis' labels.
	Periods() []string
	// PeriodOf is the index of the period that holds quarter q, or -1.
	PeriodOf(q scenario.Quarter) int
	// LastQuarter is the last quarter of period i inside the horizon.
	LastQuarter(i int) scenario.Quarter
	// Yearly reports whether a period is a year.
	Yearly() bool
}

// By is "quarter" or "year", for titles: "revenue by quarter".
func By(a Axis) string {
	if a.Yearly() {
		return "year"
	}
	return "quarter"
}

// NiceTicks returns round tick values covering [lo, hi], about n of them: steps of
// 1, 2, 2.5 or 5 times a power of ten, the first tick at or below lo and the last
// at or above hi. The PDF's axes and the window's histogram and cap axes use it,
// so both read the same numbers. NaN ends count as 0 and lo.
func NiceTicks(lo, hi float64, n int) (ticks []float64, step float64) {
	if math.IsNaN(lo) {
		lo = 0
	}
	if math.IsNaN(hi) {
		hi = lo
	}
	if hi <= lo {
		hi = lo + max(1, math.Abs(lo)*1e-6)
	}
	n = max(n, 1)
	raw := (hi - lo) / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	switch r := raw / mag; {
	case r <= 1:
		step = mag
	case r <= 2:
		step = 2 * mag
	case r <= 2.5:
		step = 2.5 * mag
	case r <= 5:
		step = 5 * mag
	default:
		step = 10 * mag
	}
	start := math.Floor(lo/step+1e-9) * step
	for k := 0; k <= 4*n+2; k++ { // counted: a step below a value's precision would not move it
		v := start + float64(k)*step
		if v > hi+step*1e-6 {
			break
		}
		ticks = append(ticks, v)
	}
	if len(ticks) == 0 {
		ticks = append(ticks, lo)
	}
	if ticks[len(ticks)-1] < hi-step*1e-6 {
		ticks = append(ticks, ticks[len(ticks)-1]+step)
	}
	return ticks, step
}

// YearStarts are the indexes of the periods of a quarterly axis ("2025Q3") that
// start a year (the first period counts), where its ticks and year labels go;
// nil for a yearly axis.
func YearStarts(periods []string) []int {
	var out []int
	for i, p := range periods {
		if len(p) != 6 || p[4] != 'Q' {
			return nil
		}
		if i == 0 || p[:4] != periods[i-1][:4] {
			out = append(out, i)
		}
	}
	return out
}

// Extent is the lowest and highest value the plot's data reach in medium m, zero
// included: bars as they stand (stacked bars by their sums above and below zero),
// lines and bands; reference lines are not data.
func (p Plot) Extent(m Medium) (lo, hi float64) {
	see := func(v float64) {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	type sums struct{ pos, neg []float64 }
	stacks := map[string]*sums{}
	for _, sr := range p.Bars {
		if !sr.On.In(m) {
			continue
		}
		name := sr.Stack
		if p.BarMode == Stacked {
			name = "\x00" + p.Stack
		}
		for i, v := range sr.Values {
			if i < len(sr.Gaps) && sr.Gaps[i] {
				continue
			}
			f := money.Float(v)
			if name == "" {
				see(f)
				continue
			}
			st := stacks[name]
			if st == nil {
				st = &sums{pos: make([]float64, len(sr.Values)), neg: make([]float64, len(sr.Values))}
				stacks[name] = st
			}
			if i >= len(st.pos) {
				continue
			}
			if f >= 0 {
				st.pos[i] += f
				see(st.pos[i])
			} else {
				st.neg[i] += f
				see(st.neg[i])
			}
		}
	}
	for _, sr := range p.Lines {
		if !sr.On.In(m) {
			continue
		}
		for i, v := range sr.Values {
			if i >= len(sr.Gaps) || !sr.Gaps[i] {
				see(money.Float(v))
			}
		}
	}
	for _, b := range p.Bands {
		if !b.On.In(m) {
			continue
		}
		for i := range b.Lo {
			if i < len(b.Gaps) && b.Gaps[i] {
				continue
			}
			see(money.Float(b.Lo[i]))
			if i < len(b.Hi) {
				see(money.Float(b.Hi[i]))
			}
		}
	}
	return lo, hi
}
