package app

import (
	"reflect"
	"strings"
	"testing"

	"dealmodel/backend/engine"
	"dealmodel/backend/report"
	"dealmodel/backend/scenario"
	"dealmodel/scenarios"
)

// The window's key figures and the PDF title page's are one list, in one order,
// for every built-in by quarter and by year.
func TestWindowAndPDFLeadWithTheSameFigures(t *testing.T) {
	for _, b := range scenarios.All() {
		sc, err := scenario.Parse(b.File, b.Data)
		if err != nil {
			t.Fatal(err)
		}
		q, err := engine.Run(sc)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range []*engine.Result{q, q.ByYear()} {
			var window, pdf []string
			for _, f := range keyFigures(sc, r, nil) {
				window = append(window, f.ID+" "+f.Label+" "+f.Value)
			}
			for _, f := range report.KeyFigures(sc, r) {
				pdf = append(pdf, f.Metric.ID+" "+f.Label+" "+figure(&f.Metric).Value)
			}
			if len(window) == 0 || !reflect.DeepEqual(window, pdf) {
				t.Errorf("%s by %s: the window leads with\n%q\nthe PDF with\n%q", b.Stem, r.Period, window, pdf)
			}
		}
	}
}

// The assumptions panel and the cards' "Unconfirmed" badges read the sources as
// the PDF's caveats do: the briefing's revenue share rests on the unconfirmed cap.
func TestEvaluationSaysWhatIsReportedAndWhatIsNot(t *testing.T) {
	s := newTestService(t)
	b, _ := scenarios.ByStem("briefing")
	ev, err := s.Evaluate(string(b.Data), "quarter")
	if err != nil {
		t.Fatal(err)
	}
	if ev.FactsAsOf != "26 June 2026" {
		t.Errorf("facts as of %q", ev.FactsAsOf)
	}
	count := map[string]int{}
	for _, f := range ev.Facts {
		count[f.Status]++
		if f.Owner == "" || f.Text == "" || !strings.Contains(f.Path, ".") {
			t.Errorf("fact %+v", f)
		}
	}
	if count["reported"] == 0 || count["unconfirmed"] == 0 || count["assumed"] == 0 {
		t.Errorf("facts by status %v", count)
	}
	badged := map[string]bool{}
	for _, f := range ev.Computation.KeyFigures {
		badged[f.ID] = len(f.Unconfirmed) > 0
		for _, u := range f.Unconfirmed {
			if !strings.HasPrefix(u, "Revenue share to Microsoft: ") && !strings.HasPrefix(u, "OpenAI revenue: ") {
				t.Errorf("%s rests on %q", f.ID, u)
			}
		}
	}
	if !badged["contract.msft_revshare.total_paid"] || !badged["contract.msft_revshare.cap_hit"] || badged["total.commitments.committed"] {
		t.Errorf("unconfirmed figures %v", badged)
	}
}
