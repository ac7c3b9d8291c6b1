package engine

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"dealmodel/backend/contract"
	"dealmodel/backend/scenario"
)

func parse(t testing.TB, src string) *scenario.Scenario {
	t.Helper()
	s, err := scenario.Parse("test.yaml", []byte(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return s
}

func run(t testing.TB, src string) *Result {
	t.Helper()
	r, err := Run(parse(t, src))
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return r
}

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// wantSeries checks every value of a series, given as decimal strings.
func wantSeries(t *testing.T, r *Result, id string, want ...string) {
	t.Helper()
	s := r.SeriesByID(id)
	if s == nil {
		t.Fatalf("no series %s", id)
	}
	if len(s.Values) != len(want) {
		t.Fatalf("%s has %d values, want %d", id, len(s.Values), len(want))
	}
	for i, w := range want {
		if !s.Values[i].Equal(d(w)) {
			t.Errorf("%s[%s] = %s, want %s", id, r.Periods[i], s.Values[i], w)
		}
	}
}

func wantAmount(t *testing.T, r *Result, id, want string) {
	t.Helper()
	m := r.MetricByID(id)
	if m == nil || m.Kind != Amount {
		t.Fatalf("no amount metric %s", id)
	}
	if !m.Amount.Equal(d(want)) {
		t.Errorf("%s = %s, want %s", id, m.Amount, want)
	}
}

func wantQuarter(t *testing.T, r *Result, id, want string) {
	t.Helper()
	m := r.MetricByID(id)
	if m == nil || m.Kind != QuarterValue {
		t.Fatalf("no quarter metric %s", id)
	}
	got := "null"
	if !m.Null {
		got = m.Quarter.String()
	}
	if got != want {
		t.Errorf("%s = %s, want %s", id, got, want)
	}
}

const header = "version: 1\nname: T\n"

func TestStreamAnnualAndGrowth(t *testing.T) {
	r := run(t, header+`start: 2024Q4
end: 2030Q1
streams:
  rev:
    annual: {2025: 100, 2026: 200}
    growth: {2027: 10%, 2029: -50%}
`).ByYear()
	// 2024 precedes the first listed year; 2027 = 200 × 1.1; 2028 = 220 × 1.1;
	// 2029 = 242 × 0.5; 2030 = 121 × 0.5, of which only Q1 is inside the horizon.
	wantSeries(t, r, "stream.rev", "0", "100", "200", "220", "242", "121", "15.125")
	if strings.Join(r.Periods, ",") != "2024,2025,2026,2027,2028,2029,2030" {
		t.Fatalf("periods %v", r.Periods)
	}
}

func TestStreamQuarterIsAQuarterOfItsYear(t *testing.T) {
	r := run(t, header+"start: 2025Q3\nend: 2026Q2\nstreams:\n  rev:\n    annual: {2025: 10, 2026: 1}\n")
	wantSeries(t, r, "stream.rev", "2.5", "2.5", "0.25", "0.25")
}

const shareBase = header + `start: 2025Q1
end: 2026Q4
streams:
  rev:
    annual: {2025: 400, 2026: 800}
contracts:
  share:
    type: revenue_share
    payer: OpenAI
    payee: Microsoft
    base: rev
    rate: 20%
`

func TestRevenueShareCapBindsMidQuarter(t *testing.T) {
	// Accrued 20 a quarter in 2025, 40 in 2026; cap 100 with 10 paid before:
	// room 90 = 20+20+20+20, then 10 of the 40 accrued in 2026Q1.
	r := run(t, shareBase+"    cap: 100\n    paid_before: 10\n")
	wantSeries(t, r, "contract.share.accrued", "20", "20", "20", "20", "40", "40", "40", "40")
	wantSeries(t, r, "contract.share.paid", "20", "20", "20", "20", "10", "0", "0", "0")
	wantSeries(t, r, "contract.share.cumulative", "30", "50", "70", "90", "100", "100", "100", "100")
	wantAmount(t, r, "contract.share.total_paid", "90")
	wantQuarter(t, r, "contract.share.cap_hit", "2026Q1")
	wantAmount(t, r, "contract.share.total_accrued", "240")
	wantAmount(t, r, "contract.share.cap_savings", "150")
	wantAmount(t, r, "contract.share.npv", "90") // no discount rate
}

func TestRevenueShareWithoutCap(t *testing.T) {
	r := run(t, shareBase)
	wantSeries(t, r, "contract.share.paid", "20", "20", "20", "20", "40", "40", "40", "40")
	wantSeries(t, r, "contract.share.cumulative", "20", "40", "60", "80", "120", "160", "200", "240")
	wantQuarter(t, r, "contract.share.cap_hit", "null")
	wantAmount(t, r, "contract.share.total_paid", "240")
}

func TestRevenueShareWindow(t *testing.T) {
	// Outside [from, until] nothing accrues; cumulative holds paid_before before from.
	r := run(t, shareBase+"    from: 2025Q3\n    until: 2026Q1\n    paid_before: 5\n    cap: 1000\n")
	wantSeries(t, r, "contract.share.accrued", "0", "0", "20", "20", "40", "0", "0", "0")
	wantSeries(t, r, "contract.share.cumulative", "5", "5", "25", "45", "85", "85", "85", "85")
	wantQuarter(t, r, "contract.share.cap_hit", "null")
}

func TestRevenueShareCapExactlyReached(t *testing.T) {
	// The cap binds in the quarter cumulative reaches it, even when paid = accrued.
	r := run(t, shareBase+"    cap: 40\n")
	wantSeries(t, r, "contract.share.paid", "20", "20", "0", "0", "0", "0", "0", "0")
	wantQuarter(t, r, "contract.share.cap_hit", "2025Q2")
}

func TestRevenueShareCapAlreadyReached(t *testing.T) {
	r := run(t, shareBase+"    cap: 50\n    paid_before: 50\n    from: 2025Q2\n")
	wantSeries(t, r, "contract.share.paid", "0", "0", "0", "0", "0", "0", "0", "0")
	wantSeries(t, r, "contract.share.cumulative", "50", "50", "50", "50", "50", "50", "50", "50")
	wantQuarter(t, r, "contract.share.cap_hit", "2025Q2")
}

const commitBase = header + `start: 2025Q1
end: 2026Q4
contracts:
  c:
    type: commitment
    payer: OpenAI
    payee: AWS
`

func TestCommitmentProfiles(t *testing.T) {
	// even: 120 over 3 years, 10 a quarter; the third year is outside the horizon.
	r := run(t, commitBase+"    total: 120\n    from: 2025Q1\n    years: 3\n")
	wantSeries(t, r, "contract.c.paid", "10", "10", "10", "10", "10", "10", "10", "10")
	wantAmount(t, r, "contract.c.total_paid", "80")
	wantAmount(t, r, "contract.c.outside_horizon", "40")

	// ramp over 2 years: weights 1, 2 -> 40 then 80 a year, starting mid-year.
	r = run(t, commitBase+"    total: 120\n    from: 2025Q3\n    years: 2\n    profile: ramp\n")
	wantSeries(t, r, "contract.c.paid", "0", "0", "10", "10", "10", "10", "20", "20")
	wantAmount(t, r, "contract.c.outside_horizon", "40")

	// custom weights, and a contract that began before the horizon.
	r = run(t, commitBase+"    total: 100\n    from: 2024Q1\n    years: 3\n    profile: custom\n    weights: [1, 0, 3]\n")
	wantSeries(t, r, "contract.c.paid", "0", "0", "0", "0", "18.75", "18.75", "18.75", "18.75")
	wantAmount(t, r, "contract.c.total_paid", "75")
	wantAmount(t, r, "contract.c.outside_horizon", "25")
}

func TestCommitmentInexactDivision(t *testing.T) {
	// 100 over 3 even years: 100/12 a quarter, kept to DivPlaces decimals.
	r := run(t, commitBase+"    total: 100\n    years: 3\n")
	q := r.SeriesByID("contract.c.paid").Values[0]
	if !q.Equal(d("8.33333333333333333333")) {
		t.Fatalf("quarter = %s", q)
	}
	total := r.MetricByID("contract.c.total_paid").Amount.Add(r.MetricByID("contract.c.outside_horizon").Amount)
	if diff := total.Sub(d("100")).Abs(); diff.GreaterThan(d("1e-18")) {
		t.Fatalf("inside + outside = %s", total)
	}
}

func TestPaymentSchedule(t *testing.T) {
	r := run(t, header+`start: 2026Q1
end: 2026Q4
contracts:
  inv:
    type: payment
    payer: Amazon
    payee: OpenAI
    schedule: {2026Q1: 15B, 2027Q4: 35B, 2026Q3: 1.5}
`)
	wantSeries(t, r, "contract.inv.paid", "15000000000", "0", "1.5", "0")
	wantAmount(t, r, "contract.inv.total_paid", "15000000001.5")
	wantAmount(t, r, "contract.inv.outside_horizon", "35000000000")
	wantSeries(t, r, "party.Amazon.net", "-15000000000", "0", "-1.5", "0")
}

func TestEquity(t *testing.T) {
	src := header + `start: 2026Q1
end: 2027Q4
streams:
  rev:
    annual: {2026: 30B, 2027: 60B}
contracts:
  stake:
    type: equity
    holder: Microsoft
    stake: 27%
    valuation: {amount: 852B, at: 2026Q2%s}
`
	r := run(t, strings.Replace(src, "%s", "", 1))
	wantSeries(t, r, "contract.stake.valuation", "852e9", "852e9", "852e9", "852e9", "852e9", "852e9", "852e9", "852e9")
	wantSeries(t, r, "contract.stake.value", "230.04e9", "230.04e9", "230.04e9", "230.04e9", "230.04e9", "230.04e9", "230.04e9", "230.04e9")
	wantAmount(t, r, "contract.stake.value_at_end", "230.04e9")

	// revenue_multiple: m = 852B / (4 × 7.5B) = 28.4; 2027 quarters are 15B -> 1704B.
	r = run(t, strings.Replace(src, "%s", ", method: revenue_multiple, stream: rev", 1))
	wantSeries(t, r, "contract.stake.valuation", "852e9", "852e9", "852e9", "852e9", "1704e9", "1704e9", "1704e9", "1704e9")
	wantAmount(t, r, "contract.stake.value_at_end", "460.08e9")
	if r.SeriesByID("party.Microsoft.net") != nil {
		t.Fatal("an equity stake moves no money, so makes no party")
	}
	// Levels take the year's last quarter.
	wantSeries(t, r.ByYear(), "contract.stake.valuation", "852e9", "1704e9")
}

func TestNPV(t *testing.T) {
	// 121 paid at the end of the 8th quarter (two years) at 10%: 121 / 1.1^2 = 100.
	r := run(t, header+`start: 2025Q1
end: 2026Q4
discount_rate: 10%
contracts:
  p:
    type: payment
    payer: A
    payee: B
    schedule: {2026Q4: 121, 2025Q4: 110}
`)
	// plus 110 at the end of the 4th quarter: 110 / 1.1 = 100.
	got := r.MetricByID("contract.p.npv").Amount
	if diff := got.Sub(d("200")).Abs(); diff.GreaterThan(d("1e-15")) {
		t.Fatalf("npv = %s, want 200", got)
	}
	// One quarter at 21% a year: 1.21^(1/4) = 1.1^(1/2).
	r = run(t, header+"start: 2025Q1\nend: 2025Q1\ndiscount_rate: 21%\ncontracts:\n  p: {type: payment, payer: A, payee: B, schedule: {2025Q1: 1.04880884817015154699}}\n")
	got = r.MetricByID("contract.p.npv").Amount
	if diff := got.Sub(d("1")).Abs(); diff.GreaterThan(d("1e-18")) {
		t.Fatalf("npv = %s, want 1", got)
	}
}

func TestPartiesNetAndOrder(t *testing.T) {
	r := run(t, shareBase+`  aws:
    type: commitment
    payer: OpenAI
    payee: AWS
    total: 80
    years: 2
  inv:
    type: payment
    payer: Amazon
    payee: OpenAI
    schedule: {2025Q2: 50}
`)
	var parties []string
	for _, s := range r.Series {
		if s.Group == GroupParty && s.Measure == "net" {
			parties = append(parties, s.Owner)
		}
	}
	if strings.Join(parties, ",") != "OpenAI,Microsoft,AWS,Amazon" {
		t.Fatalf("party order %v", parties)
	}
	wantSeries(t, r, "party.OpenAI.out", "30", "30", "30", "30", "50", "50", "50", "50")
	wantSeries(t, r, "party.OpenAI.in", "0", "50", "0", "0", "0", "0", "0", "0")
	wantSeries(t, r, "party.OpenAI.net", "-30", "20", "-30", "-30", "-50", "-50", "-50", "-50")
	wantSeries(t, r, "party.AWS.net", "10", "10", "10", "10", "10", "10", "10", "10")
	wantAmount(t, r, "party.OpenAI.net_total", "-270")
	wantAmount(t, r, "total.commitments.committed", "80")
	wantAmount(t, r, "total.commitments.peak_annual", "40")
}

func TestDisabledContractIsSilent(t *testing.T) {
	r := run(t, shareBase+"    enabled: false\n")
	for _, s := range r.Series {
		if s.Group != GroupStream {
			t.Errorf("disabled contract left series %s", s.ID)
		}
	}
	for _, m := range r.Summary {
		if m.Group != GroupStream {
			t.Errorf("disabled contract left metric %s", m.ID)
		}
	}
}

func TestYearViewPartialYears(t *testing.T) {
	r := run(t, shareBase+"    cap: 70\n")
	y := r.ByYear()
	if strings.Join(y.Periods, ",") != "2025,2026" {
		t.Fatalf("periods %v", y.Periods)
	}
	wantSeries(t, y, "contract.share.paid", "70", "0")
	wantSeries(t, y, "contract.share.cumulative", "70", "70")
	wantSeries(t, y, "stream.rev", "400", "800")
	if y.ByYear() != y {
		t.Fatal("ByYear of a yearly result should return it as it is")
	}
	// A horizon from 2025Q3 to 2026Q2 has two partial years.
	r = run(t, strings.Replace(strings.Replace(shareBase, "start: 2025Q1", "start: 2025Q3", 1), "end: 2026Q4", "end: 2026Q2", 1))
	wantSeries(t, r.ByYear(), "stream.rev", "200", "400")
	wantSeries(t, r.ByYear(), "contract.share.cumulative", "40", "120")
}

func TestRunRefusesInvalidScenario(t *testing.T) {
	s := parse(t, shareBase)
	contract.Share(&s.Contracts[0]).Base = "missing"
	if _, err := Run(s); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Fatalf("Run accepted a missing base stream: %v", err)
	}
}

// A division keeps at least 16 significant digits, even for amounts far below a cent.
func TestDivisionKeepsSignificantDigits(t *testing.T) {
	for _, c := range []struct{ a, b string }{{"0.000001", "7"}, {"1", "3"}, {"50000000000", "13"}, {"0.00000000123", "9.7"}} {
		q := div(d(c.a), d(c.b))
		back := q.Mul(d(c.b))
		rel := back.Sub(d(c.a)).Abs().Div(d(c.a))
		if rel.GreaterThan(d("1e-16")) {
			t.Errorf("%s/%s = %s: relative error %s", c.a, c.b, q, rel)
		}
	}
}
