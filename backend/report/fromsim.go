package report

import (
	"fmt"
	"strings"

	"dealmodel/backend/contract"
	"dealmodel/backend/sim"
)

// maxUncertainMetrics bounds the percentile table: the figures a briefing leads
// with, not every total.
const maxUncertainMetrics = 10

// UncertaintyFrom turns a simulation and its tornado (which may be nil) into the
// briefing's uncertainty section: percentiles of the figures the inputs move, when
// each cap binds, a fan per band of cumulative payments, compute spend and stake
// value, and the tornado. written (sim.Written, may be nil) puts the scenario as
// written and its cap level on the fans, as the window does.
func UncertaintyFrom(o *sim.Outcome, t *sim.Sensitivity, written []sim.WrittenBand) *Uncertainty {
	l := sim.Lay(o, t, 12)
	u := &Uncertainty{
		Runs: l.Runs,
		Seed: l.Seed,
		Note: fmt.Sprintf("%s simulated runs over the ranges listed with the assumptions; P10 and P90 (the 10th and 90th percentiles) bound eight runs in ten.", thousands(l.Runs)),
	}
	u.Correlated = correlatedText(l)
	for _, f := range l.Moving() {
		if len(u.Metrics) == maxUncertainMetrics {
			break
		}
		if briefingMetric(f.ID) { // not a total nobody leads with
			u.Metrics = append(u.Metrics, MetricRange{Label: f.Label, P10: f.Stats().P10, P50: f.Stats().P50, P90: f.Stats().P90})
		}
	}
	for _, c := range l.Caps {
		if c.HasCap {
			cr := CapRange{Contract: c.Contract, Label: c.Label, P10: c.P10, P50: c.P50, P90: c.P90}
			for _, y := range c.ByYear {
				cr.ByYear = append(cr.ByYear, YearOdds{Year: y.Year, P: y.P})
			}
			u.Caps = append(u.Caps, cr)
		}
	}
	for _, b := range o.Bands {
		if strings.HasSuffix(b.ID, ".cumulative") || strings.HasSuffix(b.ID, ".value") || b.ID == "total.commitments.paid" {
			fan := Fan{Title: b.Label + ", by " + l.Period, Periods: l.Periods, P10: b.P10, P50: b.P50, P90: b.P90}
			for _, w := range written {
				if w.ID == b.ID && len(w.Values) == len(b.P50) {
					fan.Written, fan.Cap = w.Values, w.Cap
				}
			}
			u.Fans = append(u.Fans, fan)
		}
	}
	if h := o.Histogram; len(h.Counts) > 0 && len(h.Edges) == len(h.Counts)+1 {
		hist := &Histogram{Title: h.Label, Edges: h.Edges, Counts: h.Counts}
		for _, f := range l.Figures {
			if f.ID == h.Metric {
				hist.Written, hist.HasWritten = f.Stats().Base, true
			}
		}
		u.Histogram = hist
	}
	if tl := l.Tornado; tl != nil {
		tor := &Tornado{Title: tl.Label, Base: tl.Base, Omitted: tl.Omitted}
		for _, b := range tl.Bars {
			if b.Moves { // an input that does not move it is no bar
				tor.Bars = append(tor.Bars, Swing{Input: b.Label, Low: b.MetricLow, High: b.MetricHigh})
			}
		}
		if len(tor.Bars) > 0 {
			u.Tornado = tor
		}
	}
	return u
}

// briefingMetric says whether a summary metric belongs in the briefing's table:
// what is paid and what it is worth, not the streams' own totals.
func briefingMetric(id string) bool {
	for _, suffix := range []string{".total_paid", ".npv", ".cap_savings", ".value_at_end", ".net_total", ".committed"} {
		if strings.HasSuffix(id, suffix) {
			return true
		}
	}
	return false
}

// correlatedText describes each correlation group in a sentence: its inputs by
// label and their rank correlation.
func correlatedText(l *sim.Layout) []string {
	var out []string
	for _, g := range l.Correlations {
		how := "move together"
		switch {
		case g.Rho == 1:
			how = "move in lockstep (at the same percentile in every run)"
		case g.Rho < 0:
			how = "move against each other"
		}
		out = append(out, fmt.Sprintf("Correlated: %s %s, with a rank correlation of %s between each pair (Gaussian copula).",
			contract.ListAnd(g.Labels), how, strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.3f", g.Rho), "0"), ".")))
	}
	if len(out) == 0 && len(l.Inputs) > 1 {
		out = append(out, "Each input is drawn independently of the others.")
	}
	return out
}
