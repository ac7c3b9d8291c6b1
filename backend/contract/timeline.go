package contract

import (
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
