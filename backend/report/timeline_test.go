package report

import (
	"strings"
	"testing"
)

// The briefing's "Deal timeline" lists every dated change, tranche and deadline
// with its note (a tranche's condition) and its sources, in quarter order; the
// compute section draws capacity in gigawatts by provider; the revenue chart's
// note says which quarters are reported.
func TestDealTimelineSection(t *testing.T) {
	b := briefingOf(t, "briefing")
	pages := pdfText(t, mustPDF(t, b))
	var timeline string
	for i, p := range pages {
		if strings.Contains(p, "Deal timeline") {
			// The table may continue on the next page.
			timeline = flat(strings.Join(pages[i:min(i+3, len(pages))], " "))
			break
		}
	}
	if timeline == "" {
		t.Fatal("no Deal timeline section")
	}
	want := []string{
		"2026Q2 Revenue share to Microsoft Rate 20%",
		"Amended agreement of 2026-04-27: a total cap through 2030",
		"2026Q2 Revenue share to Microsoft Payments start to count toward the cap",
		"Source: Amended agreement, \"same percentage\", through 2030: OpenAI/Microsoft joint statement, 2026-04-27; Reverse share ended: OpenAI blog, 2026-04-27",
		"2026Q1 OpenAI revenue Reported: $5.70B",
		"2027Q4 Amazon equity investment in OpenAI (up to $50B) Tranche contingent pays $35.00B",
		"Condition: An IPO filing or a (redacted) mandatory funding event",
		"2028Q4 Amazon equity investment in OpenAI (up to $50B) Deadline of tranche contingent: not paid if it falls due after 2028Q4",
		"Stake 26.79%",
		"Valued at $852.00B",
		"4.5 GW in service",
	}
	for _, w := range want {
		if !strings.Contains(timeline, w) {
			t.Errorf("the Deal timeline lacks %q", w)
		}
	}
	// In quarter order: the reported first quarter, the amendment, the
	// contingent tranche, its deadline.
	q1, a := strings.Index(timeline, "Reported: $5.70B"), strings.Index(timeline, "Rate 20%")
	tr, dl := strings.Index(timeline, "Tranche contingent"), strings.Index(timeline, "Deadline of tranche contingent")
	if !(q1 < a && a < tr && tr < dl) {
		t.Errorf("events out of order: reported at %d, amendment at %d, tranche at %d, deadline at %d", q1, a, tr, dl)
	}

	all := flat(strings.Join(pages, " "))
	for _, w := range []string{
		"Capacity in service by provider (GW), by quarter",
		"Solid revenue bars are reported quarters (2026Q1); light ones are plan.",
		"OpenAI revenue, actual", "OpenAI revenue, plan",
		"4.5 GW",
	} {
		if !strings.Contains(all, w) {
			t.Errorf("the PDF lacks %q", w)
		}
	}
}

// A scenario without dated events has no Deal timeline.
func TestNoDealTimelineWithoutEvents(t *testing.T) {
	b := briefingOf(t, "valuation-multiple")
	all := strings.Join(pdfText(t, mustPDF(t, b)), " ")
	if strings.Contains(all, "Deal timeline") {
		t.Error("a Deal timeline without events")
	}
}
