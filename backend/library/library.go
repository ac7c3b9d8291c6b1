// Package library is the user's collection of scenarios: the store's documents read
// as scenarios. It parses and validates before anything is written, keeps bodies in
// canonical form, and seeds the built-in scenarios. The app and the command line both
// use it, so they behave alike.
package library

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	_ "dealmodel/backend/contract" // the contract types the scenarios it reads use
	"dealmodel/backend/fault"
	"dealmodel/backend/scenario"
	"dealmodel/backend/store"
	"dealmodel/scenarios"
)

// Library is an open collection of scenarios.
type Library struct {
	DB *store.DB
	// Seeded names the built-ins created by Open (on first run, or when a new
	// version ships one more).
	Seeded []string
	// described holds the built-ins' descriptions by the hash of their bodies,
	// known from seeding, so that listing them parses nothing.
	described map[string]string
}

// Open opens the database at path (store.DefaultPath when empty) and seeds the
// built-in scenarios it has not seen. A damaged database is moved aside by the store;
// db.Recovered then says so, and the caller tells the user.
func Open(ctx context.Context, path string) (*Library, error) {
	if path == "" {
		p, err := store.DefaultPath()
		if err != nil {
			return nil, err
		}
		path = p
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml", ".json":
		// Opening would move the file aside as "not a Dealmodel database".
		return nil, store.Errorf(store.EINVALID, "%s looks like a scenario file, not a database: to use it, import it (dealmodel scenarios import %s); --db names the database file", path, path)
	}
	db, err := store.Open(path)
	if err != nil {
		return nil, err
	}
	l := &Library{DB: db, described: map[string]string{}}
	builtins, descs, err := builtins()
	if err != nil {
		db.Close()
		return nil, err
	}
	for i, b := range builtins {
		l.described[store.Hash(b.Body)] = descs[i]
	}
	if l.Seeded, err = db.SeedBuiltins(ctx, builtins); err != nil {
		db.Close()
		return nil, err
	}
	return l, nil
}

// Close closes the database.
func (l *Library) Close() error { return l.DB.Close() }

// Builtins returns the shipped scenarios in canonical form, for seeding.
func Builtins() ([]store.Builtin, error) {
	out, _, err := builtins()
	return out, err
}

// builtins returns the shipped scenarios in canonical form and their descriptions.
func builtins() ([]store.Builtin, []string, error) {
	var out []store.Builtin
	var descs []string
	for _, b := range scenarios.All() {
		s, err := scenario.Parse(b.File, b.Data)
		if err != nil {
			return nil, nil, fault.Errorf(fault.Internal, "built-in scenario %s: %w", b.File, err)
		}
		body := scenario.Marshal(s)
		out = append(out, store.Builtin{Stem: b.Stem, Name: s.Name, Version: store.Hash(body)[:12], Body: body})
		descs = append(descs, s.Description)
	}
	return out, descs, nil
}

// Described returns the description of the scenario whose body has this hash
// (store.Hash), when it is a shipped built-in's: known without reading the body.
func (l *Library) Described(hash string) (string, bool) {
	d, ok := l.described[hash]
	return d, ok
}

// Load reads revision rev (0: the latest) of the named scenario. The stored name is
// authoritative: a scenario renamed in the library reads under its new name.
func (l *Library) Load(ctx context.Context, name string, rev int) (*scenario.Scenario, *store.Revision, error) {
	r, err := l.DB.Get(ctx, name, rev)
	if err != nil {
		return nil, nil, err
	}
	s, err := scenario.Parse(fmt.Sprintf("%s (revision %d)", r.Scenario, r.Number), r.Body)
	if err != nil {
		return nil, nil, store.Errorf(store.EINTERNAL, "Stored revision %d of %s no longer reads as a scenario: %v", r.Number, r.Scenario, err)
	}
	s.Name = r.Scenario
	return s, r, nil
}

// File is a scenario file to import.
type File struct {
	Name string // for error messages, and to tell JSON by its .json ending
	Data []byte
}

// Import parses every file, and stores them all only when all are valid: a new
// scenario for a new name, a new revision for a name that exists (never a silent
// overwrite: the earlier revisions stay). It returns one revision per file, in order.
// Invalid files give the parser's errors, every file's, and nothing is written.
func (l *Library) Import(ctx context.Context, files []File, message string) ([]*store.Revision, error) {
	docs := make([]store.Doc, 0, len(files))
	var errs scenario.ErrorList
	for _, f := range files {
		s, err := scenario.Parse(f.Name, f.Data)
		if err != nil {
			if el, ok := err.(*scenario.ErrorList); ok {
				errs.Errors = append(errs.Errors, el.Errors...)
				errs.Omitted += el.Omitted
				continue
			}
			return nil, err
		}
		docs = append(docs, store.Doc{Name: s.Name, Body: scenario.Marshal(s)})
	}
	if len(errs.Errors) > 0 {
		if n := len(errs.Errors); n > scenario.MaxErrors {
			errs.Omitted += n - scenario.MaxErrors
			errs.Errors = errs.Errors[:scenario.MaxErrors]
		}
		return nil, &errs
	}
	return l.DB.Import(ctx, docs, message, "")
}

// Save validates s and stores it as the next revision of the scenario named s.Name
// (created when new). An unchanged body writes nothing and says so (Unchanged).
func (l *Library) Save(ctx context.Context, s *scenario.Scenario, message string) (*store.Revision, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	revs, err := l.DB.Import(ctx, []store.Doc{{Name: s.Name, Body: scenario.Marshal(s)}}, message, "")
	if err != nil {
		return nil, err
	}
	return revs[0], nil
}

// Export returns revision rev (0: latest) as canonical YAML, which imports back to
// the identical scenario.
func (l *Library) Export(ctx context.Context, name string, rev int) ([]byte, error) {
	s, _, err := l.Load(ctx, name, rev)
	if err != nil {
		return nil, err
	}
	return scenario.Marshal(s), nil
}

// Rename renames a scenario, and records the new name inside it as a new revision,
// so that an export carries it.
func (l *Library) Rename(ctx context.Context, oldName, newName string) error {
	if err := l.DB.Rename(ctx, oldName, newName); err != nil {
		return err
	}
	s, _, err := l.Load(ctx, newName, 0)
	if err != nil {
		return err
	}
	// Through Import, which keeps the draft (a Save would discard it).
	if _, err = l.DB.Import(ctx, []store.Doc{{Name: newName, Body: scenario.Marshal(s)}}, fmt.Sprintf("Renamed from %q", oldName), ""); err != nil {
		return err
	}
	// The draft came along under the scenario; give it the new name too.
	d, err := l.DB.Draft(ctx, newName)
	if err != nil {
		if store.ErrorCode(err) == store.ENOTFOUND {
			return nil
		}
		return err
	}
	ds, err := scenario.Parse("draft", d.Body)
	if err != nil {
		return nil // a draft that no longer reads is kept as it is
	}
	ds.Name = newName
	return l.DB.SaveDraft(ctx, newName, scenario.Marshal(ds))
}

// Duplicate copies the latest revision of a scenario under a new name.
func (l *Library) Duplicate(ctx context.Context, name, newName string) (*store.Revision, error) {
	s, _, err := l.Load(ctx, name, 0)
	if err != nil {
		return nil, err
	}
	s.Name = newName
	return l.DB.Create(ctx, newName, scenario.Marshal(s), fmt.Sprintf("Copied from %q", name), "")
}

// Restore makes revision rev the latest again, as a new revision (history keeps
// everything). The scenario keeps its current name.
func (l *Library) Restore(ctx context.Context, name string, rev int) (*store.Revision, error) {
	s, r, err := l.Load(ctx, name, rev)
	if err != nil {
		return nil, err
	}
	return l.DB.Save(ctx, r.Scenario, scenario.Marshal(s), fmt.Sprintf("Restored revision %d", rev), "")
}
