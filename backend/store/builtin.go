package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// BuiltinAuthor is the author recorded on revisions that come from a
// built-in scenario shipped with Dealmodel.
const BuiltinAuthor = "Dealmodel"

// Builtin is a scenario shipped with Dealmodel.
type Builtin struct {
	Stem    string // the file stem, e.g. "briefing": the built-in's identity
	Name    string // the scenario name to seed it under
	Version string // shown to people; the body's hash decides what is new
	Body    []byte
}

// BuiltinUpdate is a built-in whose shipped body differs from the one the
// user's scenario came from.
type BuiltinUpdate struct {
	Stem        string `json:"stem"`
	Name        string `json:"name"`    // the user's scenario
	Version     string `json:"version"` // of the shipped body
	ShippedHash string `json:"shippedHash"`
	BaseHash    string `json:"baseHash"`   // the shipped body the scenario came from
	LatestHash  string `json:"latestHash"` // the scenario's latest revision
	// Edited is true when the user has changed the scenario since; taking
	// the update then replaces their edits in the latest revision (history
	// keeps them).
	Edited bool `json:"edited"`
}

func validStem(stem string) error {
	if stem == "" || len(stem) > 64 {
		return Errorf(EINVALID, "Bad built-in stem %q", stem)
	}
	for _, r := range stem {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '-' || r == '.') {
			return Errorf(EINVALID, "Bad built-in stem %q: use a-z, 0-9, '_', '-' and '.'", stem)
		}
	}
	return nil
}

// SeedBuiltins records the built-ins this program ships and creates the
// scenario of each one seen for the first time. A built-in seen before is
// never created again, even when its scenario was purged, and its scenario
// is never changed: a changed shipped body is only recorded, and offered by
// BuiltinUpdates. When a built-in's name is taken by another scenario it is
// seeded as "<name> (built-in)". SeedBuiltins returns the names of the
// scenarios it created.
func (db *DB) SeedBuiltins(ctx context.Context, builtins []Builtin) ([]string, error) {
	seen := map[string]bool{}
	for _, b := range builtins {
		if err := validStem(b.Stem); err != nil {
			return nil, err
		}
		if seen[b.Stem] {
			return nil, Errorf(EINVALID, "The built-in %q is listed twice", b.Stem)
		}
		seen[b.Stem] = true
		if err := validName(b.Name); err != nil {
			return nil, err
		}
		if err := validBody(b.Body); err != nil {
			return nil, err
		}
	}
	var created []string
	err := db.write(ctx, func(tx *sql.Tx) error {
		created = created[:0]
		for _, b := range builtins {
			name, err := db.seedOne(ctx, tx, b)
			if err != nil {
				return err
			}
			if name != "" {
				created = append(created, name)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return created, nil
}

func (db *DB) seedOne(ctx context.Context, tx *sql.Tx, b Builtin) (created string, err error) {
	h := Hash(b.Body)
	now := fmtTime(db.Now())
	var shipped, name, version string
	err = tx.QueryRowContext(ctx, `SELECT shipped_hash, name, version FROM builtins WHERE stem = ?`, b.Stem).Scan(&shipped, &name, &version)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		var id int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM scenarios WHERE builtin = ?`, b.Stem).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			created, err = db.freeName(ctx, tx, b.Name)
			if err != nil {
				return "", err
			}
			msg := "Built-in scenario"
			if b.Version != "" {
				msg += ", version " + b.Version
			}
			if _, err := db.create(ctx, tx, created, b.Stem, b.Body, msg, BuiltinAuthor); err != nil {
				return "", err
			}
		} else if err != nil {
			return "", wrap(err, "Cannot seed the built-in "+b.Stem)
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO builtins (stem, name, version, shipped_hash, shipped_body, base_hash, seen_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, b.Stem, b.Name, b.Version, h, b.Body, h, now)
		if err != nil {
			return "", wrap(err, "Cannot seed the built-in "+b.Stem)
		}
	case err != nil:
		return "", wrap(err, "Cannot read the built-in "+b.Stem)
	case shipped != h || name != b.Name || version != b.Version:
		_, err = tx.ExecContext(ctx, `UPDATE builtins SET name = ?, version = ?, shipped_hash = ?, shipped_body = ?, seen_at = ? WHERE stem = ?`,
			b.Name, b.Version, h, b.Body, now, b.Stem)
		if err != nil {
			return "", wrap(err, "Cannot record the built-in "+b.Stem)
		}
	}
	// A scenario that already is the shipped body has nothing to be offered.
	_, err = tx.ExecContext(ctx, `UPDATE builtins SET base_hash = shipped_hash
		WHERE stem = ? AND base_hash <> shipped_hash AND shipped_hash = (
			SELECT r.hash FROM scenarios s JOIN revisions r ON r.scenario_id = s.id
			WHERE s.builtin = builtins.stem ORDER BY r.number DESC LIMIT 1)`, b.Stem)
	return created, wrap(err, "Cannot record the built-in "+b.Stem)
}

// freeName returns name, or "<name> (built-in)", "<name> (built-in 2)", ...:
// the first that no scenario has.
func (db *DB) freeName(ctx context.Context, tx *sql.Tx, name string) (string, error) {
	for i := 1; ; i++ {
		cand := name
		switch {
		case i == 2:
			cand = name + " (built-in)"
		case i > 2:
			cand = fmt.Sprintf("%s (built-in %d)", name, i-1)
		}
		err := nameFree(ctx, tx, cand, 0)
		if err == nil {
			return cand, validName(cand)
		}
		if ErrorCode(err) != ECONFLICT {
			return "", err
		}
	}
}

// BuiltinUpdates lists the built-in scenarios (not in the trash) for which
// a newer shipped body is offered: its hash differs from the one the
// scenario came from, from the scenario's latest revision, and from an
// update the user dismissed.
func (db *DB) BuiltinUpdates(ctx context.Context) ([]BuiltinUpdate, error) {
	q, err := db.reader()
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT b.stem, s.name, b.version, b.shipped_hash, b.base_hash, r.hash
		FROM builtins b
		JOIN scenarios s ON s.builtin = b.stem AND s.deleted_at IS NULL
		JOIN revisions r ON r.scenario_id = s.id
			AND r.number = (SELECT MAX(number) FROM revisions WHERE scenario_id = s.id)
		WHERE `+updateOffered+`
		ORDER BY s.name_key`)
	if err != nil {
		return nil, wrap(err, "Cannot list the built-in updates")
	}
	defer rows.Close()
	var out []BuiltinUpdate
	for rows.Next() {
		var u BuiltinUpdate
		if err := rows.Scan(&u.Stem, &u.Name, &u.Version, &u.ShippedHash, &u.BaseHash, &u.LatestHash); err != nil {
			return nil, wrap(err, "Cannot list the built-in updates")
		}
		u.Edited = u.LatestHash != u.BaseHash
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, wrap(err, "Cannot list the built-in updates")
	}
	return out, nil
}

// builtinOf returns the built-in scenario name and its shipped body.
func builtinOf(ctx context.Context, tx *sql.Tx, name string) (*scenarioRow, []byte, string, error) {
	s, err := findScenario(ctx, tx, name, true)
	if err != nil {
		return nil, nil, "", err
	}
	if s.builtin == "" {
		return nil, nil, "", Errorf(EINVALID, "The scenario %q is not a built-in scenario", s.name)
	}
	var body []byte
	var version string
	err = tx.QueryRowContext(ctx, `SELECT shipped_body, version FROM builtins WHERE stem = ?`, s.builtin).Scan(&body, &version)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, "", Errorf(ENOTFOUND, "This version of Dealmodel does not ship the built-in %q", s.builtin)
	} else if err != nil {
		return nil, nil, "", wrap(err, "Cannot read the built-in "+s.builtin)
	}
	return s, body, version, nil
}

// takeShipped saves the shipped body of the built-in scenario name as its
// next revision and marks it as the body the scenario now comes from.
func (db *DB) takeShipped(ctx context.Context, name, message, author string) (*Revision, error) {
	var rev *Revision
	err := db.write(ctx, func(tx *sql.Tx) error {
		s, body, version, err := builtinOf(ctx, tx, name)
		if err != nil {
			return err
		}
		if version != "" {
			message += " (version " + version + ")"
		}
		if rev, err = db.save(ctx, tx, s, body, message, author); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE builtins SET base_hash = shipped_hash, dismissed_hash = NULL WHERE stem = ?`, s.builtin)
		return wrap(err, "Cannot record the built-in "+s.builtin)
	})
	return rev, err
}

// AcceptBuiltinUpdate saves the shipped body of the built-in scenario name
// as its next revision (history keeps what was there).
func (db *DB) AcceptBuiltinUpdate(ctx context.Context, name, author string) (*Revision, error) {
	return db.takeShipped(ctx, name, "Updated to the shipped version", author)
}

// DismissBuiltinUpdate stops offering the current shipped body of the
// built-in scenario name; a later, different one is offered again.
func (db *DB) DismissBuiltinUpdate(ctx context.Context, name string) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		s, _, _, err := builtinOf(ctx, tx, name)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE builtins SET dismissed_hash = shipped_hash WHERE stem = ?`, s.builtin)
		return wrap(err, "Cannot record the built-in "+s.builtin)
	})
}

// RestoreBuiltin brings back the shipped body of a built-in scenario. When
// the scenario name exists and is a built-in, the shipped body becomes its
// next revision (history is kept; Unchanged when it already is the shipped
// body). When no scenario is named name but a built-in shipped under that
// name was purged, it is created again.
func (db *DB) RestoreBuiltin(ctx context.Context, name, author string) (*Revision, error) {
	rev, err := db.takeShipped(ctx, name, "Restored the shipped version", author)
	if ErrorCode(err) != ENOTFOUND {
		return rev, err
	}
	notFound := err
	err = db.write(ctx, func(tx *sql.Tx) error {
		if _, err := findScenario(ctx, tx, name, false); err == nil {
			return notFound // in the trash, or a built-in no longer shipped
		}
		rows, err := tx.QueryContext(ctx, `SELECT b.stem, b.name, b.version, b.shipped_body FROM builtins b
			WHERE NOT EXISTS (SELECT 1 FROM scenarios s WHERE s.builtin = b.stem)`)
		if err != nil {
			return wrap(err, "Cannot read the built-ins")
		}
		var found *Builtin
		for rows.Next() {
			var b Builtin
			if err := rows.Scan(&b.Stem, &b.Name, &b.Version, &b.Body); err != nil {
				rows.Close()
				return wrap(err, "Cannot read the built-ins")
			}
			if nameKey(b.Name) == nameKey(name) {
				found = &b
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return wrap(err, "Cannot read the built-ins")
		}
		if found == nil {
			return notFound
		}
		msg := "Restored the shipped version"
		if found.Version != "" {
			msg += " (version " + found.Version + ")"
		}
		if rev, err = db.create(ctx, tx, found.Name, found.Stem, found.Body, msg, author); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE builtins SET base_hash = shipped_hash, dismissed_hash = NULL WHERE stem = ?`, found.Stem)
		return wrap(err, "Cannot record the built-in "+found.Stem)
	})
	return rev, err
}
