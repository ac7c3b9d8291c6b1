package scenario

import (
	"reflect"
	"strings"
	"testing"
)

const uncertainBase = `version: 2
name: events
start: 2026Q1
end: 2029Q4
streams:
  rev:
    annual: {2026: 30B, 2027: 60B, 2028: 80B}
    growth: {2029: 20%}
contracts:
  share:
    type: revenue_share
    payer: OpenAI
    payee: Microsoft
    base: rev
    rate: 20%
    cap: 38B
  aws:
    type: commitment
    payer: OpenAI
    payee: AWS
    total: 38B
    from: 2026Q1
    years: 3
  pay:
    type: payment
    payer: Amazon
    payee: OpenAI
    schedule: {2026Q1: 15B, 2027Q4: 35B}
uncertainty:
  inputs:
`

// The v2 distributions and correlation groups parse, and survive Marshal.
func TestUncertaintyV2Parses(t *testing.T) {
	y := uncertainBase + `    contracts.pay.schedule.2027Q4: {dist: bernoulli, p: 60%}
    contracts.share.rate: {dist: bernoulli, p: 0.9}
    contracts.share.cap: {dist: discrete, values: [25B, 38B, "$60B"], p: [25%, 50%, 25%]}
    contracts.aws.years: {dist: discrete, values: [3, 5], p: [0.5, 0.5]}
    streams.rev.annual.2027: {dist: triangular, low: 47B, mode: 62B, high: 68B}
    streams.rev.annual.2028: {dist: triangular, low: 55B, mode: 79B, high: 87B}
  correlations:
    - inputs: [streams.rev.annual.2027, streams.rev.annual.2028]
      rho: 0.8
      source: "Revenue years move together"
    - inputs: [streams.rev.annual.2028, contracts.share.cap]
      rho: -30%
`
	s, err := Parse("v2.yaml", []byte(y))
	if err != nil {
		t.Fatal(err)
	}
	u := s.Uncertainty
	if len(u.Inputs) != 6 || len(u.Correlations) != 2 {
		t.Fatalf("inputs %d, correlations %d", len(u.Inputs), len(u.Correlations))
	}
	if in := u.Inputs[2]; in.Dist != DistDiscrete || !reflect.DeepEqual(in.Values, []string{"25B", "38B", "$60B"}) || len(in.Probs) != 3 {
		t.Errorf("discrete input: %+v", in)
	}
	if g := u.Correlations[1]; g.Rho.String() != "-0.3" || len(g.Inputs) != 2 {
		t.Errorf("second group: %+v", g)
	}
	out := Marshal(s)
	back, err := Parse("canonical.yaml", out)
	if err != nil {
		t.Fatalf("canonical output does not parse: %v\n%s", err, out)
	}
	if !reflect.DeepEqual(normalize(s), normalize(back)) {
		t.Fatalf("round trip changed the scenario\n%s", out)
	}
	paths, corr, err := s.CorrelationMatrix()
	if err != nil {
		t.Fatal(err)
	}
	// In file order of the inputs: cap, 2027, 2028.
	if !reflect.DeepEqual(paths, []string{"contracts.share.cap", "streams.rev.annual.2027", "streams.rev.annual.2028"}) {
		t.Errorf("paths %v", paths)
	}
	if corr[0*3+1] != 0 || corr[1*3+2] < 0.81 || corr[1*3+2] > 0.82 || corr[0*3+2] > -0.31 {
		t.Errorf("matrix %v: want 0 for the uncorrelated pair, 2·sin(π·0.8/6) ≈ 0.813, 2·sin(−π·0.3/6) ≈ −0.313", corr)
	}
}

// Each mistake gets its own message, at its place.
func TestUncertaintyV2Errors(t *testing.T) {
	cases := []struct{ yaml, want string }{
		{`    contracts.pay.schedule.2027Q4: {dist: bernoulli}`, "needs p"},
		{`    contracts.pay.schedule.2027Q4: {dist: bernoulli, p: 120%}`, "120% is not a probability"},
		{`    contracts.aws.years: {dist: bernoulli, p: 50%}`, "amount and rate fields"},
		{`    contracts.share.cap: {dist: discrete, values: [25B, 38B], p: [50%, 40%]}`, "add up to 90%: they must add up to exactly 100%"},
		{`    contracts.share.cap: {dist: discrete, values: [25B, 38B], p: [50%]}`, "2 values but 1 probabilities"},
		{`    contracts.share.cap: {dist: discrete, values: [25B, 2027Q4], p: [50%, 50%]}`, "events.yaml:31:57: uncertainty.inputs.contracts.share.cap.values.2"},
		{`    contracts.share.cap: {dist: discrete, values: [25B, -3B], p: [50%, 50%]}`, "outside the field's range"},
		{`    contracts.share.cap: {dist: discrete, values: 25B, p: [100%]}`, "expected a list"},
		{`    contracts.share.cap: {dist: discrete, p: [100%]}`, "needs values and p"},
		{"    contracts.share.cap: {dist: uniform, low: 1B, high: 2B}\n  correlations:\n    - inputs: [contracts.share.cap, contracts.share.rate]\n      rho: 0.5", "contracts.share.rate is not an uncertain input"},
		{"    contracts.share.cap: {dist: uniform, low: 1B, high: 2B}\n    contracts.share.rate: {dist: uniform, low: 1%, high: 2%}\n  correlations:\n    - inputs: [contracts.share.cap, contracts.share.rate]\n      rho: 1.5", "rho 1.5 is out of range"},
		{"    contracts.share.cap: {dist: uniform, low: 1B, high: 2B}\n  correlations:\n    - inputs: [contracts.share.cap]\n      rho: 0.5", "at least two"},
		{"    contracts.share.cap: {dist: uniform, low: 1B, high: 2B}\n    contracts.share.rate: {dist: uniform, low: 1%, high: 2%}\n  correlations:\n    - inputs: [contracts.share.cap, contracts.share.rate]", "missing: give rho"},
		{"    contracts.share.cap: {dist: uniform, low: 1B, high: 2B}\n    contracts.share.rate: {dist: uniform, low: 1%, high: 2%}\n  correlations:\n    - inputs: [contracts.share.cap, contracts.share.rate]\n      rho: 0.5\n    - inputs: [contracts.share.rate, contracts.share.cap]\n      rho: 0.6", "groups 1 and 2 both correlate"},
		{"    contracts.share.cap: {dist: uniform, low: 1B, high: 2B}\n  correlations:\n    - inputs: [contracts.share.cap, contracts.share.cap]\n      rho: 0.5", "listed twice"},
		{"    contracts.share.cap: {dist: uniform, low: 1B, high: 2B}\n  correlations:\n    - {inputs: [contracts.share.cap], rho: 0.5, weight: 2}", "unknown key \"weight\""},
	}
	v1 := strings.Replace(uncertainBase, "version: 2", "version: 1", 1)
	cases = append(cases,
		struct{ yaml, want string }{"XX    contracts.share.cap: {dist: bernoulli, p: 50%}", "bernoulli is a distribution of format version 2"},
		struct{ yaml, want string }{"XX    contracts.share.cap: {dist: uniform, low: 1B, high: 2B}\n    contracts.share.rate: {dist: uniform, low: 1%, high: 2%}\n  correlations:\n    - inputs: [contracts.share.cap, contracts.share.rate]\n      rho: 0.5", "correlations is a key of format version 2"})
	for _, c := range cases {
		base := uncertainBase
		if strings.HasPrefix(c.yaml, "XX") {
			base, c.yaml = v1, c.yaml[2:]
		}
		_, err := Parse("events.yaml", []byte(base+c.yaml+"\n"))
		if err == nil {
			t.Errorf("accepted:\n%s", c.yaml)
			continue
		}
		if !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s\n  error %q\n  does not say %q", c.yaml, err, c.want)
		}
	}
}
