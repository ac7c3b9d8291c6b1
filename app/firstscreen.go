package app

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
// first with its evaluation. It fails only when the list cannot be read.
func (s *Service) FirstScreen() (out *FirstScreen, err error) {
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
