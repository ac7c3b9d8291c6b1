package view

import (
	"strings"

	"github.com/shopspring/decimal"

	"dealmodel/backend/contract"
	"dealmodel/backend/engine"
	"dealmodel/backend/money"
	"dealmodel/backend/scenario"
)

// Event is one row of a scenario's deal timeline: a contract's dated change,
// tranche, deadline or valuation mark, or a stream's reported quarter.
type Event struct {
	contract.Event
	// Path is the path of what the event belongs to: contracts.<id> or
	// streams.<id>.
	Path string
	// Of names the contract or stream.
	Of string
}

// EventActual is a stream's reported quarter.
const EventActual = "actual"

// Timeline lists the dated events of the scenario's enabled contracts and its
// streams' reported quarters, in quarter order (a quarter's events in the
// scenario's order).
func Timeline(s *scenario.Scenario) []Event {
	var out []Event
	for i := range s.Streams {
		st := &s.Streams[i]
		for _, a := range st.Actuals {
			out = append(out, Event{Event: contract.Event{Quarter: a.Quarter, Kind: EventActual, Key: "actuals." + a.Quarter.String(),
				What: "reported: " + money.Short(a.Amount), Sources: actualSources(st.Sources)}, Path: "streams." + st.ID, Of: st.DisplayLabel()})
		}
	}
	for i := range s.Contracts {
		c := &s.Contracts[i]
		if !c.Enabled {
			continue
		}
		for _, e := range contract.EventsOf(s, c) {
			out = append(out, Event{Event: e, Path: "contracts." + c.ID, Of: c.DisplayLabel()})
		}
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Quarter < out[j-1].Quarter; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// capacityProviders sums the gigawatts in service of capacity contracts by
// provider (payee), providers in order of first appearance.
func capacityProviders(r *engine.Result, cs []*scenario.Contract) []Provider {
	var out []Provider
	index := map[string]int{}
	for _, c := range cs {
		gw := r.SeriesByID("contract." + c.ID + ".gw")
		if gw == nil {
			continue
		}
		k, ok := index[c.Payee]
		if !ok {
			k = len(out)
			index[c.Payee] = k
			out = append(out, Provider{Name: c.Payee, Values: make([]decimal.Decimal, len(gw.Values))})
		}
		for j, v := range gw.Values {
			out[k].Values[j] = out[k].Values[j].Add(v)
		}
	}
	return out
}

// actualSources are a stream's sources that speak of actual figures, or all of
// them when none says so.
func actualSources(src []string) []string {
	var out []string
	for _, x := range src {
		if strings.Contains(strings.ToLower(x), "actual") {
			out = append(out, x)
		}
	}
	if len(out) == 0 {
		return src
	}
	return out
}
