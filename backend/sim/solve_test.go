package sim

import (
	"context"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"dealmodel/backend/engine"
)

// solveScenario: accruals of 20% × 25B = 5B a quarter, 2026-2028 (60B in all);
// 5B paid before counts toward a cap of 40B, so 35B can be paid, and the cap binds
// in 2027Q3. A 100B commitment over 4 even years pays 75B inside the horizon.
const solveScenario = `version: 1
name: solve
start: 2026Q1
end: 2028Q4
discount_rate: 10%
streams:
  rev:
    annual: {2026: 100B, 2027: 100B, 2028: 100B}
contracts:
  share:
    type: revenue_share
    payer: OpenAI
    payee: Microsoft
    base: rev
    rate: 20%
    cap: 40B
    paid_before: 5B
  compute:
    type: commitment
    payer: OpenAI
    payee: AWS
    total: 100B
    from: 2026Q1
    years: 4
    profile: even
`

func TestSolveKnownAnswers(t *testing.T) {
	m := mustCompile(t, mustParse(t, solveScenario))
	cases := []struct {
		name          string
		goal          Goal
		value         string // exact, when set
		text, reached string
		side          string
	}{
		// total paid = cap − 5B while below the 60B accrued.
		{"cap for total paid", Goal{Input: "contracts.share.cap", Metric: "contract.share.total_paid", Target: "25B"}, "30e9", "30B", "25000000000.00", ""},
		// total paid = rate × 300B while below the 35B room.
		{"rate for total paid", Goal{Input: "contracts.share.rate", Metric: "contract.share.total_paid", Target: "$30B"}, "0.1", "10%", "30000000000.00", ""},
		// paid before reduces total paid one for one: 40B − x = 20B.
		{"paid before", Goal{Input: "contracts.share.paid_before", Metric: "contract.share.total_paid", Target: "20B"}, "20e9", "20B", "20000000000.00", ""},
		// 100B × 3/years inside the horizon = 50B at 6 years.
		{"years", Goal{Input: "contracts.compute.years", Metric: "contract.compute.total_paid", Target: "50B"}, "6", "6", "50000000000.00", ""},
		// The cumulative at the end of 2027 is 5B + min(cap − 5B, 40B).
		{"series at a year", Goal{Input: "contracts.share.cap", Metric: "contract.share.cumulative@2027", Target: "33B"}, "33e9", "33B", "33000000000.00", ""},
		// Binding by 2027Q2 (6 quarters of accruals) takes 6 × 25B × rate >= 35B.
		{"rate for cap_hit", Goal{Input: "contracts.share.rate", Metric: "contract.share.cap_hit", Target: "2027Q2"}, "", "23.333333333333", "2027Q2", "above"},
		// At 20%, binding by 2027Q2 takes a cap of at most 5B + 30B.
		{"cap for cap_hit", Goal{Input: "contracts.share.cap", Metric: "contract.share.cap_hit", Target: "2027Q2"}, "35e9", "35B", "2027Q2", "below"},
		// A bare year is its last quarter.
		{"cap for cap_hit by a year", Goal{Input: "contracts.share.cap", Metric: "contract.share.cap_hit", Target: "2026"}, "25e9", "25B", "2026Q4", "below"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sol, err := m.Solve(context.Background(), c.goal)
			if err != nil {
				t.Fatal(err)
			}
			if c.value != "" && !sol.Value.Equal(decimal.RequireFromString(c.value)) {
				t.Errorf("value %s, want %s", sol.Value, c.value)
			}
			if !strings.HasPrefix(sol.Text, c.text) || sol.Reached != c.reached || sol.Side != c.side || !sol.Exact {
				t.Errorf("got %s reaching %s (side %q, exact %v), want %s… reaching %s (side %q)", sol.Text, sol.Reached, sol.Side, sol.Exact, c.text, c.reached, c.side)
			}
		})
	}
}

// TestSolveBoundary: at a quarter target's answer the metric meets the target,
// and one step past it (a cent, 1e-15 of a rate) on the other side it does not.
func TestSolveBoundary(t *testing.T) {
	s := mustParse(t, solveScenario)
	sol, err := Solve(context.Background(), s, Goal{Input: "contracts.share.rate", Metric: "contract.share.cap_hit", Target: "2027Q2"})
	if err != nil {
		t.Fatal(err)
	}
	capHit := func(rate decimal.Decimal) string {
		c := s.Clone()
		if err := c.Set("contracts.share.rate", rate); err != nil {
			t.Fatal(err)
		}
		res, err := engine.Run(c)
		if err != nil {
			t.Fatal(err)
		}
		return res.MetricByID("contract.share.cap_hit").Quarter.String()
	}
	if got := capHit(sol.Value); got != "2027Q2" {
		t.Errorf("at %s the cap binds in %s", sol.Value, got)
	}
	if got := capHit(sol.Value.Sub(decimal.New(1, -15))); got == "2027Q2" {
		t.Errorf("just below %s the cap still binds in 2027Q2", sol.Value)
	}
}

// TestSolveNonlinear: the discount rate at which the NPV of the payments is 30B;
// checked with the engine.
func TestSolveNonlinear(t *testing.T) {
	s := mustParse(t, solveScenario)
	sol, err := Solve(context.Background(), s, Goal{Input: "discount_rate", Metric: "contract.share.npv", Target: "30B"})
	if err != nil {
		t.Fatal(err)
	}
	c := s.Clone()
	if err := c.Set("discount_rate", sol.Value); err != nil {
		t.Fatal(err)
	}
	res, err := engine.Run(c)
	if err != nil {
		t.Fatal(err)
	}
	if got := res.MetricByID("contract.share.npv").Amount.StringFixed(2); got != "30000000000.00" || sol.Reached != got {
		t.Errorf("at %s the NPV is %s (solution says %s)", sol.Text, got, sol.Reached)
	}
}

func TestSolveUnreachable(t *testing.T) {
	m := mustCompile(t, mustParse(t, solveScenario))
	cases := []struct {
		goal Goal
		msg  string
	}{
		// No cap makes total paid exceed the 60B accrued.
		{Goal{Input: "contracts.share.cap", Metric: "contract.share.total_paid", Target: "100B"}, "over that range it runs from $0.00 to $60.00B"},
		// Binding in the first quarter takes a rate of 140%.
		{Goal{Input: "contracts.share.rate", Metric: "contract.share.cap_hit", Target: "2026Q1"}, "the earliest it gets is 2026Q2"},
		// A range that leaves the answer (30B) out.
		{Goal{Input: "contracts.share.cap", Metric: "contract.share.total_paid", Target: "25B", Low: "35B", High: "50B"}, "from 35B to 50B"},
		// The cap binds by 2028 whatever paid_before is (0..40B, the cap).
		{Goal{Input: "contracts.share.paid_before", Metric: "contract.share.cap_hit", Target: "2028Q4"}, "for every value"},
	}
	for _, c := range cases {
		_, err := m.Solve(context.Background(), c.goal)
		if ErrorCode(err) != EUNREACHABLE || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%+v: err = %v, want %s mentioning %q", c.goal, err, EUNREACHABLE, c.msg)
		}
	}
}

func TestSolveInvalid(t *testing.T) {
	m := mustCompile(t, mustParse(t, solveScenario))
	for _, g := range []Goal{
		{Input: "contracts.share.capp", Metric: "contract.share.total_paid", Target: "25B"},
		{Input: "contracts.share.cap", Metric: "contract.share.total", Target: "25B"},
		{Input: "contracts.share.cap", Metric: "contract.share.total_paid", Target: "25 billion"},
		{Input: "contracts.share.cap", Metric: "contract.share.cap_hit", Target: "soon"},
		{Input: "contracts.share.cap", Metric: "total.commitments.peak_year", Target: "2027"},
		{Input: "contracts.share.cap", Metric: "contract.share.total_paid", Target: "25B", Low: "-1B"},
		{Input: "contracts.share.cap", Metric: "contract.share.total_paid", Target: "25B", Low: "50B", High: "40B"},
	} {
		if _, err := m.Solve(context.Background(), g); ErrorCode(err) != EINVALID {
			t.Errorf("%+v: err = %v, want code %s", g, err, EINVALID)
		}
	}
}

// TestSolveBriefing: the examples of the issue on the largest scenario.
func TestSolveBriefing(t *testing.T) {
	m := mustCompile(t, mustBuiltin(t, "briefing"))
	ctx := context.Background()
	// Which cap makes total paid 41.2B: total paid holds the 3.76B paid before
	// the cap counts (20% of 2025's 13.1B and of 2026Q1's actual 5.7B), so the
	// cap is 41.2B − 3.76B; paid_before is 0 and accruals reach 108.64B after.
	sol, err := m.Solve(ctx, Goal{Input: "contracts.msft_revshare.cap", Metric: "contract.msft_revshare.total_paid", Target: "41.2B"})
	if err != nil || sol.Text != "37.44B" || !sol.Exact {
		t.Errorf("cap for 41.2B: %+v, %v", sol, err)
	}
	// Which 2028 revenue makes the cap bind in 2028Q4: by then 20% of
	// 0.75 × 30B + 62B + r must reach 38B, so r = 105.5B.
	sol, err = m.Solve(ctx, Goal{Input: "streams.openai_revenue.annual.2028", Metric: "contract.msft_revshare.cap_hit", Target: "2028Q4"})
	if err != nil || sol.Text != "105.5B" || sol.Reached != "2028Q4" {
		t.Errorf("revenue for 2028Q4: %+v, %v", sol, err)
	}
}
