package sim

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"dealmodel/backend/engine"
	"dealmodel/backend/money"
	"dealmodel/backend/scenario"
)

// Limits of a two-way table: what is readable, and fast.
const (
	MaxTableValues = 100  // values of one axis
	MaxTableCells  = 2500 // cells of the table
)

// TableAxis is one input of a two-way table and the values it takes.
type TableAxis struct {
	Input string            `json:"input"`
	Label string            `json:"label"`
	Kind  string            `json:"kind"`   // amount, rate, integer or number
	Texts []string          `json:"values"` // the values in the field's syntax (38B, 20%)
	Vals  []decimal.Decimal `json:"-"`
	Base  string            `json:"base"` // the input as the scenario has it, in the field's syntax
	// BaseIndex is the position of the scenario's own value among the values;
	// -1 when it is not one of them.
	BaseIndex int `json:"baseIndex"`
}

// TwoWay is a two-way sensitivity table: one figure of the exact engine for every
// pair of values of two inputs (Excel's two-variable data table).
type TwoWay struct {
	Metric string `json:"metric"`
	Label  string `json:"label"`
	Kind   string `json:"kind"` // amount, quarter or year
	X      TableAxis
	Y      TableAxis
	// Cells[i][j] is the figure at Y.Vals[i] and X.Vals[j].
	Cells [][]engine.Metric `json:"-"`
	Base  engine.Metric     `json:"-"` // the figure of the scenario as it is
}

// ParseTableValues reads the values of a table's axis for field f: a comma list
// in the field's syntax (25B,38B,60B) or a range LOW..HIGH:N of N evenly spaced
// values with both ends included. Values inside a range are rounded as people
// write them: cents for amounts, 12 decimal places for rates and numbers; an
// integer field's range must fall on whole numbers.
func ParseTableValues(f scenario.Field, spec string) ([]decimal.Decimal, error) {
	spec = strings.TrimSpace(spec)
	check := func(v decimal.Decimal, text string) error {
		if f.Min != nil && v.LessThan(*f.Min) || f.Max != nil && v.GreaterThan(*f.Max) {
			return fmt.Errorf("%s is outside the range of %s", text, f.Path)
		}
		return nil
	}
	read := func(t string) (decimal.Decimal, error) {
		v, err := scenario.ParseFieldValue(f.Kind, t)
		if err != nil {
			return v, fmt.Errorf("%v (the values of %s are written like the field)", err, f.Path)
		}
		return v, check(v, strings.TrimSpace(t))
	}
	var out []decimal.Decimal
	if lohi, n, ok := strings.Cut(spec, ":"); ok && strings.Contains(lohi, "..") {
		lo, hi, _ := strings.Cut(lohi, "..")
		k, err := strconv.Atoi(strings.TrimSpace(n))
		if err != nil || k < 2 || k > MaxTableValues {
			return nil, fmt.Errorf("%q: the N of LOW..HIGH:N must be a whole number from 2 to %d", spec, MaxTableValues)
		}
		a, err := read(lo)
		if err != nil {
			return nil, err
		}
		b, err := read(hi)
		if err != nil {
			return nil, err
		}
		if a.Equal(b) {
			return nil, fmt.Errorf("%q: LOW and HIGH are the same value", spec)
		}
		step := b.Sub(a).Div(decimal.NewFromInt(int64(k - 1)))
		for i := range k {
			v := a.Add(step.Mul(decimal.NewFromInt(int64(i))))
			switch {
			case i == k-1:
				v = b
			case f.Kind == scenario.KindAmount:
				v = money.RoundCents(v)
			case f.Kind == scenario.KindInteger:
				if !v.IsInteger() {
					return nil, fmt.Errorf("%q: %s is a whole number, but the range gives %s: choose N so that the steps are whole", spec, f.Path, v.Round(4))
				}
			default:
				v = v.Round(12)
			}
			out = append(out, v)
		}
		return out, nil
	}
	if spec == "" {
		return nil, fmt.Errorf("no values: give a comma list such as %s or a range LOW..HIGH:N", exampleList(f.Kind))
	}
	for _, t := range strings.Split(spec, ",") {
		v, err := read(t)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	if len(out) > MaxTableValues {
		return nil, fmt.Errorf("%d values: at most %d", len(out), MaxTableValues)
	}
	return out, nil
}

func exampleList(k scenario.FieldKind) string {
	switch k {
	case scenario.KindAmount:
		return "25B,38B,60B"
	case scenario.KindRate:
		return "10%,15%,20%"
	case scenario.KindInteger:
		return "5,7,9"
	}
	return "1,1.5,2"
}

// Table computes metric (a summary id or SERIES@PERIOD, of any kind) with the
// exact engine for every pair of values of the inputs x and y, on parallel
// workers. Each cell is the engine run on the scenario with the two fields set,
// checked like an edited scenario: a pair that breaks a rule of the format (a
// cap below paid_before) is an error naming the pair.
func (m *Model) Table(ctx context.Context, xPath string, xs []decimal.Decimal, yPath string, ys []decimal.Decimal, metric string) (*TwoWay, error) {
	f, err := m.figure(metric)
	if err != nil {
		return nil, err
	}
	axis := func(flag, path string, vals []decimal.Decimal) (TableAxis, error) {
		fl, ok := m.scen.Field(path)
		if !ok {
			return TableAxis{}, errorf(EINVALID, "%s: %q is not a numeric field of this scenario%s", flag, path, m.fieldHint(path))
		}
		if len(vals) == 0 || len(vals) > MaxTableValues {
			return TableAxis{}, errorf(EINVALID, "%s: give 1 to %d values, found %d", flag, MaxTableValues, len(vals))
		}
		a := TableAxis{Input: path, Label: fl.Label, Kind: string(fl.Kind), Vals: vals, Base: scenario.FormatValue(fl.Kind, fl.Value), BaseIndex: -1}
		for i, v := range vals {
			a.Texts = append(a.Texts, scenario.FormatValue(fl.Kind, v))
			if a.BaseIndex < 0 && v.Equal(fl.Value) {
				a.BaseIndex = i
			}
		}
		return a, nil
	}
	if xPath == yPath {
		return nil, errorf(EINVALID, "--x and --y are both %s: choose two different inputs", xPath)
	}
	out := &TwoWay{Metric: f.id, Label: f.label, Kind: kindName(f.kind)}
	if out.X, err = axis("--x", xPath, xs); err != nil {
		return nil, err
	}
	if out.Y, err = axis("--y", yPath, ys); err != nil {
		return nil, err
	}
	if n := len(xs) * len(ys); n > MaxTableCells {
		return nil, errorf(EINVALID, "%d×%d = %d cells: at most %d", len(ys), len(xs), n, MaxTableCells)
	}
	if out.Base, err = f.exact(m.base); err != nil {
		return nil, err
	}
	// The cells do not depend on the uncertainty block: leave it out, so that
	// checking each edited scenario does not check the distributions again. Nor do
	// they depend on contracts other than the figure's own and the two inputs'
	// (a contract's figures follow from its terms, the streams and the discount
	// rate): each cell is the engine run on the edited scenario without them.
	plain := m.tableScenario(f.id, xPath, yPath)
	kinds := map[string]scenario.FieldKind{xPath: scenario.FieldKind(out.X.Kind), yPath: scenario.FieldKind(out.Y.Kind)}
	nx := len(xs)
	cells := make([]engine.Metric, nx*len(ys))
	errs := make([]error, len(cells))
	parallel(workerCount(0, len(cells)), len(cells), func(_, t int) {
		if errs[t] = ctx.Err(); errs[t] != nil {
			return
		}
		i, j := t/nx, t%nx
		s, err := with(plain, []Assignment{{Path: xPath, Value: xs[j]}, {Path: yPath, Value: ys[i]}}, kinds)
		if err == nil {
			if verr := s.Validate(); verr != nil {
				err = errorf(EINVALID, "%s = %s with %s = %s is not a valid scenario: %v", xPath, out.X.Texts[j], yPath, out.Y.Texts[i], verr)
			}
		}
		if err != nil {
			errs[t] = err
			return
		}
		res, err := engine.Run(s)
		if err != nil {
			errs[t] = err
			return
		}
		cells[t], errs[t] = f.exact(res)
	})
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	out.Cells = make([][]engine.Metric, len(ys))
	for i := range ys {
		out.Cells[i] = cells[i*nx : (i+1)*nx]
	}
	return out, nil
}

// tableScenario is the scenario a table's cells edit: without its uncertainty
// block and, for a figure of one contract or one stream, with only that contract,
// those the inputs belong to and the streams they use. Figures of parties and of
// the commitments' total depend on every contract: they keep them all.
func (m *Model) tableScenario(metric string, paths ...string) *scenario.Scenario {
	s := m.scen.Clone()
	s.Uncertainty = nil
	keep := map[string]bool{}
	switch head, rest, _ := strings.Cut(metric, "."); head {
	case "contract":
		id, _, _ := strings.Cut(rest, ".")
		keep[id] = true
	case "stream":
	default:
		return s
	}
	for _, p := range paths {
		if rest, ok := strings.CutPrefix(p, "contracts."); ok {
			id, _, _ := strings.Cut(rest, ".")
			keep[id] = true
		}
	}
	kept := s.Contracts[:0]
	for _, c := range s.Contracts {
		if keep[c.ID] {
			kept = append(kept, c)
		}
	}
	s.Contracts = kept
	// Likewise the streams: those the kept contracts use, the figure's and the
	// inputs'.
	used := s.StreamUsers()
	streams := s.Streams[:0]
	for _, st := range s.Streams {
		_, byContract := used[st.ID]
		mine := strings.HasPrefix(metric, "stream."+st.ID+".")
		for _, p := range paths {
			mine = mine || strings.HasPrefix(p, "streams."+st.ID+".")
		}
		if byContract || mine {
			streams = append(streams, st)
		}
	}
	s.Streams = streams
	return s
}

// fieldHint suggests the nearest numeric field's path.
func (m *Model) fieldHint(path string) string {
	paths := make([]string, len(m.fields))
	for i, f := range m.fields {
		paths[i] = f.Path
	}
	if s := closest(path, paths); s != "" {
		return fmt.Sprintf(" (did you mean %s?)", s)
	}
	return ""
}

func kindName(k engine.MetricKind) string {
	switch k {
	case engine.QuarterValue:
		return SampleQuarter
	case engine.YearValue:
		return SampleYear
	}
	return SampleAmount
}

// TableValues reads the values of a table's axis for the numeric field at path
// (see ParseTableValues).
func (m *Model) TableValues(path, spec string) ([]decimal.Decimal, error) {
	f, ok := m.scen.Field(path)
	if !ok {
		return nil, errorf(EINVALID, "%q is not a numeric field of this scenario%s", path, m.fieldHint(path))
	}
	vs, err := ParseTableValues(f, spec)
	if err != nil {
		return nil, errorf(EINVALID, "%s", err)
	}
	return vs, nil
}
