package scenario_test

import (
	"fmt"

	"dealmodel/backend/contract"
	"dealmodel/backend/scenario"
)

// Parse reads a scenario file and checks it; each problem comes back with its
// file, line, column and key path.
func ExampleParse() {
	src := []byte(`version: 1
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
`)
	s, err := scenario.Parse("share.yaml", src)
	if err != nil {
		fmt.Println(err)
		return
	}
	c := s.Contract("share")
	terms := contract.Share(c) // a revenue share's terms, owned by its module
	fmt.Println(s.Name, s.Start, s.End, c.Type, scenario.FormatRate(terms.Rate), scenario.FormatAmount(*terms.Cap))

	_, err = scenario.Parse("bad.yaml", []byte("version: 1\nname: \"Bad\"\nstart: 2026Q1\nend: 2025Q4\n"))
	fmt.Println(err)
	// Output:
	// Revenue share 2026Q1 2027Q4 revenue_share 20% 3B
	// bad.yaml:4:6: end: end (2025Q4) is before start (2026Q1): end must be the same quarter as start or later
}
