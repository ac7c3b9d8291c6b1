package view

import (
	"fmt"
	"strings"
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

// The memo of classified lines answers each line by its own text: lines that
// differ by a word, a case or a space each get their own status, again and after
// the memo has started over, and a long line is classified without being kept.
func TestClassifyRemembersEachLineByItsText(t *testing.T) {
	lines := []string{
		"Cap $38B: The Information, 2026-05-11",
		"Cap $38B: The Information, 2026-05-11 (not confirmed)",
		"Cap $38B: The Information, 2026-05-11 (assumption)",
		"Cap $38B: The Information, 2026-05-11 (UNCONFIRMED)",
		"Cap $38B: The Information, 2026-05-11 ",
		strings.Repeat("filler ", lineMemoBytes/64) + "assumed",
	}
	want := []SourceStatus{Reported, Unconfirmed, Assumed, Unconfirmed, Reported, Assumed}
	check := func(when string) {
		t.Helper()
		for i, l := range lines {
			if got := Classify(l); got != want[i] {
				t.Errorf("%s: line %d is %s, want %s", when, i, got, want[i])
			}
		}
	}
	check("first")
	check("remembered")
	// More lines than the memo holds, each of them its own status.
	for i := range lineMemoLines + 10 {
		l := fmt.Sprintf("line %d", i)
		st := Reported
		switch i % 3 {
		case 1:
			l, st = l+" assumed", Assumed
		case 2:
			l, st = l+" undisclosed", Unconfirmed
		}
		if got := Classify(l); got != st {
			t.Fatalf("%q is %s, want %s", l, got, st)
		}
	}
	check("after the memo started over")
	classified.mu.Lock()
	n, kept := len(classified.m), classified.bytes
	_, long := classified.m[lines[5]]
	classified.mu.Unlock()
	if n > lineMemoLines || kept > lineMemoBytes || long {
		t.Errorf("the memo holds %d lines of %d bytes (the long one: %v), more than its bounds", n, kept, long)
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

func TestFigureCaveats(t *testing.T) {
	b, _ := scenarios.ByStem("briefing")
	sc, err := scenario.Parse(b.File, b.Data)
	if err != nil {
		t.Fatal(err)
	}
	capped := FigureCaveats(sc, "contract.msft_revshare.total_paid")
	found := false
	for _, f := range capped {
		if f.Status != Unconfirmed {
			t.Errorf("%q is %s, not unconfirmed", f.Text, f.Status)
		}
		if strings.Contains(f.Text, "Cap $38B") {
			found = true
		}
	}
	if !found {
		t.Errorf("the revenue share's figures rest on the unconfirmed cap: %+v", capped)
	}
	if got := FigureCaveats(sc, "contract.msft_reverse_share.total_paid"); len(got) != 0 {
		t.Errorf("the reverse share rests on reported terms and an assumed revenue, nothing unconfirmed: %+v", got)
	}
	if got := FigureCaveats(sc, "total.commitments.committed"); len(got) != 0 {
		t.Errorf("no compute commitment's source says it is unconfirmed: %+v", got)
	}
	if got := FigureCaveats(sc, "contract.nosuch.total_paid"); len(got) != 0 {
		t.Errorf("an unknown contract rests on nothing: %+v", got)
	}
}

func TestHeadlineMetric(t *testing.T) {
	for stem, want := range map[string]string{
		"briefing":         "contract.msft_revshare.cap_savings",
		"microsoft-no-cap": "",
		"valuation":        "",
	} {
		b, _ := scenarios.ByStem(stem)
		sc, err := scenario.Parse(b.File, b.Data)
		if err != nil {
			t.Fatal(err)
		}
		if got := HeadlineMetric(sc); got != want {
			t.Errorf("%s: %q, want %q", stem, got, want)
		}
	}
}
