package engine

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"

	"dealmodel/backend/contract"
	"dealmodel/backend/scenario"
)

// randomScenario builds a valid scenario with random streams and contracts of every
// type, to check the engine's invariants far from the built-in cases.
func randomScenario(rng *rand.Rand) *scenario.Scenario {
	Q := scenario.NewQuarter
	start := Q(2020+rng.IntN(10), 1+rng.IntN(4))
	end := start + scenario.Quarter(rng.IntN(40))
	s := &scenario.Scenario{Version: 1, Name: "random", Start: start, End: end}
	if rng.IntN(2) == 0 {
		s.DiscountRate = decimal.New(int64(rng.IntN(2000)), -4) // up to 20%
	}
	amount := func(max int64) decimal.Decimal {
		return decimal.New(rng.Int64N(max*100+1), -2) // cents
	}
	nStreams := 1 + rng.IntN(3)
	for i := range nStreams {
		st := scenario.Stream{ID: fmt.Sprintf("s%d", i)}
		first := start.Year() - 2 + rng.IntN(4)
		for y := first; y < first+1+rng.IntN(4); y++ {
			st.Annual = append(st.Annual, scenario.YearAmount{Year: y, Amount: amount(100e9)})
		}
		last := st.Annual[len(st.Annual)-1].Year
		st.Growth = append(st.Growth, scenario.YearRate{Year: last + 1 - rng.IntN(3), Rate: decimal.New(int64(rng.IntN(1500)-500), -3)})
		if rng.IntN(2) == 0 {
			st.Growth = append(st.Growth, scenario.YearRate{Year: last + 3, Rate: decimal.New(int64(rng.IntN(1000)-200), -3)})
		}
		s.Streams = append(s.Streams, st)
	}
	parties := []string{"OpenAI", "Microsoft", "AWS", "Oracle"}
	pair := func() (string, string) {
		a := rng.IntN(len(parties))
		b := (a + 1 + rng.IntN(len(parties)-1)) % len(parties)
		return parties[a], parties[b]
	}
	near := func() scenario.Quarter { return start - 4 + scenario.Quarter(rng.IntN(int(end-start)+9)) }
	for i := range 1 + rng.IntN(6) {
		c := scenario.Contract{ID: fmt.Sprintf("c%d", i), Enabled: rng.IntN(5) > 0, From: start, Until: end}
		switch rng.IntN(4) {
		case 0:
			c.Type = "revenue_share"
			c.Payer, c.Payee = pair()
			contract.Share(&c).Base = s.Streams[rng.IntN(nStreams)].ID
			contract.Share(&c).Rate = decimal.New(int64(rng.IntN(10001)), -4)
			if rng.IntN(2) == 0 {
				c.From, c.FromSet = near(), true
				c.Until, c.UntilSet = c.From+scenario.Quarter(rng.IntN(30)), true
			}
			if rng.IntN(4) > 0 {
				cp := amount(60e9)
				contract.Share(&c).Cap = &cp
				if rng.IntN(3) == 0 {
					contract.Share(&c).PaidBefore = decimal.New(cp.Mul(decimal.NewFromInt(int64(rng.IntN(101)))).Div(decimal.NewFromInt(100)).IntPart(), 0)
				}
			}
		case 1:
			c.Type = "commitment"
			c.Payer, c.Payee = pair()
			contract.Commitment(&c).Total = amount(300e9)
			c.From, c.FromSet = near(), true
			contract.Commitment(&c).Years = 1 + rng.IntN(8)
			contract.Commitment(&c).Profile = []string{contract.ProfileEven, contract.ProfileRamp, contract.ProfileCustom}[rng.IntN(3)]
			if contract.Commitment(&c).Profile == contract.ProfileCustom {
				for range contract.Commitment(&c).Years {
					contract.Commitment(&c).Weights = append(contract.Commitment(&c).Weights, decimal.NewFromInt(int64(rng.IntN(5))))
				}
				contract.Commitment(&c).Weights[rng.IntN(contract.Commitment(&c).Years)] = decimal.NewFromInt(1 + int64(rng.IntN(3)))
			}
		case 2:
			c.Type = "payment"
			c.Payer, c.Payee = pair()
			seen := map[scenario.Quarter]bool{}
			for range 1 + rng.IntN(4) {
				q := near()
				if !seen[q] {
					seen[q] = true
					contract.Payment(&c).Schedule = append(contract.Payment(&c).Schedule, scenario.QuarterAmount{Quarter: q, Amount: amount(50e9)})
				}
			}
		default:
			c.Type = "equity"
			contract.Equity(&c).Holder = parties[rng.IntN(len(parties))]
			contract.Equity(&c).Stake = decimal.New(int64(rng.IntN(10001)), -4)
			contract.Equity(&c).Valuation = contract.Valuation{Amount: amount(1e12), At: start + scenario.Quarter(rng.IntN(int(end-start)+1)), Method: contract.MethodConstant}
			st := &s.Streams[rng.IntN(nStreams)]
			if y := contract.Equity(&c).Valuation.At.Year(); rng.IntN(2) == 0 && !st.YearAmounts(y, y)[0].IsZero() {
				contract.Equity(&c).Valuation.Method, contract.Equity(&c).Valuation.Stream = contract.MethodRevenueMultiple, st.ID
			}
		}
		s.Contracts = append(s.Contracts, c)
	}
	return s
}

func TestPropertiesOfRandomScenarios(t *testing.T) {
	rng := rand.New(rand.NewPCG(20261123, 1))
	checked := 0
	for i := 0; checked < 400; i++ {
		s := randomScenario(rng)
		if err := s.Validate(); err != nil {
			t.Fatalf("generator made an invalid scenario (case %d): %v", i, err)
		}
		r, err := Run(s)
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		checkInvariants(t, s, r)
		checkYearView(t, r)
		checkDisabling(t, s, r)
		checked++
	}
}

func checkInvariants(t *testing.T, s *scenario.Scenario, r *Result) {
	t.Helper()
	for _, c := range s.Contracts {
		if !c.Enabled || c.Type != "revenue_share" {
			continue
		}
		accrued := r.SeriesByID("contract." + c.ID + ".accrued").Values
		paid := r.SeriesByID("contract." + c.ID + ".paid").Values
		cum := r.SeriesByID("contract." + c.ID + ".cumulative").Values
		for i := range paid {
			if paid[i].IsNegative() || paid[i].GreaterThan(accrued[i]) {
				t.Fatalf("%s: paid %s outside [0, accrued %s] in %s", c.ID, paid[i], accrued[i], r.Periods[i])
			}
			if contract.Share(&c).Cap != nil && cum[i].GreaterThan(*contract.Share(&c).Cap) {
				t.Fatalf("%s: cumulative %s exceeds the cap %s in %s", c.ID, cum[i], contract.Share(&c).Cap, r.Periods[i])
			}
			if i > 0 && cum[i].LessThan(cum[i-1]) {
				t.Fatalf("%s: cumulative decreases in %s", c.ID, r.Periods[i])
			}
		}
		hit := r.MetricByID("contract." + c.ID + ".cap_hit")
		if !hit.Null && contract.Share(&c).Cap != nil && contract.Share(&c).PaidBefore.LessThan(*contract.Share(&c).Cap) {
			k := int(hit.Quarter - s.Start)
			if cum[k].LessThan(*contract.Share(&c).Cap) || (k > 0 && hit.Quarter > c.From && cum[k-1].GreaterThanOrEqual(*contract.Share(&c).Cap)) {
				t.Fatalf("%s: cap_hit %s is not the first quarter cumulative reaches the cap", c.ID, hit.Quarter)
			}
		}
	}
	// Money only moves between parties: their nets sum to zero in every period.
	for i := range r.Periods {
		sum := decimal.Zero
		for _, sr := range r.Series {
			if sr.Group == GroupParty && sr.Measure == "net" {
				sum = sum.Add(sr.Values[i])
			}
		}
		if !sum.IsZero() {
			t.Fatalf("party nets sum to %s in %s", sum, r.Periods[i])
		}
	}
}

// checkYearView recomputes the yearly view from the quarters independently.
func checkYearView(t *testing.T, r *Result) {
	t.Helper()
	y := r.ByYear()
	for k, sr := range r.Series {
		byYear := map[string]decimal.Decimal{}
		for i, p := range r.Periods {
			year := p[:4]
			if sr.Kind == Level {
				byYear[year] = sr.Values[i]
			} else {
				byYear[year] = byYear[year].Add(sr.Values[i])
			}
		}
		for i, p := range y.Periods {
			if !y.Series[k].Values[i].Equal(byYear[p]) {
				t.Fatalf("%s in %s: year view %s, quarters give %s", sr.ID, p, y.Series[k].Values[i], byYear[p])
			}
		}
	}
}

// checkDisabling turns each enabled contract off and requires that exactly its money
// leaves the parties' nets.
func checkDisabling(t *testing.T, s *scenario.Scenario, r *Result) {
	t.Helper()
	for k := range s.Contracts {
		c := s.Contracts[k]
		if !c.Enabled || !c.MovesMoney() {
			continue
		}
		off := s.Clone()
		off.Contracts[k].Enabled = false
		r2, err := Run(off)
		if err != nil {
			t.Fatal(err)
		}
		if r2.SeriesByID("contract."+c.ID+".paid") != nil {
			t.Fatalf("disabled %s still has a series", c.ID)
		}
		paid := r.SeriesByID("contract." + c.ID + ".paid").Values
		net := func(res *Result, party string, i int) decimal.Decimal {
			if sr := res.SeriesByID("party." + party + ".net"); sr != nil {
				return sr.Values[i]
			}
			return decimal.Zero
		}
		for i := range r.Periods {
			if got := net(r2, c.Payer, i); !got.Equal(net(r, c.Payer, i).Add(paid[i])) {
				t.Fatalf("disabling %s: payer %s net %s, want %s", c.ID, c.Payer, got, net(r, c.Payer, i).Add(paid[i]))
			}
			if got := net(r2, c.Payee, i); !got.Equal(net(r, c.Payee, i).Sub(paid[i])) {
				t.Fatalf("disabling %s: payee %s net %s", c.ID, c.Payee, got)
			}
		}
	}
}

// Canonical YAML of a random scenario computes to the same result.
func TestRandomScenariosRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for range 200 {
		s := randomScenario(rng)
		back, err := scenario.Parse("canonical.yaml", scenario.Marshal(s))
		if err != nil {
			t.Fatalf("%v\n%s", err, scenario.Marshal(s))
		}
		a, _ := Run(s)
		b, err := Run(back)
		if err != nil {
			t.Fatal(err)
		}
		for k := range a.Series {
			for i := range a.Series[k].Values {
				if !a.Series[k].Values[i].Equal(b.Series[k].Values[i]) {
					t.Fatalf("%s differs after the round trip", a.Series[k].ID)
				}
			}
		}
	}
}
