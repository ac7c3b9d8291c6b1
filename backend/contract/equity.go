package contract

import (
	"fmt"

	"github.com/shopspring/decimal"

	"dealmodel/backend/money"
	"dealmodel/backend/scenario"
)

// equity is a stake a holder has in a company valued at an amount on a date, held
// constant or moving with a revenue stream at a constant multiple. It moves no money.
type equity struct{}

var valuationKeys = []string{"amount", "at", "method", "stream"}

func (equity) Name() string          { return scenario.TypeEquity }
func (equity) MovesMoney() bool      { return false }
func (equity) Keys() []string        { return []string{"holder", "stake", "valuation"} }
func (equity) NumericKeys() []string { return []string{"stake", "valuation.amount"} }
func (equity) Describe() Description {
	return Description{Title: "Equity stake", Template: "Stake", About: "A holder's stake valued at a constant valuation or a revenue multiple."}
}

func (equity) Template(c *scenario.Contract, env TemplateEnv) {
	c.Label, c.Holder = "Stake", "Investor"
	c.Stake = dec("0.1")
	c.Valuation = scenario.Valuation{Amount: dec("100000000000"), At: env.Scenario.Start, Method: scenario.MethodConstant}
}

func (equity) Decode(d *scenario.ContractDecoder, c *scenario.Contract) {
	if d.Need("holder", "add holder: the party that holds the stake, such as Microsoft") {
		c.Holder, _ = d.Str("holder")
	}
	if d.Need("stake", "add stake: the share held, such as 27%") {
		c.Stake, _ = d.Rate("stake")
	}
	if d.Need("valuation", "add valuation: with amount and at") {
		c.Valuation = scenario.Valuation{Method: scenario.MethodConstant}
		v := d.Mapping("valuation", valuationKeys)
		if v == nil {
			return
		}
		if v.Need("amount", "add amount: the company's valuation, such as 852B") {
			c.Valuation.Amount, _ = v.Amount("amount")
		}
		if v.Need("at", "add at: the quarter of the valuation, such as 2026Q1") {
			c.Valuation.At, _ = v.Quarter("at", false)
		}
		if m, ok := v.Str("method"); ok {
			if m != scenario.MethodConstant && m != scenario.MethodRevenueMultiple {
				v.Errorf("method", "unknown method %q: valid methods are constant, revenue_multiple", m)
			}
			c.Valuation.Method = m
		}
		if v.Has("stream") {
			c.Valuation.Stream, _ = v.Str("stream")
		}
	}
}

func (equity) Check(k *scenario.ContractCheck, c *scenario.Contract) {
	s := k.Scenario()
	k.Party("holder", c.Holder)
	k.Rate("stake", c.Stake, zero, one)
	v := c.Valuation
	k.Amount("valuation.amount", v.Amount)
	if v.At < s.Start || v.At > s.End {
		k.Errorf("valuation.at", "%s is outside the horizon %s..%s: the valuation must be dated inside it", v.At, s.Start, s.End)
	}
	switch v.Method {
	case scenario.MethodRevenueMultiple:
		if v.Stream == "" {
			k.Errorf("valuation.stream", "missing: method revenue_multiple needs stream: the id of the revenue stream the multiple applies to")
		} else if st := k.Stream("valuation.stream", v.Stream, ""); st != nil && v.At >= s.Start && v.At <= s.End && len(st.Annual) > 0 {
			y := v.At.Year()
			amt := st.YearAmounts(y, y)[0]
			if a, ok := st.Actual(v.At); ok {
				amt = a
			}
			if amt.IsZero() {
				k.Errorf("valuation.at", "stream %s is 0 in %s, so no revenue multiple can be taken there: date the valuation in a quarter with revenue", st.ID, v.At)
			}
		}
	case scenario.MethodConstant:
		if v.Stream != "" {
			k.Errorf("valuation.stream", "stream applies only with method: revenue_multiple")
		}
	}
}

func (equity) Encode(w *scenario.ContractWriter, c *scenario.Contract) {
	w.Line("holder", scenario.Quote(c.Holder))
	w.Line("stake", scenario.FormatRate(c.Stake))
	v := w.Mapping("valuation")
	v.Line("amount", scenario.FormatAmount(c.Valuation.Amount))
	v.Line("at", c.Valuation.At.String())
	v.Line("method", c.Valuation.Method)
	if c.Valuation.Stream != "" {
		v.Line("stream", c.Valuation.Stream)
	}
}

func (equity) Fields(c *scenario.Contract, add scenario.FieldFunc) {
	add("stake", scenario.KindRate, "stake", c.Stake, ptrZero, ptrOne)
	add("valuation.amount", scenario.KindAmount, "valuation", c.Valuation.Amount, ptrZero, nil)
}

func (equity) Ref(c *scenario.Contract, parts []string) (scenario.FieldRef, string) {
	switch {
	case len(parts) == 1 && parts[0] == "stake":
		return scenario.FieldRef{Kind: scenario.KindRate, Ptr: &c.Stake}, ""
	case len(parts) == 2 && parts[0] == "valuation" && parts[1] == "amount":
		return scenario.FieldRef{Kind: scenario.KindAmount, Ptr: &c.Valuation.Amount}, ""
	}
	return scenario.FieldRef{}, ""
}

func (equity) Eval(c *scenario.Contract, l Ledger) error {
	n, start, end := l.N(), l.Start(), l.End()
	valuation := make([]decimal.Decimal, n)
	value := make([]decimal.Decimal, n)
	v := c.Valuation
	switch v.Method {
	case scenario.MethodRevenueMultiple:
		rev, ok := l.Stream(v.Stream)
		if !ok {
			return fmt.Errorf("contract %s: valuation stream %q is not defined", c.ID, v.Stream)
		}
		if v.At < start || v.At > end {
			return fmt.Errorf("contract %s: valuation date %s is outside the horizon", c.ID, v.At)
		}
		atRev := rev[v.At-start]
		if atRev.IsZero() {
			return fmt.Errorf("contract %s: stream %s is 0 at %s", c.ID, v.Stream, v.At)
		}
		// m = amount / (4 × stream(at)); valuation(q) = m × 4 × stream(q). The fours
		// cancel, and one division per quarter keeps it exact to the engine's places.
		for i := range n {
			valuation[i] = l.Div(v.Amount.Mul(rev[i]), atRev)
		}
	default:
		for i := range n {
			valuation[i] = v.Amount
		}
	}
	for i := range n {
		value[i] = c.Stake.Mul(valuation[i])
	}
	l.Level(c, "valuation", "valuation", valuation)
	l.Level(c, "value", "stake value", value)
	l.Amount(c, "value_at_end", "stake value at the end", value[n-1])
	return nil
}

func (equity) Compile(c *scenario.Contract, l FloatLayout) (FloatProgram, error) {
	p := &equityProgram{c: c, valStream: -1}
	p.stake = l.Slot(c, "stake")
	p.amount = l.Slot(c, "valuation.amount")
	p.at = int(c.Valuation.At - l.Start())
	if c.Valuation.Method == scenario.MethodRevenueMultiple {
		b, ok := l.StreamRow(c.Valuation.Stream)
		if !ok {
			return nil, fmt.Errorf("contract %s: valuation stream %q is not defined", c.ID, c.Valuation.Stream)
		}
		p.multiple, p.valStream = true, b
	}
	p.valuation = l.Level(c, "valuation")
	p.value = l.Level(c, "value")
	p.metric = l.Amount(c, "value_at_end")
	l.Band(p.value)
	return p, nil
}

type equityProgram struct {
	c                *scenario.Contract
	stake, amount    int // slots
	multiple         bool
	valStream        int // stream row
	at               int // quarter offset
	valuation, value int // rows
	metric           int
}

func (p *equityProgram) Eval(w *FloatWork) error {
	n := w.N
	v := w.Vals
	valuation, value := w.Row(p.valuation), w.Row(p.value)
	amount, stake := v[p.amount], v[p.stake]
	if p.multiple {
		rev := w.Row(p.valStream)
		if p.at < 0 || p.at >= n {
			return fmt.Errorf("contract %s: valuation date is outside the horizon", p.c.ID)
		}
		atRev := rev[p.at]
		if atRev == 0 {
			return fmt.Errorf("contract %s: stream %s is 0 at %s, so the revenue multiple is undefined", p.c.ID, p.c.Valuation.Stream, p.c.Valuation.At)
		}
		for i := range n {
			valuation[i] = amount * rev[i] / atRev
		}
	} else {
		for i := range n {
			valuation[i] = amount
		}
	}
	for i := range n {
		value[i] = stake * valuation[i]
	}
	w.Metrics[p.metric] = value[n-1]
	return nil
}

func (equity) Parties(c *scenario.Contract) string { return c.Holder }

func (equity) Terms(s *scenario.Scenario, c *scenario.Contract) string {
	v := c.Valuation
	t := fmt.Sprintf("%s of a valuation of %s set in %s", scenario.FormatRate(c.Stake), scenario.FormatAmount(v.Amount), v.At)
	if v.Method == scenario.MethodRevenueMultiple {
		return t + ", moving with " + streamLabel(s, v.Stream) + " (revenue multiple)"
	}
	return t + ", held constant"
}

func (equity) Views(s *scenario.Scenario, c *scenario.Contract, m Metrics) Views {
	method := "held constant"
	if c.Valuation.Method == scenario.MethodRevenueMultiple {
		method = "moving with revenue at a constant multiple"
	}
	return Views{
		Late: true,
		Figures: []Figure{{Measure: "value_at_end", Label: c.Holder + "'s stake", Context: fmt.Sprintf("%s in %s", scenario.FormatRate(c.Stake), s.End),
			Explain: fmt.Sprintf("%s's %s stake at a valuation of %s in %s, %s, in the last quarter of the horizon.",
				c.Holder, scenario.FormatRate(c.Stake), money.Short(c.Valuation.Amount), c.Valuation.At, method)}},
		Overlays: []Overlay{{Measure: "value", Title: c.DisplayLabel() + ": value", Note: "The stake's value in each period."}},
	}
}
