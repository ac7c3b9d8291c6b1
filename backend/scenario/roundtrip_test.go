package scenario

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"dealmodel/scenarios"
)

// Every built-in scenario survives Marshal then Parse unchanged, and Marshal is
// stable (the same bytes twice).
func TestMarshalRoundTripsBuiltins(t *testing.T) {
	for _, b := range scenarios.All() {
		t.Run(b.Stem, func(t *testing.T) { checkRoundTrip(t, b.File, b.Data) })
	}
}

// v2Cases are the hand-computed cases of format v2 (app/cli/testdata/v2).
var v2Cases = []string{"actuals", "revshare", "equity", "tranches", "capacity"}

// Every v2 case round-trips in the same way.
func TestMarshalRoundTripsV2(t *testing.T) {
	for _, stem := range v2Cases {
		t.Run(stem, func(t *testing.T) {
			path := filepath.Join("..", "..", "app", "cli", "testdata", "v2", stem+".yaml")
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			checkRoundTrip(t, path, data)
		})
	}
}

func checkRoundTrip(t *testing.T, file string, data []byte) {
	t.Helper()
	s, err := Parse(file, data)
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
}

// quote writes plain text between quotes itself and leaves the rest to JSON's
// encoder: the same text either way, for every byte and for text around it.
func TestQuoteIsJSON(t *testing.T) {
	encoded := func(s string) string {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(s)
		return strings.TrimSuffix(b.String(), "\n")
	}
	list := []string{"", "OpenAI", "Revenue share to Microsoft", "a\u2028b", "é", "“x”", "\xff", "<&>"}
	for c := range 256 {
		list = append(list, string(rune(c)), "a"+string([]byte{byte(c)})+"z")
	}
	for _, s := range list {
		if got, want := quote(s), encoded(s); got != want {
			t.Errorf("quote(%q) = %s, want %s", s, got, want)
		}
	}
}

// A quarter is written as fmt writes it, by hand or not: every quarter of the
// years around those of four digits, and a few far off.
func TestQuarterString(t *testing.T) {
	for q := NewQuarter(-3, 1); q <= NewQuarter(10003, 4); q++ {
		if got, want := q.String(), fmt.Sprintf("%04dQ%d", q.Year(), q.Q()); got != want {
			t.Fatalf("quarter %d: %s, want %s", int(q), got, want)
		}
	}
}
