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
