package app

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"testing"

	"dealmodel/backend/gen"
	"dealmodel/backend/scenario"
)

// The inputs panel made with the memo, which takes each unchanged contract's
// group from the panel before, is the panel made from scratch, over random edits
// of the generated 100-contract scenario and of every built-in (values, switches,
// labels, parties, sources, uncertain ranges, the horizon, removals), going back
// to earlier versions and from one scenario to another.
func TestPanelMemoIsTheWholePanel(t *testing.T) {
	rng := rand.New(rand.NewPCG(20261202, 7))
	var memo panelMemo
	checked := 0
	err := gen.WalkCorpus(rng, 100, 30, func(what string, sc *scenario.Scenario) {
		gg, gi := memo.inputsOf(sc)
		wg, wi := inputsOf(sc)
		if !reflect.DeepEqual(gg, wg) || !reflect.DeepEqual(gi, wi) {
			a, _ := json.Marshal([]any{gg, gi})
			b, _ := json.Marshal([]any{wg, wi})
			t.Fatalf("%s, after %s: the memo's panel differs from the whole panel:\n%s\nwant\n%s", sc.Name, what, a, b)
		}
		checked++
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 100 {
		t.Fatalf("only %d versions were checked", checked)
	}
}
