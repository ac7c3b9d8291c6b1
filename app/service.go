// Package app is the application layer: the services bound to the UI, the desktop
// window and its lifecycle. Its methods return plain structs that JSON well and
// errors, never panics, so that the desktop window and the browser mode can serve
// them alike.
package app

import (
	"errors"
	"fmt"
	"log"
	"os"
	"strconv"
	"sync"
	"time"

	"dealmodel/backend/charts"
	"dealmodel/backend/engine"
	"dealmodel/backend/money"
	"dealmodel/backend/scenario"
	"dealmodel/scenarios"
)

// ScenarioInfo describes a scenario the user can open.
type ScenarioInfo struct {
	Stem        string `json:"stem"`
	Name        string `json:"name"`
	Description string `json:"description"`
	// Error is set when the scenario cannot be read; the list still shows it.
	Error string `json:"error,omitempty"`
}

// Figure is one summary figure. Value is exact: an amount with two decimals
// ("38000000000.00"), a quarter ("2029Q2") or a year ("2030"); empty when Null.
type Figure struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	// Context says what the figure is about, for key figures ("Revenue share to
	// Microsoft").
	Context string `json:"context,omitempty"`
	Kind    string `json:"kind"` // FigureAmount, FigureQuarter or FigureYear
	Value   string `json:"value"`
	Null    bool   `json:"null"`
	// Note says what a null value means ("not reached").
	Note string `json:"note,omitempty"`
}

// Figure kinds.
const (
	FigureAmount  = "amount"
	FigureQuarter = "quarter"
	FigureYear    = "year"
)

// Computation is a computed scenario, as the UI shows it.
type Computation struct {
	Stem     string   `json:"stem"`
	Scenario string   `json:"scenario"`
	Period   string   `json:"period"`
	Periods  []string `json:"periods"`
	// KeyFigures are the few figures shown across the top; Summary holds them all.
	KeyFigures []Figure       `json:"keyFigures"`
	Summary    []Figure       `json:"summary"`
	Charts     []charts.Chart `json:"charts"`
}

// Service is the scenario service bound to the UI.
type Service struct {
	// Platform is the window system; nil means none (NopPlatform).
	Platform Platform
	// ReadyFile, when set, receives a line when the UI reports its first drawn
	// chart: the desktop smoke test waits for it.
	ReadyFile string
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Logger receives errors that users only see as "internal error"; nil: the
	// standard logger.
	Logger *log.Logger

	mu         sync.Mutex
	firstChart time.Duration
}

// NewService returns a service with no platform yet.
func NewService() *Service { return &Service{} }

func (s *Service) platform() Platform {
	if s.Platform == nil {
		return NopPlatform{}
	}
	return s.Platform
}

func (s *Service) logf(format string, args ...any) {
	if s.Logger != nil {
		s.Logger.Printf(format, args...)
		return
	}
	log.Printf(format, args...)
}

// errInternal is what users see of a failure that is not theirs; the detail is
// logged.
var errInternal = errors.New("internal error: the details are in the log")

// guard turns a panic into an internal error, so nothing panics across the binding.
func (s *Service) guard(err *error) {
	if v := recover(); v != nil {
		s.logf("panic: %v", v)
		*err = errInternal
	}
}

// ListScenarios returns the built-in scenarios, in their stem order.
func (s *Service) ListScenarios() (out []ScenarioInfo, err error) {
	defer s.guard(&err)
	out = []ScenarioInfo{}
	for _, b := range scenarios.All() {
		info := ScenarioInfo{Stem: b.Stem, Name: b.Stem}
		sc, perr := scenario.Parse(b.File, b.Data)
		if perr != nil {
			info.Error = perr.Error()
		} else {
			info.Name, info.Description = sc.Name, sc.Description
		}
		out = append(out, info)
	}
	return out, nil
}

// Compute runs the built-in scenario with the stem and returns its key figures,
// summary and charts, by quarter (period "quarter" or "") or by year ("year").
func (s *Service) Compute(stem string, period string) (c *Computation, err error) {
	defer s.guard(&err)
	b, ok := scenarios.ByStem(stem)
	if !ok {
		return nil, fmt.Errorf("no built-in scenario %q", stem)
	}
	if period != "" && period != string(engine.Quarterly) && period != string(engine.Yearly) {
		return nil, fmt.Errorf("period %q: use %q or %q", period, engine.Quarterly, engine.Yearly)
	}
	sc, err := scenario.Parse(b.File, b.Data)
	if err != nil {
		return nil, err
	}
	res, err := engine.Run(sc)
	if err != nil {
		return nil, err
	}
	if period == string(engine.Yearly) {
		res = res.ByYear()
	}
	chs, err := charts.All(res, sc)
	if err != nil {
		s.logf("charts for %s: %v", stem, err)
		return nil, errInternal
	}
	summary := make([]Figure, len(res.Summary))
	for i := range res.Summary {
		summary[i] = figure(&res.Summary[i])
	}
	return &Computation{
		Stem:       stem,
		Scenario:   res.Scenario,
		Period:     string(res.Period),
		Periods:    res.Periods,
		KeyFigures: keyFigures(sc, res),
		Summary:    summary,
		Charts:     chs,
	}, nil
}

// ReportFirstChart is called by the UI once it has drawn its first charts, with the
// milliseconds since it started loading. It is logged, and written to ReadyFile
// when that is set.
func (s *Service) ReportFirstChart(ms float64) (err error) {
	defer s.guard(&err)
	s.mu.Lock()
	first := s.firstChart == 0
	if first {
		s.firstChart = time.Duration(ms * float64(time.Millisecond))
	}
	s.mu.Unlock()
	if !first || s.ReadyFile == "" {
		return nil
	}
	line := fmt.Sprintf("first-chart %.0fms\n", ms)
	if err := os.WriteFile(s.ReadyFile, []byte(line), 0o644); err != nil {
		s.logf("ready file: %v", err)
		return errInternal
	}
	return nil
}

// figure converts a metric, with amounts rounded to cents for display.
func figure(m *engine.Metric) Figure {
	f := Figure{ID: m.ID, Label: m.Label}
	switch m.Kind {
	case engine.QuarterValue:
		f.Kind = FigureQuarter
		if m.Null {
			f.Null, f.Note = true, "not reached"
		} else {
			f.Value = m.Quarter.String()
		}
	case engine.YearValue:
		f.Kind = FigureYear
		f.Value = strconv.Itoa(m.Quarter.Year())
	default:
		f.Kind = FigureAmount
		f.Value = money.Cents(m.Amount)
	}
	return f
}

// keyFigures picks what a briefing leads with: for each revenue share what is paid
// and when the cap binds, then what is committed to compute, then each stake's
// value at the end.
func keyFigures(sc *scenario.Scenario, r *engine.Result) []Figure {
	out, stakes := []Figure{}, []Figure{}
	add := func(list *[]Figure, id, label, context string) {
		if m := r.MetricByID(id); m != nil {
			f := figure(m)
			f.Label, f.Context = label, context
			*list = append(*list, f)
		}
	}
	for i := range sc.Contracts {
		c := &sc.Contracts[i]
		if !c.Enabled {
			continue
		}
		p := "contract." + c.ID
		switch c.Type {
		case scenario.TypeRevenueShare:
			add(&out, p+".total_paid", "Revenue share paid", c.DisplayLabel())
			if c.Cap != nil {
				add(&out, p+".cap_hit", "Cap reached", c.DisplayLabel()+", cap "+money.Short(*c.Cap))
			}
		case scenario.TypeEquity:
			add(&stakes, p+".value_at_end", "Stake value at end", c.DisplayLabel())
		}
	}
	if m := r.MetricByID("total.commitments.total_paid"); m != nil {
		add(&out, "total.commitments.committed", "Compute committed",
			money.Short(m.Amount)+" of it paid by "+r.Periods[len(r.Periods)-1])
	}
	return append(out, stakes...)
}
