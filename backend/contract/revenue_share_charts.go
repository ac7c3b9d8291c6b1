package contract

import (
	"fmt"

	"github.com/shopspring/decimal"

	"dealmodel/backend/money"
	"dealmodel/backend/plot"
	"dealmodel/backend/scenario"
)

// Chart kinds of a revenue share's own charts.
const (
	ChartRevenueShare = "revenue_share"  // base revenue, payments, accruals
	ChartCumulative   = "cumulative_cap" // cumulative payments against the cap
)

// Names of the mark lines of a cap, read by the frontend to format their labels.
const (
	MarkCap        = "Cap"
	MarkCapReached = "Cap reached"
)

// revenueSharePlot draws a revenue share period by period: its base revenue and the
// payments (bars, payments drawn over the revenue) and the share before the cap
// (dashed: what would be paid without it). On paper, with no tooltip to ask, it
// also carries the cumulative payments, the cap and the quarter the cap binds.
func revenueSharePlot(s *scenario.Scenario, c *scenario.Contract, m Metrics) plot.Plot {
	id := "contract." + c.ID + "."
	base, _ := m.Stream(Share(c).Base)
	paid, _ := m.Series("paid")
	accrued, _ := m.Series("accrued")
	cum, _ := m.Series("cumulative")
	p := plot.Plot{
		PrintTitle: fmt.Sprintf("%s: revenue and payments by %s", c.DisplayLabel(), plot.By(m)),
		Note:       revenueShareNote(s, c, m),
		BarMode:    plot.Overlap,
		Bars:       StreamBars(s, Share(c).Base, "stream."+Share(c).Base, streamLabel(s, Share(c).Base), plot.Color(0), true, base, m),
		Lines: []plot.Series{
			{ID: id + "accrued", Name: "Share before cap", Values: accrued, Dashed: true, On: plot.Screen},
			{ID: id + "accrued", Name: "Accrued before cap", Values: accrued, Dashed: true, On: plot.Print},
			{ID: id + "cumulative", Name: "Cumulative paid", Values: cum, Bold: true, On: plot.Print},
		},
	}
	paidBar := plot.Series{ID: id + "paid", Name: "Paid", Values: paid}
	if len(p.Bars) > 1 {
		// The revenue is in two parts: Paid and the share before the cap keep
		// their colours.
		paidBar.Color = plot.Color(1)
		for i := range p.Lines {
			p.Lines[i].Color = plot.Color(2)
			if p.Lines[i].ID == id+"cumulative" {
				p.Lines[i].Color = plot.Color(3)
			}
		}
	}
	p.Bars = append(p.Bars, paidBar)
	if capV := FinalCap(c); capV != nil {
		p.Refs = []plot.Ref{{Name: MarkCap, Label: "Cap " + money.Short(*capV), Value: *capV, Color: plot.CapColor, On: plot.Print}}
		if i, q, ok := capHitPeriod(m); ok {
			p.Marks = []plot.Mark{{Name: MarkCapReached, Label: "Cap binds " + q.String(), Index: i, Quarter: q, Color: plot.CapColor, On: plot.Print}}
			p.Points = []plot.Point{{Name: MarkCapReached, Index: i, Value: cum[i], Quarter: q, Color: plot.CapColor, On: plot.Print}}
		}
	}
	return p
}

func revenueShareNote(s *scenario.Scenario, c *scenario.Contract, m Metrics) string {
	note := fmt.Sprintf("%s (light bars) and what %s pays %s (bars), against what the %s rate alone would give (dashed).", streamLabel(s, Share(c).Base), c.Payer, c.Payee, scenario.FormatRate(Share(c).Rate))
	if aq := ActualQuarters(s, Share(c).Base); aq != "" {
		note += fmt.Sprintf(" Solid revenue bars are reported quarters (%s); light ones are plan.", aq)
	}
	if q, ok := m.Quarter("cap_hit"); HasCap(c) && ok {
		note += fmt.Sprintf(" The dotted line marks %s, the quarter the cap binds.", q)
	}
	return note
}

// cumulativePlot draws a revenue share's cumulative payments (paid_before
// included). With a cap: what counts toward it (from cap_from) against the cap, the
// period in which the cap binds as a vertical line and a point, and, dashed, what
// would count without the cap, so the gap shows what the cap saves (a shaded band
// on paper). A cap changed by dated changes is drawn as a step line of the cap in
// force instead of one level.
func cumulativePlot(s *scenario.Scenario, c *scenario.Contract, m Metrics) plot.Plot {
	id := "contract." + c.ID + "."
	cc, hasCap := capCountOf(c, m)
	if !hasCap {
		cum, _ := m.Series("cumulative")
		return plot.Plot{Lines: []plot.Series{{ID: id + "cumulative", Name: "Cumulative paid", Values: cum, Bold: true, Area: 0.10, On: plot.Screen}}}
	}
	gaps := make([]bool, len(cc.Counted))
	for i := range cc.From {
		gaps[i] = true
	}
	name, sid, col := "Cumulative paid", id+"cumulative", plot.Color(3)
	if _, ok := m.Series("toward_cap"); ok {
		name, sid, col = "Counted toward the cap from "+cc.CapFrom.String(), id+"toward_cap", plot.Color(0)
	}
	p := plot.Plot{
		PrintTitle: fmt.Sprintf("%s: cumulative payments and the cap", c.DisplayLabel()),
		Note:       cumulativeNote(c, cc, m),
		Bands:      []plot.Band{{Name: "Saved by the cap", Lo: cc.Counted, Hi: cc.Uncapped, Gaps: gaps, Color: plot.Color(2), On: plot.Print}},
		Lines: []plot.Series{
			{ID: sid, Name: name, Values: cc.Counted, Gaps: gaps, Bold: true, Area: 0.10, Marked: true, On: plot.Screen},
			{ID: id + "accrued.cumulative", Name: "Without the cap", Values: cc.Uncapped, Gaps: gaps, Dashed: true, On: plot.Screen},
			{ID: id + "accrued.cumulative", Name: "Without the cap", Values: cc.Uncapped, Gaps: gaps, Dashed: true, Color: plot.Color(2), On: plot.Print},
			{ID: sid, Name: name, Values: cc.Counted, Gaps: gaps, Bold: true, Color: col, On: plot.Print},
		},
	}
	if cc.Changes {
		values := make([]decimal.Decimal, len(cc.Cap))
		none, beforeCount := make([]bool, len(cc.Cap)), make([]bool, len(cc.Cap))
		for i, v := range cc.Cap {
			if v == nil {
				none[i], beforeCount[i] = true, true
				continue
			}
			values[i] = *v
			beforeCount[i] = i < cc.From
		}
		capLine := plot.Series{ID: id + "cap", Name: "Cap in force", Values: values, Dashed: true, Step: true, Color: plot.CapColor}
		screen, paper := capLine, capLine
		screen.Gaps, screen.On = beforeCount, plot.Screen
		paper.Gaps, paper.On = none, plot.Print
		p.Lines = append(p.Lines, screen, paper)
	} else {
		p.Refs = []plot.Ref{{Name: MarkCap, Label: "Cap " + money.Short(cc.Final), Value: cc.Final, Color: plot.CapColor}}
	}
	if i, q, ok := capHitPeriod(m); ok {
		p.Marks = []plot.Mark{{Name: MarkCapReached, Label: "Cap binds " + q.String(), Index: i, Quarter: q, Color: plot.CapColor}}
		p.Points = []plot.Point{{Name: MarkCapReached, Index: i, Value: cc.Counted[i], Quarter: q, Color: plot.CapColor}}
	}
	return p
}

func cumulativeNote(c *scenario.Contract, cc capCount, m Metrics) string {
	saved, _, _ := m.Metric("cap_savings")
	note := "Payments added up since the start (including any paid before the contract's first quarter), against the cap."
	if _, ok := m.Series("toward_cap"); ok {
		note = fmt.Sprintf("Payments that count toward the cap, added up from %s (with any paid before that counts), against the cap in force.", cc.CapFrom)
	}
	if saved.Sign() > 0 {
		note += fmt.Sprintf(" The shaded area is what the cap saves: %s over the term.", money.Short(saved))
	}
	return note
}

// capHitPeriod is the index of the period that holds the contract's cap_hit
// quarter, and the quarter.
func capHitPeriod(m Metrics) (int, scenario.Quarter, bool) {
	q, ok := m.Quarter("cap_hit")
	if !ok {
		return 0, 0, false
	}
	i := m.PeriodOf(q)
	if i < 0 {
		return 0, 0, false
	}
	return i, q, true
}

// capCount is what a chart of payments against a cap draws for a revenue share
// with a cap: what counts toward the cap (toward_cap; cumulative in a v1 file,
// where the count starts at from), from the period cap_from falls in, what that
// would be without the cap, and the cap in force in each period.
type capCount struct {
	From     int // the first period drawn: the one cap_from falls in (0 before the horizon)
	CapFrom  scenario.Quarter
	Counted  []decimal.Decimal
	Uncapped []decimal.Decimal
	Cap      []*decimal.Decimal // in force at each period's last quarter; nil: none yet
	Final    decimal.Decimal    // the cap at the end of the contract's term
	Changes  bool               // the cap is not the same in every period that has one
}

// capCountOf returns the cap chart's series of contract c; ok is false when the
// contract never has a cap or the result lacks its series.
func capCountOf(c *scenario.Contract, m Metrics) (capCount, bool) {
	capFrom, ok := CapFrom(c)
	final := FinalCap(c)
	if !ok || final == nil {
		return capCount{}, false
	}
	counted, found := m.Series("toward_cap")
	v1 := !found // the count starts at from: it is the cumulative payments
	if v1 {
		counted, found = m.Series("cumulative")
	}
	accrued, okA := m.Series("accrued")
	paid, okP := m.Series("paid")
	if !found || !okA || !okP {
		return capCount{}, false
	}
	n := len(m.Periods())
	out := capCount{CapFrom: capFrom, Counted: counted, Final: *final,
		Uncapped: make([]decimal.Decimal, n), Cap: make([]*decimal.Decimal, n)}
	// Without the cap: in v1, paid_before plus the running sum of the accrued
	// share. In v2, before cap_from nothing is held back (paid is accrued), so
	// what counts plus the sum of accrued − paid, in any period view.
	saved, run := decimal.Zero, Share(c).PaidBefore
	for i := range n {
		saved = saved.Add(accrued[i].Sub(paid[i]))
		run = run.Add(accrued[i])
		out.Uncapped[i] = counted[i].Add(saved)
		if v1 {
			out.Uncapped[i] = run
		}
		last := m.LastQuarter(i)
		out.Cap[i] = CapAt(c, last)
		if last < capFrom {
			out.From = i + 1
		}
		if out.Cap[i] != nil && !out.Cap[i].Equal(*final) {
			out.Changes = true
		}
	}
	if out.From >= n {
		out.From = n - 1
	}
	return out, true
}
