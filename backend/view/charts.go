package view

import (
	"github.com/shopspring/decimal"

	"dealmodel/backend/contract"
	"dealmodel/backend/engine"
	"dealmodel/backend/scenario"
)

// Chart kinds: a contract's own charts (contract.ChartRevenueShare,
// contract.ChartCumulative) and the charts across contracts.
const (
	ChartStreams      = "streams"       // the revenue streams, when no contract has a chart of its own
	ChartComputeSpend = "compute_spend" // compute spend stacked by provider
	ChartPartyNet     = "party_net"     // each party's net flow
	ChartStakeValue   = "stake_value"   // every stake's value
)

// Chart is one chart to show, in neutral form: what it draws, not how. The
// window (backend/charts) and the PDF (backend/report) both draw this list.
type Chart struct {
	// ID is stable across edits: the kind, then "." and the contract id for a
	// contract's own chart.
	ID    string
	Kind  string
	Title string // the window's title
	// Contract is the contract a contract's own chart draws; nil for the others.
	Contract *scenario.Contract
	// Print says whether the PDF briefing draws it too.
	Print bool
	// Providers are the compute spend's stacks (ChartComputeSpend only).
	Providers []Provider
}

// Provider is the compute spend paid to one provider, period by period: the sum of
// the commitments whose payee it is.
type Provider struct {
	Name   string
	Values []decimal.Decimal
}

// Charts lists the charts of a result, in order: each enabled contract's own charts
// (a revenue share's revenue and payments, then its cumulative payments), or the
// revenue streams when there are none; then compute spend by provider, net flows by
// party and stake value, each when the scenario has something to draw in it. s is
// the scenario r was computed from.
func Charts(s *scenario.Scenario, r *engine.Result) []Chart {
	var out []Chart
	var compute []*scenario.Contract
	for _, cv := range contractViews(s, r) {
		if cv.ComputeSpend {
			compute = append(compute, cv.c)
		}
		if len(cv.Charts) == 0 || !hasContractSeries(r, cv.c) {
			continue
		}
		for _, ch := range cv.Charts {
			out = append(out, Chart{ID: ch.Kind + "." + cv.c.ID, Kind: ch.Kind, Title: ch.Title, Contract: cv.c, Print: ch.Print})
		}
	}
	if len(out) == 0 && hasSeries(r, engine.GroupStream, "") {
		out = append(out, Chart{ID: ChartStreams, Kind: ChartStreams, Title: "Revenue", Print: len(s.Streams) > 0})
	}
	if p := providers(r, compute); len(p) > 0 {
		out = append(out, Chart{ID: ChartComputeSpend, Kind: ChartComputeSpend, Title: "Compute spend by provider", Print: true, Providers: p})
	}
	if hasSeries(r, engine.GroupParty, "net") {
		out = append(out, Chart{ID: ChartPartyNet, Kind: ChartPartyNet, Title: "Net flows by party", Print: true})
	}
	if hasSeries(r, engine.GroupContract, "value") {
		out = append(out, Chart{ID: ChartStakeValue, Kind: ChartStakeValue, Title: "Stake value", Print: true})
	}
	return out
}

// hasContractSeries reports whether the result computed the contract (its paid
// series: a disabled contract has none).
func hasContractSeries(r *engine.Result, c *scenario.Contract) bool {
	return r.SeriesByID("contract."+c.ID+".paid") != nil
}

func hasSeries(r *engine.Result, g engine.Group, measure string) bool {
	for i := range r.Series {
		if r.Series[i].Group == g && (measure == "" || r.Series[i].Measure == measure) {
			return true
		}
	}
	return false
}

// providers sums the paid series of compute commitments by payee, providers in
// order of first appearance.
func providers(r *engine.Result, compute []*scenario.Contract) []Provider {
	var out []Provider
	index := map[string]int{}
	for _, c := range compute {
		paid := r.SeriesByID("contract." + c.ID + ".paid")
		if paid == nil {
			continue
		}
		k, ok := index[c.Payee]
		if !ok {
			k = len(out)
			index[c.Payee] = k
			out = append(out, Provider{Name: c.Payee, Values: make([]decimal.Decimal, len(paid.Values))})
		}
		for j, v := range paid.Values {
			out[k].Values[j] = out[k].Values[j].Add(v)
		}
	}
	return out
}

// ChartKinds of a contract's own charts, re-exported for renderers.
const (
	ChartRevenueShare = contract.ChartRevenueShare
	ChartCumulative   = contract.ChartCumulative
)
