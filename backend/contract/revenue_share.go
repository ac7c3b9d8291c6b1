package contract

import (
	"fmt"
	"math"

	"github.com/shopspring/decimal"

	"dealmodel/backend/money"
	"dealmodel/backend/scenario"
)

// revenueShare pays a rate of a revenue stream from one party to another, up to a
// cumulative cap (what was paid before the horizon counts toward it).
type revenueShare struct{}

func (revenueShare) Name() string     { return scenario.TypeRevenueShare }
func (revenueShare) MovesMoney() bool { return true }
func (revenueShare) Keys() []string {
	return []string{"base", "rate", "from", "until", "cap", "paid_before"}
}
func (revenueShare) NumericKeys() []string { return []string{"rate", "cap", "paid_before"} }
func (revenueShare) Describe() Description {
	return Description{Title: "Revenue share", Template: "Revenue share", About: "A share of a revenue stream, optionally up to a cumulative cap."}
}

func (revenueShare) Template(c *scenario.Contract, env TemplateEnv) {
	capAmount := dec("20000000000")
	c.Label, c.Payer, c.Payee = "Revenue share", env.Party, "Partner"
	c.Base, c.Rate, c.Cap = env.Stream(), dec("0.1"), &capAmount
}

func (revenueShare) Decode(d *scenario.ContractDecoder, c *scenario.Contract) {
	if d.Need("base", "add base: the id of the stream the share is taken of") {
		c.Base, _ = d.Str("base")
	}
	if d.Need("rate", "add rate: the share of the base, such as 20%") {
		c.Rate, _ = d.Rate("rate")
	}
	if v, ok := d.Amount("cap"); ok {
		c.Cap = &v
	}
	if d.Has("paid_before") {
		c.PaidBefore, _ = d.Amount("paid_before")
	}
}

func (revenueShare) Check(k *scenario.ContractCheck, c *scenario.Contract) {
	if c.From > c.Until {
		k.Errorf("from", "from (%s) is after until (%s): from must be the same quarter as until or earlier", c.From, c.Until)
	}
	if c.Base != "" {
		k.Stream("base", c.Base, ": base names a stream id under streams")
	}
	k.Rate("rate", c.Rate, zero, one)
	k.Amount("paid_before", c.PaidBefore)
	if c.Cap != nil {
		k.Amount("cap", *c.Cap)
		if c.Cap.LessThan(c.PaidBefore) {
			k.Errorf("cap", "the cap (%s) is below paid_before (%s): what was paid before counts toward the cap, so the cap must be at least as large", scenario.FormatAmount(*c.Cap), scenario.FormatAmount(c.PaidBefore))
		}
	}
}

func (revenueShare) Encode(w *scenario.ContractWriter, c *scenario.Contract) {
	w.Line("base", c.Base)
	w.Line("rate", scenario.FormatRate(c.Rate))
	w.FromUntil(true)
	if c.Cap != nil {
		w.Line("cap", scenario.FormatAmount(*c.Cap))
	}
	if !c.PaidBefore.IsZero() {
		w.Line("paid_before", scenario.FormatAmount(c.PaidBefore))
	}
}

func (revenueShare) Fields(c *scenario.Contract, add scenario.FieldFunc) {
	add("rate", scenario.KindRate, "rate", c.Rate, ptrZero, ptrOne)
	if c.Cap != nil {
		add("cap", scenario.KindAmount, "cap", *c.Cap, ptrZero, nil)
	}
	add("paid_before", scenario.KindAmount, "paid before", c.PaidBefore, ptrZero, nil)
}

func (revenueShare) Ref(c *scenario.Contract, parts []string) (scenario.FieldRef, string) {
	if len(parts) != 1 {
		return scenario.FieldRef{}, ""
	}
	switch parts[0] {
	case "rate":
		return scenario.FieldRef{Kind: scenario.KindRate, Ptr: &c.Rate}, ""
	case "cap":
		if c.Cap == nil {
			return scenario.FieldRef{}, fmt.Sprintf("contract %s has no cap", c.ID)
		}
		return scenario.FieldRef{Kind: scenario.KindAmount, Ptr: c.Cap}, ""
	case "paid_before":
		return scenario.FieldRef{Kind: scenario.KindAmount, Ptr: &c.PaidBefore}, ""
	}
	return scenario.FieldRef{}, ""
}

// Bounds narrows a field's range by the rules across the contract's fields: the
// cap cannot be below what was paid before it.
func (revenueShare) Bounds(c *scenario.Contract, key string) (lo, hi *decimal.Decimal) {
	if c.Cap == nil {
		return nil, nil
	}
	switch key {
	case "cap":
		return &c.PaidBefore, nil
	case "paid_before":
		return nil, c.Cap
	}
	return nil, nil
}

func (revenueShare) Eval(c *scenario.Contract, l Ledger) error {
	base, ok := l.Stream(c.Base)
	if !ok {
		return fmt.Errorf("contract %s: base stream %q is not defined", c.ID, c.Base)
	}
	n, start := l.N(), l.Start()
	accrued, paid, cum := zeros(n), zeros(n), make([]decimal.Decimal, n)
	sumPaid, sumAccrued := decimal.Zero, decimal.Zero
	// room is what the cap still allows; nil without a cap.
	var room *decimal.Decimal
	if c.Cap != nil {
		r := c.Cap.Sub(c.PaidBefore)
		room = &r
	}
	capHit, hit := scenario.Quarter(0), false
	if c.Cap != nil && c.PaidBefore.Cmp(*c.Cap) >= 0 {
		capHit, hit = c.From, true // reached before the first quarter the contract counts
	}
	for i := range n {
		q := start + scenario.Quarter(i)
		if q >= c.From && q <= c.Until {
			a := c.Rate.Mul(base[i])
			p := a
			if room != nil {
				if room.Sign() <= 0 {
					p = decimal.Zero
				} else if a.Cmp(*room) > 0 {
					p = *room
				}
				r := room.Sub(p)
				room = &r
			}
			accrued[i], paid[i] = a, p
			sumAccrued = sumAccrued.Add(a)
			sumPaid = sumPaid.Add(p)
		}
		if c.PaidBefore.IsZero() {
			cum[i] = sumPaid
		} else {
			cum[i] = c.PaidBefore.Add(sumPaid)
		}
		if !hit && c.Cap != nil && q >= c.From && cum[i].Cmp(*c.Cap) >= 0 {
			capHit, hit = q, true
		}
	}
	l.Flow(c, "accrued", "accrued", accrued)
	l.Flow(c, "paid", "paid", paid)
	l.Level(c, "cumulative", "cumulative paid", cum)
	l.Amount(c, "total_paid", "total paid", sumPaid)
	l.Quarter(c, "cap_hit", "quarter the cap binds", capHit, hit)
	l.Amount(c, "npv", "net present value", l.NPV(paid, sumPaid))
	l.Amount(c, "total_accrued", "total before the cap", sumAccrued)
	l.Amount(c, "cap_savings", "paid less because of the cap", sumAccrued.Sub(sumPaid))
	l.Transfer(c, paid)
	return nil
}

func (revenueShare) Compile(c *scenario.Contract, l FloatLayout) (FloatProgram, error) {
	b, ok := l.StreamRow(c.Base)
	if !ok {
		return nil, fmt.Errorf("contract %s: base stream %q is not defined", c.ID, c.Base)
	}
	start := l.Start()
	p := &revenueShareProgram{c: c, base: b, start: start, cap: -1,
		from: int(c.From - start), until: int(c.Until - start)}
	p.rate = l.Slot(c, "rate")
	p.paidPrev = l.Slot(c, "paid_before")
	if c.Cap != nil {
		p.cap = l.Slot(c, "cap")
	}
	p.accrued = l.Flow(c, "accrued")
	p.paid = l.Flow(c, "paid")
	p.cum = l.Level(c, "cumulative")
	p.metric = l.Amount(c, "total_paid")
	p.capHit = l.Quarter(c, "cap_hit")
	l.Amount(c, "npv")
	l.Amount(c, "total_accrued")
	l.Amount(c, "cap_savings")
	l.Transfer(c, p.paid)
	l.Band(p.paid)
	l.Band(p.cum)
	l.Headline(p.metric)
	l.CapBinding(c, p.capHit, c.Cap != nil)
	return p, nil
}

type revenueShareProgram struct {
	c                   *scenario.Contract
	start               scenario.Quarter
	from, until         int
	base                int // stream row
	rate, cap, paidPrev int // slots; cap is -1 without a cap
	accrued, paid, cum  int // rows
	metric, capHit      int
}

func (p *revenueShareProgram) Eval(w *FloatWork) error {
	n := w.N
	v := w.Vals
	base := w.Row(p.base)
	accrued, paid, cum := w.Row(p.accrued), w.Row(p.paid), w.Row(p.cum)
	rate, prevPaid := v[p.rate], v[p.paidPrev]
	hasCap := p.cap >= 0
	capV, room, tie := 0.0, 0.0, 0.0
	if hasCap {
		capV = v[p.cap]
		room = capV - prevPaid
		tie = CapTie * math.Abs(capV)
	}
	hit := hasCap && prevPaid >= capV
	hitQ := math.NaN()
	if hit {
		hitQ = float64(p.c.From) // reached before the first quarter the contract counts
	}
	sumPaid, sumAccrued := 0.0, 0.0
	filled := false // the payments have filled the cap: cumulative is the cap itself
	for i := range n {
		bound := false
		if i >= p.from && i <= p.until {
			a := rate * base[i]
			pay := a
			if hasCap {
				switch {
				case room <= 0:
					pay = 0
				case a >= room-tie:
					pay, bound = room, true
				}
				room -= pay
			}
			accrued[i], paid[i] = a, pay
			sumAccrued += a
			sumPaid += pay
		}
		cum[i] = prevPaid + sumPaid
		if bound {
			filled = true
			if !hit {
				hit, hitQ = true, float64(p.start+scenario.Quarter(i))
			}
		}
		if filled {
			cum[i] = capV
		}
	}
	w.Metrics[p.metric] = sumPaid
	w.Metrics[p.capHit] = hitQ
	w.Metrics[p.metric+2] = w.NPV(paid, sumPaid)
	w.Metrics[p.metric+3] = sumAccrued
	w.Metrics[p.metric+4] = sumAccrued - sumPaid
	return nil
}

func (revenueShare) Parties(c *scenario.Contract) string { return payerToPayee(c) }

func (revenueShare) Terms(s *scenario.Scenario, c *scenario.Contract) string {
	t := fmt.Sprintf("%s of %s, %s", scenario.FormatRate(c.Rate), streamLabel(s, c.Base), span(c.From, c.Until))
	if c.Cap != nil {
		t += ", cumulative cap " + scenario.FormatAmount(*c.Cap)
	} else {
		t += ", no cap"
	}
	if c.PaidBefore.Sign() > 0 {
		t += ", " + scenario.FormatAmount(c.PaidBefore) + " paid before"
	}
	return t
}

func (revenueShare) Views(s *scenario.Scenario, c *scenario.Contract, m Metrics) Views {
	base := streamLabel(s, c.Base)
	from, until := max(c.From, s.Start), min(c.Until, s.End)
	explain := fmt.Sprintf("What %s pays %s under “%s”, %s of %s, from %s through %s",
		c.Payer, c.Payee, c.DisplayLabel(), scenario.FormatRate(c.Rate), base, from, until)
	if c.Cap != nil {
		explain += fmt.Sprintf(", limited by the %s cap", money.Short(*c.Cap))
	}
	if c.PaidBefore.IsPositive() {
		explain += fmt.Sprintf("; the %s paid before %s counts toward the cap but is not included", money.Short(c.PaidBefore), c.From)
	}
	v := Views{
		Figures: []Figure{{Measure: "total_paid", Label: "Paid to " + c.Payee, Context: fmt.Sprintf("%s–%s", from, until), Explain: explain + "."}},
		Charts:  []Chart{{Kind: ChartRevenueShare, Title: c.DisplayLabel() + ": revenue and payments", Print: true}},
		Overlays: []Overlay{{Measure: "cumulative", Title: c.DisplayLabel() + ": cumulative payments",
			Note: "Each scenario's cumulative payments; dashed lines are the caps.", Cap: true}},
	}
	if c.Cap == nil {
		v.Charts = append(v.Charts, Chart{Kind: ChartCumulative, Title: c.DisplayLabel() + ": cumulative payments"})
		return v
	}
	// Without a cap the PDF's revenue chart already carries the cumulative line.
	v.Charts = append(v.Charts, Chart{Kind: ChartCumulative, Title: c.DisplayLabel() + ": cumulative payments and the cap", Print: true})
	uncapped, _, _ := m.Metric("total_accrued")
	capShort := money.Short(*c.Cap)
	v.Figures = append(v.Figures,
		Figure{Measure: "cap_savings", Label: "Saved by the cap", Context: "of " + money.Short(uncapped) + " uncapped",
			Explain: fmt.Sprintf("What %s does not pay %s because of the %s cap: %s of %s from %s through %s would come to %s without it.",
				c.Payer, c.Payee, capShort, scenario.FormatRate(c.Rate), base, from, until, money.Short(uncapped))},
		Figure{Measure: "cap_hit", Label: "Cap reached", Context: "cap of " + capShort,
			Explain:     fmt.Sprintf("The quarter in which cumulative payments to %s, counting what was paid before, reach the %s cap; nothing more is paid after it.", c.Payee, capShort),
			NullExplain: fmt.Sprintf("Cumulative payments to %s stay below the %s cap through %s.", c.Payee, capShort, until)})
	return v
}
