package scenario_test

import (
	"strings"
	"testing"

	"dealmodel/backend/scenario"
)

const editBase = `version: 1
name: "Edit"
start: 2025Q1
end: 2027Q4
streams:
  rev:
    annual: {2025: 10B}
    growth: {2026: 10%}
contracts:
  share:
    type: revenue_share
    payer: "A"
    payee: "B"
    base: rev
    rate: 20%
  stake:
    type: equity
    holder: "B"
    stake: 10%
    valuation: {amount: 100B, at: 2025Q1}
uncertainty:
  inputs:
    contracts.share.rate: {dist: uniform, low: 10%, high: 30%}
`

func mustParse(t *testing.T, src string) *scenario.Scenario {
	t.Helper()
	s, err := scenario.Parse("edit.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestEditByPath(t *testing.T) {
	s := mustParse(t, editBase)
	// A share without a cap gains one from what people type.
	if err := s.SetInput("contracts.share.cap", "38bn"); err != nil {
		t.Fatal(err)
	}
	if c := s.Contract("share"); c.Cap == nil || c.Cap.String() != "38000000000" {
		t.Fatalf("cap %v", c.Cap)
	}
	if err := s.SetDate("contracts.share.until", "2026"); err != nil {
		t.Fatal(err)
	}
	if c := s.Contract("share"); c.Until.String() != "2026Q4" || !c.UntilSet {
		t.Errorf("until %s (set %v): a bare year ends with its last quarter", c.Until, c.UntilSet)
	}
	if err := s.SetDate("contracts.stake.from", "2026Q1"); err == nil || !strings.Contains(err.Error(), "no date") {
		t.Errorf("a stake has no from: %v", err)
	}
	if err := s.SetText("contracts.stake.valuation.method", "revenue_multiple"); err != nil {
		t.Fatal(err)
	}
	if c := s.Contract("stake"); c.Valuation.Stream != "rev" {
		t.Errorf("a revenue multiple takes the first stream, got %q", c.Valuation.Stream)
	}
	if err := s.Remove("streams.rev"); err == nil || !strings.Contains(err.Error(), "is the base of") {
		t.Errorf("a used stream is removed: %v", err)
	}
	if err := s.Remove("contracts.share.cap"); err != nil || s.Contract("share").Cap != nil {
		t.Errorf("the cap is not removed: %v", err)
	}
	if err := s.ValidateEdit("contracts.share.cap"); err != nil {
		t.Fatal(err)
	}
	// Removing the share leaves a range over nothing: Tidy drops it.
	if err := s.Remove("contracts.share"); err != nil {
		t.Fatal(err)
	}
	s.Tidy()
	if s.Uncertainty != nil {
		t.Errorf("the uncertainty over a removed contract is kept: %+v", s.Uncertainty)
	}
	if err := s.ValidateEdit("contracts.share"); err != nil {
		t.Fatal(err)
	}
}

func TestEditRefusesWhatBreaksARule(t *testing.T) {
	s := mustParse(t, editBase)
	if err := s.SetInput("contracts.share.rate", "120%"); err == nil {
		t.Fatal("a rate of 120% is accepted")
	}
	if err := s.SetText("contracts.share.payee", "A"); err != nil {
		t.Fatal(err)
	}
	err := s.ValidateEdit("contracts.share.payee")
	if err == nil || !strings.Contains(err.Error(), "payer and payee are both") {
		t.Fatalf("same payer and payee: %v", err)
	}
}
