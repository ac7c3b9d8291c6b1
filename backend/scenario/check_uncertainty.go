package scenario

import (
	"errors"
	"fmt"
	"strings"

	"dealmodel/backend/copula"

	"github.com/shopspring/decimal"

	"dealmodel/backend/fault"
)

// ParseFieldValue reads a value of a field's kind in the file's syntax: an amount
// (38B), a rate (20% or 0.2), a whole number (years) or a plain number (weights).
func ParseFieldValue(kind FieldKind, text string) (decimal.Decimal, error) {
	t := strings.TrimSpace(text)
	switch kind {
	case KindAmount:
		return ParseAmount(t)
	case KindRate:
		return ParseRate(t)
	case KindInteger:
		v, err := parseNumber(t)
		if err != nil || !v.IsInteger() {
			return v, fault.Errorf(fault.Invalid, "%q is not a whole number", text)
		}
		return v, nil
	}
	v, err := parseNumber(t)
	if err != nil {
		return v, fault.Errorf(fault.Invalid, "%q is not a number", text)
	}
	return v, nil
}

// DiscreteValues returns a discrete input's values read in the syntax of its
// field's kind, with an error for the first that is not valid.
func (u *UncertainInput) DiscreteValues(kind FieldKind) ([]decimal.Decimal, error) {
	out := make([]decimal.Decimal, len(u.Values))
	for i, t := range u.Values {
		var v decimal.Decimal
		var err error
		if kind == KindQuarter {
			var q Quarter
			q, err = ParseQuarter(strings.TrimSpace(t), QuarterEndOfYear(u.Path))
			v = decimal.NewFromInt(int64(q))
		} else {
			v, err = ParseFieldValue(kind, t)
		}
		if err != nil {
			return nil, fault.Errorf(fault.Invalid, "value %d: %w", i+1, err)
		}
		out[i] = v
	}
	return out, nil
}

func checkBernoulli(report reportFunc, path string, in *UncertainInput, f Field) {
	if f.Kind != KindAmount && f.Kind != KindRate {
		report(path, "a bernoulli distribution applies to amount and rate fields (it keeps the written value or makes it 0); %s is a %s field", f.Path, f.Kind)
		return
	}
	p, ok := in.Get("p")
	if !ok {
		report(path, "missing: a bernoulli distribution needs p, the probability of keeping the written value, such as {dist: bernoulli, p: 60%%}")
		return
	}
	if p.IsNegative() || p.GreaterThan(one) {
		report(path+".p", "%s is not a probability: p runs from 0%% to 100%%", FormatRate(p))
	}
	if f.Min != nil && f.Min.IsPositive() {
		report(path, "a bernoulli distribution makes the field 0, below its range: %s", describeRange(f.Kind, f.Min, f.Max))
	}
}

func checkDiscrete(report reportFunc, path string, in *UncertainInput, f Field) {
	if len(in.Values) == 0 || len(in.Values) != len(in.Probs) {
		return // reported while decoding
	}
	for i, t := range in.Values {
		vp := fmt.Sprintf("%s.values.%d", path, i+1)
		v, err := ParseFieldValue(f.Kind, t)
		if err != nil {
			report(vp, "%s (a discrete input's values are written like the field itself, %s)", err, kindExample(f.Kind))
			continue
		}
		if f.Min != nil && v.LessThan(*f.Min) || f.Max != nil && v.GreaterThan(*f.Max) {
			report(vp, "%s is outside the field's range: %s", FormatValue(f.Kind, v), describeRange(f.Kind, f.Min, f.Max))
		}
	}
	checkProbs(report, path, in)
}

// checkProbs checks a discrete input's probabilities: each from 0% to 100%, all
// adding up to exactly 100%.
func checkProbs(report reportFunc, path string, in *UncertainInput) {
	sum := decimal.Zero
	for i, p := range in.Probs {
		if p.IsNegative() || p.GreaterThan(one) {
			report(fmt.Sprintf("%s.p.%d", path, i+1), "%s is not a probability: each p runs from 0%% to 100%%", FormatRate(p))
		}
		sum = sum.Add(p)
	}
	if !sum.Equal(one) {
		report(path+".p", "the probabilities add up to %s: they must add up to exactly 100%%", FormatRate(sum))
	}
}

func kindExample(k FieldKind) string {
	switch k {
	case KindAmount:
		return "an amount such as 38B"
	case KindRate:
		return "a rate such as 20%"
	case KindInteger:
		return "a whole number such as 7"
	}
	return "a number such as 1.5"
}

// checkCorrelations checks the correlation groups: each names at least two
// distinct uncertain inputs, rho lies in -1..1, a pair in two groups gets the same
// rho from both, and the groups together are possible (the normal correlation
// matrix of the copula is positive semi-definite).
func (s *Scenario) checkCorrelations(report reportFunc) {
	u := s.Uncertainty
	if len(u.Correlations) == 0 {
		return
	}
	uncertain := map[string]bool{}
	for _, in := range u.Inputs {
		uncertain[in.Path] = true
	}
	valid := true
	for gi, g := range u.Correlations {
		gp := fmt.Sprintf("uncertainty.correlations.%d", gi+1)
		if g.Rho.LessThan(minusOne) || g.Rho.GreaterThan(one) {
			report(gp+".rho", "rho %s is out of range: a rank correlation runs from -1 to 1", g.Rho)
			valid = false
		}
		if len(g.Inputs) < 2 {
			report(gp+".inputs", "a correlation group needs at least two uncertain inputs, found %d", len(g.Inputs))
			valid = false
		}
		seen := map[string]bool{}
		for k, p := range g.Inputs {
			ip := fmt.Sprintf("%s.inputs.%d", gp, k+1)
			switch {
			case seen[p]:
				report(ip, "%s is listed twice in this group", p)
				valid = false
			case !uncertain[p]:
				report(ip, "%s is not an uncertain input: list it under uncertainty.inputs with a distribution first", p)
				valid = false
			}
			seen[p] = true
		}
	}
	if !valid {
		return
	}
	_, _, err := s.CorrelationMatrix()
	if err != nil {
		var ce *CorrelationError
		if errors.As(err, &ce) {
			// The message as the format: quoted arguments are clipped, and it names every group.
			report(fmt.Sprintf("uncertainty.correlations.%d", ce.Groups[0]+1), strings.ReplaceAll(ce.Msg, "%", "%%"))
		}
	}
}

// CorrelationError is a set of correlation groups that cannot hold together.
type CorrelationError struct {
	Groups []int // 0-based indexes into Uncertainty.Correlations
	Msg    string
}

func (e *CorrelationError) Error() string { return e.Msg }

// CorrelationMatrix returns the uncertain inputs that sit in a correlation group
// (in the order of Uncertainty.Inputs) and the correlation matrix of their
// copula's normals (row-major): 2·sin(π·rho/6) for each pair in a group, 0 for a
// pair in none. It fails with *CorrelationError when two groups give one pair
// different rhos, or when the matrix is not positive semi-definite.
func (s *Scenario) CorrelationMatrix() (paths []string, corr []float64, err error) {
	u := s.Uncertainty
	if u == nil || len(u.Correlations) == 0 {
		return nil, nil, nil
	}
	member := map[string]bool{}
	for _, g := range u.Correlations {
		for _, p := range g.Inputs {
			member[p] = true
		}
	}
	idx := map[string]int{}
	for _, in := range u.Inputs {
		if member[in.Path] {
			idx[in.Path] = len(paths)
			paths = append(paths, in.Path)
		}
	}
	n := len(paths)
	corr = make([]float64, n*n)
	from := make([]int, n*n) // the group that set each pair, -1 for none
	for i := range from {
		from[i] = -1
	}
	for i := range n {
		corr[i*n+i] = 1
	}
	for gi, g := range u.Correlations {
		rho := g.Rho.InexactFloat64()
		r := copula.NormalCorr(rho)
		for a := range g.Inputs {
			for b := a + 1; b < len(g.Inputs); b++ {
				i, ok1 := idx[g.Inputs[a]]
				j, ok2 := idx[g.Inputs[b]]
				if !ok1 || !ok2 || i == j {
					continue
				}
				if prev := from[i*n+j]; prev >= 0 && !u.Correlations[prev].Rho.Equal(g.Rho) {
					return nil, nil, &CorrelationError{Groups: []int{prev, gi}, Msg: fmt.Sprintf(
						"groups %d and %d both correlate %s and %s, with rho %s and %s: give each pair one rho",
						prev+1, gi+1, g.Inputs[a], g.Inputs[b], u.Correlations[prev].Rho, g.Rho)}
				}
				corr[i*n+j], corr[j*n+i] = r, r
				from[i*n+j], from[j*n+i] = gi, gi
			}
		}
	}
	if low := copula.MinEigen(corr, n); low < -copula.Tolerance {
		// Name the groups of the connected inputs that fail together.
		groups := s.failingGroups(paths, idx, corr, n)
		names := make([]string, len(groups))
		for k, g := range groups {
			names[k] = fmt.Sprintf("%d (%s, rho %s)", g+1, strings.Join(u.Correlations[g].Inputs, ", "), u.Correlations[g].Rho)
		}
		return nil, nil, &CorrelationError{Groups: groups, Msg: fmt.Sprintf(
			"correlation groups %s cannot all hold: no joint distribution has these rank correlations (their correlation matrix is not positive semi-definite; its smallest eigenvalue is %.3g). Weaken or remove one of the groups",
			strings.Join(names, "; "), low)}
	}
	return paths, corr, nil
}

// failingGroups returns the groups, in file order, of the connected sets of
// correlated inputs whose own matrix is not positive semi-definite.
func (s *Scenario) failingGroups(paths []string, idx map[string]int, corr []float64, n int) []int {
	comp := make([]int, n)
	for i := range comp {
		comp[i] = i
	}
	find := func(i int) int {
		for comp[i] != i {
			i = comp[i]
		}
		return i
	}
	for i := range n {
		for j := i + 1; j < n; j++ {
			if corr[i*n+j] != 0 {
				comp[find(i)] = find(j)
			}
		}
	}
	bad := map[int]bool{}
	for root := range n {
		if find(root) != root {
			continue
		}
		var members []int
		for i := range n {
			if find(i) == root {
				members = append(members, i)
			}
		}
		k := len(members)
		sub := make([]float64, k*k)
		for a, i := range members {
			for b, j := range members {
				sub[a*k+b] = corr[i*n+j]
			}
		}
		if copula.MinEigen(sub, k) < -copula.Tolerance {
			bad[root] = true
		}
	}
	var out []int
	for gi, g := range s.Uncertainty.Correlations {
		for _, p := range g.Inputs {
			if i, ok := idx[p]; ok && bad[find(i)] {
				out = append(out, gi)
				break
			}
		}
	}
	if len(out) == 0 {
		for gi := range s.Uncertainty.Correlations {
			out = append(out, gi)
		}
	}
	return out
}
