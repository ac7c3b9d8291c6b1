package view

import (
	"strings"
	"sync"

	"github.com/shopspring/decimal"

	"dealmodel/backend/contract"
	"dealmodel/backend/engine"
	"dealmodel/backend/scenario"
)

// contractView is what one enabled contract's type says to show of it.
type contractView struct {
	contract.Views
	c *scenario.Contract
}

// contractViews asks each enabled contract's type what to show of it, in the
// scenario's order.
func contractViews(s *scenario.Scenario, r *engine.Result) []contractView {
	var out []contractView
	for i := range s.Contracts {
		c := &s.Contracts[i]
		if !c.Enabled {
			continue
		}
		t, ok := contract.Lookup(c.Type)
		if !ok {
			continue
		}
		out = append(out, contractView{Views: t.Views(s, c, metrics{r: r, s: s, prefix: "contract." + c.ID + "."}), c: c})
	}
	return out
}

// Shown is what to show of one computed scenario, with each enabled contract's
// type asked once what to show of it: a step of the window asks for the key
// figures, their caveats and the charts of the same scenario and result, which
// KeyFigures, FigureCaveatsOf and Charts would each ask again. Neither the
// scenario nor the result may change while it is used.
type Shown struct {
	s     *scenario.Scenario
	r     *engine.Result
	views []contractView
}

// Show asks each enabled contract of s what to show of it, computed as r.
func Show(s *scenario.Scenario, r *engine.Result) *Shown {
	return &Shown{s: s, r: r, views: contractViews(s, r)}
}

// KeyFigures is KeyFigures of the scenario and result.
func (v *Shown) KeyFigures() []Figure { return keyFigures(v.s, v.r, v.views) }

// Charts is Charts of the scenario and result.
func (v *Shown) Charts() []Chart { return charts(v.s, v.r, v.views) }

// FigureCaveats is FigureCaveatsOf the scenario, given its Facts.
func (v *Shown) FigureCaveats(facts []Fact) func(metricID string) []Fact {
	unconfirmed := sync.OnceValue(func() []Fact { return unconfirmedOf(facts) })
	compute := sync.OnceValue(func() map[string]bool {
		owners := map[string]bool{}
		for _, cv := range v.views {
			if cv.ComputeSpend {
				owners["contracts."+cv.c.ID] = true
			}
		}
		return owners
	})
	return figureCaveats(v.s, unconfirmed, compute)
}

// isComputeSpend reports whether the contract's type counts it as compute spend
// (in the compute commitments' totals), as its type's Views says.
func isComputeSpend(s *scenario.Scenario, c *scenario.Contract) bool {
	t, ok := contract.Lookup(c.Type)
	return ok && t.Views(s, c, noResult{}).ComputeSpend
}

// noResult reads nothing: for asking a type what it is, without a result.
type noResult struct{}

func (noResult) Metric(string) (decimal.Decimal, bool, bool) { return decimal.Zero, false, false }
func (noResult) Quarter(string) (scenario.Quarter, bool)     { return 0, false }
func (noResult) Series(string) ([]decimal.Decimal, bool)     { return nil, false }
func (noResult) Stream(string) ([]decimal.Decimal, bool)     { return nil, false }
func (noResult) Periods() []string                           { return nil }
func (noResult) PeriodOf(scenario.Quarter) int               { return -1 }
func (noResult) LastQuarter(int) scenario.Quarter            { return 0 }
func (noResult) Yearly() bool                                { return false }

// metrics reads one contract's metrics and series from a result; it is also the
// result's axis (axis) for the contract's charts.
type metrics struct {
	r      *engine.Result
	s      *scenario.Scenario
	prefix string
}

func (m metrics) Periods() []string                  { return axis{m.r, m.s}.Periods() }
func (m metrics) PeriodOf(q scenario.Quarter) int    { return axis{m.r, m.s}.PeriodOf(q) }
func (m metrics) LastQuarter(i int) scenario.Quarter { return axis{m.r, m.s}.LastQuarter(i) }
func (m metrics) Yearly() bool                       { return axis{m.r, m.s}.Yearly() }

func (m metrics) Stream(id string) ([]decimal.Decimal, bool) {
	if sr := m.r.SeriesByID("stream." + id); sr != nil {
		return sr.Values, true
	}
	return nil, false
}

// axis is a result's periods as a plot's axis.
type axis struct {
	r *engine.Result
	s *scenario.Scenario
}

func (a axis) Periods() []string { return a.r.Periods }
func (a axis) Yearly() bool      { return a.r.Period == engine.Yearly }

func (a axis) PeriodOf(q scenario.Quarter) int {
	for i, first := range a.r.Quarters {
		if first == q || (a.r.Period == engine.Yearly && first.Year() == q.Year()) {
			return i
		}
	}
	return -1
}

func (a axis) LastQuarter(i int) scenario.Quarter {
	if a.r.Period != engine.Yearly {
		return a.r.Quarters[i]
	}
	return min(scenario.NewQuarter(a.r.Quarters[i].Year(), 4), a.s.End)
}

func (m metrics) Metric(measure string) (decimal.Decimal, bool, bool) {
	if x := m.r.MetricByID(m.prefix + measure); x != nil {
		return x.Amount, x.Null, true
	}
	return decimal.Zero, false, false
}

// DefaultSeek is the goal seek to offer first: the first enabled contract's that
// suggests one (a revenue share's total paid, by its cap or else its rate), as
// a metric id and a field path; ok is false when none does.
func DefaultSeek(s *scenario.Scenario, r *engine.Result) (metric, input string, ok bool) {
	for _, cv := range contractViews(s, r) {
		if cv.Seek != nil {
			return "contract." + cv.c.ID + "." + cv.Seek.Metric, "contracts." + cv.c.ID + "." + cv.Seek.Input, true
		}
	}
	return "", "", false
}

func (m metrics) Series(measure string) ([]decimal.Decimal, bool) {
	if sr := m.r.SeriesByID(m.prefix + measure); sr != nil {
		return sr.Values, true
	}
	return nil, false
}

func (m metrics) Quarter(measure string) (scenario.Quarter, bool) {
	if x := m.r.MetricByID(m.prefix + measure); x != nil && x.Kind == engine.QuarterValue && !x.Null {
		return x.Quarter, true
	}
	return 0, false
}

// ContractFacts are the sentences the briefing's summary states of each enabled contract,
// as its type words them, by rank: [contract.FactsEarly] before the compute
// commitments, [contract.FactsAfter] after them, [contract.FactsLast] last.
func ContractFacts(s *scenario.Scenario, r *engine.Result) [3][]string {
	var out [3][]string
	for _, cv := range contractViews(s, r) {
		k := min(max(cv.FactRank, 0), 2)
		out[k] = append(out[k], cv.Facts...)
	}
	return out
}

// Commitment is one enabled compute commitment: who pays which provider how much.
type Commitment struct {
	Payer, Provider string
	Committed       decimal.Decimal
}

// Commitments lists the enabled compute commitments in the scenario's order.
func Commitments(s *scenario.Scenario, r *engine.Result) []Commitment {
	var out []Commitment
	for _, cv := range contractViews(s, r) {
		if cv.ComputeSpend {
			out = append(out, Commitment{Payer: cv.c.Payer, Provider: cv.c.Payee, Committed: cv.Committed})
		}
	}
	return out
}

// Question is what the briefing's executive summary asks and answers: that of the
// enabled contract whose type ranks its question first (a revenue share's before
// a stake's); nil when no contract has one.
func Question(s *scenario.Scenario, r *engine.Result) *contract.Question {
	var best *contract.Question
	for _, cv := range contractViews(s, r) {
		if q := cv.Question; q != nil && (best == nil || q.Rank < best.Rank) {
			best = q
		}
	}
	return best
}

// ContractPhrase names a contract for a sentence, with its type, parties and
// terms: `commitment “AWS compute” (OpenAI → Amazon, 38B over 7 years from
// 2025Q4, even)`. History says an added or removed contract with it.
func ContractPhrase(s *scenario.Scenario, c *scenario.Contract) string {
	t, ok := contract.Lookup(c.Type)
	if !ok {
		return c.Type + " “" + c.DisplayLabel() + "”"
	}
	var detail []string
	if p := t.Parties(c); p != "" {
		detail = append(detail, p)
	}
	if terms := t.Terms(s, c); terms != "" {
		detail = append(detail, terms)
	}
	out := strings.ToLower(t.Describe().Title) + " “" + c.DisplayLabel() + "”"
	if len(detail) > 0 {
		out += " (" + strings.Join(detail, ", ") + ")"
	}
	if !c.Enabled {
		out += ", switched off"
	}
	return out
}
