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

// What the type does beyond a scenario.ContractType: it edits by path beyond its
// numeric fields, and its profile is chosen from a list.
var (
	_ scenario.ContractEditor = commitment{}
	_ Chooser                 = commitment{}
)

// Commitment profiles.
const (
	ProfileEven   = "even"
	ProfileRamp   = "ramp"
	ProfileCustom = "custom"
)

var profiles = []string{ProfileEven, ProfileRamp, ProfileCustom}

// CommitmentTerms are a commitment's terms, in Contract.Ext: the total, spread
// over whole contract years by a profile (custom: by its weights).
type CommitmentTerms struct {
	Total   decimal.Decimal
	Years   int
	Profile string
	Weights []decimal.Decimal // custom only
}

// Clone implements scenario.ContractExt.
func (t *CommitmentTerms) Clone() scenario.ContractExt {
	c := *t
	c.Weights = append([]decimal.Decimal(nil), t.Weights...)
	return &c
}

// Commitment returns a commitment's terms (see termsOf).
func Commitment(c *scenario.Contract) *CommitmentTerms { return termsOf[CommitmentTerms](c) }

func (commitment) Name() string          { return "commitment" }
func (commitment) MovesMoney() bool      { return true }
func (commitment) Keys() []string        { return []string{"total", "from", "years", "profile", "weights"} }
func (commitment) NumericKeys() []string { return []string{"total", "years", "weights.<n>"} }
func (commitment) Describe() Description {
	return Description{Title: "Commitment", Template: "Compute commitment", About: "A total spread over contract years: even, ramp or custom weights.",
		Scenario: &ScenarioTemplate{ID: "compute", Label: "Compute commitment", About: "A multi-year compute commitment to a provider."}}
}

func (commitment) Template(c *scenario.Contract, env TemplateEnv) {
	c.Label, c.Payer, c.Payee = "Compute commitment", env.Party, "Provider"
	Commitment(c).Total, Commitment(c).Years, Commitment(c).Profile = dec("50000000000"), 5, ProfileEven
}

func (commitment) Decode(d *scenario.ContractDecoder, c *scenario.Contract) {
	Commitment(c) // the terms, even when a key is missing
	if d.Need("total", "add total: the committed amount, such as 38B") {
		Commitment(c).Total, _ = d.Amount("total")
	}
	if d.Need("years", "add years: the contract's length in whole years, such as 7") {
		if v, ok := d.Integer("years"); ok {
			if v < 1 || v > 100 {
				d.Errorf("years", "years must be a whole number from 1 to 100, found %d", v)
			} else {
				Commitment(c).Years = int(v)
			}
		}
	}
	Commitment(c).Profile = ProfileEven
	if v, ok := d.Str("profile"); ok {
		if !contains(profiles, v) {
			d.Errorf("profile", "unknown profile %q: valid profiles are even, ramp, custom", v)
		}
		Commitment(c).Profile = v
	}
	Commitment(c).Weights = d.Numbers("weights", "a list of weights, one per contract year, such as [1, 2, 3]")
}

func (commitment) Check(k *scenario.ContractCheck, c *scenario.Contract) {
	k.Amount("total", Commitment(c).Total)
	switch Commitment(c).Profile {
	case ProfileCustom:
		if len(Commitment(c).Weights) != Commitment(c).Years {
			k.Errorf("weights", "profile custom needs one weight per contract year: %d years, %d weights", Commitment(c).Years, len(Commitment(c).Weights))
		}
		sum := decimal.Zero
		for i, w := range Commitment(c).Weights {
			if w.IsNegative() {
				k.Errorf(fmt.Sprintf("weights.%d", i+1), "weight %s is negative: weights are 0 or more", w)
			}
			sum = sum.Add(w)
		}
		if sum.IsZero() && len(Commitment(c).Weights) > 0 {
			k.Errorf("weights", "the weights add up to 0: at least one year needs a positive weight")
		}
	default:
		if len(Commitment(c).Weights) > 0 {
			k.Errorf("weights", "weights apply only with profile: custom (this contract's profile is %s)", Commitment(c).Profile)
		}
	}
}

func (commitment) Encode(w *scenario.ContractWriter, c *scenario.Contract) {
	w.Line("total", scenario.FormatAmount(Commitment(c).Total))
	w.FromUntil(false)
	w.Line("years", fmt.Sprint(Commitment(c).Years))
	w.Line("profile", Commitment(c).Profile)
	if len(Commitment(c).Weights) > 0 {
		parts := make([]string, len(Commitment(c).Weights))
		for i, v := range Commitment(c).Weights {
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
	add("total", scenario.KindAmount, "total", Commitment(c).Total, ptrZero, nil)
	lo, hi := minYears, maxYears
	add("years", scenario.KindInteger, "years", decimal.NewFromInt(int64(Commitment(c).Years)), &lo, &hi)
	for k, w := range Commitment(c).Weights {
		n := strconv.Itoa(k + 1)
		add("weights."+n, scenario.KindNumber, "weight of year "+n, w, ptrZero, nil)
	}
}

func (commitment) Ref(c *scenario.Contract, parts []string) (scenario.FieldRef, string) {
	switch {
	case len(parts) == 1 && parts[0] == "total":
		return scenario.FieldRef{Kind: scenario.KindAmount, Ptr: &Commitment(c).Total}, ""
	case len(parts) == 1 && parts[0] == "years":
		return scenario.FieldRef{Kind: scenario.KindInteger, Set: func(v decimal.Decimal) { setYears(c, int(v.IntPart())) }}, ""
	case len(parts) == 2 && parts[0] == "weights":
		k, err := strconv.Atoi(parts[1])
		if err != nil || k < 1 || k > len(Commitment(c).Weights) {
			return scenario.FieldRef{}, fmt.Sprintf("contract %s has weights 1..%d", c.ID, len(Commitment(c).Weights))
		}
		return scenario.FieldRef{Kind: scenario.KindNumber, Ptr: &Commitment(c).Weights[k-1]}, ""
	}
	return scenario.FieldRef{}, ""
}

// setYears changes the length and keeps custom weights consistent with it: extend
// with the last weight, or drop the last ones.
func setYears(c *scenario.Contract, years int) {
	Commitment(c).Years = years
	if Commitment(c).Profile == ProfileCustom {
		for len(Commitment(c).Weights) < Commitment(c).Years {
			Commitment(c).Weights = append(Commitment(c).Weights, Commitment(c).Weights[len(Commitment(c).Weights)-1])
		}
		Commitment(c).Weights = Commitment(c).Weights[:Commitment(c).Years]
	}
}

var four = decimal.NewFromInt(4)

func (commitment) Eval(c *scenario.Contract, l Ledger) error {
	weights := make([]decimal.Decimal, Commitment(c).Years)
	sum := decimal.Zero
	for k := range Commitment(c).Years {
		switch Commitment(c).Profile {
		case ProfileRamp:
			weights[k] = decimal.NewFromInt(int64(k + 1))
		case ProfileCustom:
			if k >= len(Commitment(c).Weights) {
				return fmt.Errorf("contract %s: %d weights for %d years", c.ID, len(Commitment(c).Weights), Commitment(c).Years)
			}
			weights[k] = Commitment(c).Weights[k]
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
	for k := range Commitment(c).Years {
		// One division per contract year: paid(q) = total × w_k / Σw / 4.
		perQuarter := l.Div(Commitment(c).Total.Mul(weights[k]), den)
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
	if Commitment(c).Profile == ProfileCustom {
		for k := range Commitment(c).Weights {
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
		switch Commitment(c).Profile {
		case ProfileRamp:
			return float64(k + 1)
		case ProfileCustom:
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
	t := fmt.Sprintf("%s over %d years from %s", scenario.FormatAmount(Commitment(c).Total), Commitment(c).Years, c.From)
	switch Commitment(c).Profile {
	case ProfileRamp:
		t += ", ramping (weights 1.." + fmt.Sprint(Commitment(c).Years) + ")"
	case ProfileCustom:
		ws := make([]string, len(Commitment(c).Weights))
		for i, w := range Commitment(c).Weights {
			ws[i] = w.String()
		}
		t += ", yearly weights " + strings.Join(ws, ", ")
	default:
		t += ", even"
	}
	return t
}

func (commitment) Views(s *scenario.Scenario, c *scenario.Contract, m Metrics) Views {
	return Views{ComputeSpend: true, Committed: Commitment(c).Total}
}

func (commitment) Inputs(c *scenario.Contract) []scenario.ContractInput {
	out := []scenario.ContractInput{number("total", "Total"), date("from", "From", c.From), number("years", "Years")}
	for k := range Commitment(c).Weights {
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
	case ProfileEven, ProfileRamp:
		Commitment(c).Weights = nil
	case ProfileCustom:
		if Commitment(c).Profile != ProfileCustom {
			Commitment(c).Weights = make([]decimal.Decimal, Commitment(c).Years)
			for k := range Commitment(c).Weights {
				Commitment(c).Weights[k] = decimal.NewFromInt(1)
				if Commitment(c).Profile == ProfileRamp {
					Commitment(c).Weights[k] = decimal.NewFromInt(int64(k + 1))
				}
			}
		}
	default:
		return true, fmt.Errorf("profile %q: use even, ramp or custom", v)
	}
	Commitment(c).Profile = v
	return true, nil
}

// Choices: how the commitment spreads over its years.
func (commitment) Choices(s *scenario.Scenario, c *scenario.Contract) []Choice {
	v := Commitment(c).Profile
	if v == "" {
		v = ProfileEven
	}
	return []Choice{{Key: "profile", Label: "Profile", Value: v, Options: []Option{
		{ProfileEven, "Even: the same each year"},
		{ProfileRamp, "Ramp: 1, 2, 3… parts a year"},
		{ProfileCustom, "Custom: a weight a year"},
	}}}
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

// Samples implements Sampler: an even, a ramp and a custom commitment.
func (commitment) Samples() int { return 3 }

// Sample implements Sampler.
func (commitment) Sample(k int, e SampleEnv) (string, string) {
	i, from := e.N, e.From
	switch k {
	case 0:
		years := 1 + i%min(8, e.Years)
		return fmt.Sprintf("    type: commitment\n    label: Compute %d\n    payer: Builder\n    payee: %s\n", i, e.Payee) +
				fmt.Sprintf("    total: %dB\n    from: %dQ%d\n    years: %d\n    profile: even\n", 5+i%40, from, 1+i%4, years),
			fmt.Sprintf("    contracts.%s.total:\n      dist: uniform\n      low: %dB\n      high: %dB\n", e.ID, 4+i%40, 6+i%40)
	case 1:
		return fmt.Sprintf("    type: commitment\n    label: Ramp %d\n    payer: Builder\n    payee: %s\n", i, e.Payee) +
				fmt.Sprintf("    total: %dB\n    from: %dQ1\n    years: %d\n    profile: ramp\n", 3+i%30, from, 1+i%5),
			fmt.Sprintf("    contracts.%s.total:\n      dist: triangular\n      low: %dB\n      mode: %dB\n      high: %dB\n", e.ID, 2+i%30, 3+i%30, 5+i%30)
	}
	years := 1 + i%4
	ws := make([]string, years)
	for j := range ws {
		ws[j] = fmt.Sprint(1 + (i+j)%3)
	}
	return fmt.Sprintf("    type: commitment\n    label: Custom %d\n    payer: Builder\n    payee: %s\n", i, e.Payee) +
			fmt.Sprintf("    total: %dB\n    from: %dQ2\n    years: %d\n    profile: custom\n    weights: [%s]\n", 2+i%20, from, years, strings.Join(ws, ", ")),
		fmt.Sprintf("    contracts.%s.weights.1:\n      dist: uniform\n      low: 0.5\n      high: 3\n", e.ID)
}
