package app

import (
	"encoding/json"
	"strings"

	"github.com/shopspring/decimal"

	"dealmodel/backend/fault"
	"dealmodel/backend/scenario"
	"dealmodel/backend/sim"
)

// Edit operations of the uncertainty block.
const (
	// OpCorrelations replaces every correlation group: Value is a JSON list of
	// {"inputs": [paths], "rho": "0.8"}; Path is "uncertainty.correlations".
	OpCorrelations = "correlations"
	// OpDistribution sets an uncertain input's distribution to a bernoulli or a
	// discrete one: Path is the field's path, Value is JSON
	// {"dist": "bernoulli", "p": "60%"} or
	// {"dist": "discrete", "values": ["25B", "38B"], "p": ["40%", "60%"]}.
	OpDistribution = "distribution"
)

// CorrelationEdit is one group of an OpCorrelations edit.
type CorrelationEdit struct {
	Inputs []string `json:"inputs"`
	Rho    string   `json:"rho"`
}

// editCorrelations replaces the correlation groups, keeping the sources of
// groups whose inputs are unchanged. A correlation needs format version 2: a
// version 1 working copy is raised to 2, which computes the same.
func editCorrelations(sc *scenario.Scenario, value string) error {
	var groups []CorrelationEdit
	if err := json.Unmarshal([]byte(value), &groups); err != nil {
		return fault.Errorf(fault.Invalid, "correlation groups: expected a list of {inputs, rho}: %v", err)
	}
	if sc.Uncertainty == nil {
		if len(groups) == 0 {
			return nil
		}
		return fault.Errorf(fault.Invalid, "a correlation needs uncertain inputs: give the inputs ranges first")
	}
	old := map[string][]string{}
	for _, g := range sc.Uncertainty.Correlations {
		old[strings.Join(g.Inputs, "\n")] = g.Sources
	}
	var out []scenario.Correlation
	for i, g := range groups {
		rho, err := scenario.ParseRate(strings.TrimSpace(g.Rho))
		if err != nil {
			return fault.Errorf(fault.Invalid, "group %d: rho %q is not a number from -1 to 1", i+1, g.Rho)
		}
		out = append(out, scenario.Correlation{Inputs: append([]string(nil), g.Inputs...), Rho: rho, Sources: old[strings.Join(g.Inputs, "\n")]})
	}
	sc.Uncertainty.Correlations = out
	if len(out) > 0 && sc.Version < 2 {
		sc.Version = 2
	}
	return nil
}

// DistributionEdit is the value of an OpDistribution edit.
type DistributionEdit struct {
	Dist   string   `json:"dist"`
	P      []string `json:"p"`      // bernoulli: one probability; discrete: one per value
	Values []string `json:"values"` // discrete: in the field's syntax
}

// editDistribution makes an input bernoulli or discrete (adding it to the
// uncertain inputs when it is not one), keeping its sources.
func editDistribution(sc *scenario.Scenario, path, value string) error {
	var d DistributionEdit
	if err := json.Unmarshal([]byte(value), &d); err != nil {
		return fault.Errorf(fault.Invalid, "distribution: expected {dist, p, values}: %v", err)
	}
	if _, ok := sc.AnyField(path); !ok {
		return fault.Errorf(fault.Invalid, "%s is not a numeric or quarter field of this scenario", path)
	}
	in := scenario.UncertainInput{Path: path, Dist: d.Dist}
	probs := make([]decimal.Decimal, len(d.P))
	for i, t := range d.P {
		p, err := scenario.ParseRate(strings.TrimSpace(t))
		if err != nil {
			return fault.Errorf(fault.Invalid, "probability %q: write a percentage such as 60%%", t)
		}
		probs[i] = p
	}
	switch d.Dist {
	case scenario.DistBernoulli:
		if len(probs) != 1 {
			return fault.Errorf(fault.Invalid, "a bernoulli distribution has one probability, p")
		}
		in.Params = []scenario.Param{{Name: "p", Value: probs[0]}}
	case scenario.DistDiscrete:
		in.Values = append([]string(nil), d.Values...)
		in.Probs = probs
	default:
		return fault.Errorf(fault.Invalid, "distribution %q: this edit sets bernoulli or discrete distributions", d.Dist)
	}
	if sc.Uncertainty == nil {
		sc.Uncertainty = &scenario.Uncertainty{}
	}
	u := sc.Uncertainty
	for i := range u.Inputs {
		if u.Inputs[i].Path == path {
			in.Sources = u.Inputs[i].Sources
			u.Inputs[i] = in
			sc.Version = max(sc.Version, 2)
			return nil
		}
	}
	u.Inputs = append(u.Inputs, in)
	sc.Version = max(sc.Version, 2)
	return nil
}

// dropDanglingCorrelations keeps only the correlated inputs that are still
// uncertain, and the groups that still have two of them.
func dropDanglingCorrelations(sc *scenario.Scenario) {
	u := sc.Uncertainty
	if u == nil || len(u.Correlations) == 0 {
		return
	}
	uncertain := map[string]bool{}
	for _, in := range u.Inputs {
		uncertain[in.Path] = true
	}
	keep := u.Correlations[:0]
	for _, g := range u.Correlations {
		var ins []string
		for _, p := range g.Inputs {
			if uncertain[p] {
				ins = append(ins, p)
			}
		}
		if len(ins) >= 2 {
			g.Inputs = ins
			keep = append(keep, g)
		}
	}
	u.Correlations = keep
}

// CorrelationView is one correlation group as the uncertainty view shows it.
type CorrelationView = sim.Correlation

// describeDistributions adds to a simulation's view what the scenario says of its
// inputs beyond the simulation: the distributions' own terms (a bernoulli's p, a
// discrete input's values).
func describeDistributions(sc *scenario.Scenario, v *SimulationView) {
	u := sc.Uncertainty
	if u == nil {
		return
	}
	for i := range v.Inputs {
		in := &v.Inputs[i]
		in.Values, in.Probs = []string{}, []string{}
		for _, src := range u.Inputs {
			if src.Path != in.Path {
				continue
			}
			switch src.Dist {
			case scenario.DistBernoulli:
				if p, ok := src.Get("p"); ok {
					in.P = scenario.FormatRate(p)
				}
			case scenario.DistDiscrete:
				in.Values = append(in.Values, src.Values...)
				for _, p := range src.Probs {
					in.Probs = append(in.Probs, scenario.FormatRate(p))
				}
			}
		}
	}
}
