package view

import (
	"fmt"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"dealmodel/backend/contract"
	"dealmodel/backend/engine"
	"dealmodel/backend/scenario"
)

// Subject is one scenario of a comparison and its result (all by the same period).
type Subject struct {
	Scenario *scenario.Scenario
	Result   *engine.Result
}

// Overlay is a series drawn for every scenario of a comparison.
type Overlay struct {
	SeriesID string
	Title    string // the window's title
	// PrintTitle is the PDF's title (the series' own label for a party's flow).
	PrintTitle string
	Note       string
	// Caps are the levels marked on the overlay, one per scenario (a revenue
	// share's cap; nil where the scenario has none), when the contract's type marks
	// one; nil otherwise.
	Caps []*decimal.Decimal
}

// Overlays picks the series worth comparing: the first scenario's contracts' series
// (a revenue share's cumulative payments with the caps), the compute commitments'
// total, then its stakes' values, each when the first scenario and at least one
// other have it. With none in common, the first party's net flows are overlaid.
func Overlays(subjects []Subject) []Overlay {
	if len(subjects) == 0 {
		return nil
	}
	a := subjects[0]
	var early, late []Overlay
	for _, cv := range contractViews(a.Scenario, a.Result) {
		for _, o := range cv.Overlays {
			ov := Overlay{SeriesID: "contract." + cv.c.ID + "." + o.Measure, Title: o.Title, PrintTitle: o.Title, Note: o.Note}
			if o.Cap != nil {
				ov.Caps = capsOf(subjects, cv.c.ID, o.Measure)
			}
			if cv.Late {
				late = append(late, ov)
			} else {
				early = append(early, ov)
			}
		}
	}
	cands := append(early, Overlay{SeriesID: "total.commitments.paid", Title: "Compute commitments paid", PrintTitle: "Compute commitments paid",
		Note: "Payments under all compute commitments in each period."})
	cands = append(cands, late...)
	var keep []Overlay
	for _, k := range cands {
		n := 0
		for _, sub := range subjects {
			if sub.Result.SeriesByID(k.SeriesID) != nil {
				n++
			}
		}
		if a.Result.SeriesByID(k.SeriesID) != nil && n >= 2 {
			keep = append(keep, k)
		}
	}
	if len(keep) == 0 {
		for _, sr := range a.Result.Series {
			if sr.Group == engine.GroupParty && sr.Measure == "net" {
				keep = append(keep, Overlay{SeriesID: sr.ID, Title: sr.Owner + ": net flow", PrintTitle: sr.Label, Note: "Net flow of the party in each period."})
				break
			}
		}
	}
	return keep
}

// capsOf is the level each subject's contract of the id marks on its overlay of
// the measure: nil where the subject has no such enabled contract, or no level.
func capsOf(subjects []Subject, id, measure string) []*decimal.Decimal {
	out := make([]*decimal.Decimal, len(subjects))
	for i, sub := range subjects {
		for _, cv := range contractViews(sub.Scenario, sub.Result) {
			if cv.c.ID != id {
				continue
			}
			for _, o := range cv.Overlays {
				if o.Measure == measure {
					out[i] = o.Cap
				}
			}
		}
	}
	return out
}

// Row is one summary figure of a comparison.
type Row struct {
	ID    string
	Label string
	Group engine.Group
	Kind  engine.MetricKind
	// In lists the results that have the figure, by index, when not all do (nil:
	// all of them).
	In []int
}

// Rows lists every summary figure of any of the results: first those all of them
// have, kept together by group in the order given (the first result's in its
// order, then the others'); then those only some have, a block for each set of
// results that holds them (in the order of their first holder), by group within
// it, so that a figure one scenario lacks is never mixed with those it has.
func Rows(results []*engine.Result, order ...engine.Group) []Row {
	var rows []Row
	seen := map[string]bool{}
	for _, r := range results {
		for i := range r.Summary {
			m := &r.Summary[i]
			if !seen[m.ID] {
				seen[m.ID] = true
				rows = append(rows, Row{ID: m.ID, Label: m.Label, Group: m.Group, Kind: m.Kind})
			}
		}
	}
	for i := range rows {
		var in []int
		for j, r := range results {
			if r.MetricByID(rows[i].ID) != nil {
				in = append(in, j)
			}
		}
		if len(in) < len(results) {
			rows[i].In = in
		}
	}
	rank := map[engine.Group]int{}
	for i, g := range order {
		rank[g] = i
	}
	sort.SliceStable(rows, func(a, b int) bool {
		if ka, kb := holders(rows[a].In), holders(rows[b].In); ka != kb {
			return ka < kb
		}
		return rank[rows[a].Group] < rank[rows[b].Group]
	})
	return rows
}

// holders orders the sets of holders: all first (nil), then by the holders'
// indexes, smallest first ("0", "0,2", "1", …).
func holders(in []int) string {
	if in == nil {
		return ""
	}
	b := make([]byte, 0, 2*len(in)+1)
	b = append(b, '~') // after "", before nothing else that matters
	for i, x := range in {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, byte('a'+x))
	}
	return string(b)
}

// OnlyIn titles the block of rows that only the named scenarios have:
// "Only in Compute", "Only in Compute and Briefing".
func OnlyIn(names []string, in []int) string {
	var who []string
	for _, i := range in {
		if i < len(names) {
			who = append(who, names[i])
		}
	}
	if len(who) == 0 {
		return "In none of these scenarios"
	}
	return "Only in " + contract.ListAnd(who)
}

// ContractGap is a contract that not every scenario of a comparison holds (or
// holds switched on).
type ContractGap struct {
	ID, Label string
	In        []int // the scenarios that hold it, by index
}

// ContractGaps lists the enabled contracts not held by every subject, in the order
// they first appear. None: the scenarios hold the same contracts (by id), so their
// parties' totals compare the same deals.
func ContractGaps(subjects []Subject) []ContractGap {
	var out []ContractGap
	at := map[string]int{}
	for i, sub := range subjects {
		for j := range sub.Scenario.Contracts {
			c := &sub.Scenario.Contracts[j]
			if !c.Enabled {
				continue
			}
			k, ok := at[c.ID]
			if !ok {
				k = len(out)
				at[c.ID] = k
				out = append(out, ContractGap{ID: c.ID, Label: c.DisplayLabel()})
			}
			if in := out[k].In; len(in) == 0 || in[len(in)-1] != i {
				out[k].In = append(out[k].In, i)
			}
		}
	}
	gaps := out[:0]
	for _, g := range out {
		if len(g.In) < len(subjects) {
			gaps = append(gaps, g)
		}
	}
	return gaps
}

// warnedContracts is how many contracts the warning names for one set of
// scenarios before it says how many more: the comparison's "Only in …" rows list
// them all.
const warnedContracts = 3

// ContractWarning says, for people, that the scenarios hold different contracts
// and which, by the scenarios that hold them: "" when they hold the same ones.
// For each set of scenarios it names the first warnedContracts contracts and
// counts the rest ("and 4 more"), which the comparison's "Only in …" rows list.
// names are the scenarios' names.
func ContractWarning(names []string, gaps []ContractGap) string {
	if len(gaps) == 0 {
		return ""
	}
	var sets []string
	by := map[string][]string{}
	for _, g := range gaps {
		k := holders(g.In)
		if _, ok := by[k]; !ok {
			sets = append(sets, k)
		}
		by[k] = append(by[k], g.Label)
	}
	var b strings.Builder
	b.WriteString("These scenarios do not hold the same contracts, so party totals compare different deals.")
	for _, k := range sets {
		var in []int
		for _, g := range gaps {
			if holders(g.In) == k {
				in = g.In
				break
			}
		}
		// Contracts' labels hold commas ("CoreWeave, first contract"): semicolons part them.
		fmt.Fprintf(&b, " Only in %s: %s.", contract.ListAnd(quoted(names, in)), firstOf(by[k]))
	}
	return b.String()
}

// firstOf joins the first warnedContracts labels and counts the rest: "A; B; C;
// and 4 more". One more is named rather than counted.
func firstOf(labels []string) string {
	if len(labels) <= warnedContracts+1 {
		return strings.Join(labels, "; ")
	}
	return fmt.Sprintf("%s; and %d more", strings.Join(labels[:warnedContracts], "; "), len(labels)-warnedContracts)
}

func quoted(names []string, in []int) []string {
	var out []string
	for _, i := range in {
		if i < len(names) {
			out = append(out, "“"+names[i]+"”")
		}
	}
	return out
}

// Difference is b − a of one summary figure in two scenarios.
type Difference struct {
	// Valid: both have a value, of the same kind.
	Valid bool
	// Neither: both are quarters with no value (a cap reached in neither).
	Neither bool
	Kind    engine.MetricKind
	Amount  decimal.Decimal // b − a, exact, for amounts
	Steps   int             // quarters (QuarterValue) or years (YearValue) later
}

// Diff is how figure b differs from figure a; either may be nil (not in that
// scenario).
func Diff(a, b *engine.Metric) Difference {
	if a == nil || b == nil || a.Kind != b.Kind {
		return Difference{}
	}
	d := Difference{Kind: a.Kind}
	switch a.Kind {
	case engine.QuarterValue:
		if a.Null || b.Null {
			d.Neither = a.Null && b.Null
			return d
		}
		d.Steps = int(b.Quarter - a.Quarter)
	case engine.YearValue:
		d.Steps = b.Quarter.Year() - a.Quarter.Year()
	default:
		d.Amount = b.Amount.Sub(a.Amount)
	}
	d.Valid = true
	return d
}
