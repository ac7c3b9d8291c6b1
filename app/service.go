// Package app is the application layer: the services bound to the UI, the desktop
// window and its lifecycle. Its methods return plain structs that JSON well and
// errors, never panics, so that the desktop window and the browser mode can serve
// them alike. docs/app-api.md is the contract of the bound service.
package app

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"strconv"
	"sync"
	"time"

	"dealmodel/backend/charts"
	"dealmodel/backend/engine"
	"dealmodel/backend/fault"
	"dealmodel/backend/library"
	"dealmodel/backend/money"
	"dealmodel/backend/scenario"
	"dealmodel/backend/store"
	"dealmodel/backend/view"
)

// Figure is one summary figure. Value is exact: an amount with two decimals
// ("38000000000.00"), a quarter ("2029Q2") or a year ("2030"); empty when Null.
type Figure struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	// Context says what the figure is about, for key figures ("Revenue share to
	// Microsoft").
	Context string `json:"context,omitempty"`
	// Explain is one sentence on what the figure means, shown on hover.
	Explain string `json:"explain,omitempty"`
	Kind    string `json:"kind"` // FigureAmount, FigureQuarter or FigureYear
	Value   string `json:"value"`
	Null    bool   `json:"null"`
	// Note says what a null value means ("not reached").
	Note string `json:"note,omitempty"`
	// Moved says the key figure differs from the latest saved revision (set only
	// while the working copy has unsaved changes); Was is the saved value, as
	// Value (empty when WasNull: it was not reached).
	Moved   bool   `json:"moved,omitempty"`
	Was     string `json:"was,omitempty"`
	WasNull bool   `json:"wasNull,omitempty"`
	// Change is how far the figure moved from Was: for amounts the exact
	// difference with two decimals ("16000000000.00", "-2500000000.00"), for
	// quarters and years the number of quarters later ("2", "-1"), empty when the
	// figure appeared or vanished.
	Change string `json:"change,omitempty"`
	// Unconfirmed lists the unconfirmed facts a key figure rests on ("Revenue share
	// to Microsoft: Cap $38B …"), the same classification as the PDF's caveats.
	Unconfirmed []string `json:"unconfirmed,omitempty"`
}

// Figure kinds.
const (
	FigureAmount  = "amount"
	FigureQuarter = "quarter"
	FigureYear    = "year"
)

// Computation is a computed scenario, as the UI shows it.
type Computation struct {
	Scenario string   `json:"scenario"`
	Period   string   `json:"period"`
	Periods  []string `json:"periods"`
	// KeyFigures are the few figures shown across the top; Summary holds them all.
	KeyFigures []Figure       `json:"keyFigures"`
	Summary    []Figure       `json:"summary"`
	Charts     []charts.Chart `json:"charts"`

	// res is the run the charts were drawn from, and specs the charts of the
	// catalogue (view.Charts): a step draws the charts it was not asked for when
	// the list of charts changed.
	res   *engine.Result
	specs []view.Chart
}

// Service is the scenario service bound to the UI: the user's library, the working
// copy being edited, history and comparison. It keeps no editing state between
// calls (the UI holds the working copy as text), only caches.
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

	lib    *library.Library
	drafts draftStore
	docs   docCache
	states stateCache
	descs  descCache
	// savedSums is the summary of the saved revision key figures are compared with.
	savedSums summaryCache
	// runs computes working copies, evaluating again only the contracts and
	// streams an edit changed since the latest run.
	runs engine.Memo
	// panel makes the inputs panel, again only for the contracts an edit changed.
	panel panelMemo
	// analysis is the running simulation, so a newer one can cancel it, and the
	// last compiled model, which the quick and full runs of a working copy share.
	analysis analysis
	// fg counts the calls under way that a user waits for: speculation yields to them.
	fg foreground

	mu         sync.Mutex
	firstChart time.Duration
	// early is the first screen PrepareFirstScreen computes for the page's first call.
	early *earlyFirstScreen
}

// NewService returns the service over the user's scenario library, with no
// platform yet. Drafts live in the library's database when its store keeps them,
// otherwise in memory for as long as the process runs.
func NewService(lib *library.Library) *Service {
	return &Service{lib: lib, drafts: newDraftStore(lib)}
}

// NewServiceLater returns a service whose library comes later, through attach,
// so that the window or the server can start while the database opens. No call
// may run before or during attach: app/web holds them until then
// (web.Server.Hold). (A function, not a method: every method of Service is bound
// to the page.)
func NewServiceLater() (s *Service, attach func(*library.Library)) {
	s = &Service{}
	return s, func(lib *library.Library) {
		s.lib = lib
		s.drafts = newDraftStore(lib)
	}
}

func (s *Service) platform() Platform {
	if s.Platform == nil {
		return NopPlatform{}
	}
	return s.Platform
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
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
var errInternal = fault.New(fault.Internal, "internal error: the details are in the log")

// errNoLibrary is returned by every library method of a service built without one
// (a programming error, reported rather than panicking).
var errNoLibrary = fault.New(fault.Internal, "internal error: no scenario library is open")

// guard turns a panic into an internal error, so nothing panics across the binding.
func (s *Service) guard(err *error) {
	if v := recover(); v != nil {
		s.logf("panic: %v", v)
		*err = errInternal
	}
}

// userError turns an error from the backend into what the UI shows: the store's
// message for people (its internal failures logged and shown as errInternal),
// anything else as it is (scenario errors already say what would be valid).
func (s *Service) userError(err error) error {
	if err == nil {
		return nil
	}
	var se *store.Error
	if errors.As(err, &se) {
		if se.Code == store.EINTERNAL {
			s.logf("store: %v", err)
			return errInternal
		}
		return fault.New(se.Code, store.ErrorMessage(err))
	}
	return err
}

// ctx is the context of a call: the binding passes none, and no call is long.
func (s *Service) ctx() context.Context { return context.Background() }

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

// checkPeriod accepts "quarter", "year" and "" (quarter).
func checkPeriod(period string) (engine.Period, error) {
	switch period {
	case "", string(engine.Quarterly):
		return engine.Quarterly, nil
	case string(engine.Yearly):
		return engine.Yearly, nil
	}
	return "", fault.Errorf(fault.Invalid, "period %q: use %q or %q", period, engine.Quarterly, engine.Yearly)
}

// compute runs a valid scenario and builds what the UI shows of it. saved, when
// not nil, is the summary of the saved revision: key figures that moved from it
// say from what. build names the charts to draw (nil: every chart); the others
// are listed without their option. facts are view.Facts of sc, found once by the
// caller.
func (s *Service) compute(sc *scenario.Scenario, period engine.Period, saved map[string]engine.Metric, build map[string]bool, facts []view.Fact) (*Computation, error) {
	res, err := s.runs.Run(sc)
	if err != nil {
		s.logf("run %s: %v", sc.Name, err)
		return nil, errInternal
	}
	if period == engine.Yearly {
		res = res.ByYear()
	}
	shown := view.Show(sc, res)
	specs := shown.Charts()
	chs := make([]charts.Chart, len(specs))
	for i, spec := range specs {
		chs[i] = charts.Chart{ID: spec.ID, Title: spec.Title}
		if build != nil && !build[spec.ID] {
			continue
		}
		if chs[i].Option, err = charts.Render(res, spec); err != nil {
			s.logf("charts for %s: chart %s: %v", sc.Name, spec.ID, err)
			return nil, errInternal
		}
	}
	summary := make([]Figure, len(res.Summary))
	for i := range res.Summary {
		summary[i] = figure(&res.Summary[i])
	}
	return &Computation{
		Scenario:   res.Scenario,
		Period:     string(res.Period),
		Periods:    res.Periods,
		KeyFigures: figuresOf(shown.KeyFigures(), shown.FigureCaveats(facts), saved),
		Summary:    summary,
		Charts:     chs,
		res:        res,
		specs:      specs,
	}, nil
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

// keyFigures are the figures a briefing leads with (view.KeyFigures: the PDF's title
// page shows the same list), as the UI shows them.
// saved, when not nil, is the summary of the saved revision: each figure that moved
// from it says from what.
func keyFigures(sc *scenario.Scenario, r *engine.Result, saved map[string]engine.Metric) []Figure {
	return figuresOf(view.KeyFigures(sc, r), view.FigureCaveatsOf(sc), saved)
}

// figuresOf is keyFigures given view's key figures and their caveats.
func figuresOf(list []view.Figure, caveats func(metricID string) []view.Fact, saved map[string]engine.Metric) []Figure {
	out := make([]Figure, len(list))
	for i := range list {
		k := &list[i]
		f := figure(&k.Metric)
		f.Label, f.Context, f.Explain = k.Label, k.Context, k.Explain
		for _, c := range caveats(k.Metric.ID) {
			f.Unconfirmed = append(f.Unconfirmed, c.Owner+": "+c.Text)
		}
		if was, ok := saved[k.Metric.ID]; ok {
			if d := view.Compare(&k.Metric, &was); d.Changed {
				w := figure(&was)
				f.Moved, f.Was, f.WasNull = true, w.Value, w.Null
				switch {
				case k.Metric.Kind == engine.Amount:
					f.Change = money.Cents(d.Amount)
				case !k.Metric.Null && !was.Null:
					f.Change = strconv.Itoa(d.Quarters)
				}
			}
		}
		out[i] = f
	}
	return out
}
