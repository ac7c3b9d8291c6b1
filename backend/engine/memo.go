package engine

import (
	"reflect"
	"sync"

	"github.com/shopspring/decimal"

	"dealmodel/backend/scenario"
)

// Memo runs scenarios as Run does, remembering what each stream and contract of
// the latest run evaluated to, so that a run of a scenario that differs from it in
// a few contracts evaluates only those again: a slider step of a 100-contract
// scenario changes one. The result is the same as Run's, value for value.
//
// A contract's evaluation is taken from the latest run only when everything it
// can read is as it was: the contract itself (its id, label, parties, term and
// every term of its type, compared in depth with a copy taken when it was
// evaluated), the horizon, the format version and the discount rate, and the
// streams it asked for (the very series, or none). A type's Eval reads nothing
// else: the Ledger is all it sees of the scenario. A stream is taken when it is
// as it was and the horizon is the same; a party's sums when its flows are the
// very series they were made from, in the same order.
//
// The zero Memo is ready to use; it is safe for concurrent use.
type Memo struct {
	mu  sync.Mutex
	tab *memoTable
}

// Run computes the scenario as Run does.
func (mm *Memo) Run(s *scenario.Scenario) (*Result, error) {
	mm.mu.Lock()
	prev := mm.tab
	mm.mu.Unlock()
	res, next, err := runWith(s, prev, true)
	if err != nil {
		return nil, err
	}
	mm.mu.Lock()
	mm.tab = next
	mm.mu.Unlock()
	return res, nil
}

// memoTable is what one run evaluated, by stream and contract id; never changed
// once made.
type memoTable struct {
	start, end  scenario.Quarter
	version     int
	rate        decimal.Decimal
	periods     []string
	quarters    []scenario.Quarter
	cumDiscount []decimal.Decimal
	streams     map[string]*streamMemo
	contracts   map[string]*contractMemo
	parties     map[string]*partyMemo
}

func newMemoTable(s *scenario.Scenario) *memoTable {
	return &memoTable{start: s.Start, end: s.End, version: s.Version, rate: s.DiscountRate,
		streams: make(map[string]*streamMemo, len(s.Streams)), contracts: make(map[string]*contractMemo, len(s.Contracts)),
		parties: map[string]*partyMemo{}}
}

// sameHorizon says whether s has the table's horizon, format version and
// discount rate (written the same way, exponent and all).
func (t *memoTable) sameHorizon(s *scenario.Scenario) bool {
	return t.start == s.Start && t.end == s.End && t.version == s.Version &&
		t.rate.Exponent() == s.DiscountRate.Exponent() && t.rate.Equal(s.DiscountRate)
}

// streamMemo is a stream's quarterly amounts and their total, and the stream they
// were computed from.
type streamMemo struct {
	st    scenario.Stream
	vals  []decimal.Decimal
	total decimal.Decimal
}

// stream is the evaluation of st kept in the table, or nil when st is not as it
// was (or the table is nil).
func (t *memoTable) stream(st *scenario.Stream) *streamMemo {
	if t == nil {
		return nil
	}
	e := t.streams[st.ID]
	if e == nil || !reflect.DeepEqual(&e.st, st) {
		return nil
	}
	return e
}

// contractMemo is what a contract's type wrote to the ledger, in order, the
// streams it read, and the contract it was evaluated from.
type contractMemo struct {
	c           scenario.Contract
	reads       []streamRead
	series      []Series
	summary     []Metric
	transfers   []transfer
	commitments []commitmentFlow
}

type streamRead struct {
	id   string
	vals []decimal.Decimal
	ok   bool
}

type transfer struct {
	payer, payee string
	paid         []decimal.Decimal
}

type commitmentFlow struct {
	paid    []decimal.Decimal
	outside decimal.Decimal
}

// contract is the evaluation of c kept in the table, or nil when c is not as it
// was, or a stream it read is not the series it read then (streams holds this
// run's).
func (t *memoTable) contract(c *scenario.Contract, streams map[string][]decimal.Decimal) *contractMemo {
	if t == nil {
		return nil
	}
	e := t.contracts[c.ID]
	if e == nil {
		return nil
	}
	for _, r := range e.reads {
		v, ok := streams[r.id]
		if ok != r.ok || !sameSlice(v, r.vals) {
			return nil
		}
	}
	if !reflect.DeepEqual(&e.c, c) {
		return nil
	}
	return e
}

// partyMemo is a party's sums: of each side of its flows, its net and its total.
type partyMemo struct {
	in, out *sideMemo
	net     []decimal.Decimal
	total   decimal.Decimal
}

// sideMemo is the sum of one side of a party's flows, and the flows (parts). When
// others is not nil, the sum is that of others, the sum of every flow but the
// k-th, and of that one flow.
type sideMemo struct {
	parts  [][]decimal.Decimal
	sum    []decimal.Decimal
	k      int
	others []decimal.Decimal
}

// party is the sums of a party kept in the table, or nil when its flows are not
// the very series, in the same order, that they were made from.
func (t *memoTable) party(name string, f partyFlow) *partyMemo {
	e := t.partyOf(name)
	if e == nil || !sameSlices(e.in.parts, f.in) || !sameSlices(e.out.parts, f.out) {
		return nil
	}
	return e
}

// partyOf is the sums of a party kept in the table, or nil.
func (t *memoTable) partyOf(name string) *partyMemo {
	if t == nil {
		return nil
	}
	return t.parties[name]
}

func sameSlices(a, b [][]decimal.Decimal) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !sameSlice(a[i], b[i]) {
			return false
		}
	}
	return true
}

// sameSlice says whether a and b are the same slice of the same array.
func sameSlice(a, b []decimal.Decimal) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// ledger is what a contract's type evaluates against (contract.Ledger): it reads
// the run's horizon and streams, and records what the type writes, to be added to
// the result (and kept for a later run).
type ledger struct {
	m *model
	e *contractMemo
}

func (l *ledger) Start() scenario.Quarter { return l.m.s.Start }
func (l *ledger) End() scenario.Quarter   { return l.m.s.End }
func (l *ledger) N() int                  { return l.m.n }
func (l *ledger) Version() int            { return l.m.s.Version }

func (l *ledger) Stream(id string) ([]decimal.Decimal, bool) {
	v, ok := l.m.streams[id]
	l.e.reads = append(l.e.reads, streamRead{id: id, vals: v, ok: ok})
	return v, ok
}

func (l *ledger) Div(a, b decimal.Decimal) decimal.Decimal { return div(a, b) }

func (l *ledger) NPV(paid []decimal.Decimal, total decimal.Decimal) decimal.Decimal {
	return l.m.npv(paid, total)
}

func (l *ledger) Flow(c *scenario.Contract, measure, label string, vals []decimal.Decimal) {
	l.e.series = append(l.e.series, contractSeries(c, measure, label, Flow, vals))
}

func (l *ledger) Level(c *scenario.Contract, measure, label string, vals []decimal.Decimal) {
	l.e.series = append(l.e.series, contractSeries(c, measure, label, Level, vals))
}

// LevelIn adds a level series counted in a unit other than money (GW).
func (l *ledger) LevelIn(c *scenario.Contract, measure, label, unit string, vals []decimal.Decimal) {
	sr := contractSeries(c, measure, label, Level, vals)
	sr.Unit = Unit(unit)
	l.e.series = append(l.e.series, sr)
}

func (l *ledger) Amount(c *scenario.Contract, measure, label string, v decimal.Decimal) {
	l.e.summary = append(l.e.summary, Metric{ID: "contract." + c.ID + "." + measure, Label: c.DisplayLabel() + ": " + label,
		Group: GroupContract, Owner: c.ID, Kind: Amount, Amount: v})
}

// AmountIn adds a summary figure counted in a unit other than money (GW).
func (l *ledger) AmountIn(c *scenario.Contract, measure, label, unit string, v decimal.Decimal) {
	l.Amount(c, measure, label, v)
	l.e.summary[len(l.e.summary)-1].Unit = Unit(unit)
}

func (l *ledger) Quarter(c *scenario.Contract, measure, label string, q scenario.Quarter, ok bool) {
	l.e.summary = append(l.e.summary, Metric{ID: "contract." + c.ID + "." + measure, Label: c.DisplayLabel() + ": " + label,
		Group: GroupContract, Owner: c.ID, Kind: QuarterValue, Quarter: q, Null: !ok})
}

// Transfer moves paid(q) from the contract's payer to its payee. The sums are made
// in parties, once every contract is known, so a party with one counterpart shares
// that contract's series instead of adding it to zeros.
func (l *ledger) Transfer(c *scenario.Contract, paid []decimal.Decimal) {
	l.e.transfers = append(l.e.transfers, transfer{payer: c.Payer, payee: c.Payee, paid: paid})
}

// Commitment counts a compute commitment in the totals across them.
func (l *ledger) Commitment(paid []decimal.Decimal, outside decimal.Decimal) {
	l.e.commitments = append(l.e.commitments, commitmentFlow{paid: paid, outside: outside})
}
