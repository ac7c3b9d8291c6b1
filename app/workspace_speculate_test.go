package app

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"dealmodel/backend/fault"
)

// A speculation answers each value as Step would, and remembers none of the states
// it reaches: the page's own states stay in the service's cache.
func TestSpeculateAnswersAsStep(t *testing.T) {
	s := NewService(nil)
	ev, err := s.Evaluate(briefingDoc(t), "quarter")
	if err != nil {
		t.Fatal(err)
	}
	const cap = "contracts.msft_revshare.cap"
	build := []string{ev.Computation.Charts[0].ID}
	values := []string{"40B", "30B", "55.4B"}
	got, err := s.Speculate(ev.State, cap, values, "quarter", build)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(values) {
		t.Fatalf("%d answers for %d values", len(got), len(values))
	}
	for i, sp := range got {
		if sp.Value != values[i] {
			t.Errorf("answer %d is for %q, want %q", i, sp.Value, values[i])
		}
		if _, kept := s.states.get(sp.Step.State); kept {
			t.Errorf("%s: the speculation's state was remembered", sp.Value)
		}
		want, err := s.Step(ev.State, []Edit{{OpSet, cap, sp.Value}}, "quarter", build)
		if err != nil {
			t.Fatal(err)
		}
		a, _ := json.Marshal(sp.Step)
		b, _ := json.Marshal(want)
		if string(a) != string(b) {
			t.Errorf("%s: speculated\n%s\nstep\n%s", sp.Value, a, b)
		}
	}
	// The figures differ by value: the caps reached are not all the same quarter.
	if a, b := mustJSON(t, got[0].Step.Patch), mustJSON(t, got[1].Step.Patch); a == b {
		t.Errorf("40B and 30B speculated the same patch: %s", a)
	}
	// The base is still known after all that: the page's next step applies to it.
	if res, err := s.Step(ev.State, []Edit{{OpSet, cap, "41B"}}, "quarter", build); err != nil || res.Unknown {
		t.Fatalf("a step after speculating: %+v, %v", res, err)
	}
}

// A value that does not apply ends the speculation: the page shows only values
// that do, and sends the others as steps to get their messages.
func TestSpeculateStopsAtAValueThatDoesNotApply(t *testing.T) {
	s := NewService(nil)
	ev, err := s.Evaluate(briefingDoc(t), "quarter")
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Speculate(ev.State, "contracts.msft_revshare.cap", []string{"40B", "forty", "41B"}, "quarter", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Value != "40B" {
		t.Errorf("got %v, want the answer for 40B alone", got)
	}
	// An unknown base answers nothing, as Step's "unknown" would.
	if got, err := s.Speculate("no-such-state.quarter", "contracts.msft_revshare.cap", []string{"40B"}, "quarter", nil); err != nil || len(got) != 0 {
		t.Errorf("unknown base: %v, %v", got, err)
	}
	many := make([]string, MaxSpeculated+1)
	for i := range many {
		many[i] = "40B"
	}
	if _, err := s.Speculate(ev.State, "contracts.msft_revshare.cap", many, "quarter", nil); err == nil || !strings.Contains(err.Error(), "at most 512") {
		t.Errorf("%d values: %v", len(many), err)
	}
	if _, err := s.Speculate(ev.State, "contracts.msft_revshare.cap", []string{"40B"}, "week", nil); err == nil {
		t.Error("an unknown period was accepted")
	}
}

// A speculation waits while a call the user waits for is under way, and goes on
// once it ends: it never takes the cores from a step.
func TestSpeculateWaitsForSteps(t *testing.T) {
	s := NewService(nil)
	ev, err := s.Evaluate(briefingDoc(t), "quarter")
	if err != nil {
		t.Fatal(err)
	}
	done := s.fg.enter() // a step under way
	answers := make(chan []Speculation, 1)
	go func() {
		got, err := s.Speculate(ev.State, "contracts.msft_revshare.cap", []string{"40B", "41B"}, "quarter", nil)
		if err != nil {
			t.Error(err)
		}
		answers <- got
	}()
	select {
	case got := <-answers:
		t.Fatalf("answered %d values while a step was under way", len(got))
	case <-time.After(100 * time.Millisecond):
	}
	done()
	done() // a second call of the same end counts once
	select {
	case got := <-answers:
		// Both, unless a slow machine spent the time budget on the first.
		if len(got) == 0 || got[0].Value != "40B" {
			t.Errorf("answers after the step ended: %v, want 40B first", got)
		}
	case <-time.After(maxSpeculatePause + 5*time.Second):
		t.Fatal("the speculation did not go on after the step ended")
	}
	// Step itself counts as such a call while it runs, and not after.
	if _, err := s.Step(ev.State, []Edit{{OpSet, "contracts.msft_revshare.cap", "42B"}}, "quarter", nil); err != nil {
		t.Fatal(err)
	}
	if n := s.fg.underWay(); n != 0 {
		t.Errorf("%d calls under way after the step returned", n)
	}
}

// A speculation that waited its whole pause without computing a position says
// the service was busy (the page asks again later): an empty answer would mean
// that the first value does not apply.
func TestSpeculateBusyAllAlong(t *testing.T) {
	s := NewService(nil)
	ev, err := s.Evaluate(briefingDoc(t), "quarter")
	if err != nil {
		t.Fatal(err)
	}
	was := maxSpeculatePause
	maxSpeculatePause = 50 * time.Millisecond
	t.Cleanup(func() { maxSpeculatePause = was })
	done := s.fg.enter()
	defer done()
	got, err := s.Speculate(ev.State, "contracts.msft_revshare.cap", []string{"40B"}, "quarter", nil)
	if fault.Of(err) != fault.Busy || len(got) != 0 {
		t.Errorf("got %v, %v; want a busy error and no answers", got, err)
	}
}

// Waiting is bounded: a speculation behind calls that do not end answers what it
// has by then.
func TestForegroundAwaitIsBounded(t *testing.T) {
	var f foreground
	if !f.await(time.Now()) {
		t.Error("no call under way, yet await says one is")
	}
	done := f.enter()
	start := time.Now()
	if f.await(start.Add(20 * time.Millisecond)) {
		t.Error("a call under way, yet await says none is")
	}
	if waited := time.Since(start); waited < 20*time.Millisecond {
		t.Errorf("await returned after %v, before its deadline", waited)
	}
	done()
	if !f.await(time.Now().Add(time.Second)) {
		t.Error("the call ended, yet await says one is under way")
	}
	// A waiter goes on when the call ends, not at its deadline.
	done = f.enter()
	go func() {
		time.Sleep(20 * time.Millisecond)
		done()
	}()
	start = time.Now()
	if !f.await(start.Add(time.Minute)) {
		t.Error("the call ended, yet await gave up")
	}
	if waited := time.Since(start); waited > 30*time.Second {
		t.Errorf("await went on %v after the call began, long after it ended", waited)
	}
}
