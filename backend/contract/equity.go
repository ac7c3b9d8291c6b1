package contract

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"dealmodel/backend/money"
	"dealmodel/backend/scenario"
)

// equity is a stake a holder has in a company valued at an amount on a date, held
// constant or moving with a revenue stream at a constant multiple. It moves no money.
type equity struct{}

// What the type does beyond a scenario.ContractType: it edits by path beyond its
// numeric fields, and has dated events (format v2).
var (
	_ scenario.ContractEditor = equity{}
	_ Timeline                = equity{}
	_ Chooser                 = equity{}
)

var valuationKeys = []string{"amount", "at", "method", "stream", "interpolate", "marks"}

func (equity) Name() string     { return "equity" }
func (equity) MovesMoney() bool { return false }
func (equity) Keys() []string   { return []string{"holder", "stake", "changes", "valuation"} }
func (equity) V2Keys() []string { return []string{"changes"} }
func (equity) NumericKeys() []string {
	return []string{"stake", "valuation.amount", "changes.<quarter>.stake", "valuation.marks.<quarter>"}
}

// EquityTerms are a stake's terms, in Contract.Ext: who holds it, its share and
// how the company is valued; of format v2, dated changes of the stake, and
// valuation marks (Valuation.Method is marks).
type EquityTerms struct {
	Holder    string
	Stake     decimal.Decimal
	Valuation Valuation

	Changes     []Change // in quarter order
	Interpolate string   // step (default) or linear
	Marks       []scenario.QuarterAmount
}

// Valuation is how an equity contract values the company.
type Valuation struct {
	Amount decimal.Decimal
	At     scenario.Quarter
	Method string // constant (default), revenue_multiple or marks
	Stream string // revenue_multiple only
}

// Equity valuation methods of format v1.
const (
	MethodConstant        = "constant"
	MethodRevenueMultiple = "revenue_multiple"
)

// Clone implements scenario.ContractExt.
func (t *EquityTerms) Clone() scenario.ContractExt {
	c := *t
	c.Changes = cloneChanges(t.Changes)
	c.Marks = append([]scenario.QuarterAmount(nil), t.Marks...)
	return &c
}

// Equity returns a stake's terms (see termsOf).
func Equity(c *scenario.Contract) *EquityTerms { return termsOf[EquityTerms](c) }

var equityTerms = []changeTerm{termStake}

// Valuation methods and interpolations of format v2.
const (
	MethodMarks       = "marks"
	InterpolateStep   = "step"
	InterpolateLinear = "linear"
)

func (equity) Describe() Description {
	return Description{Title: "Equity stake", Template: "Stake", About: "A holder's stake valued at a constant valuation or a revenue multiple.",
		Scenario: &ScenarioTemplate{ID: "stake", Label: "Stake and valuation", About: "A stake in a company at a valuation."},
		Changes:  describeTerms(equityTerms)}
}

func (equity) Template(c *scenario.Contract, env TemplateEnv) {
	c.Label, Equity(c).Holder = "Stake", "Investor"
	Equity(c).Stake = dec("0.1")
	Equity(c).Valuation = Valuation{Amount: dec("100000000000"), At: env.Scenario.Start, Method: MethodConstant}
}

func (equity) Decode(d *scenario.ContractDecoder, c *scenario.Contract) {
	Equity(c) // the terms, even when a key is missing
	if d.Need("holder", "add holder: the party that holds the stake, such as Microsoft") {
		Equity(c).Holder, _ = d.Str("holder")
	}
	if d.Need("stake", "add stake: the share held, such as 27%") {
		Equity(c).Stake, _ = d.Rate("stake")
	}
	if d.Need("valuation", "add valuation: with amount and at") {
		Equity(c).Valuation = Valuation{Method: MethodConstant}
		v := d.Mapping("valuation", valuationKeys)
		if d.Has("changes") {
			Equity(c).Changes = decodeChanges(d, equityTerms)
		}
		if v == nil {
			return
		}
		if decodeMarks(d, v, c) {
			return
		}
		if v.Need("amount", "add amount: the company's valuation, such as 852B") {
			Equity(c).Valuation.Amount, _ = v.Amount("amount")
		}
		if v.Need("at", "add at: the quarter of the valuation, such as 2026Q1") {
			Equity(c).Valuation.At, _ = v.Quarter("at", false)
		}
		if m, ok := v.Str("method"); ok {
			if m != MethodConstant && m != MethodRevenueMultiple {
				methods := "constant, revenue_multiple, marks"
				if d.Version() == scenario.FormatV1 {
					methods = "constant, revenue_multiple"
				}
				v.Errorf("method", "unknown method %q: valid methods are %s", m, methods)
			}
			Equity(c).Valuation.Method = m
		}
		for _, k := range []string{"interpolate", "marks"} {
			if v.Has(k) {
				if d.Version() == scenario.FormatV1 {
					v.Errorf(k, "%s is a key of format version 2: write version: 2 at the top of the file to use it (this file says version: 1)", k)
				} else {
					v.Errorf(k, "%s applies only with method: marks (this valuation's method is %s)", k, Equity(c).Valuation.Method)
				}
			}
		}
		if v.Has("stream") {
			Equity(c).Valuation.Stream, _ = v.Str("stream")
		}
	}
}

// decodeMarks reads a valuation of method marks; it reports whether the method is
// marks (and so nothing else of the valuation is to be read).
func decodeMarks(d, v *scenario.ContractDecoder, c *scenario.Contract) bool {
	m, _ := v.Str("method")
	if m != MethodMarks {
		return false
	}
	Equity(c).Valuation.Method = m
	if d.Version() == scenario.FormatV1 {
		v.Errorf("method", "method marks is part of format version 2: write version: 2 at the top of the file to use it (this file says version: 1)")
		return true
	}
	for _, k := range []string{"amount", "at", "stream"} {
		if v.Has(k) {
			v.Errorf(k, "%s does not apply to method marks: the marks give the valuation (remove %s)", k, k)
		}
	}
	t := Equity(c)
	t.Interpolate = InterpolateStep
	if x, ok := v.Str("interpolate"); ok {
		if x != InterpolateStep && x != InterpolateLinear {
			v.Errorf("interpolate", "unknown interpolation %q: valid ones are step, linear", x)
		}
		t.Interpolate = x
	}
	if v.Need("marks", "method marks needs marks: quarters to valuations, such as {2025Q4: 500B, 2026Q1: 852B}") {
		t.Marks = v.DatedAmounts("marks", "quarters to valuations")
	}
	return true
}

func (equity) Check(k *scenario.ContractCheck, c *scenario.Contract) {
	s := k.Scenario()
	k.Party("holder", Equity(c).Holder)
	k.Rate("stake", Equity(c).Stake, zero, one)
	t := Equity(c)
	checkChanges(k, t.Changes, equityTerms, s.Start, s.End, "the horizon")
	v := Equity(c).Valuation
	if v.Method == MethodMarks {
		for i, mk := range t.Marks {
			key := "valuation.marks." + mk.Quarter.String()
			k.Amount(key, mk.Amount)
			if i > 0 && mk.Quarter == t.Marks[i-1].Quarter {
				k.Errorf(key, "two valuation marks in %s: give each quarter one valuation, or move one", mk.Quarter)
			}
		}
		switch {
		case len(t.Marks) == 0:
			k.Errorf("valuation.marks", "no marks: list at least one quarter and valuation, such as 2026Q1: 852B")
		case t.Marks[0].Quarter > s.Start:
			k.Errorf("valuation.marks."+t.Marks[0].Quarter.String(), "the earliest mark (%s) is after start (%s): add a mark at or before %s, so that every quarter has a valuation", t.Marks[0].Quarter, s.Start, s.Start)
		}
		return
	}
	k.Amount("valuation.amount", v.Amount)
	if v.At < s.Start || v.At > s.End {
		k.Errorf("valuation.at", "%s is outside the horizon %s..%s: the valuation must be dated inside it", v.At, s.Start, s.End)
	}
	switch v.Method {
	case MethodRevenueMultiple:
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
	case MethodConstant:
		if v.Stream != "" {
			k.Errorf("valuation.stream", "stream applies only with method: revenue_multiple")
		}
	}
}

func (equity) Encode(w *scenario.ContractWriter, c *scenario.Contract) {
	w.Line("holder", scenario.Quote(Equity(c).Holder))
	w.Line("stake", scenario.FormatRate(Equity(c).Stake))
	t := Equity(c)
	encodeChanges(w, t.Changes, equityTerms)
	v := w.Mapping("valuation")
	if Equity(c).Valuation.Method == MethodMarks {
		v.Line("method", MethodMarks)
		v.Line("interpolate", t.Interpolate)
		m := v.Mapping("marks")
		for _, mk := range t.Marks {
			m.Line(mk.Quarter.String(), scenario.FormatAmount(mk.Amount))
		}
		return
	}
	v.Line("amount", scenario.FormatAmount(Equity(c).Valuation.Amount))
	v.Line("at", Equity(c).Valuation.At.String())
	v.Line("method", Equity(c).Valuation.Method)
	if Equity(c).Valuation.Stream != "" {
		v.Line("stream", Equity(c).Valuation.Stream)
	}
}

func (equity) Fields(c *scenario.Contract, add scenario.FieldFunc) {
	add("stake", scenario.KindRate, "stake", Equity(c).Stake, ptrZero, ptrOne)
	t := Equity(c)
	changeFields(t.Changes, equityTerms, add)
	if Equity(c).Valuation.Method == MethodMarks {
		for _, mk := range t.Marks {
			add("valuation.marks."+mk.Quarter.String(), scenario.KindAmount, "valuation mark "+mk.Quarter.String(), mk.Amount, ptrZero, nil)
		}
		return
	}
	add("valuation.amount", scenario.KindAmount, "valuation", Equity(c).Valuation.Amount, ptrZero, nil)
}

func (equity) Ref(c *scenario.Contract, parts []string) (scenario.FieldRef, string) {
	t := Equity(c)
	if ref, why, ok := changeRef(c, t.Changes, equityTerms, parts); ok {
		return ref, why
	}
	marks := Equity(c).Valuation.Method == MethodMarks
	switch {
	case len(parts) == 1 && parts[0] == "stake":
		return scenario.FieldRef{Kind: scenario.KindRate, Ptr: &Equity(c).Stake}, ""
	case len(parts) == 2 && parts[0] == "valuation" && parts[1] == "amount" && !marks:
		return scenario.FieldRef{Kind: scenario.KindAmount, Ptr: &Equity(c).Valuation.Amount}, ""
	case len(parts) == 3 && parts[0] == "valuation" && parts[1] == "marks" && marks:
		if ref, ok := datedRef(t.Marks, parts[2], scenario.KindAmount); ok {
			return ref, ""
		}
		return scenario.FieldRef{}, fmt.Sprintf("contract %s has no valuation mark in %s", c.ID, parts[2])
	}
	return scenario.FieldRef{}, ""
}

// StakeAt is the stake in force in quarter q: the stake, replaced by the latest
// change at or before q.
func StakeAt(c *scenario.Contract, q scenario.Quarter) decimal.Decimal {
	return *newTerm(&Equity(c).Stake, Equity(c).Changes, termStake).at(q)
}

// markValue values the company at its marks: the latest mark at or before q
// (step), or on the straight line between the marks around q, counting quarters
// (linear); after the last mark, the last mark.
func markValue(t *EquityTerms, q scenario.Quarter, l Ledger) (decimal.Decimal, error) {
	ms := t.Marks
	k := -1
	for i := range ms {
		if ms[i].Quarter > q {
			break
		}
		k = i
	}
	if k < 0 {
		return decimal.Decimal{}, fmt.Errorf("no valuation mark at or before %s", q)
	}
	a := ms[k]
	if t.Interpolate != InterpolateLinear || k == len(ms)-1 || a.Quarter == q {
		return a.Amount, nil
	}
	b := ms[k+1]
	if a.Amount.Equal(b.Amount) {
		return a.Amount, nil
	}
	// m_a + (m_b − m_a) × (q − a) / (b − a)
	num := b.Amount.Sub(a.Amount).Mul(decimal.NewFromInt(int64(q - a.Quarter)))
	return a.Amount.Add(l.Div(num, decimal.NewFromInt(int64(b.Quarter-a.Quarter)))), nil
}

func (equity) Eval(c *scenario.Contract, l Ledger) error {
	n, start, end := l.N(), l.Start(), l.End()
	valuation := make([]decimal.Decimal, n)
	value := make([]decimal.Decimal, n)
	v := Equity(c).Valuation
	switch v.Method {
	case MethodRevenueMultiple:
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
	case MethodMarks:
		for i := range n {
			x, err := markValue(Equity(c), start+scenario.Quarter(i), l)
			if err != nil {
				return fmt.Errorf("contract %s: %w", c.ID, err)
			}
			valuation[i] = x
		}
	default:
		for i := range n {
			valuation[i] = v.Amount
		}
	}
	stake := newTerm(&Equity(c).Stake, Equity(c).Changes, termStake)
	for i := range n {
		value[i] = stake.at(start + scenario.Quarter(i)).Mul(valuation[i])
	}
	l.Level(c, "valuation", "valuation", valuation)
	l.Level(c, "value", "stake value", value)
	l.Amount(c, "value_at_end", "stake value at the end", value[n-1])
	return nil
}

func (equity) Compile(c *scenario.Contract, l FloatLayout) (FloatProgram, error) {
	p := &equityProgram{c: c, valStream: -1, amount: -1}
	t := Equity(c)
	p.stake = compileTerm(c, l, "stake", t.Changes, termStake)
	if Equity(c).Valuation.Method == MethodMarks {
		for _, mk := range t.Marks {
			p.marks = append(p.marks, schedEntry{q: int(mk.Quarter - l.Start()), slot: l.Slot(c, "valuation.marks."+mk.Quarter.String())})
		}
		p.linear = t.Interpolate == InterpolateLinear
	} else {
		p.amount = l.Slot(c, "valuation.amount")
	}
	p.at = int(Equity(c).Valuation.At - l.Start())
	if Equity(c).Valuation.Method == MethodRevenueMultiple {
		b, ok := l.StreamRow(Equity(c).Valuation.Stream)
		if !ok {
			return nil, fmt.Errorf("contract %s: valuation stream %q is not defined", c.ID, Equity(c).Valuation.Stream)
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
	stake            floatTerm
	amount           int          // slot; -1 with marks
	marks            []schedEntry // valuation marks by quarter offset
	linear           bool
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
	amount := 0.0
	if p.amount >= 0 {
		amount = v[p.amount]
	}
	switch {
	case p.marks != nil:
		k := -1
		for i := range n {
			for k+1 < len(p.marks) && p.marks[k+1].q <= i {
				k++
			}
			if k < 0 {
				return fmt.Errorf("contract %s: no valuation mark at or before quarter %d of the horizon", p.c.ID, i+1)
			}
			a := v[p.marks[k].slot]
			if p.linear && k+1 < len(p.marks) && p.marks[k].q != i {
				if b := v[p.marks[k+1].slot]; a != b {
					a += (b - a) * float64(i-p.marks[k].q) / float64(p.marks[k+1].q-p.marks[k].q)
				}
			}
			valuation[i] = a
		}
	case p.multiple:
		rev := w.Row(p.valStream)
		if p.at < 0 || p.at >= n {
			return fmt.Errorf("contract %s: valuation date is outside the horizon", p.c.ID)
		}
		atRev := rev[p.at]
		if atRev == 0 {
			return fmt.Errorf("contract %s: stream %s is 0 at %s, so the revenue multiple is undefined", p.c.ID, Equity(p.c).Valuation.Stream, Equity(p.c).Valuation.At)
		}
		for i := range n {
			valuation[i] = amount * rev[i] / atRev
		}
	default:
		for i := range n {
			valuation[i] = amount
		}
	}
	for i := range n {
		stake, _ := p.stake.at(v, i)
		value[i] = stake * valuation[i]
	}
	w.Metrics[p.metric] = value[n-1]
	return nil
}

func (equity) Parties(c *scenario.Contract) string { return Equity(c).Holder }

func (equity) Terms(s *scenario.Scenario, c *scenario.Contract) string {
	v := Equity(c).Valuation
	t := Equity(c)
	stake := scenario.FormatRate(Equity(c).Stake)
	for _, ch := range t.Changes {
		if ch.Stake != nil {
			stake += ", " + scenario.FormatRate(*ch.Stake) + " from " + ch.Quarter.String()
		}
	}
	if v.Method == MethodMarks {
		parts := make([]string, len(t.Marks))
		for i, mk := range t.Marks {
			parts[i] = scenario.FormatAmount(mk.Amount) + " (" + mk.Quarter.String() + ")"
		}
		how := "each held until the next"
		if t.Interpolate == InterpolateLinear {
			how = "in straight lines between them"
		}
		return fmt.Sprintf("%s of a valuation at the marks %s, %s", stake, strings.Join(parts, ", "), how)
	}
	line := fmt.Sprintf("%s of a valuation of %s set in %s", stake, scenario.FormatAmount(v.Amount), v.At)
	if v.Method == MethodRevenueMultiple {
		return line + ", moving with " + streamLabel(s, v.Stream) + " (revenue multiple)"
	}
	return line + ", held constant"
}

func (equity) Views(s *scenario.Scenario, c *scenario.Contract, m Metrics) Views {
	method := "held constant"
	valuation := fmt.Sprintf("a valuation of %s in %s", money.Short(Equity(c).Valuation.Amount), Equity(c).Valuation.At)
	switch Equity(c).Valuation.Method {
	case MethodRevenueMultiple:
		method = "moving with revenue at a constant multiple"
	case MethodMarks:
		t := Equity(c)
		last := t.Marks[len(t.Marks)-1]
		valuation = fmt.Sprintf("the valuation marks up to %s in %s", money.Short(last.Amount), last.Quarter)
		method = "each held until the next"
		if t.Interpolate == InterpolateLinear {
			method = "in straight lines between them"
		}
	}
	stake := newTerm(&Equity(c).Stake, Equity(c).Changes, termStake).at(s.End)
	fact := equityFact(s, c, m)
	value, _, _ := m.Metric("value_at_end")
	return Views{
		Question: &Question{Rank: 1, Question: fmt.Sprintf("What is %s's stake worth?", Equity(c).Holder),
			Lead: fmt.Sprintf("%s's stake is worth %s at the end of %s.", Equity(c).Holder, money.Short(value), s.End), Answer: fact},
		Facts:    []string{fact},
		FactRank: FactsLast,
		Late:     true,
		Figures: []Figure{{Measure: "value_at_end", Label: Equity(c).Holder + "'s stake", Context: fmt.Sprintf("%s in %s", scenario.FormatRate(*stake), s.End),
			Explain: fmt.Sprintf("%s's %s stake at %s, %s, in the last quarter of the horizon.",
				Equity(c).Holder, scenario.FormatRate(*stake), valuation, method)}},
		Overlays: []Overlay{{Measure: "value", Title: c.DisplayLabel() + ": value", Note: "The stake's value in each period."}},
	}
}

func (equity) Inputs(c *scenario.Contract) []scenario.ContractInput {
	t := Equity(c)
	if Equity(c).Valuation.Method == MethodMarks {
		// The marks are the valuation: each is a numeric field of its own.
		out := append([]scenario.ContractInput{number("stake", "Stake")}, changeInputs(t.Changes, equityTerms)...)
		for _, mk := range t.Marks {
			out = append(out, number("valuation.marks."+mk.Quarter.String(), "Valuation mark "+mk.Quarter.String()))
		}
		return out
	}
	return []scenario.ContractInput{number("stake", "Stake"), number("valuation.amount", "Valuation"),
		date("valuation.at", "Valued at", Equity(c).Valuation.At)}
}

func (equity) SetDate(c *scenario.Contract, key string, q scenario.Quarter) bool {
	if strings.HasPrefix(key, "changes.") {
		return moveChange(Equity(c).Changes, key, q)
	}
	if from, ok := datedKey(key, "valuation.marks"); ok {
		return Equity(c).Valuation.Method == MethodMarks && moveDated(Equity(c).Marks, from, q)
	}
	if key != "valuation.at" || Equity(c).Valuation.Method == MethodMarks {
		return false
	}
	Equity(c).Valuation.At = q
	return true
}

// SetText sets the holder, the valuation's method (a revenue multiple takes the
// first stream when none is named), its stream, or how marks are joined.
//
// A valuation that turns into marks starts with one mark at start, of the
// valuation it had, with its uncertainty range (format v2; more are added in the
// timeline). One that turns from marks into a single valuation takes the
// valuation the marks give at the end (valuationAtEnd): the mark in force, with
// its range, or the value on the line between two marks. Undo gives the marks back.
func (equity) SetText(s *scenario.Scenario, c *scenario.Contract, key, v string) (bool, error) {
	if handled, err := setChangeText(Equity(c).Changes, key, v); handled {
		return true, err
	}
	t := Equity(c)
	switch key {
	case "holder":
		t.Holder = v
	case "valuation.method":
		if v != MethodConstant && v != MethodRevenueMultiple && v != MethodMarks {
			return true, fmt.Errorf("method %q: use constant, revenue_multiple or marks", v)
		}
		base := "contracts." + c.ID + ".valuation."
		if t.Valuation.Method == MethodMarks && v != MethodMarks {
			amount, at, linear := valuationAtEnd(t, s.End)
			if !linear {
				// The mark in force is the valuation: its range goes with it.
				s.MoveUncertain(base+"marks."+at.String(), base+"amount")
			}
			t.Valuation.Amount, t.Valuation.At = amount, min(max(at, s.Start), s.End)
			t.Marks, t.Interpolate = nil, ""
		}
		switch v {
		case MethodConstant:
			t.Valuation.Stream = ""
		case MethodRevenueMultiple:
			if t.Valuation.Stream == "" && len(s.Streams) > 0 {
				t.Valuation.Stream = s.Streams[0].ID
			}
		case MethodMarks:
			if t.Valuation.Method != MethodMarks {
				t.Marks = []scenario.QuarterAmount{{Quarter: s.Start, Amount: t.Valuation.Amount}}
				t.Interpolate = InterpolateStep
				t.Valuation.Stream = ""
				s.Version = max(s.Version, scenario.FormatV2)
				s.MoveUncertain(base+"amount", base+"marks."+s.Start.String())
			}
		}
		t.Valuation.Method = v
	case "valuation.stream":
		t.Valuation.Stream = v
	case "valuation.interpolate":
		if t.Valuation.Method != MethodMarks {
			return true, fmt.Errorf("interpolate applies only to a valuation by marks")
		}
		if v != InterpolateStep && v != InterpolateLinear {
			return true, fmt.Errorf("interpolate %q: use step or linear", v)
		}
		t.Interpolate = v
	default:
		return false, nil
	}
	return true, nil
}

// valuationAtEnd is the valuation the marks give in the quarter end, to the cent,
// dated at the mark in force then (the latest at or before end; the first when
// all are after it); linear says it lies on a line between two marks, dated at
// end, rather than being a mark's own.
func valuationAtEnd(t *EquityTerms, end scenario.Quarter) (decimal.Decimal, scenario.Quarter, bool) {
	ms := t.Marks
	if len(ms) == 0 {
		return decimal.Zero, end, false
	}
	k := 0
	for i := range ms {
		if ms[i].Quarter <= end {
			k = i
		}
	}
	a := ms[k]
	if t.Interpolate != InterpolateLinear || k == len(ms)-1 || a.Quarter >= end || a.Amount.Equal(ms[k+1].Amount) {
		return a.Amount, a.Quarter, false
	}
	b := ms[k+1]
	num := b.Amount.Sub(a.Amount).Mul(decimal.NewFromInt(int64(end - a.Quarter)))
	return a.Amount.Add(num.DivRound(decimal.NewFromInt(int64(b.Quarter-a.Quarter)), 2)), end, true
}

// Choices: how the company is valued, and for a revenue multiple which stream,
// for marks how they are joined.
func (equity) Choices(s *scenario.Scenario, c *scenario.Contract) []Choice {
	t := Equity(c)
	method := t.Valuation.Method
	if method == "" {
		method = MethodConstant
	}
	options := []Option{{MethodConstant, "Constant"}}
	if len(s.Streams) > 0 || method == MethodRevenueMultiple {
		// A multiple of revenue needs a stream to follow.
		options = append(options, Option{MethodRevenueMultiple, "A multiple of revenue"})
	}
	options = append(options, Option{MethodMarks, "Marks: rounds and sales"})
	out := []Choice{{Key: "valuation.method", Label: "Valuation", Value: method, Options: options}}
	switch method {
	case MethodRevenueMultiple:
		out = append(out, Choice{Key: "valuation.stream", Label: "Revenue", Value: t.Valuation.Stream, Options: streamOptions(s)})
	case MethodMarks:
		v := t.Interpolate
		if v == "" {
			v = InterpolateStep
		}
		out = append(out, Choice{Key: "valuation.interpolate", Label: "Between marks", Value: v, Options: []Option{
			{InterpolateStep, "Each holds until the next"},
			{InterpolateLinear, "Straight lines"},
		}})
	}
	return out
}

// Add adds a dated change of the stake (changes.<quarter>.stake), or a valuation
// mark (valuation.marks.<quarter>) to a valuation by marks: a new round or sale.
func (equity) Add(c *scenario.Contract, key, text string) (bool, error) {
	if strings.HasPrefix(key, "changes.") {
		return addChangeTerm(&Equity(c).Changes, equityTerms, key, text)
	}
	if !strings.HasPrefix(key, "valuation.marks.") {
		return false, nil
	}
	if m := Equity(c).Valuation.Method; m != MethodMarks {
		if m == "" {
			m = MethodConstant
		}
		return true, fmt.Errorf("this stake's valuation method is %s: a valuation mark applies only with method marks", m)
	}
	q, ok := datedKey(key, "valuation.marks")
	if !ok {
		return true, fmt.Errorf("%q is not a quarter: write a mark's quarter as 2027Q2 (or a year, its first quarter)", strings.TrimPrefix(key, "valuation.marks."))
	}
	v, err := scenario.ParseInput(scenario.KindAmount, text)
	if err != nil {
		return true, err
	}
	setDated(&Equity(c).Marks, q, v)
	return true, nil
}

// Remove removes a dated change, or a valuation mark (the last one too: the check
// then refuses the edit, saying that a valuation by marks needs one).
func (equity) Remove(c *scenario.Contract, key string) bool {
	if q, ok := datedKey(key, "valuation.marks"); ok {
		t := Equity(c)
		for i := range t.Marks {
			if t.Valuation.Method == MethodMarks && t.Marks[i].Quarter == q {
				t.Marks = append(t.Marks[:i:i], t.Marks[i+1:]...)
				return true
			}
		}
		return false
	}
	return removeChange(&Equity(c).Changes, equityTerms, key)
}
func (equity) Optional(c *scenario.Contract) []scenario.OptionalPart { return nil }
func (equity) Detail(c *scenario.Contract) string                    { return "Held by " + Equity(c).Holder }
func (equity) Uses(c *scenario.Contract) []string                    { return []string{Equity(c).Valuation.Stream} }

// equityFact says what the stake is worth at the end, and on what valuation.
func equityFact(s *scenario.Scenario, c *scenario.Contract, m Metrics) string {
	value, _, _ := m.Metric("value_at_end")
	how := fmt.Sprintf("on a valuation of %s held constant", money.Short(Equity(c).Valuation.Amount))
	switch Equity(c).Valuation.Method {
	case MethodRevenueMultiple:
		how = fmt.Sprintf("on a valuation that moves with %s, %s in %s", streamLabel(s, Equity(c).Valuation.Stream), money.Short(Equity(c).Valuation.Amount), Equity(c).Valuation.At)
	case MethodMarks:
		t := Equity(c)
		var marks []string
		for _, mk := range t.Marks {
			marks = append(marks, fmt.Sprintf("%s (%s)", money.Short(mk.Amount), mk.Quarter))
		}
		how = "on the valuation marks " + ListAnd(marks) + ", each held until the next"
		if t.Interpolate == InterpolateLinear {
			how = "on the valuation marks " + ListAnd(marks) + ", in straight lines between them"
		}
	}
	// The label tells stakes of one holder apart; alone, it would repeat the holder.
	which := ""
	for i := range s.Contracts {
		o := &s.Contracts[i]
		if o != c && o.Enabled && o.Type == c.Type && Equity(o).Holder == Equity(c).Holder {
			which = " (" + c.DisplayLabel() + ")"
		}
	}
	return fmt.Sprintf("%s's %s stake%s is worth %s at the end of %s, %s.", Equity(c).Holder, scenario.FormatRate(StakeAt(c, s.End)), which, money.Short(value), s.End, how)
}

// Events of a stake: its dated changes and valuation marks.
func (equity) Events(s *scenario.Scenario, c *scenario.Contract) []Event {
	t := Equity(c)
	ev := changeEvents(t.Changes)
	if Equity(c).Valuation.Method == MethodMarks {
		for _, mk := range t.Marks {
			ev = append(ev, Event{Quarter: mk.Quarter, Kind: EventMark, Key: "valuation.marks." + mk.Quarter.String(),
				What: "valued at " + money.Short(mk.Amount)})
		}
	}
	return sortEvents(ev)
}

// Samples implements Sampler: a stake, at a constant valuation and at a
// revenue multiple in turn.
func (equity) Samples() int { return 1 }

// Sample implements Sampler.
func (equity) Sample(_ int, e SampleEnv) (string, string) {
	i := e.N
	y := fmt.Sprintf("    type: equity\n    label: Stake %d\n    holder: %s\n    stake: %d%%\n    valuation:\n", i, e.Payee, 1+i%30) +
		fmt.Sprintf("      amount: %dB\n      at: %dQ1\n", 100+i%800, e.From)
	if e.Round%2 == 1 {
		y += fmt.Sprintf("      method: revenue_multiple\n      stream: %s\n", e.Stream)
	}
	return y, fmt.Sprintf("    contracts.%s.stake:\n      dist: uniform\n      low: %d%%\n      high: %d%%\n", e.ID, 1+i%30, 2+i%30)
}
