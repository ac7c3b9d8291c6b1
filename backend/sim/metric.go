package sim

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"dealmodel/backend/engine"
	"dealmodel/backend/scenario"
)

// figure is what the simulation, the tornado and goal seek measure: a summary
// metric of the engine (contract.msft_revshare.total_paid, as `run` prints it), or
// one period of a series, written SERIES@PERIOD: contract.msft_revshare.cumulative@2030
// is the cumulative payment at the end of 2030, contract.msft_revshare.paid@2030 the
// payments during 2030, contract.msft_revshare.paid@2030Q4 those of one quarter. A
// year sums a flow over its quarters inside the horizon and takes a level's last.
type figure struct {
	id, label string
	kind      engine.MetricKind
	metric    int // index in Model.metrics; -1 for a series figure
	series    int
	q0, q1    int // quarter offsets of the period, inclusive
	flow      bool
}

// figure resolves a metric id.
func (m *Model) figure(id string) (figure, error) {
	id = strings.TrimSpace(id)
	if name, period, ok := strings.Cut(id, "@"); ok {
		return m.seriesFigure(id, name, period)
	}
	for i, mt := range m.metrics {
		if mt.id == id {
			return figure{id: id, label: mt.label, kind: mt.kind, metric: i}, nil
		}
	}
	ids := make([]string, len(m.metrics))
	for i, mt := range m.metrics {
		ids[i] = mt.id
	}
	hint := ""
	if s := closest(id, ids); s != "" {
		hint = fmt.Sprintf(" (did you mean %s?)", s)
	}
	return figure{}, errorf(EINVALID, "unknown metric %q%s: use an id of the summary of `dealmodel run`, such as %s, or SERIES@PERIOD, such as %s@%d",
		id, hint, m.metrics[m.defaultIndex()].id, m.series[0].id, m.year0)
}

func (m *Model) seriesFigure(id, name, period string) (figure, error) {
	si := -1
	for i, sr := range m.series {
		if sr.id == name {
			si = i
		}
	}
	if si < 0 {
		ids := make([]string, len(m.series))
		for i, sr := range m.series {
			ids[i] = sr.id
		}
		hint := ""
		if s := closest(name, ids); s != "" {
			hint = fmt.Sprintf(" (did you mean %s?)", s)
		}
		return figure{}, errorf(EINVALID, "unknown series %q in %q%s: use a series id of `dealmodel run --format json`", name, id, hint)
	}
	f := figure{id: id, kind: engine.Amount, metric: -1, series: si, flow: m.series[si].kind == engine.Flow}
	first, last := m.start, m.start+scenario.Quarter(m.n-1)
	var q0, q1 scenario.Quarter
	if y, err := strconv.Atoi(period); err == nil && len(period) == 4 {
		q0, q1 = max(scenario.NewQuarter(y, 1), first), min(scenario.NewQuarter(y, 4), last)
		f.label = fmt.Sprintf("%s in %d", m.series[si].label, y)
	} else if q, err := scenario.ParseQuarter(period, false); err == nil {
		q0, q1 = q, q
		f.label = fmt.Sprintf("%s in %s", m.series[si].label, q)
	} else {
		return figure{}, errorf(EINVALID, "%q: %q is not a period: write a year (2030) or a quarter (2030Q4)", id, period)
	}
	if q0 > q1 || q0 < first || q1 > last {
		return figure{}, errorf(EINVALID, "%q: %s is outside the horizon %s..%s", id, period, first, last)
	}
	f.q0, f.q1 = int(q0-m.start), int(q1-m.start)
	return f, nil
}

// amountFigure resolves a metric id that must be an amount ("" gives the default).
func (m *Model) amountFigure(id string) (figure, error) {
	if id == "" {
		id = m.DefaultMetric()
	}
	f, err := m.figure(id)
	if err == nil && f.kind != engine.Amount {
		err = errorf(EINVALID, "metric %s is a quarter or a year, not an amount: choose an amount metric, such as %s", id, m.metrics[m.defaultIndex()].id)
	}
	return f, err
}

// DefaultMetric is the metric that the tornado ranks by and the histogram shows
// when none is chosen: the first revenue share's total paid; else the total paid
// on compute commitments; else the first amount metric of a contract; else the
// first amount metric. (Stream totals come first in the summary, but they are
// inputs, not outcomes of the deals.)
func (m *Model) DefaultMetric() string { return m.metrics[m.defaultIndex()].id }

func (m *Model) defaultIndex() int {
	if m.headline >= 0 {
		return m.headline
	}
	if m.commitSer >= 0 {
		return m.commitMet
	}
	for _, i := range m.amountMets {
		if strings.HasPrefix(m.metrics[i].id, "contract.") {
			return i
		}
	}
	if len(m.amountMets) > 0 {
		return m.amountMets[0]
	}
	return 0
}

// value returns the figure from a float evaluation: an amount, or a quarter
// number (NaN when null).
func (f *figure) value(m *Model, w *work) float64 {
	if f.metric >= 0 {
		return w.metrics[f.metric]
	}
	row := w.row(f.series, m.n)
	if !f.flow {
		return row[f.q1]
	}
	sum := 0.0
	for _, x := range row[f.q0 : f.q1+1] {
		sum += x
	}
	return sum
}

// exact returns the figure from an engine result.
func (f *figure) exact(res *engine.Result) (engine.Metric, error) {
	if f.metric >= 0 {
		mt := res.MetricByID(f.id)
		if mt == nil {
			return engine.Metric{}, fmt.Errorf("sim: the engine's result has no metric %s", f.id)
		}
		return *mt, nil
	}
	name, _, _ := strings.Cut(f.id, "@")
	sr := res.SeriesByID(name)
	if sr == nil {
		return engine.Metric{}, fmt.Errorf("sim: the engine's result has no series %s", name)
	}
	v := sr.Values[f.q1]
	if f.flow {
		v = decimal.Zero
		for _, x := range sr.Values[f.q0 : f.q1+1] {
			v = v.Add(x)
		}
	}
	return engine.Metric{ID: f.id, Label: f.label, Kind: engine.Amount, Amount: v}, nil
}

// closest returns the option nearest to s in edit distance, if it is near enough
// to be a likely typo.
func closest(s string, options []string) string {
	best, bestD := "", len(s)/3+2
	for _, o := range options {
		if d := editDistance(s, o); d < bestD {
			best, bestD = o, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
