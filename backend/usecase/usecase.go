// Package usecase holds what the command line (app/cli) and the bound service
// (app) both do, so that they do it once: today, the simulation a PDF briefing
// carries. It depends inward only (report, sim, engine), never on app/.
package usecase

import (
	"context"

	"dealmodel/backend/engine"
	"dealmodel/backend/report"
	"dealmodel/backend/sim"
)

// WantsUncertainty reports whether a briefing simulates: the caller asks for it,
// the briefing is more than its executive summary, and the scenario declares
// uncertain inputs.
func WantsUncertainty(b *report.Briefing, asked bool) bool {
	u := b.Scenario.Uncertainty
	return asked && !b.SummaryOnly && u != nil && len(u.Inputs) > 0
}

// Uncertainty is a briefing's uncertainty section: the scenario's own runs and
// seed (so the PDF is reproducible) simulated on m by the period, then the tornado
// of metric ("" the simulation's default; the briefings pass view.HeadlineMetric,
// what a cap saves, which the histogram shows too).
func Uncertainty(ctx context.Context, m *sim.Model, p engine.Period, metric string) (*report.Uncertainty, error) {
	o, err := m.Simulate(ctx, sim.Options{Period: string(p), Metric: metric})
	if err != nil {
		return nil, err
	}
	t, err := m.Tornado(ctx, metric)
	if err != nil {
		return nil, err
	}
	return report.UncertaintyFrom(o, t, m.Written(o)), nil
}
