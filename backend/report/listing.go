package report

import (
	"fmt"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"dealmodel/backend/engine"
	"dealmodel/backend/scenario"
)

// MaxListed is how many contracts, and apart from them how many revenue streams,
// a briefing describes one by one: their sentences in brief, terms, charts, rows of
// the schedule, cap odds and assumptions. A scenario with more lists its largest
// and says how many it leaves out; its totals and parties still count every one,
// and the CSV export holds every series. Without this a briefing of 1000 contracts
// ran to 646 pages that nobody would read.
const MaxListed = 25

// listing says which contracts and streams the briefing describes one by one.
type listing struct {
	// nil: every one.
	contracts, streams map[string]bool
	// How many are left out.
	moreContracts, moreStreams int
}

// listingOf picks, when a scenario has more than MaxListed contracts (or
// streams), the largest: those whose amounts reach furthest from zero in any
// period (for a contract usually its cumulative payments, so its total; for a
// stake its value). Equal ones keep the scenario's order.
func listingOf(s *scenario.Scenario, r *engine.Result) listing {
	var l listing
	if len(s.Contracts) <= MaxListed && len(s.Streams) <= MaxListed {
		return l
	}
	reach := map[string]decimal.Decimal{}
	for _, sr := range r.Series {
		if sr.Unit != engine.Money || (sr.Group != engine.GroupContract && sr.Group != engine.GroupStream) {
			continue
		}
		key := string(sr.Group) + ":" + sr.Owner
		for _, v := range sr.Values {
			if a := v.Abs(); a.GreaterThan(reach[key]) {
				reach[key] = a
			}
		}
	}
	largest := func(group engine.Group, ids []string) (map[string]bool, int) {
		if len(ids) <= MaxListed {
			return nil, 0
		}
		order := append([]string(nil), ids...)
		sort.SliceStable(order, func(i, j int) bool {
			return reach[string(group)+":"+order[i]].GreaterThan(reach[string(group)+":"+order[j]])
		})
		keep := make(map[string]bool, MaxListed)
		for _, id := range order[:MaxListed] {
			keep[id] = true
		}
		return keep, len(ids) - MaxListed
	}
	contracts := make([]string, len(s.Contracts))
	for i := range s.Contracts {
		contracts[i] = s.Contracts[i].ID
	}
	streams := make([]string, len(s.Streams))
	for i := range s.Streams {
		streams[i] = s.Streams[i].ID
	}
	l.contracts, l.moreContracts = largest(engine.GroupContract, contracts)
	l.streams, l.moreStreams = largest(engine.GroupStream, streams)
	return l
}

// contract says whether the contract id is described one by one.
func (l listing) contract(id string) bool { return l.contracts == nil || l.contracts[id] }

// stream says whether the stream id is described one by one.
func (l listing) stream(id string) bool { return l.streams == nil || l.streams[id] }

// path says whether a field's path (contracts.<id>.…, streams.<id>.…, or a
// scenario-wide one) belongs to what is described one by one.
func (l listing) path(p string) bool {
	parts := strings.SplitN(p, ".", 3)
	if len(parts) < 2 {
		return true
	}
	switch parts[0] {
	case "contracts":
		return l.contract(parts[1])
	case "streams":
		return l.stream(parts[1])
	}
	return true
}

// series says whether a series of the result is described one by one.
func (l listing) series(sr engine.Series) bool {
	switch sr.Group {
	case engine.GroupContract:
		return l.contract(sr.Owner)
	case engine.GroupStream:
		return l.stream(sr.Owner)
	}
	return true
}

// scenario is s with only the contracts described one by one, for the sections
// that say something of each contract; nil when that is every one.
func (l listing) scenario(s *scenario.Scenario) *scenario.Scenario {
	if l.contracts == nil {
		return s
	}
	cut := *s
	cut.Contracts = nil
	for _, c := range s.Contracts {
		if l.contracts[c.ID] {
			cut.Contracts = append(cut.Contracts, c)
		}
	}
	return &cut
}

// note says what the briefing leaves out of its lists, "" when nothing: "The 975
// smaller contracts and 75 smaller revenue streams are not listed one by one: …".
// Sections that list contracts only pass streams false.
func (l listing) note(streams bool) string {
	var parts []string
	verb := "are"
	add := func(n int, one, many string) {
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%d smaller %s", n, plural(n, one, many)))
			verb = plural(n, "is", "are")
		}
	}
	add(l.moreContracts, "contract", "contracts")
	if streams {
		add(l.moreStreams, "revenue stream", "revenue streams")
	}
	switch len(parts) {
	case 0:
		return ""
	case 2:
		verb = "are"
	}
	each := ""
	if len(parts) == 2 {
		each = " of each"
	}
	return fmt.Sprintf("The %s %s not listed one by one: this briefing describes the %d largest%s. Totals count every one; the CSV export holds every series.",
		strings.Join(parts, " and "), verb, MaxListed, each)
}
