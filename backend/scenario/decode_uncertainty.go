package scenario

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// discrete reads a discrete distribution's values and probabilities. The values
// stay as written: their syntax is the field's (an amount, a rate, a number or a
// quarter), which check() knows and reads them by.
func (d *decoder) discrete(f map[string]*node, path string, in *UncertainInput) {
	const example = "such as {dist: discrete, values: [2026Q3, 2027Q4], p: [40%, 60%]}"
	vn, okV := f["values"]
	pn, okP := f["p"]
	if !okV {
		d.errf(d.at(path), join(path, "values"), "missing: a discrete distribution needs values and p, %s", example)
	}
	if !okP {
		d.errf(d.at(path), join(path, "p"), "missing: a discrete distribution needs values and p, %s", example)
	}
	if !okV || !okP {
		return
	}
	list := func(n *node, p string) ([]*node, bool) {
		if n.kind != sequenceNode || len(n.items) == 0 {
			d.errf(n, p, "expected a list of one or more values, %s, found %s", example, n.describe())
			return nil, false
		}
		return n.items, true
	}
	vs, ok1 := list(vn, join(path, "values"))
	ps, ok2 := list(pn, join(path, "p"))
	if !ok1 || !ok2 {
		return
	}
	for i, it := range vs {
		ip := fmt.Sprintf("%s.values.%d", path, i+1)
		d.pos[ip] = it
		if it.kind != scalarNode || (it.scalar != numberScalar && it.scalar != stringScalar) {
			d.errf(it, ip, "expected a value in the field's syntax (38B, 20%%, 2027Q4), found %s", it.describe())
			continue
		}
		in.Values = append(in.Values, it.text)
	}
	for i, it := range ps {
		ip := fmt.Sprintf("%s.p.%d", path, i+1)
		d.pos[ip] = it
		if v, ok := d.rate(it, ip); ok {
			in.Probs = append(in.Probs, v)
		}
	}
	if len(vs) != len(ps) {
		d.errf(pn, join(path, "p"), "%d values but %d probabilities: give one probability per value", len(vs), len(ps))
	}
}

var correlationKeys = []string{"inputs", "rho", "source", "sources"}

// correlations reads the list of correlation groups. Whether the paths are
// uncertain inputs, and whether the groups together are possible, is check()'s.
func (d *decoder) correlations(n *node) []Correlation {
	const path = "uncertainty.correlations"
	if n.kind != sequenceNode {
		d.errf(n, path, "expected a list of groups such as - {inputs: [streams.rev.annual.2027, streams.rev.annual.2028], rho: 0.8}, found %s", n.describe())
		return nil
	}
	var out []Correlation
	for i, it := range n.items {
		gp := fmt.Sprintf("%s.%d", path, i+1)
		d.pos[gp] = it
		if it.kind == mappingNode && len(it.pairs) > 0 {
			d.pos[gp] = it.pairs[0].key // a mapping's own position is its first colon
		}
		f := d.fields(it, gp, correlationKeys, nil)
		if f == nil {
			continue
		}
		var g Correlation
		if in, ok := f["inputs"]; !ok {
			d.errf(it, join(gp, "inputs"), "missing: list the uncertain inputs of the group, at least two")
		} else if in.kind != sequenceNode {
			d.errf(in, join(gp, "inputs"), "expected a list of uncertain inputs' paths, found %s", in.describe())
		} else {
			for k, p := range in.items {
				ip := fmt.Sprintf("%s.inputs.%d", gp, k+1)
				d.pos[ip] = p
				if s, ok := d.str(p, ip); ok {
					g.Inputs = append(g.Inputs, s)
				}
			}
		}
		if r, ok := f["rho"]; !ok {
			d.errf(it, join(gp, "rho"), "missing: give rho, the rank correlation from -1 to 1, such as rho: 0.8")
		} else if r.kind != scalarNode || (r.scalar != numberScalar && r.scalar != stringScalar) {
			d.errf(r, join(gp, "rho"), "expected a number from -1 to 1, found %s", r.describe())
		} else if v, err := parseRho(r.text); err != nil {
			d.errf(r, join(gp, "rho"), "%q is not a number: write a rank correlation from -1 to 1, such as 0.8", r.text)
		} else {
			g.Rho = v
		}
		g.Sources = d.sources(f, gp)
		out = append(out, g)
	}
	return out
}

// parseRho reads a correlation: a plain number, or a percentage (80%).
func parseRho(s string) (decimal.Decimal, error) {
	return ParseRate(s)
}
