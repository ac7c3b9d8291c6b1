package sim

import (
	"errors"

	"dealmodel/backend/copula"
	"dealmodel/backend/scenario"
)

// corrSet is the compiled correlation of a scenario's correlated inputs: which
// inputs, and the factor l of their copula's normal correlation matrix (l·lᵀ = C),
// computed once per Model.
type corrSet struct {
	inputs []int     // indexes into Model.inputs, in file order
	l      []float64 // len(inputs)², row-major
	groups []CorrelationGroup
}

// CorrelationGroup is one correlation group as the scenario gives it.
type CorrelationGroup struct {
	Inputs []string `json:"inputs"`
	Rho    float64  `json:"rho"`
}

// compileCorrelations checks and factorises the scenario's correlation groups.
func (m *Model) compileCorrelations() error {
	u := m.scen.Uncertainty
	if u == nil || len(u.Correlations) == 0 {
		return nil
	}
	paths, corr, err := m.scen.CorrelationMatrix()
	if err != nil {
		var ce *scenario.CorrelationError
		if errors.As(err, &ce) {
			return errorf(EINVALID, "uncertainty.correlations: %s", ce.Msg)
		}
		return err
	}
	n := len(paths)
	l, ok := copula.Factor(corr, n)
	if !ok {
		return errorf(EINVALID, "uncertainty.correlations: the groups ask for correlations that no joint distribution has")
	}
	at := map[string]int{}
	for i := range m.inputs {
		at[m.inputs[i].path] = i
	}
	cs := &corrSet{l: l}
	for k, p := range paths {
		i, ok := at[p]
		if !ok {
			return errorf(EINVALID, "uncertainty.correlations: %s is not an uncertain input", p)
		}
		cs.inputs = append(cs.inputs, i)
		m.inputs[i].corr = k
	}
	for _, g := range u.Correlations {
		cs.groups = append(cs.groups, CorrelationGroup{Inputs: append([]string(nil), g.Inputs...), Rho: g.Rho.InexactFloat64()})
	}
	m.corr = cs
	return nil
}

// Correlations lists the scenario's correlation groups, in file order.
func (m *Model) Correlations() []CorrelationGroup {
	if m.corr == nil {
		return []CorrelationGroup{}
	}
	return m.corr.groups
}

// Extremes of the copula's uniforms: normCDF of a sum of normals can round to 0 or
// 1, where inverse CDFs are infinite.
const (
	uMin = 0x1p-54
	uMax = 1 - 0x1p-53
)

// draw sets w.vals to the base values with run r's draws of every uncertain input.
// Each input takes one uniform number from its own stream; correlated inputs turn
// theirs into standard normals, mix them through the factor (z = l·e) and map them
// back to uniforms (Φ(z)), so that each input keeps its distribution and the group
// gets its rank correlations. Every draw is by inverse CDF.
func (m *Model) draw(w *work, seed uint64, r int) {
	copy(w.vals, m.vals)
	if c := m.corr; c != nil {
		n := len(c.inputs)
		for k, i := range c.inputs {
			w.src.seed(seed, r, m.inputs[i].key)
			w.e[k] = normQuantile(w.src.uniform())
		}
		for k := range n {
			z := 0.0
			row := c.l[k*n : (k+1)*n]
			for j, x := range row {
				z += x * w.e[j]
			}
			w.u[k] = min(max(normCDF(z), uMin), uMax)
		}
	}
	for i := range m.inputs {
		in := &m.inputs[i]
		var u float64
		if in.corr >= 0 {
			u = w.u[in.corr]
		} else {
			w.src.seed(seed, r, in.key)
			u = w.src.uniform()
		}
		w.vals[in.slot] = in.dist.quantile(u)
	}
}
