package store

import (
	"context"
	"reflect"
	"testing"
)

func shipped(body string) []Builtin {
	return []Builtin{
		{Stem: "briefing", Name: "Briefing", Version: "1", Body: []byte(body)},
		{Stem: "aws", Name: "AWS compute", Version: "1", Body: []byte("aws: 50B\n")},
	}
}

func TestSeedBuiltins(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	created, err := db.SeedBuiltins(ctx, shipped(bodyV1))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(created, []string{"Briefing", "AWS compute"}) {
		t.Fatalf("created %v", created)
	}
	l, _ := db.List(ctx, Active)
	if len(l) != 2 || l[0].Builtin != "aws" || l[1].Builtin != "briefing" || l[1].Revisions != 1 {
		t.Fatalf("list %+v", l)
	}
	g, _ := db.Get(ctx, "Briefing", 0)
	if g.Author != BuiltinAuthor || g.Message != "Built-in scenario, version 1" || string(g.Body) != bodyV1 {
		t.Fatalf("seeded revision %+v", g)
	}

	// The next start seeds nothing, even after the user edited, deleted or
	// purged a built-in.
	MustSave(t, db, "Briefing", bodyV2)
	if err := db.Delete(ctx, "AWS compute"); err != nil {
		t.Fatal(err)
	}
	if err := db.Purge(ctx, "AWS compute"); err != nil {
		t.Fatal(err)
	}
	db = MustReopen(t, db)
	created, err = db.SeedBuiltins(ctx, shipped(bodyV1))
	if err != nil || len(created) != 0 {
		t.Fatalf("second seed: %v %v", created, err)
	}
	if l, _ := db.List(ctx, All); len(l) != 1 || l[0].Revisions != 2 {
		t.Fatalf("after second seed %+v", l)
	}
	if u, _ := db.BuiltinUpdates(ctx); len(u) != 0 {
		t.Fatalf("offered %+v", u)
	}

	// A built-in new in this release is seeded; a taken name gets a suffix.
	MustCreate(t, db, "Oracle", "mine: true\n")
	MustCreate(t, db, "Oracle (built-in)", "mine: true\n")
	more := append(shipped(bodyV1), Builtin{Stem: "oracle", Name: "Oracle", Body: []byte("oracle: 300B\n")})
	created, err = db.SeedBuiltins(ctx, more)
	if err != nil || !reflect.DeepEqual(created, []string{"Oracle (built-in 2)"}) {
		t.Fatalf("new built-in: %v %v", created, err)
	}

	for _, bad := range [][]Builtin{
		{{Stem: "", Name: "x", Body: []byte("a")}},
		{{Stem: "Bad Stem", Name: "x", Body: []byte("a")}},
		{{Stem: "ok", Name: "", Body: []byte("a")}},
		{{Stem: "ok", Name: "x", Body: nil}},
		{{Stem: "ok", Name: "x", Body: []byte("a")}, {Stem: "ok", Name: "y", Body: []byte("b")}},
	} {
		_, err := db.SeedBuiltins(ctx, bad)
		wantCode(t, err, EINVALID)
	}
}

func TestRestoreBuiltin(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	if _, err := db.SeedBuiltins(ctx, shipped(bodyV1)); err != nil {
		t.Fatal(err)
	}
	MustSave(t, db, "Briefing", bodyV2)
	r, err := db.RestoreBuiltin(ctx, "briefing", "")
	if err != nil {
		t.Fatal(err)
	}
	if r.Number != 3 || string(r.Body) != bodyV1 || r.Message != "Restored the shipped version (version 1)" || r.Author != "alice" {
		t.Fatalf("restored %+v", r)
	}
	if h, _ := db.History(ctx, "Briefing"); len(h) != 3 {
		t.Fatalf("history lost: %d", len(h))
	}
	r, err = db.RestoreBuiltin(ctx, "Briefing", "")
	if err != nil || !r.Unchanged {
		t.Fatalf("restore again: %+v %v", r, err)
	}

	// A renamed built-in is still one.
	if err := db.Rename(ctx, "Briefing", "My briefing"); err != nil {
		t.Fatal(err)
	}
	MustSave(t, db, "My briefing", bodyV2)
	if r, err := db.RestoreBuiltin(ctx, "My briefing", ""); err != nil || string(r.Body) != bodyV1 {
		t.Fatalf("renamed: %v", err)
	}

	// A purged built-in comes back under its shipped name.
	db.Delete(ctx, "AWS compute")
	_, err = db.RestoreBuiltin(ctx, "AWS compute", "")
	wantCode(t, err, ENOTFOUND) // in the trash: undelete instead
	db.Purge(ctx, "AWS compute")
	r, err = db.RestoreBuiltin(ctx, "aws COMPUTE", "")
	if err != nil || r.Scenario != "AWS compute" || r.Number != 1 || string(r.Body) != "aws: 50B\n" {
		t.Fatalf("purged built-in: %+v %v", r, err)
	}
	if l, _ := db.List(ctx, Active); l[0].Builtin != "aws" {
		t.Fatalf("not a built-in again: %+v", l[0])
	}

	MustCreate(t, db, "Mine", "a: 1")
	_, err = db.RestoreBuiltin(ctx, "Mine", "")
	wantCode(t, err, EINVALID)
	_, err = db.RestoreBuiltin(ctx, "Nope", "")
	wantCode(t, err, ENOTFOUND)
}

func TestBuiltinUpdates(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	if _, err := db.SeedBuiltins(ctx, shipped(bodyV1)); err != nil {
		t.Fatal(err)
	}
	// A new release ships a changed briefing: offered, not forced.
	next := shipped(bodyV2)
	next[0].Version = "2"
	if _, err := db.SeedBuiltins(ctx, next); err != nil {
		t.Fatal(err)
	}
	g, _ := db.Get(ctx, "Briefing", 0)
	if g.Number != 1 || string(g.Body) != bodyV1 {
		t.Fatal("the update was forced")
	}
	u, err := db.BuiltinUpdates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []BuiltinUpdate{{Stem: "briefing", Name: "Briefing", Version: "2",
		ShippedHash: Hash([]byte(bodyV2)), BaseHash: Hash([]byte(bodyV1)), LatestHash: Hash([]byte(bodyV1))}}
	if !reflect.DeepEqual(u, want) {
		t.Fatalf("updates\n got %+v\nwant %+v", u, want)
	}
	if l, _ := db.List(ctx, Active); !l[1].UpdateAvailable || l[0].UpdateAvailable {
		t.Fatalf("list flags %+v", l)
	}

	// Edited by the user: still offered, marked as edited.
	MustSave(t, db, "Briefing", "mine: 1\n")
	u, _ = db.BuiltinUpdates(ctx)
	if len(u) != 1 || !u[0].Edited {
		t.Fatalf("edited %+v", u)
	}

	// Dismissed: no longer offered, until a newer one ships.
	if err := db.DismissBuiltinUpdate(ctx, "Briefing"); err != nil {
		t.Fatal(err)
	}
	if u, _ := db.BuiltinUpdates(ctx); len(u) != 0 {
		t.Fatalf("dismissed but offered %+v", u)
	}
	next[0].Body, next[0].Version = []byte(bodyV2+"note: v3\n"), "3"
	db.SeedBuiltins(ctx, next)
	if u, _ := db.BuiltinUpdates(ctx); len(u) != 1 || u[0].Version != "3" {
		t.Fatalf("v3 not offered %+v", u)
	}

	// Accepted: a new revision, history kept, nothing offered.
	r, err := db.AcceptBuiltinUpdate(ctx, "briefing", "")
	if err != nil {
		t.Fatal(err)
	}
	if r.Number != 3 || string(r.Body) != bodyV2+"note: v3\n" || r.Message != "Updated to the shipped version (version 3)" {
		t.Fatalf("accepted %+v", r)
	}
	if u, _ := db.BuiltinUpdates(ctx); len(u) != 0 {
		t.Fatalf("offered after accept %+v", u)
	}

	// A user whose copy already is the shipped body is offered nothing.
	next[1].Body = []byte("aws: 60B\n")
	MustSave(t, db, "AWS compute", "aws: 60B\n")
	db.SeedBuiltins(ctx, next)
	if u, _ := db.BuiltinUpdates(ctx); len(u) != 0 {
		t.Fatalf("offered what the user has %+v", u)
	}

	MustCreate(t, db, "Mine", "a: 1")
	_, err = db.AcceptBuiltinUpdate(ctx, "Mine", "")
	wantCode(t, err, EINVALID)
	wantCode(t, db.DismissBuiltinUpdate(ctx, "Nope"), ENOTFOUND)
}
