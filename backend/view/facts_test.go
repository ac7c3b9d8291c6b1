package view

import (
	"testing"

	"dealmodel/backend/scenario"
	"dealmodel/scenarios"
)

func TestClassify(t *testing.T) {
	for line, want := range map[string]SourceStatus{
		"Cap $38B cumulative through 2030: The Information via Reuters, about 2026-05-11 (not confirmed by the companies)": Unconfirmed,
		"Start 2026Q2 and four-year ramp: assumption":                          Assumed,
		"2028 $78.7B: not reported; geometric interpolation (assumption)":      Assumed,
		"$250B incremental Azure commitment: OpenAI/Microsoft, 2025-10-28":     Reported,
		"Net payments $493.8M (2024), disputed by Microsoft: TechCrunch, 2025": Unconfirmed,
	} {
		if got := Classify(line); got != want {
			t.Errorf("%q: %s, want %s", line, got, want)
		}
	}
}

func TestFactsAsOf(t *testing.T) {
	b, _ := scenarios.ByStem("briefing")
	sc, err := scenario.Parse(b.File, b.Data)
	if err != nil {
		t.Fatal(err)
	}
	if got := FactsAsOf(sc); got != "26 June 2026" {
		t.Errorf("facts as of %q, want 26 June 2026 (the latest report: the listing, press 2026-06-26)", got)
	}
	lines, unconfirmed, assumed := Caveats(sc, 2)
	if len(lines) != 2 || unconfirmed < 3 || assumed == 0 || lines[0].Owner != "Revenue share to Microsoft" {
		t.Errorf("caveats %+v, %d unconfirmed, %d assumed", lines, unconfirmed, assumed)
	}
	sc.Streams, sc.Contracts, sc.Uncertainty = nil, nil, nil
	if got := FactsAsOf(sc); got != "" {
		t.Errorf("no sources: facts as of %q", got)
	}
}
