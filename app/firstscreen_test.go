package app

import (
	"encoding/json"
	"testing"
	"time"
)

// jsonOf is v as JSON, to compare answers whole.
func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// On a first start the first screen is the list, and the first built-in opened
// and evaluated by quarter: what the calls one after another answer.
func TestFirstScreenOfAFirstStart(t *testing.T) {
	s := newTestService(t)
	fs, err := s.FirstScreen()
	if err != nil {
		t.Fatal(err)
	}
	list, err := s.ListScenarios()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := jsonOf(t, fs.Scenarios), jsonOf(t, list); got != want {
		t.Fatalf("scenarios:\n%s\nwant\n%s", got, want)
	}
	if fs.Settings == nil || *fs.Settings != (Settings{}) || fs.Period != "quarter" || fs.OpenError != "" {
		t.Fatalf("settings %+v, period %q, open error %q", fs.Settings, fs.Period, fs.OpenError)
	}
	brief := builtinName(t, "briefing")
	if fs.Name != brief || fs.Workspace == nil || fs.Workspace.Name != brief || fs.Workspace.Builtin != "briefing" {
		t.Fatalf("opened %q: %+v", fs.Name, fs.Workspace)
	}
	w, ev := open(t, s, "briefing")
	if jsonOf(t, fs.Workspace) != jsonOf(t, w) {
		t.Fatalf("workspace %+v, want %+v", fs.Workspace, w)
	}
	if fs.Evaluation == nil || jsonOf(t, fs.Evaluation) != jsonOf(t, ev) {
		t.Fatal("the evaluation differs from Evaluate's of the same document")
	}
	// Its state is known, so the page's first edit goes as a step.
	st, err := s.Step(fs.Evaluation.State, []Edit{{Op: OpSet, Path: "contracts.msft_revshare.cap", Value: "45B"}}, "quarter", nil)
	if err != nil || st.Unknown {
		t.Fatalf("a step from the first screen's state: %+v, %v", st, err)
	}
}

// The scenario open when the app last closed comes back, with its draft, in the
// period last chosen; one no longer listed gives way to the first built-in.
func TestFirstScreenRemembers(t *testing.T) {
	s := newTestService(t)
	compute := builtinName(t, "compute")
	w, _ := open(t, s, "compute")
	ev, err := s.Apply(w.Document, []Edit{{Op: OpSet, Path: "contracts.aws_compute.total", Value: "40B"}}, "quarter")
	if err != nil || len(ev.Problems) > 0 {
		t.Fatalf("%v %+v", err, ev)
	}
	if err := s.SaveDraft(compute, ev.Document); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveSettings(Settings{LastScenario: compute, Period: "year"}); err != nil {
		t.Fatal(err)
	}
	fs, err := s.FirstScreen()
	if err != nil {
		t.Fatal(err)
	}
	if fs.Name != compute || fs.Period != "year" || fs.Workspace == nil || !fs.Workspace.Draft || fs.Workspace.Document != ev.Document {
		t.Fatalf("opened %q by %q: %+v", fs.Name, fs.Period, fs.Workspace)
	}
	if fs.Evaluation == nil || fs.Evaluation.Computation.Period != "year" || !fs.Evaluation.Dirty {
		t.Fatalf("evaluation %+v", fs.Evaluation)
	}

	if err := s.DeleteScenario(compute); err != nil {
		t.Fatal(err)
	}
	fs, err = s.FirstScreen()
	if err != nil {
		t.Fatal(err)
	}
	if fs.Name != builtinName(t, "briefing") || fs.Workspace == nil || fs.Period != "year" {
		t.Fatalf("after the last one was deleted: opened %q by %q", fs.Name, fs.Period)
	}
}

// With every scenario in the trash there is nothing to open: the list is empty
// and so is the rest.
func TestFirstScreenOfAnEmptyLibrary(t *testing.T) {
	s := newTestService(t)
	list, err := s.ListScenarios()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range list {
		if err := s.DeleteScenario(e.Name); err != nil {
			t.Fatal(err)
		}
	}
	fs, err := s.FirstScreen()
	if err != nil {
		t.Fatal(err)
	}
	if len(fs.Scenarios) != 0 || fs.Name != "" || fs.Workspace != nil || fs.Evaluation != nil || fs.OpenError != "" {
		t.Fatalf("%+v", fs)
	}
}

func TestFirstToOpen(t *testing.T) {
	list := []ScenarioEntry{{Name: "Mine"}, {Name: "Briefing", Builtin: "briefing"}, {Name: "Other"}}
	for _, c := range []struct{ last, want string }{
		{"Other", "Other"}, {"", "Briefing"}, {"Gone", "Briefing"},
	} {
		if got := firstToOpen(list, c.last); got != c.want {
			t.Errorf("last %q: %q, want %q", c.last, got, c.want)
		}
	}
	if got := firstToOpen(list[:1], ""); got != "Mine" {
		t.Errorf("no built-in: %q", got)
	}
	if got := firstToOpen(nil, "Mine"); got != "" {
		t.Errorf("empty: %q", got)
	}
}

// The wait PrepareFirstScreen returns holds until the first screen is computed,
// so that serve and the window close the library only after it: a quick stop
// had closed it under the computation (a race that go test -race caught in
// serve's test).
func TestPreparedFirstScreenWait(t *testing.T) {
	s := NewService(mustLibrary(t))
	wait := PrepareFirstScreen(s)
	s.mu.Lock()
	e := s.early
	s.mu.Unlock()
	wait()
	select {
	case <-e.done:
	default:
		t.Fatal("the wait returned before the first screen was computed")
	}
	if e.err != nil || e.out == nil || e.out.Evaluation == nil {
		t.Fatalf("prepared first screen: %+v, %v", e.out, e.err)
	}
}

// A first screen prepared ahead answers the page's first call as that call would
// have; a later call, or one long after it was prepared (the library may have
// changed meanwhile), is computed anew.
func TestPreparedFirstScreen(t *testing.T) {
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	lib := mustLibrary(t)
	s := NewService(lib)
	s.Now = func() time.Time { return now }
	PrepareFirstScreen(s)
	fs, err := s.FirstScreen()
	if err != nil {
		t.Fatal(err)
	}
	want, err := NewService(lib).FirstScreen()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := jsonOf(t, fs), jsonOf(t, want); got != want {
		t.Fatalf("prepared:\n%s\nasked:\n%s", got, want)
	}
	if fs.Evaluation == nil || fs.Workspace == nil || fs.Name != builtinName(t, "briefing") {
		t.Fatalf("prepared first screen opened %q: %+v", fs.Name, fs.Workspace)
	}

	// Prepared, then a scenario imported: the next call within the age sees the
	// prepared list, a later one the library as it is.
	listed := func(fs *FirstScreen, name string) bool {
		for _, e := range fs.Scenarios {
			if e.Name == name {
				return true
			}
		}
		return false
	}
	PrepareFirstScreen(s)
	if _, err := s.ImportScenario("later.yaml", "name: Imported later\nversion: 1\nstart: 2026Q1\nend: 2026Q4\n"); err != nil {
		t.Fatal(err)
	}
	now = now.Add(maxEarlyAge + time.Second)
	fs, err = s.FirstScreen()
	if err != nil {
		t.Fatal(err)
	}
	if !listed(fs, "Imported later") {
		t.Errorf("a first screen prepared %v before it was asked for was answered: %+v", maxEarlyAge+time.Second, fs.Scenarios)
	}
	again, err := s.FirstScreen()
	if err != nil {
		t.Fatal(err)
	}
	if !listed(again, "Imported later") {
		t.Error("a second call did not read the library")
	}
}
