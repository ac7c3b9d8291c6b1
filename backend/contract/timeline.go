package contract

import (
	"fmt"

	"dealmodel/backend/money"
	"dealmodel/backend/scenario"
)

// Event is one dated item of a contract's timeline (format v2): a change of its
// terms, a tranche, a tranche's deadline, a valuation mark. The window's timeline
// and the PDF's "Deal timeline" list them.
type Event struct {
	Quarter scenario.Quarter
	Kind    string // EventChange, EventTranche, EventDeadline, EventMark, EventCapFrom, EventRamp
	// Key is the event's path under the contract (changes.2026Q2,
	// tranches.contingent, tranches.contingent.expires, valuation.marks.2025Q4).
	Key string
	// What says what happens, for people: "cap 38B", "pays $35B".
	What string
	// Note is a change's note or a tranche's condition.
	Note    string
	Sources []string
	// Lapsed says a tranche falls after its deadline and is never paid.
	Lapsed bool
}

// Kinds of events.
const (
	EventChange   = "change"
	EventTranche  = "tranche"
	EventDeadline = "deadline"
	EventMark     = "mark"
	EventCapFrom  = "cap_from"
	EventRamp     = "ramp"
)

// Timeline is implemented by a contract type whose contracts have dated events.
type Timeline interface {
	// Events lists the contract's events in quarter order.
	Events(s *scenario.Scenario, c *scenario.Contract) []Event
}

// EventsOf lists a contract's events, or none when its type has no timeline.
func EventsOf(s *scenario.Scenario, c *scenario.Contract) []Event {
	t, ok := Lookup(c.Type)
	if !ok {
		return nil
	}
	tl, ok := t.(Timeline)
	if !ok {
		return nil
	}
	return tl.Events(s, c)
}

// changeEvents lists dated changes as events.
func changeEvents(changes []Change) []Event {
	out := make([]Event, 0, len(changes))
	for i := range changes {
		ch := &changes[i]
		out = append(out, Event{Quarter: ch.Quarter, Kind: EventChange, Key: "changes." + ch.Quarter.String(),
			What: ch.TermsText(), Note: ch.Note, Sources: ch.Sources})
	}
	return out
}

// sortEvents orders events by quarter, keeping the order of those of one quarter.
func sortEvents(ev []Event) []Event {
	for i := 1; i < len(ev); i++ {
		for j := i; j > 0 && ev[j].Quarter < ev[j-1].Quarter; j-- {
			ev[j], ev[j-1] = ev[j-1], ev[j]
		}
	}
	return ev
}

// Events of a revenue share: when payments start to count toward the cap (when
// set apart from the first cap), and its dated changes.
func (revenueShare) Events(s *scenario.Scenario, c *scenario.Contract) []Event {
	t := Share(c)
	ev := changeEvents(t.Changes)
	if t.CapFromSet {
		ev = append(ev, Event{Quarter: t.CapFrom, Kind: EventCapFrom, Key: "cap_from", What: "payments start to count toward the cap"})
	}
	return sortEvents(ev)
}

// Events of a stake: its dated changes and valuation marks.
func (equity) Events(s *scenario.Scenario, c *scenario.Contract) []Event {
	t := Equity(c)
	ev := changeEvents(t.Changes)
	if c.Valuation.Method == MethodMarks {
		for _, mk := range t.Marks {
			ev = append(ev, Event{Quarter: mk.Quarter, Kind: EventMark, Key: "valuation.marks." + mk.Quarter.String(),
				What: "valued at " + money.Short(mk.Amount)})
		}
	}
	return sortEvents(ev)
}

// Events of a payment in tranches: each tranche, and each deadline.
func (payment) Events(s *scenario.Scenario, c *scenario.Contract) []Event {
	var ev []Event
	for _, t := range Tranches(c) {
		what := fmt.Sprintf("tranche %s pays %s", t.ID, money.Short(t.Amount))
		if t.Lapsed() {
			what = fmt.Sprintf("tranche %s (%s) would fall after its deadline, %s: never paid", t.ID, money.Short(t.Amount), t.Expires)
		}
		ev = append(ev, Event{Quarter: t.At, Kind: EventTranche, Key: "tranches." + t.ID, What: what, Note: t.Condition, Sources: t.Sources, Lapsed: t.Lapsed()})
		if t.ExpiresSet {
			ev = append(ev, Event{Quarter: t.Expires, Kind: EventDeadline, Key: "tranches." + t.ID + ".expires",
				What: fmt.Sprintf("deadline of tranche %s: not paid if it falls due after %s", t.ID, t.Expires), Note: t.Condition, Sources: t.Sources})
		}
	}
	return sortEvents(ev)
}

// Events of a capacity contract: each step of its ramp and each change of price.
func (capacity) Events(s *scenario.Scenario, c *scenario.Contract) []Event {
	t := CapacityOf(c)
	ev := changeEvents(t.Changes)
	for _, g := range t.GW {
		ev = append(ev, Event{Quarter: g.Quarter, Kind: EventRamp, Key: "gw." + g.Quarter.String(),
			What: scenario.FormatGW(g.Amount) + " GW in service"})
	}
	return sortEvents(ev)
}

// The types of format v2 with dated events.
var (
	_ Timeline = revenueShare{}
	_ Timeline = equity{}
	_ Timeline = payment{}
	_ Timeline = capacity{}
)
