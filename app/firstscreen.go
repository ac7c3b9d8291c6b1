package app

import "time"

// FirstScreen is what the window shows when it opens, in one answer: the settings,
// the scenario list, and the scenario to open first with its evaluation, so that
// the first chart waits for one call, not one after another.
type FirstScreen struct {
	Settings  *Settings       `json:"settings"`
	Scenarios []ScenarioEntry `json:"scenarios"`
	// Workspace is the scenario opened first: the one open when the app last
	// closed, else the first built-in, else the first listed; nil when the
	// library is empty or it cannot be opened (OpenError says why).
	Workspace *Workspace `json:"workspace"`
	// Evaluation is Workspace's, in Period; nil with it.
	Evaluation *Evaluation `json:"evaluation"`
	// Period is the period Evaluation is in: the remembered one, else "quarter".
	Period string `json:"period"`
	// OpenError says why the scenario to open first (named by Name) could not be
	// opened or evaluated; the page then opens it as it would any other and
	// shows the failure in place.
	OpenError string `json:"openError,omitempty"`
	Name      string `json:"name"`
}

// FirstScreen returns the settings, the scenario list, and the scenario to open
// first with its evaluation. It fails only when the list cannot be read. The
// first call takes what PrepareFirstScreen computed, when that is recent.
func (s *Service) FirstScreen() (*FirstScreen, error) {
	s.mu.Lock()
	early := s.early
	s.early = nil
	s.mu.Unlock()
	if early != nil && s.now().Sub(early.at) <= maxEarlyAge {
		<-early.done
		return early.out, early.err
	}
	return s.firstScreen()
}

// earlyFirstScreen is a first screen computed before the page asked for it.
type earlyFirstScreen struct {
	at   time.Time
	done chan struct{}
	out  *FirstScreen
	err  error
}

// maxEarlyAge is how old a first screen computed ahead may be when the page asks
// for it. Older, the library may have changed meanwhile (a scenario imported from
// the command line while serve waited for a browser): it is computed again.
const maxEarlyAge = 5 * time.Second

// PrepareFirstScreen starts computing s's first screen, so that the page's first
// call finds it done: the window takes about a second to load the page, the answer
// about 0.1 s to compute, and the first chart waits for it. It returns a function
// that waits until that computation is done: the caller calls it before closing
// s's library, which a quick stop would otherwise close under the computation.
// (A function, not a method: every method of Service is bound to the page.)
func PrepareFirstScreen(s *Service) (wait func()) {
	e := &earlyFirstScreen{at: s.now(), done: make(chan struct{})}
	s.mu.Lock()
	s.early = e
	s.mu.Unlock()
	go func() {
		e.out, e.err = s.firstScreen()
		close(e.done)
	}()
	return func() { <-e.done }
}

func (s *Service) firstScreen() (out *FirstScreen, err error) {
	defer s.guard(&err)
	out = &FirstScreen{Period: "quarter"}
	if out.Settings, err = s.Settings(); err != nil {
		// Preferences are not worth failing the first screen over.
		out.Settings = &Settings{}
	}
	if p := out.Settings.Period; p == "quarter" || p == "year" {
		out.Period = p
	}
	if out.Scenarios, err = s.ListScenarios(); err != nil {
		return nil, err
	}
	out.Name = firstToOpen(out.Scenarios, out.Settings.LastScenario)
	if out.Name == "" {
		return out, nil
	}
	w, err := s.OpenScenario(out.Name)
	if err != nil {
		out.OpenError = err.Error()
		return out, nil
	}
	ev, err := s.Evaluate(w.Document, out.Period)
	if err != nil {
		out.OpenError = err.Error()
		return out, nil
	}
	out.Workspace, out.Evaluation = w, ev
	return out, nil
}

// firstToOpen is the scenario the window opens first: last (the one open when it
// last closed) when it is listed, else the first built-in, else the first.
func firstToOpen(list []ScenarioEntry, last string) string {
	for _, e := range list {
		if last != "" && e.Name == last {
			return e.Name
		}
	}
	for _, e := range list {
		if e.Builtin != "" {
			return e.Name
		}
	}
	if len(list) > 0 {
		return list[0].Name
	}
	return ""
}
