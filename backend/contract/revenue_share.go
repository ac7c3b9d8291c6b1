package contract

import (
	"fmt"
	"math"
	"strings"

	"github.com/shopspring/decimal"

	"dealmodel/backend/money"
	"dealmodel/backend/plot"
	"dealmodel/backend/scenario"
)

// revenueShare pays a rate of a revenue stream from one party to another, up to a
// cumulative cap (what was paid before the horizon counts toward it).
type revenueShare struct{}

// What the type does beyond a scenario.ContractType: it edits by path beyond its
// numeric fields, and has dated events (format v2).
var (
	_ scenario.ContractEditor = revenueShare{}
	_ Timeline                = revenueShare{}
	_ Chooser                 = revenueShare{}
)

func (revenueShare) Name() string     { return "revenue_share" }
func (revenueShare) MovesMoney() bool { return true }
func (revenueShare) Keys() []string {
	return []string{"base", "rate", "from", "until", "cap", "cap_from", "paid_before", "changes"}
}
func (revenueShare) V2Keys() []string { return []string{"cap_from", "changes"} }
func (revenueShare) NumericKeys() []string {
	return []string{"rate", "cap", "paid_before", "changes.<quarter>.rate", "changes.<quarter>.cap"}
}

// ShareTerms are a revenue share's terms, in Contract.Ext: the stream it is a
// share of, the rate and the cap; of format v2, dated changes of rate and cap,
// and where payments start to count toward the cap.
type ShareTerms struct {
	Base       string // a stream id
	Rate       decimal.Decimal
	Cap        *decimal.Decimal // nil: no cap
	PaidBefore decimal.Decimal

	CapFrom    scenario.Quarter // when CapFromSet
	CapFromSet bool
	Changes    []Change // in quarter order
	// v2 says the contract has terms of format v2 (cap_from or changes), read
	// or added by an edit.
	v2 bool
}

// Clone implements scenario.ContractExt.
func (t *ShareTerms) Clone() scenario.ContractExt {
	c := *t
	if t.Cap != nil {
		v := *t.Cap
		c.Cap = &v
	}
	c.Changes = cloneChanges(t.Changes)
	return &c
}

// Share returns a revenue share's terms (see termsOf).
func Share(c *scenario.Contract) *ShareTerms { return termsOf[ShareTerms](c) }

var shareTerms = []changeTerm{termRate, termCap}

// HasCap reports whether a revenue share has a cap at any time: at the top level or
// from a change.
func HasCap(c *scenario.Contract) bool {
	_, ok := firstCap(c)
	return ok
}

// CapMark is the level the cumulative payments stop at: the cap as written, with
// what is counted toward it (paid before it counted) measured apart.
func (revenueShare) CapMark(c *scenario.Contract) (measure, toward string, limit decimal.Decimal, ok bool) {
	if Share(c).Cap == nil {
		return "", "", decimal.Decimal{}, false
	}
	return "cumulative", "toward_cap", *Share(c).Cap, true
}

// firstCap is the first quarter a cap is in force: from, with a top-level cap,
// else the quarter of the first change that sets one.
func firstCap(c *scenario.Contract) (scenario.Quarter, bool) {
	if Share(c).Cap != nil {
		return c.From, true
	}
	for _, ch := range Share(c).Changes {
		if ch.Cap != nil {
			return ch.Quarter, true
		}
	}
	return 0, false
}

// CapAt is the cap in force in quarter q (the top-level cap, replaced by the latest
// change at or before q that sets one), or nil.
func CapAt(c *scenario.Contract, q scenario.Quarter) *decimal.Decimal {
	return newTerm(Share(c).Cap, Share(c).Changes, termCap).at(q)
}

// FinalCap is the cap in force at the end of the contract's term, or nil: the cap
// a chart or a sentence names when it names one.
func FinalCap(c *scenario.Contract) *decimal.Decimal { return CapAt(c, c.Until) }

// CapFrom is the quarter from which payments count toward the cap: cap_from when
// given, else the first quarter a cap is in force; ok is false without a cap.
func CapFrom(c *scenario.Contract) (scenario.Quarter, bool) {
	first, ok := firstCap(c)
	if t := Share(c); t.CapFromSet {
		return t.CapFrom, ok
	}
	return first, ok
}
func (revenueShare) Describe() Description {
	return Description{Title: "Revenue share", Template: "Revenue share", About: "A share of a revenue stream, optionally up to a cumulative cap.",
		Scenario: &ScenarioTemplate{ID: "revenue_share", Label: "Revenue share with a cap", About: "A revenue stream and a capped share of it paid to a partner."},
		Changes:  describeTerms(shareTerms)}
}

func (revenueShare) Template(c *scenario.Contract, env TemplateEnv) {
	capAmount := dec("20000000000")
	c.Label, c.Payer, c.Payee = "Revenue share", env.Party, "Partner"
	Share(c).Base, Share(c).Rate, Share(c).Cap = env.Stream(), dec("0.1"), &capAmount
}

func (revenueShare) Decode(d *scenario.ContractDecoder, c *scenario.Contract) {
	Share(c) // the terms, even when a key is missing
	if d.Need("base", "add base: the id of the stream the share is taken of") {
		Share(c).Base, _ = d.Str("base")
	}
	if d.Need("rate", "add rate: the share of the base, such as 20%") {
		Share(c).Rate, _ = d.Rate("rate")
	}
	if v, ok := d.Amount("cap"); ok {
		Share(c).Cap = &v
	}
	if d.Has("paid_before") {
		Share(c).PaidBefore, _ = d.Amount("paid_before")
	}
	if !d.Has("cap_from") && !d.Has("changes") {
		return // a v1 contract: no terms of v2
	}
	t := Share(c)
	t.v2 = true
	t.CapFrom, t.CapFromSet = d.Quarter("cap_from", false)
	t.Changes = decodeChanges(d, shareTerms)
}

func (revenueShare) Check(k *scenario.ContractCheck, c *scenario.Contract) {
	if c.From > c.Until {
		k.Errorf("from", "from (%s) is after until (%s): from must be the same quarter as until or earlier", c.From, c.Until)
	}
	if Share(c).Base != "" {
		k.Stream("base", Share(c).Base, ": base names a stream id under streams")
	}
	k.Rate("rate", Share(c).Rate, zero, one)
	k.Amount("paid_before", Share(c).PaidBefore)
	checkCap := func(key string, v decimal.Decimal) {
		k.Amount(key, v)
		if v.LessThan(Share(c).PaidBefore) {
			k.Errorf(key, "the cap (%s) is below paid_before (%s): what was paid before counts toward the cap, so the cap must be at least as large", scenario.FormatAmount(v), scenario.FormatAmount(Share(c).PaidBefore))
		}
	}
	if Share(c).Cap != nil {
		checkCap("cap", *Share(c).Cap)
	}
	t := Share(c)
	checkChanges(k, t.Changes, shareTerms, c.From, c.Until, "the contract's term")
	for _, ch := range t.Changes {
		if ch.Cap != nil {
			checkCap("changes."+ch.Quarter.String()+".cap", *ch.Cap)
		}
	}
	if t.CapFromSet {
		if !HasCap(c) {
			k.Errorf("cap_from", "cap_from applies only to a contract with a cap: give cap (or a change that sets cap), or remove cap_from")
		} else if t.CapFrom < c.From || t.CapFrom > c.Until {
			k.Errorf("cap_from", "cap_from (%s) is outside the contract's term %s..%s: payments start to count toward the cap in a quarter from `from` to `until`", t.CapFrom, c.From, c.Until)
		}
	}
}

func (revenueShare) Encode(w *scenario.ContractWriter, c *scenario.Contract) {
	w.Line("base", Share(c).Base)
	w.Line("rate", scenario.FormatRate(Share(c).Rate))
	w.FromUntil(true)
	if Share(c).Cap != nil {
		w.Line("cap", scenario.FormatAmount(*Share(c).Cap))
	}
	t := Share(c)
	if t.CapFromSet {
		w.Line("cap_from", t.CapFrom.String())
	}
	if !Share(c).PaidBefore.IsZero() {
		w.Line("paid_before", scenario.FormatAmount(Share(c).PaidBefore))
	}
	encodeChanges(w, t.Changes, shareTerms)
}

func (revenueShare) Fields(c *scenario.Contract, add scenario.FieldFunc) {
	add("rate", scenario.KindRate, "rate", Share(c).Rate, ptrZero, ptrOne)
	if Share(c).Cap != nil {
		add("cap", scenario.KindAmount, "cap", *Share(c).Cap, ptrZero, nil)
	}
	add("paid_before", scenario.KindAmount, "paid before", Share(c).PaidBefore, ptrZero, nil)
	changeFields(Share(c).Changes, shareTerms, add)
}

func (revenueShare) Ref(c *scenario.Contract, parts []string) (scenario.FieldRef, string) {
	if ref, why, ok := changeRef(c, Share(c).Changes, shareTerms, parts); ok {
		return ref, why
	}
	if len(parts) != 1 {
		return scenario.FieldRef{}, ""
	}
	switch parts[0] {
	case "rate":
		return scenario.FieldRef{Kind: scenario.KindRate, Ptr: &Share(c).Rate}, ""
	case "cap":
		if Share(c).Cap == nil {
			return scenario.FieldRef{}, fmt.Sprintf("contract %s has no cap", c.ID)
		}
		return scenario.FieldRef{Kind: scenario.KindAmount, Ptr: Share(c).Cap}, ""
	case "paid_before":
		return scenario.FieldRef{Kind: scenario.KindAmount, Ptr: &Share(c).PaidBefore}, ""
	}
	return scenario.FieldRef{}, ""
}

// Bounds narrows a field's range by the rules across the contract's fields: the
// cap cannot be below what was paid before it.
func (revenueShare) Bounds(c *scenario.Contract, key string) (lo, hi *decimal.Decimal) {
	if !HasCap(c) {
		return nil, nil
	}
	switch {
	case key == "cap" || strings.HasPrefix(key, "changes.") && strings.HasSuffix(key, ".cap"):
		return &Share(c).PaidBefore, nil
	case key == "paid_before":
		// the smallest cap in force at any time
		hi = Share(c).Cap
		for i, ch := range Share(c).Changes {
			if ch.Cap != nil && (hi == nil || ch.Cap.LessThan(*hi)) {
				hi = Share(c).Changes[i].Cap
			}
		}
		return nil, hi
	}
	return nil, nil
}

func (revenueShare) Eval(c *scenario.Contract, l Ledger) error {
	base, ok := l.Stream(Share(c).Base)
	if !ok {
		return fmt.Errorf("contract %s: base stream %q is not defined", c.ID, Share(c).Base)
	}
	n, start := l.N(), l.Start()
	t := Share(c)
	accrued, paid, cum := zeros(n), zeros(n), make([]decimal.Decimal, n)
	sumPaid, sumAccrued := decimal.Zero, decimal.Zero
	rate := newTerm(&Share(c).Rate, t.Changes, termRate)
	capOf := newTerm(Share(c).Cap, t.Changes, termCap)
	capFrom, hasCap := CapFrom(c)
	// toward is paid_before plus what was paid from cap_from on: what counts toward
	// the cap. v1 has no cap_from (it is from), so there toward is cumulative.
	var towardSeries []decimal.Decimal
	if hasCap && l.Version() >= scenario.FormatV2 {
		towardSeries = make([]decimal.Decimal, n)
	}
	toward := Share(c).PaidBefore
	capHit, hit := scenario.Quarter(0), false
	if cp := capOf.at(capFrom); hasCap && cp != nil && Share(c).PaidBefore.Cmp(*cp) >= 0 {
		capHit, hit = capFrom, true // reached before the first quarter that counts
	}
	for i := range n {
		q := start + scenario.Quarter(i)
		counts := hasCap && q >= capFrom
		cp := capOf.at(q)
		if q >= c.From && q <= c.Until {
			a := rate.at(q).Mul(base[i])
			p := a
			if counts && cp != nil {
				room := cp.Sub(toward)
				if room.Sign() <= 0 {
					p = decimal.Zero
				} else if a.Cmp(room) > 0 {
					p = room
				}
			}
			accrued[i], paid[i] = a, p
			sumAccrued = sumAccrued.Add(a)
			sumPaid = sumPaid.Add(p)
			if counts {
				toward = toward.Add(p)
			}
		}
		if Share(c).PaidBefore.IsZero() {
			cum[i] = sumPaid
		} else {
			cum[i] = Share(c).PaidBefore.Add(sumPaid)
		}
		if towardSeries != nil {
			towardSeries[i] = toward
		}
		if !hit && counts && cp != nil && toward.Cmp(*cp) >= 0 {
			capHit, hit = q, true
		}
	}
	l.Flow(c, "accrued", "accrued", accrued)
	l.Flow(c, "paid", "paid", paid)
	l.Level(c, "cumulative", "cumulative paid", cum)
	if towardSeries != nil {
		l.Level(c, "toward_cap", "counted toward the cap", towardSeries)
	}
	l.Amount(c, "total_paid", "total paid", sumPaid)
	l.Quarter(c, "cap_hit", "quarter the cap binds", capHit, hit)
	l.Amount(c, "npv", "net present value", l.NPV(paid, sumPaid))
	l.Amount(c, "total_accrued", "total before the cap", sumAccrued)
	l.Amount(c, "cap_savings", "paid less because of the cap", sumAccrued.Sub(sumPaid))
	l.Transfer(c, paid)
	return nil
}

func (revenueShare) Compile(c *scenario.Contract, l FloatLayout) (FloatProgram, error) {
	b, ok := l.StreamRow(Share(c).Base)
	if !ok {
		return nil, fmt.Errorf("contract %s: base stream %q is not defined", c.ID, Share(c).Base)
	}
	start := l.Start()
	t := Share(c)
	p := &revenueShareProgram{c: c, base: b, start: start,
		from: int(c.From - start), until: int(c.Until - start)}
	p.rate = compileTerm(c, l, "rate", t.Changes, termRate)
	capKey := ""
	if Share(c).Cap != nil {
		capKey = "cap"
	}
	p.cap = compileTerm(c, l, capKey, t.Changes, termCap)
	p.paidPrev = l.Slot(c, "paid_before")
	if q, ok := CapFrom(c); ok {
		p.hasCap, p.capFrom = true, int(q-start)
	}
	p.accrued = l.Flow(c, "accrued")
	p.paid = l.Flow(c, "paid")
	p.cum = l.Level(c, "cumulative")
	p.toward = -1
	if p.hasCap && l.Version() >= scenario.FormatV2 {
		p.toward = l.Level(c, "toward_cap")
	}
	p.metric = l.Amount(c, "total_paid")
	p.capHit = l.Quarter(c, "cap_hit")
	l.Amount(c, "npv")
	l.Amount(c, "total_accrued")
	l.Amount(c, "cap_savings")
	l.Transfer(c, p.paid)
	l.Band(p.paid)
	l.Band(p.cum)
	l.Headline(p.metric)
	l.CapBinding(c, p.capHit, p.hasCap)
	return p, nil
}

type revenueShareProgram struct {
	c                  *scenario.Contract
	start              scenario.Quarter
	from, until        int
	base               int // stream row
	rate, cap          floatTerm
	paidPrev           int  // slot
	hasCap             bool // a cap at any time
	capFrom            int  // quarter offset from which payments count
	accrued, paid, cum int  // rows
	toward             int  // row; -1 without it
	metric, capHit     int
}

func (p *revenueShareProgram) Eval(w *FloatWork) error {
	n := w.N
	v := w.Vals
	base := w.Row(p.base)
	accrued, paid, cum := w.Row(p.accrued), w.Row(p.paid), w.Row(p.cum)
	var toward []float64
	if p.toward >= 0 {
		toward = w.Row(p.toward)
	}
	prevPaid := v[p.paidPrev]
	// With one cap for the whole term that counts from from (every v1 contract),
	// cumulative is the cap itself once the payments fill it, as in exact arithmetic.
	single := len(p.cap.steps) == 0 && p.capFrom <= p.from
	hit, hitQ := false, math.NaN()
	if c0, ok := p.cap.at(v, p.capFrom); p.hasCap && ok && prevPaid >= c0 {
		hit, hitQ = true, float64(p.start+scenario.Quarter(p.capFrom)) // reached before the first quarter that counts
	}
	sumPaid, sumAccrued, counted := 0.0, 0.0, prevPaid
	filled := false
	for i := range n {
		counts := p.hasCap && i >= p.capFrom
		capV, inForce := p.cap.at(v, i)
		bound := false
		if i >= p.from && i <= p.until {
			rate, _ := p.rate.at(v, i)
			a := rate * base[i]
			pay := a
			if counts && inForce {
				room := capV - counted
				switch {
				case room <= 0:
					pay = 0
				case a >= room-CapTie*math.Abs(capV):
					pay, bound = room, true
				}
			}
			accrued[i], paid[i] = a, pay
			sumAccrued += a
			sumPaid += pay
			if counts {
				counted += pay
			}
		}
		cum[i] = prevPaid + sumPaid
		if toward != nil {
			toward[i] = counted
		}
		if counts && inForce && !hit && (bound || counted >= capV) {
			hit, hitQ = true, float64(p.start+scenario.Quarter(i))
		}
		if single && bound {
			filled = true
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
	t := fmt.Sprintf("%s of %s, %s", scenario.FormatRate(Share(c).Rate), streamLabel(s, Share(c).Base), span(c.From, c.Until))
	if Share(c).Cap != nil {
		t += ", cumulative cap " + scenario.FormatAmount(*Share(c).Cap)
	} else if !HasCap(c) {
		t += ", no cap"
	}
	for _, ch := range Share(c).Changes {
		var parts []string
		if ch.Rate != nil {
			parts = append(parts, "rate "+scenario.FormatRate(*ch.Rate))
		}
		if ch.Cap != nil {
			parts = append(parts, "cap "+scenario.FormatAmount(*ch.Cap))
		}
		t += "; from " + ch.Quarter.String() + ": " + strings.Join(parts, ", ")
	}
	if q, ok := CapFrom(c); ok && q != c.From {
		t += "; counted toward the cap from " + q.String()
	}
	if Share(c).PaidBefore.Sign() > 0 {
		t += ", " + scenario.FormatAmount(Share(c).PaidBefore) + " paid before"
	}
	return t
}

func (revenueShare) Views(s *scenario.Scenario, c *scenario.Contract, m Metrics) Views {
	base := streamLabel(s, Share(c).Base)
	from, until := max(c.From, s.Start), min(c.Until, s.End)
	explain := fmt.Sprintf("What %s pays %s under “%s”, %s of %s, from %s through %s",
		c.Payer, c.Payee, c.DisplayLabel(), scenario.FormatRate(Share(c).Rate), base, from, until)
	finalCap := FinalCap(c)
	if finalCap != nil {
		explain += fmt.Sprintf(", limited by the %s cap", money.Short(*finalCap))
	}
	if Share(c).PaidBefore.IsPositive() {
		explain += fmt.Sprintf("; the %s paid before %s counts toward the cap but is not included", money.Short(Share(c).PaidBefore), c.From)
	}
	fact := revenueShareFact(s, c, m)
	paid, _, _ := m.Metric("total_paid")
	v := Views{
		Facts: []string{fact},
		Question: &Question{Question: fmt.Sprintf("What does %s pay %s under the revenue share?", c.Payer, c.Payee),
			Lead: fmt.Sprintf("%s pays %s %s.", c.Payer, c.Payee, money.Short(paid)), Answer: fact},
		Figures: []Figure{{Measure: "total_paid", Label: "Paid to " + c.Payee, Context: fmt.Sprintf("%s–%s", from, until), Explain: explain + "."}},
		Charts: []Chart{{Kind: ChartRevenueShare, Title: c.DisplayLabel() + ": revenue and payments", Print: true,
			Draw: func() plot.Plot { return revenueSharePlot(s, c, m) }}},
		Overlays: []Overlay{{Measure: "cumulative", Title: c.DisplayLabel() + ": cumulative payments",
			Note: "Each scenario's cumulative payments; dashed lines are the caps.", Cap: finalCap}},
	}
	cumulative := func() plot.Plot { return cumulativePlot(s, c, m) }
	if HasCap(c) {
		v.Headline = "cap_savings"
	}
	if finalCap == nil {
		v.Charts = append(v.Charts, Chart{Kind: ChartCumulative, Title: c.DisplayLabel() + ": cumulative payments", Draw: cumulative})
		v.Seek = &Seek{Metric: "total_paid", Input: "rate"}
		return v
	}
	v.Seek = &Seek{Metric: "total_paid", Input: "cap"}
	if Share(c).Cap == nil { // the cap arrives by a dated change: no field to move
		v.Seek.Input = "rate"
	}
	v.Question.Question = fmt.Sprintf("When does the %s cap on %s's payments to %s bind, and how much does it save %s?",
		money.Short(*finalCap), c.Payer, c.Payee, c.Payer)
	saved, _, _ := m.Metric("cap_savings")
	if q, ok := m.Quarter("cap_hit"); ok {
		v.Question.Lead = fmt.Sprintf("The cap binds in %s and saves %s %s.", q, c.Payer, money.Short(saved))
	} else {
		v.Question.Lead = fmt.Sprintf("The cap is not reached by %s, so it saves %s nothing.", until, c.Payer)
	}
	// Without a cap the PDF's revenue chart already carries the cumulative line.
	v.Charts = append(v.Charts, Chart{Kind: ChartCumulative, Title: c.DisplayLabel() + ": cumulative payments and the cap", Print: true, Lead: 1, Draw: cumulative})
	uncapped, _, _ := m.Metric("total_accrued")
	capShort := money.Short(*finalCap)
	v.Figures = append(v.Figures,
		Figure{Measure: "cap_savings", Label: "Saved by the cap", Context: "of " + money.Short(uncapped) + " uncapped",
			Explain: fmt.Sprintf("What %s does not pay %s because of the %s cap: %s of %s from %s through %s would come to %s without it.",
				c.Payer, c.Payee, capShort, scenario.FormatRate(Share(c).Rate), base, from, until, money.Short(uncapped))},
		Figure{Measure: "cap_hit", Label: "Cap reached", Context: "cap of " + capShort,
			Explain:     fmt.Sprintf("The quarter in which cumulative payments to %s, counting what was paid before, reach the %s cap; nothing more is paid after it.", c.Payee, capShort),
			NullExplain: fmt.Sprintf("Cumulative payments to %s stay below the %s cap through %s.", c.Payee, capShort, until)})
	return v
}

func (revenueShare) Inputs(c *scenario.Contract) []scenario.ContractInput {
	out := []scenario.ContractInput{number("rate", "Rate"), number("cap", "Cap"), number("paid_before", "Paid before"),
		date("from", "From", c.From), date("until", "Until", c.Until)}
	if Share(c).v2 {
		if q, ok := CapFrom(c); ok {
			out = append(out, date("cap_from", "Counts toward the cap from", q))
		}
	}
	return append(out, changeInputs(Share(c).Changes, shareTerms)...)
}

// shareTermsFor returns the revenue share's v2 terms, giving it some when it has
// none, for an edit that adds to them.
func shareTermsFor(c *scenario.Contract) *ShareTerms {
	t := Share(c)
	t.v2 = true
	return t
}

// SetDate sets from, until or cap_from (giving the contract one), or moves a
// dated change (changes.<quarter>).
func (r revenueShare) SetDate(c *scenario.Contract, key string, q scenario.Quarter) bool {
	if strings.HasPrefix(key, "changes.") {
		return moveChange(Share(c).Changes, key, q)
	}
	if key == "cap_from" {
		t := shareTermsFor(c)
		t.CapFrom, t.CapFromSet = q, true
		return true
	}
	return (key == "from" || key == "until") && r.SetQuarter(c, key, q)
}

func (revenueShare) SetText(s *scenario.Scenario, c *scenario.Contract, key, v string) (bool, error) {
	if handled, err := setChangeText(Share(c).Changes, key, v); handled {
		return true, err
	}
	if key != "base" {
		return false, nil
	}
	if v == "" {
		return true, fmt.Errorf("a revenue share needs a base: the id of the stream it is a rate of")
	}
	Share(c).Base = v
	return true, nil
}

// Choices: the stream the share is a rate of.
func (revenueShare) Choices(s *scenario.Scenario, c *scenario.Contract) []Choice {
	return []Choice{{Key: "base", Label: "Base", Value: Share(c).Base, Options: streamOptions(s)}}
}

func (revenueShare) Add(c *scenario.Contract, key, text string) (bool, error) {
	if strings.HasPrefix(key, "changes.") {
		return addChangeTerm(&shareTermsFor(c).Changes, shareTerms, key, text)
	}
	if key != "cap" || Share(c).Cap != nil {
		return false, nil
	}
	v, err := scenario.ParseInput(scenario.KindAmount, text)
	if err != nil {
		return true, err
	}
	Share(c).Cap = &v
	return true, nil
}

func (revenueShare) Remove(c *scenario.Contract, key string) bool {
	t := Share(c)
	switch {
	case key == "cap_from" && t.CapFromSet:
		t.CapFromSet = false // back to the first quarter a cap is in force
		return true
	case removeChange(&t.Changes, shareTerms, key):
		if !HasCap(c) {
			t.CapFromSet = false
		}
		return true
	}
	if key != "cap" || Share(c).Cap == nil {
		return false
	}
	Share(c).Cap = nil
	if !HasCap(c) {
		t.CapFromSet = false // cap_from counts toward a cap: with none left, it goes too
	}
	return true
}

func (revenueShare) Optional(c *scenario.Contract) []scenario.OptionalPart {
	return []scenario.OptionalPart{{Key: "cap", Present: Share(c).Cap != nil}}
}

func (revenueShare) Detail(c *scenario.Contract) string { return moneyDetail(c) }
func (revenueShare) Uses(c *scenario.Contract) []string { return []string{Share(c).Base} }

// BaseStream implements ShareOf.
func (revenueShare) BaseStream(c *scenario.Contract) string { return Share(c).Base }

// revenueShareFact says what is paid, and whether and when the cap binds.
func revenueShareFact(s *scenario.Scenario, c *scenario.Contract, m Metrics) string {
	paid, _, _ := m.Metric("total_paid")
	accrued, _, _ := m.Metric("total_accrued")
	from, until := max(c.From, s.Start), min(c.Until, s.End)
	var b strings.Builder
	fmt.Fprintf(&b, "%s pays %s %s of %s from %s through %s", c.Payer, c.Payee, scenario.FormatRate(Share(c).Rate), streamLabel(s, Share(c).Base), c.From, c.Until)
	if from != c.From || until != c.Until {
		fmt.Fprintf(&b, ", %s of it in %s, the part inside the horizon.", money.Short(paid), span(from, until))
	} else {
		fmt.Fprintf(&b, ", %s in total.", money.Short(paid))
	}
	capV := FinalCap(c)
	if capV == nil {
		b.WriteString(" There is no cap.")
		return b.String()
	}
	capFrom, _ := CapFrom(c)
	before := ""
	if Share(c).PaidBefore.Sign() > 0 {
		before = fmt.Sprintf(" (counting %s paid before %s)", money.Short(Share(c).PaidBefore), capFrom)
	}
	if capFrom != c.From {
		fmt.Fprintf(&b, " Payments count toward the cap from %s.", capFrom)
	}
	if q, ok := m.Quarter("cap_hit"); ok {
		fmt.Fprintf(&b, " Payments reach the %s cap%s in %s; without it they would be %s, so the cap saves %s %s.",
			money.Short(*capV), before, q, money.Short(accrued), c.Payer, money.Short(accrued.Sub(paid)))
	} else {
		counted := Share(c).PaidBefore
		if tc, ok := m.Series("toward_cap"); ok && len(tc) > 0 {
			counted = tc[len(tc)-1]
		} else {
			counted = counted.Add(paid)
		}
		fmt.Fprintf(&b, " The %s cap%s is not reached: %s of room is left.", money.Short(*capV), before, money.Short(capV.Sub(counted)))
	}
	return b.String()
}

func (revenueShare) Quarters(c *scenario.Contract, add func(key, label string, q scenario.Quarter)) {
	add("from", "from", c.From)
	add("until", "until", c.Until)
	if t := Share(c); t.CapFromSet {
		add("cap_from", "cap counted from", t.CapFrom)
	}
}

func (revenueShare) SetQuarter(c *scenario.Contract, key string, q scenario.Quarter) bool {
	switch key {
	case "from":
		c.From, c.FromSet = q, true
	case "until":
		c.Until, c.UntilSet = q, true
	case "cap_from":
		t := Share(c)
		if !t.CapFromSet {
			return false
		}
		t.CapFrom = q
	default:
		return false
	}
	return true
}

// Events of a revenue share: when payments start to count toward the cap (when
// set apart from the first cap), and its dated changes.
func (revenueShare) Events(s *scenario.Scenario, c *scenario.Contract) []Event {
	t := Share(c)
	ev := changeEvents(t.Changes)
	if t.CapFromSet {
		ev = append(ev, Event{Quarter: t.CapFrom, Kind: EventCapFrom, Key: "cap_from", What: "payments start to count toward the cap"})
	}
	return sortEvents(ev)
}

// Samples implements Sampler: a revenue share with a cap.
func (revenueShare) Samples() int { return 1 }

// Sample implements Sampler.
func (revenueShare) Sample(_ int, e SampleEnv) (string, string) {
	i := e.N
	return fmt.Sprintf("    type: revenue_share\n    label: Revenue share %d\n    payer: Builder\n    payee: %s\n", i, e.Payee) +
			fmt.Sprintf("    base: %s\n    rate: %d%%\n    cap: %dB\n", e.Stream, 5+i%15, 20+i%50),
		fmt.Sprintf("    contracts.%s.cap:\n      dist: triangular\n      low: %dB\n      mode: %dB\n      high: %dB\n", e.ID, 10+i%50, 20+i%50, 40+i%50)
}
