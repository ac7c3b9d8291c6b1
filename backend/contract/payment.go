package contract

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"dealmodel/backend/scenario"
)

// payment is a schedule of amounts paid in given quarters, from a payer to a payee.
type payment struct{}

func (payment) Name() string          { return scenario.TypePayment }
func (payment) MovesMoney() bool      { return true }
func (payment) Keys() []string        { return []string{"schedule"} }
func (payment) NumericKeys() []string { return []string{"schedule.<quarter>"} }
func (payment) Describe() Description {
	return Description{Title: "Payment", Template: "Payment", About: "One-off or scheduled transfers, such as investment tranches."}
}

func (payment) Template(c *scenario.Contract, env TemplateEnv) {
	c.Label, c.Payer, c.Payee = "Payment", "Investor", env.Party
	c.Schedule = []scenario.QuarterAmount{{Quarter: env.Scenario.Start, Amount: dec("1000000000")}}
}

func (payment) Decode(d *scenario.ContractDecoder, c *scenario.Contract) {
	if d.Need("schedule", "add schedule: quarters to amounts, such as 2026Q1: 15B") {
		c.Schedule = d.QuarterAmounts("schedule")
	}
}

func (payment) Check(k *scenario.ContractCheck, c *scenario.Contract) {
	if len(c.Schedule) == 0 {
		k.Errorf("schedule", "the schedule is empty: list at least one quarter and amount, such as 2026Q1: 15B")
	}
	for _, e := range c.Schedule {
		k.Amount("schedule."+e.Quarter.String(), e.Amount)
	}
}

func (payment) Encode(w *scenario.ContractWriter, c *scenario.Contract) {
	s := w.Mapping("schedule")
	for _, e := range c.Schedule {
		s.Line(e.Quarter.String(), scenario.FormatAmount(e.Amount))
	}
}

func (payment) Fields(c *scenario.Contract, add scenario.FieldFunc) {
	for _, e := range c.Schedule {
		add("schedule."+e.Quarter.String(), scenario.KindAmount, e.Quarter.String(), e.Amount, ptrZero, nil)
	}
}

func (payment) Ref(c *scenario.Contract, parts []string) (scenario.FieldRef, string) {
	if len(parts) != 2 || parts[0] != "schedule" {
		return scenario.FieldRef{}, ""
	}
	if q, err := scenario.ParseQuarter(parts[1], false); err == nil {
		for i := range c.Schedule {
			if c.Schedule[i].Quarter == q {
				return scenario.FieldRef{Kind: scenario.KindAmount, Ptr: &c.Schedule[i].Amount}, ""
			}
		}
	}
	return scenario.FieldRef{}, fmt.Sprintf("contract %s schedules nothing in %s", c.ID, parts[1])
}

func (payment) Eval(c *scenario.Contract, l Ledger) error {
	n, start, end := l.N(), l.Start(), l.End()
	paid := zeros(n)
	inside, outside := decimal.Zero, decimal.Zero
	for _, e := range c.Schedule {
		if e.Quarter >= start && e.Quarter <= end {
			i := e.Quarter - start
			paid[i] = paid[i].Add(e.Amount)
			inside = inside.Add(e.Amount)
		} else {
			outside = outside.Add(e.Amount)
		}
	}
	flowContract(c, l, paid, inside, outside)
	return nil
}

func (payment) Compile(c *scenario.Contract, l FloatLayout) (FloatProgram, error) {
	p := &paymentProgram{}
	for _, e := range c.Schedule {
		p.sched = append(p.sched, schedEntry{q: int(e.Quarter - l.Start()), slot: l.Slot(c, "schedule."+e.Quarter.String())})
	}
	p.paid, p.metric = compileFlow(c, l)
	return p, nil
}

type schedEntry struct{ q, slot int }

type paymentProgram struct {
	sched        []schedEntry
	paid, metric int
}

func (p *paymentProgram) Eval(w *FloatWork) error {
	n := w.N
	v := w.Vals
	paid := w.Row(p.paid)
	inside, outside := 0.0, 0.0
	for _, e := range p.sched {
		if e.q >= 0 && e.q < n {
			paid[e.q] += v[e.slot]
			inside += v[e.slot]
		} else {
			outside += v[e.slot]
		}
	}
	w.Metrics[p.metric] = inside
	w.Metrics[p.metric+1] = outside
	w.Metrics[p.metric+2] = w.NPV(paid, inside)
	return nil
}

func (payment) Parties(c *scenario.Contract) string { return payerToPayee(c) }

func (payment) Terms(s *scenario.Scenario, c *scenario.Contract) string {
	parts := make([]string, len(c.Schedule))
	for i, e := range c.Schedule {
		parts[i] = scenario.FormatAmount(e.Amount) + " in " + e.Quarter.String()
	}
	return strings.Join(parts, "; ")
}

func (payment) Views(s *scenario.Scenario, c *scenario.Contract, m Metrics) Views { return Views{} }
