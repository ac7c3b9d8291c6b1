package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// EnvDB names the environment variable that overrides the default database path.
const EnvDB = "DEALMODEL_DB"

// Defaults for the DB fields of the same names.
const (
	DefaultBusyTimeout = 5 * time.Second
	DefaultBackupKeep  = 7
)

// readConns is the size of the read-only pool.
const readConns = 4

// DB is a Dealmodel database. Set the exported fields (or keep the defaults
// that New sets) before Open; they must not change afterwards.
type DB struct {
	// Path is the database file.
	Path string

	// Now returns the current time; tests fix it.
	Now func() time.Time

	// Author and Host are recorded with each revision when the caller gives
	// no author. New sets them to the OS user and the host name.
	Author string
	Host   string

	// BusyTimeout is how long a write waits for another process that holds
	// the database before it fails with EBUSY.
	BusyTimeout time.Duration

	// BackupKeep is how many automatic backups are kept; there is at most
	// one a day. BackupKeep < 0 turns automatic backups off.
	BackupKeep int

	// Recovered is set by Open when the file at Path was damaged or was not
	// a Dealmodel database: it was moved aside and a new database created.
	// Show Recovered.Message() to the user.
	Recovered *Recovery

	w *sql.DB // the one writer connection
	r *sql.DB // read-only connections

	mu         sync.Mutex // guards lastBackup and backupErr
	lastBackup time.Time  // of the last automatic backup, or of the last failed try
	backupErr  error
}

// Recovery tells what Open did with a file it could not use.
type Recovery struct {
	// MovedTo is where the unusable file now is (its -wal and -shm files,
	// if any, sit beside it with the same suffixes).
	MovedTo string `json:"movedTo"`
	// Reason says in plain words what was wrong with it.
	Reason string `json:"reason"`
	// LatestBackup is the newest automatic backup, or "" when there is none.
	LatestBackup string `json:"latestBackup"`
}

// Message is the notice to show the user, in plain words.
func (r *Recovery) Message() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Your Dealmodel database could not be used (%s). ", r.Reason)
	fmt.Fprintf(&b, "It was not deleted: it was moved to %s, and a new, empty database was started.", r.MovedTo)
	if r.LatestBackup != "" {
		fmt.Fprintf(&b, " The latest automatic backup is %s; you can restore it.", r.LatestBackup)
	} else {
		b.WriteString(" There is no automatic backup to restore.")
	}
	return b.String()
}

// DefaultPath returns the database path to use when none is given: the
// environment variable DEALMODEL_DB when it is set, otherwise dealmodel.db in
// the folder dealmodel of the user's configuration directory.
func DefaultPath() (string, error) {
	if p := os.Getenv(EnvDB); p != "" {
		return p, nil
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", &Error{Code: EINTERNAL, Message: "Cannot find the user's configuration folder; set " + EnvDB, Err: err}
	}
	return filepath.Join(dir, "dealmodel", "dealmodel.db"), nil
}

// New returns a DB for the file at path with the default settings. Call
// Open before using it.
func New(path string) *DB {
	return &DB{
		Path:        path,
		Now:         time.Now,
		Author:      defaultAuthor(),
		Host:        defaultHost(),
		BusyTimeout: DefaultBusyTimeout,
		BackupKeep:  DefaultBackupKeep,
	}
}

// Open opens (creating it if needed) the database at path with the default
// settings. Check the returned DB's Recovered field.
func Open(path string) (*DB, error) {
	db := New(path)
	if err := db.Open(); err != nil {
		return nil, err
	}
	return db, nil
}

// Open opens the database at db.Path (which it makes absolute), creating
// the file (0600) and its folder (0700) when needed. A file that is damaged or is not a Dealmodel database
// is moved aside, a new database is created in its place and db.Recovered
// says so. A file written by a newer Dealmodel is left alone and Open fails
// with EINVALID. The schema is then brought up to date (after a backup of
// the older file), and an automatic backup is made if none was made today.
func (db *DB) Open() error {
	if db.w != nil {
		return Errorf(EINVALID, "The database %s is already open", db.Path)
	}
	if db.Path == "" {
		return Errorf(EINVALID, "No database path given")
	}
	if strings.HasPrefix(db.Path, "file:") || db.Path == ":memory:" {
		return Errorf(EINVALID, "The database path must be a file path, not %q", db.Path)
	}
	abs, err := filepath.Abs(db.Path)
	if err != nil {
		return Errorf(EINVALID, "Bad database path %q", db.Path)
	}
	db.Path = abs
	db.Recovered = nil
	db.defaults()
	ctx := context.Background()

	if err := os.MkdirAll(filepath.Dir(db.Path), 0o700); err != nil {
		return &Error{Code: EINTERNAL, Message: "Cannot create the folder of the database " + db.Path, Err: err}
	}

	st, version, reason, err := db.inspect(ctx)
	if err != nil {
		return err
	}
	switch st {
	case stateNewer:
		return Errorf(EINVALID, "The database %s was written by a newer version of Dealmodel (schema %d; this version knows up to %d). Update Dealmodel, or choose another file.",
			db.Path, version, schemaVersion)
	case stateDamaged, stateForeign:
		rec, err := db.moveAside(reason)
		if err != nil {
			return err
		}
		db.Recovered = rec
		version = 0
	}

	// Create the file ourselves so that it is private to the user; SQLite
	// gives its -wal and -shm files the same permissions.
	if f, err := os.OpenFile(db.Path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600); err == nil {
		f.Close()
	} else if !errors.Is(err, fs.ErrExist) {
		return &Error{Code: EINTERNAL, Message: "Cannot create the database " + db.Path, Err: err}
	}

	if err := db.openPools(ctx); err != nil {
		return err
	}
	if version > 0 && version < schemaVersion {
		// Keep a copy of the database as the older version left it.
		if _, err := db.backup(ctx); err != nil {
			db.setBackupErr(err)
		}
	}
	if err := migrate(ctx, db.w, schemaVersion, fmtTime(db.Now())); err != nil {
		db.Close()
		return err
	}
	db.maybeBackup(ctx)
	return nil
}

func (db *DB) defaults() {
	if db.Now == nil {
		db.Now = time.Now
	}
	if db.Author == "" {
		db.Author = defaultAuthor()
	}
	if db.Host == "" {
		db.Host = defaultHost()
	}
	if db.BusyTimeout <= 0 {
		db.BusyTimeout = DefaultBusyTimeout
	}
	if db.BackupKeep == 0 {
		db.BackupKeep = DefaultBackupKeep
	}
}

func (db *DB) openPools(ctx context.Context) error {
	w, err := sql.Open("sqlite", db.dsn(dsnWrite))
	if err != nil {
		return wrap(err, "Cannot open the database "+db.Path)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		return wrap(err, "Cannot open the database "+db.Path)
	}
	r, err := sql.Open("sqlite", db.dsn(dsnRead))
	if err != nil {
		w.Close()
		return wrap(err, "Cannot open the database "+db.Path)
	}
	r.SetMaxOpenConns(readConns)
	r.SetMaxIdleConns(readConns)
	db.w, db.r = w, r
	return nil
}

// Close closes the database. It is safe to call more than once.
func (db *DB) Close() error {
	var errs []error
	if db.r != nil {
		errs = append(errs, db.r.Close())
		db.r = nil
	}
	if db.w != nil {
		errs = append(errs, db.w.Close())
		db.w = nil
	}
	if err := errors.Join(errs...); err != nil {
		return wrap(err, "Cannot close the database")
	}
	return nil
}

type dsnMode int

const (
	dsnWrite         dsnMode = iota // the writer: WAL, foreign keys, synchronous FULL, BEGIN IMMEDIATE
	dsnRead                         // readers: query_only
	dsnCheck                        // the first look at a file: read-only, changes nothing
	dsnCheckRollback                // the same, for a file with a hot journal to roll back
)

// dsn returns the data source name of db.Path. modernc.org/sqlite applies
// the _pragma values to every connection it opens, busy_timeout first.
func (db *DB) dsn(mode dsnMode) string {
	p := filepath.ToSlash(db.Path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive path: file:///C:/...
	}
	q := url.Values{}
	pragmas := []string{fmt.Sprintf("busy_timeout(%d)", db.BusyTimeout.Milliseconds())}
	switch mode {
	case dsnWrite:
		pragmas = append(pragmas, "foreign_keys(1)", "journal_mode(WAL)", "synchronous(FULL)")
		q.Set("_txlock", "immediate")
	case dsnRead:
		pragmas = append(pragmas, "foreign_keys(1)")
		q.Set("_query_only", "1")
	case dsnCheck:
		q.Set("mode", "ro") // SQLite's own URI parameter
	case dsnCheckRollback:
		q.Set("_query_only", "1")
	}
	q["_pragma"] = pragmas
	u := url.URL{Scheme: "file", Path: p, RawQuery: q.Encode()}
	return u.String()
}

func defaultAuthor() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	for _, k := range []string{"USER", "USERNAME", "LOGNAME"} {
		if v := os.Getenv(k); v != "" {
			return v
		}
	}
	return "unknown"
}

func defaultHost() string {
	if h, err := os.Hostname(); err == nil && h != "" {
		return h
	}
	return "unknown"
}

// timeFormat is how times are stored: UTC, fixed width, so that text order
// is time order.
const timeFormat = "2006-01-02T15:04:05.000000000Z"

func fmtTime(t time.Time) string { return t.UTC().Format(timeFormat) }

func parseTime(s string) time.Time {
	t, err := time.Parse(timeFormat, s)
	if err != nil {
		t, _ = time.Parse(time.RFC3339Nano, s)
	}
	return t
}
