package app

import (
	"reflect"
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
