package app

import (
	"context"
	"sync"
	"time"

	"dealmodel/backend/library"
	"dealmodel/backend/store"
)

// draft is an autosaved working copy: the canonical document and when it was saved.
type draft struct {
	Body    []byte
	Updated time.Time
}

// draftStore keeps at most one draft per scenario name. Draft returns an error with
// the store's code ENOTFOUND when there is none.
type draftStore interface {
	SaveDraft(ctx context.Context, name string, body []byte) error
	Draft(ctx context.Context, name string) (*draft, error)
	DiscardDraft(ctx context.Context, name string) error
	// RenameDraft moves a draft with its scenario (a store keyed by scenario
	// moves it by itself and does nothing here).
	RenameDraft(ctx context.Context, oldName, newName string) error
}

// newDraftStore picks where drafts live: the library's database, so that a crash
// loses no edit; in memory for a service without a library (tests of the parts
// that need none).
func newDraftStore(lib *library.Library) draftStore {
	if lib == nil || lib.DB == nil {
		return &memoryDrafts{}
	}
	return storeDrafts{lib.DB}
}

// storeDrafts keeps drafts in the database, keyed by scenario: a rename carries
// the draft along and a save drops it in the same transaction.
type storeDrafts struct{ db *store.DB }

func (d storeDrafts) SaveDraft(ctx context.Context, name string, body []byte) error {
	return d.db.SaveDraft(ctx, name, body)
}

func (d storeDrafts) Draft(ctx context.Context, name string) (*draft, error) {
	v, err := d.db.Draft(ctx, name)
	if err != nil {
		return nil, err
	}
	return &draft{Body: v.Body, Updated: v.Updated}, nil
}

func (d storeDrafts) DiscardDraft(ctx context.Context, name string) error {
	return d.db.DiscardDraft(ctx, name)
}

func (storeDrafts) RenameDraft(context.Context, string, string) error { return nil }

// memoryDrafts keeps drafts in memory, keyed by name without regard to case as the
// store names scenarios.
type memoryDrafts struct {
	mu  sync.Mutex
	m   map[string]draft
	now func() time.Time
}

func draftKey(name string) string { return foldName(name) }

func (d *memoryDrafts) SaveDraft(_ context.Context, name string, body []byte) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.m == nil {
		d.m = map[string]draft{}
	}
	now := time.Now
	if d.now != nil {
		now = d.now
	}
	d.m[draftKey(name)] = draft{Body: append([]byte(nil), body...), Updated: now().UTC()}
	return nil
}

func (d *memoryDrafts) Draft(_ context.Context, name string) (*draft, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	v, ok := d.m[draftKey(name)]
	if !ok {
		return nil, store.Errorf(store.ENOTFOUND, "%q has no draft", name)
	}
	return &draft{Body: append([]byte(nil), v.Body...), Updated: v.Updated}, nil
}

func (d *memoryDrafts) DiscardDraft(_ context.Context, name string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	delete(d.m, draftKey(name))
	return nil
}

func (d *memoryDrafts) RenameDraft(_ context.Context, oldName, newName string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if v, ok := d.m[draftKey(oldName)]; ok {
		delete(d.m, draftKey(oldName))
		d.m[draftKey(newName)] = v
	}
	return nil
}
