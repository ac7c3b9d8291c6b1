package engine_test

import (
	"fmt"

	"dealmodel/backend/engine"
	"dealmodel/backend/money"
	"dealmodel/backend/scenario"
)

// Run computes every series and summary metric of a scenario in exact decimals;
// ByYear sums flows by calendar year.
func ExampleRun() {
	s, err := scenario.Parse("share.yaml", []byte(`version: 1
name: "Revenue share"
start: 2026Q1
end: 2027Q4
streams:
  rev:
    annual: {2026: 10B, 2027: 12B}
contracts:
  share:
    type: revenue_share
    payer: "OpenAI"
    payee: "Microsoft"
    base: rev
    rate: 20%
    cap: 3B
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
	paid := r.ByYear().SeriesByID("contract.share.paid")
	for i, p := range paid.Values {
		fmt.Println(r.ByYear().Periods[i], money.Cents(p))
	}
	hit := r.MetricByID("contract.share.cap_hit")
	fmt.Println("cap binds in", hit.Quarter)
	// Output:
	// 2026 2000000000.00
	// 2027 1000000000.00
	// cap binds in 2027Q2
}
