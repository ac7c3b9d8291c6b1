package contract_test

import (
	"reflect"
	"testing"

	"github.com/shopspring/decimal"

	"dealmodel/backend/contract"
	"dealmodel/backend/engine"
	"dealmodel/backend/scenario"
)

func TestRegistryListsTheFormatsTypesInOrder(t *testing.T) {
	want := []string{"revenue_share", "commitment", "payment", "equity", "capacity"}
	if got := contract.Names(); !reflect.DeepEqual(got, want) {
		t.Fatalf("Names() = %v, want %v", got, want)
	}
	for _, n := range want {
		ty, ok := contract.Lookup(n)
		if !ok || ty.Name() != n {
			t.Fatalf("Lookup(%q) = %v, %v", n, ty, ok)
		}
		if d := ty.Describe(); d.Title == "" || d.Template == "" || d.About == "" {
			t.Errorf("%s: incomplete description %+v", n, d)
		}
	}
	if _, ok := contract.Lookup("capacity_lease"); ok {
		t.Error("Lookup found a type that is not registered")
	}
	if got := contract.Title("nope"); got != "nope" {
		t.Errorf("Title of an unknown type = %q, want the type itself", got)
	}
}

// Every type's template makes a valid contract that round-trips through the
// canonical encoding, runs in the engine and compiles for Monte Carlo.
func TestTemplatesAreValidAndRoundTrip(t *testing.T) {
	for _, n := range contract.Names() {
		t.Run(n, func(t *testing.T) {
			s := &scenario.Scenario{Version: scenario.FormatVersion, Name: "Template " + n, Start: scenario.NewQuarter(2025, 1), End: scenario.NewQuarter(2030, 4)}
			ty, _ := contract.Lookup(n)
			c := scenario.Contract{ID: "c", Type: n, Enabled: true, From: s.Start, Until: s.End}
			ty.Template(&c, contract.TemplateEnv{Scenario: s, Party: "Company", Stream: func() string {
				if len(s.Streams) == 0 {
					s.Streams = append(s.Streams, scenario.Stream{ID: "rev", Annual: []scenario.YearAmount{{Year: 2025, Amount: decimalOf("1000")}}, Growth: []scenario.YearRate{{Year: 2026, Rate: decimalOf("0.1")}}})
				}
				return s.Streams[0].ID
			}})
			s.Contracts = append(s.Contracts, c)
			if err := s.Validate(); err != nil {
				t.Fatalf("the template is not valid: %v", err)
			}
			body := scenario.Marshal(s)
			back, err := scenario.Parse("t.yaml", body)
			if err != nil {
				t.Fatalf("the canonical form does not parse: %v\n%s", err, body)
			}
			if again := scenario.Marshal(back); string(again) != string(body) {
				t.Fatalf("the canonical form changed on a round trip:\n%s\n---\n%s", body, again)
			}
			r, err := engine.Run(back)
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Series) == 0 || r.SeriesByID("contract.c."+firstMeasure(r)) == nil {
				t.Errorf("the engine added no series for the contract")
			}
			if ty.Terms(back, &back.Contracts[0]) == "" || ty.Parties(&back.Contracts[0]) == "" {
				t.Errorf("the contract has no terms or parties line")
			}
		})
	}
}

func firstMeasure(r *engine.Result) string {
	for _, sr := range r.Series {
		if sr.Owner == "c" {
			return sr.Measure
		}
	}
	return ""
}

func decimalOf(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// Only a revenue share with a cap as written marks a cap on its fans: its
// cumulative payments, with what counts toward it measured apart.
func TestCapMarkOf(t *testing.T) {
	want := decimal.RequireFromString("38e9")
	shared := &scenario.Contract{ID: "r", Type: "revenue_share"}
	contract.Share(shared).Cap = &want
	if m, toward, limit, ok := contract.CapMarkOf(shared); !ok || m != "cumulative" || toward != "toward_cap" || !limit.Equal(want) {
		t.Errorf("capped revenue share: %q %q %v %v", m, toward, limit, ok)
	}
	contract.Share(shared).Cap = nil
	if _, _, _, ok := contract.CapMarkOf(shared); ok {
		t.Error("a revenue share without a cap field marks a cap")
	}
	for _, n := range contract.Names() {
		if n == "revenue_share" {
			continue
		}
		if _, _, _, ok := contract.CapMarkOf(&scenario.Contract{ID: "c", Type: n}); ok {
			t.Errorf("%s marks a cap", n)
		}
	}
}
