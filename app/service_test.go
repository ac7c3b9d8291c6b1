package app

import (
	"encoding/json"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"dealmodel/backend/library"
	"dealmodel/backend/scenario"
	"dealmodel/scenarios"
)

// newTestService is a service over a fresh library in a temporary folder, with the
// built-ins seeded, logging into the test.
func newTestService(t *testing.T) *Service {
	t.Helper()
	s := NewService(mustLibrary(t))
	s.Logger = log.New(testWriter{t}, "", 0)
	return s
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// builtinName is the library name of a built-in scenario.
func builtinName(t *testing.T, stem string) string {
	t.Helper()
	bs, err := library.Builtins()
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bs {
		if b.Stem == stem {
			return b.Name
		}
	}
	t.Fatalf("no built-in %s", stem)
	return ""
}

// open opens a built-in and evaluates it by quarter.
func open(t *testing.T, s *Service, stem string) (*Workspace, *Evaluation) {
	t.Helper()
	w, err := s.OpenScenario(builtinName(t, stem))
	if err != nil {
		t.Fatal(err)
	}
	ev, err := s.Evaluate(w.Document, "quarter")
	if err != nil {
		t.Fatal(err)
	}
	return w, ev
}

var cents = regexp.MustCompile(`^-?[0-9]+\.[0-9]{2}$`)

// TestEvaluateEveryBuiltin opens and computes every built-in scenario by quarter and
// by year and checks what the UI relies on.
func TestEvaluateEveryBuiltin(t *testing.T) {
	s := newTestService(t)
	for _, b := range scenarios.All() {
		w, err := s.OpenScenario(builtinName(t, b.Stem))
		if err != nil {
			t.Fatalf("%s: %v", b.Stem, err)
		}
		if w.Draft || w.Revision != 1 || w.Builtin != b.Stem {
			t.Errorf("%s: workspace %+v", b.Stem, w)
		}
		for _, period := range []string{"quarter", "year", ""} {
			ev, err := s.Evaluate(w.Document, period)
			if err != nil {
				t.Errorf("%s by %q: %v", b.Stem, period, err)
				continue
			}
			c := ev.Computation
			want := period
			if want == "" {
				want = "quarter"
			}
			if c.Period != want || c.Scenario == "" || len(c.Periods) == 0 {
				t.Errorf("%s by %q: period %q, scenario %q, %d periods", b.Stem, period, c.Period, c.Scenario, len(c.Periods))
			}
			if want == "year" && len(c.Periods[0]) != 4 {
				t.Errorf("%s by year: first period %q", b.Stem, c.Periods[0])
			}
			if len(c.Charts) == 0 || len(c.KeyFigures) == 0 || len(c.Summary) == 0 {
				t.Errorf("%s by %q: %d charts, %d key figures, %d summary figures", b.Stem, period, len(c.Charts), len(c.KeyFigures), len(c.Summary))
			}
			for _, ch := range c.Charts {
				var opt map[string]any
				if err := json.Unmarshal(ch.Option, &opt); err != nil || opt["series"] == nil {
					t.Errorf("%s chart %s: option %v, %v", b.Stem, ch.ID, err, opt)
				}
			}
			for _, f := range append(c.KeyFigures, c.Summary...) {
				if f.Label == "" || (f.Value == "" && !f.Null) {
					t.Errorf("%s figure %s: label %q value %q", b.Stem, f.ID, f.Label, f.Value)
				}
				if f.Kind == FigureAmount && !cents.MatchString(f.Value) {
					t.Errorf("%s figure %s = %q, want an exact amount with two decimals", b.Stem, f.ID, f.Value)
				}
			}
			for _, f := range c.KeyFigures {
				if f.Explain == "" || f.Context == "" {
					t.Errorf("%s key figure %s has no explanation or context: %+v", b.Stem, f.ID, f)
				}
			}
			if ev.Dirty || len(ev.Problems) != 0 || ev.Document != w.Document || ev.Name != w.Name {
				t.Errorf("%s: dirty %v, problems %v, document changed %v", b.Stem, ev.Dirty, ev.Problems, ev.Document != w.Document)
			}
			// The whole answer crosses the binding as JSON.
			if _, err := json.Marshal(ev); err != nil {
				t.Errorf("%s: %v", b.Stem, err)
			}
		}
	}
}

func TestKeyFiguresOfTheBriefing(t *testing.T) {
	s := newTestService(t)
	_, ev := open(t, s, "briefing")
	var labels []string
	byLabel := map[string]Figure{}
	for _, f := range ev.Computation.KeyFigures {
		labels = append(labels, f.Label)
		byLabel[f.Label] = f
	}
	want := []string{"Paid to Microsoft", "Saved by the cap", "Cap reached", "Paid to OpenAI", "Compute committed", "Beyond the horizon", "Peak annual compute", "Microsoft's stake"}
	if strings.Join(labels, "|") != strings.Join(want, "|") {
		t.Fatalf("key figures %q, want %q", labels, want)
	}
	if f := byLabel["Cap reached"]; f.Kind != FigureQuarter || f.Value != "2029Q2" || !strings.Contains(f.Context, "$38.00B") {
		t.Errorf("cap figure %+v, want 2029Q2 for the $38B cap", f)
	}
	// The whole cap, and the $3.76B paid before it counted (2025Q1–2026Q1).
	if f := byLabel["Paid to Microsoft"]; f.Value != "41760000000.00" || !strings.Contains(f.Explain, "20%") {
		t.Errorf("paid figure %+v, want the whole cap and what was paid before it", f)
	}
	if f := byLabel["Beyond the horizon"]; f.Value == "0.00" || !strings.Contains(f.Context, "2032Q4") {
		t.Errorf("outside figure %+v", f)
	}
	if f := byLabel["Peak annual compute"]; !strings.HasPrefix(f.Context, "in 20") {
		t.Errorf("peak figure %+v, want the year", f)
	}
	if f := byLabel["Saved by the cap"]; f.Value != "70640000000.00" || f.Context != "of $112.40B uncapped" {
		t.Errorf("saving figure %+v, want $70.64B of $112.40B uncapped", f)
	}
	for _, f := range ev.Computation.KeyFigures {
		if f.Moved || f.Was != "" || f.Change != "" {
			t.Errorf("%s moved from %q by %q in a copy equal to the saved revision", f.Label, f.Was, f.Change)
		}
	}
}

// The question of the day: at $280B of 2030 revenue, when does the cap bind and
// how much does OpenAI save? The cards answer it and say how far each moved from
// the saved revision.
func TestKeyFiguresFollowAnEdit(t *testing.T) {
	s := newTestService(t)
	w, _ := open(t, s, "briefing")
	ev := apply(t, s, w.Document, Edit{OpSet, "streams.openai_revenue.annual.2030", "200B"})
	byLabel := map[string]Figure{}
	for _, f := range ev.Computation.KeyFigures {
		byLabel[f.Label] = f
	}
	if f := byLabel["Saved by the cap"]; f.Value != "54640000000.00" || !f.Moved || f.Was != "70640000000.00" || f.Change != "-16000000000.00" {
		t.Errorf("saving %+v, want $54.64B, down $16B from $70.64B", f)
	}
	if f := byLabel["Cap reached"]; f.Value != "2029Q2" || f.Moved || f.Change != "" {
		t.Errorf("cap %+v: the cap binds in 2029Q2 either way, so it did not move", f)
	}
	if f := byLabel["Paid to Microsoft"]; f.Moved {
		t.Errorf("paid %+v: the cap holds payments at $38B either way", f)
	}
	ev = apply(t, s, w.Document, Edit{OpSet, "contracts.msft_revshare.cap", "45B"})
	for _, f := range ev.Computation.KeyFigures {
		if f.Label == "Cap reached" && (f.Value != "2029Q3" || !f.Moved || f.Was != "2029Q2" || f.Change != "1") {
			t.Errorf("cap %+v, want 2029Q3, one quarter later than 2029Q2", f)
		}
	}
}

func TestChartsOfARevenueShare(t *testing.T) {
	s := newTestService(t)
	_, ev := open(t, s, "microsoft-cap")
	var ids []string
	for _, ch := range ev.Computation.Charts {
		ids = append(ids, ch.ID)
	}
	if len(ids) < 2 || !strings.HasPrefix(ids[0], "revenue_share.") || !strings.HasPrefix(ids[1], "cumulative_cap.") {
		t.Errorf("charts %v: want the revenue share, then its cumulative payments against the cap", ids)
	}
}

func TestPeriodRejected(t *testing.T) {
	s := newTestService(t)
	w, _ := open(t, s, "microsoft-cap")
	if _, err := s.Evaluate(w.Document, "month"); err == nil || !strings.Contains(err.Error(), "quarter") {
		t.Errorf("period month: %v, want an error naming the valid periods", err)
	}
	if _, err := s.Apply(w.Document, nil, "month"); err == nil {
		t.Error("Apply accepted the period month")
	}
}

func TestEvaluateRejectsADocumentThatDoesNotRead(t *testing.T) {
	s := newTestService(t)
	_, err := s.Evaluate("version: 1\nname: x\nstart: 2025Q9\n", "quarter")
	if err == nil || !strings.Contains(err.Error(), "reopen") || !strings.Contains(err.Error(), "start") {
		t.Errorf("err = %v, want the parser's messages and what to do", err)
	}
}

func TestServiceWithoutLibrary(t *testing.T) {
	s := NewService(nil)
	if _, err := s.ListScenarios(); err != errNoLibrary {
		t.Errorf("ListScenarios: %v", err)
	}
	// Evaluating needs no library; a working copy is then always unsaved.
	b, _ := scenarios.ByStem("microsoft-cap")
	sc, err := scenario.Parse(b.File, b.Data)
	if err != nil {
		t.Fatal(err)
	}
	ev, err := s.Evaluate(string(scenario.Marshal(sc)), "year")
	if err != nil || !ev.Dirty {
		t.Errorf("Evaluate: %v, dirty %v", err, ev != nil && ev.Dirty)
	}
}

func TestReportFirstChart(t *testing.T) {
	s := NewService(nil)
	if err := s.ReportFirstChart(12); err != nil {
		t.Fatalf("without a ready file: %v", err)
	}

	s = NewService(nil)
	s.ReadyFile = filepath.Join(t.TempDir(), "ready")
	if err := s.ReportFirstChart(812.4); err != nil {
		t.Fatal(err)
	}
	if err := s.ReportFirstChart(999); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(s.ReadyFile)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != "first-chart 812ms\n" {
		t.Errorf("ready file = %q, want the first report only", b)
	}
}

func TestReportFirstChartUnwritable(t *testing.T) {
	s := NewService(nil)
	s.Logger = log.New(testWriter{t}, "", 0)
	s.ReadyFile = filepath.Join(t.TempDir(), "missing", "ready")
	if err := s.ReportFirstChart(1); err != errInternal {
		t.Errorf("err = %v, want the internal error", err)
	}
}

func TestGuardTurnsPanicsIntoErrors(t *testing.T) {
	s := NewService(nil)
	s.Logger = log.New(testWriter{t}, "", 0)
	f := func() (err error) {
		defer s.guard(&err)
		var m map[string]int
		//lint:ignore SA5000 the test needs a panic to guard
		m["boom"]++
		return nil
	}
	if err := f(); err != errInternal {
		t.Errorf("err = %v, want the internal error", err)
	}
}

func TestNopPlatform(t *testing.T) {
	s := NewService(nil)
	s.platform().Emit("x", nil)
	if err := s.platform().OpenURL("https://example.com"); err != nil {
		t.Error(err)
	}
}

// briefingDoc is the canonical document of the largest built-in scenario.
func briefingDoc(tb testing.TB) string {
	tb.Helper()
	b, _ := scenarios.ByStem("briefing")
	sc, err := scenario.Parse(b.File, b.Data)
	if err != nil {
		tb.Fatal(err)
	}
	return string(scenario.Marshal(sc))
}
