package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"time"
)

// Draft is the autosaved working copy of a scenario: what the user was
// editing and has not saved as a revision yet.
type Draft struct {
	Body    []byte    `json:"-"`
	Updated time.Time `json:"updated"`
}

// SaveDraft stores body as the draft of the scenario name, replacing the
// draft it had. It returns once the draft is on disk, as Save does, so that
// a crash or a power cut right after an autosave loses nothing typed before
// it. Unlike a revision a draft keeps no history: it is only the latest
// working copy. The scenario must exist and not be in the trash.
func (db *DB) SaveDraft(ctx context.Context, name string, body []byte) error {
	if err := validBody(body); err != nil {
		return err
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		s, err := findScenario(ctx, tx, name, true)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO drafts (scenario_id, body, updated) VALUES (?, ?, ?)
			ON CONFLICT (scenario_id) DO UPDATE SET body = excluded.body, updated = excluded.updated`,
			s.id, body, fmtTime(db.Now()))
		return wrap(err, "Cannot keep the draft of "+s.name)
	})
}

// Draft returns the draft of the scenario name. It fails with ENOTFOUND
// when the scenario has none (or does not exist, or is in the trash).
func (db *DB) Draft(ctx context.Context, name string) (*Draft, error) {
	q, err := db.reader()
	if err != nil {
		return nil, err
	}
	s, err := findScenario(ctx, q, name, true)
	if err != nil {
		return nil, err
	}
	var d Draft
	var updated string
	err = q.QueryRowContext(ctx, `SELECT body, updated FROM drafts WHERE scenario_id = ?`, s.id).Scan(&d.Body, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Errorf(ENOTFOUND, "The scenario %q has no unsaved draft", s.name)
	} else if err != nil {
		return nil, wrap(err, "Cannot read the draft of "+s.name)
	}
	d.Body = bytes.Clone(d.Body)
	d.Updated = parseTime(updated)
	return &d, nil
}

// DiscardDraft deletes the draft of the scenario name. Discarding when
// there is no draft does nothing; the scenario must exist.
func (db *DB) DiscardDraft(ctx context.Context, name string) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		s, err := findScenario(ctx, tx, name, true)
		if err != nil {
			return err
		}
		return clearDraft(ctx, tx, s)
	})
}

// clearDraft deletes the draft of s inside a write transaction: a save
// calls it so that the saved revision and the end of the draft commit
// together.
func clearDraft(ctx context.Context, tx *sql.Tx, s *scenarioRow) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM drafts WHERE scenario_id = ?`, s.id)
	return wrap(err, "Cannot discard the draft of "+s.name)
}
