package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

// ApplicationID is written to PRAGMA application_id of every Dealmodel
// database ("DLMD"). A SQLite file with another id is not ours.
const ApplicationID = 0x444c4d44

//go:embed migration/*.sql
var migrationFS embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

// migrations are the embedded migration/NNN_name.sql files in version order.
var migrations = mustLoadMigrations()

// schemaVersion is the schema version this code writes (PRAGMA user_version).
var schemaVersion = len(migrations)

func mustLoadMigrations() []migration {
	names, err := fs.Glob(migrationFS, "migration/*.sql")
	if err != nil {
		panic(err)
	}
	sort.Strings(names)
	var ms []migration
	for i, name := range names {
		base := strings.TrimPrefix(name, "migration/")
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v != i+1 {
			panic(fmt.Sprintf("store: migration %s: want the prefix %03d_", name, i+1))
		}
		b, err := migrationFS.ReadFile(name)
		if err != nil {
			panic(err)
		}
		ms = append(ms, migration{version: v, name: base, sql: string(b)})
	}
	return ms
}

// migrate applies, in order, every migration up to version upto that the
// database has not had yet. Each runs in its own transaction together with
// its record in schema_migrations and the new PRAGMA user_version, so a crash
// leaves the database at the previous version, never half-way.
func migrate(ctx context.Context, db *sql.DB, upto int, now string) error {
	// Most opens have nothing to do: look before taking the write lock, so
	// that opening does not wait for another process's write.
	var v int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return wrap(err, "Cannot read the schema version")
	}
	for _, m := range migrations {
		if m.version <= v {
			continue
		}
		if m.version > upto {
			break
		}
		if err := migrateOne(ctx, db, m, now); err != nil {
			return err
		}
	}
	return nil
}

func migrateOne(ctx context.Context, db *sql.DB, m migration, now string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return wrap(err, "Cannot start the schema upgrade")
	}
	defer tx.Rollback()

	// Read the version inside the (immediate) transaction: another process
	// may have migrated while we waited for the lock.
	var v int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return wrap(err, "Cannot read the schema version")
	}
	if v >= m.version {
		return nil
	}
	if v != m.version-1 {
		return Errorf(EINTERNAL, "Schema version %d cannot be upgraded with %s", v, m.name)
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY,
		name    TEXT NOT NULL,
		applied TEXT NOT NULL
	)`); err != nil {
		return wrap(err, "Cannot record schema upgrades")
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return wrap(err, "Schema upgrade "+m.name+" failed")
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied) VALUES (?, ?, ?)`,
		m.version, m.name, now); err != nil {
		return wrap(err, "Cannot record schema upgrade "+m.name)
	}
	// PRAGMAs take no parameters; both values are integers from this code.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)); err != nil {
		return wrap(err, "Cannot set the application id")
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
		return wrap(err, "Cannot set the schema version")
	}
	if err := tx.Commit(); err != nil {
		return wrap(err, "Cannot commit schema upgrade "+m.name)
	}
	return nil
}
