package store

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// backupStamp is the time in backup file names, and in the names of files
// moved aside: UTC, to the second.
const backupStamp = "20060102T150405Z"

// Backup is one automatic backup file.
type Backup struct {
	Path string    `json:"path"`
	Time time.Time `json:"time"`
	Size int64     `json:"size"`
}

// BackupDir is the folder of automatic backups: backups/ beside the database.
func (db *DB) BackupDir() string { return filepath.Join(filepath.Dir(db.Path), "backups") }

// backupPrefix is how backup file names begin: the database file name
// without its extension, and a dash ("dealmodel-").
func (db *DB) backupPrefix() string {
	base := filepath.Base(db.Path)
	return strings.TrimSuffix(base, filepath.Ext(base)) + "-"
}

// Backups lists the automatic backups, newest first.
func (db *DB) Backups() ([]Backup, error) {
	ents, err := os.ReadDir(db.BackupDir())
	if os.IsNotExist(err) {
		return nil, nil
	} else if err != nil {
		return nil, &Error{Code: EINTERNAL, Message: "Cannot list the backups", Err: err}
	}
	prefix := db.backupPrefix()
	var bs []Backup
	for _, e := range ents {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasPrefix(name, prefix) || !strings.HasSuffix(name, ".db") {
			continue
		}
		t, err := time.Parse(backupStamp, strings.TrimSuffix(strings.TrimPrefix(name, prefix), ".db"))
		if err != nil {
			continue
		}
		b := Backup{Path: filepath.Join(db.BackupDir(), name), Time: t}
		if fi, err := e.Info(); err == nil {
			b.Size = fi.Size()
		}
		bs = append(bs, b)
	}
	sort.Slice(bs, func(i, j int) bool { return bs[i].Time.After(bs[j].Time) })
	return bs, nil
}

func (db *DB) latestBackup() (string, error) {
	bs, err := db.Backups()
	if err != nil || len(bs) == 0 {
		return "", err
	}
	return bs[0].Path, nil
}

// BackupNow writes a backup of the database into BackupDir (with VACUUM
// INTO, so it is a consistent, compact copy), removes the automatic backups
// beyond the newest BackupKeep, and returns the new file's path.
func (db *DB) BackupNow(ctx context.Context) (string, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	return db.backup(ctx)
}

// backup does the work of BackupNow; db.mu is held, or Open is running.
func (db *DB) backup(ctx context.Context) (string, error) {
	if db.w == nil {
		return "", Errorf(EINTERNAL, "The database is not open")
	}
	dir := db.BackupDir()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", &Error{Code: EINTERNAL, Message: "Cannot create the backup folder " + dir, Err: err}
	}
	now := db.Now()
	dst := filepath.Join(dir, db.backupPrefix()+now.UTC().Format(backupStamp)+".db")
	tmp := dst + ".tmp"
	os.Remove(tmp) // left by a crash; VACUUM INTO needs a new file
	if _, err := db.w.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		os.Remove(tmp)
		return "", wrap(err, "Cannot write the backup "+dst)
	}
	if err := os.Rename(tmp, dst); err != nil {
		os.Remove(tmp)
		return "", &Error{Code: EINTERNAL, Message: "Cannot write the backup " + dst, Err: err}
	}
	db.lastBackup = now
	db.backupErr = nil
	db.rotate()
	return dst, nil
}

// rotate removes the automatic backups beyond the newest BackupKeep and any
// temporary file a crash left behind.
func (db *DB) rotate() {
	keep := db.BackupKeep
	if keep <= 0 {
		keep = DefaultBackupKeep
	}
	bs, err := db.Backups()
	if err != nil {
		return
	}
	for i := keep; i < len(bs); i++ {
		os.Remove(bs[i].Path)
	}
	tmps, _ := filepath.Glob(filepath.Join(db.BackupDir(), db.backupPrefix()+"*.db.tmp"))
	for _, t := range tmps {
		os.Remove(t)
	}
}

// maybeBackup makes an automatic backup when the last one was made on an
// earlier calendar day (in the time zone of db.Now) and the database holds
// at least one scenario. A failure is kept
// for BackupError and does not fail the caller: a full disk must not stop
// anyone from saving their work.
func (db *DB) maybeBackup(ctx context.Context) {
	if db.BackupKeep < 0 || db.w == nil {
		return
	}
	if !db.mu.TryLock() {
		return // a backup is being written
	}
	defer db.mu.Unlock()
	now := db.Now()
	if db.lastBackup.IsZero() {
		bs, _ := db.Backups()
		if len(bs) > 0 {
			db.lastBackup = bs[0].Time
		}
	}
	if !db.lastBackup.IsZero() && !dayBefore(db.lastBackup, now) {
		return
	}
	var n int
	if err := db.w.QueryRowContext(ctx, "SELECT count(*) FROM scenarios").Scan(&n); err != nil || n == 0 {
		return
	}
	if _, err := db.backup(ctx); err != nil {
		db.backupErr = err
		db.lastBackup = now // try again tomorrow, or at the next Open
	}
}

func (db *DB) setBackupErr(err error) {
	db.mu.Lock()
	db.backupErr = err
	db.mu.Unlock()
}

// BackupError returns the error of the last automatic backup that failed,
// or nil when the last one succeeded.
func (db *DB) BackupError() error {
	db.mu.Lock()
	defer db.mu.Unlock()
	return db.backupErr
}

// RestoreBackup replaces the database with a copy of the backup at src. The
// current file is first moved aside to <path>.before-restore-<time>, whose
// path is returned; nothing is deleted. The backup is checked first: a file
// that is not a sound Dealmodel database is refused with EINVALID and the
// current database is left as it was. The DB is open again on return. Like
// Open and Close, RestoreBackup must not run while other calls use db.
func (db *DB) RestoreBackup(ctx context.Context, src string) (movedTo string, err error) {
	if db.w == nil {
		return "", Errorf(EINTERNAL, "The database is not open")
	}
	src, err = filepath.Abs(src)
	if err != nil {
		return "", Errorf(EINVALID, "Bad backup path %q", src)
	}
	if src == db.Path {
		return "", Errorf(EINVALID, "%s is the database itself, not a backup", src)
	}
	probe := &DB{Path: src, BusyTimeout: db.BusyTimeout}
	st, version, reason, err := probe.inspect(ctx)
	if err != nil {
		return "", err
	}
	switch st {
	case stateMissing:
		return "", Errorf(EINVALID, "There is no backup at %s", src)
	case stateOurs:
	case stateNewer:
		return "", Errorf(EINVALID, "The backup %s was written by a newer version of Dealmodel (schema %d)", src, version)
	case stateEmpty:
		return "", Errorf(EINVALID, "The backup %s is empty", src)
	default:
		return "", Errorf(EINVALID, "The backup %s cannot be used: %s", src, reason)
	}

	tmp := db.Path + ".restoring"
	if err := copyFile(src, tmp); err != nil {
		os.Remove(tmp)
		return "", &Error{Code: EINTERNAL, Message: "Cannot copy the backup " + src, Err: err}
	}
	if err := db.Close(); err != nil {
		os.Remove(tmp)
		return "", err
	}
	if exists(db.Path) {
		if movedTo, err = db.moveFiles("before-restore"); err != nil {
			os.Remove(tmp)
			return "", err
		}
	}
	if err := os.Rename(tmp, db.Path); err != nil {
		return movedTo, &Error{Code: EINTERNAL, Message: "Cannot put the backup in place", Err: err}
	}
	return movedTo, db.Open()
}

// copyFile copies src to a new file dst (mode 0600) and syncs it.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// dayBefore reports whether the calendar day of t, in the time zone of now,
// is before that of now.
func dayBefore(t, now time.Time) bool {
	ty, tm, td := t.In(now.Location()).Date()
	ny, nm, nd := now.Date()
	if ty != ny {
		return ty < ny
	}
	if tm != nm {
		return tm < nm
	}
	return td < nd
}
