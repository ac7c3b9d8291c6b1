package sim

import (
	"context"
	"math"
	"sort"

	"github.com/shopspring/decimal"

	"dealmodel/backend/engine"
	"dealmodel/backend/scenario"
)

// Sensitivity is a tornado chart: how far one metric moves when each uncertain
// input alone swings from its 10th to its 90th percentile, the others at base.
type Sensitivity struct {
	Metric string          `json:"metric"`
	Label  string          `json:"label"`
	Base   decimal.Decimal `json:"base"` // the metric with every input at base
	// Bars are ranked by swing, the largest first; equal swings keep file order.
	Bars []Bar `json:"bars"`
	// Omitted counts the inputs that swing the metric least and have no bar: a
	// tornado shows at most MaxTornadoBars.
	Omitted int `json:"omitted,omitempty"`
}

// MaxTornadoBars is how many inputs a tornado shows: more is not readable, and
// each costs two exact runs of the whole scenario.
const MaxTornadoBars = 20

// Bar is one input's swing. Its values are exact: the input's percentiles are
// rounded as people write them (cents, whole years) and the metric is computed by
// the exact engine.
type Bar struct {
	Path  string          `json:"path"`
	Label string          `json:"label"`
	Kind  string          `json:"kind"` // of the input: amount, rate, integer or number
	Low   decimal.Decimal `json:"low"`  // the input at its P10
	Base  decimal.Decimal `json:"base"` // the input as written
	High  decimal.Decimal `json:"high"` // the input at its P90
	// MetricLow and MetricHigh are the metric with the input at Low and at High.
	MetricLow  decimal.Decimal `json:"metricLow"`
	MetricHigh decimal.Decimal `json:"metricHigh"`
	Swing      decimal.Decimal `json:"swing"` // |MetricHigh − MetricLow|
}

// Tornado compiles s and computes its tornado for metric ("": DefaultMetric).
func Tornado(ctx context.Context, s *scenario.Scenario, metric string) (*Sensitivity, error) {
	m, err := Compile(s)
	if err != nil {
		return nil, err
	}
	return m.Tornado(ctx, metric)
}

// Tornado computes the tornado for metric ("": DefaultMetric), an amount metric or
// SERIES@PERIOD, with the exact engine: two runs per input.
func (m *Model) Tornado(ctx context.Context, metric string) (*Sensitivity, error) {
	if len(m.inputs) == 0 {
		return nil, errorf(ENOINPUTS, "scenario %q has no uncertain inputs to swing: add an uncertainty block", m.scen.Name)
	}
	f, err := m.amountFigure(metric)
	if err != nil {
		return nil, err
	}
	base, err := f.exact(m.base)
	if err != nil {
		return nil, err
	}
	bars := make([]Bar, len(m.inputs))
	for i := range m.inputs {
		in := &m.inputs[i]
		bars[i] = Bar{
			Path: in.path, Label: in.field.Label, Kind: string(in.field.Kind), Base: in.field.Value,
			Low:  rounded(in.field.Kind, in.dist.quantile(0.1)),
			High: rounded(in.field.Kind, in.dist.quantile(0.9)),
		}
	}
	out := &Sensitivity{Metric: f.id, Label: f.label, Base: base.Amount, Bars: bars}
	if len(bars) > MaxTornadoBars {
		// Two exact runs per input would make the tornado grow with the square of
		// the scenario's size (more contracts, more inputs, longer runs): rank the
		// inputs with the float model, then compute the widest exactly.
		keep, err := m.widest(f, bars, MaxTornadoBars)
		if err != nil {
			return nil, err
		}
		out.Bars, out.Omitted = keep, len(bars)-len(keep)
	}
	errs := make([]error, 2*len(out.Bars))
	parallel(workerCount(0, len(errs)), len(errs), func(_, t int) {
		if errs[t] = ctx.Err(); errs[t] != nil {
			return
		}
		b := &out.Bars[t/2]
		v := b.Low
		if t%2 == 1 {
			v = b.High
		}
		var mt engine.Metric
		mt, errs[t] = m.exactAt(f, []Assignment{{Path: b.Path, Value: v}})
		if t%2 == 0 {
			b.MetricLow = mt.Amount
		} else {
			b.MetricHigh = mt.Amount
		}
	})
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	for i := range out.Bars {
		b := &out.Bars[i]
		b.Swing = b.MetricHigh.Sub(b.MetricLow).Abs()
	}
	sort.SliceStable(out.Bars, func(i, j int) bool { return out.Bars[i].Swing.GreaterThan(out.Bars[j].Swing) })
	return out, nil
}

// exactAt computes figure f with the exact engine, the assignments applied.
func (m *Model) exactAt(f figure, as []Assignment) (engine.Metric, error) {
	s, err := With(m.scen, as)
	if err != nil {
		return engine.Metric{}, err
	}
	res, err := engine.Run(s)
	if err != nil {
		return engine.Metric{}, err
	}
	return f.exact(res)
}

// widest returns the k bars whose inputs swing figure f most, by the float model,
// in file order among equals; ties at the cut keep the earlier input.
func (m *Model) widest(f figure, bars []Bar, k int) ([]Bar, error) {
	swing := make([]float64, len(bars))
	w := m.newWork()
	at := func(slot int, x float64) (float64, error) {
		copy(w.vals, m.vals)
		w.vals[slot] = x
		if err := m.eval(w); err != nil {
			return 0, err
		}
		return f.value(m, w), nil
	}
	for i := range bars {
		in := &m.inputs[i]
		lo, err := at(in.slot, bars[i].Low.InexactFloat64())
		if err != nil {
			return nil, err
		}
		hi, err := at(in.slot, bars[i].High.InexactFloat64())
		if err != nil {
			return nil, err
		}
		swing[i] = math.Abs(hi - lo)
	}
	idx := make([]int, len(bars))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return swing[idx[a]] > swing[idx[b]] })
	idx = idx[:k]
	sort.Ints(idx)
	out := make([]Bar, k)
	for j, i := range idx {
		out[j] = bars[i]
	}
	return out, nil
}
