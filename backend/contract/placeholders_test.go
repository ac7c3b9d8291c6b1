package contract_test

import (
	"testing"

	"dealmodel/backend/contract"
	"dealmodel/backend/scenario"
)

// Every type's template is found as placeholders: its parties (payer and payee,
// or a stake's holder), its label while it carries the template's source, and
// that source; each replaced text stops being one, and a real name that a
// template does not write never is.
func TestPlaceholdersOfEveryTemplate(t *testing.T) {
	for _, n := range contract.Names() {
		t.Run(n, func(t *testing.T) {
			s := &scenario.Scenario{Version: scenario.FormatVersion, Name: "T", Start: scenario.NewQuarter(2025, 1), End: scenario.NewQuarter(2030, 4)}
			ty, _ := contract.Lookup(n)
			c := scenario.Contract{ID: "c", Type: n, Enabled: true, From: s.Start, Until: s.End, Sources: []string{contract.PlaceholderSource}}
			ty.Template(&c, contract.TemplateEnv{Scenario: s, Party: contract.DefaultParty, Stream: func() string { return "rev" }})
			s.Contracts = append(s.Contracts, c)
			got := map[string]bool{}
			for _, p := range contract.Placeholders(s) {
				got[p.What] = true
				if p.Owner != c.Label || p.Path == "" {
					t.Errorf("placeholder %+v", p)
				}
			}
			want := []string{"label", "source"}
			if c.MovesMoney() {
				want = append(want, "payer", "payee")
			} else {
				want = append(want, "holder")
			}
			for _, w := range want {
				if !got[w] {
					t.Errorf("the template's %s is not found as a placeholder (found %v)", w, got)
				}
			}
			// Replaced, one by one: none is left.
			k := &s.Contracts[0]
			if k.MovesMoney() {
				k.Payer, k.Payee = "OpenAI", "Microsoft"
			} else {
				contract.Equity(k).Holder = "SoftBank"
			}
			k.Sources = []string{"Reuters, 2026-05-11"}
			if ph := contract.Placeholders(s); len(ph) != 0 {
				t.Errorf("placeholders left after replacing every text: %+v", ph)
			}
		})
	}
}
