package contract

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"dealmodel/backend/scenario"
)

// commitment spreads a committed total over whole contract years, evenly, ramping
// or by custom weights, from a payer (the buyer) to a payee (the provider).
type commitment struct{}

var profiles = []string{scenario.ProfileEven, scenario.ProfileRamp, scenario.ProfileCustom}

func (commitment) Name() string          { return scenario.TypeCommitment }
func (commitment) MovesMoney() bool      { return true }
func (commitment) Keys() []string        { return []string{"total", "from", "years", "profile", "weights"} }
func (commitment) NumericKeys() []string { return []string{"total", "years", "weights.<n>"} }
func (commitment) Describe() Description {
	return Description{Title: "Commitment", Template: "Compute commitment", About: "A total spread over contract years: even, ramp or custom weights.",
		Scenario: &ScenarioTemplate{ID: "compute", Label: "Compute commitment", About: "A multi-year compute commitment to a provider."}}
}

func (commitment) Template(c *scenario.Contract, env TemplateEnv) {
	c.Label, c.Payer, c.Payee = "Compute commitment", env.Party, "Provider"
	c.Total, c.Years, c.Profile = dec("50000000000"), 5, scenario.ProfileEven
}

func (commitment) Decode(d *scenario.ContractDecoder, c *scenario.Contract) {
	if d.Need("total", "add total: the committed amount, such as 38B") {
		c.Total, _ = d.Amount("total")
	}
	if d.Need("years", "add years: the contract's length in whole years, such as 7") {
		if v, ok := d.Integer("years"); ok {
			if v < 1 || v > 100 {
				d.Errorf("years", "years must be a whole number from 1 to 100, found %d", v)
			} else {
				c.Years = int(v)
			}
		}
	}
	c.Profile = scenario.ProfileEven
	if v, ok := d.Str("profile"); ok {
		if !contains(profiles, v) {
			d.Errorf("profile", "unknown profile %q: valid profiles are even, ramp, custom", v)
		}
		c.Profile = v
	}
	c.Weights = d.Numbers("weights", "a list of weights, one per contract year, such as [1, 2, 3]")
}

func (commitment) Check(k *scenario.ContractCheck, c *scenario.Contract) {
	k.Amount("total", c.Total)
	switch c.Profile {
	case scenario.ProfileCustom:
		if len(c.Weights) != c.Years {
			k.Errorf("weights", "profile custom needs one weight per contract year: %d years, %d weights", c.Years, len(c.Weights))
		}
		sum := decimal.Zero
		for i, w := range c.Weights {
			if w.IsNegative() {
				k.Errorf(fmt.Sprintf("weights.%d", i+1), "weight %s is negative: weights are 0 or more", w)
			}
			sum = sum.Add(w)
		}
		if sum.IsZero() && len(c.Weights) > 0 {
			k.Errorf("weights", "the weights add up to 0: at least one year needs a positive weight")
		}
	default:
		if len(c.Weights) > 0 {
			k.Errorf("weights", "weights apply only with profile: custom (this contract's profile is %s)", c.Profile)
		}
	}
}

func (commitment) Encode(w *scenario.ContractWriter, c *scenario.Contract) {
	w.Line("total", scenario.FormatAmount(c.Total))
	w.FromUntil(false)
	w.Line("years", fmt.Sprint(c.Years))
	w.Line("profile", c.Profile)
	if len(c.Weights) > 0 {
		parts := make([]string, len(c.Weights))
		for i, v := range c.Weights {
			parts[i] = v.String()
		}
		w.Line("weights", "["+strings.Join(parts, ", ")+"]")
	}
}

var (
	minYears = decimal.NewFromInt(1)
	maxYears = decimal.NewFromInt(100)
)

func (commitment) Fields(c *scenario.Contract, add scenario.FieldFunc) {
	add("total", scenario.KindAmount, "total", c.Total, ptrZero, nil)
	lo, hi := minYears, maxYears
	add("years", scenario.KindInteger, "years", decimal.NewFromInt(int64(c.Years)), &lo, &hi)
	for k, w := range c.Weights {
		add(fmt.Sprintf("weights.%d", k+1), scenario.KindNumber, fmt.Sprintf("weight of year %d", k+1), w, ptrZero, nil)
	}
}

func (commitment) Ref(c *scenario.Contract, parts []string) (scenario.FieldRef, string) {
	switch {
	case len(parts) == 1 && parts[0] == "total":
		return scenario.FieldRef{Kind: scenario.KindAmount, Ptr: &c.Total}, ""
	case len(parts) == 1 && parts[0] == "years":
		return scenario.FieldRef{Kind: scenario.KindInteger, Set: func(v decimal.Decimal) { setYears(c, int(v.IntPart())) }}, ""
	case len(parts) == 2 && parts[0] == "weights":
		k, err := strconv.Atoi(parts[1])
		if err != nil || k < 1 || k > len(c.Weights) {
			return scenario.FieldRef{}, fmt.Sprintf("contract %s has weights 1..%d", c.ID, len(c.Weights))
		}
		return scenario.FieldRef{Kind: scenario.KindNumber, Ptr: &c.Weights[k-1]}, ""
	}
	return scenario.FieldRef{}, ""
}

// setYears changes the length and keeps custom weights consistent with it: extend
// with the last weight, or drop the last ones.
func setYears(c *scenario.Contract, years int) {
	c.Years = years
	if c.Profile == scenario.ProfileCustom {
		for len(c.Weights) < c.Years {
			c.Weights = append(c.Weights, c.Weights[len(c.Weights)-1])
		}
		c.Weights = c.Weights[:c.Years]
	}
}

var four = decimal.NewFromInt(4)

func (commitment) Eval(c *scenario.Contract, l Ledger) error {
	weights := make([]decimal.Decimal, c.Years)
	sum := decimal.Zero
	for k := range c.Years {
		switch c.Profile {
		case scenario.ProfileRamp:
			weights[k] = decimal.NewFromInt(int64(k + 1))
		case scenario.ProfileCustom:
			if k >= len(c.Weights) {
				return fmt.Errorf("contract %s: %d weights for %d years", c.ID, len(c.Weights), c.Years)
			}
			weights[k] = c.Weights[k]
		default:
			weights[k] = one
		}
		sum = sum.Add(weights[k])
	}
	if sum.Sign() <= 0 {
		return fmt.Errorf("contract %s: the weights add up to %s", c.ID, sum)
	}
	den := sum.Mul(four)
	n, start, end := l.N(), l.Start(), l.End()
	paid := zeros(n)
	inside, outside := decimal.Zero, decimal.Zero
	for k := range c.Years {
		// One division per contract year: paid(q) = total × w_k / Σw / 4.
		perQuarter := l.Div(c.Total.Mul(weights[k]), den)
		in := int64(0)
		for j := range 4 {
			if q := c.From + scenario.Quarter(4*k+j); q >= start && q <= end {
				paid[q-start] = perQuarter
				in++
			}
		}
		if in > 0 {
			inside = inside.Add(perQuarter.Mul(decimal.NewFromInt(in)))
		}
		if in < 4 {
			outside = outside.Add(perQuarter.Mul(decimal.NewFromInt(4 - in)))
		}
	}
	flowContract(c, l, paid, inside, outside)
	l.Commitment(paid, outside)
	return nil
}

// flowContract records the series and summary shared by commitments and payments.
func flowContract(c *scenario.Contract, l Ledger, paid []decimal.Decimal, inside, outside decimal.Decimal) {
	l.Flow(c, "paid", "paid", paid)
	l.Amount(c, "total_paid", "total paid inside the horizon", inside)
	l.Amount(c, "outside_horizon", "part outside the horizon", outside)
	l.Amount(c, "npv", "net present value", l.NPV(paid, inside))
	l.Transfer(c, paid)
}

// compileFlow lays out the series and metrics flowContract adds; it returns the
// paid row and the first metric.
func compileFlow(c *scenario.Contract, l FloatLayout) (row, metric int) {
	row = l.Flow(c, "paid")
	metric = l.Amount(c, "total_paid")
	l.Amount(c, "outside_horizon")
	l.Amount(c, "npv")
	l.Transfer(c, row)
	l.Band(row)
	return row, metric
}

func (commitment) Compile(c *scenario.Contract, l FloatLayout) (FloatProgram, error) {
	p := &commitmentProgram{c: c, from: int(c.From - l.Start())}
	p.total = l.Slot(c, "total")
	p.years = l.Slot(c, "years")
	if c.Profile == scenario.ProfileCustom {
		for k := range c.Weights {
			p.weights = append(p.weights, l.Slot(c, fmt.Sprintf("weights.%d", k+1)))
		}
	}
	p.paid, p.metric = compileFlow(c, l)
	l.Commitment(p.paid)
	return p, nil
}

type commitmentProgram struct {
	c            *scenario.Contract
	from         int
	total, years int   // slots
	weights      []int // slots of custom weights
	paid, metric int
}

// Eval spreads the total over the contract years by weight. A drawn number of
// years shorter than the custom weights drops the last weights; a longer one
// repeats the last weight, as setYears does.
func (p *commitmentProgram) Eval(w *FloatWork) error {
	n := w.N
	v := w.Vals
	c := p.c
	years := int(v[p.years])
	weight := func(k int) float64 {
		switch c.Profile {
		case scenario.ProfileRamp:
			return float64(k + 1)
		case scenario.ProfileCustom:
			return v[p.weights[min(k, len(p.weights)-1)]]
		}
		return 1
	}
	sum := 0.0
	for k := range years {
		sum += weight(k)
	}
	if !(sum > 0) {
		return fmt.Errorf("contract %s: the weights add up to %g", c.ID, sum)
	}
	den := sum * 4
	total := v[p.total]
	paid := w.Row(p.paid)
	inside, outside := 0.0, 0.0
	for k := range years {
		per := total * weight(k) / den
		for j := range 4 {
			q := p.from + 4*k + j
			if q >= 0 && q < n {
				paid[q] = per
				inside += per
			} else {
				outside += per
			}
		}
	}
	w.Metrics[p.metric] = inside
	w.Metrics[p.metric+1] = outside
	w.Metrics[p.metric+2] = w.NPV(paid, inside)
	w.CommitOutside += outside
	return nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func (commitment) Parties(c *scenario.Contract) string { return payerToPayee(c) }

func (commitment) Terms(s *scenario.Scenario, c *scenario.Contract) string {
	t := fmt.Sprintf("%s over %d years from %s", scenario.FormatAmount(c.Total), c.Years, c.From)
	switch c.Profile {
	case scenario.ProfileRamp:
		t += ", ramping (weights 1.." + fmt.Sprint(c.Years) + ")"
	case scenario.ProfileCustom:
		ws := make([]string, len(c.Weights))
		for i, w := range c.Weights {
			ws[i] = w.String()
		}
		t += ", yearly weights " + strings.Join(ws, ", ")
	default:
		t += ", even"
	}
	return t
}

func (commitment) Views(s *scenario.Scenario, c *scenario.Contract, m Metrics) Views {
	return Views{ComputeSpend: true, Committed: c.Total}
}

func (commitment) Inputs(c *scenario.Contract) []scenario.ContractInput {
	out := []scenario.ContractInput{number("total", "Total"), date("from", "From", c.From), number("years", "Years")}
	for k := range c.Weights {
		out = append(out, number(fmt.Sprintf("weights.%d", k+1), fmt.Sprintf("Weight of year %d", k+1)))
	}
	return out
}

func (k commitment) SetDate(c *scenario.Contract, key string, q scenario.Quarter) bool {
	return k.SetQuarter(c, key, q)
}

// SetText sets the profile; a custom profile starts from the weights the previous
// profile gave (1 each, or 1, 2, 3… for a ramp).
func (commitment) SetText(s *scenario.Scenario, c *scenario.Contract, key, v string) (bool, error) {
	if key != "profile" {
		return false, nil
	}
	switch v {
	case scenario.ProfileEven, scenario.ProfileRamp:
		c.Weights = nil
	case scenario.ProfileCustom:
		if c.Profile != scenario.ProfileCustom {
			c.Weights = make([]decimal.Decimal, c.Years)
			for k := range c.Weights {
				c.Weights[k] = decimal.NewFromInt(1)
				if c.Profile == scenario.ProfileRamp {
					c.Weights[k] = decimal.NewFromInt(int64(k + 1))
				}
			}
		}
	default:
		return true, fmt.Errorf("profile %q: use even, ramp or custom", v)
	}
	c.Profile = v
	return true, nil
}

func (commitment) Add(c *scenario.Contract, key, text string) (bool, error) { return false, nil }
func (commitment) Remove(c *scenario.Contract, key string) bool             { return false }
func (commitment) Optional(c *scenario.Contract) []scenario.OptionalPart    { return nil }
func (commitment) Detail(c *scenario.Contract) string                       { return moneyDetail(c) }
func (commitment) Uses(c *scenario.Contract) []string                       { return nil }

func (commitment) Quarters(c *scenario.Contract, add func(key, label string, q scenario.Quarter)) {
	add("from", "from", c.From)
}

func (commitment) SetQuarter(c *scenario.Contract, key string, q scenario.Quarter) bool {
	if key != "from" {
		return false
	}
	c.From, c.FromSet = q, true
	return true
}
