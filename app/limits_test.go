package app

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"dealmodel/backend/library"
	"dealmodel/backend/scenario"
	"dealmodel/backend/store"
)

// The API holds documents to the same 8 MiB as files, so that everything saved
// exports to a file that imports back.
func TestAPIRefusesDocumentsOverTheFileLimit(t *testing.T) {
	if store.MaxBodySize != scenario.MaxSize {
		t.Fatalf("the store keeps bodies up to %d bytes, files are at most %d", store.MaxBodySize, scenario.MaxSize)
	}
	s := newTestService(t)
	w, _ := open(t, s, "microsoft-cap")
	name := w.Name
	huge := w.Document + "description: \"" + strings.Repeat("x", 12<<20) + "\"\n"
	if _, err := s.Apply(huge, nil, "quarter"); err == nil || !strings.Contains(err.Error(), "at most 8 MiB") {
		t.Errorf("Apply of 12 MiB: %v", err)
	}
	if _, err := s.SaveScenario(name, huge, "", 0); err == nil || !strings.Contains(err.Error(), "at most 8 MiB") {
		t.Errorf("SaveScenario of 12 MiB: %v", err)
	}
	if _, err := s.ImportScenario("huge.yaml", huge); err == nil || !strings.Contains(err.Error(), "larger than 8 MiB") {
		t.Errorf("ImportScenario of 12 MiB: %v", err)
	}
	// Under the limit as sent, over it once written out: an edit that would grow
	// it is refused, and the document stays as it was (a description is held to
	// its own limit, far below the file's).
	long := strings.Repeat("y", scenario.MaxSize)
	ev, err := s.Apply(w.Document, []Edit{{Op: OpText, Path: "description", Value: long}}, "quarter")
	if err != nil || len(ev.Problems) != 1 || !strings.Contains(ev.Problems[0].Message, "at most 4000 fit") || len(ev.Document) > 100_000 {
		t.Errorf("Apply growing it past 8 MiB: %v", err)
	}
	hist, err := s.History(name)
	if err != nil || len(hist) != 1 {
		t.Errorf("history after refused saves: %d revisions, %v", len(hist), err)
	}
}

// A nesting bomb through the API is refused at once and leaves the service
// working.
func TestAPIRefusesNestingBomb(t *testing.T) {
	s := newTestService(t)
	bomb := "version: 1\nname: x\ndescription: " + strings.Repeat("[", 60_000) + "\n"
	start := time.Now()
	if _, err := s.ImportScenario("bomb.yaml", bomb); err == nil || !strings.Contains(err.Error(), "nest more than 64 deep") {
		t.Errorf("ImportScenario: %v", err)
	}
	if _, err := s.Evaluate(bomb, "quarter"); err == nil || !strings.Contains(err.Error(), "nest more than 64 deep") {
		t.Errorf("Evaluate: %v", err)
	}
	if took := time.Since(start); took > 20*time.Second {
		t.Errorf("took %v", took)
	}
	open(t, s, "briefing")
}

// Two services on one database file (two windows, or two `serve` processes) save
// from the same base revision at once, round after round: never both succeed.
func TestSaveRaceFromOneBaseNeverBothSucceed(t *testing.T) {
	a := newTestService(t)
	lb, err := library.Open(context.Background(), a.lib.DB.Path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lb.Close() })
	b := NewService(lb)
	w, _ := open(t, a, "microsoft-cap")
	base := w.Revision
	for round := 1; round <= 30; round++ {
		var wg sync.WaitGroup
		res := make([]*SaveResult, 2)
		errs := make([]error, 2)
		for i, s := range []*Service{a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ev, err := s.Apply(w.Document, []Edit{{Op: OpText, Path: "description", Value: fmt.Sprintf("round %d by %d", round, i)}}, "quarter")
				if err != nil {
					errs[i] = err
					return
				}
				res[i], errs[i] = s.SaveScenario(w.Name, ev.Document, "", base)
			}()
		}
		wg.Wait()
		wins := 0
		for i := range res {
			if errs[i] != nil {
				t.Fatalf("round %d: %v", round, errs[i])
			}
			if !res[i].Conflict {
				wins++
				base = res[i].Revision
			}
		}
		if wins != 1 {
			t.Fatalf("round %d: %d saves from one base succeeded", round, wins)
		}
	}
}
