package contract

import (
	"strings"

	"github.com/shopspring/decimal"

	"dealmodel/backend/plot"
	"dealmodel/backend/scenario"
)

// ActualPart is what of a stream's series in each period of the axis is reported
// (its actual quarters inside the horizon), the rest being plan; nil when it has
// no actual quarter there.
func ActualPart(s *scenario.Scenario, streamID string, a plot.Axis) []decimal.Decimal {
	st := s.Stream(streamID)
	if st == nil || len(st.Actuals) == 0 {
		return nil
	}
	out := make([]decimal.Decimal, len(a.Periods()))
	found := false
	for _, q := range st.Actuals {
		if q.Quarter < s.Start || q.Quarter > s.End {
			continue
		}
		if i := a.PeriodOf(q.Quarter); i >= 0 && i < len(out) {
			out[i] = out[i].Add(q.Amount)
			found = true
		}
	}
	if !found {
		return nil
	}
	return out
}

// ActualQuarters lists a stream's reported quarters inside the horizon: "2026Q1".
func ActualQuarters(s *scenario.Scenario, streamID string) string {
	st := s.Stream(streamID)
	if st == nil {
		return ""
	}
	var qs []string
	for _, a := range st.Actuals {
		if a.Quarter >= s.Start && a.Quarter <= s.End {
			qs = append(qs, a.Quarter.String())
		}
	}
	return strings.Join(qs, ", ")
}

// Suffixes of the two parts of a stream with actual quarters, after its label.
const (
	SuffixActual = ", actual"
	SuffixPlan   = ", plan"
)

// StreamBars are a stream's bars: one series, or, with actual quarters, what was
// reported (solid, its id with ".actual") under the plan (light and hatched,
// the stream's own id), stacked in one colour, so the two read apart on screen
// and on paper. Periods without a part have a gap there. Color is that of the
// split stream (a single series takes the palette's by its place).
func StreamBars(s *scenario.Scenario, streamID, id, label, color string, light bool, values []decimal.Decimal, a plot.Axis) []plot.Series {
	actual := ActualPart(s, streamID, a)
	if actual == nil {
		return []plot.Series{{ID: id, Name: label, Values: values, Light: light}}
	}
	plan := make([]decimal.Decimal, len(values))
	planGaps, actualGaps := make([]bool, len(values)), make([]bool, len(values))
	for i, v := range values {
		if i < len(actual) {
			plan[i] = v.Sub(actual[i])
			actualGaps[i] = actual[i].IsZero()
		}
		planGaps[i] = plan[i].IsZero() && !actualGaps[i]
	}
	stack := "stream." + streamID
	return []plot.Series{
		{ID: id + ".actual", Name: label + SuffixActual, Values: actual, Gaps: actualGaps, Color: color, Stack: stack},
		{ID: id, Name: label + SuffixPlan, Values: plan, Gaps: planGaps, Color: color, Light: true, Hatch: true, Stack: stack},
	}
}
