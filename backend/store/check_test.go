package store

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A file that begins as SQLite but is garbage after that is a damaged database:
// it is moved aside, with its -wal and -shm, and a fresh one takes its place.
func TestOpenGarbageFile(t *testing.T) {
	ctx := context.Background()
	db := NewTestDB(t)
	os.MkdirAll(filepath.Dir(db.Path), 0o700)
	garbage := append([]byte("SQLite format 3\x00"), bytes.Repeat([]byte("this is not a database. "), 400)...)
	os.WriteFile(db.Path, garbage, 0o600)
	os.WriteFile(db.Path+"-wal", []byte("wal junk"), 0o600)
	os.WriteFile(db.Path+"-shm", []byte("shm junk"), 0o600)

	MustOpen(t, db)
	rec := db.Recovered
	if rec == nil {
		t.Fatal("a garbage file was not reported")
	}
	if want := db.Path + ".damaged-20250301T090001Z"; rec.MovedTo != want {
		t.Errorf("moved to %s, want %s", rec.MovedTo, want)
	}
	if got, _ := os.ReadFile(rec.MovedTo); !bytes.Equal(got, garbage) {
		t.Fatal("the user's file was not kept intact")
	}
	// The -wal is moved as it was; SQLite may rebuild a -shm, which is only an index.
	if _, err := os.Stat(rec.MovedTo + "-shm"); err != nil {
		t.Errorf("-shm not moved with it: %v", err)
	}
	for sfx, want := range map[string]string{"-wal": "wal junk"} {
		if got, _ := os.ReadFile(rec.MovedTo + sfx); string(got) != want {
			t.Errorf("%s not moved with it: %q", sfx, got)
		}
	}
	if !strings.HasPrefix(rec.Reason, "the file is damaged or is not a database") || rec.LatestBackup != "" {
		t.Errorf("recovery %+v", rec)
	}
	msg := rec.Message()
	for _, part := range []string{"could not be used", "not deleted", rec.MovedTo, "no automatic backup"} {
		if !strings.Contains(msg, part) {
			t.Errorf("message %q lacks %q", msg, part)
		}
	}
	// A fresh database is in place and works.
	MustCreate(t, db, "x", "a: 1")
	if l, err := db.List(ctx, All); err != nil || len(l) != 1 {
		t.Fatalf("fresh database: %v %v", l, err)
	}

	// Opening again finds nothing wrong.
	db = MustReopen(t, db)
	if db.Recovered != nil {
		t.Fatalf("second open: %+v", db.Recovered)
	}
}

// A file that is not SQLite at all (notes, a PDF, a scenario file, five bytes)
// is the user's, given by mistake: it is refused and left exactly as it was, and
// nothing is created beside it.
func TestOpenRefusesFilesThatAreNotSQLite(t *testing.T) {
	for name, content := range map[string][]byte{
		"notes.txt":  []byte("hello"),
		"report.pdf": append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte{0xe2, 0x80, 0x99}, 3000)...),
		"deal.yaml":  []byte("version: 1\nname: x\n"),
	} {
		dir := t.TempDir()
		path := filepath.Join(dir, name)
		os.WriteFile(path, content, 0o640)
		db := New(path)
		err := db.Open()
		if err == nil {
			db.Close()
			t.Fatalf("%s: opened", name)
		}
		if ErrorCode(err) != EINVALID || !strings.Contains(err.Error(), "is not a database") || !strings.Contains(err.Error(), "left as it was") {
			t.Errorf("%s: %v", name, err)
		}
		if got, _ := os.ReadFile(path); !bytes.Equal(got, content) {
			t.Errorf("%s: changed", name)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 1 {
			t.Errorf("%s: files created beside it: %v", name, entries)
		}
	}
}

func TestOpenForeignSQLiteFile(t *testing.T) {
	db := NewTestDB(t)
	os.MkdirAll(filepath.Dir(db.Path), 0o700)
	other, err := sql.Open("sqlite", db.Path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.Exec(`CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ada')`); err != nil {
		t.Fatal(err)
	}
	other.Close()
	before, _ := os.ReadFile(db.Path)

	MustOpen(t, db)
	rec := db.Recovered
	if rec == nil || !strings.Contains(rec.Reason, "another program") {
		t.Fatalf("recovery %+v", rec)
	}
	// The other program's file is untouched: same bytes, not switched to WAL.
	after, _ := os.ReadFile(rec.MovedTo)
	if !bytes.Equal(before, after) {
		t.Fatal("the other program's database was changed")
	}

	// Another program's id is named.
	db2 := NewTestDB(t)
	os.MkdirAll(filepath.Dir(db2.Path), 0o700)
	other, _ = sql.Open("sqlite", db2.Path)
	other.Exec(`PRAGMA application_id = 42`)
	other.Close()
	MustOpen(t, db2)
	if db2.Recovered == nil || !strings.Contains(db2.Recovered.Reason, "0x0000002a") {
		t.Fatalf("recovery %+v", db2.Recovered)
	}
}

func TestOpenCorruptDealmodelFile(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	for i := 0; i < 40; i++ {
		MustCreate(t, db, fmt.Sprintf("s%02d", i), strings.Repeat(fmt.Sprintf("line %d\n", i), 200))
	}
	if _, err := db.BackupNow(ctx); err != nil {
		t.Fatal(err)
	}
	db.Close()

	// Overwrite pages in the middle of the file.
	f, err := os.OpenFile(db.Path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	fi, _ := f.Stat()
	if fi.Size() < 8*4096 {
		t.Fatalf("file too small to damage: %d", fi.Size())
	}
	f.WriteAt(bytes.Repeat([]byte{0xA5}, 3*4096), 2*4096)
	f.Close()

	db2 := New(db.Path)
	db2.Now = db.Now
	MustOpen(t, db2)
	rec := db2.Recovered
	if rec == nil {
		t.Fatal("a damaged database was not reported")
	}
	if rec.LatestBackup == "" || !strings.Contains(rec.Message(), rec.LatestBackup) {
		t.Fatalf("no backup offered: %+v", rec)
	}
	// The backup restores the user's work.
	if _, err := db2.RestoreBackup(ctx, rec.LatestBackup); err != nil {
		t.Fatal(err)
	}
	if l, err := db2.List(ctx, All); err != nil || len(l) != 40 {
		t.Fatalf("restored %d scenarios, %v", len(l), err)
	}
}

// A folder where the database should be cannot be read as one, even by root: it is
// refused and left where it is.
func TestOpenFolderIsNotMoved(t *testing.T) {
	p := filepath.Join(t.TempDir(), "dealmodel.db")
	if err := os.Mkdir(p, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := New(p).Open(); err == nil {
		t.Fatal("opened a folder as a database")
	}
	if st, err := os.Stat(p); err != nil || !st.IsDir() {
		t.Fatalf("the folder was touched: %v", err)
	}
	if m, _ := filepath.Glob(p + ".damaged-*"); len(m) != 0 {
		t.Fatal("a folder was moved aside")
	}
}

func TestOpenUnreadableFileIsNotMoved(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every file; TestOpenFolderIsNotMoved covers this path for root")
	}
	db := MustOpenDB(t)
	db.Close()
	os.Chmod(db.Path, 0o000)
	defer os.Chmod(db.Path, 0o600)
	err := New(db.Path).Open()
	if err == nil {
		t.Fatal("opened an unreadable file")
	}
	if m, _ := filepath.Glob(db.Path + ".damaged-*"); len(m) != 0 {
		t.Fatal("an unreadable file was moved aside")
	}
}

// TestOpenKeepsWAL opens a copy of a database taken while it was open, as a
// crash leaves it: the committed work still in its -wal file is there.
func TestOpenKeepsWAL(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	if _, err := db.w.Exec(`PRAGMA wal_autocheckpoint = 0`); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 5; i++ {
		MustCreate(t, db, fmt.Sprintf("s%d", i), "a: 1")
	}
	if size(db.Path+"-wal") <= 0 {
		t.Fatal("no -wal file to test with")
	}
	crash := filepath.Join(t.TempDir(), "crash.db")
	for _, sfx := range []string{"", "-wal"} {
		b, err := os.ReadFile(db.Path + sfx)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(crash+sfx, b, 0o600)
	}
	db2 := New(crash)
	MustOpen(t, db2)
	if db2.Recovered != nil {
		t.Fatalf("recovered %+v", db2.Recovered)
	}
	if l, err := db2.List(ctx, All); err != nil || len(l) != 5 {
		t.Fatalf("%d scenarios after the crash, %v", len(l), err)
	}
}

func TestOpenEmptyFileWithWAL(t *testing.T) {
	db := NewTestDB(t)
	os.MkdirAll(filepath.Dir(db.Path), 0o700)
	os.WriteFile(db.Path, nil, 0o600)
	os.WriteFile(db.Path+"-wal", []byte("frames"), 0o600)
	MustOpen(t, db)
	if db.Recovered == nil {
		t.Fatal("not reported")
	}
	if b, _ := os.ReadFile(db.Recovered.MovedTo + "-wal"); string(b) != "frames" {
		t.Fatal("the -wal file was lost")
	}
}

// TestOpenHotJournal opens a copy of a database taken in the middle of a
// rollback-journal transaction, as a crash leaves it: the transaction is
// rolled back and the database opens as it was.
func TestOpenHotJournal(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	MustCreate(t, db, "Deal", "v: 1\n")
	db.Close()

	raw, err := sql.Open("sqlite", db.Path)
	if err != nil {
		t.Fatal(err)
	}
	raw.SetMaxOpenConns(1)
	for _, q := range []string{`PRAGMA journal_mode = DELETE`, `PRAGMA cache_size = 1`, `BEGIN`} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(q, err)
		}
	}
	big := strings.Repeat("x", 200_000)
	if _, err := raw.Exec(`UPDATE scenarios SET created = ?`, big); err != nil {
		t.Fatal(err)
	}
	if size(db.Path+"-journal") <= 0 {
		t.Fatal("no hot journal to test with")
	}
	crash := filepath.Join(t.TempDir(), "crash.db")
	for _, sfx := range []string{"", "-journal"} {
		b, _ := os.ReadFile(db.Path + sfx)
		os.WriteFile(crash+sfx, b, 0o600)
	}
	raw.Exec(`ROLLBACK`)
	raw.Close()

	db2 := New(crash)
	MustOpen(t, db2)
	if db2.Recovered != nil {
		t.Fatalf("recovered %+v", db2.Recovered)
	}
	l, err := db2.List(ctx, All)
	if err != nil || len(l) != 1 || l[0].Created.IsZero() {
		t.Fatalf("after rollback %+v %v", l, err)
	}
	if got := pragma(t, db2.w, "journal_mode"); got != "wal" {
		t.Fatalf("journal_mode %s", got)
	}
}
