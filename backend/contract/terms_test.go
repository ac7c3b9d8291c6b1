package contract_test

import (
	"reflect"
	"strings"
	"testing"

	"dealmodel/backend/contract"
	"dealmodel/backend/scenario"
)

// scenario.Contract holds only what every type shares; each type's terms are a
// struct of its module, in Ext. Adding a type adds no field here.
func TestContractHoldsOnlySharedFields(t *testing.T) {
	var got []string
	ty := reflect.TypeOf(scenario.Contract{})
	for i := range ty.NumField() {
		got = append(got, ty.Field(i).Name)
	}
	want := "ID Type Label Payer Payee Enabled Sources From Until FromSet UntilSet Ext"
	if strings.Join(got, " ") != want {
		t.Errorf("scenario.Contract has %v, want %s", got, want)
	}
}

const termsScenario = `version: 2
name: Terms
start: 2025Q1
end: 2027Q4
streams:
  rev: {annual: {2025: 10B}, growth: {2026: 10%}}
contracts:
  share: {type: revenue_share, payer: A, payee: B, base: rev, rate: 10%, cap: 5B}
  compute: {type: commitment, payer: A, payee: C, total: 9B, years: 3, profile: custom, weights: [1, 2, 3]}
  pay: {type: payment, payer: D, payee: A, schedule: {2025Q1: 1B}}
  tranched: {type: payment, payer: D, payee: A, tranches: {first: {at: 2026Q1, amount: 2B}}}
  stake: {type: equity, holder: D, stake: 10%, valuation: {amount: 100B, at: 2025Q1}}
`

// Every parsed contract carries its type's terms; a clone's terms are its own;
// asking one type's contract for another type's terms changes nothing.
func TestTermsLiveInTheirType(t *testing.T) {
	s, err := scenario.Parse("terms.yaml", []byte(termsScenario))
	if err != nil {
		t.Fatal(err)
	}
	share, compute, pay, tranched, stake := s.Contract("share"), s.Contract("compute"), s.Contract("pay"), s.Contract("tranched"), s.Contract("stake")
	for _, c := range []struct {
		c    *scenario.Contract
		ext  any
		good bool
	}{
		{share, share.Ext, contract.Share(share).Base == "rev" && contract.Share(share).Cap.String() == "5000000000"},
		{compute, compute.Ext, contract.Commitment(compute).Years == 3 && len(contract.Commitment(compute).Weights) == 3},
		{pay, pay.Ext, len(contract.Payment(pay).Schedule) == 1 && contract.Tranches(pay) == nil},
		{tranched, tranched.Ext, len(contract.Tranches(tranched)) == 1},
		{stake, stake.Ext, contract.Equity(stake).Holder == "D" && contract.Equity(stake).Valuation.Method == contract.MethodConstant},
	} {
		if c.ext == nil || !c.good {
			t.Errorf("%s: terms %+v", c.c.ID, c.ext)
		}
	}
	if contract.Share(compute).Cap != nil || compute.Ext != any(contract.Commitment(compute)) {
		t.Error("asking a commitment for a revenue share's terms changed it")
	}

	clone := s.Clone()
	*contract.Share(clone.Contract("share")).Cap = contract.Share(share).PaidBefore
	contract.Commitment(clone.Contract("compute")).Weights[0] = contract.Share(share).Rate
	contract.Payment(clone.Contract("pay")).Schedule[0].Amount = contract.Share(share).Rate
	contract.Equity(clone.Contract("stake")).Valuation.Amount = contract.Share(share).Rate
	if contract.Share(share).Cap.String() != "5000000000" || contract.Commitment(compute).Weights[0].String() != "1" ||
		contract.Payment(pay).Schedule[0].Amount.String() != "1000000000" || contract.Equity(stake).Valuation.Amount.String() != "100000000000" {
		t.Error("editing a clone's terms changed the original's")
	}
	if got := string(scenario.Marshal(clone)); !strings.Contains(got, "tranches:") {
		t.Errorf("the clone's tranched payment lost its tranches:\n%s", got)
	}
}
