package report

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"dealmodel/backend/engine"
	"dealmodel/backend/gen"
	"dealmodel/backend/scenario"
)

// reachOf is, per contract, the amount furthest from zero in any of its money
// series: how a large briefing ranks them.
func reachOf(r *engine.Result) map[string]decimal.Decimal {
	out := map[string]decimal.Decimal{}
	for _, sr := range r.Series {
		if sr.Group != engine.GroupContract || sr.Unit != engine.Money {
			continue
		}
		for _, v := range sr.Values {
			if v.Abs().GreaterThan(out[sr.Owner]) {
				out[sr.Owner] = v.Abs()
			}
		}
	}
	return out
}

// A scenario of many contracts gets a briefing that describes the largest one by
// one and says how many it leaves out; one of a few contracts lists them all.
func TestLargeBriefingDescribesTheLargestContracts(t *testing.T) {
	s, err := scenario.Parse("g60.yaml", gen.YAML(gen.Size{Contracts: 60, Years: 10}))
	if err != nil {
		t.Fatal(err)
	}
	r := mustRun(t, s)
	l := listingOf(s, r)
	if len(l.contracts) != MaxListed || l.moreContracts != len(s.Contracts)-MaxListed {
		t.Fatalf("%d contracts listed, %d left out, of %d", len(l.contracts), l.moreContracts, len(s.Contracts))
	}
	reach := reachOf(r)
	least := decimal.Zero
	for id := range l.contracts {
		if least.IsZero() || reach[id].LessThan(least) {
			least = reach[id]
		}
	}
	for _, c := range s.Contracts {
		if !l.contract(c.ID) && reach[c.ID].GreaterThan(least) {
			t.Errorf("%s (reach %s) is left out, though a listed one reaches only %s", c.ID, reach[c.ID], least)
		}
	}

	all := flat(strings.Join(pdfText(t, mustPDF(t, &Briefing{Scenario: s, Result: r, Revision: "r1", Now: fixedNow})), " "))
	want := fmt.Sprintf("The %d smaller contracts are not listed one by one: this briefing describes the %d largest.", len(s.Contracts)-MaxListed, MaxListed)
	if !strings.Contains(all, want) {
		t.Errorf("the briefing does not say %q", want)
	}
	for _, c := range s.Contracts {
		named := regexp.MustCompile(`\b` + regexp.QuoteMeta(c.DisplayLabel()) + `\b`).MatchString(all)
		if named != l.contract(c.ID) {
			t.Errorf("%s: named in the briefing %v, listed %v", c.DisplayLabel(), named, l.contract(c.ID))
		}
	}

	few, err := scenario.Parse("g25.yaml", gen.YAML(gen.Size{Contracts: MaxListed, Years: 10}))
	if err != nil {
		t.Fatal(err)
	}
	if l := listingOf(few, mustRun(t, few)); l.contracts != nil || l.streams != nil || l.note(true) != "" {
		t.Errorf("%d contracts: %+v, note %q", MaxListed, l, l.note(true))
	}
}

// The notes read as sentences whatever is left out.
func TestListingNote(t *testing.T) {
	for _, tc := range []struct {
		l       listing
		streams bool
		want    string
	}{
		{listing{moreContracts: 1}, true, "The 1 smaller contract is not listed one by one: this briefing describes the 25 largest."},
		{listing{moreContracts: 975, moreStreams: 75}, false, "The 975 smaller contracts are not listed one by one: this briefing describes the 25 largest."},
		{listing{moreContracts: 975, moreStreams: 75}, true, "The 975 smaller contracts and 75 smaller revenue streams are not listed one by one: this briefing describes the 25 largest of each."},
		{listing{moreStreams: 1}, true, "The 1 smaller revenue stream is not listed one by one: this briefing describes the 25 largest."},
	} {
		got, _, _ := strings.Cut(tc.l.note(tc.streams), " Totals count")
		if got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.l, got, tc.want)
		}
	}
}
