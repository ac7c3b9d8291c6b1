package report_test

import (
	"fmt"
	"os"

	"dealmodel/backend/engine"
	"dealmodel/backend/report"
	"dealmodel/backend/scenario"
)

// WriteScheduleCSV writes one row per period and one column per series, amounts
// with two decimals.
func ExampleWriteScheduleCSV() {
	s, err := scenario.Parse("pay.yaml", []byte(`version: 1
name: "Payments"
start: 2026Q1
end: 2026Q4
contracts:
  tranche:
    type: payment
    payer: "Amazon"
    payee: "OpenAI"
    schedule: {2026Q1: 15B, 2026Q3: 5B}
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := engine.Run(s)
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := report.WriteScheduleCSV(os.Stdout, r.ByYear(), report.CSVOptions{}); err != nil {
		fmt.Println(err)
	}
	// Output:
	// period,contract.tranche.paid,party.Amazon.in,party.Amazon.out,party.Amazon.net,party.OpenAI.in,party.OpenAI.out,party.OpenAI.net
	// 2026,20000000000.00,0.00,20000000000.00,-20000000000.00,20000000000.00,0.00,20000000000.00
}
