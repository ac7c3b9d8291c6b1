package sim

import (
	"fmt"
	"math"

	"dealmodel/backend/engine"
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
	revShares  []int // indexes into contracts of the enabled revenue shares
	amountMets []int // indexes of the amount metrics
}

type seriesInfo struct {
	id, label string
	kind      engine.Kind
}

type metricInfo struct {
	id, label string
	kind      engine.MetricKind
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

type fContract struct {
	c              *scenario.Contract
	from, until    int // quarter offsets from start (may fall outside 0..n-1)
	series, metric int // first series and metric index
	payer, payee   int // party indexes; -1 for equity

	// revenue_share
	base                int // stream index
	rate, cap, paidPrev int // slots; cap is -1 without a cap

	// commitment
	total, years int
	weights      []int // slots of custom weights

	// payment
	sched []schedEntry

	// equity
	stake, amount int
	multiple      bool
	valStream     int
	at            int // quarter offset
}

type schedEntry struct{ q, slot int }

// Compile validates s and compiles it. It fails with *scenario.ErrorList when s
// is invalid, and with *Error when an uncertain input cannot be compiled.
func Compile(s *scenario.Scenario) (*Model, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	m := &Model{scen: s.Clone(), commitSer: -1, slot: map[string]int{}}
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
				return nil, errorf(EINVALID, "uncertainty.inputs.%s: not a numeric field of this scenario", in.Path)
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

// layout builds the float program and the series and metric layout, in the
// engine's order, and checks it against the engine's base result.
func (m *Model) layout() error {
	s := m.scen
	addS := func(id string, k engine.Kind) int {
		m.series = append(m.series, seriesInfo{id: id, kind: k})
		return len(m.series) - 1
	}
	addM := func(id string, k engine.MetricKind) int {
		m.metrics = append(m.metrics, metricInfo{id: id, kind: k})
		return len(m.metrics) - 1
	}
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
	partyIdx := map[string]int{}
	party := func(name string) int {
		if i, ok := partyIdx[name]; ok {
			return i
		}
		partyIdx[name] = len(m.parties)
		m.parties = append(m.parties, name)
		return len(m.parties) - 1
	}
	for i := range s.Contracts {
		c := &s.Contracts[i]
		if !c.Enabled {
			continue
		}
		p := "contracts." + c.ID + "."
		id := "contract." + c.ID + "."
		fc := fContract{c: c, from: int(c.From - s.Start), until: int(c.Until - s.Start), payer: -1, payee: -1, cap: -1}
		switch c.Type {
		case scenario.TypeRevenueShare:
			b, ok := streamIdx[c.Base]
			if !ok {
				return fmt.Errorf("contract %s: base stream %q is not defined", c.ID, c.Base)
			}
			fc.base = b
			fc.rate = m.slotOf(p + "rate")
			fc.paidPrev = m.slotOf(p + "paid_before")
			if c.Cap != nil {
				fc.cap = m.slotOf(p + "cap")
			}
			fc.series = addS(id+"accrued", engine.Flow)
			addS(id+"paid", engine.Flow)
			addS(id+"cumulative", engine.Level)
			fc.metric = addM(id+"total_paid", engine.Amount)
			addM(id+"cap_hit", engine.QuarterValue)
			addM(id+"npv", engine.Amount)
			addM(id+"total_accrued", engine.Amount)
			addM(id+"cap_savings", engine.Amount)
			m.revShares = append(m.revShares, len(m.contracts))
		case scenario.TypeCommitment:
			fc.total = m.slotOf(p + "total")
			fc.years = m.slotOf(p + "years")
			if c.Profile == scenario.ProfileCustom {
				for k := range c.Weights {
					fc.weights = append(fc.weights, m.slotOf(fmt.Sprintf("%sweights.%d", p, k+1)))
				}
			}
			m.nCommit++
		case scenario.TypePayment:
			for _, e := range c.Schedule {
				fc.sched = append(fc.sched, schedEntry{q: int(e.Quarter - s.Start), slot: m.slotOf(fmt.Sprintf("%sschedule.%s", p, e.Quarter))})
			}
		case scenario.TypeEquity:
			fc.stake = m.slotOf(p + "stake")
			fc.amount = m.slotOf(p + "valuation.amount")
			fc.at = int(c.Valuation.At - s.Start)
			if c.Valuation.Method == scenario.MethodRevenueMultiple {
				b, ok := streamIdx[c.Valuation.Stream]
				if !ok {
					return fmt.Errorf("contract %s: valuation stream %q is not defined", c.ID, c.Valuation.Stream)
				}
				fc.multiple, fc.valStream = true, b
			}
			fc.series = addS(id+"valuation", engine.Level)
			addS(id+"value", engine.Level)
			fc.metric = addM(id+"value_at_end", engine.Amount)
		default:
			return fmt.Errorf("contract %s: unknown type %q", c.ID, c.Type)
		}
		if c.Type == scenario.TypeCommitment || c.Type == scenario.TypePayment {
			fc.series = addS(id+"paid", engine.Flow)
			fc.metric = addM(id+"total_paid", engine.Amount)
			addM(id+"outside_horizon", engine.Amount)
			addM(id+"npv", engine.Amount)
		}
		if c.MovesMoney() {
			fc.payer = party(c.Payer)
			fc.payee = party(c.Payee)
		}
		m.contracts = append(m.contracts, fc)
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
	for i := range m.series {
		sr := m.base.SeriesByID(m.series[i].id)
		if sr == nil || sr.Kind != m.series[i].kind {
			return fmt.Errorf("sim: the float model's series %s does not match the engine's", m.series[i].id)
		}
		m.series[i].label = sr.Label
	}
	for i := range m.metrics {
		mt := m.base.MetricByID(m.metrics[i].id)
		if mt == nil || mt.Kind != m.metrics[i].kind {
			return fmt.Errorf("sim: the float model's metric %s does not match the engine's", m.metrics[i].id)
		}
		m.metrics[i].label = mt.Label
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
	e, u    []float64 // correlated inputs' normals and uniforms
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
	return w
}

func (w *work) row(i, n int) []float64 { return w.series[i*n : (i+1)*n] }

// Tolerances of the float program for comparisons that the exact engine makes on
// equal decimals: a tie in exact arithmetic may come out a few units of the last
// place apart in float64.
const (
	capTie  = 1e-13 // a payment within this fraction of the cap's room fills it
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
	if rate != 0 {
		inv := 1 / math.Sqrt(math.Sqrt(1+rate))
		acc := 1.0
		for k := range n {
			acc *= inv
			w.disc[k] = acc
		}
	}
	npv := func(paid []float64, total float64) float64 {
		if rate == 0 {
			return total
		}
		sum := 0.0
		for i, x := range paid {
			sum += x * w.disc[i]
		}
		return sum
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
	commitOutside := 0.0
	if m.commitSer >= 0 {
		commit = w.row(m.commitSer, n)
	}
	for ci := range m.contracts {
		fc := &m.contracts[ci]
		switch fc.c.Type {
		case scenario.TypeRevenueShare:
			m.revenueShare(fc, w, npv)
		case scenario.TypeCommitment:
			outside, err := m.commitment(fc, w, npv)
			if err != nil {
				return err
			}
			paid := w.row(fc.series, n)
			for i, x := range paid {
				commit[i] += x
			}
			commitOutside += outside
		case scenario.TypePayment:
			paid := w.row(fc.series, n)
			inside, outside := 0.0, 0.0
			for _, e := range fc.sched {
				if e.q >= 0 && e.q < n {
					paid[e.q] += v[e.slot]
					inside += v[e.slot]
				} else {
					outside += v[e.slot]
				}
			}
			w.metrics[fc.metric] = inside
			w.metrics[fc.metric+1] = outside
			w.metrics[fc.metric+2] = npv(paid, inside)
		case scenario.TypeEquity:
			if err := m.equity(fc, w); err != nil {
				return err
			}
		}
		if fc.payer >= 0 {
			paid := w.row(fc.series, n)
			if fc.c.Type == scenario.TypeRevenueShare {
				paid = w.row(fc.series+1, n)
			}
			out := w.row(m.partyBase+3*fc.payer+1, n)
			in := w.row(m.partyBase+3*fc.payee, n)
			for i, x := range paid {
				out[i] += x
				in[i] += x
			}
		}
	}

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

func (m *Model) revenueShare(fc *fContract, w *work, npv func([]float64, float64) float64) {
	n := m.n
	v := w.vals
	base := w.row(m.streams[fc.base].series, n)
	accrued, paid, cum := w.row(fc.series, n), w.row(fc.series+1, n), w.row(fc.series+2, n)
	rate, prevPaid := v[fc.rate], v[fc.paidPrev]
	hasCap := fc.cap >= 0
	capV, room, tie := 0.0, 0.0, 0.0
	if hasCap {
		capV = v[fc.cap]
		room = capV - prevPaid
		tie = capTie * math.Abs(capV)
	}
	hit := hasCap && prevPaid >= capV
	hitQ := math.NaN()
	if hit {
		hitQ = float64(fc.c.From) // reached before the first quarter the contract counts
	}
	sumPaid, sumAccrued := 0.0, 0.0
	filled := false // the payments have filled the cap: cumulative is the cap itself
	for i := range n {
		bound := false
		if i >= fc.from && i <= fc.until {
			a := rate * base[i]
			p := a
			if hasCap {
				switch {
				case room <= 0:
					p = 0
				case a >= room-tie:
					p, bound = room, true
				}
				room -= p
			}
			accrued[i], paid[i] = a, p
			sumAccrued += a
			sumPaid += p
		}
		cum[i] = prevPaid + sumPaid
		if bound {
			filled = true
			if !hit {
				hit, hitQ = true, float64(m.start+scenario.Quarter(i))
			}
		}
		if filled {
			cum[i] = capV
		}
	}
	w.metrics[fc.metric] = sumPaid
	w.metrics[fc.metric+1] = hitQ
	w.metrics[fc.metric+2] = npv(paid, sumPaid)
	w.metrics[fc.metric+3] = sumAccrued
	w.metrics[fc.metric+4] = sumAccrued - sumPaid
}

// commitment spreads the total over the contract years by weight and returns the
// part outside the horizon. A drawn number of years shorter than the custom
// weights drops the last weights; a longer one repeats the last weight, as
// scenario.Scenario.Set does.
func (m *Model) commitment(fc *fContract, w *work, npv func([]float64, float64) float64) (float64, error) {
	n := m.n
	v := w.vals
	c := fc.c
	years := int(v[fc.years])
	weight := func(k int) float64 {
		switch c.Profile {
		case scenario.ProfileRamp:
			return float64(k + 1)
		case scenario.ProfileCustom:
			return v[fc.weights[min(k, len(fc.weights)-1)]]
		}
		return 1
	}
	sum := 0.0
	for k := range years {
		sum += weight(k)
	}
	if !(sum > 0) {
		return 0, fmt.Errorf("contract %s: the weights add up to %g", c.ID, sum)
	}
	den := sum * 4
	total := v[fc.total]
	paid := w.row(fc.series, n)
	inside, outside := 0.0, 0.0
	for k := range years {
		per := total * weight(k) / den
		for j := range 4 {
			q := fc.from + 4*k + j
			if q >= 0 && q < n {
				paid[q] = per
				inside += per
			} else {
				outside += per
			}
		}
	}
	w.metrics[fc.metric] = inside
	w.metrics[fc.metric+1] = outside
	w.metrics[fc.metric+2] = npv(paid, inside)
	return outside, nil
}

func (m *Model) equity(fc *fContract, w *work) error {
	n := m.n
	v := w.vals
	valuation, value := w.row(fc.series, n), w.row(fc.series+1, n)
	amount, stake := v[fc.amount], v[fc.stake]
	if fc.multiple {
		rev := w.row(m.streams[fc.valStream].series, n)
		if fc.at < 0 || fc.at >= n {
			return fmt.Errorf("contract %s: valuation date is outside the horizon", fc.c.ID)
		}
		atRev := rev[fc.at]
		if atRev == 0 {
			return fmt.Errorf("contract %s: stream %s is 0 at %s, so the revenue multiple is undefined", fc.c.ID, m.streams[fc.valStream].id, fc.c.Valuation.At)
		}
		for i := range n {
			valuation[i] = amount * rev[i] / atRev
		}
	} else {
		for i := range n {
			valuation[i] = amount
		}
	}
	for i := range n {
		value[i] = stake * valuation[i]
	}
	w.metrics[fc.metric] = value[n-1]
	return nil
}
