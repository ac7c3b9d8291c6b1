package contract

import (
	"dealmodel/backend/scenario"
)

// moneyDetail is the heading detail of a contract that moves money.
func moneyDetail(c *scenario.Contract) string { return c.Payer + " → " + c.Payee }

// number and date are the inputs panel's entries of a contract.
func number(key, label string) scenario.ContractInput {
	return scenario.ContractInput{Key: key, Label: label}
}

func date(key, label string, q scenario.Quarter) scenario.ContractInput {
	return scenario.ContractInput{Key: key, Label: label, Date: true, Quarter: q}
}
