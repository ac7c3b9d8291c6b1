package scenario

import (
	"testing"

	"dealmodel/scenarios"
)

// BenchmarkParseBriefing parses the largest built-in scenario.
func BenchmarkParseBriefing(b *testing.B) {
	f, _ := scenarios.ByStem("briefing")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(f.File, f.Data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseCanonical parses the canonical form the app keeps and sends.
func BenchmarkParseCanonical(b *testing.B) {
	f, _ := scenarios.ByStem("briefing")
	s, _ := Parse(f.File, f.Data)
	doc := Marshal(s)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("c.yaml", doc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMarshalBriefing writes the largest built-in scenario canonically.
func BenchmarkMarshalBriefing(b *testing.B) {
	f, _ := scenarios.ByStem("briefing")
	s, _ := Parse(f.File, f.Data)
	b.ReportAllocs()
	for b.Loop() {
		Marshal(s)
	}
}
