package app

import (
	"strings"
	"testing"
)

func TestCheckInput(t *testing.T) {
	s := NewService(nil)
	c, err := s.CheckInput("amount", "280", "200B")
	if err != nil || c.Value != "280" || c.Meant != "280B" || !strings.HasPrefix(c.Question, "Did you mean 280B?") {
		t.Errorf("280 in a field at 200B: %+v, %v; want a question about 280B", c, err)
	}
	for _, text := range []string{"280bn", "$280 billion", "280,000,000,000"} {
		c, err := s.CheckInput("amount", text, "200B")
		if err != nil || c.Value != "280B" || c.Meant != "" || c.Error != "" {
			t.Errorf("%q: %+v, %v; want 280B without a question", text, c, err)
		}
	}
	if c, _ := s.CheckInput("amount", "lots", "200B"); c.Error == "" || c.Value != "" {
		t.Errorf("lots: %+v, want an error", c)
	}
	if c, _ := s.CheckInput("rate", "20", "20%"); !strings.Contains(c.Error, "2000%") {
		t.Errorf("a bare 20 as a rate: %+v", c)
	}
	if c, _ := s.CheckInput("amount", " ", "200B"); c.Error == "" {
		t.Errorf("blank: %+v", c)
	}
	if _, err := s.CheckInput("colour", "red", ""); err == nil {
		t.Error("an unknown kind is accepted")
	}
}

func TestApplyReadsWhatPeopleType(t *testing.T) {
	s := newTestService(t)
	w, _ := open(t, s, "briefing")
	ev := apply(t, s, w.Document, Edit{OpSet, "streams.openai_revenue.annual.2030", "280,000,000,000"})
	if len(ev.Problems) != 0 || input(t, ev, "streams.openai_revenue.annual.2030").Value != "280B" {
		t.Errorf("problems %+v, value %q", ev.Problems, input(t, ev, "streams.openai_revenue.annual.2030").Value)
	}
	ev = apply(t, s, w.Document, Edit{OpSet, "contracts.msft_revshare.cap", "$45 billion"})
	if len(ev.Problems) != 0 || input(t, ev, "contracts.msft_revshare.cap").Value != "45B" {
		t.Errorf("problems %+v", ev.Problems)
	}
}

// After 2030 revenue goes to 400B, its range (168B–308B) no longer holds it: the
// input says so, and a follow edit moves the range with the value.
func TestRangeFollowsAnEdit(t *testing.T) {
	s := newTestService(t)
	w, _ := open(t, s, "briefing")
	const p = "streams.openai_revenue.annual.2030"
	ev := apply(t, s, w.Document, Edit{OpSet, p, "400B"})
	if in := input(t, ev, p); !strings.HasPrefix(in.Outside, "400B is above its range (168B to 308B)") {
		t.Errorf("outside %q, want it to say 400B is above 168B to 308B", in.Outside)
	}
	ev = apply(t, s, w.Document, Edit{OpSet, p, "400B"}, Edit{OpFollow, p, "280B"})
	in := input(t, ev, p)
	if len(ev.Problems) != 0 || in.Outside != "" || in.Range != "triangular: low 240B, mode 400B, high 440B" {
		t.Errorf("followed: problems %+v, outside %q, range %q", ev.Problems, in.Outside, in.Range)
	}
	if in := input(t, ev, "streams.openai_revenue.annual.2029"); in.Range == "" || strings.Contains(in.Range, "240B") {
		t.Errorf("another input's range moved: %q", in.Range)
	}
}
