package app

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"dealmodel/backend/contract"
	"dealmodel/backend/engine"
	"dealmodel/backend/fault"
	"dealmodel/backend/library"
	"dealmodel/backend/scenario"
	"dealmodel/backend/store"
	"dealmodel/backend/view"
)

// ScenarioEntry is one scenario of the library, as the list shows it.
type ScenarioEntry struct {
	Name string `json:"name"`
	// Builtin is the stem of the built-in it was seeded from, or "".
	Builtin     string `json:"builtin"`
	Description string `json:"description"`
	// Modified is when the latest revision was saved (RFC 3339, UTC).
	Modified  string `json:"modified"`
	Revisions int    `json:"revisions"`
	// HasDraft says an autosaved working copy differs from the latest revision.
	HasDraft bool `json:"hasDraft"`
	// UpdateAvailable says a newer version of the built-in has shipped.
	UpdateAvailable bool `json:"updateAvailable"`
}

// Workspace is an opened scenario: its working copy as canonical YAML.
type Workspace struct {
	Name     string `json:"name"`
	Builtin  string `json:"builtin"`
	Revision int    `json:"revision"`
	Document string `json:"document"`
	// Draft says Document is the autosaved draft, not the latest revision.
	Draft bool `json:"draft"`
	// DraftSaved is when the draft was autosaved (RFC 3339), when Draft.
	DraftSaved string `json:"draftSaved,omitempty"`
}

// Edit is one change to a working copy; docs/app-api.md lists the operations.
type Edit struct {
	Op    string `json:"op"`
	Path  string `json:"path"`
	Value string `json:"value"`
}

// Edit operations.
const (
	OpSet     = "set"
	OpQuarter = "quarter"
	OpEnable  = "enable"
	OpText    = "text"
	OpAdd     = "add"
	OpRemove  = "remove"
	// OpFollow moves the uncertainty range of the field at Path to its value,
	// keeping the range's shape relative to the value; Value is the value it was
	// written around (the value before an edit), or "" for the range's centre.
	OpFollow = "follow"
)

// Problem is why an edit was not applied, at the path it was meant for.
type Problem struct {
	Path    string `json:"path"`
	Message string `json:"message"`
}

// Evaluation is a working copy after edits: the document, its inputs, what it
// computes to, the edits that did not apply, and whether it differs from the latest
// saved revision. Everything in it comes from the one document, so figures and
// charts never disagree.
type Evaluation struct {
	Document    string       `json:"document"`
	Name        string       `json:"name"`
	Description string       `json:"description"`
	Groups      []InputGroup `json:"groups"`
	Inputs      []Input      `json:"inputs"`
	Computation *Computation `json:"computation"`
	Problems    []Problem    `json:"problems"`
	Dirty       bool         `json:"dirty"`
	// Facts are the source lines of the contracts and streams, each said to be
	// reported, unconfirmed or assumed (view.Facts), for the assumptions panel;
	// FactsAsOf is the latest date they cite, for people ("26 June 2026"), or "".
	Facts     []Fact `json:"facts"`
	FactsAsOf string `json:"factsAsOf"`
	// Placeholders are the texts still as a template wrote them ("Company",
	// "Placeholder from the template…"), to be replaced before the briefing goes out.
	Placeholders []Placeholder `json:"placeholders"`
	// State identifies the working copy and this evaluation of it, for Step.
	State string `json:"state"`
}

// Fact is one source line of a stream or contract: what it supports (Owner, the
// label; Path, streams.<id> or contracts.<id>), the line, and whether it is
// "reported", "unconfirmed" or "assumed".
type Fact struct {
	Owner  string `json:"owner"`
	Path   string `json:"path"`
	Text   string `json:"text"`
	Status string `json:"status"`
}

// Placeholder is a text still as a template wrote it: where (Path, the edit path),
// of what (Owner), which text (What: label, payer, payee, holder, source) and its
// value.
type Placeholder struct {
	Path  string `json:"path"`
	Owner string `json:"owner"`
	What  string `json:"what"`
	Value string `json:"value"`
}

// placeholdersOf lists sc's texts still as a template wrote them.
func placeholdersOf(sc *scenario.Scenario) []Placeholder {
	out := []Placeholder{}
	for _, p := range contract.Placeholders(sc) {
		out = append(out, Placeholder{Path: p.Path, Owner: p.Owner, What: p.What, Value: p.Value})
	}
	return out
}

// SaveResult is the revision a save wrote, or the latest one when nothing changed.
type SaveResult struct {
	Name      string `json:"name"`
	Revision  int    `json:"revision"`
	Unchanged bool   `json:"unchanged"`
	// Conflict says nothing was saved because Revision, the latest, was saved
	// after the revision the working copy was opened from; Message says so for
	// people. Saving again with Revision as the base makes the working copy the
	// latest (the other save stays in history).
	Conflict bool   `json:"conflict,omitempty"`
	Message  string `json:"message,omitempty"`
}

// RevisionInfo is one saved revision, as the history lists it.
type RevisionInfo struct {
	Number  int    `json:"number"`
	Time    string `json:"time"` // RFC 3339, UTC
	Author  string `json:"author"`
	Message string `json:"message"`
	Hash    string `json:"hash"`
	Size    int    `json:"size"`
}

// Change is one field-level difference between two revisions. Label names the field
// for people ("Revenue share to Microsoft: cap").
type Change struct {
	Path  string `json:"path"`
	Label string `json:"label"`
	Kind  string `json:"kind"` // added, removed, changed
	From  string `json:"from"`
	To    string `json:"to"`
	// Sentence says an added or removed contract or stream for people ("Added
	// commitment “AWS compute” (OpenAI → Amazon, 38B over 7 years …)"), in place
	// of its raw value; empty for other changes.
	Sentence string `json:"sentence,omitempty"`
}

// library returns the library, or an error when the service has none.
func (s *Service) library() (*library.Library, error) {
	if s.lib == nil || s.lib.DB == nil {
		return nil, errNoLibrary
	}
	return s.lib, nil
}

// ListScenarios lists the library's scenarios (not those in the trash), by name.
func (s *Service) ListScenarios() (out []ScenarioEntry, err error) {
	defer s.guard(&err)
	lib, err := s.library()
	if err != nil {
		return nil, err
	}
	ctx := s.ctx()
	list, err := lib.DB.List(ctx, store.Active)
	if err != nil {
		return nil, s.userError(err)
	}
	out = make([]ScenarioEntry, 0, len(list))
	for _, sc := range list {
		e := ScenarioEntry{
			Name:            sc.Name,
			Builtin:         sc.Builtin,
			Modified:        sc.Modified.UTC().Format(time.RFC3339),
			Revisions:       sc.Revisions,
			UpdateAvailable: sc.UpdateAvailable,
			Description:     s.description(sc.Name, sc.Hash),
		}
		if d, derr := s.drafts.Draft(ctx, sc.Name); derr == nil {
			e.HasDraft = store.Hash(d.Body) != sc.Hash
		}
		out = append(out, e)
	}
	return out, nil
}

// description is the description of a stored body, parsed once per hash.
func (s *Service) description(name, hash string) string {
	if d, ok := s.descs.get(hash); ok {
		return d
	}
	if d, ok := s.lib.Described(hash); ok {
		return d
	}
	sc, _, err := s.lib.Load(s.ctx(), name, 0)
	if err != nil {
		return ""
	}
	s.descs.put(hash, sc.Description)
	return sc.Description
}

// OpenScenario opens the latest revision of the named scenario, or its autosaved
// draft when there is one that differs from it.
func (s *Service) OpenScenario(name string) (w *Workspace, err error) {
	defer s.guard(&err)
	lib, err := s.library()
	if err != nil {
		return nil, err
	}
	ctx := s.ctx()
	sc, rev, err := lib.Load(ctx, name, 0)
	if err != nil {
		return nil, s.userError(err)
	}
	body := scenario.Marshal(sc)
	w = &Workspace{Name: rev.Scenario, Revision: rev.Number, Document: string(body), Builtin: s.builtinOf(rev.Scenario)}
	d, derr := s.drafts.Draft(ctx, rev.Scenario)
	switch {
	case derr == nil && store.Hash(d.Body) != store.Hash(body):
		if _, perr := s.parse(string(d.Body)); perr != nil {
			// A draft that no longer reads (a newer rule) is kept, not opened.
			s.logf("draft of %s does not read: %v", rev.Scenario, perr)
			break
		}
		w.Document, w.Draft, w.DraftSaved = string(d.Body), true, d.Updated.UTC().Format(time.RFC3339)
	case derr != nil && store.ErrorCode(derr) != store.ENOTFOUND:
		s.logf("draft of %s: %v", rev.Scenario, derr)
	}
	return w, nil
}

// builtinOf is the built-in stem of a stored scenario, or "".
func (s *Service) builtinOf(name string) string {
	list, err := s.lib.DB.List(s.ctx(), store.Active)
	if err != nil {
		return ""
	}
	for _, e := range list {
		if e.Name == name {
			return e.Builtin
		}
	}
	return ""
}

// Evaluate computes a working copy as it is (after opening, undo or redo, or a
// change of period).
func (s *Service) Evaluate(doc string, period string) (ev *Evaluation, err error) {
	defer s.guard(&err)
	defer s.fg.enter()()
	p, err := checkPeriod(period)
	if err != nil {
		return nil, err
	}
	e, err := s.parse(doc)
	if err != nil {
		return nil, err
	}
	if ev, err = s.evaluate(e, p, nil, nil); err != nil {
		return nil, err
	}
	return s.stamp(ev, e, p)
}

// Apply applies edits to a working copy in order, then evaluates it. An edit that
// does not apply (bad syntax, out of range, a rule broken) changes nothing and is
// reported in Problems at its path; the edits around it still apply.
func (s *Service) Apply(doc string, edits []Edit, period string) (ev *Evaluation, err error) {
	defer s.guard(&err)
	defer s.fg.enter()()
	p, err := checkPeriod(period)
	if err != nil {
		return nil, err
	}
	e, err := s.parse(doc)
	if err != nil {
		return nil, err
	}
	e, problems := s.applyEdits(e, edits)
	if ev, err = s.evaluate(e, p, problems, nil); err != nil {
		return nil, err
	}
	return s.stamp(ev, e, p)
}

// canonical is an edited scenario as a working copy. The scenario was validated
// edit by edit; its canonical form reads back to it (the tests check that against a
// fresh parse), so it is not parsed again: that would cost more than computing it.
func (s *Service) canonical(sc *scenario.Scenario) *parsed {
	raw := scenario.Marshal(sc)
	body := string(raw)
	if cached, ok := s.docs.get(body); ok {
		return cached
	}
	e := &parsed{doc: body, sc: sc, hash: store.Hash(raw)}
	s.docs.put(body, e)
	return e
}

// evaluate computes a parsed working copy and lists its inputs. While it differs
// from the latest saved revision, each key figure that moved says from what. build
// names the charts to draw (nil: every chart).
func (s *Service) evaluate(e *parsed, p engine.Period, problems []Problem, build map[string]bool) (*Evaluation, error) {
	saved, dirty, revision := s.saved(e)
	vf := view.Facts(e.sc)
	c, err := s.compute(e.sc, p, saved, build, vf)
	if err != nil {
		return nil, err
	}
	if !dirty {
		// The working copy is the saved revision: the first edit compares with this
		// summary, which it would otherwise read, parse and run again (about 40 ms
		// at 100 contracts, on the first slider move after opening).
		s.savedSums.prime(revision, c.res.Summary)
	}
	if problems == nil {
		problems = []Problem{}
	}
	groups, inputs := s.panel.inputsOf(e.sc)
	facts := []Fact{}
	for _, f := range vf {
		facts = append(facts, Fact{Owner: f.Owner, Path: f.Path, Text: f.Text, Status: string(f.Status)})
	}
	return &Evaluation{
		Facts:        facts,
		FactsAsOf:    view.FactsAsOf(e.sc),
		Placeholders: placeholdersOf(e.sc),
		Document:     e.doc,
		Name:         e.sc.Name,
		Description:  e.sc.Description,
		Groups:       groups,
		Inputs:       inputs,
		Computation:  c,
		Problems:     problems,
		Dirty:        dirty,
	}, nil
}

// saved says whether a working copy differs from the latest saved revision of the
// scenario it names and, when it does, returns that revision's summary by metric
// id (nil when there is none to compare with). When it does not, revision is the
// saved revision's hash.
func (s *Service) saved(e *parsed) (summary map[string]engine.Metric, dirty bool, revision string) {
	if s.lib == nil || s.lib.DB == nil {
		return nil, true, ""
	}
	// The latest revision's hash first: its body is read only when its summary
	// is not known yet, not on every edit.
	r, err := s.lib.DB.Latest(s.ctx(), e.sc.Name)
	if err != nil {
		return nil, true, ""
	}
	if r.Hash == e.hash {
		return nil, false, r.Hash
	}
	return s.savedSums.get(r.Hash, func() map[string]engine.Metric {
		r, err := s.lib.DB.Get(s.ctx(), e.sc.Name, r.Number)
		if err != nil {
			return nil
		}
		pe, err := s.parse(string(r.Body))
		if err != nil {
			return nil
		}
		res, err := engine.Run(pe.sc)
		if err != nil {
			return nil
		}
		m := make(map[string]engine.Metric, len(res.Summary))
		for _, x := range res.Summary {
			m[x.ID] = x
		}
		return m
	}), true, ""
}

// summaryCache holds the summary of the one saved revision the working copy is
// compared with, by its hash: every edit compares with the same revision.
type summaryCache struct {
	mu   sync.Mutex
	hash string
	m    map[string]engine.Metric
}

// prime holds summary as the revision's with hash, unless that revision's is held.
func (c *summaryCache) prime(hash string, summary []engine.Metric) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.hash == hash && c.m != nil {
		return
	}
	m := make(map[string]engine.Metric, len(summary))
	for _, x := range summary {
		m[x.ID] = x
	}
	c.hash, c.m = hash, m
}

func (c *summaryCache) get(hash string, compute func() map[string]engine.Metric) map[string]engine.Metric {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.hash != hash || c.m == nil {
		c.hash, c.m = hash, compute()
	}
	return c.m
}

// SaveDraft autosaves a working copy of the named scenario. A copy equal to the
// latest revision leaves no draft behind.
func (s *Service) SaveDraft(name, doc string) (err error) {
	defer s.guard(&err)
	if _, err := s.library(); err != nil {
		return err
	}
	e, err := s.parse(doc)
	if err != nil {
		return err
	}
	ctx := s.ctx()
	if r, gerr := s.lib.DB.Get(ctx, name, 0); gerr == nil && r.Hash == e.hash {
		return s.userError(s.drafts.DiscardDraft(ctx, name))
	}
	return s.userError(s.drafts.SaveDraft(ctx, name, []byte(e.doc)))
}

// DiscardDraft drops the autosaved draft of the named scenario, if any.
func (s *Service) DiscardDraft(name string) (err error) {
	defer s.guard(&err)
	if _, err := s.library(); err != nil {
		return err
	}
	return s.userError(s.drafts.DiscardDraft(s.ctx(), name))
}

// SaveScenario saves a working copy as the next revision of the named scenario,
// with an optional message, and drops its draft. When the working copy renames the
// scenario (its name field), the stored scenario is renamed first. base is the
// revision the working copy was opened from (0: not known): when another window or
// the command line has saved since, nothing is saved and the result says so, so
// that no one's save is silently superseded.
func (s *Service) SaveScenario(name, doc, message string, base int) (res *SaveResult, err error) {
	defer s.guard(&err)
	lib, err := s.library()
	if err != nil {
		return nil, err
	}
	e, err := s.parse(doc)
	if err != nil {
		return nil, err
	}
	ctx := s.ctx()
	sc := e.sc.Clone()
	newName := ""
	if sc.Name != name {
		newName = sc.Name
	}
	var rev *store.Revision
	if base > 0 || newName != "" {
		// The check against base, the rename and the revision in one
		// transaction: of two windows saving from one base, one wins and the
		// other is told.
		rev, err = lib.DB.SaveOnto(ctx, name, newName, base, scenario.Marshal(sc), strings.TrimSpace(message), "")
		var stale *store.Stale
		if errors.As(err, &stale) {
			latest := stale.Latest
			return &SaveResult{Name: latest.Scenario, Revision: latest.Number, Conflict: true,
				Message: fmt.Sprintf("Revision %d of %s was saved by %s at %s, after you opened revision %d. Nothing was saved; your edits are kept. Save again to make yours the latest (revision %d stays in the history).",
					latest.Number, latest.Scenario, latest.Author, latest.Created.Local().Format("15:04"), base, latest.Number)}, nil
		}
		if err != nil {
			return nil, s.userError(err)
		}
		if newName != "" {
			s.logErr(s.drafts.RenameDraft(ctx, name, sc.Name))
		}
	} else if rev, err = lib.Save(ctx, sc, strings.TrimSpace(message)); err != nil {
		return nil, s.userError(err)
	}
	s.logErr(s.drafts.DiscardDraft(ctx, rev.Scenario))
	return &SaveResult{Name: rev.Scenario, Revision: rev.Number, Unchanged: rev.Unchanged}, nil
}

// logErr logs a failure that must not fail the call (a draft left behind).
func (s *Service) logErr(err error) {
	if err != nil {
		s.logf("%v", err)
	}
}

// History lists the revisions of the named scenario, newest first.
func (s *Service) History(name string) (out []RevisionInfo, err error) {
	defer s.guard(&err)
	lib, err := s.library()
	if err != nil {
		return nil, err
	}
	revs, err := lib.DB.History(s.ctx(), name)
	if err != nil {
		return nil, s.userError(err)
	}
	out = make([]RevisionInfo, len(revs))
	for i, r := range revs {
		out[i] = RevisionInfo{Number: r.Number, Time: r.Created.UTC().Format(time.RFC3339), Author: r.Author, Message: r.Message, Hash: r.Hash, Size: r.Size}
	}
	return out, nil
}

// DiffRevisions lists the field-level changes from revision a to revision b (0: the
// latest) of the named scenario, each with a label for people.
func (s *Service) DiffRevisions(name string, a, b int) (out []Change, err error) {
	defer s.guard(&err)
	lib, err := s.library()
	if err != nil {
		return nil, err
	}
	ctx := s.ctx()
	changes, err := lib.DB.Diff(ctx, name, a, b)
	if err != nil {
		return nil, s.userError(err)
	}
	var scs []*scenario.Scenario
	var from, to *scenario.Scenario
	for _, rev := range []int{b, a} {
		if sc, _, lerr := lib.Load(ctx, name, rev); lerr == nil {
			scs = append(scs, sc)
			if rev == a {
				from = sc
			} else {
				to = sc
			}
		}
	}
	out = make([]Change, len(changes))
	for i, c := range changes {
		out[i] = Change{Path: c.Path, Label: labelPath(c.Path, scs...), Kind: string(c.Kind), From: c.From, To: c.To}
		switch c.Kind {
		case store.Added:
			out[i].Sentence = partSentence("Added", to, c.Path)
		case store.Removed:
			out[i].Sentence = partSentence("Removed", from, c.Path)
		}
	}
	return out, nil
}

// partSentence says a whole contract or stream at path of sc that a revision
// added or removed, or "" when path is not one (or sc could not be read).
func partSentence(verb string, sc *scenario.Scenario, path string) string {
	if sc == nil {
		return ""
	}
	if c, rest := sc.ContractAt(path); c != nil && rest == "" {
		return verb + " " + view.ContractPhrase(sc, c)
	}
	if st, rest := sc.StreamAt(path); st != nil && rest == "" {
		return verb + " stream “" + st.DisplayLabel() + "”"
	}
	return ""
}

// PreviewRevision computes revision rev of the named scenario as it was saved, for
// a read-only look (its key figures and inputs) that leaves the working copy as it
// is: nothing is stored, and the page does not edit it.
func (s *Service) PreviewRevision(name string, rev int, period string) (ev *Evaluation, err error) {
	defer s.guard(&err)
	lib, err := s.library()
	if err != nil {
		return nil, err
	}
	p, err := checkPeriod(period)
	if err != nil {
		return nil, err
	}
	if rev < 1 {
		return nil, fault.Errorf(fault.Invalid, "revision %d: revisions are numbered from 1", rev)
	}
	sc, _, err := lib.Load(s.ctx(), name, rev)
	if err != nil {
		return nil, s.userError(err)
	}
	e, err := s.parse(string(scenario.Marshal(sc)))
	if err != nil {
		return nil, err
	}
	return s.evaluate(e, p, nil, nil)
}

// RestoreRevision makes revision rev of the named scenario its latest again (a new
// revision: history keeps everything), drops its draft and opens it.
func (s *Service) RestoreRevision(name string, rev int) (w *Workspace, err error) {
	defer s.guard(&err)
	lib, err := s.library()
	if err != nil {
		return nil, err
	}
	ctx := s.ctx()
	r, err := lib.Restore(ctx, name, rev)
	if err != nil {
		return nil, s.userError(err)
	}
	s.logErr(s.drafts.DiscardDraft(ctx, r.Scenario))
	return s.OpenScenario(r.Scenario)
}

// DuplicateScenario copies the latest revision of a scenario under a new name (a
// free one is chosen when newName is empty).
func (s *Service) DuplicateScenario(name, newName string) (e *ScenarioEntry, err error) {
	defer s.guard(&err)
	lib, err := s.library()
	if err != nil {
		return nil, err
	}
	ctx := s.ctx()
	newName = strings.TrimSpace(newName)
	if newName == "" {
		if newName, err = s.freeName(name + " (copy)"); err != nil {
			return nil, err
		}
	}
	if _, err := lib.Duplicate(ctx, name, newName); err != nil {
		return nil, s.userError(err)
	}
	return s.entry(newName)
}

// SaveAsNew saves a working copy, unsaved edits and all, as revision 1 of a new
// scenario named newName (when empty, a free name after the working copy's own,
// "… (copy)"), and opens it. The scenario it came from is left as it is: its saved
// revisions and its draft. This is how a what-if is kept apart from the scenario it
// started from, a built-in in particular, which stays the reference.
func (s *Service) SaveAsNew(doc, newName, message string) (w *Workspace, err error) {
	defer s.guard(&err)
	lib, err := s.library()
	if err != nil {
		return nil, err
	}
	e, err := s.parse(doc)
	if err != nil {
		return nil, err
	}
	from := e.sc.Name
	newName = strings.TrimSpace(newName)
	if newName == "" {
		if newName, err = s.freeName(from + " (copy)"); err != nil {
			return nil, err
		}
	}
	sc := e.sc.Clone()
	sc.Name = newName
	if err := sc.Validate(); err != nil {
		return nil, err
	}
	message = strings.TrimSpace(message)
	if message == "" {
		message = "Saved as a new scenario from “" + from + "”"
	}
	if _, err := lib.DB.Create(s.ctx(), newName, scenario.Marshal(sc), message, ""); err != nil {
		return nil, s.userError(err)
	}
	return s.OpenScenario(newName)
}

// entry is the list entry of one scenario.
func (s *Service) entry(name string) (*ScenarioEntry, error) {
	list, err := s.ListScenarios()
	if err != nil {
		return nil, err
	}
	for i := range list {
		if strings.EqualFold(list[i].Name, name) {
			return &list[i], nil
		}
	}
	return nil, fault.Errorf(fault.NotFound, "no scenario is named %q", name)
}

// freeName is base, or base followed by the first number that makes it unused.
func (s *Service) freeName(base string) (string, error) {
	list, err := s.lib.DB.List(s.ctx(), store.All)
	if err != nil {
		return "", s.userError(err)
	}
	taken := map[string]bool{}
	for _, e := range list {
		taken[foldName(e.Name)] = true
	}
	base = truncateName(base)
	if !taken[foldName(base)] {
		return base, nil
	}
	for i := 2; ; i++ {
		n := truncateName(fmt.Sprintf("%s %d", base, i))
		if !taken[foldName(n)] {
			return n, nil
		}
	}
}

// truncateName keeps a generated name within the store's limit, leaving room for a
// number.
func truncateName(n string) string {
	r := []rune(n)
	if len(r) > store.MaxNameLen-4 {
		r = r[:store.MaxNameLen-4]
	}
	return strings.TrimSpace(string(r))
}

// foldName folds case as the store compares names (store.FoldName).
func foldName(name string) string { return store.FoldName(name) }

// RenameScenario renames a scenario; the new name is also recorded inside it as a
// new revision, so that an export carries it. Its draft follows it.
func (s *Service) RenameScenario(name, newName string) (err error) {
	defer s.guard(&err)
	lib, err := s.library()
	if err != nil {
		return err
	}
	ctx := s.ctx()
	newName = strings.TrimSpace(newName)
	// The library carries a stored draft along and writes the new name into it;
	// RenameDraft moves a draft kept in memory.
	if err := lib.Rename(ctx, name, newName); err != nil {
		return s.userError(err)
	}
	s.logErr(s.drafts.RenameDraft(ctx, name, newName))
	return nil
}

// DeleteScenario moves a scenario to the trash; UndeleteScenario takes it back.
func (s *Service) DeleteScenario(name string) (err error) {
	defer s.guard(&err)
	lib, err := s.library()
	if err != nil {
		return err
	}
	return s.userError(lib.DB.Delete(s.ctx(), name))
}

// UndeleteScenario takes a scenario out of the trash (the undo of DeleteScenario).
func (s *Service) UndeleteScenario(name string) (err error) {
	defer s.guard(&err)
	lib, err := s.library()
	if err != nil {
		return err
	}
	return s.userError(lib.DB.Undelete(s.ctx(), name))
}

// parsed is a working copy read once: the document, its scenario (never changed:
// clone it) and the hash of the document as the store would record it.
type parsed struct {
	doc  string
	sc   *scenario.Scenario
	hash string
}

// parse reads a working copy, from the cache when it was read recently. The UI sends
// the document back with every change, and parsing the largest built-in costs more
// than computing it.
func (s *Service) parse(doc string) (*parsed, error) {
	if e, ok := s.docs.get(doc); ok {
		return e, nil
	}
	sc, err := scenario.Parse("working copy", []byte(doc))
	if err != nil {
		var el *scenario.ErrorList
		if errors.As(err, &el) {
			return nil, fault.Errorf(fault.Invalid, "the working copy does not read as a scenario (reopen the scenario to continue):\n%w", err)
		}
		return nil, err
	}
	// The canonical form is what the store keeps and hashes; a document sent in
	// another form is evaluated as its canonical form.
	raw := scenario.Marshal(sc)
	canon := string(raw)
	if len(canon) > scenario.MaxSize {
		// It would save, but its export would not import back.
		return nil, fault.Errorf(fault.Invalid, "the working copy is larger than %d MiB once written out, the most a scenario file holds: shorten its texts", scenario.MaxSize>>20)
	}
	e := &parsed{doc: canon, sc: sc, hash: store.Hash(raw)}
	s.docs.put(doc, e)
	if canon != doc {
		s.docs.put(canon, e)
	}
	return e, nil
}

// docCache holds the most recently read working copies: the document being edited
// and its neighbours on the undo stack.
type docCache struct {
	mu    sync.Mutex
	m     map[string]*parsed
	order []string
	bytes int // of the documents held (each key, and a canonical form that differs)
}

// docCacheSize and docCacheBytes bound the cache: the undo stack of a scenario of
// ordinary size, without letting a few large documents hold much memory.
const (
	docCacheSize  = 64
	docCacheBytes = 32 << 20
)

func (c *docCache) get(doc string) (*parsed, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[doc]
	return e, ok
}

func (c *docCache) put(doc string, e *parsed) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]*parsed{}
	}
	if _, ok := c.m[doc]; ok {
		return
	}
	c.m[doc] = e
	c.order = append(c.order, doc)
	c.bytes += len(doc)
	for len(c.order) > 1 && (len(c.order) > docCacheSize || c.bytes > docCacheBytes) {
		delete(c.m, c.order[0])
		c.bytes -= len(c.order[0])
		c.order = c.order[1:]
	}
}

// descCache holds scenario descriptions by body hash, for the list.
type descCache struct {
	mu sync.Mutex
	m  map[string]string
}

func (c *descCache) get(hash string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	d, ok := c.m[hash]
	return d, ok
}

func (c *descCache) put(hash, desc string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]string{}
	}
	c.m[hash] = desc
}
