package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

const bodyV1 = `version: 1
name: Deal
start: 2025Q1
end: 2030Q4
contracts:
  msft_revshare:
    type: revenue_share
    rate: 20%
    cap: 38B
`

const bodyV2 = `version: 1
name: Deal
start: 2025Q1
end: 2032Q4
contracts:
  msft_revshare:
    type: revenue_share
    rate: 20%
    cap: 40B
`

func TestCreateGet(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	r := MustCreate(t, db, "Deal", bodyV1)
	if r.Number != 1 || r.Scenario != "Deal" || r.Hash != Hash([]byte(bodyV1)) || r.Size != len(bodyV1) ||
		r.Author != "alice" || r.Host != "laptop" || r.Message != "created" || r.Created.IsZero() || r.Unchanged {
		t.Fatalf("created %+v", r)
	}
	for _, rev := range []int{0, 1} {
		g, err := db.Get(ctx, "Deal", rev)
		if err != nil {
			t.Fatal(err)
		}
		if string(g.Body) != bodyV1 || g.Number != 1 || g.Hash != r.Hash || !g.Created.Equal(r.Created) || g.Author != "alice" {
			t.Fatalf("get %d: %+v", rev, g)
		}
	}
	_, err := db.Get(ctx, "Deal", 2)
	wantCode(t, err, ENOTFOUND)
	if !strings.Contains(ErrorMessage(err), "latest is 1") {
		t.Errorf("message %q", ErrorMessage(err))
	}
	_, err = db.Get(ctx, "Deal", -1)
	wantCode(t, err, EINVALID)
	_, err = db.Get(ctx, "Nope", 0)
	wantCode(t, err, ENOTFOUND)

	_, err = db.Create(ctx, "Deal", []byte(bodyV2), "", "")
	wantCode(t, err, ECONFLICT)
	_, err = db.Create(ctx, "Other", nil, "", "")
	wantCode(t, err, EINVALID)
	_, err = db.Create(ctx, "Other", make([]byte, MaxBodySize+1), "", "")
	wantCode(t, err, EINVALID)
}

func TestNames(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	for _, bad := range []string{"", " lead", "trail ", "tab\tin", "nl\n", strings.Repeat("x", MaxNameLen+1), "\xff"} {
		_, err := db.Create(ctx, bad, []byte("a: 1"), "", "")
		wantCode(t, err, EINVALID)
	}
	MustCreate(t, db, strings.Repeat("é", MaxNameLen), "a: 1")

	// Case-preserving, unique and looked up without regard to case.
	MustCreate(t, db, "Microsoft Cap", "a: 1")
	for _, other := range []string{"microsoft cap", "MICROSOFT CAP", "Microsoft Cap"} {
		_, err := db.Create(ctx, other, []byte("a: 2"), "", "")
		wantCode(t, err, ECONFLICT)
	}
	g, err := db.Get(ctx, "MICROSOFT cap", 0)
	if err != nil || g.Scenario != "Microsoft Cap" {
		t.Fatalf("case-insensitive get: %+v %v", g, err)
	}
	// Unicode case folding, not only ASCII.
	MustCreate(t, db, "Ünïcode ΣΑΣ", "a: 1")
	if _, err := db.Create(ctx, "ünïcode σας", []byte("a: 1"), "", ""); ErrorCode(err) != ECONFLICT {
		t.Errorf("unicode fold: %v", err)
	}
	if nameKey("Kelvin \u212a") != nameKey("kelvin k") {
		t.Error("Kelvin sign does not fold to k")
	}
}

func TestSave(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	MustCreate(t, db, "Deal", bodyV1)

	r, err := db.Save(ctx, "deal", []byte(bodyV2), "raise the cap", "bob")
	if err != nil {
		t.Fatal(err)
	}
	if r.Number != 2 || r.Unchanged || r.Author != "bob" || r.Message != "raise the cap" || r.Scenario != "Deal" {
		t.Fatalf("save: %+v", r)
	}

	// The same body again writes nothing and says so.
	u, err := db.Save(ctx, "Deal", []byte(bodyV2), "again", "carol")
	if err != nil {
		t.Fatal(err)
	}
	if !u.Unchanged || u.Number != 2 || u.Author != "bob" || u.Message != "raise the cap" || string(u.Body) != bodyV2 {
		t.Fatalf("unchanged save: %+v", u)
	}
	// Back to an older body is a change: a new revision.
	r3 := MustSave(t, db, "Deal", bodyV1)
	if r3.Number != 3 || r3.Unchanged {
		t.Fatalf("third: %+v", r3)
	}

	_, err = db.Save(ctx, "Nope", []byte(bodyV1), "", "")
	wantCode(t, err, ENOTFOUND)
	_, err = db.Save(ctx, "Deal", []byte{}, "", "")
	wantCode(t, err, EINVALID)

	// The caller's buffer is not kept.
	buf := []byte("a: 1\n")
	r4, err := db.Save(ctx, "Deal", buf, "", "")
	if err != nil {
		t.Fatal(err)
	}
	buf[0] = 'b'
	if g, _ := db.Get(ctx, "Deal", 0); string(g.Body) != "a: 1\n" || string(r4.Body) != "a: 1\n" {
		t.Fatal("stored body aliased the caller's")
	}
}

// Latest is the latest revision without its body, as Get gives it with one.
func TestLatest(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	MustCreate(t, db, "Deal", bodyV1)
	MustSave(t, db, "Deal", bodyV2)
	l, err := db.Latest(ctx, "deal")
	if err != nil {
		t.Fatal(err)
	}
	g, err := db.Get(ctx, "Deal", 0)
	if err != nil {
		t.Fatal(err)
	}
	if l.Number != 2 || l.Hash != g.Hash || l.Hash != Hash([]byte(bodyV2)) || l.Scenario != "Deal" || l.Body != nil {
		t.Errorf("latest %+v, want revision 2 of Deal without its body", l)
	}
	_, err = db.Latest(ctx, "Nope")
	wantCode(t, err, ENOTFOUND)
}

func TestRevisionsAreImmutable(t *testing.T) {
	db := MustOpenDB(t)
	MustCreate(t, db, "Deal", bodyV1)
	if _, err := db.w.Exec(`UPDATE revisions SET body = 'x'`); err == nil || !strings.Contains(err.Error(), "immutable") {
		t.Fatalf("update: %v", err)
	}
	if _, err := db.w.Exec(`DELETE FROM revisions`); err == nil {
		t.Fatal("deleted the revisions of a live scenario")
	}
}

func TestHistoryAndRestore(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	MustCreate(t, db, "Deal", bodyV1)
	MustSave(t, db, "Deal", bodyV2)
	MustSave(t, db, "Deal", bodyV2+"note: x\n")

	h, err := db.History(ctx, "deal")
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 3 || h[0].Number != 3 || h[2].Number != 1 || h[2].Message != "created" || h[0].Body != nil {
		t.Fatalf("history %+v", h)
	}
	if !h[0].Created.After(h[1].Created) || h[1].Size != len(bodyV2) || h[1].Hash != Hash([]byte(bodyV2)) {
		t.Fatalf("history details %+v", h)
	}

	r, err := db.Restore(ctx, "Deal", 1, "bob")
	if err != nil {
		t.Fatal(err)
	}
	if r.Number != 4 || r.Unchanged || string(r.Body) != bodyV1 || r.Message != "Restored revision 1" || r.Author != "bob" {
		t.Fatalf("restore %+v", r)
	}
	// Restoring what is already the latest writes nothing.
	r, err = db.Restore(ctx, "Deal", 1, "")
	if err != nil || !r.Unchanged || r.Number != 4 {
		t.Fatalf("restore again: %+v %v", r, err)
	}
	g, _ := db.Get(ctx, "Deal", 0)
	if string(g.Body) != bodyV1 {
		t.Fatal("latest is not the restored body")
	}
	_, err = db.Restore(ctx, "Deal", 9, "")
	wantCode(t, err, ENOTFOUND)
	_, err = db.Restore(ctx, "Deal", 0, "")
	wantCode(t, err, EINVALID)
	_, err = db.History(ctx, "Nope")
	wantCode(t, err, ENOTFOUND)
}

func TestRename(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	MustCreate(t, db, "Deal", bodyV1)
	MustCreate(t, db, "Other", bodyV1)

	if err := db.Rename(ctx, "deal", "Deal 2026"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Get(ctx, "Deal", 0); ErrorCode(err) != ENOTFOUND {
		t.Fatalf("old name still there: %v", err)
	}
	g, err := db.Get(ctx, "Deal 2026", 1)
	if err != nil || string(g.Body) != bodyV1 || g.Scenario != "Deal 2026" {
		t.Fatalf("renamed: %+v %v", g, err)
	}
	wantCode(t, db.Rename(ctx, "Deal 2026", "other"), ECONFLICT)
	wantCode(t, db.Rename(ctx, "Deal 2026", ""), EINVALID)
	wantCode(t, db.Rename(ctx, "Nope", "New"), ENOTFOUND)
	// Changing only the case is allowed.
	if err := db.Rename(ctx, "deal 2026", "DEAL 2026"); err != nil {
		t.Fatal(err)
	}
	if err := db.Rename(ctx, "DEAL 2026", "DEAL 2026"); err != nil {
		t.Fatal(err)
	}
	l, _ := db.List(ctx, Active)
	if len(l) != 2 || l[0].Name != "DEAL 2026" {
		t.Fatalf("list %+v", l)
	}
}

func TestDuplicate(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	MustCreate(t, db, "Deal", bodyV1)
	MustSave(t, db, "Deal", bodyV2)
	r, err := db.Duplicate(ctx, "deal", "Deal copy", "bob")
	if err != nil {
		t.Fatal(err)
	}
	if r.Scenario != "Deal copy" || r.Number != 1 || string(r.Body) != bodyV2 || r.Message != `Duplicated from "Deal", revision 2` || r.Author != "bob" {
		t.Fatalf("duplicate %+v", r)
	}
	_, err = db.Duplicate(ctx, "Deal", "DEAL COPY", "")
	wantCode(t, err, ECONFLICT)
	_, err = db.Duplicate(ctx, "Nope", "x", "")
	wantCode(t, err, ENOTFOUND)
	// The copy is independent.
	MustSave(t, db, "Deal copy", "changed: true\n")
	if g, _ := db.Get(ctx, "Deal", 0); g.Number != 2 {
		t.Fatal("the original changed")
	}
}

func TestTrash(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	MustCreate(t, db, "Deal", bodyV1)
	MustSave(t, db, "Deal", bodyV2)
	MustCreate(t, db, "Keep", bodyV1)

	wantCode(t, db.Purge(ctx, "Deal"), ECONFLICT) // not in the trash
	if err := db.Delete(ctx, "deal"); err != nil {
		t.Fatal(err)
	}
	if err := db.Delete(ctx, "Deal"); err != nil {
		t.Fatal("second delete:", err)
	}
	for _, err := range []error{
		func() error { _, err := db.Get(ctx, "Deal", 0); return err }(),
		func() error { _, err := db.Save(ctx, "Deal", []byte("x: 1"), "", ""); return err }(),
		func() error { _, err := db.History(ctx, "Deal"); return err }(),
		db.Rename(ctx, "Deal", "Other"),
	} {
		wantCode(t, err, ENOTFOUND)
		if !strings.Contains(ErrorMessage(err), "trash") {
			t.Errorf("message %q does not mention the trash", ErrorMessage(err))
		}
	}
	// The name stays taken while the scenario is in the trash.
	_, err := db.Create(ctx, "DEAL", []byte(bodyV1), "", "")
	wantCode(t, err, ECONFLICT)

	active, _ := db.List(ctx, Active)
	trashed, _ := db.List(ctx, Trashed)
	all, _ := db.List(ctx, All)
	if len(active) != 1 || active[0].Name != "Keep" || len(trashed) != 1 || !trashed[0].Deleted ||
		trashed[0].DeletedAt.IsZero() || trashed[0].Revisions != 2 || len(all) != 2 {
		t.Fatalf("lists: %+v / %+v / %+v", active, trashed, all)
	}

	if err := db.Undelete(ctx, "Deal"); err != nil {
		t.Fatal(err)
	}
	if err := db.Undelete(ctx, "Deal"); err != nil {
		t.Fatal("second undelete:", err)
	}
	g, err := db.Get(ctx, "Deal", 0)
	if err != nil || g.Number != 2 {
		t.Fatalf("after undelete %+v %v", g, err)
	}

	if err := db.Delete(ctx, "Deal"); err != nil {
		t.Fatal(err)
	}
	if err := db.Purge(ctx, "deal"); err != nil {
		t.Fatal(err)
	}
	wantCode(t, db.Purge(ctx, "Deal"), ENOTFOUND)
	wantCode(t, db.Undelete(ctx, "Deal"), ENOTFOUND)
	var n int
	db.w.QueryRow(`SELECT count(*) FROM revisions`).Scan(&n)
	if n != 1 {
		t.Fatalf("%d revisions left, want Keep's 1", n)
	}
	// The name is free again.
	MustCreate(t, db, "Deal", bodyV2)
}

func TestList(t *testing.T) {
	ctx := context.Background()
	c := newClock()
	db := NewTestDB(t)
	db.Now = c.Now
	MustOpen(t, db)
	if l, err := db.List(ctx, Active); err != nil || len(l) != 0 {
		t.Fatalf("empty: %v %v", l, err)
	}
	MustCreate(t, db, "beta", "b: 1")
	c.Set(time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC))
	MustCreate(t, db, "Alpha", "a: 1")
	MustSave(t, db, "Alpha", "a: 2")
	last := MustSave(t, db, "Alpha", "a: 3")

	l, err := db.List(ctx, Active)
	if err != nil {
		t.Fatal(err)
	}
	if len(l) != 2 || l[0].Name != "Alpha" || l[1].Name != "beta" {
		t.Fatalf("order: %+v", l)
	}
	a := l[0]
	if a.Revisions != 3 || a.Hash != last.Hash || !a.Modified.Equal(last.Created) || !a.Created.Before(a.Modified) ||
		a.Deleted || a.Builtin != "" || a.ID == 0 || a.UpdateAvailable {
		t.Fatalf("alpha: %+v", a)
	}
	if _, err := db.List(ctx, ListFilter(9)); ErrorCode(err) != EINVALID {
		t.Fatal("bad filter accepted")
	}
}

func TestDiffRevisions(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	MustCreate(t, db, "Deal", bodyV1)
	MustSave(t, db, "Deal", bodyV2)
	ch, err := db.Diff(ctx, "Deal", 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := []Change{
		{Path: "end", Kind: Changed, From: "2030Q4", To: "2032Q4"},
		{Path: "contracts.msft_revshare.cap", Kind: Changed, From: "38B", To: "40B"},
	}
	if fmt.Sprint(ch) != fmt.Sprint(want) {
		t.Fatalf("diff\n got %v\nwant %v", ch, want)
	}
	if ch, err := db.Diff(ctx, "Deal", 2, 2); err != nil || len(ch) != 0 {
		t.Fatalf("same revision: %v %v", ch, err)
	}
	_, err = db.Diff(ctx, "Deal", 1, 7)
	wantCode(t, err, ENOTFOUND)

	MustSave(t, db, "Deal", "a: [1, 2\n") // not YAML: the store does not care
	_, err = db.Diff(ctx, "Deal", 2, 3)
	wantCode(t, err, EINVALID)
}

// TestGetLargeBody checks a body far larger than a scenario round-trips.
func TestGetLargeBody(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	big := bytes.Repeat([]byte("0123456789abcdef\n"), 1<<16) // 1.1 MB
	MustCreate(t, db, "Big", string(big))
	g, err := db.Get(ctx, "Big", 0)
	if err != nil || !bytes.Equal(g.Body, big) {
		t.Fatalf("big body: %v", err)
	}
}

// A save that renames is one transaction: when the new name is taken nothing
// changes, and otherwise both the name and the revision land.
func TestSaveAsRenamesAndSavesTogether(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	MustCreate(t, db, "Deal", bodyV1)
	MustCreate(t, db, "Taken", bodyV1)
	_, err := db.SaveAs(ctx, "Deal", "Taken", []byte(bodyV2), "rename", "")
	wantCode(t, err, ECONFLICT)
	if r, err := db.Get(ctx, "Deal", 0); err != nil || r.Number != 1 {
		t.Fatalf("a refused SaveAs changed the scenario: %+v %v", r, err)
	}
	r, err := db.SaveAs(ctx, "Deal", "Big deal", []byte(bodyV2), "rename", "")
	if err != nil || r.Number != 2 || r.Scenario != "Big deal" {
		t.Fatalf("SaveAs: %+v %v", r, err)
	}
	if _, err := db.Get(ctx, "Deal", 0); ErrorCode(err) != ENOTFOUND {
		t.Fatalf("the old name still answers: %v", err)
	}
}

// Two handles on one file (as two processes have) save from the same base revision
// at once, round after round: exactly one save wins each time, the other is told
// it is stale, and nothing is superseded silently.
func TestSaveOntoRaceFromOneBase(t *testing.T) {
	ctx := context.Background()
	a := MustOpenDB(t)
	b := New(a.Path)
	MustOpen(t, b)
	rev, err := a.Create(ctx, "Race", []byte("round: 0\n"), "", "")
	if err != nil {
		t.Fatal(err)
	}
	base := rev.Number
	for round := 1; round <= 40; round++ {
		var wg sync.WaitGroup
		errs := make([]error, 2)
		revs := make([]*Revision, 2)
		for i, db := range []*DB{a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				revs[i], errs[i] = db.SaveOnto(ctx, "Race", "", base, []byte(fmt.Sprintf("round: %d\nwriter: %d\n", round, i)), "", "")
			}()
		}
		wg.Wait()
		won := -1
		for i, err := range errs {
			var stale *Stale
			switch {
			case err == nil:
				if won >= 0 {
					t.Fatalf("round %d: both saves from revision %d succeeded", round, base)
				}
				won = i
			case errors.As(err, &stale):
				if stale.Latest.Number != base+1 {
					t.Errorf("round %d: stale against %d, want %d", round, stale.Latest.Number, base+1)
				}
			default:
				t.Fatalf("round %d: %v", round, err)
			}
		}
		if won < 0 {
			t.Fatalf("round %d: neither save succeeded: %v", round, errs)
		}
		base = revs[won].Number
	}
	if h, _ := a.History(ctx, "Race"); len(h) != 41 {
		t.Fatalf("%d revisions, want 41", len(h))
	}
}

// "Café" with é as one character (form C) and as e and a combining accent (form
// D, as macOS writes file names) is one name: stored in form C, found by either,
// and a second scenario under the other form is refused.
func TestNamesInEitherUnicodeFormAreOne(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	nfc, nfd := "Caf\u00e9", "Cafe\u0301"
	r := MustCreate(t, db, nfd, bodyV1)
	if r.Scenario != nfc {
		t.Fatalf("stored as %q, want %q", r.Scenario, nfc)
	}
	_, err := db.Create(ctx, nfc, []byte(bodyV1), "", "")
	wantCode(t, err, ECONFLICT)
	_, err = db.Create(ctx, "CAFE\u0301", []byte(bodyV1), "", "")
	wantCode(t, err, ECONFLICT)
	for _, name := range []string{nfc, nfd, "caf\u00c9"} {
		if got, err := db.Get(ctx, name, 0); err != nil || got.Scenario != nfc {
			t.Errorf("Get(%q) = %v, %v", name, got, err)
		}
	}
	if err := db.Rename(ctx, nfc, "Re\u0301sume\u0301"); err != nil {
		t.Fatal(err)
	}
	list, err := db.List(ctx, Active)
	if err != nil || len(list) != 1 || list[0].Name != "R\u00e9sum\u00e9" {
		t.Fatalf("after the rename: %+v, %v", list, err)
	}
	revs, err := db.Import(ctx, []Doc{{Name: "R\u00e9sum\u00e9", Body: []byte(bodyV2)}}, "", "")
	if err != nil || revs[0].Number != 2 {
		t.Fatalf("an import under the other form: %v, %v", revs, err)
	}
	if FoldName(nfc) != FoldName(nfd) {
		t.Errorf("FoldName differs by form")
	}
}
