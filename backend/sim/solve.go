package sim

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/shopspring/decimal"

	"dealmodel/backend/contract"
	"dealmodel/backend/engine"
	"dealmodel/backend/money"
	"dealmodel/backend/scenario"
)

// Goal is a goal-seek request: find the value of Input at which Metric reaches
// Target.
type Goal struct {
	Input  string `json:"input"`  // a numeric field's path, such as contracts.msft_revshare.cap
	Metric string `json:"metric"` // a summary metric id or SERIES@PERIOD
	// Target is an amount (41.2B, $500M) for an amount metric, or a quarter for a
	// quarter metric (cap_hit): 2028Q4, or a year, meaning its last quarter. For a
	// quarter the goal is the value at which the metric first becomes that quarter
	// or earlier: where the cap starts to bind by then.
	Target string `json:"target"`
	// Low and High optionally narrow the search, in the field's syntax.
	Low  string `json:"low,omitempty"`
	High string `json:"high,omitempty"`
}

// Solution is a solved goal.
type Solution struct {
	Input string          `json:"input"`
	Label string          `json:"label"`
	Kind  string          `json:"kind"`
	Value decimal.Decimal `json:"value"` // rounded as people write it: cents, whole years
	Text  string          `json:"text"`  // Value in the field's syntax: 41.2B, 23.5%

	Metric      string `json:"metric"`
	MetricLabel string `json:"metricLabel"`
	Target      string `json:"target"` // as understood: "41200000000.00", "2028Q4"
	// Reached is the metric at Value, written like Target ("" for a quarter
	// metric that is null: the cap never binds).
	Reached string `json:"reached"`
	// Exact reports whether Reached equals Target (to the cent for amounts).
	// Rounding the value, a jump of the metric or an integer input can leave a gap.
	Exact bool `json:"exact"`
	// Side, for a quarter target, is where the target holds next to Value:
	// "above" when slightly larger values of the input meet it too, "below" when
	// slightly smaller ones do.
	Side string `json:"side,omitempty"`

	// Low and High are the range searched. When several values reach the target,
	// Value is the lowest of them in that range.
	Low  decimal.Decimal `json:"low"`
	High decimal.Decimal `json:"high"`
	Runs int             `json:"runs"` // evaluations of the exact engine
}

// Solve compiles s and solves g.
func Solve(ctx context.Context, s *scenario.Scenario, g Goal) (*Solution, error) {
	m, err := Compile(s)
	if err != nil {
		return nil, err
	}
	return m.Solve(ctx, g)
}

// searchPoints is how many values of the input a search range is first tried at,
// to find a bracket: enough to see a metric that turns back.
const searchPoints = 48

// Solve finds the lowest value of g.Input in the searched range at which
// g.Metric reaches g.Target, with the exact engine: it tries the input at evenly
// spaced values to bracket a crossing, then bisects the bracket down to the
// input's precision (a cent, 1e-12 of a rate or number, a whole year). The range
// is the field's valid range, narrowed by Low and High; a range that is open
// above (amounts, growth) is searched up to twice the larger of the base value
// and the uncertainty range's top, then in widening steps up to 10,000 times
// that. It returns *Error with EUNREACHABLE when no value in the range reaches
// the target, and with EINVALID for a bad request.
func (m *Model) Solve(ctx context.Context, g Goal) (*Solution, error) {
	fi, ok := m.slot[strings.TrimSpace(g.Input)]
	if !ok {
		paths := make([]string, len(m.fields))
		for i, f := range m.fields {
			paths[i] = f.Path
		}
		hint := ""
		if s := closest(g.Input, paths); s != "" {
			hint = fmt.Sprintf(" (did you mean %s?)", s)
		}
		return nil, errorf(EINVALID, "%q is not a numeric field of scenario %q%s: fields are paths such as %s", g.Input, m.scen.Name, hint, paths[min(1, len(paths)-1)])
	}
	field := m.fields[fi]
	fig, err := m.figure(g.Metric)
	if err != nil {
		return nil, err
	}
	sv := &solver{m: m, ctx: ctx, field: field, fig: fig, cache: map[string]engine.Metric{}}
	switch fig.kind {
	case engine.Amount:
		t, err := scenario.ParseAmount(g.Target)
		if err != nil {
			return nil, errorf(EINVALID, "target %q: %v (metric %s is an amount)", g.Target, err, fig.id)
		}
		sv.amount = t
	case engine.QuarterValue:
		q, err := scenario.ParseQuarter(g.Target, true)
		if err != nil {
			return nil, errorf(EINVALID, "target %q: %v (metric %s is a quarter)", g.Target, err, fig.id)
		}
		sv.quarter, sv.isQuarter = q, true
	default:
		return nil, errorf(EINVALID, "metric %s is a year that need not move steadily with any input: goal seek takes an amount metric or a quarter metric (cap_hit)", fig.id)
	}
	lo, hi, open, err := m.searchRange(field, g)
	if err != nil {
		return nil, err
	}
	return sv.solve(lo, hi, open)
}

// searchRange returns the range to search; open reports that the field has no
// upper bound, so the search may widen past hi.
func (m *Model) searchRange(f scenario.Field, g Goal) (lo, hi float64, open bool, err error) {
	lo, hi = math.Inf(-1), math.Inf(1)
	if f.Min != nil {
		lo = f.Min.InexactFloat64()
	}
	if f.Max != nil {
		hi = f.Max.InexactFloat64()
	}
	// Rules across fields: a cap cannot be below what was paid before it.
	if c, rest, ok := contractField(m.scen, f.Path); ok {
		if b, ok := contract.BoundsOf(c, rest); ok {
			if b.Lo != nil {
				lo = max(lo, b.Lo.InexactFloat64())
			}
			if b.Hi != nil {
				hi = min(hi, b.Hi.InexactFloat64())
			}
		}
	}
	if math.IsInf(lo, -1) {
		lo = -1e15 // no field is open below today; a wide floor keeps the search finite
	}
	parse := func(text, name string) (float64, error) {
		d, err := scenario.ParseFieldValue(f.Kind, text)
		if err != nil {
			return 0, errorf(EINVALID, "the search's %s end %q: %v", name, text, err)
		}
		x := d.InexactFloat64()
		if f.Min != nil && d.LessThan(*f.Min) || f.Max != nil && d.GreaterThan(*f.Max) {
			return 0, errorf(EINVALID, "the search's %s end %s is outside the range of %s: %s", name, text, f.Path, rangeText(f))
		}
		return x, nil
	}
	if g.Low != "" {
		if lo, err = parse(g.Low, "low"); err != nil {
			return
		}
	}
	if g.High != "" {
		if hi, err = parse(g.High, "high"); err != nil {
			return
		}
	}
	if math.IsInf(hi, 1) {
		open = true
		top := math.Abs(f.Value.InexactFloat64())
		for i := range m.inputs {
			if in := &m.inputs[i]; in.path == f.Path {
				top = max(top, in.dist.quantile(0.999))
				if in.dist.high > 0 {
					top = max(top, in.dist.high)
				}
			}
		}
		hi = max(2*top, lo+unitScale(f.Kind))
	}
	if !(lo < hi) {
		return 0, 0, false, errorf(EINVALID, "the search range of %s is empty: from %s to %s", f.Path, formatField(f.Kind, lo), formatField(f.Kind, hi))
	}
	return lo, hi, open, nil
}

// rangeText describes a field's valid range.
func rangeText(f scenario.Field) string {
	switch {
	case f.Min != nil && f.Max != nil:
		return fmt.Sprintf("valid values run from %s to %s", scenario.FormatValue(f.Kind, *f.Min), scenario.FormatValue(f.Kind, *f.Max))
	case f.Min != nil:
		return fmt.Sprintf("valid values are %s or more", scenario.FormatValue(f.Kind, *f.Min))
	case f.Max != nil:
		return fmt.Sprintf("valid values are %s or less", scenario.FormatValue(f.Kind, *f.Max))
	}
	return "any value is valid"
}

// unitScale is a natural size of a field's values, for a range with no base.
func unitScale(k scenario.FieldKind) float64 {
	switch k {
	case scenario.KindAmount:
		return 1e9
	case scenario.KindRate:
		return 1
	}
	return 10
}

// places is the number of decimal places the search resolves: cents, whole
// years, and 15 places of a rate or a weight, fine enough for an amount metric to
// the cent.
func places(k scenario.FieldKind) int32 {
	switch k {
	case scenario.KindAmount:
		return 2
	case scenario.KindInteger:
		return 0
	}
	return 15
}

func contractField(s *scenario.Scenario, path string) (*scenario.Contract, string, bool) {
	parts := strings.SplitN(path, ".", 3)
	if len(parts) != 3 || parts[0] != "contracts" {
		return nil, "", false
	}
	c := s.Contract(parts[1])
	return c, parts[2], c != nil
}

type solver struct {
	m     *Model
	ctx   context.Context
	field scenario.Field
	fig   figure

	amount    decimal.Decimal
	quarter   scenario.Quarter
	isQuarter bool

	cache map[string]engine.Metric
	runs  int

	// the metric's extremes over the values tried, for the message when the
	// target is out of reach
	seenLo, seenHi *engine.Metric
}

// at evaluates the metric with the input at x, rounded to its places.
func (sv *solver) at(x float64) (decimal.Decimal, engine.Metric, error) {
	return sv.atDecimal(exact(sv.field.Kind, x).Round(places(sv.field.Kind)))
}

func (sv *solver) atDecimal(d decimal.Decimal) (decimal.Decimal, engine.Metric, error) {
	key := d.String()
	if mt, ok := sv.cache[key]; ok {
		return d, mt, nil
	}
	if err := sv.ctx.Err(); err != nil {
		return d, engine.Metric{}, err
	}
	mt, err := sv.m.exactAt(sv.fig, []Assignment{{Path: sv.field.Path, Value: d}})
	if err != nil {
		return d, mt, err
	}
	sv.runs++
	sv.cache[key] = mt
	if sv.seenLo == nil || sv.less(mt, *sv.seenLo) {
		sv.seenLo = &mt
	}
	if sv.seenHi == nil || sv.less(*sv.seenHi, mt) {
		sv.seenHi = &mt
	}
	return d, mt, nil
}

// less orders metric values; a null quarter (never) is the latest.
func (sv *solver) less(a, b engine.Metric) bool {
	if sv.isQuarter {
		switch {
		case a.Null:
			return false
		case b.Null:
			return true
		}
		return a.Quarter < b.Quarter
	}
	return a.Amount.LessThan(b.Amount)
}

// state classifies a metric value against the target: -1 below, 0 at, +1 above
// for amounts; 0 met (the quarter or earlier) and +1 not met for quarters.
func (sv *solver) state(mt engine.Metric) int {
	if sv.isQuarter {
		if !mt.Null && mt.Quarter <= sv.quarter {
			return 0
		}
		return 1
	}
	return mt.Amount.Cmp(sv.amount)
}

func (sv *solver) solve(lo, hi float64, open bool) (*Solution, error) {
	step := math.Pow(10, -float64(places(sv.field.Kind)))
	type point struct {
		x  float64
		st int
	}
	var prev *point
	try := func(x float64) (*point, *Solution, error) {
		_, mt, err := sv.at(x)
		if err != nil {
			if sv.ctx.Err() != nil {
				return nil, nil, err
			}
			return nil, nil, nil // the model is undefined here (weights of 0): skip the point
		}
		p := &point{x: x, st: sv.state(mt)}
		if p.st == 0 && !sv.isQuarter && prev == nil {
			sol, err := sv.solution(x, "", lo, hi)
			return p, sol, err
		}
		return p, nil, nil
	}
	searchTop := hi
	ranges := [][2]float64{{lo, hi}}
	if open {
		for k := 0; k < 4; k++ {
			ranges = append(ranges, [2]float64{searchTop, searchTop * 10})
			searchTop *= 10
		}
	}
	for _, r := range ranges {
		for _, x := range grid(r[0], r[1], sv.field.Kind) {
			p, sol, err := try(x)
			if err != nil || sol != nil {
				return sol, err
			}
			if p == nil {
				continue
			}
			if prev != nil && p.st != prev.st {
				return sv.bisect(prev.x, p.x, prev.st, step, lo, searchTop)
			}
			prev = p
		}
	}
	return nil, sv.unreachable(lo, searchTop)
}

// grid lists the values a range is first tried at: every integer of a short
// integer range, else evenly spaced values including both ends.
func grid(lo, hi float64, kind scenario.FieldKind) []float64 {
	if kind == scenario.KindInteger && hi-lo <= 200 {
		var out []float64
		for x := math.Ceil(lo); x <= hi; x++ {
			out = append(out, x)
		}
		return out
	}
	out := make([]float64, searchPoints+1)
	for i := range out {
		out[i] = lo + (hi-lo)*float64(i)/searchPoints
	}
	out[searchPoints] = hi
	return out
}

// bisect narrows [a, b], where the state changes from sa at a, to the input's
// precision, and picks the answer.
func (sv *solver) bisect(a, b float64, sa int, step, lo, hi float64) (*Solution, error) {
	for b-a > step {
		mid := a + (b-a)/2
		if sv.field.Kind == scenario.KindInteger {
			mid = math.Floor(mid)
			if mid <= a {
				break
			}
		}
		if mid <= a || mid >= b {
			break
		}
		_, mt, err := sv.at(mid)
		if err != nil {
			return nil, err
		}
		if sv.state(mt) == sa {
			a = mid
		} else {
			b = mid
		}
	}
	if sv.isQuarter {
		// The answer is the value on the side that meets the target.
		if sa == 0 {
			return sv.solution(a, "below", lo, hi)
		}
		return sv.solution(b, "above", lo, hi)
	}
	// An amount: the candidate nearest the target among both ends and, for a
	// metric that is linear in between, the secant's root.
	cands := []float64{a, b}
	_, ma, errA := sv.at(a)
	_, mb, errB := sv.at(b)
	if errA == nil && errB == nil {
		fa, fb := ma.Amount.InexactFloat64(), mb.Amount.InexactFloat64()
		if fb != fa {
			cands = append(cands, a+(sv.amount.InexactFloat64()-fa)*(b-a)/(fb-fa))
		}
	}
	best, bestGap := b, math.Inf(1)
	for _, x := range cands {
		if x < a || x > b {
			continue
		}
		_, mt, err := sv.at(x)
		if err != nil {
			continue
		}
		if gap := mt.Amount.Sub(sv.amount).Abs().InexactFloat64(); gap < bestGap {
			best, bestGap = x, gap
		}
	}
	return sv.solution(sv.simplest(best), "", lo, hi)
}

// simplest returns the value with the fewest decimal digits, near x, at which the
// metric is still the target to the cent: 41.2B rather than 41.200000003B. When
// the target is not met to the cent at x, it returns x.
func (sv *solver) simplest(x float64) float64 {
	d, mt, err := sv.at(x)
	if err != nil || money.Cents(mt.Amount) != money.Cents(sv.amount) {
		return x
	}
	first := int32(0)
	if sv.field.Kind == scenario.KindAmount {
		first = -int32(math.Floor(math.Log10(math.Abs(x) + 1)))
	}
	for p := first; p < places(sv.field.Kind); p++ {
		r := d.Round(p)
		_, mr, err := sv.atDecimal(r)
		if err == nil && money.Cents(mr.Amount) == money.Cents(sv.amount) {
			return r.InexactFloat64()
		}
	}
	return x
}

func (sv *solver) solution(x float64, side string, lo, hi float64) (*Solution, error) {
	d, mt, err := sv.at(x)
	if err != nil {
		return nil, err
	}
	f := sv.field
	sol := &Solution{
		Input: f.Path, Label: f.Label, Kind: string(f.Kind), Value: d, Text: scenario.FormatValue(f.Kind, d),
		Metric: sv.fig.id, MetricLabel: sv.fig.label, Side: side, // "" for amounts
		Low: rounded(f.Kind, lo), High: rounded(f.Kind, hi), Runs: sv.runs,
	}
	if sv.isQuarter {
		sol.Target = sv.quarter.String()
		if !mt.Null {
			sol.Reached = mt.Quarter.String()
		}
		sol.Exact = sol.Reached == sol.Target
	} else {
		sol.Target = money.Cents(sv.amount)
		sol.Reached = money.Cents(mt.Amount)
		sol.Exact = sol.Reached == sol.Target
	}
	return sol, nil
}

func (sv *solver) unreachable(lo, hi float64) error {
	f := sv.field
	what := fmt.Sprintf("no value of %s (%s) from %s to %s", f.Label, f.Path, formatField(f.Kind, lo), formatField(f.Kind, hi))
	if sv.seenLo == nil {
		return errorf(EUNREACHABLE, "%s could be computed: the model is undefined over that range", what)
	}
	if sv.isQuarter {
		if sv.state(*sv.seenHi) == 0 {
			return errorf(EUNREACHABLE, "%s is %s or earlier for every value of %s (%s) from %s to %s (the latest is %s): no value marks where it starts to be",
				sv.fig.id, sv.quarter, f.Label, f.Path, formatField(f.Kind, lo), formatField(f.Kind, hi), quarterText(*sv.seenHi))
		}
		return errorf(EUNREACHABLE, "%s brings %s to %s or earlier: the earliest it gets is %s", what, sv.fig.id, sv.quarter, quarterText(*sv.seenLo))
	}
	return errorf(EUNREACHABLE, "%s makes %s reach %s: over that range it runs from %s to %s",
		what, sv.fig.id, money.Short(sv.amount), money.Short(sv.seenLo.Amount), money.Short(sv.seenHi.Amount))
}

func quarterText(mt engine.Metric) string {
	if mt.Null {
		return "never (the cap does not bind in the horizon)"
	}
	return mt.Quarter.String()
}
