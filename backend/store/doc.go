// Package store keeps Dealmodel's scenarios in one SQLite file
// (modernc.org/sqlite, through database/sql). It stores documents and knows
// nothing of what a scenario means: callers parse, validate and
// canonicalize a body before they store it.
//
// # Scenarios and revisions
//
// A scenario has a name and a body. Every save is a new, immutable revision
// (numbered from 1, with its SHA-256, author, host, time and message); a
// save whose body is identical to the latest writes nothing and says so
// (Revision.Unchanged). History lists revisions newest first; Restore makes
// an old body the new latest revision; Diff compares two revisions field by
// field. Delete moves a scenario to the trash, where it keeps its name and
// history; a scenario in the trash is "not found" for every operation but
// List, Undelete and Purge.
//
// Names keep the spelling they were given, are unique without regard to
// case (Unicode simple case folding), and are looked up without regard to
// case: "Briefing" and "briefing" are the same scenario.
//
// # Drafts and settings
//
// SaveDraft keeps the working copy of a scenario that the user has not
// saved: one per scenario, replaced on each call and on disk when it
// returns, so that autosave survives a crash. Saving (Save, Import,
// Restore) deletes the draft in the same transaction; Rename carries it,
// Purge removes it. Setting and SetSetting keep the app's preferences as
// text under a key.
//
// # Built-in scenarios
//
// SeedBuiltins creates each shipped scenario the first time it is seen, and
// never again. A later release that ships a different body is recorded and
// offered (BuiltinUpdates, AcceptBuiltinUpdate, DismissBuiltinUpdate), never
// applied by itself. RestoreBuiltin brings the shipped body back as a new
// revision, or recreates a purged built-in.
//
// # Connections and concurrency
//
// One pool of exactly one connection does all writing; its transactions
// begin IMMEDIATE, so writers in this process queue in Go, and a writer in
// another process waits for the lock in SQLite for BusyTimeout (5 s) and
// then fails with EBUSY, without having written anything. A second,
// read-only pool of a few connections serves reads, which WAL lets run
// while a write is under way. Every connection has the pragmas it needs in
// its DSN: busy_timeout, and for the writer journal_mode=WAL,
// foreign_keys=1 and synchronous=FULL, so that a save is on disk when Save
// returns.
//
// # Damage, backups and schema upgrades
//
// Open first looks at the file read-only: a file that is not SQLite, fails
// PRAGMA quick_check, or belongs to another program (PRAGMA application_id)
// is moved aside as <name>.damaged-<time> with its -wal and -shm files, a
// new database is started, and DB.Recovered says so in plain words. Nothing
// is deleted or overwritten. A database of a newer schema is left alone.
//
// An automatic backup (VACUUM INTO) is made at most once a calendar day into
// backups/ beside the database, the last seven kept, and always before a
// schema upgrade. RestoreBackup puts one back, moving the current file
// aside first.
//
// The schema is the SQL files in migration/, applied in order, each in one
// transaction with its record in schema_migrations and PRAGMA user_version.
package store
