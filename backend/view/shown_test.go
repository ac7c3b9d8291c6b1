package view

import (
	"reflect"
	"testing"

	"dealmodel/backend/engine"
	"dealmodel/backend/gen"
	"dealmodel/backend/scenario"
	"dealmodel/scenarios"
)

// Shown asks each contract once what to show of it, and shows what KeyFigures,
// FigureCaveatsOf and Charts show, asked one by one: on every built-in and a
// generated scenario of every type, by quarter and by year.
func TestShownIsWhatEachShows(t *testing.T) {
	var list []*scenario.Scenario
	for _, b := range scenarios.All() {
		sc, err := scenario.Parse(b.File, b.Data)
		if err != nil {
			t.Fatal(err)
		}
		list = append(list, sc)
	}
	sc, err := scenario.Parse("g.yaml", gen.YAML(gen.Size{Contracts: 30, Years: 12}))
	if err != nil {
		t.Fatal(err)
	}
	list = append(list, sc)
	for _, sc := range list {
		q, err := engine.Run(sc)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range []*engine.Result{q, q.ByYear()} {
			v := Show(sc, r)
			if got, want := v.KeyFigures(), KeyFigures(sc, r); !reflect.DeepEqual(got, want) {
				t.Errorf("%s, %s: key figures\n%+v\nwant\n%+v", sc.Name, r.Period, got, want)
			}
			got, want := v.Charts(), Charts(sc, r)
			if len(got) != len(want) {
				t.Fatalf("%s, %s: %d charts, want %d", sc.Name, r.Period, len(got), len(want))
			}
			for i := range want {
				g, w := got[i], want[i]
				if g.ID != w.ID || g.Kind != w.Kind || g.Title != w.Title || g.Contract != w.Contract || g.Print != w.Print || g.Lead != w.Lead {
					t.Errorf("%s, %s: chart %d is %+v, want %+v", sc.Name, r.Period, i, g, w)
				}
				if !reflect.DeepEqual(g.Draw(), w.Draw()) {
					t.Errorf("%s, %s: chart %s draws differently", sc.Name, r.Period, w.ID)
				}
			}
			caveats, each := v.FigureCaveats(Facts(sc)), FigureCaveatsOf(sc)
			for _, m := range r.Summary {
				if got, want := caveats(m.ID), each(m.ID); !reflect.DeepEqual(got, want) {
					t.Errorf("%s: caveats of %s: %+v, want %+v", sc.Name, m.ID, got, want)
				}
			}
		}
	}
}
