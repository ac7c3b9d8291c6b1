package scenario

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"dealmodel/scenarios"
)

// FuzzParse feeds arbitrary bytes to the parser. It must never panic; every error
// must carry the file name and a position; every accepted scenario must survive the
// canonical round trip unchanged. The seed corpus (built-ins, edge cases) runs in
// every plain `go test`; `go test -fuzz FuzzParse` explores further.
func FuzzParse(f *testing.F) {
	for _, b := range scenarios.All() {
		f.Add(b.File, b.Data)
	}
	f.Add("m.yaml", []byte(minimal))
	f.Add("m.json", []byte(`{"version": 1, "name": "J", "start": "2025Q1", "end": 2025, "streams": {"r": {"annual": {"2025": "1B"}}}}`))
	f.Add("e.yaml", []byte(""))
	f.Add("e.yaml", []byte("---\n---\n"))
	f.Add("a.yaml", []byte("version: &v 1\nname: *v\n"))
	f.Add("t.yaml", []byte("version: !!str 1\n"))
	f.Add("n.yaml", []byte("version: 1\nname: x\nstart: 2025Q1\nend: 2025Q4\ncontracts:\n  c: {type: payment, payer: A, payee: B, schedule: {2025Q1: .5, 2099Q4: 1e400}}\n"))
	f.Add("u.yaml", []byte(minimal+"uncertainty:\n  inputs:\n    contracts.share.cap: {dist: pert, low: 1, mode: 2, high: 3}\n"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		if name == "" || strings.ContainsAny(name, "\x00\n") {
			name = "f.yaml"
		}
		s, err := Parse(name, data)
		if err != nil {
			var el *ErrorList
			if !errors.As(err, &el) || len(el.Errors) == 0 {
				t.Fatalf("error is not a non-empty ErrorList: %#v", err)
			}
			for _, e := range el.Errors {
				if e.Line < 1 || e.Col < 1 || e.File != name || e.Msg == "" {
					t.Fatalf("error without position, file or message: %#v", e)
				}
			}
			return
		}
		out := Marshal(s)
		back, err := Parse("canonical.yaml", out)
		if err != nil {
			t.Fatalf("canonical output of an accepted file does not parse: %v\n%s", err, out)
		}
		if !reflect.DeepEqual(normalize(s), normalize(back)) {
			t.Fatalf("round trip changed the scenario:\n%s", out)
		}
	})
}
