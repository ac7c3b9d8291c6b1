package app

import (
	"encoding/json"
	"log"
	"math"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"dealmodel/backend/charts"
	"dealmodel/backend/contract"
	"dealmodel/backend/engine"
	"dealmodel/backend/money"
	"dealmodel/backend/scenario"
	"dealmodel/backend/sim"
	"dealmodel/scenarios"
)

// fakePlatform records events and answers the save dialog as told: with
// savePath, with "" (cancelled) when cancel is set, or ErrNoDialogs when
// noDialogs is set.
type fakePlatform struct {
	mu        sync.Mutex
	events    []fakeEvent
	savePath  string
	cancel    bool
	noDialogs bool
	dialogs   []string // the default names the save dialog was opened with
	onEmit    func(name string, data any)
}

type fakeEvent struct {
	name string
	data any
}

func (p *fakePlatform) Emit(name string, data any) {
	p.mu.Lock()
	p.events = append(p.events, fakeEvent{name, data})
	f := p.onEmit
	p.mu.Unlock()
	if f != nil {
		f(name, data)
	}
}

func (p *fakePlatform) OpenURL(string) error { return nil }

func (p *fakePlatform) OpenFileDialog(string, []FileFilter) (string, error) { return "", ErrNoDialogs }

func (p *fakePlatform) SaveFileDialog(title, defaultName string, filters []FileFilter) (string, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.dialogs = append(p.dialogs, defaultName)
	switch {
	case p.noDialogs:
		return "", ErrNoDialogs
	case p.cancel:
		return "", nil
	}
	return p.savePath, nil
}

func (p *fakePlatform) named(name string) []any {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []any
	for _, e := range p.events {
		if e.name == name {
			out = append(out, e.data)
		}
	}
	return out
}

// analysisService is a service over a fresh library with a fake platform.
func analysisService(t *testing.T) (*Service, *fakePlatform) {
	t.Helper()
	p := &fakePlatform{}
	s := NewService(mustLibrary(t))
	s.Platform = p
	s.Logger = log.New(testWriter{t}, "", 0)
	return s, p
}

// builtinDoc is the canonical document of a built-in scenario, optionally changed.
func builtinDoc(t testing.TB, stem string, change func(*scenario.Scenario)) string {
	t.Helper()
	b, ok := scenarios.ByStem(stem)
	if !ok {
		t.Fatalf("no built-in %s", stem)
	}
	sc, err := scenario.Parse(b.File, b.Data)
	if err != nil {
		t.Fatal(err)
	}
	if change != nil {
		change(sc)
	}
	return string(scenario.Marshal(sc))
}

func chartIDs(cs []charts.Chart) []string {
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	return ids
}

func TestSimulateQuickThenFull(t *testing.T) {
	s, p := analysisService(t)
	doc := builtinDoc(t, "microsoft-cap", nil)
	quick, err := s.Simulate(SimulationRequest{Document: doc, Quick: true, Job: 1})
	if err != nil {
		t.Fatal(err)
	}
	if quick.Runs != sim.QuickRuns || quick.FullRuns != 10000 || !quick.Quick || quick.Job != 1 {
		t.Errorf("quick run: runs %d of %d, quick %v, job %d; want %d of 10000", quick.Runs, quick.FullRuns, quick.Quick, quick.Job, sim.QuickRuns)
	}
	if quick.Seed != "42" {
		t.Errorf("seed %s, want the scenario's 42", quick.Seed)
	}
	ids := strings.Join(chartIDs(quick.Charts), " ")
	if !strings.Contains(ids, "fan.contract.msft_revshare.cumulative") || !strings.Contains(ids, charts.IDHistogram) || strings.Contains(ids, charts.IDTornado) {
		t.Errorf("quick charts %s: want fans and the histogram, no tornado", ids)
	}
	full, err := s.Simulate(SimulationRequest{Document: doc, Job: 2})
	if err != nil {
		t.Fatal(err)
	}
	if full.Runs != 10000 || full.Quick {
		t.Errorf("full run: %d runs", full.Runs)
	}
	if !strings.Contains(strings.Join(chartIDs(full.Charts), " "), charts.IDTornado) {
		t.Errorf("full charts %v: want the tornado", chartIDs(full.Charts))
	}
	// With a cap, the analysis starts on what the cap saves, not on what is paid,
	// which the cap pins.
	if full.Metric != "contract.msft_revshare.cap_savings" {
		t.Errorf("metric %s", full.Metric)
	}
	// The scenario as written, exactly: the fans' lines, the cap's level and the
	// quarter it binds (the engine's figures).
	res, err := engine.Run(mustParse(t, doc))
	if err != nil {
		t.Fatal(err)
	}
	var cum *WrittenBand
	for i := range full.Written {
		if full.Written[i].ID == "contract.msft_revshare.cumulative" {
			cum = &full.Written[i]
		}
	}
	if cum == nil || len(cum.Values) != len(full.Periods) || cum.Cap == 0 {
		t.Fatalf("written %+v", full.Written)
	}
	if hit := res.MetricByID("contract.msft_revshare.cap_hit"); hit.Null || full.Caps[0].Written != hit.Quarter.String() {
		t.Errorf("the cap binds as written in %s, the view says %q", hit.Quarter, full.Caps[0].Written)
	}
	last := res.SeriesByID("contract.msft_revshare.cumulative").Values
	if got, want := cum.Values[len(cum.Values)-1], last[len(last)-1].InexactFloat64(); got != want {
		t.Errorf("cumulative at the end as written %v, engine %v", got, want)
	}
	// The cap binds: the cumulative ends at the cap's level.
	if math.Abs(cum.Cap-cum.Values[len(cum.Values)-1]) > 0.01 {
		t.Errorf("cap level %v, cumulative ends at %v", cum.Cap, cum.Values[len(cum.Values)-1])
	}
	if full.Caps[1].Written != "" {
		t.Errorf("no cap, yet written %q", full.Caps[1].Written)
	}
	// The stats are the simulator's, to the cent.
	m, err := sim.Compile(mustParse(t, doc))
	if err != nil {
		t.Fatal(err)
	}
	o, err := m.Simulate(t.Context(), sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i, st := range full.Stats {
		if st.ID != o.Summary[i].ID || st.P50 != money.FloatCents(o.Summary[i].P50) || st.Mean != money.FloatCents(o.Summary[i].Mean) {
			t.Errorf("stat %s: P50 %s mean %s, simulator %v %v", st.ID, st.P50, st.Mean, o.Summary[i].P50, o.Summary[i].Mean)
		}
	}
	// The share to Microsoft has a cap; the reverse share to OpenAI (through 2026Q1)
	// has none.
	if len(full.Caps) != 2 || !full.Caps[0].HasCap || full.Caps[1].HasCap || len(full.Caps[0].ByYear) == 0 {
		t.Fatalf("caps %+v", full.Caps)
	}
	for i := 1; i < len(full.Caps[0].ByYear); i++ {
		if full.Caps[0].ByYear[i].P < full.Caps[0].ByYear[i-1].P {
			t.Errorf("the probability that the cap has bound falls from one year to the next: %+v", full.Caps[0].ByYear)
		}
	}
	if len(full.Metrics) != len(full.Stats) || len(full.Inputs) == 0 {
		t.Errorf("%d metrics for %d stats, %d inputs", len(full.Metrics), len(full.Stats), len(full.Inputs))
	}
	// The chart options are JSON that echarts reads.
	for _, c := range full.Charts {
		var v map[string]any
		if err := json.Unmarshal(c.Option, &v); err != nil {
			t.Errorf("chart %s: %v", c.ID, err)
		}
	}
	// Progress ends at the total.
	evs := p.named("simulation:progress")
	if n := len(evs); n > 0 {
		last := evs[n-1].(SimulationProgress)
		if last.Done != last.Total {
			t.Errorf("last progress %+v", last)
		}
	}
}

func mustParse(t testing.TB, doc string) *scenario.Scenario {
	t.Helper()
	sc, err := scenario.Parse("doc", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

func TestSimulateOptions(t *testing.T) {
	s, _ := analysisService(t)
	doc := builtinDoc(t, "microsoft-cap", nil)
	v, err := s.Simulate(SimulationRequest{Document: doc, Runs: 500, Seed: "7", Period: "year", Metric: "contract.msft_revshare.cumulative@2028", Quick: true})
	if err != nil {
		t.Fatal(err)
	}
	if v.Runs != 500 || v.FullRuns != 500 || v.Seed != "7" || v.Period != "year" || v.Periods[0] != "2025" {
		t.Errorf("runs %d of %d, seed %s, period %s %v", v.Runs, v.FullRuns, v.Seed, v.Period, v.Periods)
	}
	if v.Metric != "contract.msft_revshare.cumulative@2028" {
		t.Errorf("metric %s", v.Metric)
	}
	for _, bad := range []SimulationRequest{
		{Document: doc, Seed: "x"},
		{Document: doc, Period: "month"},
		{Document: doc, Runs: -1},
		{Document: doc, Metric: "contract.msft_revshare.cap_hit"},
		{Document: doc, Metric: "no.such.metric"},
		{Document: "name: [unclosed"},
	} {
		if _, err := s.Simulate(bad); err == nil || strings.Contains(err.Error(), "internal") {
			t.Errorf("%+v: error %v, want one for people", bad, err)
		}
	}
}

func TestSimulateWithoutRanges(t *testing.T) {
	s, _ := analysisService(t)
	doc := builtinDoc(t, "microsoft-cap", func(sc *scenario.Scenario) { sc.Uncertainty = nil })
	v, err := s.Simulate(SimulationRequest{Document: doc})
	if err != nil {
		t.Fatal(err)
	}
	if !v.NoInputs || !strings.Contains(v.Message, "uncertainty:") || !strings.Contains(v.Message, "contracts.msft_revshare.cap") {
		t.Errorf("no-inputs view %+v", v)
	}
}

// TestSimulateSupersedes starts a long simulation, starts another once the first
// reports progress, and expects the first to end superseded and the second to
// finish.
func TestSimulateSupersedes(t *testing.T) {
	s, p := analysisService(t)
	doc := builtinDoc(t, "briefing", nil)
	started := make(chan struct{})
	var once sync.Once
	p.onEmit = func(name string, data any) {
		if pr, ok := data.(SimulationProgress); ok && pr.Job == 1 {
			once.Do(func() { close(started) })
		}
	}
	type result struct {
		v   *SimulationView
		err error
	}
	first := make(chan result, 1)
	go func() {
		v, err := s.Simulate(SimulationRequest{Document: doc, Runs: 900_000, Job: 1})
		first <- result{v, err}
	}()
	select {
	case <-started:
	case r := <-first:
		t.Fatalf("the long simulation finished before any progress: %v", r.err)
	case <-time.After(30 * time.Second):
		t.Fatal("no progress from the long simulation")
	}
	second, err := s.Simulate(SimulationRequest{Document: doc, Quick: true, Job: 2})
	if err != nil {
		t.Fatal(err)
	}
	if second.Job != 2 {
		t.Errorf("job %d", second.Job)
	}
	select {
	case r := <-first:
		if r.err != ErrSuperseded || r.v != nil || !strings.HasPrefix(r.err.Error(), "superseded") {
			t.Errorf("first simulation: %v, %v; want superseded", r.v, r.err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the superseded simulation did not stop")
	}
}

func TestProgressIsThrottled(t *testing.T) {
	s, p := analysisService(t)
	doc := builtinDoc(t, "briefing", nil)
	start := time.Now()
	if _, err := s.Simulate(SimulationRequest{Document: doc, Runs: 50000, Job: 3}); err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	n := len(p.named("simulation:progress"))
	if limit := int(took/progressEvery) + 2; n > limit {
		t.Errorf("%d progress events in %v: more than ten a second", n, took)
	}
}

func TestAnalysisChoices(t *testing.T) {
	s, _ := analysisService(t)
	c, err := s.AnalysisChoices(builtinDoc(t, "microsoft-cap", nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.DefaultInput != "contracts.msft_revshare.cap" || c.DefaultMetric != "contract.msft_revshare.total_paid" {
		t.Errorf("defaults %s, %s", c.DefaultInput, c.DefaultMetric)
	}
	kinds := map[string]string{}
	for _, m := range c.Metrics {
		kinds[m.ID] = m.Kind
	}
	if kinds["contract.msft_revshare.cap_hit"] != FigureQuarter || kinds["contract.msft_revshare.total_paid"] != FigureAmount {
		t.Errorf("metric kinds %v", kinds)
	}
	found := false
	for _, in := range c.Inputs {
		if in.ID == "contracts.msft_revshare.cap" {
			found = in.Kind == "amount" && in.Value != "" && in.Label != ""
		}
	}
	if !found {
		t.Errorf("no cap among the inputs %+v", c.Inputs)
	}
}

// TestSolveCap answers "which cap makes the total paid $X": with paid_before
// counting toward the cap, a binding cap C pays C − paid_before in the horizon.
func TestSolveCap(t *testing.T) {
	s, _ := analysisService(t)
	doc := builtinDoc(t, "microsoft-cap", nil)
	sc := mustParse(t, doc)
	c := sc.Contract("msft_revshare")
	if c == nil {
		t.Fatal("no msft_revshare")
	}
	r, err := s.Solve(SolveRequest{Document: doc, Input: "contracts.msft_revshare.cap", Metric: "contract.msft_revshare.total_paid", Target: "20B"})
	if err != nil {
		t.Fatal(err)
	}
	// Total paid holds the $3.76B paid before the cap counts (2025Q1–2026Q1).
	want := scenario.FormatAmount(contract.Share(c).PaidBefore.Add(mustAmount(t, "20B")).Sub(mustAmount(t, "3.76B")))
	if r.Unreachable || r.Value != want || !r.Hit || r.Reached != "20000000000.00" {
		t.Errorf("solved %+v; want cap %s reaching 20B exactly", r, want)
	}
	if r.Label == "" || r.MetricLabel == "" {
		t.Errorf("labels missing: %+v", r)
	}
	// A quarter target: the cap at which it binds by 2028Q4.
	q, err := s.Solve(SolveRequest{Document: doc, Input: "contracts.msft_revshare.cap", Metric: "contract.msft_revshare.cap_hit", Target: "2028Q4"})
	if err != nil {
		t.Fatal(err)
	}
	if q.Unreachable || q.Side == "" || q.Reached == "" {
		t.Errorf("quarter target: %+v", q)
	}
}

func mustAmount(t *testing.T, s string) decimal.Decimal {
	t.Helper()
	d, err := scenario.ParseAmount(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestSolveUnreachable(t *testing.T) {
	s, _ := analysisService(t)
	doc := builtinDoc(t, "microsoft-cap", nil)
	// No cap makes the share pay more than it would pay uncapped.
	r, err := s.Solve(SolveRequest{Document: doc, Input: "contracts.msft_revshare.cap", Metric: "contract.msft_revshare.total_paid", Target: "5000B"})
	if err != nil {
		t.Fatalf("unreachable target: error %v, want a result saying so", err)
	}
	if !r.Unreachable || r.Message == "" || r.Value != "" {
		t.Errorf("%+v", r)
	}
	t.Logf("unreachable: %s", r.Message)
	if strings.Contains(r.Message, "contract.msft_revshare.total_paid") {
		t.Errorf("message names the metric by its id: %s", r.Message)
	}
	for _, bad := range []SolveRequest{
		{Document: doc, Input: "contracts.msft_revshare.nope", Metric: "contract.msft_revshare.total_paid", Target: "20B"},
		{Document: doc, Input: "contracts.msft_revshare.cap", Metric: "contract.msft_revshare.total_paid", Target: "twenty"},
		{Document: doc, Input: "contracts.msft_revshare.cap", Metric: "contract.msft_revshare.total_paid"},
	} {
		if _, err := s.Solve(bad); err == nil || strings.Contains(err.Error(), "internal") {
			t.Errorf("%+v: error %v, want one for people", bad, err)
		}
	}
}
