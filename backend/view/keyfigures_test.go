package view

import (
	"testing"

	"dealmodel/backend/engine"
	"dealmodel/backend/scenario"
	"dealmodel/scenarios"
)

func TestCompare(t *testing.T) {
	q := func(s string) scenario.Quarter {
		v, err := scenario.ParseQuarter(s, false)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	later := Compare(&engine.Metric{Kind: engine.QuarterValue, Quarter: q("2029Q3")}, &engine.Metric{Kind: engine.QuarterValue, Quarter: q("2029Q2")})
	if !later.Changed || later.Quarters != 1 || later.Was != "2029Q2" {
		t.Errorf("one quarter later: %+v", later)
	}
	gone := Compare(&engine.Metric{Kind: engine.QuarterValue, Null: true}, &engine.Metric{Kind: engine.QuarterValue, Quarter: q("2029Q2")})
	if !gone.Changed || gone.Quarters != 0 || gone.Was != "2029Q2" {
		t.Errorf("no longer reached: %+v", gone)
	}
	same := Compare(&engine.Metric{Kind: engine.QuarterValue, Null: true}, &engine.Metric{Kind: engine.QuarterValue, Null: true})
	if same.Changed || same.Was != "Not reached" {
		t.Errorf("never reached: %+v", same)
	}
}

func TestKeyFiguresLeadWithTheAnswer(t *testing.T) {
	b, ok := scenarios.ByStem("microsoft-cap")
	if !ok {
		t.Fatal("no built-in microsoft-cap")
	}
	sc, err := scenario.Parse(b.File, b.Data)
	if err != nil {
		t.Fatal(err)
	}
	r, err := engine.Run(sc)
	if err != nil {
		t.Fatal(err)
	}
	figs := KeyFigures(sc, r)
	want := []string{"Paid to Microsoft", "Saved by the cap", "Cap reached"}
	if len(figs) < len(want) {
		t.Fatalf("%d figures", len(figs))
	}
	for i, w := range want {
		if figs[i].Label != w {
			t.Errorf("figure %d is %q, want %q", i, figs[i].Label, w)
		}
	}
	// 20% of revenue from 2025Q1 through 2030 ($112.40B uncapped) less what is paid:
	// $3.76B before the amendment and the $38B cap from 2026Q2.
	if got := figs[1].Short(); got != "$70.64B" {
		t.Errorf("saving %s, want $70.64B", got)
	}
}
