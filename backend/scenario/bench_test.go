package scenario_test

import (
	"fmt"
	"testing"

	"dealmodel/backend/gen"
	"dealmodel/backend/scenario"
	"dealmodel/scenarios"
)

// BenchmarkParseBriefing parses the largest built-in scenario as a user's file:
// with a comment added, so that the YAML parser reads it rather than the tree
// compiled in for the built-in (BenchmarkParseBuiltin).
func BenchmarkParseBriefing(b *testing.B) {
	f, _ := scenarios.ByStem("briefing")
	data := append([]byte("# a copy\n"), f.Data...)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := scenario.Parse(f.File, data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseBuiltin opens the largest built-in scenario, from its compiled-in tree.
func BenchmarkParseBuiltin(b *testing.B) {
	f, _ := scenarios.ByStem("briefing")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := scenario.Parse(f.File, f.Data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseCanonical parses the canonical form the app keeps and sends.
func BenchmarkParseCanonical(b *testing.B) {
	f, _ := scenarios.ByStem("briefing")
	s, _ := scenario.Parse(f.File, f.Data)
	doc := scenario.Marshal(s)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := scenario.Parse("c.yaml", doc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMarshalBriefing writes the largest built-in scenario canonically.
func BenchmarkMarshalBriefing(b *testing.B) {
	f, _ := scenarios.ByStem("briefing")
	s, _ := scenario.Parse(f.File, f.Data)
	b.ReportAllocs()
	for b.Loop() {
		scenario.Marshal(s)
	}
}

// BenchmarkParseGenerated parses generated scenarios of 1 to 1000 contracts over 40
// years, with one uncertain input per ten contracts: the cost grows linearly.
func BenchmarkParseGenerated(b *testing.B) {
	for _, n := range []int{1, 10, 100, 1000} {
		data := gen.YAML(gen.Size{Contracts: n, Years: 40})
		b.Run(fmt.Sprintf("contracts=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := scenario.Parse("generated.yaml", data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
