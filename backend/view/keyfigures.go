// Package view decides what to show of a computed scenario, in a form neither the
// window nor the PDF owns: the key figures that lead both, in the same order; the
// charts as neutral specs (backend/charts and backend/report draw them); what a
// comparison overlays and how figures differ; the facts the briefing states. What
// is particular to a contract type it asks the type (backend/contract).
package view

import (
	"fmt"
	"strconv"

	"github.com/shopspring/decimal"

	"dealmodel/backend/engine"
	"dealmodel/backend/money"
	"dealmodel/backend/scenario"
)

// Figure is one key figure: the metric it shows, with a caption, a line of context
// and one sentence on what it means.
type Figure struct {
	Metric  engine.Metric
	Label   string
	Context string
	Explain string
}

// KeyFigures picks what a briefing leads with, in order: for each revenue share
// what is paid, what the cap saves the payer (beside the uncapped total) and when
// the cap binds; then what is committed to compute, how much of it falls outside
// the horizon and the peak year's spend; then each stake's value at the end. Each
// says in one sentence what it means, because the same number reads differently
// with and without paid_before, inside and outside the horizon. The window's cards
// and the PDF's title page both come from this list.
func KeyFigures(sc *scenario.Scenario, r *engine.Result) []Figure {
	return keyFigures(sc, r, contractViews(sc, r))
}

// keyFigures is KeyFigures with the contracts' views asked already.
func keyFigures(sc *scenario.Scenario, r *engine.Result, views []contractView) []Figure {
	out, late := []Figure{}, []Figure{}
	add := func(list *[]Figure, id, label, context, explain string) *Figure {
		m := r.MetricByID(id)
		if m == nil {
			return nil
		}
		*list = append(*list, Figure{Metric: *m, Label: label, Context: context, Explain: explain})
		return &(*list)[len(*list)-1]
	}
	first, last := sc.Start.String(), sc.End.String()
	for _, cv := range views {
		list := &out
		if cv.Late {
			list = &late
		}
		for _, kf := range cv.Figures {
			f := add(list, "contract."+cv.c.ID+"."+kf.Measure, kf.Label, kf.Context, kf.Explain)
			if f != nil && f.Metric.Null && kf.NullExplain != "" {
				f.Explain = kf.NullExplain
			}
		}
	}
	if r.MetricByID("total.commitments.committed") != nil {
		paid := r.MetricByID("total.commitments.total_paid")
		context := "all compute commitments"
		if paid != nil {
			context = money.Short(paid.Amount) + " inside the horizon"
		}
		add(&out, "total.commitments.committed", "Compute committed", context,
			"The total of every enabled compute commitment, whether it falls inside the horizon or not.")
		add(&out, "total.commitments.outside_horizon", "Beyond the horizon", "outside "+first+"–"+last,
			fmt.Sprintf("The part of the compute commitments payable before %s or after %s: it is not drawn in the charts.", first, last))
		peakYear := ""
		if m := r.MetricByID("total.commitments.peak_year"); m != nil {
			peakYear = strconv.Itoa(m.Quarter.Year())
		}
		add(&out, "total.commitments.peak_annual", "Peak annual compute", "in "+peakYear,
			fmt.Sprintf("The highest compute spend of any calendar year under the commitments, reached in %s.", peakYear))
	}
	return append(out, late...)
}

// Short is a figure's value the short way, as cards and tiles show it: "$38.00B",
// "2029Q2", "2030", or what a missing value means ("Not reached").
func (f *Figure) Short() string {
	m := &f.Metric
	switch m.Kind {
	case engine.QuarterValue:
		if m.Null {
			return "Not reached"
		}
		return m.Quarter.String()
	case engine.YearValue:
		return strconv.Itoa(m.Quarter.Year())
	}
	return money.Short(m.Amount)
}

// Delta is how a figure moved from another state of the scenario (the saved
// revision): for amounts the exact difference, for quarters the number of quarters
// later (negative: earlier) and whether it appeared or vanished.
type Delta struct {
	// Was is the other state's value, as Figure.Short writes it.
	Was string
	// Amount is now minus was, for amounts.
	Amount decimal.Decimal
	// Quarters is how many quarters later the figure falls now, for quarters and
	// years that have a value in both states.
	Quarters int
	// Changed says the figure differs at all.
	Changed bool
}

// Compare says how figure f moved from was, the same metric in another state.
func Compare(f, was *engine.Metric) Delta {
	w := Figure{Metric: *was}
	d := Delta{Was: w.Short()}
	switch f.Kind {
	case engine.QuarterValue, engine.YearValue:
		switch {
		case f.Null != was.Null:
			d.Changed = true
		case !f.Null:
			d.Quarters = int(f.Quarter) - int(was.Quarter)
			d.Changed = d.Quarters != 0
		}
	default:
		d.Amount = f.Amount.Sub(was.Amount)
		d.Changed = !d.Amount.IsZero()
	}
	return d
}
