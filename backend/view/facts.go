package view

import (
	"regexp"
	"strings"
	"sync"
	"time"

	"dealmodel/backend/contract"
	"dealmodel/backend/scenario"
)

// SourceStatus says how firm the fact behind a source line is.
type SourceStatus string

// Source statuses: reported by a named source, reported but not confirmed by the
// parties (or not public), or assumed by the scenario's author.
const (
	Reported    SourceStatus = "reported"
	Unconfirmed SourceStatus = "unconfirmed"
	Assumed     SourceStatus = "assumed"
)

// The patterns are compiled on first use, not when the program starts.
var (
	assumedWords     = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)\bassum`) })
	unconfirmedWords = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)not (been )?confirmed|unconfirmed|disputed|undisclosed|not public|not reported|not disclosed`)
	})
)

// Classify says how firm the fact behind one source line is, from its words: an
// assumption says so ("assumption", "assumed"); a report the parties have not
// confirmed, or a figure that is not public, says that.
func Classify(line string) SourceStatus { return classified.get(line) }

// classified remembers each line's status: every edit of a scenario reads the
// same source lines again, and matching them costs more than computing it.
var classified = lineMemo[SourceStatus]{of: classify}

func classify(line string) SourceStatus {
	switch {
	case assumedWords().MatchString(line):
		return Assumed
	case unconfirmedWords().MatchString(line):
		return Unconfirmed
	}
	return Reported
}

// Fact is one source line of a stream or contract, with what it is about.
type Fact struct {
	// Owner is the label of the stream or contract the line supports.
	Owner  string
	Path   string // streams.<id> or contracts.<id>
	Text   string
	Status SourceStatus
}

// Facts lists the source lines of every enabled contract, then every stream, in
// the scenario's order, each classified. A contract comes first because what is
// unconfirmed about a deal matters more to a reader than a revenue estimate.
func Facts(sc *scenario.Scenario) []Fact {
	var out []Fact
	for i := range sc.Contracts {
		c := &sc.Contracts[i]
		if !c.Enabled || len(c.Sources) == 0 {
			continue
		}
		for _, s := range c.Sources {
			out = append(out, Fact{Owner: c.DisplayLabel(), Path: "contracts." + c.ID, Text: s, Status: Classify(s)})
		}
	}
	for i := range sc.Streams {
		st := &sc.Streams[i]
		if len(st.Sources) == 0 {
			continue
		}
		for _, s := range st.Sources {
			out = append(out, Fact{Owner: st.DisplayLabel(), Path: "streams." + st.ID, Text: s, Status: Classify(s)})
		}
	}
	return out
}

// datePattern finds dates in source lines: 2026-05-11, or a month, 2025-09.
var datePattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`\b(20[0-9]{2})-(0[1-9]|1[0-2])(?:-(0[1-9]|[12][0-9]|3[01]))?\b`)
})

// FactsAsOf is the date of the latest source the scenario cites, for people
// ("11 May 2026", or "September 2025" when the latest is a month), or "" when no
// source carries a date. It reads every source: streams, contracts and ranges.
func FactsAsOf(sc *scenario.Scenario) string {
	var best time.Time
	day := false
	see := func(l string) {
		// A month counts as its first day: a dated report in it is later.
		if d := lineDates.get(l); d.ok && (d.t.After(best) || (d.t.Equal(best) && d.day)) {
			best, day = d.t, d.day
		}
	}
	for i := range sc.Contracts {
		if c := &sc.Contracts[i]; c.Enabled {
			for _, l := range c.Sources {
				see(l)
			}
		}
	}
	for i := range sc.Streams {
		for _, l := range sc.Streams[i].Sources {
			see(l)
		}
	}
	if sc.Uncertainty != nil {
		for _, in := range sc.Uncertainty.Inputs {
			for _, l := range in.Sources {
				see(l)
			}
		}
	}
	switch {
	case best.IsZero():
		return ""
	case day:
		return best.Format("2 January 2006")
	}
	return best.Format("January 2006")
}

// lineDate is the latest date one source line cites (ok: it cites one), and
// whether that is a day rather than a month.
type lineDate struct {
	t       time.Time
	day, ok bool
}

var lineDates = lineMemo[lineDate]{of: latestDate}

func latestDate(l string) lineDate {
	var d lineDate
	for _, m := range datePattern().FindAllStringSubmatch(l, -1) {
		layout, text := "2006-01", m[1]+"-"+m[2]
		if m[3] != "" {
			layout, text = "2006-01-02", text+"-"+m[3]
		}
		t, err := time.Parse(layout, text)
		if err != nil {
			continue
		}
		if !d.ok || t.After(d.t) || (t.Equal(d.t) && m[3] != "") {
			d = lineDate{t: t, day: m[3] != "", ok: true}
		}
	}
	return d
}

// lineMemo remembers what a function of one source line gave, by the line's
// whole text. It holds at most lineMemoLines lines of lineMemoBytes in all; when
// full it starts again, so a stream of ever new lines (typing a source) costs
// memory only within those bounds.
type lineMemo[T any] struct {
	of    func(string) T
	mu    sync.Mutex
	m     map[string]T
	bytes int
}

const (
	lineMemoLines = 4096
	lineMemoBytes = 1 << 20
)

func (c *lineMemo[T]) get(line string) T {
	c.mu.Lock()
	v, ok := c.m[line]
	c.mu.Unlock()
	if ok {
		return v
	}
	v = c.of(line)
	if len(line) > lineMemoBytes/64 {
		return v // a line this long is not worth a place
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= lineMemoLines || c.bytes+len(line) > lineMemoBytes {
		c.m, c.bytes = make(map[string]T), 0
	}
	if _, ok := c.m[line]; !ok {
		// A copy: the line may be part of a larger string that the memo would
		// otherwise keep alive.
		line = strings.Clone(line)
		c.m[line] = v
		c.bytes += len(line)
	}
	return v
}

// Caveats are the facts a reader must know are not firm, for the first page: the
// unconfirmed source lines, at most max of them, and how many lines in all are
// unconfirmed and assumed.
func Caveats(sc *scenario.Scenario, max int) (lines []Fact, unconfirmed, assumed int) {
	seen := map[string]bool{}
	for _, f := range Facts(sc) {
		switch f.Status {
		case Unconfirmed:
			unconfirmed++
			key := strings.ToLower(f.Owner + "\x00" + f.Text)
			if len(lines) < max && !seen[key] {
				seen[key] = true
				lines = append(lines, f)
			}
		case Assumed:
			assumed++
		}
	}
	return lines, unconfirmed, assumed
}

// FigureCaveats are the unconfirmed facts a key figure rests on, by its metric id:
// for a contract's figure the contract's own sources and those of the stream it is
// a share of; for the compute totals every enabled commitment's. A figure with any
// is shown as unconfirmed, with these as the reason.
func FigureCaveats(sc *scenario.Scenario, metricID string) []Fact {
	return FigureCaveatsOf(sc)(metricID)
}

// FigureCaveatsOf is FigureCaveats of sc for each of its key figures in turn: the
// unconfirmed facts and which contracts count as compute spend are found once.
// sc must not change while it is used.
func FigureCaveatsOf(sc *scenario.Scenario) func(metricID string) []Fact {
	unconfirmed := sync.OnceValue(func() []Fact { return unconfirmedOf(Facts(sc)) })
	compute := sync.OnceValue(func() map[string]bool {
		owners := map[string]bool{}
		for i := range sc.Contracts {
			c := &sc.Contracts[i]
			if c.Enabled && isComputeSpend(sc, c) {
				owners["contracts."+c.ID] = true
			}
		}
		return owners
	})
	return figureCaveats(sc, unconfirmed, compute)
}

// unconfirmedOf keeps the unconfirmed facts of a list.
func unconfirmedOf(facts []Fact) []Fact {
	var out []Fact
	for _, f := range facts {
		if f.Status == Unconfirmed {
			out = append(out, f)
		}
	}
	return out
}

// figureCaveats is FigureCaveatsOf given the unconfirmed facts and the paths of
// the enabled compute commitments, each found on first use.
func figureCaveats(sc *scenario.Scenario, unconfirmed func() []Fact, compute func() map[string]bool) func(metricID string) []Fact {
	return func(metricID string) []Fact {
		var owners map[string]bool
		switch {
		case strings.HasPrefix(metricID, "contract."):
			id, _, _ := strings.Cut(strings.TrimPrefix(metricID, "contract."), ".")
			if c := sc.Contract(id); c != nil {
				owners = map[string]bool{"contracts." + c.ID: true}
				if base := contract.BaseStream(c); base != "" {
					owners["streams."+base] = true
				}
			}
		case strings.HasPrefix(metricID, "total.commitments."):
			owners = compute()
		}
		if len(owners) == 0 {
			return nil
		}
		var out []Fact
		for _, f := range unconfirmed() {
			if owners[f.Path] {
				out = append(out, f)
			}
		}
		return out
	}
}

// HeadlineMetric is the figure the uncertainty analysis starts on: what the first
// enabled revenue share with a cap saves its payer ("contract.<id>.cap_savings"),
// because with a cap what is paid is pinned in most runs and the saving is what
// moves; "" leaves the simulation's own default.
func HeadlineMetric(sc *scenario.Scenario) string {
	for i := range sc.Contracts {
		c := &sc.Contracts[i]
		if !c.Enabled {
			continue
		}
		if t, ok := contract.Lookup(c.Type); ok {
			if h := t.Views(sc, c, noResult{}).Headline; h != "" {
				return "contract." + c.ID + "." + h
			}
		}
	}
	return ""
}
