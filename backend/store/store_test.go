package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"dealmodel/backend/fault"
)

// clock is a fake time source: each call to Now moves it one second on.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Second)
	return c.t
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

// NewTestDB returns an unopened DB in a new temporary folder with a fake
// clock, author and host.
func NewTestDB(tb testing.TB) *DB {
	tb.Helper()
	db := New(filepath.Join(tb.TempDir(), "data", "dealmodel.db"))
	db.Now = newClock().Now
	db.Author = "alice"
	db.Host = "laptop"
	return db
}

// MustOpenDB returns an open DB in a new temporary folder; it is closed
// when the test ends.
func MustOpenDB(tb testing.TB) *DB {
	tb.Helper()
	db := NewTestDB(tb)
	MustOpen(tb, db)
	return db
}

// MustOpen opens db and closes it when the test ends.
func MustOpen(tb testing.TB, db *DB) {
	tb.Helper()
	if err := db.Open(); err != nil {
		tb.Fatalf("open %s: %v", db.Path, err)
	}
	tb.Cleanup(func() { db.Close() })
}

// MustReopen closes db and opens a new DB on the same file with the same
// settings.
func MustReopen(tb testing.TB, db *DB) *DB {
	tb.Helper()
	if err := db.Close(); err != nil {
		tb.Fatal(err)
	}
	db2 := New(db.Path)
	db2.Now, db2.Author, db2.Host = db.Now, db.Author, db.Host
	MustOpen(tb, db2)
	return db2
}

// MustCreate creates a scenario or fails the test.
func MustCreate(tb testing.TB, db *DB, name, body string) *Revision {
	tb.Helper()
	r, err := db.Create(context.Background(), name, []byte(body), "created", "")
	if err != nil {
		tb.Fatalf("create %q: %v", name, err)
	}
	return r
}

// MustSave saves a revision or fails the test.
func MustSave(tb testing.TB, db *DB, name, body string) *Revision {
	tb.Helper()
	r, err := db.Save(context.Background(), name, []byte(body), "saved", "")
	if err != nil {
		tb.Fatalf("save %q: %v", name, err)
	}
	return r
}

// wantCode fails the test unless err carries the code.
func wantCode(tb testing.TB, err error, code fault.Kind) {
	tb.Helper()
	if got := ErrorCode(err); got != code {
		tb.Fatalf("error %v: code %q, want %q", err, got, code)
	}
}

func pragma(tb testing.TB, q querier, name string) string {
	tb.Helper()
	var v string
	if err := q.QueryRowContext(context.Background(), "PRAGMA "+name).Scan(&v); err != nil {
		tb.Fatalf("PRAGMA %s: %v", name, err)
	}
	return v
}

func TestDefaultPath(t *testing.T) {
	t.Setenv(EnvDB, "/some/where/x.db")
	if p, err := DefaultPath(); err != nil || p != "/some/where/x.db" {
		t.Fatalf("with %s: %q, %v", EnvDB, p, err)
	}
	t.Setenv(EnvDB, "")
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg) // used by os.UserConfigDir on Linux and BSDs
	t.Setenv("HOME", cfg)            // and this on macOS
	want, err := os.UserConfigDir()
	if err != nil {
		t.Skip("no user config dir here:", err)
	}
	p, err := DefaultPath()
	if err != nil || p != filepath.Join(want, "dealmodel", "dealmodel.db") {
		t.Fatalf("default: %q, %v", p, err)
	}
}

func TestOpenCreatesPrivateFileWithPragmas(t *testing.T) {
	db := MustOpenDB(t)
	fi, err := os.Stat(filepath.Dir(db.Path))
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm != 0o700 {
		t.Errorf("folder mode %v, want 0700", perm)
	}
	fi, err = os.Stat(db.Path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm != 0o600 {
		t.Errorf("file mode %v, want 0600", perm)
	}
	for _, c := range []struct{ pragma, want string }{
		{"journal_mode", "wal"},
		{"foreign_keys", "1"},
		{"synchronous", "2"}, // FULL
		{"busy_timeout", "5000"},
		{"application_id", fmt.Sprint(ApplicationID)},
		{"user_version", "3"},
	} {
		if got := pragma(t, db.w, c.pragma); got != c.want {
			t.Errorf("PRAGMA %s = %s, want %s", c.pragma, got, c.want)
		}
	}
	if got := pragma(t, db.r, "query_only"); got != "1" {
		t.Errorf("read pool query_only = %s", got)
	}
	if _, err := db.r.Exec(`DELETE FROM scenarios`); err == nil {
		t.Error("the read pool wrote")
	}
	var n int
	if err := db.w.QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil || n != schemaVersion {
		t.Errorf("schema_migrations: %d rows, %v", n, err)
	}
}

func TestOpenOddPath(t *testing.T) {
	db := New(filepath.Join(t.TempDir(), "a b#c?d%20é", "my db.sqlite"))
	MustOpen(t, db)
	MustCreate(t, db, "x", "a: 1\n")
	db = MustReopen(t, db)
	if _, err := db.Get(context.Background(), "x", 0); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(db.Path); err != nil {
		t.Fatalf("not at the path given: %v", err)
	}
}

func TestOpenRejectsBadPaths(t *testing.T) {
	for _, p := range []string{"", ":memory:", "file:x.db"} {
		wantCode(t, New(p).Open(), EINVALID)
	}
	wantCode(t, New(t.TempDir()).Open(), EINVALID) // a folder
	db := MustOpenDB(t)
	wantCode(t, db.Open(), EINVALID) // twice
}

func TestClosedDB(t *testing.T) {
	db := MustOpenDB(t)
	db.Close()
	if err := db.Close(); err != nil {
		t.Fatal("second close:", err)
	}
	_, err := db.Get(context.Background(), "x", 0)
	wantCode(t, err, EINTERNAL)
	_, err = db.Create(context.Background(), "x", []byte("a: 1"), "", "")
	wantCode(t, err, EINTERNAL)
}

// TestBusy: a second handle on the same file waits for the first one's
// write, and fails with EBUSY, not corruption, when the wait is too long.
func TestBusy(t *testing.T) {
	ctx := context.Background()
	a := MustOpenDB(t)
	MustCreate(t, a, "deal", "v: 0\n")

	b := New(a.Path)
	b.Now, b.Author, b.Host = a.Now, "bob", "desktop"
	b.BusyTimeout = 100 * time.Millisecond
	MustOpen(t, b)

	tx, err := a.w.BeginTx(ctx, nil) // BEGIN IMMEDIATE: holds the write lock
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(`UPDATE scenarios SET created = created`); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = b.Save(ctx, "deal", []byte("v: 1\n"), "", "")
	wantCode(t, err, EBUSY)
	if d := time.Since(start); d < 90*time.Millisecond {
		t.Errorf("gave up after %v, before the busy timeout", d)
	}
	if !strings.Contains(ErrorMessage(err), "busy") {
		t.Errorf("message %q", ErrorMessage(err))
	}
	// Reads go on while the write lock is held.
	if _, err := b.Get(ctx, "deal", 0); err != nil {
		t.Fatalf("read during a write: %v", err)
	}

	// With a longer timeout the second writer waits its turn.
	b.Close()
	b = New(a.Path)
	b.Now, b.Author, b.Host = a.Now, "bob", "desktop"
	MustOpen(t, b)
	go func() {
		time.Sleep(150 * time.Millisecond)
		tx.Commit()
	}()
	r, err := b.Save(ctx, "deal", []byte("v: 1\n"), "", "")
	if err != nil {
		t.Fatalf("waiting writer: %v", err)
	}
	if r.Number != 2 || r.Author != "bob" || r.Host != "desktop" {
		t.Fatalf("got %+v", r)
	}
	if lines, err := integrityCheck(ctx, a.w); err != nil || len(lines) != 1 || lines[0] != "ok" {
		t.Fatalf("integrity: %v %v", lines, err)
	}
}

// TestConcurrentWriters saves from goroutines through two handles on one
// file: every save gets its own revision number, none is lost.
func TestConcurrentWriters(t *testing.T) {
	ctx := context.Background()
	a := MustOpenDB(t)
	MustCreate(t, a, "deal", "v: start\n")
	b := New(a.Path)
	b.Now = a.Now
	MustOpen(t, b)

	const per = 15
	var wg sync.WaitGroup
	errs := make(chan error, 4*per)
	for g := 0; g < 4; g++ {
		db := a
		if g%2 == 1 {
			db = b
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < per; i++ {
				body := []byte("v: " + string(rune('a'+g)) + strings.Repeat("x", i) + "\n")
				if _, err := db.Save(ctx, "deal", body, "", ""); err != nil {
					errs <- err
				}
				if _, err := db.List(ctx, Active); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	h, err := a.History(ctx, "deal")
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 1+4*per {
		t.Fatalf("%d revisions, want %d", len(h), 1+4*per)
	}
	for i, r := range h {
		if r.Number != len(h)-i {
			t.Fatalf("revision %d at %d", r.Number, i)
		}
	}
}

func TestErrorHelpers(t *testing.T) {
	if ErrorCode(nil) != "" || ErrorMessage(nil) != "" {
		t.Error("nil")
	}
	e := Errorf(ENOTFOUND, "No scenario is named %q", "x")
	wrapped := errors.Join(errors.New("context"), e)
	if ErrorCode(wrapped) != ENOTFOUND || ErrorMessage(wrapped) != `No scenario is named "x"` {
		t.Errorf("wrapped: %q %q", ErrorCode(wrapped), ErrorMessage(wrapped))
	}
	plain := errors.New("disk on fire")
	if ErrorCode(plain) != EINTERNAL || ErrorMessage(plain) != "Internal error." {
		t.Error("plain error")
	}
	in := &Error{Code: EINTERNAL, Message: "Cannot save", Err: plain}
	if ErrorMessage(in) != "Internal error." || !errors.Is(in, plain) || in.Error() != "Cannot save: disk on fire" {
		t.Errorf("internal: %q %q", ErrorMessage(in), in.Error())
	}
}
