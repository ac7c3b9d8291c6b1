package engine

import (
	"github.com/shopspring/decimal"

	"dealmodel/backend/scenario"
)

// Period is the granularity of a Result.
type Period string

// Periods.
const (
	Quarterly Period = "quarter"
	Yearly    Period = "year"
)

// Kind says how a series aggregates from quarters to years.
type Kind int

const (
	// Flow series sum over a year (revenue, payments, party flows).
	Flow Kind = iota
	// Level series take the year's last quarter (cumulative payments, valuations).
	Level
)

// Group is what a series or metric belongs to.
type Group string

// Groups.
const (
	GroupStream   Group = "stream"
	GroupContract Group = "contract"
	GroupParty    Group = "party"
	GroupTotal    Group = "total"
)

// Result is the deterministic outcome of a scenario: one value per period for each
// series, and the summary metrics. Series and Summary are in a stable order: streams
// in file order, then contracts in file order, then parties in order of first
// appearance.
type Result struct {
	Scenario string   // the scenario's name
	Period   Period   // quarter or year
	Periods  []string // "2025Q1"... or "2025"...
	// Quarters holds, for each period, its first quarter (its only one when quarterly).
	Quarters []scenario.Quarter
	Series   []Series
	Summary  []Metric
}

// Series is a named sequence of amounts, one per period.
type Series struct {
	ID      string // as in the format: stream.<id>, contract.<id>.paid, party.<name>.net
	Label   string // for people: "Revenue share to Microsoft — paid"
	Group   Group
	Owner   string // the stream id, contract id or party name
	Measure string // accrued, paid, cumulative, valuation, value, in, out, net; "" for streams
	Type    string // the contract type, for contract series
	Kind    Kind
	Unit    Unit // "" for money
	Values  []decimal.Decimal
}

// Unit is what a series or amount metric counts when it is not money.
type Unit string

// Units.
const (
	Money     Unit = ""
	Gigawatts Unit = "GW"
)

// MetricKind is what a metric's value is.
type MetricKind int

const (
	// Amount metrics hold a money amount.
	Amount MetricKind = iota
	// QuarterValue metrics hold a quarter, or none (Null).
	QuarterValue
	// YearValue metrics hold a calendar year, in Quarter as its first quarter.
	YearValue
)

// Metric is one summary figure.
type Metric struct {
	ID      string // as in the format: contract.<id>.total_paid
	Label   string
	Group   Group
	Owner   string
	Kind    MetricKind
	Amount  decimal.Decimal  // Kind == Amount
	Unit    Unit             // Kind == Amount: "" for money, GW for gigawatts
	Quarter scenario.Quarter // Kind == QuarterValue (and !Null) or YearValue
	Null    bool             // a quarter metric with no value (the cap never binds)
}

// SeriesByID returns the series with the id, or nil.
func (r *Result) SeriesByID(id string) *Series {
	for i := range r.Series {
		if r.Series[i].ID == id {
			return &r.Series[i]
		}
	}
	return nil
}

// MetricByID returns the metric with the id, or nil.
func (r *Result) MetricByID(id string) *Metric {
	for i := range r.Summary {
		if r.Summary[i].ID == id {
			return &r.Summary[i]
		}
	}
	return nil
}
