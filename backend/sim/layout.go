package sim

import (
	"github.com/shopspring/decimal"

	"dealmodel/backend/money"
	"dealmodel/backend/scenario"
)

// Layout is a simulation and its tornado as every output lays them out: the
// window's uncertainty view (app), the command line's table and JSON (app/cli)
// and the briefing's uncertainty section (backend/report). The decisions they
// share are made here once: which figures the inputs move, how an input's value
// is written, which tornado bars move the metric, how a correlation group names
// its inputs. Amounts cross as text with two decimals (exact enough for display,
// never rounded again by JSON or JavaScript) and stay numbers for the charts and
// the PDF.
type Layout struct {
	Scenario string
	Runs     int
	Seed     int64
	// BandRuns is how many of the runs the bands summarize (see Outcome).
	BandRuns int
	// Metric and MetricLabel are the histogram's (and the tornado's) metric.
	Metric      string
	MetricLabel string
	Period      string
	Periods     []string

	// Figures are every summary amount, in the engine's order.
	Figures []Figure
	// Caps have one entry per enabled revenue share; ByYear is never nil.
	Caps []CapBinding
	// Inputs are the uncertain inputs, in file order.
	Inputs []Input
	// Correlations are the scenario's correlation groups, in file order.
	Correlations []Correlation
	// Tornado is nil when the layout has none (a quick estimate).
	Tornado *TornadoLayout

	// Outcome holds the numbers the charts draw: bands and histogram.
	Outcome *Outcome
}

// Figure is one summary amount across the runs; every value is text with two
// decimals ("36512345678.12"). Base is the scenario as written.
type Figure struct {
	ID     string `json:"id"`
	Label  string `json:"label"`
	Base   string `json:"base"`
	Mean   string `json:"mean"`
	StdDev string `json:"stdDev"`
	Min    string `json:"min"`
	P5     string `json:"p5"`
	P10    string `json:"p10"`
	P25    string `json:"p25"`
	P50    string `json:"p50"`
	P75    string `json:"p75"`
	P90    string `json:"p90"`
	P95    string `json:"p95"`
	Max    string `json:"max"`
	// Moves says an input moves the figure: its P10 and P90 differ by more than
	// float noise (see MetricStats.Moves).
	Moves bool `json:"moves"`
	stats MetricStats
}

// Stats are the figure's values as numbers, for charts, the PDF and short text.
func (f Figure) Stats() MetricStats { return f.stats }

// Input is one uncertain input as simulated: its distribution and the values of
// its 10th, 50th and 90th percentiles, in the field's syntax (see FormatField).
type Input struct {
	Path  string
	Label string
	Kind  string // amount, rate, integer or number
	Dist  string
	Base  string
	P10   string
	P50   string
	P90   string
	// Kept is the probability that the distribution as written falls inside the
	// field's range.
	Kept float64
}

// Correlation is a correlation group with its inputs' labels (an input without
// one is named by its path).
type Correlation struct {
	Inputs []string `json:"inputs"` // paths
	Labels []string `json:"labels"`
	Rho    float64  `json:"rho"`
}

// TornadoLayout is a tornado with its inputs' values in their fields' syntax.
type TornadoLayout struct {
	Metric string
	Label  string
	Base   decimal.Decimal
	Bars   []TornadoBar
	// Omitted counts the inputs without a bar: those that move the metric least.
	Omitted int
}

// TornadoBar is one input's swing: Low, Base and High in the field's syntax, the
// metric's values exact.
type TornadoBar struct {
	Path            string
	Label           string
	Kind            string
	Low, Base, High string
	// LowValue and HighValue are Low and High as numbers, for Glance.
	LowValue, HighValue   decimal.Decimal
	MetricLow, MetricHigh decimal.Decimal
	Swing                 decimal.Decimal
	// Moves says the input moves the metric at all: a bar to draw.
	Moves bool
}

// Lay out a simulation o and its tornado t (nil: none). Rates and plain numbers
// are written with places decimals (FormatField): 4 where people read them (the
// window, the terminal), 12 in the command line's JSON.
func Lay(o *Outcome, t *Sensitivity, places int32) *Layout {
	l := &Layout{
		Scenario: o.Scenario, Runs: o.Runs, Seed: o.Seed, BandRuns: o.BandRuns,
		Metric: o.Histogram.Metric, MetricLabel: o.Histogram.Label,
		Period: o.Period, Periods: o.Periods,
		Figures: make([]Figure, len(o.Summary)), Caps: make([]CapBinding, len(o.CapBinding)),
		Inputs: make([]Input, len(o.Inputs)), Correlations: make([]Correlation, len(o.Correlations)),
		Outcome: o,
	}
	for i, m := range o.Summary {
		c := money.FloatCents
		l.Figures[i] = Figure{
			ID: m.ID, Label: m.Label, Base: c(m.Base), Mean: c(m.Mean), StdDev: c(m.StdDev), Min: c(m.Min),
			P5: c(m.P5), P10: c(m.P10), P25: c(m.P25), P50: c(m.P50), P75: c(m.P75), P90: c(m.P90), P95: c(m.P95), Max: c(m.Max),
			Moves: m.Moves(), stats: m,
		}
	}
	for i, c := range o.CapBinding {
		if c.ByYear == nil {
			c.ByYear = []YearShare{}
		}
		l.Caps[i] = c
	}
	label := map[string]string{}
	for i, in := range o.Inputs {
		k := scenario.FieldKind(in.Kind)
		label[in.Path] = in.Label
		l.Inputs[i] = Input{
			Path: in.Path, Label: in.Label, Kind: in.Kind, Dist: in.Dist,
			Base: FormatField(k, in.Base, places), P10: FormatField(k, in.P10, places),
			P50: FormatField(k, in.P50, places), P90: FormatField(k, in.P90, places),
			Kept: in.Kept,
		}
	}
	for i, g := range o.Correlations {
		c := Correlation{Inputs: append([]string{}, g.Inputs...), Labels: make([]string, len(g.Inputs)), Rho: g.Rho}
		for j, p := range g.Inputs {
			if c.Labels[j] = label[p]; c.Labels[j] == "" {
				c.Labels[j] = p
			}
		}
		l.Correlations[i] = c
	}
	if t != nil {
		tl := &TornadoLayout{Metric: t.Metric, Label: t.Label, Base: t.Base, Bars: make([]TornadoBar, len(t.Bars)), Omitted: t.Omitted}
		for i, b := range t.Bars {
			k := scenario.FieldKind(b.Kind)
			tl.Bars[i] = TornadoBar{
				Path: b.Path, Label: b.Label, Kind: b.Kind,
				Low: formatExact(k, b.Low, places), Base: formatExact(k, b.Base, places), High: formatExact(k, b.High, places),
				LowValue: b.Low, HighValue: b.High,
				MetricLow: b.MetricLow, MetricHigh: b.MetricHigh, Swing: b.Swing,
				Moves: !b.Swing.IsZero(),
			}
		}
		l.Tornado = tl
	}
	return l
}

// Moving is the figures the inputs move, in order.
func (l *Layout) Moving() []Figure {
	var out []Figure
	for _, f := range l.Figures {
		if f.Moves {
			out = append(out, f)
		}
	}
	return out
}

// formatExact is FormatField of an exact value (a tornado bar's ends).
func formatExact(k scenario.FieldKind, d decimal.Decimal, places int32) string {
	return scenario.FormatValue(k, roundDecimal(k, d, places))
}

// Glance writes a value of a field of kind k in the field's syntax, short enough
// to read at a glance in a table's column: amounts to four significant digits
// (33.1B), rates and plain numbers to four decimals (15.51%, 0.7742).
func Glance(k scenario.FieldKind, d decimal.Decimal) string {
	if k == scenario.KindAmount && !d.IsZero() {
		digits := int32(d.NumDigits()) + d.Exponent()
		return scenario.FormatValue(k, d.Round(min(2, 4-digits)))
	}
	return formatExact(k, d, 4)
}
