package app

import (
	"errors"
	"path/filepath"
	"strings"

	"dealmodel/backend/fault"
	"dealmodel/backend/library"
	"dealmodel/backend/scenario"
	"dealmodel/backend/store"
)

// maxImportSize is the largest scenario file Import reads: what the store keeps.
// Checked before parsing, so a wrong file (a video picked by mistake) is refused
// at once instead of being parsed as YAML.
const maxImportSize = store.MaxBodySize

// ImportResult is a scenario file stored in the library and opened.
type ImportResult struct {
	// Workspace is the imported scenario, opened: its latest revision, which is
	// the file's content.
	Workspace *Workspace `json:"workspace"`
	// Created says the file made a new scenario; otherwise it became a new
	// revision of the one with its name (or, with Unchanged, the latest revision
	// already held it and nothing was written).
	Created   bool `json:"created"`
	Unchanged bool `json:"unchanged"`
}

// ImportScenario stores a scenario file's text in the library and opens it. The
// page reads the file (the browser mode has no file dialog the service could
// open, and a path would mean nothing to the server), so the service gets its
// name and text. The file is validated as the command line's import does, with
// the parser's errors (file, line and column) when it does not read. A file
// whose scenario name exists becomes a new revision of that scenario, never an
// overwrite: the earlier revisions stay in its history, and its autosaved draft
// is dropped as a restore drops it, since the draft was an edit of an older
// revision.
func (s *Service) ImportScenario(filename, text string) (out *ImportResult, err error) {
	defer s.guard(&err)
	lib, err := s.library()
	if err != nil {
		return nil, err
	}
	// Only the base name: it names the file in the parser's messages and in the
	// revision's message, and the page's path (if any) is not ours to record.
	name := filepath.Base(strings.ReplaceAll(strings.TrimSpace(filename), `\`, "/"))
	if name == "." || name == "/" {
		name = "scenario file"
	}
	switch ext := strings.ToLower(filepath.Ext(name)); ext {
	case ".yaml", ".yml", ".json":
	default:
		return nil, fault.Errorf(fault.Invalid, "%s: pick a scenario file (.yaml, .yml or .json)", name)
	}
	if strings.TrimSpace(text) == "" {
		return nil, fault.Errorf(fault.Invalid, "%s is empty: pick a scenario file, which starts with version: 1", name)
	}
	if len(text) > maxImportSize {
		return nil, fault.Errorf(fault.Invalid, "%s is larger than %d MiB: it cannot be a scenario file", name, maxImportSize>>20)
	}
	ctx := s.ctx()
	revs, err := lib.Import(ctx, []library.File{{Name: name, Data: []byte(text)}}, "Imported from "+name)
	if err != nil {
		var el *scenario.ErrorList
		if errors.As(err, &el) {
			return nil, err
		}
		return nil, s.userError(err)
	}
	r := revs[0]
	s.logErr(s.drafts.DiscardDraft(ctx, r.Scenario))
	w, err := s.OpenScenario(r.Scenario)
	if err != nil {
		return nil, err
	}
	return &ImportResult{Workspace: w, Created: r.Number == 1 && !r.Unchanged, Unchanged: r.Unchanged}, nil
}
