package report

import (
	"fmt"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"dealmodel/backend/contract"
	"dealmodel/backend/engine"
	"dealmodel/backend/money"
	"dealmodel/backend/scenario"
	"dealmodel/backend/view"
)

// The first page says in words what the numbers say: who pays whom how much, when a
// cap binds, what is committed to which provider, what a stake is worth. Every
// sentence is generated from the scenario and its result, so it changes with them.

// amount returns the summary amount with the id, and whether there is one.
func amount(r *engine.Result, id string) (decimal.Decimal, bool) {
	m := r.MetricByID(id)
	if m == nil || m.Kind != engine.Amount {
		return decimal.Zero, false
	}
	return m.Amount, true
}

// span is a pair of quarters for people: "2026Q2–2030Q4", or one quarter.
func span(a, b scenario.Quarter) string {
	if a == b {
		return a.String()
	}
	return a.String() + "–" + b.String()
}

// summaryBullets writes the plain-language summary of the first page: the facts
// of the contracts of described (s, or s cut to the contracts a large briefing
// describes one by one), then what s sums up to.
func summaryBullets(s, described *scenario.Scenario, r *engine.Result) []string {
	facts := view.ContractFacts(described, r)
	out := append([]string(nil), facts[contract.FactsEarly]...)
	out = append(out, commitmentSentences(s, r)...)
	out = append(out, facts[contract.FactsAfter]...)
	out = append(out, facts[contract.FactsLast]...)
	if p := partySentence(s, r); p != "" {
		out = append(out, p)
	}
	if len(out) == 0 {
		var names []string
		for i := range s.Streams {
			st := &s.Streams[i]
			if v, ok := amount(r, "stream."+st.ID+".total"); ok {
				names = append(names, fmt.Sprintf("%s totals %s", st.DisplayLabel(), money.Short(v)))
			}
		}
		if len(names) > 0 {
			out = append(out, fmt.Sprintf("The scenario has no enabled contract. Over %s, %s.", span(s.Start, s.End), contract.ListAnd(names)))
		} else {
			out = append(out, "The scenario has no enabled contract and no revenue stream.")
		}
	}
	return out
}

// commitmentSentences says, for each payer of compute commitments, what it has
// committed to which provider, and when the spend peaks.
func commitmentSentences(s *scenario.Scenario, r *engine.Result) []string {
	type provider struct {
		name  string
		total decimal.Decimal
	}
	type payer struct {
		name      string
		total     decimal.Decimal
		providers []provider
	}
	var payers []*payer
	find := func(name string) *payer {
		for _, p := range payers {
			if p.name == name {
				return p
			}
		}
		p := &payer{name: name}
		payers = append(payers, p)
		return p
	}
	for _, c := range view.Commitments(s, r) {
		p := find(c.Payer)
		p.total = p.total.Add(c.Committed)
		k := -1
		for j := range p.providers {
			if p.providers[j].name == c.Provider {
				k = j
			}
		}
		if k < 0 {
			p.providers = append(p.providers, provider{name: c.Provider})
			k = len(p.providers) - 1
		}
		p.providers[k].total = p.providers[k].total.Add(c.Committed)
	}
	if len(payers) == 0 {
		return nil
	}
	var out []string
	for _, p := range payers {
		sort.SliceStable(p.providers, func(i, j int) bool { return p.providers[i].total.Cmp(p.providers[j].total) > 0 })
		var parts []string
		for _, pr := range p.providers {
			parts = append(parts, pr.name+" "+money.Short(pr.total))
		}
		out = append(out, fmt.Sprintf("%s has committed %s to compute: %s.", p.name, money.Short(p.total), contract.ListAnd(parts)))
	}
	inside, _ := amount(r, "total.commitments.total_paid")
	outside, _ := amount(r, "total.commitments.outside_horizon")
	peak, _ := amount(r, "total.commitments.peak_annual")
	var tail strings.Builder
	if len(payers) > 1 {
		fmt.Fprintf(&tail, "Across all compute commitments, %s falls in %s", money.Short(inside), span(s.Start, s.End))
	} else {
		fmt.Fprintf(&tail, "%s of the commitments falls in %s", money.Short(inside), span(s.Start, s.End))
	}
	if outside.Sign() > 0 {
		fmt.Fprintf(&tail, " and %s after it", money.Short(outside))
	}
	if m := r.MetricByID("total.commitments.peak_year"); m != nil && peak.Sign() > 0 {
		fmt.Fprintf(&tail, "; spend peaks at %s in %d", money.Short(peak), m.Quarter.Year())
	}
	tail.WriteString(".")
	if len(payers) > 1 {
		return append(out, tail.String())
	}
	out[0] += " " + tail.String()
	return out
}

// partySentence sums up the net flows: who receives and who pays on balance.
func partySentence(s *scenario.Scenario, r *engine.Result) string {
	type net struct {
		name string
		v    decimal.Decimal
	}
	var ins, outs []net
	for i := range r.Summary {
		m := &r.Summary[i]
		if m.Group != engine.GroupParty || !strings.HasSuffix(m.ID, ".net_total") {
			continue
		}
		switch m.Amount.Sign() {
		case 1:
			ins = append(ins, net{m.Owner, m.Amount})
		case -1:
			outs = append(outs, net{m.Owner, m.Amount.Neg()})
		}
	}
	if len(ins)+len(outs) == 0 {
		return ""
	}
	// "OpenAI pays out $1B and Amazon $2B": the verb goes with the first name only.
	phrase := func(ns []net, verb string) string {
		sort.SliceStable(ns, func(i, j int) bool { return ns[i].v.Cmp(ns[j].v) > 0 })
		var items []string
		for i, n := range ns {
			if i == 0 {
				items = append(items, n.name+" "+verb+" "+money.Short(n.v))
			} else {
				items = append(items, n.name+" "+money.Short(n.v))
			}
		}
		return contract.ListAnd(items)
	}
	var parts []string
	if len(outs) > 0 {
		parts = append(parts, phrase(outs, "pays out"))
	}
	if len(ins) > 0 {
		parts = append(parts, phrase(ins, "receives"))
	}
	return fmt.Sprintf("On balance over %s, %s.", span(s.Start, s.End), strings.Join(parts, "; "))
}

// tile is one key figure: a caption, the figure and a line of context.
type tile struct {
	label, value, note string
}

// KeyFigures are the figures the title page leads with: view.KeyFigures, the list
// the window's cards show, in the same order.
func KeyFigures(s *scenario.Scenario, r *engine.Result) []view.Figure { return view.KeyFigures(s, r) }

// keyFigures are the title page's tiles of KeyFigures.
func keyFigures(s *scenario.Scenario, r *engine.Result) []tile {
	list := KeyFigures(s, r)
	out := make([]tile, len(list))
	for i := range list {
		out[i] = tile{label: list[i].Label, value: list[i].Short(), note: list[i].Context}
	}
	return out
}
