package view

import (
	"strings"
	"sync"

	"github.com/shopspring/decimal"

	"dealmodel/backend/contract"
	"dealmodel/backend/engine"
	"dealmodel/backend/plot"
	"dealmodel/backend/scenario"
)

// Chart kinds across contracts; a contract's own charts have kinds its type
// names (contract.Chart.Kind, in the type's Views).
const (
	ChartStreams      = "streams"       // the revenue streams, when no contract has a chart of its own
	ChartComputeSpend = "compute_spend" // compute spend stacked by provider
	ChartPartyNet     = "party_net"     // each party's net flow
	ChartStakeValue   = "stake_value"   // every stake's value
	ChartCapacity     = "capacity"      // gigawatts in service, stacked by provider
)

// Chart is one chart to show. The window (backend/charts) and the PDF
// (backend/report) both draw this list, each chart from its neutral form (Draw).
type Chart struct {
	// ID is stable across edits: the kind, then "." and the contract id for a
	// contract's own chart.
	ID    string
	Kind  string
	Title string // the window's title
	// Contract is the contract a contract's own chart draws; nil for the others.
	Contract *scenario.Contract
	// Print says whether the PDF briefing draws it too; Lead ranks it for the
	// briefing's summary page (0: not a candidate; lower first).
	Print bool
	Lead  int
	// Providers are the stacks of compute spend (ChartComputeSpend, in dollars)
	// or of capacity (ChartCapacity, in gigawatts), summed on first call; nil
	// for the other charts.
	Providers func() []Provider
	// Draw builds the chart in neutral form.
	Draw func() plot.Plot
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
//
// To add a chart across contracts, add its kind above and append it here with a
// Draw that builds its plot: both renderers draw any plot.
func Charts(s *scenario.Scenario, r *engine.Result) []Chart {
	return charts(s, r, contractViews(s, r))
}

// charts is Charts with the contracts' views asked already.
func charts(s *scenario.Scenario, r *engine.Result, views []contractView) []Chart {
	var out []Chart
	var compute, capacity []*scenario.Contract
	for _, cv := range views {
		if cv.ComputeSpend {
			compute = append(compute, cv.c)
		}
		if cv.Capacity {
			capacity = append(capacity, cv.c)
		}
		if len(cv.Charts) == 0 || !hasContractSeries(r, cv.c) {
			continue
		}
		for _, ch := range cv.Charts {
			out = append(out, Chart{ID: ch.Kind + "." + cv.c.ID, Kind: ch.Kind, Title: ch.Title, Contract: cv.c, Print: ch.Print, Lead: ch.Lead, Draw: ch.Draw})
		}
	}
	a := axis{r, s}
	if len(out) == 0 && hasSeries(r, engine.GroupStream, "") {
		out = append(out, Chart{ID: ChartStreams, Kind: ChartStreams, Title: "Revenue", Print: len(s.Streams) > 0,
			Draw: func() plot.Plot { return streamsPlot(s, r, a) }})
	}
	// The sums by provider are made when the chart is drawn: a step that draws
	// another chart does not pay for them.
	if anySeries(r, compute, ".paid") {
		p := sync.OnceValue(func() []Provider { return providers(r, compute) })
		out = append(out, Chart{ID: ChartComputeSpend, Kind: ChartComputeSpend, Title: "Compute spend by provider", Print: true, Lead: 2, Providers: p,
			Draw: func() plot.Plot { return computePlot(p(), a) }})
	}
	if anySeries(r, capacity, ".gw") {
		p := sync.OnceValue(func() []Provider { return capacityProviders(r, capacity) })
		out = append(out, Chart{ID: ChartCapacity, Kind: ChartCapacity, Title: "Capacity in service by provider (GW)", Print: true, Providers: p,
			Draw: func() plot.Plot { return capacityPlot(p(), a) }})
	}
	if hasSeries(r, engine.GroupParty, "net") {
		title := "Net flows by party"
		if byYear(r) {
			title += ", by year"
		}
		out = append(out, Chart{ID: ChartPartyNet, Kind: ChartPartyNet, Title: title, Print: true,
			Draw: func() plot.Plot { return partyPlot(r, a) }})
	}
	if hasSeries(r, engine.GroupContract, "value") {
		out = append(out, Chart{ID: ChartStakeValue, Kind: ChartStakeValue, Title: "Stake value", Print: true,
			Draw: func() plot.Plot { return stakePlot(s, r, a) }})
	}
	return out
}

func streamsPlot(s *scenario.Scenario, r *engine.Result, a axis) plot.Plot {
	p := plot.Plot{PrintTitle: "Revenue by " + plot.By(a)}
	k := 0
	for _, sr := range r.Series {
		if sr.Group == engine.GroupStream {
			p.Bars = append(p.Bars, contract.StreamBars(s, sr.Owner, sr.ID, sr.Label, plot.Color(k), false, sr.Values, a)...)
			k++
		}
	}
	if aq := actualStreams(s); aq != "" {
		p.Note = "Solid bars are reported quarters (" + aq + "); light ones are plan."
	}
	return p
}

// actualStreams lists the reported quarters of the scenario's streams.
func actualStreams(s *scenario.Scenario) string {
	var out []string
	for i := range s.Streams {
		if q := contract.ActualQuarters(s, s.Streams[i].ID); q != "" {
			out = append(out, q)
		}
	}
	return strings.Join(out, "; ")
}

// capacityPlot stacks the gigawatts in service by provider.
func capacityPlot(providers []Provider, a axis) plot.Plot {
	note := "Gigawatts in service under capacity contracts, stacked by provider: the latest step of each ramp at or before the period"
	if a.Yearly() {
		note += " (a year shows its last quarter)"
	}
	p := plot.Plot{PrintTitle: "Capacity in service by provider (GW), by " + plot.By(a), BarMode: plot.Stacked, Stack: "capacity",
		Note: note + ".", Unit: plot.UnitGW}
	for _, g := range providers {
		p.Bars = append(p.Bars, plot.Series{ID: "capacity." + g.Name, Name: g.Name, Values: g.Values})
	}
	return p
}

func computePlot(providers []Provider, a axis) plot.Plot {
	p := plot.Plot{PrintTitle: "Compute spend by provider, by " + plot.By(a), BarMode: plot.Stacked, Stack: "compute",
		Note: "Payments under compute commitments, stacked by provider. Several commitments to one provider add up."}
	for _, g := range providers {
		p.Bars = append(p.Bars, plot.Series{ID: "provider." + g.Name, Name: g.Name, Values: g.Values})
	}
	return p
}

// partyPlot draws each party's net flow (in − out) as bars side by side, a group
// per period: what a party receives on balance above the axis, what it pays
// below. With many parties on a quarterly axis the bars would be hairlines, so
// it draws years, as the PDF does (which lays it out for the
// page's width: see backend/report).
func partyPlot(r *engine.Result, a axis) plot.Plot {
	p := plot.Plot{PrintTitle: "Net flows by party, by " + plot.By(a), BarMode: plot.Grouped}
	if byYear(r) {
		r = r.ByYear()
		p.Periods = r.Periods
		p.PrintTitle = "Net flows by party, by year"
	}
	for _, sr := range r.Series {
		if sr.Group == engine.GroupParty && sr.Measure == "net" {
			p.Bars = append(p.Bars, plot.Series{ID: sr.ID, Name: sr.Owner, Values: sr.Values})
		}
	}
	return p
}

// byYear reports whether the party chart of r is drawn by year: r is quarterly
// and has more bars than a chart's width shows apart (over 120: a few pixels
// each; the briefing's seven parties over 32 quarters make 224).
func byYear(r *engine.Result) bool {
	if r.Period != engine.Quarterly {
		return false
	}
	n := 0
	for _, sr := range r.Series {
		if sr.Group == engine.GroupParty && sr.Measure == "net" {
			n++
		}
	}
	return n*len(r.Periods) > 120
}

func stakePlot(s *scenario.Scenario, r *engine.Result, a axis) plot.Plot {
	p := plot.Plot{PrintTitle: "Stake value by " + plot.By(a), Note: "The holder's share of the valuation in each period."}
	for _, sr := range r.Series {
		if sr.Group != engine.GroupContract || sr.Measure != "value" {
			continue
		}
		name := sr.Owner
		if c := s.Contract(sr.Owner); c != nil {
			name = c.DisplayLabel()
		}
		p.Lines = append(p.Lines, plot.Series{ID: sr.ID, Name: name, Values: sr.Values, Bold: true, Area: 0.12})
	}
	return p
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
// anySeries reports whether any of the contracts has the series of its id and
// suffix (".paid"): whether providers or capacityProviders would list any.
func anySeries(r *engine.Result, cs []*scenario.Contract, suffix string) bool {
	for _, c := range cs {
		if r.SeriesByID("contract."+c.ID+suffix) != nil {
			return true
		}
	}
	return false
}

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
