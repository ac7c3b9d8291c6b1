// Package engine computes a scenario's deterministic result: every series and summary
// metric of the format, in exact decimal arithmetic.
//
// Run is pure: no I/O, no shared state; it is safe to call from many goroutines.
package engine

import (
	"github.com/shopspring/decimal"

	"dealmodel/backend/contract"
	"dealmodel/backend/fault"
	"dealmodel/backend/scenario"
)

// DivPlaces is how many decimal places a division keeps: far more than the format's
// 16 significant digits for any amount of a cent or more.
const DivPlaces = 20

var (
	quarterOf = decimal.New(25, -2) // a quarter of a year's amount: exact
	one       = decimal.NewFromInt(1)
)

// Run computes the scenario quarter by quarter. The scenario must be valid (as Parse
// returns it, or after Validate); Run returns an error rather than a wrong number
// when it is not.
func Run(s *scenario.Scenario) (*Result, error) {
	res, _, err := runWith(s, nil, false)
	return res, err
}

// runWith computes the scenario, taking each stream's and contract's evaluation from
// prev where everything it reads is as it was; keep says to return the table of
// this run's evaluations for the next.
func runWith(s *scenario.Scenario, prev *memoTable, keep bool) (*Result, *memoTable, error) {
	if s.End < s.Start {
		return nil, nil, fault.Errorf(fault.Invalid, "scenario %q: end %s is before start %s", s.Name, s.End, s.Start)
	}
	m := &model{s: s, n: int(s.End-s.Start) + 1}
	m.res = &Result{Scenario: s.Name, Period: Quarterly}
	if prev != nil && !prev.sameHorizon(s) {
		prev = nil
	}
	if prev != nil {
		// The same horizon and rate: the same periods and discount factors,
		// never changed once made.
		m.res.Periods, m.res.Quarters, m.cumDiscount = prev.periods, prev.quarters, prev.cumDiscount
	} else {
		m.res.Periods = make([]string, m.n)
		m.res.Quarters = make([]scenario.Quarter, m.n)
		for i := range m.n {
			q := s.Start + scenario.Quarter(i)
			m.res.Periods[i] = q.String()
			m.res.Quarters[i] = q
		}
		m.cumDiscount = cumulative(discountFactors(s.DiscountRate, m.n))
	}
	var next *memoTable
	if keep {
		next = newMemoTable(s)
		next.periods, next.quarters, next.cumDiscount = m.res.Periods, m.res.Quarters, m.cumDiscount
	}
	m.streams = make(map[string][]decimal.Decimal, len(s.Streams))
	m.res.Series = make([]Series, 0, len(s.Streams)+4*len(s.Contracts))
	m.res.Summary = make([]Metric, 0, len(s.Streams)+4*len(s.Contracts))
	for i := range s.Streams {
		st := &s.Streams[i]
		e := prev.stream(st)
		if e == nil {
			e = m.stream(st, keep)
		}
		if next != nil {
			next.streams[st.ID] = e
		}
		m.addStream(st, e)
	}
	for i := range s.Contracts {
		c := &s.Contracts[i]
		if !c.Enabled {
			continue
		}
		e := prev.contract(c, m.streams)
		if e == nil {
			var err error
			if e, err = m.eval(c, keep); err != nil {
				return nil, nil, fault.Errorf(fault.Invalid, "scenario %q: %w", s.Name, err)
			}
		}
		if next != nil {
			next.contracts[c.ID] = e
		}
		m.replay(e)
	}
	m.parties(prev, next)
	return m.res, next, nil
}

// div divides to DivPlaces, or more for a quotient below 10^-4, so that it keeps at
// least 16 significant digits. A quotient that is exact in cents keeps its short
// form, which makes every later operation on it cheaper.
func div(a, b decimal.Decimal) decimal.Decimal {
	if q, r := a.QuoRem(b, 2); r.IsZero() {
		return q
	}
	places := int32(DivPlaces)
	// The quotient's leading digit sits near 10^mag.
	if mag := int32(a.NumDigits()) + a.Exponent() - int32(b.NumDigits()) - b.Exponent(); 17-mag > places {
		places = 17 - mag
	}
	return a.DivRound(b, places)
}

// model is the state of one run.
type model struct {
	s       *scenario.Scenario
	n       int // quarters in the horizon
	res     *Result
	streams map[string][]decimal.Decimal // quarterly amounts by stream id
	// cumDiscount[i] is the sum of the first i quarters' discount factors; nil when
	// the discount rate is 0.
	cumDiscount []decimal.Decimal

	// party flows, in order of first appearance
	partyNames []string
	partyIdx   map[string]int
	flows      []partyFlow
	// compute commitments, for the totals across them
	commitPaid    []decimal.Decimal
	commitOutside decimal.Decimal
	commitCount   int

	// scratch records each contract's evaluation in a run that keeps none.
	scratch *contractMemo
}

// partyFlow holds the paid series a party receives and pays.
type partyFlow struct {
	in, out [][]decimal.Decimal
}

func (m *model) addSeries(sr Series) { m.res.Series = append(m.res.Series, sr) }

func (m *model) addAmount(id, label string, g Group, owner string, v decimal.Decimal) {
	m.res.Summary = append(m.res.Summary, Metric{ID: id, Label: label, Group: g, Owner: owner, Kind: Amount, Amount: v})
}

// stream computes a stream's quarterly amounts and their total; keep says to take
// a copy of the stream for a later run to compare with.
func (m *model) stream(st *scenario.Stream, keep bool) *streamMemo {
	first, last := m.s.Start.Year(), m.s.End.Year()
	years := st.YearAmounts(first, last)
	vals := make([]decimal.Decimal, m.n)
	total := decimal.Zero
	ai := 0 // the next actual quarter: stream(q) is actuals[q] where listed
	for i := range vals {
		q := m.s.Start + scenario.Quarter(i)
		for ai < len(st.Actuals) && st.Actuals[ai].Quarter < q {
			ai++
		}
		if ai < len(st.Actuals) && st.Actuals[ai].Quarter == q {
			vals[i] = st.Actuals[ai].Amount
		} else {
			vals[i] = years[q.Year()-first].Mul(quarterOf)
		}
		total = add(total, vals[i])
	}
	e := &streamMemo{vals: vals, total: total}
	if keep {
		e.st = st.Clone()
	}
	return e
}

// addStream adds a stream's series and total to the result.
func (m *model) addStream(st *scenario.Stream, e *streamMemo) {
	m.streams[st.ID] = e.vals
	m.addSeries(Series{ID: "stream." + st.ID, Label: st.DisplayLabel(), Group: GroupStream, Owner: st.ID, Kind: Flow, Values: e.vals})
	m.addAmount("stream."+st.ID+".total", st.DisplayLabel()+": total over the horizon", GroupStream, st.ID, e.total)
}

// eval evaluates a contract through its type into what it adds to the result;
// keep says to take a copy of the contract for a later run to compare with.
func (m *model) eval(c *scenario.Contract, keep bool) (*contractMemo, error) {
	t, err := contract.Of(c)
	if err != nil {
		return nil, err
	}
	e := &contractMemo{}
	if !keep {
		// Nothing is kept past its replay: one record serves every contract.
		if m.scratch == nil {
			m.scratch = &contractMemo{}
		}
		e = m.scratch
		e.reads, e.series, e.summary, e.transfers, e.commitments = e.reads[:0], e.series[:0], e.summary[:0], e.transfers[:0], e.commitments[:0]
	}
	if err := t.Eval(c, &ledger{m: m, e: e}); err != nil {
		return nil, err
	}
	if keep {
		e.c = c.Clone()
	}
	return e, nil
}

// replay adds what a contract evaluated to to the result, in the order its type
// wrote it.
func (m *model) replay(e *contractMemo) {
	m.res.Series = append(m.res.Series, e.series...)
	m.res.Summary = append(m.res.Summary, e.summary...)
	for _, t := range e.transfers {
		out := m.partyIndex(t.payer)
		in := m.partyIndex(t.payee)
		m.flows[out].out = append(m.flows[out].out, t.paid)
		m.flows[in].in = append(m.flows[in].in, t.paid)
	}
	for _, k := range e.commitments {
		m.commitment(k.paid, k.outside)
	}
}

func contractSeries(c *scenario.Contract, measure, label string, k Kind, vals []decimal.Decimal) Series {
	return Series{
		ID:      "contract." + c.ID + "." + measure,
		Label:   c.DisplayLabel() + " — " + label,
		Group:   GroupContract,
		Owner:   c.ID,
		Measure: measure,
		Type:    c.Type,
		Kind:    k,
		Values:  vals,
	}
}

func zeros(n int) []decimal.Decimal {
	v := make([]decimal.Decimal, n)
	for i := range v {
		v[i] = decimal.Zero
	}
	return v
}

// commitment counts a compute commitment in the totals across them.
func (m *model) commitment(paid []decimal.Decimal, outside decimal.Decimal) {
	if m.commitPaid == nil {
		m.commitPaid = zeros(m.n)
	}
	for i, v := range paid {
		if !v.IsZero() {
			m.commitPaid[i] = add(m.commitPaid[i], v)
		}
	}
	m.commitOutside = add(m.commitOutside, outside)
	m.commitCount++
}

func (m *model) partyIndex(name string) int {
	if i, ok := m.partyIdx[name]; ok {
		return i
	}
	if m.partyIdx == nil {
		m.partyIdx = map[string]int{}
	}
	m.partyIdx[name] = len(m.partyNames)
	m.partyNames = append(m.partyNames, name)
	m.flows = append(m.flows, partyFlow{})
	return len(m.partyNames) - 1
}

// party sums a party's flows: what it receives and pays, and its net, quarter by
// quarter, and its net over the horizon. prev, when not nil, is the party's sums
// of the run before: a side of which one flow alone changed is summed again from
// the others' sum (see side).
func (m *model) party(f partyFlow, prev *partyMemo) *partyMemo {
	var pin, pout *sideMemo
	if prev != nil {
		pin, pout = prev.in, prev.out
	}
	in, out := m.side(f.in, pin), m.side(f.out, pout)
	var net []decimal.Decimal
	switch {
	case len(f.out) == 0:
		net = in.sum
	default:
		net = make([]decimal.Decimal, m.n)
		for i := range m.n {
			if out.sum[i].IsZero() {
				net[i] = in.sum[i]
			} else {
				net[i] = in.sum[i].Sub(out.sum[i])
			}
		}
	}
	total := decimal.Zero
	for _, v := range net {
		if !v.IsZero() {
			total = add(total, v)
		}
	}
	return &partyMemo{in: in, out: out, net: net, total: total}
}

// side sums one side of a party's flows (parts), as sum does. When prev's flows
// differ from parts in one flow alone, and no amount of any is negative, the sum
// is that of the other flows (kept from the run that first found them, while the
// same flow keeps changing: a slider's contract) and the one flow: amounts that
// are never negative add up to the same value and exponent whatever their
// order, for no partial sum but one of zeros is zero.
func (m *model) side(parts [][]decimal.Decimal, prev *sideMemo) *sideMemo {
	if prev != nil && sameSlices(prev.parts, parts) {
		return prev
	}
	if prev != nil && len(prev.parts) == len(parts) && len(parts) > 1 {
		if k, ok := oneDiffers(prev.parts, parts); ok && nonNegative(parts[k]) {
			others := prev.others
			if others == nil || prev.k != k {
				rest := make([][]decimal.Decimal, 0, len(parts)-1)
				rest = append(append(rest, parts[:k]...), parts[k+1:]...)
				for _, p := range rest {
					if !nonNegative(p) {
						return &sideMemo{parts: parts, sum: m.sum(parts)}
					}
				}
				others = m.sum(rest)
			}
			return &sideMemo{parts: parts, sum: plus(others, parts[k], k == 0), k: k, others: others}
		}
	}
	return &sideMemo{parts: parts, sum: m.sum(parts)}
}

// plus is sum of the flows others sums and the flow one, at index first (k == 0)
// or not of the flows, as sum would make it of them all, when no amount is
// negative: the first flow's zero where every flow is zero.
func plus(others, one []decimal.Decimal, first bool) []decimal.Decimal {
	out := make([]decimal.Decimal, len(one))
	for i, y := range one {
		x := others[i]
		switch {
		case y.IsZero() && x.IsZero() && first:
			out[i] = y
		case y.IsZero():
			out[i] = x
		case x.IsZero():
			out[i] = y
		default:
			out[i] = x.Add(y)
		}
	}
	return out
}

// oneDiffers returns the one index at which a and b hold different series.
func oneDiffers(a, b [][]decimal.Decimal) (int, bool) {
	k := -1
	for i := range a {
		if !sameSlice(a[i], b[i]) {
			if k >= 0 {
				return 0, false
			}
			k = i
		}
	}
	return k, k >= 0
}

func nonNegative(v []decimal.Decimal) bool {
	for _, x := range v {
		if x.Sign() < 0 {
			return false
		}
	}
	return true
}

// sum adds series quarter by quarter; it returns the one series as it is, or zeros.
func (m *model) sum(parts [][]decimal.Decimal) []decimal.Decimal {
	switch len(parts) {
	case 0:
		return zeros(m.n)
	case 1:
		return parts[0]
	}
	out := make([]decimal.Decimal, m.n)
	for i := range out {
		acc := parts[0][i]
		for _, p := range parts[1:] {
			if !p[i].IsZero() {
				acc = add(acc, p[i])
			}
		}
		out[i] = acc
	}
	return out
}

// parties adds the party series and totals, then the totals across commitments.
// A party whose flows are the very series of the run before (prev) has its sums
// from that run.
func (m *model) parties(prev, next *memoTable) {
	for k, name := range m.partyNames {
		e := prev.party(name, m.flows[k])
		if e == nil {
			e = m.party(m.flows[k], prev.partyOf(name))
		}
		if next != nil {
			next.parties[name] = e
		}
		in, out, net, total := e.in.sum, e.out.sum, e.net, e.total
		p := "party." + name
		m.addSeries(Series{ID: p + ".in", Label: name + " — received", Group: GroupParty, Owner: name, Measure: "in", Kind: Flow, Values: in})
		m.addSeries(Series{ID: p + ".out", Label: name + " — paid", Group: GroupParty, Owner: name, Measure: "out", Kind: Flow, Values: out})
		m.addSeries(Series{ID: p + ".net", Label: name + " — net", Group: GroupParty, Owner: name, Measure: "net", Kind: Flow, Values: net})
		m.addAmount(p+".net_total", name+": net over the horizon", GroupParty, name, total)
	}
	if m.commitCount == 0 {
		return
	}
	m.addSeries(Series{ID: "total.commitments.paid", Label: "Compute commitments — paid", Group: GroupTotal, Owner: "commitments", Measure: "paid", Kind: Flow, Values: m.commitPaid})
	inside := decimal.Zero
	for _, v := range m.commitPaid {
		inside = add(inside, v)
	}
	m.addAmount("total.commitments.total_paid", "Compute commitments: paid inside the horizon", GroupTotal, "commitments", inside)
	m.addAmount("total.commitments.outside_horizon", "Compute commitments: part outside the horizon", GroupTotal, "commitments", m.commitOutside)
	m.addAmount("total.commitments.committed", "Compute commitments: total committed", GroupTotal, "commitments", inside.Add(m.commitOutside))
	// The peak calendar year of compute spend (full or partial years of the horizon).
	peak, peakYear := decimal.Zero, 0
	for i := 0; i < m.n; {
		y := (m.s.Start + scenario.Quarter(i)).Year()
		sum := decimal.Zero
		for ; i < m.n && (m.s.Start+scenario.Quarter(i)).Year() == y; i++ {
			sum = add(sum, m.commitPaid[i])
		}
		if peakYear == 0 || sum.Cmp(peak) > 0 {
			peak, peakYear = sum, y
		}
	}
	m.addAmount("total.commitments.peak_annual", "Compute commitments: peak annual spend", GroupTotal, "commitments", peak)
	m.res.Summary = append(m.res.Summary, Metric{ID: "total.commitments.peak_year", Label: "Compute commitments: year of peak spend", Group: GroupTotal, Owner: "commitments", Kind: YearValue, Quarter: scenario.NewQuarter(peakYear, 1)})
}

// add returns a + b, skipping the addition when either is zero: a decimal sum
// first brings both to the smaller exponent, and zeros (most quarters of most
// contracts, and every running total's start) would pay for that rescaling,
// an allocation each, for nothing. The value is the same; only its exponent
// may differ, which no output shows.
func add(a, b decimal.Decimal) decimal.Decimal {
	switch {
	case b.IsZero():
		return a
	case a.IsZero():
		return b
	}
	return a.Add(b)
}
