package app

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"dealmodel/backend/charts"
	"dealmodel/backend/engine"
	"dealmodel/backend/fault"
	"dealmodel/backend/scenario"
	"dealmodel/backend/sim"
	"dealmodel/backend/view"
)

// SimulationRequest asks for a Monte Carlo simulation of a working copy.
type SimulationRequest struct {
	// Document is the working copy's canonical YAML, as the workspace holds it.
	Document string `json:"document"`
	// Runs overrides the scenario's uncertainty.runs; 0 keeps them.
	Runs int `json:"runs"`
	// Seed overrides the scenario's seed: a whole number as text ("" keeps it),
	// text because a seed may not fit a JavaScript number.
	Seed string `json:"seed"`
	// Metric is the histogram's metric (a summary amount id or SERIES@PERIOD);
	// "" is the scenario's default, the first revenue share's total paid.
	Metric string `json:"metric"`
	// Period is the fans' periods: "quarter" (default) or "year".
	Period string `json:"period"`
	// Quick asks for a first estimate of sim.QuickRuns runs, without the tornado,
	// to show at once while the full run follows.
	Quick bool `json:"quick"`
	// Job is the caller's number for this request, echoed in the result and in
	// progress events so that the UI can tell its jobs apart.
	Job int `json:"job"`
}

// SimulationView is a simulation as the uncertainty view shows it. Simulated
// amounts are estimates: they cross as text with two decimals (exact enough for
// display, and never rounded by JavaScript); probabilities are numbers.
type SimulationView struct {
	Job   int  `json:"job"`
	Quick bool `json:"quick"`
	// NoInputs says the scenario declares no uncertain inputs; Message then says
	// how to give it some, and nothing else is set.
	NoInputs bool   `json:"noInputs"`
	Message  string `json:"message,omitempty"`

	Runs int    `json:"runs"`
	Seed string `json:"seed"`
	// FullRuns is how many runs the full simulation takes: Runs unless Quick.
	FullRuns int `json:"fullRuns"`
	// BandRuns is how many of the runs the fans summarize (see sim.Outcome).
	BandRuns int `json:"bandRuns"`
	// Millis is how long the simulation took, for the status line.
	Millis float64 `json:"millis"`

	Metric      string   `json:"metric"` // the histogram's and the tornado's
	MetricLabel string   `json:"metricLabel"`
	Period      string   `json:"period"`
	Periods     []string `json:"periods"`

	Stats  []SimulatedFigure `json:"stats"`
	Caps   []CapOdds         `json:"caps"`
	Inputs []UncertainInput  `json:"inputs"`
	// Correlations are the scenario's correlation groups, in file order.
	Correlations []CorrelationView `json:"correlations"`
	// Charts are those of charts.Uncertainty: a fan per band (ids "fan.<series>"),
	// the histogram and, in the full run, the tornado.
	Charts []charts.Chart `json:"charts"`
	// Metrics are the amounts the histogram can show, for the chooser.
	Metrics []Choice `json:"metrics"`
	// Written is each fan's series as written, for the line over the fan.
	Written []WrittenBand `json:"written"`
}

// SimulatedFigure is one summary amount across the runs, as sim.Lay writes it.
type SimulatedFigure = sim.Figure

// CapOdds is how likely a revenue share's cap is to bind: by the end of each
// year, and the quarters by which it has bound in 10, 50 and 90% of the runs ("",
// not in the horizon).
type CapOdds struct {
	Contract string          `json:"contract"`
	Label    string          `json:"label"`
	HasCap   bool            `json:"hasCap"`
	ByYear   []sim.YearShare `json:"byYear"`
	P10      string          `json:"p10"`
	P50      string          `json:"p50"`
	P90      string          `json:"p90"`
	// Written is the quarter the cap binds in the scenario as written; "" when
	// it does not bind in the horizon.
	Written string `json:"written"`
}

// UncertainInput is one uncertain input as simulated: its distribution and the
// values of its 10th, 50th and 90th percentiles, in the field's syntax.
type UncertainInput struct {
	Path  string `json:"path"`
	Label string `json:"label"`
	Dist  string `json:"dist"`
	Base  string `json:"base"`
	P10   string `json:"p10"`
	P50   string `json:"p50"`
	P90   string `json:"p90"`
	// Kind is the field's: amount, rate, integer or number.
	Kind string `json:"kind"`
	// P is a bernoulli input's probability of keeping its value, as a
	// percentage ("60%"); "" for other distributions.
	P string `json:"p"`
	// Values and Probs are a discrete input's values (in the field's syntax) and
	// their probabilities ("30%"); empty for other distributions.
	Values []string `json:"values"`
	Probs  []string `json:"probs"`
}

// Choice is an entry of a picker: an id and its label for people.
type Choice struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	// Kind is "amount" or "quarter" for metrics (the target's syntax), the field's
	// kind for inputs (amount, rate, integer, number).
	Kind string `json:"kind"`
	// Value is an input's current value, in the field's syntax.
	Value string `json:"value,omitempty"`
}

// AnalysisChoices lists what goal seek can solve for and aim at.
type AnalysisChoices struct {
	// Metrics are the summary's amounts and quarters (a cap's binding quarter).
	Metrics []Choice `json:"metrics"`
	// Inputs are the numeric fields, by path.
	Inputs []Choice `json:"inputs"`
	// DefaultMetric and DefaultInput are what the pickers start on: the first
	// revenue share's total paid and its cap, when there is one.
	DefaultMetric string `json:"defaultMetric"`
	DefaultInput  string `json:"defaultInput"`
}

// SolveRequest is a goal seek on a working copy: the value of Input at which
// Metric reaches Target. Low and High optionally narrow the search.
type SolveRequest struct {
	Document string `json:"document"`
	Input    string `json:"input"`
	Metric   string `json:"metric"`
	Target   string `json:"target"`
	Low      string `json:"low"`
	High     string `json:"high"`
}

// SolveResult is a solved goal, or the reason none exists.
type SolveResult struct {
	// Unreachable says no value in the input's range reaches the target; Message
	// then says what the metric does over that range, and nothing else is set.
	Unreachable bool   `json:"unreachable"`
	Message     string `json:"message,omitempty"`

	Input string `json:"input"`
	Label string `json:"label"`
	Kind  string `json:"kind"`
	// Value is the solved value in the field's syntax (41.2B, 23.5%).
	Value string `json:"value"`
	// Exact is the value as a plain decimal, to apply as an edit.
	Exact string `json:"exact"`

	Metric      string `json:"metric"`
	MetricLabel string `json:"metricLabel"`
	// Target and Reached are exact: amounts with two decimals, or quarters.
	// Reached is "" for a quarter metric that is null (the cap never binds).
	Target  string `json:"target"`
	Reached string `json:"reached"`
	// Hit says Reached equals Target; when not, Value is the nearest there is.
	Hit bool `json:"hit"`
	// Side, for a quarter target: "above" when slightly larger values of the
	// input meet the target too, "below" when slightly smaller ones do.
	Side string `json:"side,omitempty"`
	Low  string `json:"low"`
	High string `json:"high"`
}

// ErrSuperseded is the error of a simulation replaced by a newer one before it
// finished. The UI recognises it by its text, which starts with "superseded", and
// drops the result quietly: the newer job's result is on its way.
var ErrSuperseded = fault.New(fault.Conflict, "superseded by a newer simulation")

// analysis is the Service's state for simulations and exports: the running
// simulation (so a newer one can cancel it), the last compiled model (compiling
// runs the exact engine once, and the quick and full runs of one working copy
// share it).
type analysis struct {
	mu     sync.Mutex
	job    uint64
	cancel context.CancelFunc
	model  *compiledModel
	// runs are the samples of the last full simulation, which the scatter draws
	// without simulating again.
	runs *simulatedRuns
}

type simulatedRuns struct {
	hash string
	out  *sim.Outcome
}

type compiledModel struct {
	hash string
	m    *sim.Model
}

// progressEvery spaces progress events: ten a second is smooth enough for a
// progress bar and cheap for the bridge.
const progressEvery = 100 * time.Millisecond

// Simulate runs the Monte Carlo simulation of a working copy over its uncertain
// inputs. A newer call cancels one still running, which then returns
// ErrSuperseded; so does a call that finishes after a newer one started, so the
// UI never draws an older result over a newer one. Progress goes out as the
// event "simulation:progress" with {job, done, total, quick}. A scenario without
// uncertain inputs gives a view with NoInputs and a message saying how to add
// ranges, not an error.
func (s *Service) Simulate(req SimulationRequest) (sv *SimulationView, err error) {
	defer s.guard(&err)
	a := &s.analysis
	a.mu.Lock()
	if a.cancel != nil {
		a.cancel()
	}
	a.job++
	mine := a.job
	ctx, cancel := context.WithCancel(context.Background())
	a.cancel = cancel
	a.mu.Unlock()
	defer func() {
		a.mu.Lock()
		if a.job == mine {
			a.cancel = nil
		} else if err == nil {
			sv, err = nil, ErrSuperseded
		}
		a.mu.Unlock()
		cancel()
	}()

	e, err := s.parse(req.Document)
	if err != nil {
		return nil, err
	}
	if _, err := checkPeriod(req.Period); err != nil {
		return nil, err
	}
	m, err := s.model(e)
	if err != nil {
		return nil, err
	}
	if len(m.Inputs()) == 0 {
		return &SimulationView{Job: req.Job, Quick: req.Quick, NoInputs: true, Message: noInputsMessage(e.sc),
			Periods: []string{}, Stats: []SimulatedFigure{}, Caps: []CapOdds{}, Inputs: []UncertainInput{}, Correlations: []CorrelationView{},
			Charts: []charts.Chart{}, Metrics: []Choice{}}, nil
	}
	opt := sim.Options{Metric: strings.TrimSpace(req.Metric), Period: req.Period, Samples: !req.Quick}
	if opt.Metric == "" {
		opt.Metric = view.HeadlineMetric(e.sc)
	}
	if req.Period == "" {
		opt.Period = sim.PeriodQuarter
	}
	if req.Seed = strings.TrimSpace(req.Seed); req.Seed != "" {
		seed, err := strconv.ParseInt(req.Seed, 10, 64)
		if err != nil {
			return nil, fault.Errorf(fault.Invalid, "seed %q: use a whole number", req.Seed)
		}
		opt.Seed = &seed
	}
	if req.Runs < 0 || req.Runs > scenario.MaxRuns {
		return nil, fault.Errorf(fault.Invalid, "runs %d: use 1 to %d (0 keeps the scenario's)", req.Runs, scenario.MaxRuns)
	}
	full := fullRuns(e.sc, req.Runs)
	opt.Runs = full
	if req.Quick {
		opt.Runs = min(full, sim.QuickRuns)
	}
	started := time.Now()
	last := started
	opt.Progress = func(done, total int) {
		if now := time.Now(); now.Sub(last) >= progressEvery || done == total && last != started {
			last = now
			s.platform().Emit("simulation:progress", SimulationProgress{Job: req.Job, Done: done, Total: total, Quick: req.Quick})
		}
	}
	out, err := m.Simulate(ctx, opt)
	if err != nil {
		return nil, s.simError(err, ctx)
	}
	if !req.Quick {
		a.mu.Lock()
		a.runs = &simulatedRuns{hash: e.hash, out: out}
		a.mu.Unlock()
	}
	var tor *sim.Sensitivity
	if !req.Quick {
		if tor, err = m.Tornado(ctx, out.Histogram.Metric); err != nil {
			return nil, s.simError(err, ctx)
		}
	}
	chs, err := charts.Uncertainty(out, tor)
	if err != nil {
		s.logf("uncertainty charts of %s: %v", e.sc.Name, err)
		return nil, errInternal
	}
	if chs == nil {
		chs = []charts.Chart{}
	}
	v := simulationView(req, out, tor, full, chs, time.Since(started))
	describeDistributions(e.sc, v)
	asWritten(e.sc, out, v)
	return v, nil
}

// WrittenBand is a fan's series in the scenario as written, exactly computed, for
// the line drawn over the fan; Cap is the level at which the cumulative payments
// stop under the cap as written (the cap plus what was paid before it counted), 0
// when the series has no cap.
type WrittenBand struct {
	ID     string    `json:"id"`
	Values []float64 `json:"values"`
	Cap    float64   `json:"cap,omitempty"`
}

// asWritten adds what the scenario as written computes to a simulation's view:
// each fan's series, the cap levels, and the quarter each cap binds.
func asWritten(sc *scenario.Scenario, out *sim.Outcome, v *SimulationView) {
	v.Written = []WrittenBand{}
	res, err := engine.Run(sc)
	if err != nil {
		return
	}
	for _, w := range sim.Written(sc, res, out) {
		v.Written = append(v.Written, WrittenBand{ID: w.ID, Values: w.Values, Cap: w.Cap})
	}
	for i := range v.Caps {
		if m := res.MetricByID("contract." + v.Caps[i].Contract + ".cap_hit"); m != nil && !m.Null {
			v.Caps[i].Written = m.Quarter.String()
		}
	}
}

// SimulationProgress is the payload of the "simulation:progress" event.
type SimulationProgress struct {
	Job   int  `json:"job"`
	Done  int  `json:"done"`
	Total int  `json:"total"`
	Quick bool `json:"quick"`
}

// fullRuns is how many runs a full simulation takes: the request's, else the
// scenario's, else sim.DefaultRuns.
func fullRuns(sc *scenario.Scenario, requested int) int {
	if requested > 0 {
		return requested
	}
	if sc.Uncertainty != nil && sc.Uncertainty.Runs > 0 {
		return sc.Uncertainty.Runs
	}
	return sim.DefaultRuns
}

func simulationView(req SimulationRequest, out *sim.Outcome, tor *sim.Sensitivity, full int, chs []charts.Chart, took time.Duration) *SimulationView {
	l := sim.Lay(out, tor, windowPlaces)
	v := &SimulationView{
		Job: req.Job, Quick: req.Quick,
		Runs: l.Runs, Seed: strconv.FormatInt(l.Seed, 10), FullRuns: full, BandRuns: l.BandRuns,
		Millis: float64(took.Microseconds()) / 1000,
		Metric: l.Metric, MetricLabel: l.MetricLabel,
		Period: l.Period, Periods: l.Periods,
		Stats: l.Figures, Caps: make([]CapOdds, len(l.Caps)), Inputs: make([]UncertainInput, len(l.Inputs)), Correlations: l.Correlations,
		Charts: chs, Metrics: make([]Choice, len(l.Figures)),
	}
	for i, f := range l.Figures {
		v.Metrics[i] = Choice{ID: f.ID, Label: f.Label, Kind: FigureAmount}
	}
	for i, c := range l.Caps {
		v.Caps[i] = CapOdds{Contract: c.Contract, Label: c.Label, HasCap: c.HasCap, ByYear: c.ByYear, P10: c.P10, P50: c.P50, P90: c.P90}
	}
	for i, in := range l.Inputs {
		v.Inputs[i] = UncertainInput{Path: in.Path, Label: in.Label, Kind: in.Kind, Dist: in.Dist, Base: in.Base, P10: in.P10, P50: in.P50, P90: in.P90}
	}
	return v
}

// windowPlaces is the decimals of rates and plain numbers in the window: a
// hundredth of a percent.
const windowPlaces = 4

// noInputsMessage says how to give a scenario uncertain inputs: the workspace
// has no control for it yet, so the way is the scenario file.
func noInputsMessage(sc *scenario.Scenario) string {
	example := "contracts.<id>.cap"
	for _, f := range sc.Fields() {
		if f.Path != "discount_rate" {
			example = f.Path
			if strings.HasSuffix(f.Path, ".cap") {
				break
			}
		}
	}
	return fmt.Sprintf("“%s” has no ranges yet, so there is nothing to simulate. Give the inputs you are unsure of a range "+
		"in the scenario file's uncertainty block, for example\n\nuncertainty:\n  inputs:\n    %s: {dist: triangular, low: …, mode: …, high: …}\n\n"+
		"and import it; or open a built-in scenario, which all have ranges.", sc.Name, example)
}

// model compiles a working copy for simulation, reusing the last one compiled
// when the document is the same.
func (s *Service) model(e *parsed) (*sim.Model, error) {
	a := &s.analysis
	a.mu.Lock()
	if c := a.model; c != nil && c.hash == e.hash {
		a.mu.Unlock()
		return c.m, nil
	}
	a.mu.Unlock()
	m, err := sim.Compile(e.sc)
	if err != nil {
		var el *scenario.ErrorList
		if sim.ErrorCode(err) != "" || errors.As(err, &el) {
			return nil, err
		}
		s.logf("compile %s: %v", e.sc.Name, err)
		return nil, errInternal
	}
	a.mu.Lock()
	a.model = &compiledModel{hash: e.hash, m: m}
	a.mu.Unlock()
	return m, nil
}

// simError maps an error of the simulator: cancelled work is superseded, a
// request people can fix is shown as it is, anything else is internal.
func (s *Service) simError(err error, ctx context.Context) error {
	if errors.Is(err, context.Canceled) || ctx.Err() != nil {
		return ErrSuperseded
	}
	if sim.ErrorCode(err) != "" {
		return fault.New(fault.Of(err), err.Error())
	}
	s.logf("simulation: %v", err)
	return errInternal
}

// AnalysisChoices lists the metrics and inputs of a working copy for goal seek's
// pickers: every summary amount and quarter, and every numeric field.
func (s *Service) AnalysisChoices(doc string) (out *AnalysisChoices, err error) {
	defer s.guard(&err)
	e, err := s.parse(doc)
	if err != nil {
		return nil, err
	}
	res, err := engine.Run(e.sc)
	if err != nil {
		var el *scenario.ErrorList
		if errors.As(err, &el) {
			return nil, err
		}
		s.logf("run %s: %v", e.sc.Name, err)
		return nil, errInternal
	}
	out = &AnalysisChoices{Metrics: []Choice{}, Inputs: []Choice{}}
	for _, m := range res.Summary {
		switch m.Kind {
		case engine.Amount:
			out.Metrics = append(out.Metrics, Choice{ID: m.ID, Label: m.Label, Kind: FigureAmount})
		case engine.QuarterValue:
			out.Metrics = append(out.Metrics, Choice{ID: m.ID, Label: m.Label, Kind: FigureQuarter})
		}
	}
	for _, f := range e.sc.Fields() {
		out.Inputs = append(out.Inputs, Choice{ID: f.Path, Label: f.Label, Kind: string(f.Kind), Value: scenario.FormatValue(f.Kind, f.Value)})
	}
	out.DefaultMetric, out.DefaultInput, _ = view.DefaultSeek(e.sc, res)
	if out.DefaultMetric == "" && len(out.Metrics) > 0 {
		out.DefaultMetric = out.Metrics[0].ID
	}
	if out.DefaultInput == "" && len(out.Inputs) > 0 {
		out.DefaultInput = out.Inputs[0].ID
	}
	return out, nil
}

// Solve is goal seek on a working copy: the lowest value of an input, in its
// valid range, at which a metric reaches a target, computed with the exact
// engine. When no value reaches the target the result says so (Unreachable and a
// message); a request that does not make sense (an unknown path, a target in the
// wrong syntax) is an error saying what would be valid.
func (s *Service) Solve(req SolveRequest) (out *SolveResult, err error) {
	defer s.guard(&err)
	e, err := s.parse(req.Document)
	if err != nil {
		return nil, err
	}
	for _, f := range []struct{ name, v string }{{"an input", req.Input}, {"a metric", req.Metric}, {"a target", req.Target}} {
		if strings.TrimSpace(f.v) == "" {
			return nil, fault.Errorf(fault.Invalid, "goal seek needs %s", f.name)
		}
	}
	m, err := s.model(e)
	if err != nil {
		return nil, err
	}
	sol, err := m.Solve(s.ctx(), sim.Goal{Input: req.Input, Metric: req.Metric, Target: strings.TrimSpace(req.Target), Low: req.Low, High: req.High})
	switch {
	case sim.ErrorCode(err) == sim.EUNREACHABLE:
		return &SolveResult{Unreachable: true, Message: s.readable(e, req.Metric, err.Error()), Input: req.Input, Metric: req.Metric}, nil
	case err != nil:
		return nil, s.simError(err, s.ctx())
	}
	k := scenario.FieldKind(sol.Kind)
	return &SolveResult{
		Input: sol.Input, Label: sol.Label, Kind: sol.Kind, Value: sol.Text, Exact: sol.Value.String(),
		Metric: sol.Metric, MetricLabel: sol.MetricLabel, Target: sol.Target, Reached: sol.Reached,
		Hit: sol.Exact, Side: sol.Side, Low: scenario.FormatValue(k, sol.Low), High: scenario.FormatValue(k, sol.High),
	}, nil
}

// readable puts the metric's label for its id in a message of the solver, and
// amounts in full cents in short form, for people.
func (s *Service) readable(e *parsed, metric, msg string) string {
	metric = strings.TrimSpace(metric)
	if res, err := engine.Run(e.sc); err == nil {
		if m := res.MetricByID(metric); m != nil {
			msg = strings.ReplaceAll(msg, metric, "“"+m.Label+"”")
		}
	}
	if msg != "" {
		msg = strings.ToUpper(msg[:1]) + msg[1:]
	}
	return msg
}
