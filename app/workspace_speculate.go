package app

import (
	"sync"
	"time"

	"dealmodel/backend/fault"
)

// Speculation: a slider has a few hundred positions, and a step of a small
// scenario costs the service a few milliseconds. When the pointer reaches a
// slider the page asks for the steps to its positions at once, and shows a
// position the user drags to from them, without waiting for a round trip. The
// page still sends every edit as a step (Step): its answers keep the working copy,
// undo and drafts as before, and replace what the speculation showed.

// MaxSpeculated is the most values one Speculate call takes.
const MaxSpeculated = 512

// speculateBudget bounds the time one Speculate call spends computing: values are
// computed in the order given (the page sends those nearest the slider's value
// first), and those left when it is spent are not answered. A large scenario gets
// a few. Short, so that the page's next request, for the positions nearest where
// a drag has gone meanwhile, goes out soon.
const speculateBudget = 100 * time.Millisecond

// maxSpeculatePause bounds how long after its start one Speculate call still
// waits for the calls a user waits for (see foreground); it then answers what it
// has. (A variable for the tests.)
var maxSpeculatePause = 2 * time.Second

// foreground counts the calls under way that a user waits for: steps, charts,
// evaluations. Speculation waits between positions while there is one, so that a
// drag past the positions answered so far gets the cores for its own step instead
// of sharing them with steps it may never need.
type foreground struct {
	mu sync.Mutex
	n  int
	// idle is closed when the last call under way ends.
	idle chan struct{}
}

// enter notes a call under way; the function it returns notes its end (once,
// however often it is called).
func (f *foreground) enter() func() {
	f.mu.Lock()
	if f.n == 0 {
		f.idle = make(chan struct{})
	}
	f.n++
	f.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			f.mu.Lock()
			if f.n--; f.n == 0 {
				close(f.idle)
			}
			f.mu.Unlock()
		})
	}
}

// underWay is how many calls are under way.
func (f *foreground) underWay() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.n
}

// await waits until no call is under way or until is passed; it says whether
// none is.
func (f *foreground) await(until time.Time) bool {
	for {
		f.mu.Lock()
		n, idle := f.n, f.idle
		f.mu.Unlock()
		if n == 0 {
			return true
		}
		wait := time.Until(until)
		if wait <= 0 {
			return false
		}
		t := time.NewTimer(wait)
		select {
		case <-idle:
			t.Stop()
		case <-t.C:
			return false
		}
	}
}

// errSpeculateBusy answers a speculation that waited its whole pause for calls
// the user waits for without computing a position: the page asks again later.
var errSpeculateBusy = fault.New(fault.Busy, "the service was busy with edits the whole time: speculate again once it is not")

// Speculation is what Step would answer for one value of a field.
type Speculation struct {
	Value string      `json:"value"`
	Step  *StepResult `json:"step"`
}

// Speculate answers, for each of values in turn, what Step(base, [set path value],
// period, build) would, without remembering the states it reaches: the page shows
// them while the edit's own step is under way. It stops at the first value that
// does not apply (a speculation shows only values that do), and when its time
// budget is spent. It waits while a call a user waits for is under way (see
// foreground); when it would wait past maxSpeculatePause after its start, it
// answers the values done, or errSpeculateBusy when there are none (an empty
// answer means the first value does not apply). An unknown base answers nothing.
func (s *Service) Speculate(base, path string, values []string, period string, build []string) (out []Speculation, err error) {
	defer s.guard(&err)
	if len(values) > MaxSpeculated {
		return nil, fault.Errorf(fault.Invalid, "%d values to speculate on: at most %d", len(values), MaxSpeculated)
	}
	var spent time.Duration
	pauseEnd := time.Now().Add(maxSpeculatePause)
	out = []Speculation{}
	for _, v := range values {
		if spent > speculateBudget {
			break
		}
		if !s.fg.await(pauseEnd) {
			if len(out) == 0 {
				return nil, errSpeculateBusy
			}
			break
		}
		start := time.Now()
		res, err := s.step(base, []Edit{{Op: OpSet, Path: path, Value: v}}, period, build, false)
		spent += time.Since(start)
		if err != nil {
			return nil, err
		}
		if res.Unknown {
			return []Speculation{}, nil
		}
		if len(res.Problems) > 0 {
			return out, nil
		}
		out = append(out, Speculation{Value: v, Step: res})
	}
	return out, nil
}
