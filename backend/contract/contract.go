// Package contract holds the contract types of the scenario format, one module
// (file) per type, and the registry the rest of the program goes through. A module
// owns everything about its type: its keys, defaults and template, decoding and
// checks, canonical encoding, numeric fields, the exact evaluation the engine runs,
// the float evaluation Monte Carlo runs, and how it is described (its name, its
// line in the deal terms, its key figures and its charts, in neutral form).
//
// Adding a type is a file here that implements Type and one line in registry.go;
// see docs/adding-a-contract-type.md.
package contract

import (
	"fmt"
	"strings"
	"sync"

	"github.com/shopspring/decimal"

	"dealmodel/backend/plot"
	"dealmodel/backend/scenario"
)

// Type is one contract type. scenario.ContractType is the part the format needs;
// the rest is what the engine, the simulation and the views need.
type Type interface {
	scenario.ContractType

	// Template fills a new contract's label, parties and terms with defaults
	// (its id, type, sources and horizon are set).
	Template(c *scenario.Contract, env TemplateEnv)

	// Eval computes the contract exactly: it adds its series and metrics to l, in
	// the order the format lists them, and its transfers between parties.
	Eval(c *scenario.Contract, l Ledger) error

	// Compile lays out the contract's float program: it reserves its series and
	// metrics in l in the same order as Eval, and returns the program that fills
	// them on each Monte Carlo run.
	Compile(c *scenario.Contract, l FloatLayout) (FloatProgram, error)

	// Describe says how the type is shown.
	Describe() Description

	// Terms states a contract's terms in the format's own notation, for the deal
	// terms table: "20% of OpenAI revenue, 2026Q2–2030Q4, cumulative cap 38B".
	Terms(s *scenario.Scenario, c *scenario.Contract) string
	// Parties names who is party to it: "OpenAI → Microsoft", or a holder.
	Parties(c *scenario.Contract) string

	// Views says what to show of a computed contract: its key figures, its own
	// charts and the series compared across scenarios (backend/view lists them).
	Views(s *scenario.Scenario, c *scenario.Contract, m Metrics) Views
}

// Metrics reads a computed contract's summary metrics by measure (cap_hit).
type Metrics interface {
	// Metric returns an amount metric's value, or whether a quarter metric has none;
	// ok is false when the result has no such metric.
	Metric(measure string) (amount decimal.Decimal, null, ok bool)
	// Quarter returns a quarter metric's value; ok is false when it has none.
	Quarter(measure string) (q scenario.Quarter, ok bool)
	// Series returns one of the contract's series (toward_cap), period by period.
	Series(measure string) ([]decimal.Decimal, bool)
	// Stream returns a revenue stream's series by its id.
	Stream(id string) ([]decimal.Decimal, bool)
	// Axis is the result's periods, for drawing the contract's charts.
	plot.Axis
}

// Views is what to show of one computed contract.
type Views struct {
	// Figures are its key figures, in order; Late ones follow the totals across
	// contracts (a stake's value comes after what is paid and committed).
	Figures []Figure
	Late    bool
	// Charts are its own charts, in order.
	Charts []Chart
	// Overlays are its series drawn for every scenario of a comparison (Late as
	// Figures).
	Overlays []Overlay
	// ComputeSpend: its paid series is compute spend, stacked by provider (payee).
	ComputeSpend bool
	// Capacity: its gw series is capacity in service, stacked by provider (payee)
	// in gigawatts.
	Capacity bool
	// Facts are the sentences the briefing's summary states of the contract. They
	// come in ranks: FactsEarly before the sentences on compute commitments, the
	// others after them, FactsLast last (a stake's value).
	Facts    []string
	FactRank int
	// Committed is what a compute commitment commits, for the summary's totals
	// by payer and provider (ComputeSpend only).
	Committed decimal.Decimal
	// Question is the question a briefing that leads with the contract answers,
	// and its answer; among contracts the lowest Rank wins, then the first.
	Question *Question
	// Headline is the measure the simulation of a briefing leads with, when the
	// contract suggests one (a capped revenue share's cap_savings: with a cap what
	// is paid is pinned in most runs, the saving is what moves); the first wins.
	Headline string
	// Seek is the goal seek the contract suggests (the first contract's wins):
	// the metric (a measure) to reach by moving the input (a key of its fields).
	Seek *Seek
}

// Ranks of a contract's facts in the briefing's summary.
const (
	FactsEarly = iota // before the compute commitments (revenue shares)
	FactsAfter        // after them (payments)
	FactsLast         // last (stakes)
)

// Question is what a briefing's executive summary asks and answers of a contract:
// the question, the answer's first sentence (Lead, may be empty) and the answer.
type Question struct {
	Rank                   int
	Question, Lead, Answer string
}

// Seek is a goal seek: a contract's metric and one of its numeric fields.
type Seek struct{ Metric, Input string }

// Figure is one key figure of a contract: the metric (by measure), a caption, a
// line of context and one sentence on what it means; NullExplain replaces Explain
// when a quarter metric has no value.
type Figure struct {
	Measure, Label, Context, Explain, NullExplain string
}

// Chart is one chart of a contract. Kind names it (its id is the kind, ".", the
// contract's id); Title is the window's; Print says whether the PDF briefing draws
// it too (the window draws them all); Lead ranks it for the briefing's summary page
// (0: not a candidate; lower first). Draw builds it in neutral form, when it is
// shown: backend/charts and backend/report render any plot, so a new chart needs
// no renderer of its own.
type Chart struct {
	Kind, Title string
	Print       bool
	Lead        int
	Draw        func() plot.Plot
}

// Overlay is a contract's series compared across scenarios; Cap, when set, is a
// level marked on it for each scenario (a revenue share's cap), read from that
// scenario's own contract of the same id.
type Overlay struct {
	Measure, Title, Note string
	Cap                  *decimal.Decimal
}

// TemplateEnv is what a template may draw on: the scenario's first payer, and its
// first stream (Stream adds one when there is none).
type TemplateEnv struct {
	// Scenario is the scenario the contract is added to; a type of a later format
	// version raises its version.
	Scenario *scenario.Scenario
	Party    string
	Stream   func() string
}

// Bounder is implemented by a type whose rules across fields narrow a field's
// range (a cap cannot be below what was paid before it). key is the field's path
// below contracts.<id>.; nil ends are not narrowed.
type Bounder interface {
	Bounds(c *scenario.Contract, key string) (lo, hi *decimal.Decimal)
}

// Bounds is a field's range as narrowed by the rules across its contract's fields.
type Bounds struct{ Lo, Hi *decimal.Decimal }

// BoundsOf returns the narrowed range of the contract's field at key, if its type
// narrows it.
func BoundsOf(c *scenario.Contract, key string) (Bounds, bool) {
	t, ok := Lookup(c.Type)
	if !ok {
		return Bounds{}, false
	}
	b, ok := t.(Bounder)
	if !ok {
		return Bounds{}, false
	}
	lo, hi := b.Bounds(c, key)
	return Bounds{lo, hi}, lo != nil || hi != nil
}

// CapMarker is implemented by a type whose cumulative payments stop at a cap as
// written: the simulation's fans draw that level over the contract's band.
type CapMarker interface {
	// CapMark names the measure that stops at the cap and the measure of what
	// counts toward it, with the cap; ok is false when the contract has no cap field.
	CapMark(c *scenario.Contract) (measure, toward string, limit decimal.Decimal, ok bool)
}

// CapMarkOf is the contract's cap mark, if its type has one (see CapMarker).
func CapMarkOf(c *scenario.Contract) (measure, toward string, limit decimal.Decimal, ok bool) {
	t, found := Lookup(c.Type)
	if !found {
		return "", "", decimal.Decimal{}, false
	}
	m, found := t.(CapMarker)
	if !found {
		return "", "", decimal.Decimal{}, false
	}
	return m.CapMark(c)
}

// termsOf returns a contract's terms of the type T (its Ext), giving a contract
// that has none yet (one made in code, before its template) new ones. A contract
// that holds another type's terms keeps them: it gets empty ones, not attached.
func termsOf[T any, P interface {
	*T
	scenario.ContractExt
}](c *scenario.Contract) P {
	if t, ok := c.Ext.(P); ok {
		return t
	}
	t := P(new(T))
	if c.Ext == nil {
		c.Ext = t
	}
	return t
}

// Sampler is a type that writes sample contracts of itself in the file format,
// for the large generated scenarios of benchmarks and tests (backend/gen).
type Sampler interface {
	// Samples is how many kinds of sample the type writes (a commitment: even,
	// ramp and custom).
	Samples() int
	// Sample writes sample kind k (0 ≤ k < Samples()) as the contract's keys
	// under its id (four spaces in), and an uncertain input over one of its
	// fields (under uncertainty.inputs, four spaces in).
	Sample(k int, env SampleEnv) (yaml, uncertain string)
}

// SampleEnv is what a sample contract is made of: its id and number, a stream
// to take a share of, a payee, the year it starts, the last year and the length
// of the horizon in years, and its round (how many times every kind of sample
// came before it).
type SampleEnv struct {
	ID     string
	N      int
	Stream string
	Payee  string
	From   int
	End    int
	Years  int
	Round  int
}

// ShareOf is a type whose contracts are a share of a stream, so that their
// figures rest on the stream's sources too.
type ShareOf interface {
	BaseStream(c *scenario.Contract) string
}

// BaseStream is the stream a contract is a share of; "" when its type takes none.
func BaseStream(c *scenario.Contract) string {
	if t, err := Of(c); err == nil {
		if b, ok := t.(ShareOf); ok {
			return b.BaseStream(c)
		}
	}
	return ""
}

// Description is how a type is shown to people.
type Description struct {
	// Title names the type in tables: "Revenue share".
	Title string
	// Template and About name and explain the type's template in the app's
	// "add a contract" list.
	Template, About string
	// Scenario, when set, offers a new scenario of a revenue stream and one
	// contract of the type (the type's Template) in the app's "New" list.
	Scenario *ScenarioTemplate
	// Changes are the terms its dated changes may set (format v2), in order; a
	// type with some shows a timeline in the app before it has events, with a form
	// to add a change of each.
	Changes []ChangeTerm
}

// ScenarioTemplate is a type's offer of a new scenario.
type ScenarioTemplate struct {
	// ID names the template ("scenario:" + ID) and the contract in the new
	// scenario.
	ID string
	// Label and About name and explain it in the "New" list.
	Label, About string
}

// Ledger is what a type's exact evaluation writes to (backend/engine implements
// it). Series and metric ids are contract.<id>.<measure>; labels are prefixed with
// the contract's label.
type Ledger interface {
	Start() scenario.Quarter
	End() scenario.Quarter
	N() int // quarters in the horizon
	// Version is the scenario's format version (v2 adds series such as toward_cap).
	Version() int
	// Stream returns a stream's quarterly amounts.
	Stream(id string) ([]decimal.Decimal, bool)
	// Flow and Level add a series (a flow sums over a year, a level takes its
	// last quarter).
	Flow(c *scenario.Contract, measure, label string, vals []decimal.Decimal)
	Level(c *scenario.Contract, measure, label string, vals []decimal.Decimal)
	// Amount and Quarter add a summary metric; a quarter metric without a value
	// has ok false.
	Amount(c *scenario.Contract, measure, label string, v decimal.Decimal)
	// LevelIn and AmountIn add a level series and a summary figure counted in a
	// unit other than money ("GW"); they aggregate and compare like Level and
	// Amount.
	LevelIn(c *scenario.Contract, measure, label, unit string, vals []decimal.Decimal)
	AmountIn(c *scenario.Contract, measure, label, unit string, v decimal.Decimal)
	Quarter(c *scenario.Contract, measure, label string, q scenario.Quarter, ok bool)
	// NPV is the net present value of a quarterly series whose sum is total.
	NPV(paid []decimal.Decimal, total decimal.Decimal) decimal.Decimal
	// Transfer moves paid from the contract's payer to its payee.
	Transfer(c *scenario.Contract, paid []decimal.Decimal)
	// Commitment counts paid (and the part outside the horizon) in the totals
	// across compute commitments.
	Commitment(paid []decimal.Decimal, outside decimal.Decimal)
	// Div divides keeping the engine's precision.
	Div(a, b decimal.Decimal) decimal.Decimal
}

// FloatLayout is what a type's float program is laid out against (backend/sim
// implements it). Reserve series and metrics in the order Eval adds them.
type FloatLayout interface {
	Start() scenario.Quarter
	N() int
	// Version is the scenario's format version.
	Version() int
	// Slot is the index in FloatWork.Vals of the contract's numeric field at key
	// (its path below contracts.<id>.).
	Slot(c *scenario.Contract, key string) int
	// StreamRow is the series row of a stream's quarterly amounts.
	StreamRow(id string) (int, bool)
	// Flow and Level reserve the contract's next series and return its row.
	Flow(c *scenario.Contract, measure string) int
	Level(c *scenario.Contract, measure string) int
	// Amount and Quarter reserve the contract's next metric and return its index.
	Amount(c *scenario.Contract, measure string) int
	Quarter(c *scenario.Contract, measure string) int
	// Transfer moves the row from the payer to the payee after each evaluation.
	Transfer(c *scenario.Contract, row int)
	// Commitment adds the row to the totals across compute commitments after each
	// evaluation (the program adds its part outside the horizon to
	// FloatWork.CommitOutside).
	Commitment(row int)
	// Band asks for P10..P90 bands of the row in simulation results.
	Band(row int)
	// Headline makes the metric the default figure of the tornado and histogram
	// (the first contract to ask wins over the commitments' total).
	Headline(metric int)
	// CapBinding asks for the chance, by year, that the cap binds; capHit is a
	// quarter metric and hasCap says whether the contract has a cap at all.
	CapBinding(c *scenario.Contract, capHit int, hasCap bool)
}

// FloatProgram computes a contract's series and metrics from FloatWork.Vals.
type FloatProgram interface {
	Eval(w *FloatWork) error
}

// FloatWork is one evaluation's scratch space. Series are rows of N values one
// after the other; quarter metrics hold the quarter number, NaN when null.
type FloatWork struct {
	Vals          []float64
	Series        []float64
	Metrics       []float64
	N             int
	NPV           func(paid []float64, total float64) float64
	CommitOutside float64
}

// Row returns series row i.
func (w *FloatWork) Row(i int) []float64 { return w.Series[i*w.N : (i+1)*w.N] }

// CapTie is the fraction of a cap's room within which a float payment fills it: a
// tie in exact arithmetic may come out a few units of the last place apart.
const CapTie = 1e-13

var registry struct {
	sync.RWMutex
	byName map[string]Type
}

// Register makes a type known to the whole program (the format, the engine, the
// simulation and the views). Call it from registry.go.
func Register(t Type) {
	registry.Lock()
	defer registry.Unlock()
	if registry.byName == nil {
		registry.byName = map[string]Type{}
	}
	scenario.RegisterContractType(t)
	registry.byName[t.Name()] = t
}

// Lookup returns the type with the name.
func Lookup(name string) (Type, bool) {
	registry.RLock()
	defer registry.RUnlock()
	t, ok := registry.byName[name]
	return t, ok
}

// Of returns the type of c, or an error naming the contract.
func Of(c *scenario.Contract) (Type, error) {
	t, ok := Lookup(c.Type)
	if !ok {
		return nil, fmt.Errorf("contract %s: unknown type %q", c.ID, c.Type)
	}
	return t, nil
}

// Names lists the types in registration order.
func Names() []string { return scenario.ContractTypeNames() }

// Title is the name of a type in tables ("Revenue share"), or the type itself
// when it is unknown.
func Title(name string) string {
	if t, ok := Lookup(name); ok {
		return t.Describe().Title
	}
	return name
}

func zeros(n int) []decimal.Decimal {
	v := make([]decimal.Decimal, n)
	for i := range v {
		v[i] = decimal.Zero
	}
	return v
}

var (
	zero    = decimal.Zero
	one     = decimal.NewFromInt(1)
	ptrZero = &zero
	ptrOne  = &one
)

// dec reads a constant decimal.
func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// streamLabel is the label of the stream with the id, or the id.
func streamLabel(s *scenario.Scenario, id string) string {
	if st := s.Stream(id); st != nil {
		return st.DisplayLabel()
	}
	return id
}

// span writes a range of quarters: 2026Q1–2030Q4, or one quarter.
func span(a, b scenario.Quarter) string {
	if a == b {
		return a.String()
	}
	return a.String() + "–" + b.String()
}

// payerToPayee names the parties of a contract that moves money.
func payerToPayee(c *scenario.Contract) string { return c.Payer + " → " + c.Payee }

// ListAnd joins items as people do: "a", "a and b", "a, b and c". The
// contract facts and the briefing's sentences both use it.
func ListAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}
