package app

import (
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

// speculateBudget bounds the time one Speculate call spends: values are computed
// in the order given (the page sends those nearest the slider's value first), and
// those left when it is spent are not answered. A large scenario gets a few.
const speculateBudget = 300 * time.Millisecond

// Speculation is what Step would answer for one value of a field.
type Speculation struct {
	Value string      `json:"value"`
	Step  *StepResult `json:"step"`
}

// Speculate answers, for each of values in turn, what Step(base, [set path value],
// period, build) would, without remembering the states it reaches: the page shows
// them while the edit's own step is under way. It stops at the first value that
// does not apply (a speculation shows only values that do), and when its time
// budget is spent. An unknown base answers nothing.
func (s *Service) Speculate(base, path string, values []string, period string, build []string) (out []Speculation, err error) {
	defer s.guard(&err)
	if len(values) > MaxSpeculated {
		return nil, fault.Errorf(fault.Invalid, "%d values to speculate on: at most %d", len(values), MaxSpeculated)
	}
	start := time.Now()
	out = []Speculation{}
	for _, v := range values {
		if time.Since(start) > speculateBudget {
			break
		}
		res, err := s.step(base, []Edit{{Op: OpSet, Path: path, Value: v}}, period, build, false)
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
