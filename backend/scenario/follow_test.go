package scenario

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

const followDoc = `version: 1
name: follow
start: 2025Q1
end: 2030Q4
streams:
  rev:
    annual: {2025: 10B, 2026: 20B, 2027: 40B, 2028: 80B, 2029: 100B, 2030: 200B}
contracts:
  share:
    type: revenue_share
    payer: A
    payee: B
    base: rev
    rate: 20%
    from: 2025Q1
    until: 2030Q4
    cap: 38B
uncertainty:
  inputs:
    streams.rev.annual.2030: {dist: triangular, low: 120B, mode: 200B, high: 220B}
    contracts.share.cap: {dist: uniform, low: 30B, high: 50B}
    contracts.share.rate: {dist: lognormal, p10: 10%, p90: 30%}
`

func TestFollowRangeKeepsItsShapeRelativeToTheValue(t *testing.T) {
	s, err := Parse("follow.yaml", []byte(followDoc))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetInput("streams.rev.annual.2030", "280B"); err != nil {
		t.Fatal(err)
	}
	if err := s.FollowRange("streams.rev.annual.2030", "200B"); err != nil {
		t.Fatal(err)
	}
	u := s.uncertainInput("streams.rev.annual.2030")
	for name, want := range map[string]string{"low": "168000000000", "mode": "280000000000", "high": "308000000000"} {
		if v, _ := u.Get(name); !v.Equal(decimal.RequireFromString(want)) {
			t.Errorf("%s = %s, want %s (the same shape around 280B as around 200B)", name, v, want)
		}
	}
	// Without a reference the centre is used: the uniform's midpoint, 40B.
	if err := s.SetInput("contracts.share.cap", "60B"); err != nil {
		t.Fatal(err)
	}
	if err := s.FollowRange("contracts.share.cap", ""); err != nil {
		t.Fatal(err)
	}
	c := s.uncertainInput("contracts.share.cap")
	if lo, _ := c.Get("low"); !lo.Equal(decimal.RequireFromString("45000000000")) {
		t.Errorf("cap low %s, want 45B", lo)
	}
	if err := s.SetInput("contracts.share.rate", "40%"); err != nil {
		t.Fatal(err)
	}
	if err := s.FollowRange("contracts.share.rate", "20%"); err != nil {
		t.Fatal(err)
	}
	r := s.uncertainInput("contracts.share.rate")
	if p90, _ := r.Get("p90"); !p90.Equal(decimal.RequireFromString("0.6")) {
		t.Errorf("rate p90 %s, want 60%%", p90)
	}
	if err := s.Validate(); err != nil {
		t.Errorf("the moved ranges do not validate: %v", err)
	}
	// A field without a range is left alone; a value of zero cannot be followed.
	if err := s.FollowRange("streams.rev.annual.2025", "5B"); err != nil {
		t.Errorf("a field without a range: %v", err)
	}
	if err := s.SetInput("streams.rev.annual.2030", "0"); err != nil {
		t.Fatal(err)
	}
	if err := s.FollowRange("streams.rev.annual.2030", "280B"); err == nil || !strings.Contains(err.Error(), "same sign") {
		t.Errorf("following to zero: %v", err)
	}
}
