// Package scenario defines a Dealmodel scenario (format v1), parses it from YAML or
// JSON with positioned errors, validates it, and writes it back as canonical YAML.
//
// It is the domain at the centre: it imports no other package of the project.
package scenario

import "github.com/shopspring/decimal"

// Format versions this build reads. A version 1 file computes exactly as before
// version 2 existed; version 2 adds dated changes, actual quarters, tranches,
// capacity and valuation marks. New scenarios are written in FormatVersion.
const (
	FormatV1      = 1
	FormatV2      = 2
	FormatVersion = FormatV2
)

// Scenario is one parsed, validated scenario file. Maps of the file (streams,
// contracts, annual amounts, schedules, uncertain inputs) are kept as slices in file
// order, so that output follows the author's order and round-trips.
type Scenario struct {
	Version      int
	Name         string
	Description  string
	Start        Quarter
	End          Quarter
	DiscountRate decimal.Decimal
	Streams      []Stream
	Contracts    []Contract
	Uncertainty  *Uncertainty // nil when the file has none
}

// Stream is a revenue driver: explicit annual amounts, then growth.
type Stream struct {
	ID      string
	Label   string // empty: the id is shown
	Annual  []YearAmount
	Growth  []YearRate
	Actuals []QuarterAmount // v2: reported quarters, in quarter order
	Sources []string
}

// YearAmount is an amount for one calendar year.
type YearAmount struct {
	Year   int
	Amount decimal.Decimal
}

// YearRate is a growth rate that applies from a calendar year on.
type YearRate struct {
	Year int
	Rate decimal.Decimal
}

// QuarterAmount is an amount paid in one quarter.
type QuarterAmount struct {
	Quarter Quarter
	Amount  decimal.Decimal
}

// Contract is one contract of any type: what every type has (id, label, parties,
// switch, sources, term), and the type's own terms in Ext. The parser rejects keys
// that do not belong to the type.
type Contract struct {
	ID      string
	Type    string
	Label   string // empty: the id is shown
	Payer   string // a type that moves money (MovesMoney)
	Payee   string // a type that moves money (MovesMoney)
	Enabled bool
	Sources []string

	// From and Until bound a contract's term where its type has one. They are
	// always set after parsing (defaults applied); FromSet/UntilSet say whether the
	// file gave them, so canonical output does not invent keys.
	From, Until       Quarter
	FromSet, UntilSet bool

	// Ext holds the terms of the contract's type (see ContractExt), owned by the
	// type's module (backend/contract); nil only for a contract not yet decoded
	// or given a template.
	Ext ContractExt
}

// DisplayLabel is the label users see: Label, or the id when there is none.
func (c *Contract) DisplayLabel() string {
	if c.Label != "" {
		return c.Label
	}
	return c.ID
}

// DisplayLabel is the label users see: Label, or the id when there is none.
func (s *Stream) DisplayLabel() string {
	if s.Label != "" {
		return s.Label
	}
	return s.ID
}

// MovesMoney reports whether the contract transfers money between parties.
func (c *Contract) MovesMoney() bool {
	t := contractTypeOf(c)
	return t != nil && t.MovesMoney()
}

// Uncertainty holds the ranges for Monte Carlo and tornado analysis.
type Uncertainty struct {
	Runs    int   // 0: not given (the simulator's default applies)
	Seed    int64 // meaningful when SeedSet
	SeedSet bool
	Inputs  []UncertainInput
	// Correlations join inputs' draws (format v2's "Uncertainty v2"), in file order.
	Correlations []Correlation
}

// Correlation is one group of uncertain inputs with the Spearman rank correlation
// rho for every pair of them.
type Correlation struct {
	Inputs  []string // paths of uncertain inputs, at least two
	Rho     decimal.Decimal
	Sources []string
}

// Distributions of an uncertain input.
const (
	DistTriangular = "triangular"
	DistUniform    = "uniform"
	DistNormal     = "normal"
	DistLognormal  = "lognormal"
	DistPert       = "pert"
	// DistBernoulli keeps the field's written value with probability p, else 0.
	DistBernoulli = "bernoulli"
	// DistDiscrete takes one of Values with the matching probability in Probs.
	DistDiscrete = "discrete"
)

// UncertainInput is a distribution over one numeric field of the scenario.
// Params holds the distribution's parameters by name (low, mode, high, mean, sd,
// p10, p90, mu, sigma), in the field's own unit; mu and sigma are plain numbers
// (the lognormal's parameters in log space).
type UncertainInput struct {
	Path   string
	Dist   string
	Params []Param
	// Values and Probs are a discrete distribution's values, as written in the
	// field's own syntax (38B, 20%, 2027Q4), and their probabilities.
	Values  []string
	Probs   []decimal.Decimal
	Sources []string
}

// Param is one named distribution parameter.
type Param struct {
	Name  string
	Value decimal.Decimal
}

// Get returns the named parameter.
func (u *UncertainInput) Get(name string) (decimal.Decimal, bool) {
	for _, p := range u.Params {
		if p.Name == name {
			return p.Value, true
		}
	}
	return decimal.Decimal{}, false
}

// Stream returns the stream with the id, or nil.
func (s *Scenario) Stream(id string) *Stream {
	for i := range s.Streams {
		if s.Streams[i].ID == id {
			return &s.Streams[i]
		}
	}
	return nil
}

// Contract returns the contract with the id, or nil.
func (s *Scenario) Contract(id string) *Contract {
	for i := range s.Contracts {
		if s.Contracts[i].ID == id {
			return &s.Contracts[i]
		}
	}
	return nil
}

// Clone returns a deep copy of the stream.
func (s *Stream) Clone() Stream {
	out := *s
	out.Annual = append([]YearAmount(nil), s.Annual...)
	out.Growth = append([]YearRate(nil), s.Growth...)
	out.Actuals = append([]QuarterAmount(nil), s.Actuals...)
	out.Sources = append([]string(nil), s.Sources...)
	return out
}

// Clone returns a deep copy of the contract, its terms included.
func (c *Contract) Clone() Contract {
	out := *c
	out.Sources = append([]string(nil), c.Sources...)
	if c.Ext != nil {
		out.Ext = c.Ext.Clone()
	}
	return out
}

// Clone returns a deep copy, so that a caller may change fields (a slider, a Monte
// Carlo draw) without touching the original.
func (s *Scenario) Clone() *Scenario {
	c := *s
	c.Streams = make([]Stream, len(s.Streams))
	for i := range s.Streams {
		c.Streams[i] = s.Streams[i].Clone()
	}
	c.Contracts = make([]Contract, len(s.Contracts))
	for i := range s.Contracts {
		c.Contracts[i] = s.Contracts[i].Clone()
	}
	if s.Uncertainty != nil {
		u := *s.Uncertainty
		u.Inputs = make([]UncertainInput, len(s.Uncertainty.Inputs))
		for i, in := range s.Uncertainty.Inputs {
			in.Params = append([]Param(nil), in.Params...)
			in.Values = append([]string(nil), in.Values...)
			in.Probs = append([]decimal.Decimal(nil), in.Probs...)
			in.Sources = append([]string(nil), in.Sources...)
			u.Inputs[i] = in
		}
		u.Correlations = make([]Correlation, len(s.Uncertainty.Correlations))
		for i, g := range s.Uncertainty.Correlations {
			g.Inputs = append([]string(nil), g.Inputs...)
			g.Sources = append([]string(nil), g.Sources...)
			u.Correlations[i] = g
		}
		c.Uncertainty = &u
	}
	return &c
}
