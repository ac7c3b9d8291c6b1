package sim

import (
	"fmt"
	"strings"

	"dealmodel/backend/contract"
	"dealmodel/backend/scenario"
)

// Uncertain quarters (from, until, cap_from, a tranche's at and expires) are drawn
// only from discrete distributions, so each contract has few combinations of
// them. Compile lays out a program for each combination, against the same series
// and metrics as the contract as written; an evaluation picks the program of the
// quarters drawn. Each program is the type's own, compiled for fixed quarters, so
// the float path follows the engine for drawn quarters as for written ones.

// maxQuarterVariants bounds the combinations of one contract's uncertain quarters.
const maxQuarterVariants = 4096

// quarterChoice is one uncertain quarter of a contract: its slot and the values
// it takes (the discrete distribution's, then the written one if not among them).
type quarterChoice struct {
	path   string
	key    string // below contracts.<id>.
	slot   int
	values []float64
}

// variant returns the program for the quarters in v.
func (fc *fContract) variant(v []float64) (contract.FloatProgram, error) {
	k := 0
	for _, qc := range fc.quarters {
		j := -1
		for i, x := range qc.values {
			if x == v[qc.slot] {
				j = i
				break
			}
		}
		if j < 0 {
			return nil, fmt.Errorf("%s = %s is not one of the quarters its distribution gives", qc.path, formatField(scenario.KindQuarter, v[qc.slot]))
		}
		k = k*len(qc.values) + j
	}
	return fc.variants[k], nil
}

// compileQuarters compiles the programs of every combination of each contract's
// uncertain quarters.
func (m *Model) compileQuarters() error {
	for ci := range m.contracts {
		fc := &m.contracts[ci]
		prefix := "contracts." + fc.c.ID + "."
		for _, in := range m.inputs {
			if in.field.Kind != scenario.KindQuarter || !strings.HasPrefix(in.path, prefix) {
				continue
			}
			qc := quarterChoice{path: in.path, key: strings.TrimPrefix(in.path, prefix), slot: in.slot}
			for _, x := range append(append([]float64(nil), in.dist.vals...), m.vals[in.slot]) {
				dup := false
				for _, y := range qc.values {
					dup = dup || x == y
				}
				if !dup {
					qc.values = append(qc.values, x)
				}
			}
			fc.quarters = append(fc.quarters, qc)
		}
		if fc.quarters == nil {
			continue
		}
		n := 1
		for _, qc := range fc.quarters {
			n *= len(qc.values)
			if n > maxQuarterVariants {
				return errorf(EINVALID, "uncertainty.inputs: the uncertain quarters of contract %s have more than %d combinations of values: give them fewer values", fc.c.ID, maxQuarterVariants)
			}
		}
		if err := m.compileVariants(fc, n); err != nil {
			return err
		}
	}
	return nil
}

func (m *Model) compileVariants(fc *fContract, n int) error {
	t, err := contract.Of(fc.c)
	if err != nil {
		return err
	}
	qt, ok := t.(scenario.ContractQuarters)
	if !ok {
		return errorf(EINVALID, "contract %s has no quarter that may be uncertain", fc.c.ID)
	}
	var check *scenario.Scenario // to validate combinations of several quarters
	ci := -1
	if len(fc.quarters) > 1 {
		check = m.scen.Clone()
		check.Uncertainty = nil
		for i := range check.Contracts {
			if check.Contracts[i].ID == fc.c.ID {
				ci = i
			}
		}
	}
	rl := &replayLayout{Model: m, series: map[string]int{}, metrics: map[string]int{}}
	for i, s := range m.series {
		rl.series[s.id] = i
	}
	for i, mt := range m.metrics {
		rl.metrics[mt.id] = i
	}
	fc.variants = make([]contract.FloatProgram, n)
	for k := range n {
		c := *fc.c
		if c.Ext != nil {
			c.Ext = c.Ext.Clone()
		}
		var drawn []string
		rest := k
		for qi := len(fc.quarters) - 1; qi >= 0; qi-- {
			qc := fc.quarters[qi]
			q := scenario.Quarter(qc.values[rest%len(qc.values)])
			rest /= len(qc.values)
			if !qt.SetQuarter(&c, qc.key, q) {
				return errorf(EINVALID, "uncertainty.inputs.%s: not a quarter of contract %s", qc.path, c.ID)
			}
			drawn = append(drawn, fmt.Sprintf("%s = %s", qc.path, q))
		}
		if check != nil {
			check.Contracts[ci] = c
			if err := check.Validate(); err != nil {
				return errorf(EINVALID, "uncertainty.inputs: the quarters %s together make the scenario invalid: %v; give values that fit together", strings.Join(drawn, ", "), err)
			}
		}
		prog, err := t.Compile(&c, rl)
		if err != nil {
			return err
		}
		if rl.err != nil {
			return rl.err
		}
		fc.variants[k] = prog
	}
	return nil
}

// replayLayout lays out a contract again with other quarters: it gives back the
// rows and metrics the contract as written reserved, and records nothing new.
type replayLayout struct {
	*Model
	series, metrics map[string]int
	err             error
}

func (l *replayLayout) find(ids map[string]int, c *scenario.Contract, measure string) int {
	id := "contract." + c.ID + "." + measure
	i, ok := ids[id]
	if !ok && l.err == nil {
		l.err = fmt.Errorf("sim: contract %s with other quarters has a figure %s that the contract as written has not", c.ID, id)
	}
	return i
}

func (l *replayLayout) Flow(c *scenario.Contract, measure string) int {
	return l.find(l.series, c, measure)
}
func (l *replayLayout) Level(c *scenario.Contract, measure string) int {
	return l.find(l.series, c, measure)
}
func (l *replayLayout) Amount(c *scenario.Contract, measure string) int {
	return l.find(l.metrics, c, measure)
}
func (l *replayLayout) Quarter(c *scenario.Contract, measure string) int {
	return l.find(l.metrics, c, measure)
}
func (l *replayLayout) Transfer(*scenario.Contract, int)         {}
func (l *replayLayout) Commitment(int)                           {}
func (l *replayLayout) Band(int)                                 {}
func (l *replayLayout) Headline(int)                             {}
func (l *replayLayout) CapBinding(*scenario.Contract, int, bool) {}

var _ contract.FloatLayout = (*replayLayout)(nil)
