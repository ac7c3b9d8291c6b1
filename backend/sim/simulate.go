package sim

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"

	"dealmodel/backend/engine"
	"dealmodel/backend/scenario"
)

// Simulation defaults.
const (
	DefaultRuns = 10_000
	DefaultBins = 40
	// QuickRuns is a good size for a first estimate shown while the full
	// simulation runs (see Options.Preview).
	QuickRuns = 1_000
	// chunkRuns is how many runs a worker takes at a time: large enough to keep
	// scheduling cheap, small enough for prompt progress and cancellation.
	chunkRuns = 250

	// bandBudget bounds the memory of the bands, which keep every run's value of
	// every period of several series: they use the first runs that fit, and at
	// least minBandRuns. Every built-in scenario fits 10,000 runs by quarter.
	bandBudget  = 64 << 20
	minBandRuns = 1000
	// memoryBudget bounds what a simulation holds at its peak (see memory): the
	// summary figures of every run, the bands, and the workers' scratch space.
	memoryBudget = 1 << 30
)

// bandRuns is how many runs the bands keep: all of them when they fit in
// bandBudget, else as many as fit, and at least minBandRuns.
func (m *Model) bandRuns(runs, bands, periods int) int {
	if perRun := 8 * bands * periods; perRun > 0 {
		return min(runs, max(minBandRuns, bandBudget/perRun))
	}
	return runs
}

// memory is the bytes a simulation of runs holds at its peak: every run's
// summary figures (and samples, when asked), the bands' values, each worker's evaluation space, and the
// scratch and result of the summary. The test of the guard measures it.
func (m *Model) memory(runs, bands, periods, workers int, samples bool) int64 {
	w := int64(workerCount(workers, 1<<30))
	perRun := int64(8*len(m.amountMets) + 4*len(m.caps) + 8)
	if samples {
		perRun += int64(8 * (len(m.inputs) + len(m.metrics)))
	}
	figures := perRun * int64(runs)
	band := 8 * int64(bands) * int64(periods) * int64(m.bandRuns(runs, bands, periods))
	work := w * 8 * int64(len(m.vals)+len(m.series)*m.n+len(m.metrics)+m.n+m.nYears)
	// The summary sorts a copy of one figure per worker, and a cap's hits.
	scratch := w*8*int64(runs) + 4*int64(runs)
	result := int64(len(m.amountMets))*1024 + 8*4*int64(bands)*int64(periods) + 64<<10
	return figures + band + work + scratch + result
}

// mostRuns is the largest number of runs whose memory fits in memoryBudget.
func (m *Model) mostRuns(bands, periods, workers int, samples bool) int {
	lo, hi := 0, scenario.MaxRuns
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if m.memory(mid, bands, periods, workers, samples) <= memoryBudget {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// Band periods.
const (
	PeriodQuarter = "quarter"
	PeriodYear    = "year"
)

// Options tunes a simulation. The zero value is valid: the scenario's runs and
// seed (else DefaultRuns and DefaultSeed), all cores, bands by quarter.
type Options struct {
	Runs int    // number of runs; 0: uncertainty.runs, else DefaultRuns
	Seed *int64 // nil: uncertainty.seed, else DefaultSeed

	// Workers is the number of goroutines; 0: GOMAXPROCS. It changes the speed,
	// never the result.
	Workers int

	// Metric is the histogram's metric (see DefaultMetric for ""). It must be an
	// amount: a summary metric or SERIES@PERIOD.
	Metric string
	Bins   int    // histogram bins; 0: DefaultBins
	Period string // the bands' periods: PeriodQuarter ("") or PeriodYear

	// Preview, when 0 < Preview < Runs, has OnPreview called with the outcome of
	// the first Preview runs before the remaining runs start. Those runs are the
	// same as in a simulation of Preview runs, so the estimate is reproducible, and
	// they are not run twice.
	Preview   int
	OnPreview func(*Outcome)

	// Samples, when set, keeps every run's inputs and summary figures in
	// Outcome.Samples (of the full run, not of the preview).
	Samples bool

	// Progress, when set, is called after each chunk of runs with the runs done so
	// far (increasing) and the total. Calls come from one goroutine at a time,
	// and other workers wait for them: return quickly (post an event, no I/O).
	Progress func(done, total int)
}

// Outcome is the result of a simulation, ready for JSON: amounts are float64 US
// dollars (estimates, not exact figures), lists are in the engine's order.
type Outcome struct {
	Scenario string `json:"scenario"`
	Runs     int    `json:"runs"`
	Seed     int64  `json:"seed"`

	Inputs  []InputSummary `json:"inputs"`
	Summary []MetricStats  `json:"summary"` // every amount metric of the summary
	// CapBinding has one entry per enabled revenue share.
	CapBinding []CapBinding `json:"capBinding"`

	Period  string   `json:"period"`  // of the bands: quarter or year
	Periods []string `json:"periods"` // "2025Q1"… or "2025"…
	Bands   []Band   `json:"bands"`
	// BandRuns is how many runs the bands summarize: the first ones, as many as
	// fit in 64 MB (all of them but for long horizons and very many runs).
	BandRuns int `json:"bandRuns"`

	Histogram Histogram `json:"histogram"`

	// Correlations are the scenario's correlation groups, in file order.
	Correlations []CorrelationGroup `json:"correlations"`

	// Samples holds every run's draws and figures when Options.Samples asks.
	Samples *Samples `json:"-"`
}

// Samples is every run of a simulation: the draws of the uncertain inputs and
// every summary figure of the engine, by run.
type Samples struct {
	Inputs  []SampleColumn // the uncertain inputs, in file order
	Metrics []SampleColumn // every summary metric, in the engine's order
	// InputValues[i][r] is input i's draw in run r, in the field's unit.
	InputValues [][]float64
	// MetricValues[j][r] is metric j in run r: an amount in dollars, a quarter or
	// year as its quarter number (scenario.Quarter), NaN when it has none.
	MetricValues [][]float64
}

// SampleColumn describes a column of Samples.
type SampleColumn struct {
	ID   string // an input's path or a metric's id
	Kind string // inputs: amount, rate, integer, number; metrics: amount, quarter, year
}

// Metric kinds in SampleColumn.
const (
	SampleAmount  = "amount"
	SampleQuarter = "quarter"
	SampleYear    = "year"
)

// InputSummary describes one uncertain input as simulated: its distribution after
// truncation to the field's range.
type InputSummary struct {
	Path  string  `json:"path"`
	Label string  `json:"label"`
	Kind  string  `json:"kind"` // amount, rate, integer or number
	Dist  string  `json:"dist"`
	Base  float64 `json:"base"`
	P10   float64 `json:"p10"`
	P50   float64 `json:"p50"`
	P90   float64 `json:"p90"`
	// Kept is the probability that the distribution as written falls inside the
	// field's range: 1 unless a normal or lognormal reaches past it.
	Kept float64 `json:"kept"`
}

// MetricStats summarizes one amount metric over the runs.
type MetricStats struct {
	ID     string  `json:"id"`
	Label  string  `json:"label"`
	Base   float64 `json:"base"` // the deterministic value of the scenario as written
	Mean   float64 `json:"mean"`
	StdDev float64 `json:"stdDev"`
	StdErr float64 `json:"stdErr"` // standard error of the mean
	Min    float64 `json:"min"`
	P5     float64 `json:"p5"`
	P10    float64 `json:"p10"`
	P25    float64 `json:"p25"`
	P50    float64 `json:"p50"`
	P75    float64 `json:"p75"`
	P90    float64 `json:"p90"`
	P95    float64 `json:"p95"`
	Max    float64 `json:"max"`
}

// Moves says whether the uncertain inputs move the figure: its P10 and P90 differ
// by more than a millionth of its median (or of a dollar). The window marks the
// figures that move, and the briefing's percentile table lists only them.
func (m MetricStats) Moves() bool {
	return m.P90-m.P10 > 1e-6*max(1, math.Abs(m.P50))
}

// CapBinding is how likely a revenue share's cap is to bind.
type CapBinding struct {
	Contract string `json:"contract"`
	Label    string `json:"label"`
	HasCap   bool   `json:"hasCap"`
	// ByYear holds, for each year of the horizon, the share of runs in which the
	// cap has bound by the end of that year.
	ByYear []YearShare `json:"byYear"`
	// P10, P50 and P90 are the quarters by which the cap has bound in 10%, 50% and
	// 90% of the runs; "" when that share of runs does not reach it in the horizon.
	P10 string `json:"p10"`
	P50 string `json:"p50"`
	P90 string `json:"p90"`
}

// YearShare is a probability for one calendar year.
type YearShare struct {
	Year int     `json:"year"`
	P    float64 `json:"p"`
}

// Band is a series' spread over the runs, per period: the fan of a chart.
type Band struct {
	ID    string    `json:"id"`
	Label string    `json:"label"`
	Mean  []float64 `json:"mean"`
	P10   []float64 `json:"p10"`
	P50   []float64 `json:"p50"`
	P90   []float64 `json:"p90"`
}

// Histogram counts the runs of one metric in equal bins from its minimum to its
// maximum: bin i holds Edges[i] <= x < Edges[i+1], the last bin includes its top.
type Histogram struct {
	Metric string    `json:"metric"`
	Label  string    `json:"label"`
	Edges  []float64 `json:"edges"`
	Counts []int     `json:"counts"`
}

// noHit marks a run in which the cap does not bind inside the horizon.
const noHit = math.MaxInt32

// state holds every run's figures, by figure, in run order.
type state struct {
	runs     int
	bandRuns int // runs kept for the bands: a prefix of all runs
	seed     uint64
	mets     [][]float64 // per amount metric
	hits     [][]int32   // per revenue share: quarter number, or noHit
	hist     []float64
	band     []float64 // (b*periods + t)*bandRuns + run
	bandSer  []int
	spans    [][2]int // quarter offsets of each period, inclusive
	histFig  figure
	samples  *Samples
}

// Inputs describes the uncertain inputs, in file order.
func (m *Model) Inputs() []InputSummary {
	out := make([]InputSummary, len(m.inputs))
	for i := range m.inputs {
		in := &m.inputs[i]
		out[i] = InputSummary{
			Path: in.path, Label: in.field.Label, Kind: string(in.field.Kind), Dist: in.dist.name,
			Base: m.vals[in.slot],
			P10:  in.dist.quantile(0.1), P50: in.dist.quantile(0.5), P90: in.dist.quantile(0.9),
			Kept: in.dist.kept,
		}
	}
	return out
}

// Simulate runs the Monte Carlo simulation. It returns ctx's error when ctx is
// cancelled, *Error with ENOINPUTS when the scenario has no uncertain inputs, and
// *Error with EINVALID for bad options or a draw the model cannot compute.
func (m *Model) Simulate(ctx context.Context, opt Options) (*Outcome, error) {
	if len(m.inputs) == 0 {
		return nil, errorf(ENOINPUTS, "scenario %q has no uncertain inputs: add an uncertainty block with at least one input, such as\n"+
			"uncertainty:\n  inputs:\n    %s: {dist: triangular, low: …, mode: …, high: …}", m.scen.Name, m.fields[min(1, len(m.fields)-1)].Path)
	}
	runs, seed := DefaultRuns, DefaultSeed
	if u := m.scen.Uncertainty; u != nil {
		if u.Runs > 0 {
			runs = u.Runs
		}
		if u.SeedSet {
			seed = u.Seed
		}
	}
	if opt.Runs != 0 {
		runs = opt.Runs
	}
	if opt.Seed != nil {
		seed = *opt.Seed
	}
	if runs < 1 || runs > scenario.MaxRuns {
		return nil, errorf(EINVALID, "runs must be from 1 to %d, found %d", scenario.MaxRuns, runs)
	}
	bins := opt.Bins
	if bins == 0 {
		bins = DefaultBins
	}
	if bins < 1 || bins > 1000 {
		return nil, errorf(EINVALID, "bins must be from 1 to 1000, found %d", bins)
	}
	hf, err := m.amountFigure(opt.Metric)
	if err != nil {
		return nil, err
	}
	st := &state{runs: runs, seed: uint64(seed), histFig: hf}
	switch opt.Period {
	case "", PeriodQuarter:
		opt.Period = PeriodQuarter
		for i := range m.n {
			st.spans = append(st.spans, [2]int{i, i})
		}
	case PeriodYear:
		for i := 0; i < m.n; {
			j := i
			for j+1 < m.n && m.qYear[j+1] == m.qYear[i] {
				j++
			}
			st.spans = append(st.spans, [2]int{i, j})
			i = j + 1
		}
	default:
		return nil, errorf(EINVALID, "period %q is not valid: use quarter or year", opt.Period)
	}
	st.bandSer = m.bandSeries()
	st.bandRuns = m.bandRuns(runs, len(st.bandSer), len(st.spans))
	if need := m.memory(runs, len(st.bandSer), len(st.spans), opt.Workers, opt.Samples); need > memoryBudget {
		most := m.mostRuns(len(st.bandSer), len(st.spans), opt.Workers, opt.Samples)
		return nil, errorf(EINVALID, "%d runs of this scenario would need %d MB, more than the %d MB a simulation may use: use at most %d runs", runs, need>>20, memoryBudget>>20, most)
	}
	st.mets = make([][]float64, len(m.amountMets))
	for j := range st.mets {
		st.mets[j] = make([]float64, runs)
	}
	st.hits = make([][]int32, len(m.caps))
	for j := range st.hits {
		st.hits[j] = make([]int32, runs)
	}
	st.hist = make([]float64, runs)
	st.band = make([]float64, len(st.bandSer)*len(st.spans)*st.bandRuns)
	if opt.Samples {
		st.samples = m.newSamples(runs)
	}

	ends := []int{runs}
	if opt.Preview > 0 && opt.Preview < runs {
		ends = []int{opt.Preview, runs}
	}
	done := 0
	for _, end := range ends {
		if err := m.runRange(ctx, st, done, end, opt); err != nil {
			return nil, err
		}
		done = end
		out := m.outcome(st, end, seed, bins, opt)
		if end == runs {
			out.Samples = st.samples
			return out, nil
		}
		if opt.OnPreview != nil {
			opt.OnPreview(out)
		}
	}
	panic("unreachable")
}

// bandSeries lists the series that get bands: revenue streams, every contract's
// payments, a revenue share's cumulative payments, a stake's value, and the total
// spend on compute commitments. A scenario with more than MaxBands of them gets
// bands for the MaxBands that matter most (the total spend on commitments, then
// the caps' cumulative payments, the stakes, the streams, then payments), in the
// same order: bands keep every period of every run they cover, so their cost
// would otherwise grow with the runs times the scenario's size, and no one reads
// hundreds of fans.
func (m *Model) bandSeries() []int {
	type cand struct{ series, rank int }
	var all []cand
	for _, st := range m.streams {
		all = append(all, cand{st.series, 3})
	}
	for _, row := range m.bands {
		rank := 4 // a contract's payments
		switch id := m.series[row].id; {
		case strings.HasSuffix(id, ".cumulative"):
			rank = 1
		case strings.HasSuffix(id, ".value"):
			rank = 2
		}
		all = append(all, cand{row, rank})
	}
	if m.commitSer >= 0 {
		all = append(all, cand{m.commitSer, 0})
	}
	if len(all) > MaxBands {
		keep := make([]int, len(all))
		for i := range keep {
			keep[i] = i
		}
		sort.SliceStable(keep, func(a, b int) bool { return all[keep[a]].rank < all[keep[b]].rank })
		keep = keep[:MaxBands]
		sort.Ints(keep)
		sub := make([]cand, len(keep))
		for j, i := range keep {
			sub[j] = all[i]
		}
		all = sub
	}
	out := make([]int, len(all))
	for i, c := range all {
		out[i] = c.series
	}
	return out
}

// MaxBands is how many series a simulation gives bands (fans) at most.
const MaxBands = 24

// runRange evaluates runs [from, to) on parallel workers, each taking chunks of
// runs in increasing order.
func (m *Model) runRange(ctx context.Context, st *state, from, to int, opt Options) error {
	chunks := (to - from + chunkRuns - 1) / chunkRuns
	workers := workerCount(opt.Workers, chunks)
	var (
		mu        sync.Mutex
		progress  = from
		failRun   = -1 // the earliest run that failed
		failErr   error
		cancelled bool
	)
	// skip tells whether chunk c need not run. Chunks below a failed run still run,
	// so that the error reported is always that of the earliest failing run,
	// however the chunks were scheduled.
	skip := func(lo int) bool {
		mu.Lock()
		defer mu.Unlock()
		return cancelled || failRun >= 0 && lo > failRun
	}
	ws := make([]*work, workers)
	for i := range ws {
		ws[i] = m.newWork()
	}
	parallel(workers, chunks, func(k, c int) {
		lo := from + c*chunkRuns
		hi := min(lo+chunkRuns, to)
		if skip(lo) {
			return
		}
		if err := ctx.Err(); err != nil {
			mu.Lock()
			cancelled = true
			mu.Unlock()
			return
		}
		for r := lo; r < hi; r++ {
			if err := m.run(st, ws[k], r); err != nil {
				mu.Lock()
				if failRun < 0 || r < failRun {
					failRun, failErr = r, err
				}
				mu.Unlock()
				return
			}
		}
		mu.Lock()
		progress += hi - lo
		if opt.Progress != nil && failRun < 0 && !cancelled {
			opt.Progress(progress, st.runs)
		}
		mu.Unlock()
	})
	if cancelled {
		return ctx.Err()
	}
	return failErr
}

// run evaluates run r and records its figures.
func (m *Model) run(st *state, w *work, r int) error {
	m.draw(w, st.seed, r)
	if err := m.eval(w); err != nil {
		return m.runError(st, w, r, err)
	}
	for j, mi := range m.amountMets {
		x := w.metrics[mi]
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return m.runError(st, w, r, fmt.Errorf("%s is not a finite number", m.metrics[mi].id))
		}
		st.mets[j][r] = x
	}
	for j, cp := range m.caps {
		h := int32(noHit)
		if q := w.metrics[cp.capHit]; !math.IsNaN(q) {
			h = int32(q)
		}
		st.hits[j][r] = h
	}
	st.hist[r] = st.histFig.value(m, w)
	if sm := st.samples; sm != nil {
		for i := range m.inputs {
			sm.InputValues[i][r] = w.vals[m.inputs[i].slot]
		}
		for j, x := range w.metrics {
			sm.MetricValues[j][r] = x
		}
	}
	if r >= st.bandRuns {
		return nil
	}
	periods := len(st.spans)
	for b, si := range st.bandSer {
		row := w.row(si, m.n)
		flow := m.series[si].kind == engine.Flow
		base := b * periods
		for t, sp := range st.spans {
			x := row[sp[1]]
			if flow && sp[0] != sp[1] {
				x = 0
				for _, y := range row[sp[0] : sp[1]+1] {
					x += y
				}
			}
			st.band[(base+t)*st.bandRuns+r] = x
		}
	}
	return nil
}

func (m *Model) runError(st *state, w *work, r int, err error) error {
	var drawn []string
	for i := range m.inputs {
		in := &m.inputs[i]
		drawn = append(drawn, in.path+" = "+formatField(in.field.Kind, w.vals[in.slot]))
	}
	return errorf(EINVALID, "run %d (seed %d) cannot be computed: %v\nits draws: %s\nnarrow the ranges of the uncertain inputs that cause it",
		r+1, int64(st.seed), err, strings.Join(drawn, ", "))
}

// formatField writes a value in the field's syntax, rounded for reading.
func formatField(kind scenario.FieldKind, x float64) string {
	return FormatField(kind, x, 12)
}

// FormatField writes x, a float value of a field of kind k (an uncertain input's
// percentile, say), in the field's syntax, rounded as people write it: amounts to
// the cent, integers and quarters to the whole, rates and plain numbers to places
// decimals (12 in messages and the command line's JSON, as the tornado rounds; 4
// in the window). The one place a simulated field value is formatted.
func FormatField(k scenario.FieldKind, x float64, places int32) string {
	return scenario.FormatValue(k, roundedTo(k, x, places))
}

var (
	summaryPs = []float64{0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95}
	bandPs    = []float64{0.10, 0.50, 0.90}
)

// outcome summarizes the first k runs. Nothing it computes depends on the order
// in which workers finished: every figure is a function of the runs' values by
// index.
func (m *Model) outcome(st *state, k int, seed int64, bins int, opt Options) *Outcome {
	kb := min(k, st.bandRuns)
	out := &Outcome{Scenario: m.scen.Name, Runs: k, Seed: seed, Inputs: m.Inputs(), Period: opt.Period, BandRuns: kb, Correlations: m.Correlations()}
	periods := len(st.spans)
	for _, sp := range st.spans {
		q := m.start + scenario.Quarter(sp[0])
		if opt.Period == PeriodYear {
			out.Periods = append(out.Periods, strconv.Itoa(q.Year()))
		} else {
			out.Periods = append(out.Periods, q.String())
		}
	}
	out.Summary = make([]MetricStats, len(m.amountMets))
	out.Bands = make([]Band, len(st.bandSer))
	for b, si := range st.bandSer {
		out.Bands[b] = Band{
			ID: m.series[si].id, Label: m.series[si].label,
			Mean: make([]float64, periods), P10: make([]float64, periods),
			P50: make([]float64, periods), P90: make([]float64, periods),
		}
	}
	nm := len(m.amountMets)
	tasks := nm + len(st.bandSer)*periods
	workers := workerCount(opt.Workers, tasks)
	scratch := make([][]float64, workers)
	for i := range scratch {
		scratch[i] = make([]float64, k)
	}
	parallel(workers, tasks, func(wk, t int) {
		a := scratch[wk]
		if t < nm {
			col := st.mets[t][:k]
			mt := &m.metrics[m.amountMets[t]]
			s := MetricStats{ID: mt.id, Label: mt.label, Base: mt.base}
			s.Mean, s.StdDev, s.Min, s.Max = moments(col)
			s.StdErr = s.StdDev / math.Sqrt(float64(k))
			q := make([]float64, len(summaryPs))
			if s.Min == s.Max {
				for i := range q {
					q[i] = s.Min
				}
			} else {
				a = a[:len(col)]
				copy(a, col)
				quantiles(a, summaryPs, q)
			}
			s.P5, s.P10, s.P25, s.P50, s.P75, s.P90, s.P95 = q[0], q[1], q[2], q[3], q[4], q[5], q[6]
			out.Summary[t] = s
			return
		}
		t -= nm
		b, p := t/periods, t%periods
		col := st.band[t*st.bandRuns : t*st.bandRuns+kb]
		mean, lo, hi := meanRange(col)
		q := []float64{lo, lo, lo}
		if lo != hi {
			a = a[:len(col)]
			copy(a, col)
			quantiles(a, bandPs, q)
		}
		bd := &out.Bands[b]
		bd.Mean[p], bd.P10[p], bd.P50[p], bd.P90[p] = mean, q[0], q[1], q[2]
	})
	for j := range m.caps {
		out.CapBinding = append(out.CapBinding, m.capBinding(&m.caps[j], st.hits[j][:k]))
	}
	out.Histogram = histogram(st.histFig, st.hist[:k], bins)
	return out
}

func (m *Model) capBinding(cp *capInfo, hits []int32) CapBinding {
	cb := CapBinding{Contract: cp.c.ID, Label: cp.c.DisplayLabel(), HasCap: cp.hasCap}
	counts := make([]int, m.nYears)
	for _, h := range hits {
		if h != noHit {
			y := scenario.Quarter(h).Year() - m.year0
			counts[max(0, min(y, m.nYears-1))]++
		}
	}
	cum := 0
	for i, c := range counts {
		cum += c
		cb.ByYear = append(cb.ByYear, YearShare{Year: m.year0 + i, P: float64(cum) / float64(len(hits))})
	}
	sorted := append([]int32(nil), hits...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	at := func(p float64) string {
		// The earliest quarter by which a share p of the runs has bound.
		i := int(math.Ceil(p*float64(len(sorted)))) - 1
		if h := sorted[max(0, i)]; h != noHit {
			return scenario.Quarter(h).String()
		}
		return ""
	}
	cb.P10, cb.P50, cb.P90 = at(0.1), at(0.5), at(0.9)
	return cb
}

func histogram(f figure, col []float64, bins int) Histogram {
	h := Histogram{Metric: f.id, Label: f.label}
	_, lo, hi := meanRange(col)
	if lo == hi {
		bins = 1
	}
	h.Edges = make([]float64, bins+1)
	h.Counts = make([]int, bins)
	width := (hi - lo) / float64(bins)
	for i := range h.Edges {
		h.Edges[i] = lo + float64(i)*width
	}
	h.Edges[bins] = hi
	for _, x := range col {
		i := bins - 1
		if width > 0 {
			i = min(int((x-lo)/width), bins-1)
		}
		h.Counts[i]++
	}
	return h
}

// newSamples allocates the samples of runs runs.
func (m *Model) newSamples(runs int) *Samples {
	sm := &Samples{}
	for i := range m.inputs {
		sm.Inputs = append(sm.Inputs, SampleColumn{ID: m.inputs[i].path, Kind: string(m.inputs[i].field.Kind)})
		sm.InputValues = append(sm.InputValues, make([]float64, runs))
	}
	for _, mt := range m.metrics {
		kind := SampleAmount
		switch mt.kind {
		case engine.QuarterValue:
			kind = SampleQuarter
		case engine.YearValue:
			kind = SampleYear
		}
		sm.Metrics = append(sm.Metrics, SampleColumn{ID: mt.id, Kind: kind})
		sm.MetricValues = append(sm.MetricValues, make([]float64, runs))
	}
	return sm
}
