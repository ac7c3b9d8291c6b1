package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Scenario describes one stored scenario, as List returns it.
type Scenario struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	Builtin   string    `json:"builtin,omitempty"` // the stem of the built-in it was seeded from, or ""
	Created   time.Time `json:"created"`
	Modified  time.Time `json:"modified"`  // when its latest revision was saved
	Revisions int       `json:"revisions"` // the number of revisions, which is also the latest revision's number
	Hash      string    `json:"hash"`      // the SHA-256 of the latest body
	Deleted   bool      `json:"deleted"`   // in the trash
	DeletedAt time.Time `json:"deletedAt,omitzero"`
	// UpdateAvailable is true for a built-in whose shipped body has changed
	// since the user's copy was seeded (see BuiltinUpdates).
	UpdateAvailable bool `json:"updateAvailable,omitempty"`
}

// Revision is one saved version of a scenario. Revisions are numbered from 1
// and never change once written.
type Revision struct {
	Scenario string    `json:"scenario"`
	Number   int       `json:"number"`
	Hash     string    `json:"hash"` // hex SHA-256 of Body
	Size     int       `json:"size"` // len(Body)
	Author   string    `json:"author"`
	Host     string    `json:"host"`
	Message  string    `json:"message"`
	Created  time.Time `json:"created"`
	// Body is the stored document. History leaves it nil.
	Body []byte `json:"-"`
	// Unchanged is set by Save, Restore and the built-in updates when the
	// body was identical to the latest revision, which is then returned and
	// nothing is written.
	Unchanged bool `json:"unchanged,omitempty"`
}

// ListFilter selects scenarios by whether they are in the trash.
type ListFilter int

const (
	Active  ListFilter = iota // scenarios not in the trash
	Trashed                   // only scenarios in the trash
	All                       // both
)

// write runs fn in a write transaction (BEGIN IMMEDIATE on the one writer
// connection) and commits; it returns after the commit is on disk.
func (db *DB) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if db.w == nil {
		return Errorf(EINTERNAL, "The database is not open")
	}
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return wrap(err, "Cannot start writing to the database")
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return wrap(err, "Cannot save to the database")
	}
	db.maybeBackup(ctx)
	return nil
}

func (db *DB) reader() (*sql.DB, error) {
	if db.r == nil {
		return nil, Errorf(EINTERNAL, "The database is not open")
	}
	return db.r, nil
}

type scenarioRow struct {
	id      int64
	name    string
	builtin string
	deleted bool
}

// findScenario looks name up without regard to case. With live, a scenario
// in the trash is not found.
func findScenario(ctx context.Context, q querier, name string, live bool) (*scenarioRow, error) {
	if name == "" {
		return nil, Errorf(EINVALID, "A scenario needs a name")
	}
	var s scenarioRow
	err := q.QueryRowContext(ctx,
		`SELECT id, name, COALESCE(builtin, ''), deleted_at IS NOT NULL FROM scenarios WHERE name_key = ?`,
		nameKey(name)).Scan(&s.id, &s.name, &s.builtin, &s.deleted)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Errorf(ENOTFOUND, "No scenario is named %q", name)
	} else if err != nil {
		return nil, wrap(err, "Cannot read the scenario "+name)
	}
	if live && s.deleted {
		return nil, Errorf(ENOTFOUND, "The scenario %q is in the trash", s.name)
	}
	return &s, nil
}

// nameFree fails with ECONFLICT when name (without regard to case) belongs
// to a scenario other than self.
func nameFree(ctx context.Context, q querier, name string, self int64) error {
	var id int64
	var other string
	var deleted bool
	err := q.QueryRowContext(ctx, `SELECT id, name, deleted_at IS NOT NULL FROM scenarios WHERE name_key = ?`,
		nameKey(name)).Scan(&id, &other, &deleted)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return wrap(err, "Cannot read the scenario "+name)
	case id == self:
		return nil
	case deleted:
		return Errorf(ECONFLICT, "A scenario named %q is in the trash; restore it or purge it first", other)
	}
	return Errorf(ECONFLICT, "A scenario named %q already exists", other)
}

// latest returns the number and hash of a scenario's latest revision.
func latest(ctx context.Context, q querier, id int64) (int, string, error) {
	var n int
	var h string
	err := q.QueryRowContext(ctx, `SELECT number, hash FROM revisions WHERE scenario_id = ? ORDER BY number DESC LIMIT 1`, id).Scan(&n, &h)
	if err != nil {
		return 0, "", wrap(err, "Cannot read the latest revision")
	}
	return n, h, nil
}

const revisionCols = `number, hash, length(body), author, host, created, message`

func scanRevision(sc interface{ Scan(...any) error }, name string, body *[]byte) (*Revision, error) {
	r := &Revision{Scenario: name}
	var created string
	dest := []any{&r.Number, &r.Hash, &r.Size, &r.Author, &r.Host, &created, &r.Message}
	if body != nil {
		dest = append(dest, body)
	}
	if err := sc.Scan(dest...); err != nil {
		return nil, err
	}
	r.Created = parseTime(created)
	return r, nil
}

// revision reads revision number n (0 = the latest) of s.
func revision(ctx context.Context, q querier, s *scenarioRow, n int, withBody bool) (*Revision, error) {
	cols := revisionCols
	var body []byte
	var bp *[]byte
	if withBody {
		cols += ", body"
		bp = &body
	}
	var row *sql.Row
	if n == 0 {
		row = q.QueryRowContext(ctx, `SELECT `+cols+` FROM revisions WHERE scenario_id = ? ORDER BY number DESC LIMIT 1`, s.id)
	} else {
		row = q.QueryRowContext(ctx, `SELECT `+cols+` FROM revisions WHERE scenario_id = ? AND number = ?`, s.id, n)
	}
	r, err := scanRevision(row, s.name, bp)
	if errors.Is(err, sql.ErrNoRows) {
		last, _, lerr := latest(ctx, q, s.id)
		if lerr != nil {
			return nil, lerr
		}
		return nil, Errorf(ENOTFOUND, "The scenario %q has no revision %d (its latest is %d)", s.name, n, last)
	} else if err != nil {
		return nil, wrap(err, "Cannot read the scenario "+s.name)
	}
	r.Body = body
	return r, nil
}

func (db *DB) author(a string) string {
	if a != "" {
		return a
	}
	return db.Author
}

// insertRevision writes revision number n of scenario id.
func (db *DB) insertRevision(ctx context.Context, tx *sql.Tx, id int64, name string, n int, body []byte, hash, message, author string) (*Revision, error) {
	now := db.Now().UTC()
	r := &Revision{
		Scenario: name, Number: n, Hash: hash, Size: len(body),
		Author: db.author(author), Host: db.Host, Message: message, Created: now,
		Body: bytes.Clone(body),
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO revisions (scenario_id, number, body, hash, author, host, created, message)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, id, n, body, hash, r.Author, r.Host, fmtTime(now), message)
	if err != nil {
		return nil, wrap(err, "Cannot save the scenario "+name)
	}
	return r, nil
}

// create inserts a new scenario and its first revision.
func (db *DB) create(ctx context.Context, tx *sql.Tx, name, builtin string, body []byte, message, author string) (*Revision, error) {
	name = normalName(name)
	if err := nameFree(ctx, tx, name, 0); err != nil {
		return nil, err
	}
	var stem any
	if builtin != "" {
		stem = builtin
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO scenarios (name, name_key, builtin, created) VALUES (?, ?, ?, ?)`,
		name, nameKey(name), stem, fmtTime(db.Now()))
	if err != nil {
		return nil, wrap(err, "Cannot create the scenario "+name)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return nil, wrap(err, "Cannot create the scenario "+name)
	}
	return db.insertRevision(ctx, tx, id, name, 1, body, Hash(body), message, author)
}

// save writes body as the next revision of s, unless it is identical to the
// latest, which is then returned with Unchanged set.
func (db *DB) save(ctx context.Context, tx *sql.Tx, s *scenarioRow, body []byte, message, author string) (*Revision, error) {
	h := Hash(body)
	n, last, err := latest(ctx, tx, s.id)
	if err != nil {
		return nil, err
	}
	if h == last {
		r, err := revision(ctx, tx, s, n, false)
		if err != nil {
			return nil, err
		}
		r.Body = bytes.Clone(body)
		r.Unchanged = true
		return r, nil
	}
	return db.insertRevision(ctx, tx, s.id, s.name, n+1, body, h, message, author)
}

// Create stores a new scenario with body as its revision 1. It fails with
// ECONFLICT when the name, without regard to case, is taken (also by a
// scenario in the trash). An empty author means db.Author.
func (db *DB) Create(ctx context.Context, name string, body []byte, message, author string) (*Revision, error) {
	if err := validName(name); err != nil {
		return nil, err
	}
	if err := validBody(body); err != nil {
		return nil, err
	}
	var rev *Revision
	err := db.write(ctx, func(tx *sql.Tx) (err error) {
		rev, err = db.create(ctx, tx, name, "", body, message, author)
		return err
	})
	return rev, err
}

// Save stores body as the next revision of the scenario name and returns
// it once it is committed to disk. A body identical to the latest revision
// writes no revision: the latest revision is returned with Unchanged set.
// Either way the scenario's draft, if any, is deleted in the same
// transaction: what the user saved supersedes it. The scenario must exist
// (see Create) and not be in the trash (ENOTFOUND).
func (db *DB) Save(ctx context.Context, name string, body []byte, message, author string) (*Revision, error) {
	return db.saveAs(ctx, name, "", 0, body, message, author)
}

// Stale is the error of SaveOnto when another revision was saved after base.
type Stale struct {
	Base   int
	Latest *Revision // without its body
}

func (e *Stale) Error() string {
	return fmt.Sprintf("revision %d of %s was saved after revision %d", e.Latest.Number, e.Latest.Scenario, e.Base)
}

// SaveOnto is SaveAs (Save when newName is empty) for an edit of revision base:
// when a later revision holds another body, nothing is written and the error is
// a *Stale. The check and the write are one transaction, so of two saves from
// the same base exactly one succeeds.
func (db *DB) SaveOnto(ctx context.Context, name, newName string, base int, body []byte, message, author string) (*Revision, error) {
	if newName != "" {
		if err := validName(newName); err != nil {
			return nil, err
		}
	}
	return db.saveAs(ctx, name, newName, base, body, message, author)
}

// Latest returns the latest revision of the scenario name, without its body:
// its hash says whether a working copy differs from it.
func (db *DB) Latest(ctx context.Context, name string) (*Revision, error) {
	return db.get(ctx, name, 0, false)
}

// Get returns revision rev of the scenario name, with its body; rev 0 is
// the latest.
func (db *DB) Get(ctx context.Context, name string, rev int) (*Revision, error) {
	if rev < 0 {
		return nil, Errorf(EINVALID, "Revision numbers start at 1 (0 is the latest), not %d", rev)
	}
	return db.get(ctx, name, rev, true)
}

func (db *DB) get(ctx context.Context, name string, rev int, withBody bool) (*Revision, error) {
	q, err := db.reader()
	if err != nil {
		return nil, err
	}
	s, err := findScenario(ctx, q, name, true)
	if err != nil {
		return nil, err
	}
	return revision(ctx, q, s, rev, withBody)
}

// History returns every revision of the scenario name, newest first,
// without their bodies (use Get for a body).
func (db *DB) History(ctx context.Context, name string) ([]*Revision, error) {
	q, err := db.reader()
	if err != nil {
		return nil, err
	}
	s, err := findScenario(ctx, q, name, true)
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT `+revisionCols+` FROM revisions WHERE scenario_id = ? ORDER BY number DESC`, s.id)
	if err != nil {
		return nil, wrap(err, "Cannot read the history of "+s.name)
	}
	defer rows.Close()
	var revs []*Revision
	for rows.Next() {
		r, err := scanRevision(rows, s.name, nil)
		if err != nil {
			return nil, wrap(err, "Cannot read the history of "+s.name)
		}
		revs = append(revs, r)
	}
	if err := rows.Err(); err != nil {
		return nil, wrap(err, "Cannot read the history of "+s.name)
	}
	return revs, nil
}

// Restore makes the body of revision rev the scenario's new latest
// revision; history is kept. When that body is already the latest, no
// revision is written and the latest is returned with Unchanged set. The
// scenario's draft is deleted, as by Save: the restored body is what the
// user chose to work on.
func (db *DB) Restore(ctx context.Context, name string, rev int, author string) (*Revision, error) {
	if rev < 1 {
		return nil, Errorf(EINVALID, "Choose a revision to restore (1 or more), not %d", rev)
	}
	var out *Revision
	err := db.write(ctx, func(tx *sql.Tx) error {
		s, err := findScenario(ctx, tx, name, true)
		if err != nil {
			return err
		}
		old, err := revision(ctx, tx, s, rev, true)
		if err != nil {
			return err
		}
		if out, err = db.save(ctx, tx, s, old.Body, fmt.Sprintf("Restored revision %d", rev), author); err != nil {
			return err
		}
		return clearDraft(ctx, tx, s)
	})
	return out, err
}

// Rename gives the scenario oldName the name newName; its draft goes with it. It fails with
// ECONFLICT when newName, without regard to case, belongs to another
// scenario; changing only the case of a name is allowed. The bodies are not
// touched: a caller that keeps the name inside the body saves a new revision.
func (db *DB) Rename(ctx context.Context, oldName, newName string) error {
	if err := validName(newName); err != nil {
		return err
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		s, err := findScenario(ctx, tx, oldName, true)
		if err != nil {
			return err
		}
		return rename(ctx, tx, s, newName)
	})
}

// rename gives s a new name inside a write transaction.
func rename(ctx context.Context, tx *sql.Tx, s *scenarioRow, newName string) error {
	newName = normalName(newName)
	if s.name == newName {
		return nil
	}
	if err := nameFree(ctx, tx, newName, s.id); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `UPDATE scenarios SET name = ?, name_key = ? WHERE id = ?`, newName, nameKey(newName), s.id)
	if err != nil {
		return wrap(err, "Cannot rename the scenario "+s.name)
	}
	s.name = newName
	return nil
}

// SaveAs renames the scenario to newName and saves body as its next revision in one
// transaction, so a save that also renames (the name field was edited) is never
// left half done. Like Save, it ends the draft.
func (db *DB) SaveAs(ctx context.Context, name, newName string, body []byte, message, author string) (*Revision, error) {
	if err := validName(newName); err != nil {
		return nil, err
	}
	return db.saveAs(ctx, name, newName, 0, body, message, author)
}

// saveAs is Save, and SaveAs when newName is not empty; base > 0 makes it SaveOnto.
func (db *DB) saveAs(ctx context.Context, name, newName string, base int, body []byte, message, author string) (*Revision, error) {
	if err := validBody(body); err != nil {
		return nil, err
	}
	var rev *Revision
	err := db.write(ctx, func(tx *sql.Tx) error {
		s, err := findScenario(ctx, tx, name, true)
		if err != nil {
			return err
		}
		if base > 0 {
			n, last, err := latest(ctx, tx, s.id)
			if err != nil {
				return err
			}
			if n > base && last != Hash(body) {
				r, err := revision(ctx, tx, s, n, false)
				if err != nil {
					return err
				}
				return &Stale{Base: base, Latest: r}
			}
		}
		if newName != "" {
			if err := rename(ctx, tx, s, newName); err != nil {
				return err
			}
		}
		if rev, err = db.save(ctx, tx, s, body, message, author); err != nil {
			return err
		}
		return clearDraft(ctx, tx, s)
	})
	return rev, err
}

// Duplicate creates the scenario newName whose revision 1 is the latest body
// of name. The copy is not a built-in. It fails with ECONFLICT when newName
// is taken.
func (db *DB) Duplicate(ctx context.Context, name, newName, author string) (*Revision, error) {
	if err := validName(newName); err != nil {
		return nil, err
	}
	var rev *Revision
	err := db.write(ctx, func(tx *sql.Tx) error {
		s, err := findScenario(ctx, tx, name, true)
		if err != nil {
			return err
		}
		src, err := revision(ctx, tx, s, 0, true)
		if err != nil {
			return err
		}
		rev, err = db.create(ctx, tx, newName, "", src.Body,
			fmt.Sprintf("Duplicated from %q, revision %d", s.name, src.Number), author)
		return err
	})
	return rev, err
}

// Delete moves the scenario name to the trash, where it keeps its name,
// history and draft until Undelete or Purge. Deleting a scenario already in the trash
// does nothing.
func (db *DB) Delete(ctx context.Context, name string) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		s, err := findScenario(ctx, tx, name, false)
		if err != nil || s.deleted {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE scenarios SET deleted_at = ? WHERE id = ?`, fmtTime(db.Now()), s.id)
		return wrap(err, "Cannot move the scenario "+s.name+" to the trash")
	})
}

// Undelete takes the scenario name out of the trash. Undeleting a scenario
// that is not in the trash does nothing.
func (db *DB) Undelete(ctx context.Context, name string) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		s, err := findScenario(ctx, tx, name, false)
		if err != nil || !s.deleted {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE scenarios SET deleted_at = NULL WHERE id = ?`, s.id)
		return wrap(err, "Cannot restore the scenario "+s.name+" from the trash")
	})
}

// Purge removes the scenario name, all its revisions and its draft for good. Only a
// scenario in the trash can be purged (ECONFLICT otherwise). A purged
// built-in is not seeded again; RestoreBuiltin brings it back.
func (db *DB) Purge(ctx context.Context, name string) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		s, err := findScenario(ctx, tx, name, false)
		if err != nil {
			return err
		}
		if !s.deleted {
			return Errorf(ECONFLICT, "The scenario %q is not in the trash; delete it first", s.name)
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM scenarios WHERE id = ?`, s.id)
		return wrap(err, "Cannot purge the scenario "+s.name)
	})
}

// updateOffered is true, in a query over builtins b joined with a
// scenario's latest revision r, when a newer shipped body is offered.
const updateOffered = `(b.shipped_hash <> b.base_hash AND b.shipped_hash <> r.hash AND b.dismissed_hash IS NOT b.shipped_hash)`

// List returns the scenarios that filter selects, by name without regard
// to case.
func (db *DB) List(ctx context.Context, filter ListFilter) ([]Scenario, error) {
	q, err := db.reader()
	if err != nil {
		return nil, err
	}
	where := ""
	switch filter {
	case Active:
		where = "WHERE s.deleted_at IS NULL"
	case Trashed:
		where = "WHERE s.deleted_at IS NOT NULL"
	case All:
	default:
		return nil, Errorf(EINVALID, "Unknown list filter %d", filter)
	}
	rows, err := q.QueryContext(ctx, `SELECT s.id, s.name, COALESCE(s.builtin, ''), s.created, COALESCE(s.deleted_at, ''),
			r.number, r.hash, r.created, COALESCE(`+updateOffered+`, 0)
		FROM scenarios s
		JOIN revisions r ON r.scenario_id = s.id
			AND r.number = (SELECT MAX(number) FROM revisions WHERE scenario_id = s.id)
		LEFT JOIN builtins b ON b.stem = s.builtin
		`+where+`
		ORDER BY s.name_key`)
	if err != nil {
		return nil, wrap(err, "Cannot list the scenarios")
	}
	defer rows.Close()
	var out []Scenario
	for rows.Next() {
		var s Scenario
		var created, deleted, modified string
		if err := rows.Scan(&s.ID, &s.Name, &s.Builtin, &created, &deleted, &s.Revisions, &s.Hash, &modified, &s.UpdateAvailable); err != nil {
			return nil, wrap(err, "Cannot list the scenarios")
		}
		s.Created, s.Modified = parseTime(created), parseTime(modified)
		if deleted != "" {
			s.Deleted, s.DeletedAt = true, parseTime(deleted)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, wrap(err, "Cannot list the scenarios")
	}
	return out, nil
}

// Diff compares revisions a and b (0 = the latest) of the scenario name and
// returns the changes from a to b, field by field, in document order.
func (db *DB) Diff(ctx context.Context, name string, a, b int) ([]Change, error) {
	ra, err := db.Get(ctx, name, a)
	if err != nil {
		return nil, err
	}
	rb, err := db.Get(ctx, name, b)
	if err != nil {
		return nil, err
	}
	changes, err := DiffYAML(ra.Body, rb.Body)
	if err != nil {
		return nil, &Error{Code: EINVALID, Message: fmt.Sprintf("Cannot compare revisions %d and %d of %q", ra.Number, rb.Number, ra.Scenario), Err: err}
	}
	return changes, nil
}
