package scenario

import (
	"reflect"
	"testing"

	"dealmodel/scenarios"
)

// Every built-in scenario survives Marshal then Parse unchanged, and Marshal is
// stable (the same bytes twice).
func TestMarshalRoundTripsBuiltins(t *testing.T) {
	for _, b := range scenarios.All() {
		t.Run(b.Stem, func(t *testing.T) {
			s, err := Parse(b.File, b.Data)
			if err != nil {
				t.Fatal(err)
			}
			out := Marshal(s)
			back, err := Parse("canonical.yaml", out)
			if err != nil {
				t.Fatalf("canonical output does not parse: %v\n%s", err, out)
			}
			if !reflect.DeepEqual(normalize(s), normalize(back)) {
				t.Fatalf("round trip changed the scenario\n%s", out)
			}
			if again := Marshal(back); string(again) != string(out) {
				t.Fatalf("Marshal is not stable:\n%s\n---\n%s", out, again)
			}
		})
	}
}
