package library

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"dealmodel/backend/scenario"
	"dealmodel/backend/store"
)

func openTest(t *testing.T) *Library {
	t.Helper()
	l, err := Open(context.Background(), filepath.Join(t.TempDir(), "lib.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

func TestOpenSeedsBuiltinsOnce(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	l, err := Open(ctx, filepath.Join(dir, "lib.db"))
	if err != nil {
		t.Fatal(err)
	}
	builtins, _ := Builtins()
	if len(l.Seeded) != len(builtins) {
		t.Fatalf("seeded %v", l.Seeded)
	}
	l.Close()
	l, err = Open(ctx, filepath.Join(dir, "lib.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if len(l.Seeded) != 0 {
		t.Fatalf("seeded again: %v", l.Seeded)
	}
	s, r, err := l.Load(ctx, builtins[0].Name, 0)
	if err != nil || r.Number != 1 || s.Name != builtins[0].Name {
		t.Fatalf("load %s: %v", builtins[0].Name, err)
	}
}

func TestSaveRenameDuplicateRestore(t *testing.T) {
	l := openTest(t)
	ctx := context.Background()
	builtins, _ := Builtins()
	name := builtins[0].Name
	s, _, _ := l.Load(ctx, name, 0)
	if err := s.Set("discount_rate", decimal.RequireFromString("0.07")); err != nil {
		t.Fatal(err)
	}
	r, err := l.Save(ctx, s, "7% discount")
	if err != nil || r.Number != 2 || r.Unchanged {
		t.Fatalf("save: %+v %v", r, err)
	}
	if r, _ = l.Save(ctx, s, "again"); !r.Unchanged {
		t.Fatal("an unchanged save wrote a revision")
	}
	// An invalid scenario is refused and writes nothing.
	bad := s.Clone()
	bad.End = bad.Start - 1
	if _, err := l.Save(ctx, bad, "broken"); err == nil {
		t.Fatal("saved an invalid scenario")
	}
	if err := l.Rename(ctx, name, "Renamed"); err != nil {
		t.Fatal(err)
	}
	doc, err := l.Export(ctx, "Renamed", 0)
	if err != nil || !strings.Contains(string(doc), `name: "Renamed"`) {
		t.Fatalf("export after rename: %v\n%s", err, doc)
	}
	if _, err := l.Duplicate(ctx, "Renamed", "Copy"); err != nil {
		t.Fatal(err)
	}
	c, _, _ := l.Load(ctx, "Copy", 0)
	if !c.DiscountRate.Equal(decimal.RequireFromString("0.07")) || c.Name != "Copy" {
		t.Fatalf("copy: %s %s", c.Name, c.DiscountRate)
	}
	// Restoring revision 1 brings back the shipped figures under the current name.
	r, err = l.Restore(ctx, "Renamed", 1)
	if err != nil {
		t.Fatal(err)
	}
	back, _, _ := l.Load(ctx, "Renamed", r.Number)
	if back.Name != "Renamed" || back.DiscountRate.Equal(decimal.RequireFromString("0.07")) {
		t.Fatalf("restored: %s %s", back.Name, back.DiscountRate)
	}
	if _, err := scenario.Parse("x.yaml", doc); err != nil {
		t.Fatalf("exported document does not parse: %v", err)
	}
	if _, _, err := l.Load(ctx, "Nobody", 0); store.ErrorCode(err) != store.ENOTFOUND {
		t.Fatalf("missing scenario: %v", err)
	}
}

// A rename from the command line keeps the user's unsaved draft, under the new name.
func TestRenameKeepsDraft(t *testing.T) {
	l := openTest(t)
	ctx := context.Background()
	builtins, _ := Builtins()
	name := builtins[0].Name
	s, _, _ := l.Load(ctx, name, 0)
	if err := s.Set("discount_rate", decimal.RequireFromString("0.05")); err != nil {
		t.Fatal(err)
	}
	if err := l.DB.SaveDraft(ctx, name, scenario.Marshal(s)); err != nil {
		t.Fatal(err)
	}
	if err := l.Rename(ctx, name, "Renamed"); err != nil {
		t.Fatal(err)
	}
	d, err := l.DB.Draft(ctx, "Renamed")
	if err != nil {
		t.Fatalf("the draft was lost: %v", err)
	}
	ds, err := scenario.Parse("draft", d.Body)
	if err != nil || ds.Name != "Renamed" || !ds.DiscountRate.Equal(decimal.RequireFromString("0.05")) {
		t.Fatalf("draft after rename: %v %s %s", err, ds.Name, ds.DiscountRate)
	}
}

// The built-ins' descriptions are known from seeding, by the hash of the body
// stored, and are the descriptions their stored bodies read as; an edited body is
// not described from there.
func TestDescribedBuiltins(t *testing.T) {
	l := openTest(t)
	ctx := context.Background()
	list, err := l.DB.List(ctx, store.Active)
	if err != nil {
		t.Fatal(err)
	}
	builtins, _ := Builtins()
	n := 0
	for _, e := range list {
		s, _, err := l.Load(ctx, e.Name, 0)
		if err != nil {
			t.Fatal(err)
		}
		d, ok := l.Described(e.Hash)
		if !ok || d != s.Description || d == "" {
			t.Errorf("%s: described %q (%v), stored body's description %q", e.Name, d, ok, s.Description)
		}
		n++
		s.Description = "Edited."
		if _, ok := l.Described(store.Hash(scenario.Marshal(s))); ok {
			t.Errorf("%s: an edited body is described as a built-in", e.Name)
		}
	}
	if n != len(builtins) {
		t.Fatalf("listed %d scenarios, %d built-ins", n, len(builtins))
	}
}
