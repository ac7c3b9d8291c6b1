package app

import (
	"encoding/json"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"dealmodel/backend/charts"
	"dealmodel/scenarios"
)

func newTestService(t *testing.T) *Service {
	t.Helper()
	s := NewService()
	s.Logger = log.New(testWriter{t}, "", 0)
	return s
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

func TestListScenarios(t *testing.T) {
	s := newTestService(t)
	got, err := s.ListScenarios()
	if err != nil {
		t.Fatal(err)
	}
	builtins := scenarios.All()
	if len(got) != len(builtins) || len(got) == 0 {
		t.Fatalf("%d scenarios listed, want the %d built-ins", len(got), len(builtins))
	}
	for i, info := range got {
		if info.Stem != builtins[i].Stem {
			t.Errorf("scenario %d = %q, want %q (built-in order)", i, info.Stem, builtins[i].Stem)
		}
		if info.Error != "" {
			t.Errorf("%s: %s", info.Stem, info.Error)
		}
		if info.Name == "" || info.Name == info.Stem || info.Description == "" {
			t.Errorf("%s: name %q, description %q: want the file's", info.Stem, info.Name, info.Description)
		}
	}
}

// TestComputeEveryBuiltin computes every built-in scenario by quarter and by year
// and checks what the UI relies on.
func TestComputeEveryBuiltin(t *testing.T) {
	s := newTestService(t)
	for _, b := range scenarios.All() {
		for _, period := range []string{"quarter", "year", ""} {
			c, err := s.Compute(b.Stem, period)
			if err != nil {
				t.Errorf("%s by %q: %v", b.Stem, period, err)
				continue
			}
			want := period
			if want == "" {
				want = "quarter"
			}
			if c.Period != want || c.Stem != b.Stem || c.Scenario == "" || len(c.Periods) == 0 {
				t.Errorf("%s by %q: period %q, stem %q, scenario %q, %d periods", b.Stem, period, c.Period, c.Stem, c.Scenario, len(c.Periods))
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
			}
			// The whole answer crosses the binding as JSON.
			if _, err := json.Marshal(c); err != nil {
				t.Errorf("%s: %v", b.Stem, err)
			}
		}
	}
}

func TestComputeCappedScenario(t *testing.T) {
	s := newTestService(t)
	c, err := s.Compute("microsoft-cap", "quarter")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, ch := range c.Charts {
		ids = append(ids, ch.ID)
	}
	if len(ids) == 0 || !strings.HasPrefix(ids[0], charts.RevenueSharePrefix) {
		t.Errorf("charts %v: want the revenue share first", ids)
	}
	var labels []string
	for _, f := range c.KeyFigures {
		labels = append(labels, f.Label)
		if f.Label == "Cap reached" && (f.Kind != FigureQuarter || f.Context == "") {
			t.Errorf("cap figure %+v", f)
		}
		if f.Kind == FigureAmount && !cents.MatchString(f.Value) {
			t.Errorf("%s = %q, want an exact amount with two decimals", f.ID, f.Value)
		}
	}
	if len(labels) < 2 || labels[0] != "Revenue share paid" || labels[1] != "Cap reached" {
		t.Errorf("key figures %v", labels)
	}
}

var cents = regexp.MustCompile(`^-?[0-9]+\.[0-9]{2}$`)

func TestComputeRejects(t *testing.T) {
	s := newTestService(t)
	if _, err := s.Compute("no-such-scenario", "quarter"); err == nil {
		t.Error("unknown scenario computed")
	}
	if _, err := s.Compute(scenarios.First, "month"); err == nil || !strings.Contains(err.Error(), "quarter") {
		t.Errorf("period month: %v, want an error naming the valid periods", err)
	}
}

func TestReportFirstChart(t *testing.T) {
	s := newTestService(t)
	if err := s.ReportFirstChart(12); err != nil {
		t.Fatalf("without a ready file: %v", err)
	}

	s = newTestService(t)
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
	s := newTestService(t)
	s.ReadyFile = filepath.Join(t.TempDir(), "missing", "ready")
	if err := s.ReportFirstChart(1); err != errInternal {
		t.Errorf("err = %v, want the internal error", err)
	}
}

func TestGuardTurnsPanicsIntoErrors(t *testing.T) {
	s := newTestService(t)
	f := func() (err error) {
		defer s.guard(&err)
		var m map[string]int
		m["boom"]++
		return nil
	}
	if err := f(); err != errInternal {
		t.Errorf("err = %v, want the internal error", err)
	}
}

func TestNopPlatform(t *testing.T) {
	s := NewService()
	s.platform().Emit("x", nil)
	if err := s.platform().OpenURL("https://example.com"); err != nil {
		t.Error(err)
	}
}
