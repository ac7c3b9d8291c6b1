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
	"dealmodel/backend/library"
	"dealmodel/backend/money"
	"dealmodel/backend/scenario"
	"dealmodel/backend/store"
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
	descs  descCache
	// analysis is the running simulation, so a newer one can cancel it, and the
	// last compiled model, which the quick and full runs of a working copy share.
	analysis analysis

	mu         sync.Mutex
	firstChart time.Duration
}

// NewService returns the service over the user's scenario library, with no
// platform yet. Drafts live in the library's database when its store keeps them,
// otherwise in memory for as long as the process runs.
func NewService(lib *library.Library) *Service {
	return &Service{lib: lib, drafts: newDraftStore(lib)}
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
var errInternal = errors.New("internal error: the details are in the log")

// errNoLibrary is returned by every library method of a service built without one
// (a programming error, reported rather than panicking).
var errNoLibrary = errors.New("internal error: no scenario library is open")

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
		return errors.New(store.ErrorMessage(err))
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
	return "", fmt.Errorf("period %q: use %q or %q", period, engine.Quarterly, engine.Yearly)
}

// compute runs a valid scenario and builds what the UI shows of it.
func (s *Service) compute(sc *scenario.Scenario, period engine.Period) (*Computation, error) {
	res, err := engine.Run(sc)
	if err != nil {
		s.logf("run %s: %v", sc.Name, err)
		return nil, errInternal
	}
	if period == engine.Yearly {
		res = res.ByYear()
	}
	chs, err := charts.All(res, sc)
	if err != nil {
		s.logf("charts for %s: %v", sc.Name, err)
		return nil, errInternal
	}
	if chs == nil {
		chs = []charts.Chart{}
	}
	summary := make([]Figure, len(res.Summary))
	for i := range res.Summary {
		summary[i] = figure(&res.Summary[i])
	}
	return &Computation{
		Scenario:   res.Scenario,
		Period:     string(res.Period),
		Periods:    res.Periods,
		KeyFigures: keyFigures(sc, res),
		Summary:    summary,
		Charts:     chs,
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

// keyFigures picks what a briefing leads with: for each revenue share what is paid
// and when the cap binds; then what is committed to compute, how much of it falls
// outside the horizon and the peak year's spend; then each stake's value at the end.
// Each says in one sentence what it means, because the same number reads differently
// with and without paid_before, inside and outside the horizon.
func keyFigures(sc *scenario.Scenario, r *engine.Result) []Figure {
	out, stakes := []Figure{}, []Figure{}
	add := func(list *[]Figure, id, label, context, explain string) *Figure {
		m := r.MetricByID(id)
		if m == nil {
			return nil
		}
		f := figure(m)
		f.Label, f.Context, f.Explain = label, context, explain
		*list = append(*list, f)
		return &(*list)[len(*list)-1]
	}
	first, last := sc.Start.String(), sc.End.String()
	for i := range sc.Contracts {
		c := &sc.Contracts[i]
		if !c.Enabled {
			continue
		}
		p := "contract." + c.ID
		switch c.Type {
		case scenario.TypeRevenueShare:
			base := c.Base
			if st := sc.Stream(c.Base); st != nil {
				base = st.DisplayLabel()
			}
			from, until := maxQ(c.From, sc.Start), minQ(c.Until, sc.End)
			explain := fmt.Sprintf("What %s pays %s under “%s”, %s of %s, from %s through %s",
				c.Payer, c.Payee, c.DisplayLabel(), scenario.FormatRate(c.Rate), base, from, until)
			if c.Cap != nil {
				explain += fmt.Sprintf(", limited by the %s cap", money.Short(*c.Cap))
			}
			if c.PaidBefore.IsPositive() {
				explain += fmt.Sprintf("; the %s paid before %s counts toward the cap but is not included", money.Short(c.PaidBefore), c.From)
			}
			add(&out, p+".total_paid", "Paid to "+c.Payee, fmt.Sprintf("%s–%s", from, until), explain+".")
			if c.Cap != nil {
				f := add(&out, p+".cap_hit", "Cap reached", "cap of "+money.Short(*c.Cap),
					fmt.Sprintf("The quarter in which cumulative payments to %s, counting what was paid before, reach the %s cap; nothing more is paid after it.", c.Payee, money.Short(*c.Cap)))
				if f != nil && f.Null {
					f.Explain = fmt.Sprintf("Cumulative payments to %s stay below the %s cap through %s.", c.Payee, money.Short(*c.Cap), until)
				}
			}
		case scenario.TypeEquity:
			method := "held constant"
			if c.Valuation.Method == scenario.MethodRevenueMultiple {
				method = "moving with revenue at a constant multiple"
			}
			add(&stakes, p+".value_at_end", c.Holder+"'s stake", fmt.Sprintf("%s in %s", scenario.FormatRate(c.Stake), last),
				fmt.Sprintf("%s's %s stake at a valuation of %s in %s, %s, in the last quarter of the horizon.",
					c.Holder, scenario.FormatRate(c.Stake), money.Short(c.Valuation.Amount), c.Valuation.At, method))
		}
	}
	if r.MetricByID("total.commitments.committed") != nil {
		paid := r.MetricByID("total.commitments.total_paid")
		context := "all compute commitments"
		if paid != nil {
			context = money.Short(paid.Amount) + " inside the horizon"
		}
		add(&out, "total.commitments.committed", "Compute committed", context,
			"The total of every enabled compute commitment, whether it falls inside the horizon or not.")
		add(&out, "total.commitments.outside_horizon", "Beyond the horizon", "outside "+first+"–"+last,
			fmt.Sprintf("The part of the compute commitments payable before %s or after %s: it is not drawn in the charts.", first, last))
		peakYear := ""
		if m := r.MetricByID("total.commitments.peak_year"); m != nil {
			peakYear = strconv.Itoa(m.Quarter.Year())
		}
		add(&out, "total.commitments.peak_annual", "Peak annual compute", "in "+peakYear,
			fmt.Sprintf("The highest compute spend of any calendar year under the commitments, reached in %s.", peakYear))
	}
	return append(out, stakes...)
}

func maxQ(a, b scenario.Quarter) scenario.Quarter {
	if a > b {
		return a
	}
	return b
}

func minQ(a, b scenario.Quarter) scenario.Quarter {
	if a < b {
		return a
	}
	return b
}
