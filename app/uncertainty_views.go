package app

import (
	"bytes"
	"strings"
	"time"

	"dealmodel/backend/charts"
	"dealmodel/backend/fault"
	"dealmodel/backend/report"
	"dealmodel/backend/sim"
)

// ScatterRequest asks for a scatter of a simulation's runs: X and Y are each an
// uncertain input's path or a summary figure's id.
type ScatterRequest struct {
	Document string `json:"document"`
	X        string `json:"x"`
	Y        string `json:"y"`
}

// ScatterView is the scatter of the samples: one point per run.
type ScatterView struct {
	Chart  charts.Chart `json:"chart"`
	XLabel string       `json:"xLabel"`
	YLabel string       `json:"yLabel"`
	XKind  string       `json:"xKind"` // amount, rate, integer, number, quarter or year
	YKind  string       `json:"yKind"`
	Runs   int          `json:"runs"`
	// Rank is the sample's Spearman rank correlation of the two columns.
	Rank float64 `json:"rank"`
	// Columns are what X and Y can be: the uncertain inputs, then the figures.
	Columns []Choice `json:"columns"`
}

// scatterRuns is how many runs a scatter shows: enough to see the shape, few
// enough to draw at once.
const scatterRuns = 2000

// Scatter simulates a working copy with its samples and draws two of their
// columns against each other. "" for X or Y picks the first correlated input
// (else the first input) and the first revenue share's total paid.
func (s *Service) Scatter(req ScatterRequest) (out *ScatterView, err error) {
	defer s.guard(&err)
	e, err := s.parse(req.Document)
	if err != nil {
		return nil, err
	}
	m, err := s.model(e)
	if err != nil {
		return nil, err
	}
	if len(m.Inputs()) == 0 {
		return nil, fault.Errorf(fault.Invalid, "“%s” has no uncertain inputs: there are no runs to draw", e.sc.Name)
	}
	// The runs of the uncertainty view's last full simulation of this copy, when
	// there is one; else a simulation of their own.
	a := &s.analysis
	a.mu.Lock()
	var o *sim.Outcome
	if r := a.runs; r != nil && r.hash == e.hash {
		o = r.out
	}
	a.mu.Unlock()
	if o == nil {
		if o, err = m.Simulate(s.ctx(), sim.Options{Runs: min(scatterRuns, fullRuns(e.sc, 0)), Samples: true}); err != nil {
			return nil, s.simError(err, s.ctx())
		}
	}
	sm := o.Samples
	n := min(scatterRuns, o.Runs) // a prefix of the runs is a simulation of fewer runs
	out = &ScatterView{Runs: n}
	labels := map[string]string{}
	for _, in := range o.Inputs {
		labels[in.Path] = in.Label
		out.Columns = append(out.Columns, Choice{ID: in.Path, Label: in.Label, Kind: in.Kind})
	}
	res := m.Base()
	for _, c := range sm.Metrics {
		if mt := res.MetricByID(c.ID); mt != nil {
			labels[c.ID] = mt.Label
			out.Columns = append(out.Columns, Choice{ID: c.ID, Label: mt.Label, Kind: c.Kind})
		}
	}
	x, y := strings.TrimSpace(req.X), strings.TrimSpace(req.Y)
	if x == "" {
		x = sm.Inputs[0].ID
		if cs := m.Correlations(); len(cs) > 0 {
			x = cs[0].Inputs[0]
		}
	}
	if y == "" {
		y = m.DefaultMetric()
	}
	col := func(id string) ([]float64, string, error) {
		for i, c := range sm.Inputs {
			if c.ID == id {
				return sm.InputValues[i][:n], c.Kind, nil
			}
		}
		for j, c := range sm.Metrics {
			if c.ID == id {
				return sm.MetricValues[j][:n], c.Kind, nil
			}
		}
		return nil, "", fault.Errorf(fault.Invalid, "%q is neither an uncertain input nor a figure of this scenario", id)
	}
	xs, xk, err := col(x)
	if err != nil {
		return nil, err
	}
	ys, yk, err := col(y)
	if err != nil {
		return nil, err
	}
	out.XLabel, out.YLabel, out.XKind, out.YKind = labels[x], labels[y], xk, yk
	opt, err := charts.Scatter(out.XLabel, out.YLabel, xs, ys)
	if err != nil {
		s.logf("scatter of %s: %v", e.sc.Name, err)
		return nil, errInternal
	}
	out.Chart = charts.Chart{ID: charts.IDScatter, Title: out.YLabel + " against " + out.XLabel, Option: opt}
	out.Rank = sim.RankCorrelation(xs, ys)
	return out, nil
}

// TableRequest asks for a two-way table of a working copy: Metric for every pair
// of XValues and YValues (each a comma list in the field's syntax or
// LOW..HIGH:N).
type TableRequest struct {
	Document string `json:"document"`
	X        string `json:"x"`
	XValues  string `json:"xValues"`
	Y        string `json:"y"`
	YValues  string `json:"yValues"`
	Metric   string `json:"metric"`
}

// TableView is a two-way table: exact figures, the heatmap, and the CSV to copy
// or save.
type TableView struct {
	Metric string         `json:"metric"`
	Label  string         `json:"label"`
	X      *sim.TableAxis `json:"x"`
	Y      *sim.TableAxis `json:"y"`
	// Cells[i][j] is the figure at Y's value i and X's value j, exactly: an
	// amount with two decimals, a quarter, a year, or "" (the cap never binds).
	Cells [][]string `json:"cells"`
	// Short are the same figures for reading at a glance ($38.00B, 2029Q2, never).
	Short [][]string   `json:"short"`
	Base  string       `json:"base"` // the figure of the scenario as it is
	Chart charts.Chart `json:"chart"`
	// CSV is the table as `dealmodel table --format csv` writes it.
	CSV    string  `json:"csv"`
	Millis float64 `json:"millis"`
}

// twoWay computes the two-way table req asks of the parsed working copy e (req's
// Document is not read).
func (s *Service) twoWay(e *parsed, req TableRequest) (*sim.TwoWay, error) {
	m, err := s.model(e)
	if err != nil {
		return nil, err
	}
	for _, f := range []struct{ name, v string }{{"an input across", req.X}, {"its values", req.XValues}, {"an input down", req.Y}, {"its values", req.YValues}, {"a figure", req.Metric}} {
		if strings.TrimSpace(f.v) == "" {
			return nil, fault.Errorf(fault.Invalid, "the table needs %s", f.name)
		}
	}
	xs, err := m.TableValues(strings.TrimSpace(req.X), req.XValues)
	if err != nil {
		return nil, fault.Errorf(fault.Invalid, "across: %v", err)
	}
	ys, err := m.TableValues(strings.TrimSpace(req.Y), req.YValues)
	if err != nil {
		return nil, fault.Errorf(fault.Invalid, "down: %v", err)
	}
	tw, err := m.Table(s.ctx(), strings.TrimSpace(req.X), xs, strings.TrimSpace(req.Y), ys, strings.TrimSpace(req.Metric))
	if err != nil {
		return nil, s.simError(err, s.ctx())
	}
	return tw, nil
}

// TwoWayTable computes a two-way table of a working copy with the exact engine.
func (s *Service) TwoWayTable(req TableRequest) (out *TableView, err error) {
	defer s.guard(&err)
	e, err := s.parse(req.Document)
	if err != nil {
		return nil, err
	}
	started := time.Now()
	tw, err := s.twoWay(e, req)
	if err != nil {
		return nil, err
	}
	out = &TableView{Metric: tw.Metric, Label: tw.Label, X: &tw.X, Y: &tw.Y, Base: report.MetricText(&tw.Base)}
	for i := range tw.Cells {
		row, short := make([]string, len(tw.Cells[i])), make([]string, len(tw.Cells[i]))
		for j := range tw.Cells[i] {
			row[j], short[j] = report.MetricText(&tw.Cells[i][j]), report.MetricShort(&tw.Cells[i][j])
		}
		out.Cells = append(out.Cells, row)
		out.Short = append(out.Short, short)
	}
	opt, err := charts.TwoWay(tw, report.MetricShort, report.MetricText)
	if err != nil {
		s.logf("heatmap of %s: %v", e.sc.Name, err)
		return nil, errInternal
	}
	out.Chart = charts.Chart{ID: charts.IDTwoWay, Title: tw.Label, Option: opt}
	var b bytes.Buffer
	if err := report.WriteTwoWayCSV(&b, tw); err != nil {
		return nil, err
	}
	out.CSV = b.String()
	out.Millis = float64(time.Since(started).Microseconds()) / 1000
	return out, nil
}
