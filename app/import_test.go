package app

import (
	"strings"
	"testing"

	"dealmodel/backend/scenario"
)

func TestImportScenarioNewThenRevision(t *testing.T) {
	s := newTestService(t)
	doc := builtinDoc(t, "microsoft-cap", func(sc *scenario.Scenario) { sc.Name = "Imported deal" })
	res, err := s.ImportScenario("/home/me/deals/imported.yaml", doc)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Created || res.Unchanged || res.Workspace.Name != "Imported deal" || res.Workspace.Revision != 1 || res.Workspace.Draft {
		t.Fatalf("first import: %+v %+v", res, res.Workspace)
	}

	// A draft of the old revision goes: the import replaces what it edited.
	if err := s.SaveDraft("Imported deal", strings.Replace(res.Workspace.Document, "Imported deal", "Imported deal", 1)+"\n"); err != nil {
		t.Fatal(err)
	}
	changed := builtinDoc(t, "microsoft-cap", func(sc *scenario.Scenario) {
		sc.Name = "Imported deal"
		sc.Description = "Second thoughts"
	})
	res, err = s.ImportScenario("imported.yaml", changed)
	if err != nil {
		t.Fatal(err)
	}
	if res.Created || res.Unchanged || res.Workspace.Revision != 2 || res.Workspace.Draft || res.Workspace.Document != changed {
		t.Fatalf("second import: %+v %+v", res, res.Workspace)
	}
	hist, err := s.History("Imported deal")
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 2 || hist[0].Message != "Imported from imported.yaml" {
		t.Fatalf("history: %+v", hist)
	}

	// The same file again writes nothing.
	res, err = s.ImportScenario("imported.yaml", changed)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Unchanged || res.Workspace.Revision != 2 {
		t.Fatalf("unchanged import: %+v %+v", res, res.Workspace)
	}
}

func TestImportScenarioRejects(t *testing.T) {
	s := newTestService(t)
	before, err := s.ListScenarios()
	if err != nil {
		t.Fatal(err)
	}
	doc := builtinDoc(t, "microsoft-cap", nil)
	bad := "bogus: 1\n" + doc
	for _, c := range []struct{ file, text, want string }{
		{"deal.yaml", bad, `deal.yaml:1:1: bogus: unknown key "bogus"`},
		{"deal.txt", doc, "pick a scenario file (.yaml, .yml or .json)"},
		{"deal.yaml", "  \n", "deal.yaml is empty"},
		{"deal.json", "{", "deal.json:"},
	} {
		_, err := s.ImportScenario(c.file, c.text)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ImportScenario(%q): %v, want %q", c.file, err, c.want)
		}
	}
	after, err := s.ListScenarios()
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before) {
		t.Errorf("a refused import stored something: %d scenarios, then %d", len(before), len(after))
	}
}
