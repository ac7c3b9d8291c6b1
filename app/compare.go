package app

import (
	"strconv"
	"strings"

	"dealmodel/backend/charts"
	"dealmodel/backend/engine"
	"dealmodel/backend/fault"
	"dealmodel/backend/scenario"
	"dealmodel/backend/view"
)

// Comparison sets two to four scenarios side by side: their key series overlaid and
// a table of summary figures with each scenario's difference from the first.
type Comparison struct {
	Period    string            `json:"period"`
	Scenarios []ComparedEntry   `json:"scenarios"`
	Charts    []charts.Chart    `json:"charts"`
	Rows      []ComparisonRow   `json:"rows"`
	Groups    []ComparisonGroup `json:"groups"`
	// Warning says when the scenarios do not hold the same contracts, naming
	// those that differ; "" when they do.
	Warning string `json:"warning"`
}

// ComparedEntry is one scenario of a comparison.
type ComparedEntry struct {
	Letter   string `json:"letter"` // A, B, C, D: A is the reference
	Name     string `json:"name"`
	Revision int    `json:"revision"`
	// Draft says the autosaved working copy was compared, not the latest revision.
	Draft   bool   `json:"draft"`
	Horizon string `json:"horizon"` // 2025Q1–2032Q4
}

// ComparisonGroup names a block of rows: a group of the engine's for the figures
// every scenario has, or "only.<indexes>" ("Only in Compute") for those only
// some have.
type ComparisonGroup struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// ComparisonRow is one summary figure across the scenarios. Values and deltas are
// exact: amounts with two decimals, quarters (2029Q2), years (2030); a delta of
// quarters or years is a signed count ("+2"). Null marks a figure a scenario does
// not have, or a quarter never reached.
type ComparisonRow struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Group string `json:"group"`
	Kind  string `json:"kind"` // amount, quarter, year
	// Unit is "GW" for an amount in gigawatts ("" for dollars).
	Unit string `json:"unit,omitempty"`
	// Key says the figure is a key figure of one of the scenarios: the table
	// shows these first, the rest on demand.
	Key   bool            `json:"key"`
	Cells []ComparedValue `json:"cells"`
}

// ComparedValue is one scenario's figure and its difference from the first's.
type ComparedValue struct {
	Value     string `json:"value"`
	Null      bool   `json:"null"`
	Note      string `json:"note,omitempty"` // why Null: "not in this scenario", "not reached"
	Delta     string `json:"delta"`
	DeltaNull bool   `json:"deltaNull"`
}

// Compare computes 2 to 4 scenarios of the library by the period, each as it would
// open (its draft when it has one), and compares them with the first.
func (s *Service) Compare(names []string, period string) (cmp *Comparison, err error) {
	defer s.guard(&err)
	if _, err := s.library(); err != nil {
		return nil, err
	}
	p, err := checkPeriod(period)
	if err != nil {
		return nil, err
	}
	if len(names) < 2 || len(names) > 4 {
		return nil, fault.Errorf(fault.Invalid, "pick 2 to 4 scenarios to compare, not %d", len(names))
	}
	seen := map[string]bool{}
	cmp = &Comparison{Period: string(p)}
	var subjects []charts.Subject
	var results []*engine.Result
	var shown []string // the scenarios' names as stored
	key := map[string]bool{}
	for i, name := range names {
		if seen[foldName(name)] {
			return nil, fault.Errorf(fault.Invalid, "%q is picked twice: pick different scenarios", name)
		}
		seen[foldName(name)] = true
		w, err := s.OpenScenario(name)
		if err != nil {
			return nil, err
		}
		e, err := s.parse(w.Document)
		if err != nil {
			return nil, err
		}
		res, err := engine.Run(e.sc)
		if err != nil {
			s.logf("run %s: %v", name, err)
			return nil, errInternal
		}
		if p == engine.Yearly {
			res = res.ByYear()
		}
		letter := string(rune('A' + i))
		cmp.Scenarios = append(cmp.Scenarios, ComparedEntry{
			Letter: letter, Name: w.Name, Revision: w.Revision, Draft: w.Draft,
			Horizon: e.sc.Start.String() + "–" + e.sc.End.String(),
		})
		// The legends name the scenarios, so a chart copied onto a slide reads alone.
		subjects = append(subjects, charts.Subject{Label: w.Name, Scenario: e.sc, Result: res})
		for _, f := range keyFigures(e.sc, res, nil) {
			key[f.ID] = true
		}
		results = append(results, res)
		shown = append(shown, w.Name)
	}
	if cmp.Charts, err = charts.Compare(subjects); err != nil {
		s.logf("comparison charts: %v", err)
		return nil, errInternal
	}
	cmp.Rows, cmp.Groups = comparisonRows(results, shown, key)
	vs := make([]view.Subject, len(subjects))
	for i, sub := range subjects {
		vs[i] = view.Subject{Scenario: sub.Scenario, Result: sub.Result}
	}
	cmp.Warning = view.ContractWarning(shown, view.ContractGaps(vs))
	return cmp, nil
}

var groupLabels = map[engine.Group]string{
	engine.GroupStream:   "Revenue",
	engine.GroupContract: "Contracts",
	engine.GroupParty:    "Parties",
	engine.GroupTotal:    "Totals",
}

// comparisonRows lists every summary figure of any scenario: those all have,
// grouped as the engine groups them, then those only some have, a group for each
// set of scenarios that has them ("Only in Compute"); and marks the key figures.
// names are the scenarios' names.
func comparisonRows(results []*engine.Result, names []string, isKey map[string]bool) ([]ComparisonRow, []ComparisonGroup) {
	keys := view.Rows(results, engine.GroupTotal, engine.GroupContract, engine.GroupStream, engine.GroupParty)
	rows := make([]ComparisonRow, 0, len(keys))
	var groups []ComparisonGroup
	for _, k := range keys {
		g, label := string(k.Group), groupLabels[k.Group]
		if k.In != nil {
			var ids []string
			for _, i := range k.In {
				ids = append(ids, strconv.Itoa(i))
			}
			g, label = "only."+strings.Join(ids, ","), view.OnlyIn(names, k.In)
		}
		if len(groups) == 0 || groups[len(groups)-1].ID != g {
			groups = append(groups, ComparisonGroup{ID: g, Label: label})
		}
		row := ComparisonRow{ID: k.ID, Label: k.Label, Group: g, Kind: metricKind(k.Kind), Key: isKey[k.ID]}
		ref := results[0].MetricByID(k.ID)
		for _, r := range results {
			if m := r.MetricByID(k.ID); m != nil && m.Unit == engine.Gigawatts {
				row.Unit = string(engine.Gigawatts)
			}
		}
		for i, r := range results {
			m := r.MetricByID(k.ID)
			cell := ComparedValue{}
			switch {
			case m == nil:
				cell.Null, cell.Note = true, "not in this scenario"
			case m.Kind == engine.QuarterValue && m.Null:
				cell.Null, cell.Note = true, "not reached"
			default:
				cell.Value = figure(m).Value
			}
			if i == 0 {
				cell.DeltaNull = true
			} else {
				cell.Delta, cell.DeltaNull = metricDelta(ref, m)
			}
			row.Cells = append(row.Cells, cell)
		}
		rows = append(rows, row)
	}
	return rows, groups
}

func metricKind(k engine.MetricKind) string {
	switch k {
	case engine.QuarterValue:
		return FigureQuarter
	case engine.YearValue:
		return FigureYear
	}
	return FigureAmount
}

// metricDelta is b − a, exact: an amount with two decimals, or a signed count of
// quarters or years. It is null when either side has no value.
func metricDelta(a, b *engine.Metric) (string, bool) {
	d := view.Diff(a, b)
	if !d.Valid {
		return "", true
	}
	if d.Kind != engine.Amount {
		return signed(d.Steps), false
	}
	v := figure(&engine.Metric{Kind: engine.Amount, Amount: d.Amount}).Value
	if !strings.HasPrefix(v, "-") && v != "0.00" {
		v = "+" + v
	}
	return v, false
}

func signed(n int) string {
	if n > 0 {
		return "+" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// labelPath names a key path of a scenario document for people, from the scenarios
// it may belong to (the newer first): "Revenue share to Microsoft: cap".
func labelPath(path string, scs ...*scenario.Scenario) string {
	for _, sc := range scs {
		if f, ok := sc.AnyField(path); ok {
			return f.Label
		}
	}
	if rest, ok := strings.CutPrefix(path, "uncertainty.inputs."); ok {
		for _, sc := range scs {
			for _, f := range sc.Fields() {
				if rest == f.Path {
					return "Uncertainty of " + f.Label
				}
				if p, ok := strings.CutPrefix(rest, f.Path+"."); ok {
					return "Uncertainty of " + f.Label + ": " + humanize(p)
				}
			}
		}
	}
	parts := strings.SplitN(path, ".", 3)
	if len(parts) >= 2 && (parts[0] == "contracts" || parts[0] == "streams") {
		id, _, _ := strings.Cut(parts[1], "[")
		label := ""
		for _, sc := range scs {
			if c := sc.Contract(id); parts[0] == "contracts" && c != nil {
				label = c.DisplayLabel()
				break
			}
			if st := sc.Stream(id); parts[0] == "streams" && st != nil {
				label = st.DisplayLabel()
				break
			}
		}
		if label != "" {
			if len(parts) == 3 {
				return label + ": " + humanize(parts[2])
			}
			return label
		}
	}
	if path == "" {
		return "The whole scenario"
	}
	h := humanize(path)
	return strings.ToUpper(h[:1]) + h[1:]
}

// humanize turns a key path into words: valuation.at → "valuation at".
func humanize(p string) string {
	return strings.NewReplacer("_", " ", ".", " ").Replace(p)
}
