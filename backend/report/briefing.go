package report

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/shopspring/decimal"

	"dealmodel/backend/engine"
	"dealmodel/backend/scenario"
	"dealmodel/backend/sim"
)

// Paper is the page size of a briefing.
type Paper string

// Paper sizes.
const (
	A4     Paper = "a4"
	Letter Paper = "letter"
)

// Briefing is what the PDF briefing is made from: one scenario with its result,
// optionally other scenarios to compare it with and simulation results, the page
// setup, and the facts printed in the title block and the footer.
//
// Now and Revision are fields rather than looked up while writing, so that the same
// Briefing always gives the same bytes: tests and golden checks depend on it.
type Briefing struct {
	Scenario *scenario.Scenario
	// Result is Scenario's quarterly result; nil: WritePDF runs the engine.
	Result *engine.Result
	// Revision names the saved version of Scenario: a store revision ("r12") or a
	// content hash for a file. Empty: "unsaved".
	Revision string
	// Now is the generation time shown on the first page and in every footer.
	// Zero: the time WritePDF is called.
	Now time.Time
	// Period is the granularity of the charts: engine.Quarterly (the default) or
	// engine.Yearly. The schedule table is always by year; the CSV export carries
	// the quarterly detail.
	Period engine.Period
	// Paper is the page size; empty is A4.
	Paper Paper
	// Landscape turns the pages; portrait is the default.
	Landscape bool
	// Compare lists other scenarios to set against this one. With at least one, the
	// briefing has a comparison section: summary deltas and overlaid key series.
	Compare []Alternative
	// Unsaved says Scenario differs from its saved version: the first page says
	// so, and the scenario's notes are marked as describing the saved inputs.
	Unsaved bool
	// SummaryOnly writes the one-page executive summary alone, without the full
	// report that otherwise follows it.
	SummaryOnly bool
	// Uncertainty holds simulation results. Nil omits the uncertainty section (the
	// ranges the scenario declares are listed with the assumptions either way).
	Uncertainty *Uncertainty
	// Table, when set, adds a page with a two-way table (dealmodel table) of
	// Scenario: a heatmap with the figures and the base case outlined.
	Table *sim.TwoWay

	// uncompressed leaves the content streams readable, for tests that count the
	// drawing operators of the charts.
	uncompressed bool
}

// Alternative is a scenario compared with the briefing's own.
type Alternative struct {
	Scenario *scenario.Scenario
	// Result is Scenario's quarterly result; nil: WritePDF runs the engine.
	Result *engine.Result
	// Revision names the saved version, as Briefing.Revision.
	Revision string
}

// Uncertainty is what a simulation contributes to a briefing. Every part is
// optional: the section shows the parts that are present. Simulated figures are
// float64 dollars, as the simulator gives them: estimates, not exact amounts.
type Uncertainty struct {
	Runs int   // number of simulated runs
	Seed int64 // the random seed, so a reader can reproduce the figures
	// Note is one or two sentences on the method, printed under the heading.
	Note string
	// Correlated says which inputs are drawn together and how, one sentence per
	// correlation group; empty when every input is drawn on its own.
	Correlated []string
	// Metrics are percentiles of summary amounts across the runs.
	Metrics []MetricRange
	// Caps say by which quarter each revenue share's cap has bound.
	Caps []CapRange
	// Fans are period-by-period bands (P10 to P90 around the median).
	Fans []Fan
	// Tornado shows how far one output moves when each input goes to its ends.
	Tornado *Tornado
	// Histogram is how the runs spread over the headline figure; nil omits it.
	Histogram *Histogram
}

// Histogram counts the runs of one figure in equal bins: bin i holds the runs
// from Edges[i] to Edges[i+1]. Written is the figure in the scenario as written,
// marked on the chart when HasWritten.
type Histogram struct {
	Title      string
	Edges      []float64
	Counts     []int
	Written    float64
	HasWritten bool
}

// MetricRange is the spread of one summary amount across the runs.
type MetricRange struct {
	Label         string
	P10, P50, P90 float64
}

// CapRange is the quarter by which a cap has bound in 10%, 50% and 90% of the runs;
// "" when that share of runs does not reach the cap inside the horizon.
type CapRange struct {
	Contract      string // the revenue share's id, to find when it binds as written
	Label         string
	P10, P50, P90 string
	// ByYear is, for each year of the horizon, the share of runs in which the cap
	// has bound by the end of that year: the cap-odds table.
	ByYear []YearOdds
}

// YearOdds is a probability for one calendar year.
type YearOdds struct {
	Year int
	P    float64
}

// Fan is a series' spread per period across the runs. Written is the series in
// the scenario as written (nil: not drawn), and Cap the level at which its
// cumulative payments stop under the cap (0: no cap), as the window draws them.
type Fan struct {
	Title         string
	Periods       []string
	P10, P50, P90 []float64
	Written       []float64
	Cap           float64
}

// Tornado is a one-at-a-time sensitivity of one output. Its figures are exact: each
// is an engine run with one input moved.
type Tornado struct {
	Title string          // the output, e.g. "Revenue share to Microsoft: total paid"
	Base  decimal.Decimal // the output with every input at its base value
	Bars  []Swing         // widest first, as the simulator ranks them
	// Omitted counts the inputs left out: those that move the output least.
	Omitted int
}

// Swing is the output with one input at its low end and at its high end.
type Swing struct {
	Input     string
	Low, High decimal.Decimal
}

// UnprintableNote is what the briefing says under its title when it replaced
// characters its font cannot hold; the command line and the app say it too.
const UnprintableNote = "Characters this PDF's font cannot show (emoji and other symbols beyond the Basic Multilingual Plane, control characters) are printed as \uFFFD."

// WritePDF writes the briefing as a PDF. The document is built in memory first, so
// that an error leaves w untouched.
func WritePDF(w io.Writer, b *Briefing) error {
	in, err := prepare(b)
	if err != nil {
		return err
	}
	d, err := newDoc(in)
	if err != nil {
		return err
	}
	d.render()
	var buf bytes.Buffer
	if err := d.finish(&buf); err != nil {
		return fmt.Errorf("briefing: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// subject is a scenario ready to print: its quarterly result and the result at the
// briefing's period.
type subject struct {
	s        *scenario.Scenario
	q        *engine.Result // quarterly
	r        *engine.Result // at the briefing's period
	revision string
}

// input is a checked Briefing with every result computed.
type input struct {
	b      *Briefing
	main   subject
	others []subject
	now    time.Time
	yearly bool
	// list says which contracts and streams the briefing describes one by one.
	list listing
}

func prepare(b *Briefing) (*input, error) {
	if b == nil || b.Scenario == nil {
		return nil, errors.New("briefing: no scenario")
	}
	switch b.Paper {
	case "", A4, Letter:
	default:
		return nil, fmt.Errorf("briefing: paper %q is not a4 or letter", b.Paper)
	}
	switch b.Period {
	case "", engine.Quarterly, engine.Yearly:
	default:
		return nil, fmt.Errorf("briefing: period %q is not quarter or year", b.Period)
	}
	in := &input{b: b, now: b.Now, yearly: b.Period == engine.Yearly}
	if in.now.IsZero() {
		in.now = time.Now()
	}
	var err error
	if in.main, err = in.subject(b.Scenario, b.Result, b.Revision); err != nil {
		return nil, err
	}
	in.list = listingOf(in.main.s, in.main.q)
	for _, a := range b.Compare {
		if a.Scenario == nil {
			return nil, errors.New("briefing: a compared scenario is missing")
		}
		sub, err := in.subject(a.Scenario, a.Result, a.Revision)
		if err != nil {
			return nil, err
		}
		in.others = append(in.others, sub)
	}
	return in, nil
}

func (in *input) subject(s *scenario.Scenario, r *engine.Result, rev string) (subject, error) {
	if r == nil {
		var err error
		if r, err = engine.Run(s); err != nil {
			return subject{}, err
		}
	}
	if r.Period != engine.Quarterly {
		return subject{}, fmt.Errorf("briefing: the result of %q must be quarterly (the briefing aggregates it)", s.Name)
	}
	sub := subject{s: s, q: r, r: r, revision: rev}
	if in.yearly {
		sub.r = r.ByYear()
	}
	return sub, nil
}
