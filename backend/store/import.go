package store

import (
	"context"
	"database/sql"
)

// Doc is one document of an import: a scenario's name and body.
type Doc struct {
	Name string
	Body []byte
}

// Import stores every document in one transaction: a new scenario for a name not
// taken, a new revision (or nothing, when the body is unchanged) for one that exists.
// Drafts stay: an import is not the user's working copy.
// Either all documents are stored or none is. Names may not repeat within one import.
func (db *DB) Import(ctx context.Context, docs []Doc, message, author string) ([]*Revision, error) {
	seen := map[string]string{}
	for _, d := range docs {
		if err := validName(d.Name); err != nil {
			return nil, err
		}
		if err := validBody(d.Body); err != nil {
			return nil, err
		}
		if prev, dup := seen[nameKey(d.Name)]; dup {
			return nil, Errorf(EINVALID, "Two documents of one import are both named %q (and %q): give each scenario its own name", d.Name, prev)
		}
		seen[nameKey(d.Name)] = d.Name
	}
	revs := make([]*Revision, 0, len(docs))
	err := db.write(ctx, func(tx *sql.Tx) error {
		for _, d := range docs {
			s, err := findScenario(ctx, tx, d.Name, true)
			var r *Revision
			switch {
			case err == nil:
				// A draft stays: it is the user's unsaved work in a window, which an
				// import from a file must not wipe (the app's own save discards it).
				r, err = db.save(ctx, tx, s, d.Body, message, author)
			case ErrorCode(err) == ENOTFOUND:
				r, err = db.create(ctx, tx, d.Name, "", d.Body, message, author)
			}
			if err != nil {
				return err
			}
			revs = append(revs, r)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return revs, nil
}
