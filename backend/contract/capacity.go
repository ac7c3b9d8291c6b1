package contract

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"dealmodel/backend/scenario"
)

// capacity pays for gigawatts in service at a price per GW-year (format v2): the
// way compute is announced. It moves money from a payer to a payee and counts as
// compute spend, like a commitment.
type capacity struct{}

// What the type does beyond a scenario.ContractType: it edits by path beyond its
// numeric fields, and has dated events (format v2).
var (
	_ scenario.ContractEditor = capacity{}
	_ Timeline                = capacity{}
)

// TypeCapacity is the capacity contract type.
const TypeCapacity = "capacity"

func (capacity) Name() string     { return TypeCapacity }
func (capacity) MovesMoney() bool { return true }
func (capacity) Keys() []string   { return []string{"gw", "price", "until", "changes"} }
func (capacity) NumericKeys() []string {
	return []string{"gw.<quarter>", "price", "changes.<quarter>.price"}
}
func (capacity) Describe() Description {
	return Description{Title: "Capacity", Template: "Capacity (GW)", About: "Gigawatts in service at a price per GW-year, as compute is announced.",
		Changes: describeTerms(capacityTerms)}
}

// Capacity is a capacity contract's terms, in Contract.Ext.
type Capacity struct {
	GW      []scenario.QuarterAmount // gigawatts in service from each quarter, in quarter order
	Price   decimal.Decimal          // per GW-year
	Changes []Change                 // of price, in quarter order
}

// Clone implements scenario.ContractExt.
func (t *Capacity) Clone() scenario.ContractExt {
	return &Capacity{GW: append([]scenario.QuarterAmount(nil), t.GW...), Price: t.Price, Changes: cloneChanges(t.Changes)}
}

// CapacityOf returns a capacity contract's terms; the zero value for another type.
func CapacityOf(c *scenario.Contract) *Capacity {
	if t, ok := c.Ext.(*Capacity); ok {
		return t
	}
	return &Capacity{}
}

var capacityTerms = []changeTerm{termPrice}

func (capacity) Template(c *scenario.Contract, env TemplateEnv) {
	c.Label, c.Payer, c.Payee = "Compute capacity", env.Party, "Provider"
	c.Until, c.UntilSet = env.Scenario.End, true
	c.Ext = &Capacity{GW: []scenario.QuarterAmount{{Quarter: env.Scenario.Start, Amount: dec("1")}}, Price: dec("10000000000")}
	if env.Scenario.Version < scenario.FormatV2 {
		// A type of format v2: the scenario becomes v2, which computes a v1
		// scenario's figures unchanged (see scenarios upgrade).
		env.Scenario.Version = scenario.FormatV2
	}
}

func (capacity) Decode(d *scenario.ContractDecoder, c *scenario.Contract) {
	if d.Version() == scenario.FormatV1 {
		d.Errorf("type", "the capacity type is part of format version 2: write version: 2 at the top of the file to use it (this file says version: 1)")
		return
	}
	t := &Capacity{}
	if d.Need("gw", "add gw: the gigawatts in service from each quarter, such as {2027Q1: 1, 2028Q1: 4.5}") {
		t.GW = d.DatedValues("gw", "quarters to gigawatts", `gigawatts such as 4.5, "4.5GW" or "750MW"`, scenario.ParseGW)
		if d.IsEmptyMapping("gw") {
			d.Errorf("gw", "no gigawatts: list at least one quarter, such as 2027Q1: 1.5")
		}
	}
	if d.Need("price", "add price: the price per GW-year, such as 13.3B") {
		t.Price, _ = d.Amount("price")
	}
	d.Need("until", "add until: the last quarter paid, such as 2031Q4")
	t.Changes = decodeChanges(d, capacityTerms)
	c.Ext = t
}

func (capacity) Check(k *scenario.ContractCheck, c *scenario.Contract) {
	if k.Scenario().Version < scenario.FormatV2 {
		k.Errorf("type", "the capacity type is part of format version 2: the scenario must be version 2")
	}
	t := CapacityOf(c)
	if len(t.GW) == 0 {
		k.Errorf("gw", "no gigawatts: list at least one quarter, such as 2027Q1: 1.5")
		return
	}
	for i, g := range t.GW {
		key := "gw." + g.Quarter.String()
		if i > 0 && g.Quarter == t.GW[i-1].Quarter {
			k.Errorf(key, "two gw keys in %s: give each quarter one value, or move one", g.Quarter)
		}
		if g.Amount.IsNegative() {
			k.Errorf(key, "%s GW is negative: gigawatts are 0 or more", g.Amount)
		}
		if g.Quarter > c.Until {
			k.Errorf(key, "%s is after until (%s): every gw key must be at or before the last quarter paid; move until later or remove the key", g.Quarter, c.Until)
		}
	}
	k.Amount("price", t.Price)
	checkChanges(k, t.Changes, capacityTerms, t.GW[0].Quarter, c.Until, "the contract's term (first gw key to until)")
}

func (capacity) Encode(w *scenario.ContractWriter, c *scenario.Contract) {
	t := CapacityOf(c)
	g := w.Mapping("gw")
	for _, e := range t.GW {
		g.Line(e.Quarter.String(), scenario.FormatGW(e.Amount))
	}
	w.Line("price", scenario.FormatAmount(t.Price))
	w.Line("until", c.Until.String())
	encodeChanges(w, t.Changes, capacityTerms)
}

func (capacity) Fields(c *scenario.Contract, add scenario.FieldFunc) {
	t := CapacityOf(c)
	for _, g := range t.GW {
		add("gw."+g.Quarter.String(), scenario.KindNumber, "GW from "+g.Quarter.String(), g.Amount, ptrZero, nil)
	}
	add("price", scenario.KindAmount, "price per GW-year", t.Price, ptrZero, nil)
	changeFields(t.Changes, capacityTerms, add)
}

func (capacity) Ref(c *scenario.Contract, parts []string) (scenario.FieldRef, string) {
	t := CapacityOf(c)
	if ref, why, ok := changeRef(c, t.Changes, capacityTerms, parts); ok {
		return ref, why
	}
	switch {
	case len(parts) == 1 && parts[0] == "price":
		return scenario.FieldRef{Kind: scenario.KindAmount, Ptr: &t.Price}, ""
	case len(parts) == 2 && parts[0] == "gw":
		if ref, ok := datedRef(t.GW, parts[1], scenario.KindNumber); ok {
			return ref, ""
		}
		return scenario.FieldRef{}, fmt.Sprintf("contract %s has no gw key in %s", c.ID, parts[1])
	}
	return scenario.FieldRef{}, ""
}

// Eval pays gw(q) × price(q) / 4 in each quarter from the first gw key through
// until: gw(q) is the latest key at or before q, price(q) the latest change of
// price at or before q, else price.
func (capacity) Eval(c *scenario.Contract, l Ledger) error {
	t := CapacityOf(c)
	if len(t.GW) == 0 {
		return fmt.Errorf("contract %s: no gw keys", c.ID)
	}
	n, start, end := l.N(), l.Start(), l.End()
	paid, gw := zeros(n), zeros(n)
	inside, outside, peak := decimal.Zero, decimal.Zero, decimal.Zero
	price := newTerm(&t.Price, t.Changes, termPrice)
	for q := t.GW[0].Quarter; q <= c.Until; q++ {
		g := *stepAt(t.GW, q)
		p := l.Div(g.Mul(*price.at(q)), four)
		if q >= start && q <= end {
			i := q - start
			paid[i], gw[i] = p, g
			inside = inside.Add(p)
			if g.Cmp(peak) > 0 {
				peak = g
			}
		} else {
			outside = outside.Add(p)
		}
	}
	l.Flow(c, "paid", "paid", paid)
	l.LevelIn(c, "gw", "gigawatts in service", "GW", gw)
	l.Amount(c, "total_paid", "total paid inside the horizon", inside)
	l.Amount(c, "outside_horizon", "part outside the horizon", outside)
	l.Amount(c, "npv", "net present value", l.NPV(paid, inside))
	l.AmountIn(c, "peak_gw", "peak gigawatts in service", "GW", peak)
	l.Transfer(c, paid)
	l.Commitment(paid, outside)
	return nil
}

func (capacity) Compile(c *scenario.Contract, l FloatLayout) (FloatProgram, error) {
	t := CapacityOf(c)
	if len(t.GW) == 0 {
		return nil, fmt.Errorf("contract %s: no gw keys", c.ID)
	}
	start := l.Start()
	p := &capacityProgram{until: int(c.Until - start)}
	for _, g := range t.GW {
		p.gw = append(p.gw, schedEntry{q: int(g.Quarter - start), slot: l.Slot(c, "gw."+g.Quarter.String())})
	}
	p.price = compileTerm(c, l, "price", t.Changes, termPrice)
	p.paid = l.Flow(c, "paid")
	p.gwRow = l.Level(c, "gw")
	p.metric = l.Amount(c, "total_paid")
	l.Amount(c, "outside_horizon")
	l.Amount(c, "npv")
	l.Amount(c, "peak_gw")
	l.Transfer(c, p.paid)
	l.Band(p.paid)
	l.Commitment(p.paid)
	return p, nil
}

type capacityProgram struct {
	gw          []schedEntry // gw keys by quarter offset
	price       floatTerm
	until       int // quarter offset
	paid, gwRow int // rows
	metric      int
}

func (p *capacityProgram) Eval(w *FloatWork) error {
	n := w.N
	v := w.Vals
	paid, gw := w.Row(p.paid), w.Row(p.gwRow)
	inside, outside, peak := 0.0, 0.0, 0.0
	gi := -1
	for q := p.gw[0].q; q <= p.until; q++ {
		for gi+1 < len(p.gw) && p.gw[gi+1].q <= q {
			gi++
		}
		price, _ := p.price.at(v, q)
		g := v[p.gw[gi].slot]
		pay := g * price / 4
		if q >= 0 && q < n {
			paid[q], gw[q] = pay, g
			inside += pay
			peak = max(peak, g)
		} else {
			outside += pay
		}
	}
	w.Metrics[p.metric] = inside
	w.Metrics[p.metric+1] = outside
	w.Metrics[p.metric+2] = w.NPV(paid, inside)
	w.Metrics[p.metric+3] = peak
	w.CommitOutside += outside
	return nil
}

func (capacity) Parties(c *scenario.Contract) string { return payerToPayee(c) }

func (capacity) Terms(s *scenario.Scenario, c *scenario.Contract) string {
	t := CapacityOf(c)
	parts := make([]string, len(t.GW))
	for i, g := range t.GW {
		parts[i] = scenario.FormatGW(g.Amount) + " GW from " + g.Quarter.String()
	}
	line := fmt.Sprintf("%s, at %s per GW-year, through %s", strings.Join(parts, ", "), scenario.FormatAmount(t.Price), c.Until)
	for _, ch := range t.Changes {
		if ch.Price != nil {
			line += "; " + scenario.FormatAmount(*ch.Price) + " per GW-year from " + ch.Quarter.String()
		}
	}
	return line
}

func (capacity) Views(s *scenario.Scenario, c *scenario.Contract, m Metrics) Views {
	in, _, _ := m.Metric("total_paid")
	out, _, _ := m.Metric("outside_horizon")
	return Views{ComputeSpend: true, Capacity: true, Committed: in.Add(out)}
}

// capacityFor returns a capacity contract's terms for an edit that changes them.
func capacityFor(c *scenario.Contract) *Capacity {
	t, ok := c.Ext.(*Capacity)
	if !ok {
		t = &Capacity{}
		c.Ext = t
	}
	return t
}

// Inputs lists the ramp (a slider per gw key), the price, the last quarter paid
// and the dated changes of price.
func (capacity) Inputs(c *scenario.Contract) []scenario.ContractInput {
	t := CapacityOf(c)
	var out []scenario.ContractInput
	for _, g := range t.GW {
		out = append(out, number("gw."+g.Quarter.String(), "GW from "+g.Quarter.String()))
	}
	out = append(out, number("price", "Price per GW-year"), date("until", "Until (last quarter paid)", c.Until))
	return append(out, changeInputs(t.Changes, capacityTerms)...)
}

// SetDate sets until, moves a gw key (gw.<quarter>) or a change.
func (capacity) SetDate(c *scenario.Contract, key string, q scenario.Quarter) bool {
	t := CapacityOf(c)
	if strings.HasPrefix(key, "changes.") {
		return moveChange(t.Changes, key, q)
	}
	if from, ok := datedKey(key, "gw"); ok {
		return moveDated(t.GW, from, q)
	}
	if key != "until" {
		return false
	}
	c.Until, c.UntilSet = q, true
	return true
}

func (capacity) SetText(s *scenario.Scenario, c *scenario.Contract, key, v string) (bool, error) {
	return setChangeText(CapacityOf(c).Changes, key, v)
}

// Add adds a gw key (gw.<quarter>, in gigawatts as the format writes them: 4.5,
// "750MW") or a change of price.
func (capacity) Add(c *scenario.Contract, key, text string) (bool, error) {
	if strings.HasPrefix(key, "changes.") {
		return addChangeTerm(&capacityFor(c).Changes, capacityTerms, key, text)
	}
	k, ok := strings.CutPrefix(key, "gw.")
	if !ok {
		return false, nil
	}
	q, err := scenario.ParseQuarter(k, false)
	if err != nil {
		return true, err
	}
	v, err := scenario.ParseGW(text)
	if err != nil {
		return true, err
	}
	setDated(&capacityFor(c).GW, q, v)
	return true, nil
}

// Remove removes a gw key (not the last one) or a change.
func (capacity) Remove(c *scenario.Contract, key string) bool {
	t, ok := c.Ext.(*Capacity)
	if !ok {
		return false
	}
	if removeChange(&t.Changes, capacityTerms, key) {
		return true
	}
	q, ok := datedKey(key, "gw")
	return ok && removeDated(&t.GW, q)
}

func (capacity) Optional(c *scenario.Contract) []scenario.OptionalPart { return nil }
func (capacity) Detail(c *scenario.Contract) string                    { return moneyDetail(c) }
func (capacity) Uses(c *scenario.Contract) []string                    { return nil }

func (capacity) Quarters(c *scenario.Contract, add func(key, label string, q scenario.Quarter)) {
	add("until", "until", c.Until)
}

func (capacity) SetQuarter(c *scenario.Contract, key string, q scenario.Quarter) bool {
	if key != "until" {
		return false
	}
	c.Until, c.UntilSet = q, true
	return true
}

// Events of a capacity contract: each step of its ramp and each change of price.
func (capacity) Events(s *scenario.Scenario, c *scenario.Contract) []Event {
	t := CapacityOf(c)
	ev := changeEvents(t.Changes)
	for _, g := range t.GW {
		ev = append(ev, Event{Quarter: g.Quarter, Kind: EventRamp, Key: "gw." + g.Quarter.String(),
			What: scenario.FormatGW(g.Amount) + " GW in service"})
	}
	return sortEvents(ev)
}
