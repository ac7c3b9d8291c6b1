package scenario_test

import (
	"strings"
	"testing"

	"dealmodel/backend/contract"
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
	if c := contract.Share(s.Contract("share")); c.Cap == nil || c.Cap.String() != "38000000000" {
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
	if c := contract.Equity(s.Contract("stake")); c.Valuation.Stream != "rev" {
		t.Errorf("a revenue multiple takes the first stream, got %q", c.Valuation.Stream)
	}
	if err := s.Remove("streams.rev"); err == nil || !strings.Contains(err.Error(), "is the base of") {
		t.Errorf("a used stream is removed: %v", err)
	}
	if err := s.Remove("contracts.share.cap"); err != nil || contract.Share(s.Contract("share")).Cap != nil {
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

// Dated lists edited by path: a stream's reported quarters and a stake's
// valuation marks are added, moved and removed; a move onto a taken quarter is
// refused by the check, saying so; the last mark is not removed.
func TestEditDatedLists(t *testing.T) {
	s := mustParse(t, strings.Replace(strings.Replace(editBase, "version: 1", "version: 2", 1),
		"valuation: {amount: 100B, at: 2025Q1}", "valuation: {method: marks, marks: {2025Q1: 100B}}", 1))
	if err := s.SetInput("streams.rev.actuals.2025Q3", "2B"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetInput("streams.rev.actuals.2025Q1", "3B"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetDate("streams.rev.actuals.2025Q1", "2026Q2"); err != nil {
		t.Fatal(err)
	}
	if got := quarters(s.Stream("rev").Actuals); got != "2025Q3 2026Q2" {
		t.Errorf("reported quarters %s after the move, want them in order: 2025Q3 2026Q2", got)
	}
	if err := s.SetDate("streams.rev.actuals.2027Q1", "2027Q2"); err == nil || !strings.Contains(err.Error(), "its reported quarters are 2025Q3, 2026Q2") {
		t.Errorf("moving a quarter not reported: %v", err)
	}
	if err := s.SetDate("streams.rev.actuals.2026Q2", "2025Q3"); err != nil {
		t.Fatal(err)
	}
	if err := s.ValidateEdit("streams.rev.actuals.2025Q3"); err == nil || !strings.Contains(err.Error(), "two reported amounts in 2025Q3") {
		t.Errorf("two amounts in one quarter: %v", err)
	}

	s = mustParse(t, strings.Replace(strings.Replace(editBase, "version: 1", "version: 2", 1),
		"valuation: {amount: 100B, at: 2025Q1}", "valuation: {method: marks, marks: {2025Q1: 100B}}", 1))
	// The last mark goes, and the check refuses the edit, saying why.
	if err := s.Remove("contracts.stake.valuation.marks.2025Q1"); err != nil {
		t.Fatal(err)
	}
	if err := s.ValidateEdit("contracts.stake.valuation.marks.2025Q1"); err == nil || !strings.Contains(err.Error(), "no marks") {
		t.Errorf("a valuation by marks without one: %v", err)
	}
	s = mustParse(t, strings.Replace(strings.Replace(editBase, "version: 1", "version: 2", 1),
		"valuation: {amount: 100B, at: 2025Q1}", "valuation: {method: marks, marks: {2025Q1: 100B}}", 1))
	if err := s.SetInput("contracts.stake.valuation.marks.2026Q3", "250B"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetInput("contracts.stake.valuation.marks.2025Q4", "150B"); err != nil {
		t.Fatal(err)
	}
	if got := quarters(contract.Equity(s.Contract("stake")).Marks); got != "2025Q1 2025Q4 2026Q3" {
		t.Errorf("marks %s, want them in order", got)
	}
	if err := s.SetDate("contracts.stake.valuation.marks.2026Q3", "2025Q4"); err != nil {
		t.Fatal(err)
	}
	if err := s.ValidateEdit("contracts.stake.valuation.marks.2025Q4"); err == nil || !strings.Contains(err.Error(), "two valuation marks in 2025Q4") {
		t.Errorf("two marks in one quarter: %v", err)
	}
	if err := s.Remove("contracts.stake.valuation.marks.2025Q4"); err != nil {
		t.Fatal(err)
	}

	// A stake at a constant valuation has no marks to add to.
	s = mustParse(t, editBase)
	if err := s.SetInput("contracts.stake.valuation.marks.2026Q1", "1T"); err == nil || !strings.Contains(err.Error(), "method is constant") {
		t.Errorf("a mark added to a constant valuation: %v", err)
	}
}

func quarters(list []scenario.QuarterAmount) string {
	qs := make([]string, len(list))
	for i, a := range list {
		qs[i] = a.Quarter.String()
	}
	return strings.Join(qs, " ")
}

// Texts typed in the app: labels, parties, the description and sources. Names
// in any script and Unicode plane are taken as typed; what breaks a rule says
// which and changes nothing the caller keeps (the caller edits a clone).
func TestSetTextLabelsPartiesDescriptionSources(t *testing.T) {
	s := mustParse(t, editBase)
	for _, tc := range []struct{ path, text string }{
		{"contracts.share.label", "  Partage des revenus 🚀 𝔄𝔴𝔰  "},
		{"contracts.share.payer", "株式会社オープン"},
		{"contracts.share.payee", "Ἀθῆναι 𐌰𐌱"},
		{"streams.rev.label", "Выручка"},
		{"description", "Line one.\nLine two, with émphasis."},
		{"contracts.share.sources", "CNBC, 2026-04-27\n\n  The Information, 2025-05-07  \n"},
	} {
		if err := s.SetText(tc.path, tc.text); err != nil {
			t.Fatalf("%s = %q: %v", tc.path, tc.text, err)
		}
		if err := s.ValidateEdit(tc.path); err != nil {
			t.Fatalf("%s = %q: %v", tc.path, tc.text, err)
		}
	}
	c := s.Contract("share")
	if c.Label != "Partage des revenus 🚀 𝔄𝔴𝔰" || c.Payer != "株式会社オープン" || c.Payee != "Ἀθῆναι 𐌰𐌱" || s.Stream("rev").Label != "Выручка" {
		t.Errorf("texts: %q %q %q %q", c.Label, c.Payer, c.Payee, s.Stream("rev").Label)
	}
	if strings.Join(c.Sources, "|") != "CNBC, 2026-04-27|The Information, 2025-05-07" {
		t.Errorf("sources %q", c.Sources)
	}
	if s.Description != "Line one.\nLine two, with émphasis." {
		t.Errorf("description %q", s.Description)
	}
	// The texts survive the file: written and read back as typed.
	back := mustParse(t, string(scenario.Marshal(s)))
	if bc := back.Contract("share"); bc.Label != c.Label || bc.Payee != c.Payee || strings.Join(bc.Sources, "|") != strings.Join(c.Sources, "|") || back.Description != s.Description {
		t.Errorf("read back: %+v, %q", bc, back.Description)
	}

	// 120 characters of the astral plane fit a label; 121 do not.
	long := strings.Repeat("𝔄", scenario.MaxLabel)
	if err := s.SetText("contracts.share.label", long); err != nil {
		t.Errorf("a label of %d astral characters: %v", scenario.MaxLabel, err)
	}
	for _, tc := range []struct{ path, text, want string }{
		{"contracts.share.label", "   ", "a label cannot be empty"},
		{"streams.rev.label", "", "a label cannot be empty"},
		{"contracts.share.label", long + "x", "at most 120"},
		{"contracts.share.label", "AWS\tcompute", "control character"},
		{"contracts.share.label", "\u200b\u2060 ", "a label cannot be empty"},
		{"description", "Line one.\nLine \x1b[31mtwo", "control character (U+001B) on line 2"},
		{"description", strings.Repeat("é", scenario.MaxDescription+1), "at most 4000"},
		{"contracts.share.sources", strings.Repeat("s", scenario.MaxSource+1), "source 1 has 601 characters"},
		{"contracts.share.sources", strings.Repeat("a source\n", scenario.MaxSources+1), "51 sources"},
	} {
		err := s.SetText(tc.path, tc.text)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s = %.30q: %v, want %q", tc.path, tc.text, err, tc.want)
		}
	}
	// Party names: empty, too long or padded break the format's rules.
	for _, tc := range []struct{ text, want string }{
		{"", "a party name needs 1 to 60 characters"},
		{strings.Repeat("名", 61), "found 61"},
	} {
		e := mustParse(t, editBase)
		if err := e.SetText("contracts.share.payer", tc.text); err != nil {
			t.Fatal(err)
		}
		if err := e.ValidateEdit("contracts.share.payer"); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("payer %.20q: %v, want %q", tc.text, err, tc.want)
		}
	}
}
