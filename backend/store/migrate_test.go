package store

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// fixtureRev and fixtureScenario describe the data that the fixture
// builders write into a database of an older schema version.
type fixtureRev struct {
	body, author, host, created, message string
}

type fixtureScenario struct {
	name, builtin, created, deletedAt string
	revs                              []fixtureRev
}

var fixtureData = []fixtureScenario{
	{name: "Briefing", builtin: "briefing", created: "2024-11-02T08:00:00.000000000Z", revs: []fixtureRev{
		{"name: Briefing\ncap: 38B\n", BuiltinAuthor, "old-laptop", "2024-11-02T08:00:00.000000000Z", "Built-in scenario"},
		{"name: Briefing\ncap: 40B\n", "alice", "old-laptop", "2024-11-03T10:30:00.123456789Z", "raise the cap"},
	}},
	{name: "Mine", created: "2024-12-24T18:00:00.000000000Z", revs: []fixtureRev{
		{"name: Mine\nstart: 2025Q1\n", "bob", "desk", "2024-12-24T18:00:00.000000000Z", ""},
	}},
	{name: "Old idea", created: "2024-10-01T00:00:00.000000000Z", deletedAt: "2025-01-05T00:00:00.000000000Z", revs: []fixtureRev{
		{"name: Old idea\n", "bob", "desk", "2024-10-01T00:00:00.000000000Z", "first"},
		{"name: Old idea\nx: 1\n", "bob", "desk", "2024-10-02T00:00:00.000000000Z", "second"},
	}},
}

// fixtureWriters write fixtureData into a database at the schema version of
// their key, with that version's SQL. Adding a migration means adding the
// writer of the version it replaces: TestMigrateFromEveryOlderVersion fails
// until then.
var fixtureWriters = map[int]func(tb testing.TB, db *sql.DB){
	1: writeFixtureV1,
	2: writeFixtureV2,
}

func writeFixtureV1(tb testing.TB, db *sql.DB) {
	tb.Helper()
	for _, s := range fixtureData {
		var builtin, deleted any
		if s.builtin != "" {
			builtin = s.builtin
		}
		if s.deletedAt != "" {
			deleted = s.deletedAt
		}
		res, err := db.Exec(`INSERT INTO scenarios (name, name_key, builtin, created, deleted_at) VALUES (?, ?, ?, ?, ?)`,
			s.name, nameKey(s.name), builtin, s.created, deleted)
		if err != nil {
			tb.Fatal(err)
		}
		id, _ := res.LastInsertId()
		for i, r := range s.revs {
			if _, err := db.Exec(`INSERT INTO revisions (scenario_id, number, body, hash, author, host, created, message)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, id, i+1, []byte(r.body), Hash([]byte(r.body)), r.author, r.host, r.created, r.message); err != nil {
				tb.Fatal(err)
			}
		}
	}
}

// writeFixtureV2 writes fixtureData as schema version 2 has it: version 1's
// tables, and for each built-in the body it was seeded from, recorded in
// builtins as both shipped and base.
func writeFixtureV2(tb testing.TB, db *sql.DB) {
	tb.Helper()
	writeFixtureV1(tb, db)
	for _, s := range fixtureData {
		if s.builtin == "" {
			continue
		}
		first := []byte(s.revs[0].body)
		if _, err := db.Exec(`INSERT INTO builtins (stem, name, version, shipped_hash, shipped_body, base_hash, seen_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, s.builtin, s.name, "v2", Hash(first), first, Hash(first), s.created); err != nil {
			tb.Fatal(err)
		}
	}
}

// buildAt creates a database at schema version v holding fixtureData, as a
// user of that release would have it.
func buildAt(tb testing.TB, path string, v int) {
	tb.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		tb.Fatal(err)
	}
	raw, err := sql.Open("sqlite", path+"?_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)")
	if err != nil {
		tb.Fatal(err)
	}
	defer raw.Close()
	if err := migrate(context.Background(), raw, v, "2024-10-01T00:00:00.000000000Z"); err != nil {
		tb.Fatal(err)
	}
	fixtureWriters[v](tb, raw)
	if got := pragma(tb, raw, "user_version"); got != strconv.Itoa(v) {
		tb.Fatalf("fixture at version %s, want %d", got, v)
	}
}

func TestMigrateFromEveryOlderVersion(t *testing.T) {
	if schemaVersion < 2 {
		t.Fatal("there should be at least two schema versions")
	}
	for v := 1; v < schemaVersion; v++ {
		if fixtureWriters[v] == nil {
			t.Fatalf("no fixture writer for schema version %d", v)
		}
		t.Run("v"+strconv.Itoa(v), func(t *testing.T) {
			ctx := context.Background()
			db := NewTestDB(t)
			buildAt(t, db.Path, v)
			MustOpen(t, db)

			if got := pragma(t, db.w, "user_version"); got != strconv.Itoa(schemaVersion) {
				t.Fatalf("user_version %s after upgrade", got)
			}
			var applied int
			db.w.QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&applied)
			if applied != schemaVersion {
				t.Fatalf("%d migrations recorded", applied)
			}
			if lines, err := integrityCheck(ctx, db.w); err != nil || len(lines) != 1 || lines[0] != "ok" {
				t.Fatalf("integrity %v %v", lines, err)
			}

			// Every scenario and revision survived, byte for byte.
			all, err := db.List(ctx, All)
			if err != nil || len(all) != len(fixtureData) {
				t.Fatalf("list %+v %v", all, err)
			}
			for _, fs := range fixtureData {
				if fs.deletedAt != "" {
					if err := db.Undelete(ctx, fs.name); err != nil {
						t.Fatal(err)
					}
				}
				h, err := db.History(ctx, fs.name)
				if err != nil || len(h) != len(fs.revs) {
					t.Fatalf("%s: history %+v %v", fs.name, h, err)
				}
				for i, fr := range fs.revs {
					g, err := db.Get(ctx, fs.name, i+1)
					if err != nil {
						t.Fatal(err)
					}
					want, _ := time.Parse(timeFormat, fr.created)
					if !bytes.Equal(g.Body, []byte(fr.body)) || g.Hash != Hash([]byte(fr.body)) || g.Author != fr.author ||
						g.Host != fr.host || g.Message != fr.message || !g.Created.Equal(want) {
						t.Fatalf("%s revision %d: %+v", fs.name, i+1, g)
					}
				}
			}

			// The built-in seeded by the old release is known as such: it is
			// not seeded again, and a changed shipped body is offered.
			created, err := db.SeedBuiltins(ctx, []Builtin{{Stem: "briefing", Name: "Briefing", Body: []byte("name: Briefing\ncap: 38B\n")}})
			if err != nil || len(created) != 0 {
				t.Fatalf("seed after upgrade: %v %v", created, err)
			}
			if u, _ := db.BuiltinUpdates(ctx); len(u) != 0 {
				t.Fatalf("offered the same body: %+v", u)
			}
			db.SeedBuiltins(ctx, []Builtin{{Stem: "briefing", Name: "Briefing", Body: []byte("name: Briefing\ncap: 45B\n")}})
			if u, _ := db.BuiltinUpdates(ctx); len(u) != 1 || !u[0].Edited {
				t.Fatalf("update after upgrade: %+v", u)
			}
			MustSave(t, db, "Mine", "name: Mine\nstart: 2026Q1\n")

			// What version 3 added works on the upgraded file.
			if err := db.SaveDraft(ctx, "Mine", []byte("name: Mine\nstart: 2027Q1\n")); err != nil {
				t.Fatal(err)
			}
			if d, err := db.Draft(ctx, "mine"); err != nil || string(d.Body) != "name: Mine\nstart: 2027Q1\n" {
				t.Fatalf("draft after upgrade: %+v %v", d, err)
			}
			if err := db.SetSetting(ctx, "app.settings", "{}"); err != nil {
				t.Fatal(err)
			}

			// The file as the old release left it was backed up first.
			bs, err := db.Backups()
			if err != nil || len(bs) == 0 {
				t.Fatalf("no backup before the upgrade: %v", err)
			}
			old, err := sql.Open("sqlite", bs[len(bs)-1].Path)
			if err != nil {
				t.Fatal(err)
			}
			defer old.Close()
			if got := pragma(t, old, "user_version"); got != strconv.Itoa(v) {
				t.Fatalf("pre-upgrade backup at version %s", got)
			}
		})
	}
}

func TestOpenEmptyFile(t *testing.T) {
	db := NewTestDB(t)
	os.MkdirAll(filepath.Dir(db.Path), 0o700)
	if err := os.WriteFile(db.Path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	MustOpen(t, db)
	if db.Recovered != nil {
		t.Fatalf("an empty file was treated as damaged: %+v", db.Recovered)
	}
	MustCreate(t, db, "x", "a: 1")
}

func TestOpenNewerSchemaIsLeftAlone(t *testing.T) {
	db := MustOpenDB(t)
	MustCreate(t, db, "x", "a: 1")
	if _, err := db.w.Exec(`PRAGMA user_version = 99`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before, _ := os.ReadFile(db.Path)

	db2 := New(db.Path)
	err := db2.Open()
	wantCode(t, err, EINVALID)
	if !bytes.Contains([]byte(ErrorMessage(err)), []byte("newer version")) {
		t.Errorf("message %q", ErrorMessage(err))
	}
	after, _ := os.ReadFile(db.Path)
	if !bytes.Equal(before, after) {
		t.Fatal("the newer database was changed")
	}
	if m, _ := filepath.Glob(db.Path + ".damaged-*"); len(m) != 0 {
		t.Fatalf("moved aside: %v", m)
	}
}

func TestMigrationFailureRollsBack(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	bad := migration{version: schemaVersion + 1, name: "999_bad.sql", sql: `CREATE TABLE half (a); INSERT INTO nowhere VALUES (1);`}
	if err := migrateOne(ctx, db.w, bad, fmtTime(db.Now())); err == nil {
		t.Fatal("a failing migration succeeded")
	}
	var n int
	db.w.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name = 'half'`).Scan(&n)
	if n != 0 || pragma(t, db.w, "user_version") != strconv.Itoa(schemaVersion) {
		t.Fatal("a failed migration left changes")
	}
	// Running the migrations again does nothing.
	if err := migrate(ctx, db.w, schemaVersion, fmtTime(db.Now())); err != nil {
		t.Fatal(err)
	}
	db.w.QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&n)
	if n != schemaVersion {
		t.Fatalf("%d migrations recorded", n)
	}
}
