package report

import (
	"strings"
	"testing"

	"dealmodel/backend/contract"
)

// The first page is a one-page executive summary that can be sent as is: the
// question, the answer, three key figures, one chart, the caveats, the date of the
// latest fact and a disclaimer, and none of the analyst's jargon.
func TestFirstPageIsAnExecutiveSummary(t *testing.T) {
	b := briefingOf(t, "briefing")
	pages := pdfText(t, mustPDF(t, b))
	if len(pages) < 5 {
		t.Fatalf("%d pages: the full report should follow the summary", len(pages))
	}
	first := flat(pages[0])
	for _, want := range []string{
		"EXECUTIVE SUMMARY",
		b.Scenario.Name,
		"Facts as of 26 June 2026", // the latest source: the listing report of 2026-06-26
		"Prepared 12 May 2026",
		"Saved version 7",
		"THE QUESTION",
		"When does the $38.00B cap on OpenAI's payments to Microsoft bind, and how much does it save OpenAI?",
		"THE ANSWER",
		"The cap binds in 2029Q2 and saves OpenAI $70.64B.",
		// Three key figures, the same as the window's first three.
		"Paid to Microsoft", "$41.76B", "Saved by the cap", "$70.64B", "of $112.40B uncapped", "Cap reached", "2029Q2",
		"cumulative payments and the cap",
		"CAVEATS",
		"Unconfirmed — Revenue share to Microsoft: Cap $38B cumulative through 2030: The Information via Reuters, about 2026-05-11 (not confirmed by the companies)",
		"inputs are the scenario's own assumptions",
		"It is not financial, legal or investment advice",
		"Page 1 of",
	} {
		if !strings.Contains(first, flat(want)) {
			t.Errorf("page 1 lacks %q:\n%s", want, first)
		}
	}
	for _, jargon := range []string{"seed", "r7", "sha256", "Compute committed", "P10", "In brief"} {
		if strings.Contains(first, jargon) {
			t.Errorf("page 1 says %q: jargon or the full report on the summary page", jargon)
		}
	}
	if !strings.Contains(flat(pages[1]), "In brief") {
		t.Errorf("page 2 does not start the full report: %.200s", flat(pages[1]))
	}
}

func TestSummaryOnlyIsOnePage(t *testing.T) {
	b := briefingOf(t, "microsoft-cap")
	b.SummaryOnly = true
	pages := pdfText(t, mustPDF(t, b))
	if len(pages) != 1 {
		t.Fatalf("%d pages, want the summary alone", len(pages))
	}
	if p := flat(pages[0]); !strings.Contains(p, "Page 1 of 1") || !strings.Contains(p, "THE ANSWER") {
		t.Errorf("summary-only page: %s", p)
	}
}

// With unsaved changes the first page says so, and the scenario's notes say they
// describe the saved inputs.
func TestUnsavedChangesAreSaid(t *testing.T) {
	b := briefingOf(t, "briefing")
	b.Unsaved, b.Revision = true, "r7 with unsaved changes"
	all := pdfText(t, mustPDF(t, b))
	first := flat(all[0])
	for _, want := range []string{"Includes changes not yet saved", "Saved version 7 with unsaved changes", "the scenario's notes describe the saved inputs"} {
		if !strings.Contains(first, want) {
			t.Errorf("page 1 lacks %q", want)
		}
	}
	if text := flat(strings.Join(all, " ")); !strings.Contains(text, "These notes were written for the saved inputs.") {
		t.Error("the notes do not say they describe the saved inputs")
	}
}

func TestQuestionWithoutACap(t *testing.T) {
	for stem, want := range map[string]string{
		"microsoft-no-cap": "What does OpenAI pay Microsoft under the revenue share?",
		"valuation":        "What is Microsoft's stake worth?",
		"compute":          "What is committed to compute, to whom, and when is it paid?",
	} {
		s := builtin(t, stem)
		q, lead, answer := questionAnswer(s, mustRun(t, s))
		if q != want || lead == "" || answer == "" {
			t.Errorf("%s: %q / %q / %q; want the question %q", stem, q, lead, answer, want)
		}
	}
}

// A briefing whose texts are still a template's placeholders says so first among
// page 1's caveats, naming them; one without says nothing of the kind.
func TestPlaceholdersAreFlaggedOnPageOne(t *testing.T) {
	b := briefingOf(t, "microsoft-cap")
	c := b.Scenario.Contract("msft_revshare")
	c.Payee, c.Sources = "Partner", []string{contract.PlaceholderSource}
	b.Result = mustRun(t, b.Scenario)
	first := flat(pdfText(t, mustPDF(t, b))[0])
	want := "Placeholders — 2 texts are still as the template wrote them (payee “Partner”, source “Placeholder from the template: replace with the figure and its source”): replace them before this briefing is sent."
	if !strings.Contains(first, flat(want)) {
		t.Errorf("page 1 lacks %q:\n%s", want, first)
	}
	if clean := flat(pdfText(t, mustPDF(t, briefingOf(t, "microsoft-cap")))[0]); strings.Contains(clean, "Placeholders") {
		t.Errorf("a built-in's page 1 speaks of placeholders:\n%s", clean)
	}
}
