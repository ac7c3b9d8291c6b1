package report

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"dealmodel/backend/money"
)

// The summary is computed, not written: moving an input moves the sentences.
func TestSummaryFollowsResult(t *testing.T) {
	s := builtin(t, "briefing")
	base := strings.Join(summaryBullets(s, s, mustRun(t, s)), "\n")
	for _, w := range []string{
		"OpenAI pays Microsoft 20% of OpenAI revenue from 2025Q1 through 2030Q4, $41.76B in total. Payments count toward the cap from 2026Q2.",
		"reach the $38.00B cap in 2029Q2",
		"OpenAI has committed $730.40B to compute: Oracle $300.00B, Microsoft $250.00B, AWS $138.00B, CoreWeave $22.40B and Cerebras $20.00B.",
		"Amazon pays OpenAI $50.00B, $15.00B in 2026Q1 and $35.00B in 2027Q4 if an IPO filing or a (redacted) mandatory funding event; due on 5 business days' notice (by 2028Q4).",
		"Microsoft's 26.79% stake is worth $228.25B at the end of 2032Q4, on the valuation marks $157.00B (2024Q4), $300.00B (2025Q1), $500.00B (2025Q4) and $852.00B (2026Q1), each held until the next.",
		"OpenAI pays out",
	} {
		if !strings.Contains(base, w) {
			t.Errorf("the summary lacks %q:\n%s", w, base)
		}
	}

	high := s.Clone()
	if err := high.Set("contracts.msft_revshare.cap", decimal.New(60, 9)); err != nil {
		t.Fatal(err)
	}
	r := mustRun(t, high)
	text := strings.Join(summaryBullets(high, high, r), "\n")
	hit := r.MetricByID("contract.msft_revshare.cap_hit")
	paid := r.MetricByID("contract.msft_revshare.total_paid")
	for _, w := range []string{"$60.00B cap", hit.Quarter.String(), money.Short(paid.Amount)} {
		if !strings.Contains(text, w) {
			t.Errorf("with a $60B cap the summary lacks %q:\n%s", w, text)
		}
	}

	huge := s.Clone()
	if err := huge.Set("contracts.msft_revshare.cap", decimal.New(500, 9)); err != nil {
		t.Fatal(err)
	}
	if text := strings.Join(summaryBullets(huge, huge, mustRun(t, huge)), "\n"); !strings.Contains(text, "cap is not reached") {
		t.Errorf("a cap that is never reached is not said so:\n%s", text)
	}

	none := builtin(t, "microsoft-no-cap")
	if text := strings.Join(summaryBullets(none, none, mustRun(t, none)), "\n"); !strings.Contains(text, "There is no cap.") {
		t.Errorf("a revenue share without a cap is not said so:\n%s", text)
	}
}

func TestKeyFigures(t *testing.T) {
	s := builtin(t, "briefing")
	r := mustRun(t, s)
	tiles := keyFigures(s, r)
	if len(tiles) == 0 || len(tiles) > 8 {
		t.Fatalf("%d key figures", len(tiles))
	}
	got := map[string]string{}
	for _, tl := range tiles {
		got[tl.label] = tl.value
	}
	for label, want := range map[string]string{
		"Paid to Microsoft": "$41.76B",
		"Saved by the cap":  "$70.64B",
		"Cap reached":       "2029Q2",
		"Compute committed": "$730.40B",
		"Microsoft's stake": "$228.25B",
	} {
		if got[label] != want {
			t.Errorf("%s: %q, want %q", label, got[label], want)
		}
	}
}
