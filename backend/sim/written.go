package sim

import (
	"strings"

	"dealmodel/backend/contract"
	"dealmodel/backend/engine"
	"dealmodel/backend/scenario"
)

// WrittenBand is a band's series in the scenario as written, exactly computed, for
// the line drawn over its fan in the window and in the PDF. Cap is the level at
// which the cumulative payments stop under the cap as written (the cap plus what
// was paid before it counted), 0 when the series has no cap.
type WrittenBand struct {
	ID     string
	Values []float64
	Cap    float64
}

// Written is each band of o in the scenario as written: sc's exact result res
// (quarterly) laid out by o's periods, with the cap level of a contract's
// cumulative payments. A band whose series the result lacks is left out.
func Written(sc *scenario.Scenario, res *engine.Result, o *Outcome) []WrittenBand {
	out := []WrittenBand{}
	if res == nil {
		return out
	}
	r := res
	if o.Period == PeriodYear {
		r = res.ByYear()
	}
	for _, b := range o.Bands {
		se := r.SeriesByID(b.ID)
		if se == nil || len(se.Values) != len(o.Periods) {
			continue
		}
		w := WrittenBand{ID: b.ID, Values: make([]float64, len(se.Values))}
		for i, x := range se.Values {
			w.Values[i] = x.InexactFloat64()
		}
		if rest, ok := strings.CutPrefix(b.ID, "contract."); ok {
			id, measure, _ := strings.Cut(rest, ".")
			if c := sc.Contract(id); c != nil {
				if capped, towardMeasure, limit, ok := contract.CapMarkOf(c); ok && capped == measure {
					level := limit.InexactFloat64()
					if toward := r.SeriesByID("contract." + id + "." + towardMeasure); toward != nil && len(toward.Values) == len(se.Values) {
						last := len(se.Values) - 1
						level += se.Values[last].Sub(toward.Values[last]).InexactFloat64()
					}
					w.Cap = level
				}
			}
		}
		out = append(out, w)
	}
	return out
}

// Written is each band of o in the model's scenario as written (see Written).
func (m *Model) Written(o *Outcome) []WrittenBand { return Written(m.scen, m.base, o) }
