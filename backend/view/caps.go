package view

import (
	"github.com/shopspring/decimal"

	"dealmodel/backend/contract"
	"dealmodel/backend/engine"
	"dealmodel/backend/scenario"
)

// CapCount is what a chart of payments against a cap draws for a revenue share
// with a cap: what counts toward the cap (toward_cap; cumulative in a v1 file,
// where the count starts at from), from the period cap_from falls in, what that
// would be without the cap, and the cap in force in each period.
type CapCount struct {
	From     int // the first period drawn: the one cap_from falls in (0 before the horizon)
	CapFrom  scenario.Quarter
	Counted  []decimal.Decimal
	Uncapped []decimal.Decimal
	Cap      []*decimal.Decimal // in force at each period's last quarter; nil: none yet
	Final    decimal.Decimal    // the cap at the end of the contract's term
	Changes  bool               // the cap is not the same in every period that has one
}

// CapCountOf returns the cap chart's series of contract c in r; ok is false when
// the contract never has a cap or r lacks its series.
func CapCountOf(r *engine.Result, s *scenario.Scenario, c *scenario.Contract) (CapCount, bool) {
	capFrom, ok := contract.CapFrom(c)
	final := contract.FinalCap(c)
	if !ok || final == nil {
		return CapCount{}, false
	}
	id := "contract." + c.ID + "."
	counted := r.SeriesByID(id + "toward_cap")
	v1 := counted == nil // the count starts at from: it is the cumulative payments
	if v1 {
		counted = r.SeriesByID(id + "cumulative")
	}
	accrued, paid := r.SeriesByID(id+"accrued"), r.SeriesByID(id+"paid")
	if counted == nil || accrued == nil || paid == nil {
		return CapCount{}, false
	}
	n := len(r.Periods)
	out := CapCount{CapFrom: capFrom, Counted: counted.Values, Final: *final,
		Uncapped: make([]decimal.Decimal, n), Cap: make([]*decimal.Decimal, n)}
	// Without the cap: in v1, paid_before plus the running sum of the accrued
	// share. In v2, before cap_from nothing is held back (paid is accrued), so
	// what counts plus the sum of accrued − paid, in any period view.
	saved, run := decimal.Zero, c.PaidBefore
	for i := range n {
		saved = saved.Add(accrued.Values[i].Sub(paid.Values[i]))
		run = run.Add(accrued.Values[i])
		out.Uncapped[i] = counted.Values[i].Add(saved)
		if v1 {
			out.Uncapped[i] = run
		}
		last := lastQuarter(r, s, i)
		out.Cap[i] = contract.CapAt(c, last)
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

// lastQuarter is the last quarter of period i inside the horizon.
func lastQuarter(r *engine.Result, s *scenario.Scenario, i int) scenario.Quarter {
	if r.Period != engine.Yearly {
		return r.Quarters[i]
	}
	return min(scenario.NewQuarter(r.Quarters[i].Year(), 4), s.End)
}
