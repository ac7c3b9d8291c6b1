package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
)

// fileState is what inspect found at db.Path.
type fileState int

const (
	stateMissing fileState = iota // no file: a new database
	stateEmpty                    // an empty SQLite database (or a zero-length file)
	stateOurs                     // a Dealmodel database this code can open
	stateNewer                    // a Dealmodel database of a newer schema
	stateDamaged                  // not readable as SQLite, or its integrity check fails
	stateForeign                  // a sound SQLite database of another program
)

// inspect looks at the file at db.Path without changing it (SQLite opens it
// read-only, so it neither checkpoints nor deletes a -wal file; only a hot
// rollback journal is rolled back, as SQLite requires): it runs
// PRAGMA quick_check and reads the application id and schema version. It
// returns an error only for what moving the file aside would not fix: a busy
// database, a file it may not read.
func (db *DB) inspect(ctx context.Context) (st fileState, version int, reason string, err error) {
	fi, err := os.Stat(db.Path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return stateMissing, 0, "", nil
	case err != nil:
		return 0, 0, "", &Error{Code: EINTERNAL, Message: "Cannot read the database file " + db.Path, Err: err}
	case fi.IsDir():
		return 0, 0, "", Errorf(EINVALID, "The database path %s is a folder", db.Path)
	case fi.Size() == 0 && size(db.Path+"-wal") > 0:
		return stateDamaged, 0, "the database file is empty but its write-ahead log is not", nil
	case fi.Size() == 0:
		return stateEmpty, 0, "", nil
	}
	// Fail here, not in SQLite, when the file cannot be opened for writing
	// (permissions): that is not damage.
	f, err := os.OpenFile(db.Path, os.O_RDWR, 0)
	if err != nil {
		return 0, 0, "", &Error{Code: EINTERNAL, Message: "Cannot open the database file " + db.Path + " for writing", Err: err}
	}
	// A file that does not even begin like a SQLite database is not given
	// to SQLite, which would take over (and on closing, delete) a -wal file
	// beside it.
	hdr := make([]byte, 100)
	_, err = io.ReadFull(f, hdr)
	f.Close()
	if err != nil || !bytes.HasPrefix(hdr, []byte("SQLite format 3\x00")) {
		// Not a database at all (notes.txt, report.pdf, a scenario file): the
		// user's file, given by mistake. It is not ours to move aside.
		return 0, 0, "", Errorf(EINVALID, "%s is not a database (it does not begin as a SQLite file does): it was left as it was. Give the path of a Dealmodel database, or of a file to create", db.Path)
	}

	// A hot rollback journal (left by a crash before the file was in WAL
	// mode: while it was being created, or a file of another program) must
	// be rolled back before the file can be read, which a read-only
	// connection cannot do.
	mode := dsnCheck
	if size(db.Path+"-journal") > 0 {
		mode = dsnCheckRollback
	}
	c, err := sql.Open("sqlite", db.dsn(mode))
	if err != nil {
		return 0, 0, "", wrap(err, "Cannot open the database "+db.Path)
	}
	defer c.Close()
	c.SetMaxOpenConns(1)

	damaged := func(err error) (fileState, int, string, error) {
		if isDamage(err) {
			return stateDamaged, 0, "the file is damaged or is not a database: " + err.Error(), nil
		}
		return 0, 0, "", wrap(err, "Cannot read the database "+db.Path)
	}

	lines, err := quickCheck(ctx, c)
	if err != nil {
		return damaged(err)
	}
	if len(lines) != 1 || lines[0] != "ok" {
		if len(lines) > 3 {
			lines = append(lines[:3], "…")
		}
		return stateDamaged, 0, "its integrity check failed: " + strings.Join(lines, "; "), nil
	}

	var appID, objects int
	if err := c.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return damaged(err)
	}
	if err := c.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return damaged(err)
	}
	if err := c.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&objects); err != nil {
		return damaged(err)
	}
	switch {
	case uint32(appID) == ApplicationID && version > schemaVersion:
		return stateNewer, version, "", nil
	case uint32(appID) == ApplicationID:
		return stateOurs, version, "", nil
	case appID == 0 && version == 0 && objects == 0:
		return stateEmpty, 0, "", nil
	case appID == 0:
		return stateForeign, version, "it is a SQLite database of another program, not a Dealmodel database", nil
	}
	return stateForeign, version, fmt.Sprintf("it is a SQLite database of another program (application id %#08x), not a Dealmodel database", uint32(appID)), nil
}

// quickCheck returns the lines of PRAGMA quick_check: ["ok"] for a sound file.
func quickCheck(ctx context.Context, q querier) ([]string, error) {
	return pragmaLines(ctx, q, "PRAGMA quick_check")
}

// integrityCheck returns the lines of PRAGMA integrity_check.
func integrityCheck(ctx context.Context, q querier) ([]string, error) {
	return pragmaLines(ctx, q, "PRAGMA integrity_check")
}

func pragmaLines(ctx context.Context, q querier, pragma string) ([]string, error) {
	rows, err := q.QueryContext(ctx, pragma)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		lines = append(lines, s)
	}
	return lines, rows.Err()
}

// moveAside renames the file at db.Path, with its -wal, -shm and -journal
// files, to <path>.damaged-<time>. Nothing is deleted or overwritten.
func (db *DB) moveAside(reason string) (*Recovery, error) {
	dst, err := db.moveFiles("damaged")
	if err != nil {
		return nil, err
	}
	latest, _ := db.latestBackup()
	return &Recovery{MovedTo: dst, Reason: reason, LatestBackup: latest}, nil
}

// moveFiles renames db.Path and its companion files to
// <path>.<label>-<time> (with -2, -3... if that is taken) and returns the new
// path of the main file.
func (db *DB) moveFiles(label string) (string, error) {
	base := db.Path + "." + label + "-" + db.Now().UTC().Format(backupStamp)
	dst := base
	for i := 2; exists(dst) || exists(dst+"-wal") || exists(dst+"-shm") || exists(dst+"-journal"); i++ {
		dst = fmt.Sprintf("%s-%d", base, i)
	}
	if err := os.Rename(db.Path, dst); err != nil {
		return "", &Error{Code: EINTERNAL, Message: "Cannot move the database " + db.Path + " aside", Err: err}
	}
	for _, sfx := range []string{"-wal", "-shm", "-journal"} {
		if !exists(db.Path + sfx) {
			continue
		}
		if err := os.Rename(db.Path+sfx, dst+sfx); err != nil {
			return "", &Error{Code: EINTERNAL, Message: "Cannot move " + db.Path + sfx + " aside", Err: err}
		}
	}
	return dst, nil
}

// size returns the size of the file at path, or -1 when there is none.
func size(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return -1
	}
	return fi.Size()
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// querier is what *sql.DB, *sql.Conn and *sql.Tx have in common.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}
