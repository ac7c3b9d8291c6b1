// Package view decides what to show of a computed scenario, in a form neither the
// window nor the PDF owns: the key figures lead both, in the same order.
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
	out, stakes := []Figure{}, []Figure{}
	add := func(list *[]Figure, id, label, context, explain string) *Figure {
		m := r.MetricByID(id)
		if m == nil {
			return nil
		}
		*list = append(*list, Figure{Metric: *m, Label: label, Context: context, Explain: explain})
		return &(*list)[len(*list)-1]
	}
	first, last := sc.Start.String(), sc.End.String()
	for i := range sc.Contracts {
		c := &sc.Contracts[i]
		if !c.Enabled {
			continue
		}
		p := "contract." + c.ID
		switch c.Type {
		case scenario.TypeRevenueShare:
			base := c.Base
			if st := sc.Stream(c.Base); st != nil {
				base = st.DisplayLabel()
			}
			from, until := maxQ(c.From, sc.Start), minQ(c.Until, sc.End)
			explain := fmt.Sprintf("What %s pays %s under “%s”, %s of %s, from %s through %s",
				c.Payer, c.Payee, c.DisplayLabel(), scenario.FormatRate(c.Rate), base, from, until)
			if c.Cap != nil {
				explain += fmt.Sprintf(", limited by the %s cap", money.Short(*c.Cap))
			}
			if c.PaidBefore.IsPositive() {
				explain += fmt.Sprintf("; the %s paid before %s counts toward the cap but is not included", money.Short(c.PaidBefore), c.From)
			}
			add(&out, p+".total_paid", "Paid to "+c.Payee, fmt.Sprintf("%s–%s", from, until), explain+".")
			if c.Cap == nil {
				continue
			}
			uncapped := decimal.Zero
			if m := r.MetricByID(p + ".total_accrued"); m != nil {
				uncapped = m.Amount
			}
			add(&out, p+".cap_savings", "Saved by the cap", "of "+money.Short(uncapped)+" uncapped",
				fmt.Sprintf("What %s does not pay %s because of the %s cap: %s of %s from %s through %s would come to %s without it.",
					c.Payer, c.Payee, money.Short(*c.Cap), scenario.FormatRate(c.Rate), base, from, until, money.Short(uncapped)))
			f := add(&out, p+".cap_hit", "Cap reached", "cap of "+money.Short(*c.Cap),
				fmt.Sprintf("The quarter in which cumulative payments to %s, counting what was paid before, reach the %s cap; nothing more is paid after it.", c.Payee, money.Short(*c.Cap)))
			if f != nil && f.Metric.Null {
				f.Explain = fmt.Sprintf("Cumulative payments to %s stay below the %s cap through %s.", c.Payee, money.Short(*c.Cap), until)
			}
		case scenario.TypeEquity:
			method := "held constant"
			if c.Valuation.Method == scenario.MethodRevenueMultiple {
				method = "moving with revenue at a constant multiple"
			}
			add(&stakes, p+".value_at_end", c.Holder+"'s stake", fmt.Sprintf("%s in %s", scenario.FormatRate(c.Stake), last),
				fmt.Sprintf("%s's %s stake at a valuation of %s in %s, %s, in the last quarter of the horizon.",
					c.Holder, scenario.FormatRate(c.Stake), money.Short(c.Valuation.Amount), c.Valuation.At, method))
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
	return append(out, stakes...)
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

func maxQ(a, b scenario.Quarter) scenario.Quarter {
	if a > b {
		return a
	}
	return b
}

func minQ(a, b scenario.Quarter) scenario.Quarter {
	if a < b {
		return a
	}
	return b
}
