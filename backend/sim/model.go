package sim

import (
	"fmt"
	"math"

	"dealmodel/backend/contract"
	"dealmodel/backend/engine"
	"dealmodel/backend/money"
	"dealmodel/backend/scenario"
)

// Model is a scenario compiled for fast repeated evaluation: its numeric fields
// become slots of a float64 vector, and its contracts a fixed program over that
// vector that computes every series and summary metric of the engine, in the
// engine's order, without allocating. Compile it once per scenario; a Model is
// immutable and safe to use from many goroutines.
type Model struct {
	scen   *scenario.Scenario // a private copy of the scenario
	base   *engine.Result     // the exact base case
	fields []scenario.Field   // every numeric field; its index is its slot
	slot   map[string]int
	vals   []float64 // the base value of every slot
	inputs []input   // the uncertain inputs, in file order
	corr   *corrSet  // nil without correlation groups

	n        int              // quarters in the horizon
	start    scenario.Quarter // first quarter
	qYear    []int            // calendar year of each quarter
	year0    int              // first calendar year of the horizon
	nYears   int
	discount int // slot of discount_rate

	streamIdx map[string]int // stream id -> index in streams
	partyIdx  map[string]int // party name -> index in parties

	streams    []fStream
	contracts  []fContract
	parties    []string
	partyBase  int // series index of the first party's "in"
	partyMet   int // metric index of the first party's net_total
	commitSer  int // series index of total.commitments.paid; -1 without commitments
	commitMet  int // metric index of total.commitments.total_paid
	nCommit    int
	series     []seriesInfo
	metrics    []metricInfo
	caps       []capInfo  // the contracts whose cap binding is reported
	bands      []int      // contract series rows that get bands, in order
	headline   int        // the default metric a contract asks for; -1: none
	amountMets []int      // indexes of the amount metrics
	cur        *fContract // the contract being laid out
}

// capInfo is a contract whose chance of reaching its cap is reported.
type capInfo struct {
	c      *scenario.Contract
	capHit int // its quarter metric
	hasCap bool
}

type seriesInfo struct {
	id, label string
	kind      engine.Kind
}

type metricInfo struct {
	id, label string
	kind      engine.MetricKind
	base      float64 // the exact base case's amount, as a float
}

// input is a compiled uncertain input.
type input struct {
	path  string
	field scenario.Field
	slot  int
	key   uint64 // random stream key
	dist  dist
	corr  int // row in the correlation set; -1 when drawn on its own
}

type fStream struct {
	id     string
	first  int   // first listed year
	annual []int // slot of each year first..last listed; -1 in a gap
	gYears []int // growth keys, in file order
	gSlots []int
	actual []schedEntry // reported quarters inside the horizon
	series int
	metric int
}

// fContract is a contract compiled by its type (see backend/contract).
type fContract struct {
	c         *scenario.Contract
	prog      contract.FloatProgram
	transfers []transfer // rows moved from payer to payee after each evaluation
	commits   []int      // rows added to the compute commitments' total
	// With uncertain quarters: the program of each combination of their values
	// (see compileQuarters).
	quarters []quarterChoice
	variants []contract.FloatProgram
}

type transfer struct{ row, payer, payee int }

// schedEntry is a value of a slot in one quarter (a stream's actual).
type schedEntry struct{ q, slot int }

// Compile validates s and compiles it. It fails with *scenario.ErrorList when s
// is invalid, and with *Error when an uncertain input cannot be compiled.
func Compile(s *scenario.Scenario) (*Model, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	m := &Model{scen: s.Clone(), commitSer: -1, headline: -1, slot: map[string]int{}}
	s = m.scen
	base, err := engine.Run(s)
	if err != nil {
		return nil, err
	}
	m.base = base
	m.fields = s.Fields()
	m.vals = make([]float64, len(m.fields))
	for i, f := range m.fields {
		m.slot[f.Path] = i
		m.vals[i] = f.Value.InexactFloat64()
	}
	m.discount = m.slot["discount_rate"]
	m.n = int(s.End-s.Start) + 1
	m.start = s.Start
	m.year0 = s.Start.Year()
	m.nYears = s.End.Year() - m.year0 + 1
	m.qYear = make([]int, m.n)
	for i := range m.n {
		m.qYear[i] = (s.Start + scenario.Quarter(i)).Year()
	}
	if err := m.layout(); err != nil {
		return nil, err
	}
	if s.Uncertainty != nil {
		for i := range s.Uncertainty.Inputs {
			in := &s.Uncertainty.Inputs[i]
			f, ok := s.Field(in.Path)
			if !ok {
				// A quarter field gets a slot after the numeric fields: its value is
				// the quarter's number, which picks one of its contract's programs.
				if f, ok = s.QuarterField(in.Path); !ok {
					return nil, errorf(EINVALID, "uncertainty.inputs.%s: not a numeric field of this scenario", in.Path)
				}
				m.slot[in.Path] = len(m.vals)
				m.vals = append(m.vals, f.Value.InexactFloat64())
			}
			d, err := compileDist(in, f)
			if err != nil {
				return nil, err
			}
			m.inputs = append(m.inputs, input{path: in.Path, field: f, slot: m.slot[in.Path], key: pathKey(in.Path), dist: d, corr: -1})
		}
		if err := m.compileCorrelations(); err != nil {
			return nil, err
		}
		if err := m.compileQuarters(); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// slotOf returns the slot of a field that Fields lists by construction.
func (m *Model) slotOf(path string) int {
	i, ok := m.slot[path]
	if !ok {
		panic("sim: no numeric field " + path) // Fields and the layout disagree: a defect
	}
	return i
}

// The Model is the contract types' FloatLayout (see backend/contract) while it
// lays out their programs.

func (m *Model) Start() scenario.Quarter { return m.start }
func (m *Model) N() int                  { return m.n }
func (m *Model) Version() int            { return m.scen.Version }

func (m *Model) Slot(c *scenario.Contract, key string) int {
	return m.slotOf("contracts." + c.ID + "." + key)
}

func (m *Model) StreamRow(id string) (int, bool) {
	b, ok := m.streamIdx[id]
	if !ok {
		return 0, false
	}
	return m.streams[b].series, true
}

func (m *Model) Flow(c *scenario.Contract, measure string) int {
	return m.addSeries("contract."+c.ID+"."+measure, engine.Flow)
}

func (m *Model) Level(c *scenario.Contract, measure string) int {
	return m.addSeries("contract."+c.ID+"."+measure, engine.Level)
}

func (m *Model) Amount(c *scenario.Contract, measure string) int {
	return m.addMetric("contract."+c.ID+"."+measure, engine.Amount)
}

func (m *Model) Quarter(c *scenario.Contract, measure string) int {
	return m.addMetric("contract."+c.ID+"."+measure, engine.QuarterValue)
}

func (m *Model) Transfer(c *scenario.Contract, row int) {
	payer := m.party(c.Payer)
	m.cur.transfers = append(m.cur.transfers, transfer{row: row, payer: payer, payee: m.party(c.Payee)})
}

func (m *Model) Commitment(row int) {
	m.cur.commits = append(m.cur.commits, row)
	m.nCommit++
}

func (m *Model) Band(row int) { m.bands = append(m.bands, row) }

func (m *Model) Headline(metric int) {
	if m.headline < 0 {
		m.headline = metric
	}
}

func (m *Model) CapBinding(c *scenario.Contract, capHit int, hasCap bool) {
	m.caps = append(m.caps, capInfo{c: c, capHit: capHit, hasCap: hasCap})
}

func (m *Model) addSeries(id string, k engine.Kind) int {
	m.series = append(m.series, seriesInfo{id: id, kind: k})
	return len(m.series) - 1
}

func (m *Model) addMetric(id string, k engine.MetricKind) int {
	m.metrics = append(m.metrics, metricInfo{id: id, kind: k})
	return len(m.metrics) - 1
}

func (m *Model) party(name string) int {
	if i, ok := m.partyIdx[name]; ok {
		return i
	}
	m.partyIdx[name] = len(m.parties)
	m.parties = append(m.parties, name)
	return len(m.parties) - 1
}

// layout builds the float program and the series and metric layout, in the
// engine's order, and checks it against the engine's base result.
func (m *Model) layout() error {
	s := m.scen
	addS, addM := m.addSeries, m.addMetric
	streamIdx := map[string]int{}
	for i := range s.Streams {
		st := &s.Streams[i]
		fs := fStream{id: st.ID}
		if len(st.Annual) > 0 {
			fs.first = st.Annual[0].Year
			last := st.Annual[len(st.Annual)-1].Year
			fs.annual = make([]int, last-fs.first+1)
			for k := range fs.annual {
				fs.annual[k] = -1
			}
			for _, a := range st.Annual {
				if k := a.Year - fs.first; k >= 0 && k < len(fs.annual) {
					fs.annual[k] = m.slotOf(fmt.Sprintf("streams.%s.annual.%d", st.ID, a.Year))
				}
			}
		}
		for _, g := range st.Growth {
			fs.gYears = append(fs.gYears, g.Year)
			fs.gSlots = append(fs.gSlots, m.slotOf(fmt.Sprintf("streams.%s.growth.%d", st.ID, g.Year)))
		}
		for _, a := range st.Actuals {
			if q := int(a.Quarter - s.Start); q >= 0 && q < m.n {
				fs.actual = append(fs.actual, schedEntry{q: q, slot: m.slotOf(fmt.Sprintf("streams.%s.actuals.%s", st.ID, a.Quarter))})
			}
		}
		fs.series = addS("stream."+st.ID, engine.Flow)
		fs.metric = addM("stream."+st.ID+".total", engine.Amount)
		streamIdx[st.ID] = len(m.streams)
		m.streams = append(m.streams, fs)
	}
	m.streamIdx = streamIdx
	m.partyIdx = map[string]int{}
	for i := range s.Contracts {
		c := &s.Contracts[i]
		if !c.Enabled {
			continue
		}
		t, err := contract.Of(c)
		if err != nil {
			return err
		}
		m.contracts = append(m.contracts, fContract{c: c})
		m.cur = &m.contracts[len(m.contracts)-1]
		prog, err := t.Compile(c, m)
		if err != nil {
			return err
		}
		m.cur.prog = prog
		m.cur = nil
	}
	m.partyBase = len(m.series)
	m.partyMet = len(m.metrics)
	for _, name := range m.parties {
		addS("party."+name+".in", engine.Flow)
		addS("party."+name+".out", engine.Flow)
		addS("party."+name+".net", engine.Flow)
		addM("party."+name+".net_total", engine.Amount)
	}
	if m.nCommit > 0 {
		m.commitSer = addS("total.commitments.paid", engine.Flow)
		m.commitMet = addM("total.commitments.total_paid", engine.Amount)
		addM("total.commitments.outside_horizon", engine.Amount)
		addM("total.commitments.committed", engine.Amount)
		addM("total.commitments.peak_annual", engine.Amount)
		addM("total.commitments.peak_year", engine.YearValue)
	}

	// Take labels from the engine and check that every figure of the float
	// program is one of the engine's, of the same kind.
	// By id, once: looking each up in turn would cost the square of the size.
	seriesByID := make(map[string]*engine.Series, len(m.base.Series))
	for i := range m.base.Series {
		seriesByID[m.base.Series[i].ID] = &m.base.Series[i]
	}
	metricByID := make(map[string]*engine.Metric, len(m.base.Summary))
	for i := range m.base.Summary {
		metricByID[m.base.Summary[i].ID] = &m.base.Summary[i]
	}
	for i := range m.series {
		sr := seriesByID[m.series[i].id]
		if sr == nil || sr.Kind != m.series[i].kind {
			return fmt.Errorf("sim: the float model's series %s does not match the engine's", m.series[i].id)
		}
		m.series[i].label = sr.Label
	}
	for i := range m.metrics {
		mt := metricByID[m.metrics[i].id]
		if mt == nil || mt.Kind != m.metrics[i].kind {
			return fmt.Errorf("sim: the float model's metric %s does not match the engine's", m.metrics[i].id)
		}
		m.metrics[i].label = mt.Label
		if mt.Kind == engine.Amount {
			m.metrics[i].base = money.Float(mt.Amount)
		}
		if mt.Kind == engine.Amount {
			m.amountMets = append(m.amountMets, i)
		}
	}
	return nil
}

// work is one goroutine's scratch space for evaluating the model.
type work struct {
	vals    []float64 // the inputs of this evaluation, by slot
	series  []float64 // len(series) × n, series after series
	metrics []float64 // quarter metrics hold the quarter number, NaN when null
	disc    []float64
	years   []float64
	src     source
	e, u    []float64          // correlated inputs' normals and uniforms
	rate    float64            // this evaluation's discount rate
	fw      contract.FloatWork // the same slices, for the contract types' programs
}

func (m *Model) newWork() *work {
	w := &work{
		vals:    make([]float64, len(m.vals)),
		series:  make([]float64, len(m.series)*m.n),
		metrics: make([]float64, len(m.metrics)),
		disc:    make([]float64, m.n),
	}
	copy(w.vals, m.vals)
	if m.corr != nil {
		w.e = make([]float64, len(m.corr.inputs))
		w.u = make([]float64, len(m.corr.inputs))
	}
	w.fw = contract.FloatWork{Vals: w.vals, Series: w.series, Metrics: w.metrics, N: m.n}
	w.fw.NPV = w.npv
	return w
}

func (w *work) row(i, n int) []float64 { return w.series[i*n : (i+1)*n] }

// npv is the net present value of a quarterly series whose sum is total, at this
// evaluation's discount rate.
func (w *work) npv(paid []float64, total float64) float64 {
	if w.rate == 0 {
		return total
	}
	sum := 0.0
	for i, x := range paid {
		sum += x * w.disc[i]
	}
	return sum
}

// Tolerances of the float program for comparisons that the exact engine makes on
// equal decimals: a tie in exact arithmetic may come out a few units of the last
// place apart in float64.
const (
	peakTie = 1e-12 // years within this fraction of the peak tie, the earlier wins
)

// eval computes every series and metric from w.vals, following backend/engine
// step by step (see the format's Semantics). Its errors are those of the engine
// for inputs the engine rejects too.
func (m *Model) eval(w *work) error {
	n := m.n
	v := w.vals
	clear(w.series)

	// Discount factors: 1 / (1 + r)^(k/4), k = 1..n.
	rate := v[m.discount]
	w.rate = rate
	if rate != 0 {
		inv := 1 / math.Sqrt(math.Sqrt(1+rate))
		acc := 1.0
		for k := range n {
			acc *= inv
			w.disc[k] = acc
		}
	}
	for si := range m.streams {
		st := &m.streams[si]
		m.streamYears(st, v, w)
		out := w.row(st.series, n)
		for i := range n {
			out[i] = w.years[m.qYear[i]-m.year0] * 0.25
		}
		for _, a := range st.actual {
			out[a.q] = v[a.slot]
		}
		total := 0.0
		for i := range n {
			total += out[i]
		}
		w.metrics[st.metric] = total
	}

	var commit []float64
	if m.commitSer >= 0 {
		commit = w.row(m.commitSer, n)
	}
	w.fw.CommitOutside = 0
	for ci := range m.contracts {
		fc := &m.contracts[ci]
		prog := fc.prog
		if fc.variants != nil {
			var err error
			if prog, err = fc.variant(v); err != nil {
				return err
			}
		}
		if err := prog.Eval(&w.fw); err != nil {
			return err
		}
		for _, r := range fc.commits {
			for i, x := range w.row(r, n) {
				commit[i] += x
			}
		}
		for _, t := range fc.transfers {
			paid := w.row(t.row, n)
			out := w.row(m.partyBase+3*t.payer+1, n)
			in := w.row(m.partyBase+3*t.payee, n)
			for i, x := range paid {
				out[i] += x
				in[i] += x
			}
		}
	}
	commitOutside := w.fw.CommitOutside

	for k := range m.parties {
		in := w.row(m.partyBase+3*k, n)
		out := w.row(m.partyBase+3*k+1, n)
		net := w.row(m.partyBase+3*k+2, n)
		total := 0.0
		for i := range n {
			net[i] = in[i] - out[i]
			total += net[i]
		}
		w.metrics[m.partyMet+k] = total
	}

	if commit != nil {
		inside := 0.0
		for _, x := range commit {
			inside += x
		}
		w.metrics[m.commitMet] = inside
		w.metrics[m.commitMet+1] = commitOutside
		w.metrics[m.commitMet+2] = inside + commitOutside
		peak, peakYear := 0.0, 0
		for i := 0; i < n; {
			y := m.qYear[i]
			sum := 0.0
			for ; i < n && m.qYear[i] == y; i++ {
				sum += commit[i]
			}
			if peakYear == 0 || sum > peak+peakTie*math.Abs(peak) {
				peak, peakYear = sum, y
			}
		}
		w.metrics[m.commitMet+3] = peak
		w.metrics[m.commitMet+4] = float64(scenario.NewQuarter(peakYear, 1))
	}
	return nil
}

// streamYears fills w.years with the stream's amount for each year of the horizon,
// as scenario.Stream.YearAmounts does.
func (m *Model) streamYears(st *fStream, v []float64, w *work) {
	if cap(w.years) < m.nYears {
		w.years = make([]float64, m.nYears)
	}
	w.years = w.years[:m.nYears]
	if len(st.annual) == 0 {
		clear(w.years)
		return
	}
	last := st.first + len(st.annual) - 1
	prev, gi := 0.0, -1
	for y := min(m.year0, st.first); y < m.year0+m.nYears; y++ {
		var x float64
		switch {
		case y < st.first:
			x = 0
		case y <= last:
			if s := st.annual[y-st.first]; s >= 0 {
				x = v[s]
			} else {
				x = prev
			}
		default:
			for gi+1 < len(st.gYears) && st.gYears[gi+1] <= y {
				gi++
			}
			if gi < 0 {
				x = prev
			} else {
				x = prev * (1 + v[st.gSlots[gi]])
			}
		}
		if y >= m.year0 {
			w.years[y-m.year0] = x
		}
		prev = x
	}
}

// Base returns the exact result of the scenario as written.
func (m *Model) Base() *engine.Result { return m.base }
