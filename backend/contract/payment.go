package contract

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"dealmodel/backend/money"
	"dealmodel/backend/scenario"
)

// payment is a schedule of amounts paid in given quarters, from a payer to a payee.
type payment struct{}

// What the type does beyond a scenario.ContractType: it edits by path beyond its
// numeric fields, and has dated events (format v2).
var (
	_ scenario.ContractEditor = payment{}
	_ Timeline                = payment{}
)

func (payment) Name() string          { return "payment" }
func (payment) MovesMoney() bool      { return true }
func (payment) Keys() []string        { return []string{"schedule", "tranches"} }
func (payment) V2Keys() []string      { return []string{"tranches"} }
func (payment) NumericKeys() []string { return []string{"schedule.<quarter>", "tranches.<id>.amount"} }

// Tranche is one payment of a payment contract (format v2): paid in full in At,
// unless it has an expiry (ExpiresSet) and At is after it, when it is never paid.
type Tranche struct {
	ID         string
	At         scenario.Quarter
	Amount     decimal.Decimal
	Expires    scenario.Quarter // when ExpiresSet; a bare year is its last quarter
	ExpiresSet bool
	Condition  string
	Sources    []string
}

// Lapsed reports whether the tranche is never paid: it falls after its expiry.
func (t *Tranche) Lapsed() bool { return t.ExpiresSet && t.At > t.Expires }

// PaymentTerms are a payment's terms, in Contract.Ext: its schedule, or (format
// v2) its tranches instead (Tranches not nil).
type PaymentTerms struct {
	Schedule []scenario.QuarterAmount
	Tranches []Tranche // in file order; nil: the payment has a schedule
}

// Clone implements scenario.ContractExt.
func (t *PaymentTerms) Clone() scenario.ContractExt {
	c := &PaymentTerms{Schedule: append([]scenario.QuarterAmount(nil), t.Schedule...)}
	if t.Tranches != nil {
		c.Tranches = append([]Tranche{}, t.Tranches...)
	}
	for i := range c.Tranches {
		c.Tranches[i].Sources = append([]string(nil), c.Tranches[i].Sources...)
	}
	return c
}

// Payment returns a payment's terms (see termsOf).
func Payment(c *scenario.Contract) *PaymentTerms { return termsOf[PaymentTerms](c) }

// Tranches returns a payment's tranches; nil when it has a schedule.
func Tranches(c *scenario.Contract) []Tranche {
	if t, ok := c.Ext.(*PaymentTerms); ok {
		return t.Tranches
	}
	return nil
}

var trancheKeys = []string{"at", "amount", "expires", "condition", "source", "sources"}

// payable lists what the payment pays and when: its schedule, or its tranches
// that have not lapsed.
func payable(c *scenario.Contract) []scenario.QuarterAmount {
	ts := Tranches(c)
	if ts == nil {
		return Payment(c).Schedule
	}
	out := make([]scenario.QuarterAmount, 0, len(ts))
	for i := range ts {
		if !ts[i].Lapsed() {
			out = append(out, scenario.QuarterAmount{Quarter: ts[i].At, Amount: ts[i].Amount})
		}
	}
	return out
}
func (payment) Describe() Description {
	return Description{Title: "Payment", Template: "Payment", About: "One-off or scheduled transfers, such as investment tranches."}
}

func (payment) Template(c *scenario.Contract, env TemplateEnv) {
	c.Label, c.Payer, c.Payee = "Payment", "Investor", env.Party
	Payment(c).Schedule = []scenario.QuarterAmount{{Quarter: env.Scenario.Start, Amount: dec("1000000000")}}
}

func (payment) Decode(d *scenario.ContractDecoder, c *scenario.Contract) {
	Payment(c) // the terms, even when a key is missing
	if d.Has("tranches") {
		if d.Has("schedule") {
			d.KeyErrorf("tranches", "give either schedule or tranches, not both: a payment's money is listed once")
		}
		t := Payment(c)
		t.Tranches = []Tranche{}
		for _, e := range d.Entries("tranches", "tranche", trancheKeys) {
			tr := Tranche{ID: e.ID}
			if e.Need("at", "add at: the quarter the tranche is paid, such as 2026Q1") {
				tr.At, _ = e.Quarter("at", false)
			}
			if e.Need("amount", "add amount: what the tranche pays, such as 15B") {
				tr.Amount, _ = e.Amount("amount")
			}
			tr.Expires, tr.ExpiresSet = e.Quarter("expires", true)
			tr.Condition, _ = e.Str("condition")
			tr.Sources = e.Sources()
			t.Tranches = append(t.Tranches, tr)
		}
		return
	}
	if d.Need("schedule", "add schedule: quarters to amounts, such as 2026Q1: 15B (or, in format v2, tranches)") {
		Payment(c).Schedule = d.QuarterAmounts("schedule")
	}
}

func (payment) Check(k *scenario.ContractCheck, c *scenario.Contract) {
	if ts := Tranches(c); ts != nil {
		if len(Payment(c).Schedule) > 0 {
			k.Errorf("tranches", "give either schedule or tranches, not both: a payment's money is listed once")
		}
		if len(ts) == 0 {
			k.Errorf("tranches", "no tranches: list at least one, such as upfront: {at: 2026Q1, amount: 15B}")
		}
		seen := map[string]bool{}
		for _, t := range ts {
			key := "tranches." + t.ID
			if seen[t.ID] {
				k.Errorf(key, "tranche %s is listed twice: give each tranche once", t.ID)
			}
			seen[t.ID] = true
			k.Amount(key+".amount", t.Amount)
			if strings.ContainsAny(t.Condition, "\n\r\t") {
				k.Errorf(key+".condition", "contains a line break or tab: write the condition on one line")
			}
		}
		return
	}
	if len(Payment(c).Schedule) == 0 {
		k.Errorf("schedule", "the schedule is empty: list at least one quarter and amount, such as 2026Q1: 15B")
	}
	for _, e := range Payment(c).Schedule {
		k.Amount("schedule."+e.Quarter.String(), e.Amount)
	}
}

func (payment) Encode(w *scenario.ContractWriter, c *scenario.Contract) {
	if ts := Tranches(c); ts != nil {
		tw := w.Mapping("tranches")
		for _, t := range ts {
			e := tw.Mapping(t.ID)
			e.Line("at", t.At.String())
			e.Line("amount", scenario.FormatAmount(t.Amount))
			if t.ExpiresSet {
				e.Line("expires", t.Expires.String())
			}
			e.Text("condition", t.Condition)
			e.Sources(t.Sources)
		}
		return
	}
	s := w.Mapping("schedule")
	for _, e := range Payment(c).Schedule {
		s.Line(e.Quarter.String(), scenario.FormatAmount(e.Amount))
	}
}

func (payment) Fields(c *scenario.Contract, add scenario.FieldFunc) {
	for _, e := range Payment(c).Schedule {
		add("schedule."+e.Quarter.String(), scenario.KindAmount, e.Quarter.String(), e.Amount, ptrZero, nil)
	}
	for _, t := range Tranches(c) {
		add("tranches."+t.ID+".amount", scenario.KindAmount, "tranche "+t.ID, t.Amount, ptrZero, nil)
	}
}

func (payment) Ref(c *scenario.Contract, parts []string) (scenario.FieldRef, string) {
	if len(parts) == 3 && parts[0] == "tranches" && parts[2] == "amount" {
		ts := Tranches(c)
		for i := range ts {
			if ts[i].ID == parts[1] {
				return scenario.FieldRef{Kind: scenario.KindAmount, Ptr: &ts[i].Amount}, ""
			}
		}
		return scenario.FieldRef{}, fmt.Sprintf("contract %s has no tranche %q", c.ID, parts[1])
	}
	if len(parts) != 2 || parts[0] != "schedule" {
		return scenario.FieldRef{}, ""
	}
	if q, err := scenario.ParseQuarter(parts[1], false); err == nil {
		for i := range Payment(c).Schedule {
			if Payment(c).Schedule[i].Quarter == q {
				return scenario.FieldRef{Kind: scenario.KindAmount, Ptr: &Payment(c).Schedule[i].Amount}, ""
			}
		}
	}
	return scenario.FieldRef{}, fmt.Sprintf("contract %s schedules nothing in %s", c.ID, parts[1])
}

func (payment) Eval(c *scenario.Contract, l Ledger) error {
	n, start, end := l.N(), l.Start(), l.End()
	paid := zeros(n)
	inside, outside := decimal.Zero, decimal.Zero
	for _, e := range payable(c) {
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
	for _, e := range Payment(c).Schedule {
		p.sched = append(p.sched, schedEntry{q: int(e.Quarter - l.Start()), slot: l.Slot(c, "schedule."+e.Quarter.String())})
	}
	for _, t := range Tranches(c) {
		if !t.Lapsed() {
			p.sched = append(p.sched, schedEntry{q: int(t.At - l.Start()), slot: l.Slot(c, "tranches."+t.ID+".amount")})
		}
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
	if ts := Tranches(c); ts != nil {
		parts := make([]string, len(ts))
		for i, t := range ts {
			parts[i] = scenario.FormatAmount(t.Amount) + " in " + t.At.String()
			if t.ExpiresSet {
				parts[i] += " (expires " + t.Expires.String() + ")"
			}
			if t.Condition != "" {
				parts[i] += " if " + t.Condition
			}
			if t.Lapsed() {
				parts[i] += ", lapsed"
			}
		}
		return strings.Join(parts, "; ")
	}
	parts := make([]string, len(Payment(c).Schedule))
	for i, e := range Payment(c).Schedule {
		parts[i] = scenario.FormatAmount(e.Amount) + " in " + e.Quarter.String()
	}
	return strings.Join(parts, "; ")
}

func (payment) Views(s *scenario.Scenario, c *scenario.Contract, m Metrics) Views {
	return Views{Facts: []string{paymentFact(s, c, m)}, FactRank: FactsAfter}
}

// paymentFact says what is paid when, and what falls outside the horizon.
func paymentFact(s *scenario.Scenario, c *scenario.Contract, m Metrics) string {
	total := decimal.Zero
	var parts, lapsed []string
	sched := payable(c)
	for _, e := range sched {
		total = total.Add(e.Amount)
	}
	if ts := Tranches(c); ts != nil {
		for _, t := range ts {
			if t.Lapsed() {
				lapsed = append(lapsed, fmt.Sprintf("%s in %s lapses (it expires %s)", money.Short(t.Amount), t.At, t.Expires))
				continue
			}
			part := fmt.Sprintf("%s in %s", money.Short(t.Amount), t.At)
			if t.Condition != "" {
				part += " if " + strings.ToLower(t.Condition[:1]) + strings.TrimSuffix(t.Condition[1:], ".")
			}
			if t.ExpiresSet {
				part += fmt.Sprintf(" (by %s)", t.Expires)
			}
			parts = append(parts, part)
		}
	} else {
		for _, e := range sched {
			parts = append(parts, fmt.Sprintf("%s in %s", money.Short(e.Amount), e.Quarter))
		}
	}
	what := ListAnd(parts)
	if len(parts) > 3 {
		what = fmt.Sprintf("in %d payments from %s to %s", len(parts), sched[0].Quarter, sched[len(sched)-1].Quarter)
	}
	if len(parts) == 0 {
		what = "nothing that has not lapsed"
	}
	out := fmt.Sprintf("%s pays %s %s, %s.", c.Payer, c.Payee, money.Short(total), what)
	if len(lapsed) > 0 {
		l := ListAnd(lapsed)
		out += " " + strings.ToUpper(l[:1]) + l[1:] + "."
	}
	if c.Label != "" {
		out = c.Label + ": " + out
	}
	if v, _, ok := m.Metric("outside_horizon"); ok && v.Sign() > 0 {
		out += fmt.Sprintf(" %s of it falls outside %s.", money.Short(v), span(s.Start, s.End))
	}
	return out
}

func (payment) Inputs(c *scenario.Contract) []scenario.ContractInput {
	var out []scenario.ContractInput
	for _, e := range Payment(c).Schedule {
		out = append(out, number("schedule."+e.Quarter.String(), e.Quarter.String()))
	}
	for _, t := range Tranches(c) {
		label := "Tranche " + t.ID + ", " + t.At.String()
		if t.ExpiresSet {
			label += " (expires " + t.Expires.String() + ")"
		}
		out = append(out, number("tranches."+t.ID+".amount", label))
	}
	return out
}

// trancheKey splits tranches.<id>.<rest> and finds the tranche (nil when there is
// none); ok is false for another key.
func trancheKey(c *scenario.Contract, key string) (t *Tranche, rest string, ok bool) {
	r, found := strings.CutPrefix(key, "tranches.")
	if !found {
		return nil, "", false
	}
	id, rest, _ := strings.Cut(r, ".")
	pt := Payment(c)
	for i := range pt.Tranches {
		if pt.Tranches[i].ID == id {
			return &pt.Tranches[i], rest, true
		}
	}
	return nil, rest, true
}

// SetDate sets a tranche's quarter (tranches.<id>.at) or its deadline
// (tranches.<id>.expires).
func (payment) SetDate(c *scenario.Contract, key string, q scenario.Quarter) bool {
	t, rest, ok := trancheKey(c, key)
	if !ok || t == nil {
		return false
	}
	switch rest {
	case "at":
		t.At = q
	case "expires":
		t.Expires, t.ExpiresSet = q, true
	default:
		return false
	}
	return true
}

// SetText sets a tranche's condition or sources.
func (payment) SetText(s *scenario.Scenario, c *scenario.Contract, key, v string) (bool, error) {
	t, rest, ok := trancheKey(c, key)
	if !ok {
		return false, nil
	}
	if t == nil {
		return true, fmt.Errorf("%q is not a tranche of %s", key, c.ID)
	}
	switch rest {
	case "condition":
		t.Condition = strings.TrimSpace(v)
	case "source", "sources":
		t.Sources = lines(v)
	default:
		return true, fmt.Errorf("a tranche's text is its condition or sources, not %q", rest)
	}
	return true, nil
}

// Add adds a tranche (tranches.<id>.amount) to a payment in tranches, paid in the
// quarter of the last one until its at is set.
func (payment) Add(c *scenario.Contract, key, text string) (bool, error) {
	t, rest, ok := trancheKey(c, key)
	pt := Payment(c)
	if !ok || t != nil || rest != "amount" || pt.Tranches == nil {
		return false, nil
	}
	id := strings.TrimSuffix(strings.TrimPrefix(key, "tranches."), ".amount")
	if !scenario.ValidID(id) {
		return true, fmt.Errorf("%q is not a valid tranche id: start with a letter, then letters, digits or _", id)
	}
	v, err := scenario.ParseInput(scenario.KindAmount, text)
	if err != nil {
		return true, err
	}
	at := c.From
	if n := len(pt.Tranches); n > 0 {
		at = pt.Tranches[n-1].At
	}
	pt.Tranches = append(pt.Tranches, Tranche{ID: id, At: at, Amount: v})
	return true, nil
}

// Remove removes one payment of the schedule (schedule.<quarter>), a tranche
// (tranches.<id>) or its deadline (tranches.<id>.expires).
func (payment) Remove(c *scenario.Contract, key string) bool {
	if t, rest, ok := trancheKey(c, key); ok {
		switch {
		case t == nil:
			return false
		case rest == "expires" && t.ExpiresSet:
			t.ExpiresSet = false
			return true
		case rest == "":
			pt := Payment(c)
			for i := range pt.Tranches {
				if &pt.Tranches[i] == t {
					pt.Tranches = append(pt.Tranches[:i:i], pt.Tranches[i+1:]...)
					return true
				}
			}
		}
		return false
	}
	at, ok := strings.CutPrefix(key, "schedule.")
	if !ok {
		return false
	}
	q, err := scenario.ParseQuarter(at, false)
	if err != nil {
		return false
	}
	for i, e := range Payment(c).Schedule {
		if e.Quarter == q {
			Payment(c).Schedule = append(Payment(c).Schedule[:i:i], Payment(c).Schedule[i+1:]...)
			return true
		}
	}
	return false
}

func (payment) Optional(c *scenario.Contract) []scenario.OptionalPart { return nil }
func (payment) Detail(c *scenario.Contract) string                    { return moneyDetail(c) }
func (payment) Uses(c *scenario.Contract) []string                    { return nil }

func (payment) Quarters(c *scenario.Contract, add func(key, label string, q scenario.Quarter)) {
	for _, t := range Tranches(c) {
		add("tranches."+t.ID+".at", "tranche "+t.ID+" paid in", t.At)
		if t.ExpiresSet {
			add("tranches."+t.ID+".expires", "tranche "+t.ID+" expires", t.Expires)
		}
	}
}

func (payment) SetQuarter(c *scenario.Contract, key string, q scenario.Quarter) bool {
	rest, ok := strings.CutPrefix(key, "tranches.")
	if !ok {
		return false
	}
	id, field, _ := strings.Cut(rest, ".")
	ts := Tranches(c)
	for i := range ts {
		if ts[i].ID != id {
			continue
		}
		switch {
		case field == "at":
			ts[i].At = q
		case field == "expires" && ts[i].ExpiresSet:
			ts[i].Expires = q
		default:
			return false
		}
		return true
	}
	return false
}

// Events of a payment in tranches: each tranche, and each deadline.
func (payment) Events(s *scenario.Scenario, c *scenario.Contract) []Event {
	var ev []Event
	for _, t := range Tranches(c) {
		what := fmt.Sprintf("tranche %s pays %s", t.ID, money.Short(t.Amount))
		if t.Lapsed() {
			what = fmt.Sprintf("tranche %s (%s) would fall after its deadline, %s: never paid", t.ID, money.Short(t.Amount), t.Expires)
		}
		ev = append(ev, Event{Quarter: t.At, Kind: EventTranche, Key: "tranches." + t.ID, What: what, Note: t.Condition, Sources: t.Sources, Lapsed: t.Lapsed()})
		if t.ExpiresSet {
			ev = append(ev, Event{Quarter: t.Expires, Kind: EventDeadline, Key: "tranches." + t.ID + ".expires",
				What: fmt.Sprintf("deadline of tranche %s: not paid if it falls due after %s", t.ID, t.Expires), Note: t.Condition, Sources: t.Sources})
		}
	}
	return sortEvents(ev)
}

// Samples implements Sampler: a payment schedule.
func (payment) Samples() int { return 1 }

// Sample implements Sampler.
func (payment) Sample(_ int, e SampleEnv) (string, string) {
	i, from := e.N, e.From
	return fmt.Sprintf("    type: payment\n    label: Investment %d\n    payer: Investor\n    payee: Builder\n    schedule:\n", i) +
			fmt.Sprintf("      %dQ1: %dB\n", from, 1+i%9) +
			fmt.Sprintf("      %dQ3: %dM\n", min(from+1, e.End), 100+i%900),
		fmt.Sprintf("    contracts.%s.schedule.%dQ1:\n      dist: uniform\n      low: 0\n      high: %dB\n", e.ID, from, 2+i%9)
}
