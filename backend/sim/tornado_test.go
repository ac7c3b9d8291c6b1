package sim

import (
	"context"
	"testing"

	"github.com/shopspring/decimal"
)

// TestTornadoRanking: total paid = rate × revenue, with no cap, so each input's
// swing is known: the rate (uniform 10%..30%, P10 12%, P90 28%) moves it from 12B
// to 28B; revenue (uniform 80B..120B, P10 84B, P90 116B) from 16.8B to 23.2B; the
// discount rate and an unused stream not at all. Equal swings keep file order.
func TestTornadoRanking(t *testing.T) {
	s := mustParse(t, `version: 1
name: tornado
start: 2026Q1
end: 2026Q4
streams:
  rev:
    annual: {2026: 100B}
  other:
    annual: {2026: 5B}
contracts:
  share:
    type: revenue_share
    payer: OpenAI
    payee: Microsoft
    base: rev
    rate: 20%
uncertainty:
  inputs:
    discount_rate: {dist: triangular, low: 5%, mode: 10%, high: 15%}
    streams.other.annual.2026: {dist: uniform, low: 1B, high: 9B}
    streams.rev.annual.2026: {dist: uniform, low: 80B, high: 120B}
    contracts.share.rate: {dist: uniform, low: 10%, high: 30%}
`)
	tor, err := Tornado(context.Background(), s, "")
	if err != nil {
		t.Fatal(err)
	}
	if tor.Metric != "contract.share.total_paid" || !tor.Base.Equal(decimal.RequireFromString("20e9")) {
		t.Errorf("metric %s, base %s", tor.Metric, tor.Base)
	}
	want := []struct {
		path, low, high, mLow, mHigh, swing string
	}{
		{"contracts.share.rate", "0.12", "0.28", "12e9", "28e9", "16e9"},
		{"streams.rev.annual.2026", "84e9", "116e9", "16.8e9", "23.2e9", "6.4e9"},
		{"discount_rate", "", "", "20e9", "20e9", "0"},
		{"streams.other.annual.2026", "", "", "20e9", "20e9", "0"},
	}
	if len(tor.Bars) != len(want) {
		t.Fatalf("%d bars", len(tor.Bars))
	}
	for i, w := range want {
		b := tor.Bars[i]
		eq := func(what string, got decimal.Decimal, want string) {
			if want != "" && !got.Equal(decimal.RequireFromString(want)) {
				t.Errorf("bar %d (%s): %s = %s, want %s", i, b.Path, what, got, want)
			}
		}
		if b.Path != w.path {
			t.Fatalf("bar %d is %s, want %s", i, b.Path, w.path)
		}
		eq("low", b.Low, w.low)
		eq("high", b.High, w.high)
		eq("metric at low", b.MetricLow, w.mLow)
		eq("metric at high", b.MetricHigh, w.mHigh)
		eq("swing", b.Swing, w.swing)
	}

	// Another metric: the NPV moves with the discount rate too.
	m := mustCompile(t, s)
	npv, err := m.Tornado(context.Background(), "contract.share.npv")
	if err != nil {
		t.Fatal(err)
	}
	if npv.Bars[2].Path != "discount_rate" || !npv.Bars[2].Swing.IsPositive() {
		t.Errorf("NPV tornado: the discount rate is %s with swing %s", npv.Bars[2].Path, npv.Bars[2].Swing)
	}
	if _, err := m.Tornado(context.Background(), "contract.share.cap_hit"); ErrorCode(err) != EINVALID {
		t.Errorf("a quarter metric: %v", err)
	}
}

// TestTornadoBriefing: the cap leads the largest scenario's tornado of total paid,
// and every swing is the distance of its two ends.
func TestTornadoBriefing(t *testing.T) {
	m := mustCompile(t, mustBuiltin(t, "briefing"))
	tor, err := m.Tornado(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(tor.Bars) != 19 || tor.Bars[0].Path != "contracts.msft_revshare.cap" {
		t.Fatalf("%d bars, first %s", len(tor.Bars), tor.Bars[0].Path)
	}
	for i, b := range tor.Bars {
		if !b.Swing.Equal(b.MetricHigh.Sub(b.MetricLow).Abs()) {
			t.Errorf("bar %s: swing %s", b.Path, b.Swing)
		}
		if i > 0 && b.Swing.GreaterThan(tor.Bars[i-1].Swing) {
			t.Errorf("bar %d (%s) swings more than the one before", i, b.Path)
		}
	}
}

func TestDefaultMetric(t *testing.T) {
	for stem, want := range map[string]string{
		"briefing":         "contract.msft_revshare.total_paid",
		"microsoft-no-cap": "contract.msft_revshare.total_paid",
		"compute":          "total.commitments.total_paid",
		"valuation":        "contract.msft_stake.value_at_end",
	} {
		if got := mustCompile(t, mustBuiltin(t, stem)).DefaultMetric(); got != want {
			t.Errorf("%s: default metric %s, want %s", stem, got, want)
		}
	}
}
