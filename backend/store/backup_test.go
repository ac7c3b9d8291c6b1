package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func day(d int) time.Time { return time.Date(2025, 4, d, 10, 0, 0, 0, time.UTC) }

func TestBackupRotation(t *testing.T) {
	ctx := context.Background()
	c := newClock()
	c.Set(day(1))
	db := NewTestDB(t)
	db.Now = c.Now
	MustOpen(t, db)
	if bs, _ := db.Backups(); len(bs) != 0 {
		t.Fatal("an empty database was backed up")
	}
	MustCreate(t, db, "Deal", "v: 0\n")

	for d := 1; d <= 10; d++ {
		c.Set(day(d))
		db = MustReopen(t, db)
		for i := 0; i < 3; i++ { // several saves a day: one backup a day
			MustSave(t, db, "Deal", fmt.Sprintf("v: %d-%d\n", d, i))
		}
		bs, err := db.Backups()
		if err != nil {
			t.Fatal(err)
		}
		if want := min(d, DefaultBackupKeep); len(bs) != want {
			t.Fatalf("day %d: %d backups, want %d", d, len(bs), want)
		}
		if !strings.HasPrefix(filepath.Base(bs[0].Path), "dealmodel-"+day(d).Format("20060102")) || bs[0].Size == 0 {
			t.Fatalf("day %d: newest backup %+v", d, bs[0])
		}
	}
	// The last seven days are kept, newest first.
	bs, _ := db.Backups()
	for i, b := range bs {
		if want := day(10 - i).Format("20060102"); !strings.Contains(b.Path, want) || b.Time.Format("20060102") != want {
			t.Errorf("backup %d is %s, want day %s", i, b.Path, want)
		}
	}
	// A backup is a sound Dealmodel database holding the work of its time.
	raw, err := sql.Open("sqlite", "file:"+bs[0].Path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if pragma(t, raw, "application_id") != strconv.Itoa(ApplicationID) || pragma(t, raw, "user_version") != strconv.Itoa(schemaVersion) ||
		pragma(t, raw, "integrity_check") != "ok" {
		t.Fatal("backup is not a sound Dealmodel database")
	}
	var n int
	raw.QueryRow(`SELECT count(*) FROM revisions`).Scan(&n)
	if n < 28 {
		t.Fatalf("backup holds %d revisions", n)
	}
	// Files that are not ours are left alone.
	other := filepath.Join(db.BackupDir(), "notes.txt")
	os.WriteFile(other, []byte("x"), 0o600)
	c.Set(day(20))
	MustSave(t, db, "Deal", "v: 20\n")
	if _, err := os.Stat(other); err != nil {
		t.Fatal("rotation removed a file that is not a backup")
	}
	if db.BackupError() != nil {
		t.Fatal(db.BackupError())
	}
	_ = ctx
}

func TestBackupsOff(t *testing.T) {
	db := NewTestDB(t)
	db.BackupKeep = -1
	MustOpen(t, db)
	MustCreate(t, db, "Deal", "v: 0\n")
	if bs, _ := db.Backups(); len(bs) != 0 {
		t.Fatalf("backups written: %v", bs)
	}
}

func TestBackupErrorDoesNotFailSaves(t *testing.T) {
	db := MustOpenDB(t)
	// A file where the backup folder should be.
	os.WriteFile(db.BackupDir(), []byte("in the way"), 0o600)
	MustCreate(t, db, "Deal", "v: 0\n")
	if db.BackupError() == nil {
		t.Fatal("the failed backup was not reported")
	}
	MustSave(t, db, "Deal", "v: 1\n") // not tried again at every save
	// Once the way is clear, an explicit backup works and clears the error.
	os.Remove(db.BackupDir())
	if _, err := db.BackupNow(context.Background()); err != nil || db.BackupError() != nil {
		t.Fatalf("backup now: %v, %v", err, db.BackupError())
	}
}

func TestRestoreBackup(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	MustCreate(t, db, "Deal", "v: 1\n")
	b, err := db.BackupNow(ctx)
	if err != nil {
		t.Fatal(err)
	}
	MustSave(t, db, "Deal", "v: 2\n")
	MustCreate(t, db, "Later", "v: 1\n")

	// What is not a backup is refused, and the database stays as it is.
	junk := filepath.Join(t.TempDir(), "junk.db")
	os.WriteFile(junk, []byte("junk"), 0o600)
	for _, bad := range []string{junk, filepath.Join(t.TempDir(), "missing.db"), db.Path} {
		_, err := db.RestoreBackup(ctx, bad)
		wantCode(t, err, EINVALID)
	}
	if l, _ := db.List(ctx, All); len(l) != 2 {
		t.Fatal("a refused restore changed the database")
	}

	moved, err := db.RestoreBackup(ctx, b)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(moved, ".before-restore-") {
		t.Fatalf("moved to %s", moved)
	}
	l, err := db.List(ctx, All)
	if err != nil || len(l) != 1 || l[0].Revisions != 1 {
		t.Fatalf("after restore %+v %v", l, err)
	}
	MustSave(t, db, "Deal", "v: 3\n")

	// The replaced file is kept and is the database as it was.
	old := New(moved)
	MustOpen(t, old)
	if l, _ := old.List(ctx, All); len(l) != 2 {
		t.Fatalf("the replaced database lost work: %+v", l)
	}
}
