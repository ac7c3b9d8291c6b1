package scenario

import (
	"errors"
	"fmt"
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

// FuzzParseStructure builds documents from a few numbers, to explore the shapes
// that cost a YAML parser most: nesting (flow and block), width (keys, items,
// documents) and aliases, alone and combined. Whatever the shape, Parse returns
// (a bounded document of at most MaxSize bytes), never panics, and refuses with a
// positioned error or accepts a document that round-trips.
func FuzzParseStructure(f *testing.F) {
	// shape, depth, width, aliases
	f.Add(uint8(0), uint16(100), uint16(1), uint16(0))     // [[[[ …
	f.Add(uint8(1), uint16(80), uint16(3), uint16(0))      // {a: {a: …
	f.Add(uint8(2), uint16(70), uint16(2), uint16(0))      // block mappings
	f.Add(uint8(3), uint16(90), uint16(1), uint16(0))      // - - - …
	f.Add(uint8(4), uint16(1), uint16(12000), uint16(0))   // a wide block mapping
	f.Add(uint8(5), uint16(1), uint16(5000), uint16(0))    // documents
	f.Add(uint8(6), uint16(3), uint16(100), uint16(500))   // anchors and aliases
	f.Add(uint8(7), uint16(40), uint16(50), uint16(10))    // everything at once
	f.Add(uint8(0), uint16(64), uint16(1), uint16(0))      // at the depth limit
	f.Add(uint8(4), uint16(2), uint16(MaxKeys), uint16(0)) // at the width limit
	f.Fuzz(func(t *testing.T, shape uint8, depth, width, aliases uint16) {
		doc := structureDoc(shape%8, int(depth), int(width), int(aliases))
		if len(doc) > MaxSize {
			doc = doc[:MaxSize]
		}
		s, err := Parse("s.yaml", []byte(doc))
		if err != nil {
			var el *ErrorList
			if !errors.As(err, &el) || len(el.Errors) == 0 {
				t.Fatalf("error is not a non-empty ErrorList: %#v", err)
			}
			for _, e := range el.Errors {
				if e.Line < 1 || e.Col < 1 || e.Msg == "" {
					t.Fatalf("error without position or message: %#v", e)
				}
			}
			return
		}
		if _, err := Parse("canonical.yaml", Marshal(s)); err != nil {
			t.Fatalf("canonical output of an accepted file does not parse: %v", err)
		}
	})
}

// structureDoc writes a scenario whose description (or whole body) has the shape.
func structureDoc(shape uint8, depth, width, aliases int) string {
	var b strings.Builder
	b.WriteString(minimal)
	rep := strings.Repeat
	switch shape {
	case 0:
		b.WriteString("description: " + rep("[", depth) + rep("x, ", width) + rep("]", depth) + "\n")
	case 1:
		b.WriteString("description: " + rep("{a: ", depth) + "x" + rep("}", depth) + "\n")
	case 2:
		b.WriteString("uncertainty:\n")
		for i := 0; i < depth; i++ {
			b.WriteString(rep("  ", i+1) + "inputs:\n")
		}
	case 3:
		b.WriteString("description:\n" + rep("- ", depth) + "x\n")
	case 4:
		b.WriteString("streams:\n")
		for i := 0; i < width; i++ {
			fmt.Fprintf(&b, "  s%d:\n    annual: {2025: %d}\n", i, i+1)
		}
	case 5:
		b.WriteString(rep("---\nname: x\n", width))
	case 6:
		b.WriteString("uncertainty:\n  inputs:\n    a: &a {dist: normal, mean: 1, sd: 1}\n")
		for i := 0; i < aliases; i++ {
			fmt.Fprintf(&b, "    b%d: *a\n", i)
		}
	case 7:
		b.WriteString("description: &d " + rep("[", depth%80) + rep("*d, ", aliases) + rep("{k: v}, ", width) + rep("]", depth%80) + "\n")
		b.WriteString("streams:\n")
		for i := 0; i < width; i++ {
			fmt.Fprintf(&b, "  s%d: {annual: {2025: 1}}\n", i)
		}
	}
	return b.String()
}
