package app

import (
	"reflect"
	"testing"

	"dealmodel/backend/contract"
	"dealmodel/backend/scenario"
)

// Every registered contract type's dated-change terms reach its group in the
// inputs panel, each with an example value the service accepts as a change, and
// the group shows a timeline before it has events exactly when it has terms.
func TestChangeTermsReachGroups(t *testing.T) {
	s := newTestService(t)
	w, base := open(t, s, "microsoft-cap")
	start, err := scenario.ParseQuarter(input(t, base, "start").Value, false)
	if err != nil {
		t.Fatal(err)
	}
	doc := w.Document
	for _, name := range contract.Names() {
		ev := apply(t, s, doc, Edit{OpAdd, name, "contract:" + name})
		if len(ev.Problems) != 0 {
			t.Fatalf("add %s: %+v", name, ev.Problems)
		}
		doc = ev.Document
	}
	want := map[string][]string{"revenue_share": {"rate", "cap"}, "equity": {"stake"}, "capacity": {"price"}}
	for _, name := range contract.Names() {
		ev := apply(t, s, doc)
		g := groupOf(t, ev, "contracts."+name)
		var keys []string
		for _, term := range g.ChangeTerms {
			keys = append(keys, term.Key)
		}
		var typeKeys []string
		for _, term := range contract.ChangeTermsOf(name) {
			typeKeys = append(typeKeys, term.Key)
		}
		if !reflect.DeepEqual(keys, typeKeys) || (want[name] != nil && !reflect.DeepEqual(keys, want[name])) {
			t.Errorf("%s: terms %v, type's %v, want %v", name, keys, typeKeys, want[name])
		}
		if g.Timeline != (len(keys) > 0) {
			t.Errorf("%s: timeline %v with terms %v", name, g.Timeline, keys)
		}
		for _, term := range g.ChangeTerms {
			q := (start + 4).String()
			path := "contracts." + name + ".changes." + q + "." + term.Key
			ev := apply(t, s, doc, Edit{OpSet, path, term.Example})
			if len(ev.Problems) != 0 {
				t.Errorf("%s = %s (the example): %+v", path, term.Example, ev.Problems)
				continue
			}
			if e, ok := event(groupOf(t, ev, "contracts."+name), "contracts."+name+".changes."+q); !ok || e.Kind != "change" {
				t.Errorf("%s: no change in the timeline: %+v", path, groupOf(t, ev, "contracts."+name).Events)
			}
		}
	}
	for _, g := range base.Groups {
		if g.Kind == "stream" && !g.Timeline {
			t.Errorf("stream %s shows no timeline", g.ID)
		}
		if g.Kind == "scenario" && (g.Timeline || len(g.ChangeTerms) != 0) {
			t.Errorf("the scenario group has a timeline: %+v", g)
		}
	}
}
