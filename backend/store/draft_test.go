package store

import (
	"context"
	"testing"
)

func TestDrafts(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	MustCreate(t, db, "Deal", bodyV1)

	_, err := db.Draft(ctx, "Deal")
	wantCode(t, err, ENOTFOUND)

	if err := db.SaveDraft(ctx, "Deal", []byte(bodyV2)); err != nil {
		t.Fatal(err)
	}
	d, err := db.Draft(ctx, "deal") // names are looked up without regard to case
	if err != nil || string(d.Body) != bodyV2 || d.Updated.IsZero() {
		t.Fatalf("draft %+v %v", d, err)
	}
	// One draft per scenario: the next autosave replaces it.
	first := d.Updated
	if err := db.SaveDraft(ctx, "Deal", []byte(bodyV2+"note: y\n")); err != nil {
		t.Fatal(err)
	}
	d, err = db.Draft(ctx, "Deal")
	if err != nil || string(d.Body) != bodyV2+"note: y\n" || !d.Updated.After(first) {
		t.Fatalf("replaced draft %+v %v", d, err)
	}
	var n int
	db.w.QueryRow(`SELECT count(*) FROM drafts`).Scan(&n)
	if n != 1 {
		t.Fatalf("%d drafts stored", n)
	}
	// A draft writes no revision.
	if h, _ := db.History(ctx, "Deal"); len(h) != 1 {
		t.Fatalf("history %+v", h)
	}

	// It survives closing the database.
	db = MustReopen(t, db)
	if d, err := db.Draft(ctx, "Deal"); err != nil || string(d.Body) != bodyV2+"note: y\n" {
		t.Fatalf("after reopen %+v %v", d, err)
	}

	if err := db.DiscardDraft(ctx, "Deal"); err != nil {
		t.Fatal(err)
	}
	_, err = db.Draft(ctx, "Deal")
	wantCode(t, err, ENOTFOUND)
	if err := db.DiscardDraft(ctx, "Deal"); err != nil {
		t.Fatalf("discarding no draft: %v", err)
	}

	wantCode(t, db.SaveDraft(ctx, "Nope", []byte(bodyV1)), ENOTFOUND)
	wantCode(t, db.SaveDraft(ctx, "Deal", nil), EINVALID)
	wantCode(t, db.DiscardDraft(ctx, "Nope"), ENOTFOUND)
	_, err = db.Draft(ctx, "Nope")
	wantCode(t, err, ENOTFOUND)
}

// Every way of saving a revision from the working copy ends the draft, in the same
// transaction. (An import from a file keeps it: see TestImportKeepsDraft.)
func TestSaveClearsDraft(t *testing.T) {
	ctx := context.Background()
	for name, save := range map[string]func(db *DB) error{
		"Save": func(db *DB) error { _, err := db.Save(ctx, "Deal", []byte(bodyV2), "", ""); return err },
		"Save unchanged": func(db *DB) error {
			_, err := db.Save(ctx, "Deal", []byte(bodyV1), "", "")
			return err
		},
		"Restore": func(db *DB) error { _, err := db.Restore(ctx, "Deal", 1, ""); return err },
	} {
		t.Run(name, func(t *testing.T) {
			db := MustOpenDB(t)
			MustCreate(t, db, "Deal", bodyV1)
			MustCreate(t, db, "Other", bodyV1)
			for _, n := range []string{"Deal", "Other"} {
				if err := db.SaveDraft(ctx, n, []byte(bodyV2+"draft: 1\n")); err != nil {
					t.Fatal(err)
				}
			}
			if err := save(db); err != nil {
				t.Fatal(err)
			}
			_, err := db.Draft(ctx, "Deal")
			wantCode(t, err, ENOTFOUND)
			if _, err := db.Draft(ctx, "Other"); err != nil {
				t.Fatalf("the other scenario's draft went too: %v", err)
			}
		})
	}
}

// An import from a file is not the user's working copy: the draft in the window
// stays, whether the imported body is new or unchanged.
func TestImportKeepsDraft(t *testing.T) {
	ctx := context.Background()
	for _, body := range []string{bodyV1, bodyV2} {
		db := MustOpenDB(t)
		MustCreate(t, db, "Deal", bodyV1)
		if err := db.SaveDraft(ctx, "Deal", []byte(bodyV2+"draft: 1\n")); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Import(ctx, []Doc{{Name: "deal", Body: []byte(body)}}, "", ""); err != nil {
			t.Fatal(err)
		}
		if d, err := db.Draft(ctx, "Deal"); err != nil || string(d.Body) != bodyV2+"draft: 1\n" {
			t.Fatalf("draft after importing: %+v %v", d, err)
		}
	}
}

// A save that fails keeps the draft: nothing of the user's work is lost.
func TestFailedSaveKeepsDraft(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	MustCreate(t, db, "Deal", bodyV1)
	if err := db.SaveDraft(ctx, "Deal", []byte(bodyV2)); err != nil {
		t.Fatal(err)
	}
	// An import that fails half-way (the second name is taken by a scenario
	// in the trash) rolls back the first document's save and its draft's end.
	MustCreate(t, db, "Gone", bodyV1)
	if err := db.Delete(ctx, "Gone"); err != nil {
		t.Fatal(err)
	}
	_, err := db.Import(ctx, []Doc{{Name: "Deal", Body: []byte(bodyV2)}, {Name: "Gone", Body: []byte(bodyV2)}}, "", "")
	wantCode(t, err, ECONFLICT)
	if d, err := db.Draft(ctx, "Deal"); err != nil || string(d.Body) != bodyV2 {
		t.Fatalf("draft after a failed import: %+v %v", d, err)
	}
}

func TestDraftFollowsScenario(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	MustCreate(t, db, "Deal", bodyV1)
	if err := db.SaveDraft(ctx, "Deal", []byte(bodyV2)); err != nil {
		t.Fatal(err)
	}

	// Rename carries the draft.
	if err := db.Rename(ctx, "Deal", "Big deal"); err != nil {
		t.Fatal(err)
	}
	if d, err := db.Draft(ctx, "Big deal"); err != nil || string(d.Body) != bodyV2 {
		t.Fatalf("draft after rename %+v %v", d, err)
	}

	// The trash keeps it, hidden; Undelete brings it back.
	if err := db.Delete(ctx, "Big deal"); err != nil {
		t.Fatal(err)
	}
	_, err := db.Draft(ctx, "Big deal")
	wantCode(t, err, ENOTFOUND)
	if err := db.Undelete(ctx, "Big deal"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Draft(ctx, "Big deal"); err != nil {
		t.Fatalf("draft after undelete: %v", err)
	}

	// Purge removes it with the scenario; a new scenario of the same name
	// starts without one.
	if err := db.Delete(ctx, "Big deal"); err != nil {
		t.Fatal(err)
	}
	if err := db.Purge(ctx, "Big deal"); err != nil {
		t.Fatal(err)
	}
	var n int
	db.w.QueryRow(`SELECT count(*) FROM drafts`).Scan(&n)
	if n != 0 {
		t.Fatalf("%d drafts left after purge", n)
	}
	MustCreate(t, db, "Big deal", bodyV1)
	_, err = db.Draft(ctx, "Big deal")
	wantCode(t, err, ENOTFOUND)
}
